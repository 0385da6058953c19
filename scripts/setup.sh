#!/usr/bin/env bash
# One-time set-up on a new machine: redis-server (when missing), the npm packages, and a build.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v redis-server >/dev/null 2>&1; then
  if command -v apt-get >/dev/null 2>&1; then
    echo "setup: installing redis-server with apt-get"
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get update -qq && $SUDO apt-get install -y -qq redis-server >/dev/null
  elif command -v brew >/dev/null 2>&1; then
    echo "setup: installing redis with Homebrew"
    brew install redis
  else
    echo "setup: redis-server is not on the PATH; install Redis 7 (Debian/Ubuntu: apt-get install -y redis-server; macOS: brew install redis), or set REDIS_URL" >&2
    exit 1
  fi
fi

if [ -f package-lock.json ]; then npm ci --no-audit --no-fund; else npm install --no-audit --no-fund; fi
npm run build
echo "setup: done. Start with: npm start  (then open http://localhost:3000/docs)"
