#!/usr/bin/env bash
# `npm run bench`: speed and memory benchmarks (not tests: they print numbers, they do not pass or fail on them).
# Builds the production bundles, runs every compiled test/bench/*.bench.js, each in its own Node process (each is
# runnable alone too), and prints one table of every measure at the end (also in test-output/bench/table.md).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
eval "$(bash .ci/setup.sh)"
npm run --silent build
node esbuild.mjs --production
mkdir -p test-output/bench
export AZB_BENCH_ROWS="$PWD/test-output/bench/rows.jsonl"
rm -f "$AZB_BENCH_ROWS"
for bench in out/test/bench/*.bench.js; do
  echo "== ${bench#out/test/bench/}"
  node "$bench" || echo "!! ${bench#out/test/bench/} failed (exit $?)"
done
echo
echo "== Azure Batch Operator benchmarks, $(date -u +%Y-%m-%d), $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), Node $(node --version)"
node out/test/bench/benchTable.js "$AZB_BENCH_ROWS" | tee test-output/bench/table.md
