#!/usr/bin/env bash
# gridsim on one server, with no scheduler: a run cut into N slices, JOBS of them at a time
# (xargs -P), then merged. The output is what the unsharded command prints and writes.
#
#   Scenarios/cluster/local-slices.sh run Scenarios/township-baseline.json5 --replications 1000
#   SHARDS=40 RUN=baseline Scenarios/cluster/local-slices.sh check Scenarios/ci/policy.json5 --junit junit.xml
#   Scenarios/cluster/local-slices.sh --resume results/RUN     after an interruption: the missing slices
#
# After the script's name comes the gridsim command as you would run it (run, check of one
# scenario, or sweep; the report options --out, --format, --lang, --ledger, --csv and --junit go
# to the merge). `gridsim run --jobs` alone already uses every core; the slices add that a long
# run stopped half-way (Ctrl-C, a reboot, one slice failing) keeps what it did: --resume runs only
# the slices not yet written. The run folder results/RUN holds the slices, each slice's log
# (slice-K.log) and, unless --out is given, the report folder (report/).
#
# Settings (environment): SHARDS the number of slices (default 4 per job), JOBS the slices run at
# once (default: the number of cores), each with SLICE_JOBS replications at once (default 1);
# RUN the run's name (default the date and time); RESULTS the folder of runs (default results).
# With GNU parallel instead of xargs: parallel -j "$JOBS" slices.sh run results/RUN ::: 1 2 3 ...
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
slices="$here/slices.sh"

usage() {
  echo "local-slices.sh: $1" >&2
  echo "usage: [SHARDS=N] [JOBS=J] local-slices.sh run|check|sweep SCENARIO [OPTIONS...] | local-slices.sh --resume RUN_DIR" >&2
  exit 64
}

command -v "${GRIDSIM:-gridsim}" > /dev/null || {
  echo "local-slices.sh: ${GRIDSIM:-gridsim} is not on the PATH; put it there or name it with GRIDSIM=/path/to/gridsim" >&2
  exit 69
}
jobs=${JOBS:-$(nproc)}
[[ $jobs =~ ^[1-9][0-9]*$ ]] || usage "JOBS must be a whole number from 1, not '$jobs'"
export SLICE_JOBS=${SLICE_JOBS:-1}

if [ "${1:-}" = --resume ]; then
  [ $# -eq 2 ] || usage "--resume takes the run folder, results/RUN"
  run=${2%/}
else
  [ $# -ge 2 ] || usage "give the gridsim command after the script's name"
  shards=${SHARDS:-$((4 * jobs))}
  [[ $shards =~ ^[1-9][0-9]*$ ]] || usage "SHARDS must be a whole number from 1, not '$shards'"
  if [ -n "${RUN:-}" ] && [[ ! $RUN =~ ^[A-Za-z0-9][A-Za-z0-9._-]*$ ]]; then
    usage "RUN is a name of letters, digits, '.', '_' and '-', not '$RUN'"
  fi
  run="${RESULTS:-results}/${RUN:-$(date +%Y%m%d-%H%M%S)}"
  "$slices" new "$run" "$shards" "$@"
fi

mapfile -t todo < <("$slices" missing "$run")
if [ ${#todo[@]} -gt 0 ]; then
  echo "local-slices.sh: $run: running ${#todo[@]} of $(sed -n 's/^shards=//p' "$run/run.conf") slices, $jobs at a time (logs $run/slice-K.log)" >&2
  # Each slice in its own process; xargs exits 123 when one fails, and the merge then names it.
  status=0
  # shellcheck disable=SC2016 # expanded by the inner bash
  printf '%s\n' "${todo[@]}" | xargs -P "$jobs" -n 1 \
    bash -c 'exec "$0" run "$1" "$2" > "$1/slice-$2.log" 2>&1' "$slices" "$run" || status=$?
  # 123: some slice failed (named below); anything else (an interruption): stop here.
  if [ "$status" -ne 0 ] && [ "$status" -ne 123 ]; then exit "$status"; fi
  shown=0
  for k in "${todo[@]}"; do
    if [ "$shown" -lt 5 ] && [ ! -f "$run/slice-$k.${SLICE_EXT:-gridsim-slice}" ]; then
      echo "local-slices.sh: slice $k failed: $(grep -v '^slices.sh:' "$run/slice-$k.log" | tail -n 1)" >&2
      shown=$((shown + 1))
    fi
  done
fi
export MISSING_HINT="Their logs are $run/slice-K.log; fix the cause, then run only them and the merge: $here/local-slices.sh --resume $run"
exec "$slices" merge "$run"
