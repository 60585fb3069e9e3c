#!/usr/bin/env bash
# `npm run emulator -- --port N --data demo`: the local Azure emulator alone (installs and builds first).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
eval "$(bash .ci/setup.sh)" >/dev/null
npm run --silent build >&2
exec node out/test/emulator/main.js "$@"
