#!/usr/bin/env bash
# A sharded gridsim run kept in one folder (the run folder): its command, its slices and its merge.
# Used by slurm-submit.sh, slurm-slices.sbatch, slurm-merge.sbatch and local-slices.sh; usable by
# hand on any scheduler.
#
#   slices.sh new RUN_DIR N COMMAND SCENARIO [OPTIONS...]   make RUN_DIR (it must not exist)
#   slices.sh run RUN_DIR K...                              run slices K of N (kept when present)
#   slices.sh task RUN_DIR t                                array task t of T: slices t, t+T, ...
#   slices.sh missing RUN_DIR                               print the slices not yet written
#   slices.sh merge RUN_DIR                                 check that all N are there, then merge
#
# COMMAND is run, check or sweep; SCENARIO and OPTIONS are what you would give gridsim on one
# machine. The report options (--out, --format, --lang, --ledger, --csv, --junit) go to the merge;
# the others (--replications, --seed, --set, --vary, --rows, ...) to every slice. --out defaults to
# RUN_DIR/report. --jobs, --shard and --results are set here: the replications run at once in a
# slice are SLICE_JOBS (default: SLURM_CPUS_PER_TASK, else 1).
#
# RUN_DIR holds slice.args and merge.args (the arguments, NUL-separated), run.conf (shards=N, and
# tasks=T for a job array of T tasks, N by default) and the slices, slice-K.gridsim-slice
# (SLICE_EXT names the extension). A slice is written whole or not at all, and runs the same
# wherever and however often it runs, so a slice already there is kept. gridsim is $GRIDSIM, else
# the one on the PATH. When slices are missing, merge names them (and the array tasks that run
# them) and prints MISSING_HINT, what to do next. Exit codes are gridsim's: 64 usage, 66 slices
# missing (merge), else the code of the gridsim command that failed.
set -euo pipefail

# The slice files' extension, in one place.
SLICE_EXT=${SLICE_EXT:-gridsim-slice}
GRIDSIM=${GRIDSIM:-gridsim}

usage() {
  echo "slices.sh: $1" >&2
  echo "usage: slices.sh new RUN_DIR N COMMAND SCENARIO [OPTIONS...] | run RUN_DIR K... | task RUN_DIR t | missing RUN_DIR | merge RUN_DIR" >&2
  exit 64
}

is_count() { [[ $1 =~ ^[1-9][0-9]{0,8}$ ]]; }

# Reads RUN_DIR's run.conf into the globals shards and tasks.
read_conf() {
  local dir=$1 key value
  shards=""
  tasks=""
  if [ ! -f "$dir/run.conf" ] || [ ! -f "$dir/slice.args" ]; then
    echo "slices.sh: $dir is not a run folder (no run.conf or slice.args; make one with 'slices.sh new')" >&2
    exit 66
  fi
  while IFS='=' read -r key value; do
    case "$key" in
      shards) shards=$value ;;
      tasks) tasks=$value ;;
    esac
  done < "$dir/run.conf"
  if ! is_count "$shards"; then
    echo "slices.sh: $dir/run.conf gives no slice count (shards=N)" >&2
    exit 65
  fi
  tasks=${tasks:-$shards}
  if ! is_count "$tasks" || [ "$tasks" -gt "$shards" ]; then
    echo "slices.sh: $dir/run.conf: tasks=$tasks is not a count from 1 to shards=$shards" >&2
    exit 65
  fi
}

# Prints the slices of RUN_DIR not yet written, one number a line.
missing() {
  local dir=$1 k
  for ((k = 1; k <= shards; k++)); do
    [ -f "$dir/slice-$k.$SLICE_EXT" ] || echo "$k"
  done
}

# Joins numbers, one a line on stdin, into "2, 5, 7-12".
ranges() {
  awk 'function flush() { if (start == "") return; out = out (out == "" ? "" : ", ") start (last > start ? "-" last : ""); }
       { if (start != "" && $1 == last + 1) { last = $1; next } flush(); start = $1; last = $1 }
       END { flush(); print out }'
}

