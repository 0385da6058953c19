#!/usr/bin/env bash
# One-time set-up on a new machine: redis-server and, for the browser tests, chromium (when missing),
# the npm packages, and a build.
set -euo pipefail
cd "$(dirname "$0")/.."

SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
# The places test/web/browser.ts looks for a browser when CHROMIUM_PATH is not set.
browser_found() {
  [ -n "${CHROMIUM_PATH:-}" ] && return 0
  for b in /usr/bin/chromium /usr/bin/chromium-browser /snap/bin/chromium \
    "/Applications/Chromium.app/Contents/MacOS/Chromium" "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome"; do
    [ -x "$b" ] && return 0
  done
  return 1
}

# A plain string, not an array: macOS's bash 3.2 calls an empty array unbound under set -u.
missing=""
command -v redis-server >/dev/null 2>&1 || missing="$missing redis-server"
browser_found || missing="$missing chromium"

if [ -n "$missing" ] && command -v apt-get >/dev/null 2>&1; then
  echo "setup: installing$missing with apt-get"
  $SUDO apt-get update -qq && $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null
elif ! command -v redis-server >/dev/null 2>&1; then
  if command -v brew >/dev/null 2>&1; then
    echo "setup: installing redis with Homebrew"
    brew install redis
  else
    echo "setup: redis-server is not on the PATH; install Redis 7 (Debian/Ubuntu: apt-get install -y redis-server; macOS: brew install redis), or set REDIS_URL" >&2
    exit 1
  fi
fi

# The app runs without a browser; only npm test's browser suites need one, so this does not stop the set-up.
if ! browser_found; then
  if [ "$(uname)" = Darwin ]; then
    echo "setup: npm test's browser tests need Chrome or Chromium: install Google Chrome (or brew install --cask chromium), or point CHROMIUM_PATH at one, e.g. export CHROMIUM_PATH=\"/Applications/Google Chrome.app/Contents/MacOS/Google Chrome\"" >&2
  else
    echo "setup: npm test's browser tests need Chromium: install it with your package manager (Debian/Ubuntu: apt-get install -y chromium) and, if it is not /usr/bin/chromium, set CHROMIUM_PATH to its binary" >&2
  fi
fi

if [ -f package-lock.json ]; then npm ci --no-audit --no-fund; else npm install --no-audit --no-fund; fi
npm run build
echo "setup: done. Start with: npm start  (then open http://localhost:3000/docs)"
