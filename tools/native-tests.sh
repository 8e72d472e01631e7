#!/usr/bin/env bash
# Builds the Node-free native test drivers (test/native/*.cc, CMake option
# GS_NATIVE_TESTS) and runs each one for leaks and memory errors:
#   tools/native-tests.sh            # under valgrind --leak-check=full (default)
#   NATIVE_TESTS_MODE=lsan tools/native-tests.sh   # ASan + LeakSanitizer build
#   NATIVE_TESTS_BUILD_DIR=build-fuzz NATIVE_TESTS_MODE=lsan ...  # reuse an
#       existing sanitized build (e.g. tools/fuzz.sh's) instead of compiling again
# A new op's driver is one more test/native/<name>.cc; nothing to change here.
set -uo pipefail
cd "$(dirname "$0")/.."
mode=${NATIVE_TESTS_MODE:-valgrind}
jobs=${NATIVE_BUILD_JOBS:-2}
if [ "$mode" = lsan ]; then
  dir=${NATIVE_TESTS_BUILD_DIR:-build-native-lsan}; extra=(-DGS_SANITIZE=ON)
else
  dir=${NATIVE_TESTS_BUILD_DIR:-build-native}; extra=()
  command -v valgrind >/dev/null || { echo "native-tests: valgrind not found (apt-get install valgrind)" >&2; exit 2; }
fi
if [ -f "$dir/CMakeCache.txt" ] && [ -n "${NATIVE_TESTS_BUILD_DIR:-}" ]; then
  cmake "$dir" -DGS_NATIVE_TESTS=ON >/dev/null || exit 2   # keep its compiler and options
else
  cmake -S . -B "$dir" -DGS_NATIVE_TESTS=ON -DGS_DEBUG_ASSERTS=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo "${extra[@]}" >/dev/null || exit 2
fi
cmake --build "$dir" --parallel "$jobs" >/dev/null || { cmake --build "$dir" 2>&1 | tail -30; exit 2; }
status=0
for bin in "$dir"/native_*; do
  [ -x "$bin" ] || continue
  if [ "$mode" = lsan ]; then
    if ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=halt_on_error=1 "$bin"; then
      echo "$(basename "$bin"): clean under ASan + LeakSanitizer + UBSan"
    else
      status=1; echo "$(basename "$bin"): FAILED under ASan/LSan/UBSan" >&2
    fi
  else
    log="$dir/$(basename "$bin").valgrind.log"
    # "possibly lost" is not an error: the thread pool is leaked on purpose
    # (native/common/parallel.cc) and its running threads' TLS shows up there.
    if valgrind --leak-check=full --show-leak-kinds=definite,indirect,possible --errors-for-leak-kinds=definite,indirect \
         --error-exitcode=3 "$bin" >"$log" 2>&1; then
      echo "$(basename "$bin"): valgrind clean ($(grep -E 'ERROR SUMMARY|definitely lost|in use at exit' "$log" | sed 's/==[0-9]*== //' | tr '\n' ';'))"
    else
      status=1
      echo "$(basename "$bin"): FAILED under valgrind, log $log" >&2
      grep -E 'FAIL|ERROR SUMMARY|lost|Invalid' "$log" | head -20 >&2
    fi
  fi
done
exit $status
