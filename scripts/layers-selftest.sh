#!/usr/bin/env bash
# Proves every rule of .dependency-cruiser.cjs fires: writes one violating import per rule (and one
# test file that may do all of it), runs the check, lists what fired, then removes every file again.
# Creates packages/wire/src for the wire rules only when the package does not exist yet.
#   bash scripts/layers-selftest.sh      # exit 0 when every rule fired and the test file did not
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
made_wire=""
if [ ! -d packages/wire ]; then
  made_wire=1
  mkdir -p packages/wire/src && echo 'export const x = 1;' > packages/wire/src/index.ts
fi
files=()
w() { printf '%s\n' "$2" > "$1"; files+=("$1"); }
cleanup() {
  rm -f "${files[@]}"
  [ -n "$made_wire" ] && rm -rf packages/wire
}
trap cleanup EXIT
w packages/wire/src/__layers1.ts "import '@savedcards/core';"
w packages/wire/src/__layers2.ts "import 'react';"
w packages/wire/src/__layers3.ts "import 'node:fs';"
w packages/core/src/__layers1.ts "import '@savedcards/msw';"
w packages/core/src/__layers2.ts "import '@tanstack/react-query';"
w packages/react/src/__layers1.ts "import '@savedcards/ui';"
w packages/react/src/__layers2.ts "import '../../wire/src/index.js';"
w packages/ui/src/__layers1.ts "import '@savedcards/msw';"
w packages/server/src/__layers1.ts "import '@savedcards/core';"
w packages/server/src/__layers2.ts "import 'msw';"
w packages/msw/src/__layers1.ts "import '@savedcards/core';"
w packages/msw/src/__layers2.ts "import '../../server/src/index.js';"
w packages/core/src/__layers3.ts "import '../../../test/server.js';"
w packages/server/src/__layers3.ts "import '@savedcards/test-utils';"
w packages/ui/src/__layers4.ts "import './no-such-file.js';"
w packages/core/src/__layers.test.ts "import '@savedcards/msw'; import '../../msw/src/index.js'; import '@savedcards/test-utils';"
out=$(pnpm exec depcruise packages --config .dependency-cruiser.cjs 2>&1)
fired=$(grep -oE '^\s+error [a-z-]+' <<<"$out" | awk '{print $2}' | sort -u)
echo "$fired"
rules=$(node -e "console.log(require('./.dependency-cruiser.cjs').forbidden.map((r) => r.name).join('\n'))")
status=0
for rule in $rules; do
  grep -qx "$rule" <<<"$fired" || { echo "layers-selftest: rule $rule did not fire"; status=1; }
done
if grep -q '__layers.test.ts' <<<"$out"; then
  echo 'layers-selftest: a test file was flagged'; status=1
fi
[ $status -eq 0 ] && echo "layers-selftest: every rule fired; the test file passed"
exit $status
