#!/usr/bin/env bash
# The README's demo command (`npm run demo`): installs what it needs, builds, then starts the local Azure emulator
# and a real VS Code (code-server) on loopback with the extension loaded and pointed at the emulator.
# AZB_DEMO_PORT (default 8080) sets the VS Code port, AZB_EMULATOR_PORT the emulator's (default: any free port).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
eval "$(bash .ci/setup.sh)"
npm run --silent build
exec node out/test/harness/demo.js
