#!/usr/bin/env bash
# `npm run bench`: speed and memory benchmarks (not tests: they print numbers, they do not pass or fail on them).
# Runs every compiled test/bench/*.bench.js, each in its own Node process.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
eval "$(bash .ci/setup.sh)"
npm run --silent build
for bench in out/test/bench/*.bench.js; do
  echo "== ${bench#out/test/bench/}"
  node "$bench"
done
