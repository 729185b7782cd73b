#!/usr/bin/env bash
# gridsim on a Slurm cluster: a run cut into N slices, run by a job array, then merged.
#
#   SHARDS=64 Scenarios/cluster/slurm-submit.sh run Scenarios/township-baseline.json5 --replications 1000
#   SHARDS=4 Scenarios/cluster/slurm-submit.sh sweep Scenarios/ci/policy.json5 \
#     --vary organization.children.staff=1,2,3 --replications 40 --out sweep-report
#   Scenarios/cluster/slurm-submit.sh --resume results/RUN    after a failure: the missing slices, a new merge
#
# After the script's name comes the gridsim command as you would run it on one machine (run, check
# of one scenario, or sweep; --replications, --seed, --set, --vary, --rows, and the report options
# --out, --format, --lang, --ledger, --csv, --junit, which go to the merge). Run it from the folder
# holding the scenario (the repository, say) on a file system the compute nodes share, with
# gridsim on their PATH (make-bundle.sh makes one that needs no Swift) or named by GRIDSIM.
#
# It makes the run folder results/RUN first (so that Slurm can open the logs in it), then submits
#   - a job array of T = min(N, MAX_TASKS) tasks; task t runs slices t, t+T, ... of N
#     (slurm-slices.sbatch; its log results/RUN/slurm-JOB_t.out);
#   - the merge, once every task has ended however it ended (afterany; slurm-merge.sbatch):
#     results/RUN/merge-JOB.out is what the unsharded command prints, results/RUN/report (or
#     --out) its report folder. When slices are missing it names them and exits 66.
#
# Settings (environment): SHARDS the number of slices N (required); RUN the run's name (default
# the date and time); RESULTS the folder of runs (default results); per task CPUS (default 2,
# also the replications run at once), MEM (1G) and TIME_LIMIT (02:00:00); MAX_TASKS (1000);
# for the merge MERGE_MEM (2G) and MERGE_TIME (01:00:00). Slurm's own SBATCH_PARTITION,
# SBATCH_ACCOUNT, SBATCH_QOS and the like apply to both jobs.
#
# Recovery (README, "Beyond one machine"): a failed or lost slice is run again by
# `slurm-submit.sh --resume results/RUN` (only the tasks whose slices are missing, with the same
# K of N, then a new merge), or by `scontrol requeue JOB_t` (Slurm waits about 2 minutes, its
# cred_expire, before the task starts again) and, if the merge has ended already, a new merge:
#   sbatch --dependency=afterany:JOB_t --output=results/RUN/merge-%j.out \
#     --error=results/RUN/merge-%j.err Scenarios/cluster/slurm-merge.sbatch results/RUN
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
slices="$here/slices.sh"
export GRIDSIM_CLUSTER="$here"

usage() {
  echo "slurm-submit.sh: $1" >&2
  echo "usage: SHARDS=N slurm-submit.sh run|check|sweep SCENARIO [OPTIONS...] | slurm-submit.sh --resume RUN_DIR" >&2
  exit 64
}

command -v sbatch > /dev/null || {
  echo "slurm-submit.sh: sbatch is not on the PATH; run this on a Slurm login node" >&2
  exit 69
}

cpus=${CPUS:-2}
[[ $cpus =~ ^[1-9][0-9]*$ ]] || usage "CPUS must be a whole number from 1, not '$cpus'"
max_tasks=${MAX_TASKS:-1000}
[[ $max_tasks =~ ^[1-9][0-9]*$ ]] || usage "MAX_TASKS must be a whole number from 1, not '$max_tasks'"

# Joins numbers, one a line, into Slurm's array syntax: 1-3,7.
array_spec() {
  awk '{ if (start != "" && $1 == last + 1) { last = $1; next }
         if (start != "") out = out (out == "" ? "" : ",") start (last > start ? "-" last : "")
         start = $1; last = $1 }
       END { if (start != "") out = out (out == "" ? "" : ",") start (last > start ? "-" last : ""); print out }'
}

submit_tasks() { # RUN_DIR ARRAY_SPEC
  sbatch --parsable --array="$2" --cpus-per-task="$cpus" --mem="${MEM:-1G}" \
    --time="${TIME_LIMIT:-02:00:00}" --output="$1/slurm-%A_%a.out" \
    "$here/slurm-slices.sbatch" "$1"
}

submit_merge() { # RUN_DIR [DEPENDENCY]
  local dependency=()
  if [ -n "${2:-}" ]; then dependency=(--dependency="afterany:$2"); fi
  sbatch --parsable "${dependency[@]}" --mem="${MERGE_MEM:-2G}" --time="${MERGE_TIME:-01:00:00}" \
    --output="$1/merge-%j.out" --error="$1/merge-%j.err" "$here/slurm-merge.sbatch" "$1"
}

if [ "${1:-}" = --resume ]; then
  [ $# -eq 2 ] || usage "--resume takes the run folder, results/RUN"
  run=${2%/}
  lost=$("$slices" missing "$run")
  tasks=$(sed -n 's/^tasks=//p' "$run/run.conf")
  tasks=${tasks:-$(sed -n 's/^shards=//p' "$run/run.conf")}
  if [ -z "$lost" ]; then
    merge=$(submit_merge "$run")
    echo "$run: every slice is there; merge job $merge: $run/merge-$merge.out"
    exit 0
  fi
  spec=$(while read -r k; do echo $(((k - 1) % tasks + 1)); done <<< "$lost" | sort -nu | array_spec)
  array=$(submit_tasks "$run" "$spec")
  array=${array%%;*}
  merge=$(submit_merge "$run" "$array")
  echo "$run: array job $array runs tasks $spec again (the missing slices); merge job $merge: $run/merge-$merge.out"
  exit 0
fi

[ $# -ge 2 ] || usage "give the gridsim command after the script's name"
shards=${SHARDS:-}
[[ $shards =~ ^[1-9][0-9]*$ ]] || usage "set SHARDS, the number of slices (a whole number from 1), e.g. SHARDS=64"
if [ -n "${RUN:-}" ] && [[ ! $RUN =~ ^[A-Za-z0-9][A-Za-z0-9._-]*$ ]]; then
  usage "RUN is a name of letters, digits, '.', '_' and '-', not '$RUN'"
fi
run="${RESULTS:-results}/${RUN:-$(date +%Y%m%d-%H%M%S)}"
tasks=$((shards < max_tasks ? shards : max_tasks))

"$slices" new "$run" "$shards" "$@"
echo "tasks=$tasks" >> "$run/run.conf"
array=$(submit_tasks "$run" "1-$tasks")
array=${array%%;*}
merge=$(submit_merge "$run" "$array")
echo "$run: $shards slices in array job $array ($tasks tasks; logs $run/slurm-${array}_TASK.out)," \
  "merge job $merge ($run/merge-$merge.out)"
