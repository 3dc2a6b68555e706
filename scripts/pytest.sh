#!/usr/bin/env bash
# Runs pytest; "no tests collected" (exit 5) is not a failure for a selection that is empty.
set -u
cd "$(dirname "$0")/.."
.venv/bin/python -m pytest "$@"
code=$?
if [ "$code" -eq 5 ]; then
  echo "(no tests in this selection)"
  exit 0
fi
exit "$code"
