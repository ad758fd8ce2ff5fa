#!/bin/sh
# Runs Vireo's whole test suite: installs what is missing, builds with
# warnings as errors, runs every test (unit, conformance, wire, daemon,
# fuzz) and ends with one "N passed, N failed" line summing them all.
set -u
cd "$(dirname "$0")/.."
scripts/install-deps.sh || exit 1
scripts/build.sh || { echo "0 passed, 1 failed"; exit 1; }
meson test -C build --print-errorlogs --num-processes 2 "$@" >build/test-output.txt 2>&1
status=$?
python3 scripts/summarize-tests.py build/meson-logs/testlog.json
summary=$?
[ $status -eq 0 ] && [ $summary -eq 0 ]
