#!/bin/sh
# A package script that builds what it needs first, however it is started:
#   "test": "sh ../../scripts/via-turbo.sh test 'vitest run'"
# Under turbo (which sets TURBO_HASH for its tasks) it runs the command itself: turbo has already
# run what the task depends on (turbo.json's dependsOn). Started any other way, e.g.
# `pnpm --filter @losslab/web test` on a fresh clone, it hands over to
# `turbo run TASK --filter=<this package>`, which builds the dependencies and then runs this script
# again, under turbo. Arguments after the command are passed on in both cases.
set -eu
task="$1"
command="$2"
shift 2
if [ -n "${TURBO_HASH:-}" ]; then
  exec sh -c "$command \"\$@\"" "$task" "$@"
fi
: "${npm_package_name:?run this through the package manager (pnpm run $task), which names the package}"
root="$(cd "$(dirname "$0")/.." && pwd)"
export TURBO_TELEMETRY_DISABLED=1
if [ "$#" -gt 0 ]; then
  exec "$root/node_modules/.bin/turbo" run "$task" --filter="$npm_package_name" --output-logs=new-only -- "$@"
fi
exec "$root/node_modules/.bin/turbo" run "$task" --filter="$npm_package_name" --output-logs=new-only
