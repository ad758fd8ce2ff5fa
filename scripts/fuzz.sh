#!/bin/sh
# Builds the libFuzzer targets with clang, ASan and UBSan into build-fuzz/
# and runs each for SECONDS (default 30) from a generated seed corpus:
# the named TARGETS, or every target built.
# Prints each target's executions and a "N passed, N failed" line; a crash,
# leak or sanitizer report fails the target and keeps its reproducer.
set -u
cd "$(dirname "$0")/.."
SECONDS_EACH=${1:-30}
TARGETS=${2:-}
WORK=${FUZZ_WORK:-build-fuzz/work}

if ! command -v clang >/dev/null; then
    echo "FAIL clang is missing (scripts/install-deps.sh installs it)"
    echo "0 passed, 1 failed"
    exit 1
fi
if [ ! -f build-fuzz/build.ninja ]; then
    CC=clang meson setup build-fuzz -Dfuzzing=true >/dev/null || exit 1
fi
ninja -C build-fuzz >/dev/null || { echo "0 passed, 1 failed"; exit 1; }
python3 fuzz/make_seeds.py "$WORK/seeds"
# every target that was built, unless some were named
if [ -z "$TARGETS" ]; then
    TARGETS=$(find build-fuzz/fuzz -maxdepth 1 -type f -name 'fuzz_*' -perm -u+x -printf '%f\n' | sort)
fi

passed=0
failed=0
for t in $TARGETS; do
    mkdir -p "$WORK/corpus/$t" "$WORK/artifacts/$t"
    log="$WORK/$t.log"
    if build-fuzz/fuzz/$t -max_total_time="$SECONDS_EACH" -max_len=65536 -timeout=10 \
        -artifact_prefix="$WORK/artifacts/$t/" "$WORK/corpus/$t" "$WORK/seeds/$t" \
        >"$log" 2>&1; then
        runs=$(grep -o 'Done [0-9]* runs' "$log" | tail -1)
        echo "$t: ${runs:-no summary} in ${SECONDS_EACH}s, no crash"
        passed=$((passed + 1))
    else
        echo "FAIL $t: see $log"
        tail -30 "$log"
        failed=$((failed + 1))
    fi
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
