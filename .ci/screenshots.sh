#!/usr/bin/env bash
# `npm run screenshots`: regenerates the README's screenshots (media/readme/*.png) from the demo data in a real
# VS Code (code-server) driven by Playwright at 1500×950. Installs what it needs and builds first, like the demo.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
eval "$(bash .ci/setup.sh)"
npm run --silent build
exec node out/test/harness/screenshots.js
