#!/usr/bin/env bash
# The policy gate of a pull request (used by github-actions.yml and gitlab-ci.yml; runs the same
# on a laptop): judge the changed scenario's targets, and compare it with the base branch's on
# common random numbers.
#
#   Scenarios/ci/policy-gate.sh BASE_REF SCENARIO [REPORT_DIR]
#
# BASE_REF is the base branch's commit (origin/main); SCENARIO a scenario path in the repository;
# REPORT_DIR (default gridsim-report) gets junit.xml, check/ (the report folder), compare/ and
# compare.txt. The base branch's files are checked out into REPORT_DIR/base, so relative
# `extends`, preset and roster paths keep working there. `gridsim` must be on the PATH.
# Exit: gridsim check's (0 every target met, 1 one missed, 65 invalid scenario, ...); with
# FAIL_ON_WORSE=1 also 1 when a target the base met is missed.
set -euo pipefail
base_ref=${1:?usage: policy-gate.sh BASE_REF SCENARIO [REPORT_DIR]}
scenario=${2:?usage: policy-gate.sh BASE_REF SCENARIO [REPORT_DIR]}
out=${3:-gridsim-report}
rm -rf "$out"
mkdir -p "$out/base"
git archive "$base_ref" | tar -x -C "$out/base"

status=0
gridsim check "$scenario" --junit "$out/junit.xml" --out "$out/check" || status=$?

if [ -f "$out/base/$scenario" ]; then
  compare=0
  gridsim compare "$out/base/$scenario" "$scenario" --out "$out/compare" ${FAIL_ON_WORSE:+--fail-on-worse} \
    > "$out/compare.txt" || compare=$?
  cat "$out/compare.txt"
  if [ "$compare" -gt "$status" ]; then status=$compare; fi
else
  echo "$scenario is new in this change: nothing to compare it with."
fi
exit "$status"
