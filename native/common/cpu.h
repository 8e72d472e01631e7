// Run-time choice of the SIMD target. Every kernel is compiled once per target
// (see CMakeLists.txt); `active_isa()` says which compilation runs.
#pragma once

namespace gs {

enum class Isa : int { Baseline = 0, Avx2 = 1, Avx512 = 2 };

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
