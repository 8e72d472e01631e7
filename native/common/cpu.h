// Run-time choice of the SIMD target. Every kernel is compiled once per target
// (see CMakeLists.txt); `active_isa()` says which compilation runs.
#pragma once

// The SIMD targets, lowest first: X(namespace, Isa enumerator, ...). A target's
// kernels live in namespace gs::<namespace>::<family> (native/common/dispatch.h).
// Adding a target: a line here, its CPU test in best_isa() (cpu.cc) and its
// flags in CMakeLists.txt (gs_add_target).
#define GS_ALL_TARGETS(X, ...) \
  X(baseline, Baseline, __VA_ARGS__) X(avx2, Avx2, __VA_ARGS__) X(avx512, Avx512, __VA_ARGS__)
// The targets this build compiles: all of them on x86, the baseline elsewhere.
// Always a prefix of GS_ALL_TARGETS.
#if defined(GS_HAVE_X86_TARGETS)
#define GS_BUILT_TARGETS(X, ...) GS_ALL_TARGETS(X, __VA_ARGS__)
#else
#define GS_BUILT_TARGETS(X, ...) X(baseline, Baseline, __VA_ARGS__)
#endif

namespace gs {

#define GS_DETAIL_ISA_ENUMERATOR(ns, Enumerator, ...) Enumerator,
enum class Isa : int { GS_ALL_TARGETS(GS_DETAIL_ISA_ENUMERATOR, ~) };
#undef GS_DETAIL_ISA_ENUMERATOR
#define GS_DETAIL_ISA_COUNT(ns, Enumerator, ...) +1
constexpr int kIsaCount = 0 GS_ALL_TARGETS(GS_DETAIL_ISA_COUNT, ~);
#undef GS_DETAIL_ISA_COUNT

const char* isa_name(Isa isa);
bool parse_isa(const char* name, Isa* out);

// The best target this CPU (and this build) supports.
Isa best_isa();
// The target kernels dispatch to: best_isa(), lowered by the environment
// variable GRIDSAMPLE_ISA=baseline|avx2|avx512 or by set_isa().
Isa active_isa();
// Selects a target; returns false (and changes nothing) if the CPU or build
// lacks it.
bool set_isa(Isa isa);

}  // namespace gs
