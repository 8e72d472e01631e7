#!/usr/bin/env bash
# `npm run test:sanitize`: builds the addon with AddressSanitizer and
# UndefinedBehaviorSanitizer (CMake option GS_SANITIZE, which also turns the
# native GS_ASSERT preconditions on) into build-sanitize/, then runs the vitest
# suite against that build:
#   - node-gyp-build loads it because GRIDSAMPLE_PREBUILD points there (this
#     covers src/addon.ts and tests that load the binding directly, and is
#     inherited by child processes and worker threads);
#   - node itself is not instrumented, so g++'s libasan is preloaded
#     (LD_PRELOAD) and leak detection is off for the node process (V8 keeps
#     memory until exit on purpose; leaks are checked by tools/leak-check.mjs
#     and the native tests under LeakSanitizer/valgrind instead);
#   - any UBSan report aborts the process (halt_on_error), so it fails a test.
# Arguments are passed to vitest: `npm run test:sanitize -- test/hostile.test.ts`.
# New ops need nothing here: their tests run like every other test file.
set -uo pipefail
cd "$(dirname "$0")/.."
jobs=${SANITIZE_BUILD_JOBS:-2}

mkdir -p build-sanitize
npx cmake-js compile -O build-sanitize/build --CDGS_SANITIZE=ON --parallel "$jobs" >build-sanitize/build.log 2>&1 \
  || { tail -40 build-sanitize/build.log; echo "test:sanitize: build failed" >&2; exit 2; }
addon=build-sanitize/build/Release/gridsample.node
if ! ldd "$addon" | grep libasan >/dev/null; then echo "test:sanitize: $addon is not instrumented" >&2; exit 2; fi
npm run build:ts >/dev/null || exit 2

libasan=$(${CXX:-g++} -print-file-name=libasan.so)
[ -f "$libasan" ] || { echo "test:sanitize: libasan.so not found (apt-get install g++)" >&2; exit 2; }

export GRIDSAMPLE_PREBUILD="$PWD/build-sanitize"
export LD_PRELOAD="$libasan"
export ASAN_OPTIONS="detect_leaks=0:abort_on_error=1:allocator_may_return_null=1:handle_segv=1:detect_odr_violation=0"
export UBSAN_OPTIONS="halt_on_error=1:abort_on_error=1:print_stacktrace=1"
exec npx vitest run "$@"