new_run() {
  [ $# -ge 4 ] || usage "new needs RUN_DIR N COMMAND SCENARIO"
  local dir=$1 n=$2 command=$3 scenario=$4
  shift 4
  is_count "$n" || usage "N must be a whole number from 1, not '$n'"
  case "$command" in
    run | check | sweep) ;;
    *) usage "COMMAND is run, check or sweep (the commands that can be sliced), not '$command'" ;;
  esac
  case "$scenario" in -*) usage "SCENARIO comes after COMMAND, not '$scenario'" ;; esac
  if [ ! -f "$scenario" ]; then
    echo "slices.sh: the scenario '$scenario' is not a file here ($(pwd)); run from the folder holding it" >&2
    exit 66
  fi
  local slice=("$command" "$scenario") merge=() out=""
  while [ $# -gt 0 ]; do
    case "$1" in
      --jobs | --jobs=* | --shard | --shard=* | --results | --results=*)
        usage "${1%%=*} is set for each slice here; leave it out (the replications a slice runs at once: SLICE_JOBS, or CPUS on Slurm)" ;;
      --out) [ $# -ge 2 ] || usage "--out needs a folder"; out=$2; shift 2 ;;
      --out=*) out=${1#--out=}; shift ;;
      --format | --lang | --csv | --junit)
        [ $# -ge 2 ] || usage "$1 needs a value"
        merge+=("$1" "$2")
        shift 2 ;;
      --format=* | --lang=* | --csv=* | --junit=* | --ledger) merge+=("$1"); shift ;;
      --rows | --arrivals | --columns)
        [ $# -ge 2 ] || usage "$1 needs a file"
        if [ ! -f "$2" ]; then
          echo "slices.sh: $1 $2: no such file here ($(pwd))" >&2
          exit 66
        fi
        slice+=("$1" "$2")
        shift 2 ;;
      --replications | --seed | --set | --vary)
        [ $# -ge 2 ] || usage "$1 needs a value"
        slice+=("$1" "$2")
        shift 2 ;;
      *) slice+=("$1"); shift ;;
    esac
  done
  merge+=(--out "${out:-$dir/report}")
  # A bad scenario or --set is found here, before any slice is queued.
  if command -v "$GRIDSIM" > /dev/null; then
    local check=("$scenario") i
    for ((i = 2; i < ${#slice[@]}; i++)); do
      case "${slice[i]}" in
        --set) check+=(--set "${slice[i + 1]}"); i=$((i + 1)) ;;
        --set=*) check+=("${slice[i]}") ;;
      esac
    done
    "$GRIDSIM" validate "${check[@]}" > /dev/null
  else
    echo "slices.sh: $GRIDSIM is not on the PATH here, so the scenario is not checked before its slices run" >&2
  fi
  mkdir -p "$(dirname "$dir")"
  if ! mkdir "$dir" 2> /dev/null; then
    echo "slices.sh: $dir exists already; give another run name (a run folder is never reused), or finish that run" >&2
    exit 73
  fi
  printf '%s\0' "${slice[@]}" > "$dir/slice.args"
  printf '%s\0' "${merge[@]}" > "$dir/merge.args"
  printf 'shards=%s\n' "$n" > "$dir/run.conf"
}

run_slices() {
  [ $# -ge 2 ] || usage "run needs RUN_DIR and slice numbers"
  local dir=$1 k file status=0 failed=()
  shift
  read_conf "$dir"
  local args=()
  mapfile -d '' args < "$dir/slice.args"
  local jobs=${SLICE_JOBS:-${SLURM_CPUS_PER_TASK:-1}}
  for k in "$@"; do
    if ! is_count "$k" || [ "$k" -gt "$shards" ]; then usage "slice $k is not one of 1 to $shards"; fi
  done
  for k in "$@"; do
    file="$dir/slice-$k.$SLICE_EXT"
    if [ -f "$file" ]; then
      echo "slice $k/$shards: $file is there already; kept"
      continue
    fi
    "$GRIDSIM" "${args[@]}" --jobs "$jobs" --shard "$k/$shards" --results "$file" || {
      status=$?
      failed+=("$k")
      echo "slices.sh: slice $k/$shards failed (exit $status)" >&2
      # Interrupted (Ctrl-C, or the SIGTERM of a scheduler's time limit): no further slices.
      if [ "$status" -eq 130 ] || [ "$status" -eq 143 ]; then break; fi
    }
  done
  if [ ${#failed[@]} -gt 0 ]; then
    echo "slices.sh: $dir: slice(s) $(printf '%s\n' "${failed[@]}" | ranges) of $shards failed" >&2
  fi
  return "$status"
}

merge_run() {
  [ $# -eq 1 ] || usage "merge needs RUN_DIR"
  local dir=$1 k
  read_conf "$dir"
  local lost
  lost=$(missing "$dir")
  if [ -n "$lost" ]; then
    local where=""
    if [ "$tasks" -lt "$shards" ]; then
      where=" (array tasks $(while read -r k; do echo $(((k - 1) % tasks + 1)); done <<< "$lost" | sort -nu | ranges))"
    fi
    echo "slices.sh: $dir: $(wc -l <<< "$lost" | tr -d ' ') of $shards slices are missing: $(ranges <<< "$lost")$where; no file $dir/slice-K.$SLICE_EXT for them." >&2
    echo "${MISSING_HINT:-Run them (slices.sh run $dir K...), then merge again.}" >&2
    exit 66
  fi
  local merge=() files=()
  mapfile -d '' merge < "$dir/merge.args"
  for ((k = 1; k <= shards; k++)); do files+=("$dir/slice-$k.$SLICE_EXT"); done
  exec "$GRIDSIM" merge "${files[@]}" "${merge[@]}"
}

[ $# -ge 1 ] || usage "no subcommand"
subcommand=$1
shift
case "$subcommand" in
  new) new_run "$@" ;;
  run) run_slices "$@" ;;
  missing)
    [ $# -eq 1 ] || usage "missing needs RUN_DIR"
    read_conf "$1"
    missing "$1" ;;
  task)
    [ $# -eq 2 ] || usage "task needs RUN_DIR and a task number"
    read_conf "$1"
    if ! is_count "$2" || [ "$2" -gt "$tasks" ]; then usage "task $2 is not one of 1 to $tasks"; fi
    mapfile -t ks < <(seq "$2" "$tasks" "$shards")
    run_slices "$1" "${ks[@]}" ;;
  merge) merge_run "$@" ;;
  *) usage "unknown subcommand '$subcommand'" ;;
esac
