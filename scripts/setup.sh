#!/usr/bin/env bash
# Sets up a fresh clone with only Node 20 and npm: pnpm (pinned), then the locked dependencies.
# Sourced by scripts/demo.sh and .ci/run; safe to run again (a no-op when all is in place).
set -euo pipefail
PNPM_VERSION=12.21.0
cd "$(dirname "${BASH_SOURCE[0]}")/.."

if [ "$(pnpm --version 2>/dev/null || true)" != "$PNPM_VERSION" ]; then
  echo "::: installing pnpm $PNPM_VERSION with npm"
  if ! npm install -g --no-fund --no-audit "pnpm@$PNPM_VERSION" >/dev/null 2>&1; then
    # No permission for a global install: keep pnpm inside the repository instead.
    npm install --prefix .tools --no-save --no-fund --no-audit "pnpm@$PNPM_VERSION" >/dev/null
    export PATH="$PWD/.tools/node_modules/.bin:$PATH"
  fi
fi
pnpm install --frozen-lockfile ${PNPM_INSTALL_ARGS:-}
