#!/usr/bin/env bash
# Builds and runs every libFuzzer target for a bounded time.
#
#   npm run fuzz                      # each target FUZZ_SECONDS (default 60) seconds
#   FUZZ_SECONDS=600 npm run fuzz     # longer
#   FUZZ_SEED=0 npm run fuzz          # a random seed (default 1: CI runs are reproducible)
#   tools/fuzz.sh grid_sample         # only some targets
#
# Targets are test/fuzz/<name>.cc (built by CMake's GS_FUZZ option as
# fuzz_<name>, with ASan+UBSan and libFuzzer coverage); seeds are committed in
# test/fuzz/corpus/<name>/. New inputs the fuzzer finds go to
# build-fuzz/corpus/<name>/ (not committed), crashes to build-fuzz/crashes/.
# Adding a target for a new op = adding test/fuzz/<op>.cc and a corpus folder:
# this script finds it. A crash exits non-zero and prints the reproducer path:
# run `build-fuzz/fuzz_<name> <file>` to replay it, fix, and add a regression
# test (test/hostile.test.ts or test/native/).
#
# Needs clang with libFuzzer (Debian: apt-get install clang-14 libclang-rt-14-dev).
set -uo pipefail
cd "$(dirname "$0")/.."
seconds=${FUZZ_SECONDS:-60}
jobs=${FUZZ_BUILD_JOBS:-2}

cxx=${FUZZ_CXX:-}
if [ -z "$cxx" ]; then
  for c in clang++ clang++-14 clang++-15 clang++-16 clang++-19; do
    if command -v "$c" >/dev/null; then cxx=$c; break; fi
  done
fi
if [ -z "$cxx" ]; then
  echo "fuzz: no clang++ found (Debian: apt-get install clang-14 libclang-rt-14-dev)" >&2
  exit 2
fi

# -O1 with line tables: fast to compile (CI budget), readable stacks, and the
# fuzzer's speed is bounded by the sanitizers more than by optimization.
cmake -S . -B build-fuzz -DGS_FUZZ=ON -DCMAKE_BUILD_TYPE=Fuzz -DCMAKE_CXX_FLAGS_FUZZ="-O1 -gline-tables-only" \
  -DCMAKE_CXX_COMPILER="$cxx" >/dev/null || exit 2
cmake --build build-fuzz --parallel "$jobs" >/dev/null || { cmake --build build-fuzz 2>&1 | tail -40; exit 2; }

if [ "$#" -gt 0 ]; then targets=("$@"); else
  targets=()
  for f in test/fuzz/*.cc; do targets+=("$(basename "$f" .cc)"); done
fi

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:allocator_may_return_null=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}
status=0
total_execs=0
mkdir -p build-fuzz/crashes
for t in "${targets[@]}"; do
  bin=build-fuzz/fuzz_$t
  [ -x "$bin" ] || { echo "fuzz: no target $t" >&2; status=1; continue; }
  work=build-fuzz/corpus/$t
  mkdir -p "$work" "test/fuzz/corpus/$t"
  log=build-fuzz/$t.log
  "$bin" "$work" "test/fuzz/corpus/$t" -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=60 -seed="${FUZZ_SEED:-1}" \
    -max_len=4096 -artifact_prefix=build-fuzz/crashes/"$t"- -print_final_stats=1 >"$log" 2>&1
  rc=$?
  execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1)
  execs=${execs:-0}
  total_execs=$((total_execs + execs))
  if [ $rc -eq 0 ]; then
    echo "fuzz $t: ok, $execs executions in ${seconds}s, corpus $(ls "$work" | wc -l) files"
  else
    status=1
    echo "fuzz $t: FAILED (exit $rc) after $execs executions; log $log" >&2
    grep -E 'ERROR|runtime error|SUMMARY|Test unit written|deadly signal' "$log" | head -20 >&2
  fi
done
echo "fuzz: $total_execs executions in total"
exit $status
