#!/usr/bin/env bash
# Waits for a Kubernetes Job to complete or to fail, whichever comes first. `kubectl wait
# --for=condition=complete` alone waits its whole timeout when the Job fails; here one waiter per
# condition runs, and the first to return ends the wait (bash 4.3 or later).
#
#   Scenarios/cluster/kubernetes-wait.sh gridsim-slices 6h && kubectl apply -f Scenarios/cluster/kubernetes-merge-job.yaml
#
# Exit 0 when the Job completed; 1 when it failed (its reason and message printed); 2 when the wait
# timed out or kubectl could not tell (its error printed). KUBECTL names kubectl (default: kubectl).
set -euo pipefail
job=${1:?usage: kubernetes-wait.sh JOB [TIMEOUT, default 6h]}
timeout=${2:-6h}
kubectl=${KUBECTL:-kubectl}

"$kubectl" wait --for=condition=complete "job/$job" --timeout="$timeout" > /dev/null &
complete=$!
"$kubectl" wait --for=condition=failed "job/$job" --timeout="$timeout" > /dev/null &
failed=$!
# The other waiter is stopped by its id, however this script ends (SIGKILL after a second if
# SIGTERM is blocked, as it is under some CI runners).
# shellcheck disable=SC2317 # called by the trap
stop_waiters() {
  kill "$complete" "$failed" 2> /dev/null || true
  for _ in 1 2 3 4 5 6 7 8 9 10; do
    kill -0 "$complete" 2> /dev/null || kill -0 "$failed" 2> /dev/null || return 0
    sleep 0.1
  done
  kill -KILL "$complete" "$failed" 2> /dev/null || true
}
trap stop_waiters EXIT
wait -n || true

conditions=$("$kubectl" get "job/$job" \
  -o jsonpath='{range .status.conditions[?(@.status=="True")]}{.type}{" "}{end}') || exit 2
case " $conditions " in
  *" Complete "*)
    echo "job/$job complete"
    exit 0 ;;
  *" Failed "*)
    echo "job/$job failed: $("$kubectl" get "job/$job" \
      -o jsonpath='{.status.conditions[?(@.type=="Failed")].reason}: {.status.conditions[?(@.type=="Failed")].message}')" >&2
    exit 1 ;;
  *)
    echo "job/$job neither complete nor failed after waiting (timeout $timeout; conditions: ${conditions:-none})" >&2
    exit 2 ;;
esac
