#!/usr/bin/env bash
# Runs the whole test suite twice in a row while two CPU-bound processes keep two cores busy, and
# reports each run's exit code: the suite must pass on a loaded machine, so nothing in it may
# depend on speed. Turbo's cache is bypassed (TURBO_FORCE), so every task really runs both times.
#   bash scripts/stress-test.sh            after `bash scripts/bootstrap.sh`
# Exits 0 only if both runs pass. The busy processes are started here and stopped here, by their
# PIDs, whatever way the script ends (success, failure, Ctrl-C).
set -uo pipefail
cd "$(dirname "$0")/.."
export TURBO_TELEMETRY_DISABLED=1
export TURBO_FORCE=true

busy_pids=()
stop_busy() {
  for pid in "${busy_pids[@]}"; do kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null; done
  busy_pids=()
}
trap stop_busy EXIT
trap 'stop_busy; exit 130' INT
trap 'stop_busy; exit 143' TERM

for _ in 1 2; do
  node -e 'for (;;) {}' &
  busy_pids+=("$!")
done
echo "stress-test: two busy loops running (PIDs ${busy_pids[*]}) on $(nproc) core(s)"

codes=()
for run in 1 2; do
  started=$(date +%s)
  echo "stress-test: run $run of 2: pnpm test (turbo cache bypassed)"
  pnpm test
  code=$?
  codes+=("$code")
  echo "stress-test: run $run exited $code after $(( $(date +%s) - started )) s"
done

stop_busy
echo "stress-test: summary: run 1 exit ${codes[0]}, run 2 exit ${codes[1]}"
if [ "${codes[0]}" -ne 0 ] || [ "${codes[1]}" -ne 0 ]; then
  echo "stress-test: FAILED" >&2
  exit 1
fi
echo "stress-test: both runs passed"
