#!/usr/bin/env bash
# The README's test command (`npm test`): installs what it needs, builds, lints, then runs every test layer
# (unit, integration in a real VS Code, UI through Playwright) and closes with "N passed, N failed, N skipped" over
# all layers; each layer must run exactly the tests its sources define (test/harness/layerChecks.ts).
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

started=$(date +%s)
exports="$(bash .ci/setup.sh)" || { echo "setup failed"; echo "0 passed, 1 failed, 0 skipped"; exit 1; }
eval "$exports"
echo "[test] setup done in $(( $(date +%s) - started ))s (node $(node --version))"

mkdir -p test-output/results
rm -f test-output/results/*.json
if ! npm run --silent build; then
  echo "[test] build failed"; echo "0 passed, 1 failed, 0 skipped"; exit 1
fi
if ! npm run --silent lint; then
  echo "[test] lint failed"; echo "0 passed, 1 failed, 0 skipped"; exit 1
fi

layers=(unit integration ui)
[ -n "${AZB_LAYERS:-}" ] && read -r -a layers <<< "$AZB_LAYERS"
for layer in "${layers[@]}"; do
  echo; echo "=== $layer tests ==="
  node out/test/harness/runLayer.js "$layer"
done

echo; echo "=== summary ($(( $(date +%s) - started ))s) ==="
node out/test/harness/summary.js "${layers[@]}"
