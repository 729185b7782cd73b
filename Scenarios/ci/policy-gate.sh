#!/usr/bin/env bash
# The policy gate of a pull request (used by github-actions.yml and gitlab-ci.yml; runs the same
# on a laptop): judge the changed scenario's targets, and compare it with the base branch's on
# common random numbers.
#
#   Scenarios/ci/policy-gate.sh BASE_REF SCENARIO [REPORT_DIR]
#
# BASE_REF is the base branch's commit (origin/main); SCENARIO a scenario path in the repository;
# REPORT_DIR (default gridsim-report) gets junit.xml, check/ (the report folder), compare/ and
# compare.txt. The base branch's files are checked out into a temporary folder here, so relative
# `extends`, preset and roster paths keep working there. `gridsim` must be on the PATH.
# Exit: gridsim check's (0 every target met, 1 one missed, 65 invalid scenario, ...); with
# FAIL_ON_WORSE=1 also 1 when a target the base met is missed.
set -euo pipefail
base_ref=${1:?usage: policy-gate.sh BASE_REF SCENARIO [REPORT_DIR]}
scenario=${2:?usage: policy-gate.sh BASE_REF SCENARIO [REPORT_DIR]}
out=${3:-gridsim-report}
case "$scenario" in
  /*) echo "policy-gate.sh: give SCENARIO relative to the repository's root, not $scenario" >&2; exit 64 ;;
esac
if ! git rev-parse --verify --quiet "$base_ref^{commit}" > /dev/null; then
  echo "policy-gate.sh: '$base_ref' is not a commit here; fetch the base branch (fetch-depth: 0, or git fetch origin BRANCH)" >&2
  exit 66
fi
# REPORT_DIR is replaced only when it is one this script wrote (it holds .gridsim-report).
if [ -e "$out" ] && [ ! -e "$out/.gridsim-report" ]; then
  echo "policy-gate.sh: $out exists and is not a gridsim report folder; give another REPORT_DIR" >&2
  exit 64
fi
rm -rf "$out"
mkdir -p "$out"
touch "$out/.gridsim-report"
# The base branch's files, beside the change inside the working folder (so that files they name
# stay inside the project folder), and not in the report, which CI uploads.
base=$(mktemp -d -p . .gridsim-base.XXXXXX)
trap 'rm -rf "$base"' EXIT
git archive "$base_ref" | tar -x -C "$base"

status=0
gridsim check "$scenario" --junit "$out/junit.xml" --out "$out/check" || status=$?

if [ -f "$base/$scenario" ]; then
  compare=0
  worse=()
  if [ "${FAIL_ON_WORSE:-0}" = 1 ]; then worse=(--fail-on-worse); fi
  gridsim compare "$base/$scenario" "$scenario" --out "$out/compare" "${worse[@]}" \
    > "$out/compare.txt" || compare=$?
  cat "$out/compare.txt"
  if [ "$compare" -gt "$status" ]; then status=$compare; fi
else
  echo "$scenario is new in this change: nothing to compare it with."
fi
exit "$status"
