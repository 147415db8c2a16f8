#!/usr/bin/env bash
# Quick start: set up and open the demo checkout on the embedded mock gateway (no credentials).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/setup.sh
echo "::: demo checkout at http://127.0.0.1:5173 (Ctrl+C to stop)"
exec pnpm demo
