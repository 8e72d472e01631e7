// One mechanism for every op family to pick its kernels' SIMD target at run
// time, after Highway's HWY_EXPORT / HWY_DYNAMIC_DISPATCH and ATen's
// DispatchStub. A family's kernels.cc is compiled once per target
// (CMakeLists.txt) with GS_ISA_NS set to the target's name, and defines its
// entry functions in namespace gs::GS_ISA_NS::<family>. Then:
//
//   problem.h     GS_DECLARE_KERNELS(grid, void run(const gs::grid::Problem& pb));
//                   declares gs::baseline::grid::run, gs::avx2::grid::run, ...
//   kernels.cc    namespace gs::GS_ISA_NS::grid { void run(const Problem& pb) {...} }
//   grid_sample.cc
//                 constexpr auto kRun = GS_KERNEL_TABLE(grid, run);
//                 kRun(pb);                      // the active target's build
//                 kRun.at(Isa::Baseline)(pb);    // a chosen target's build
//
// Registering a family is those three lines; adding a target is a line in
// GS_ALL_TARGETS (cpu.h), its CPU test and its compiler flags.
#pragma once

#include <array>
#include <utility>

#include "cpu.h"

namespace gs {

// A family function's builds, indexed by Isa; targets this build does not
// compile are null.
template <class Fn>
struct KernelTable {
  std::array<Fn*, kIsaCount> fn;

  // The build for `isa`, or for the best compiled target below it.
  Fn* at(Isa isa) const {
    for (int i = static_cast<int>(isa); i > 0; --i)
      if (fn[i] != nullptr) return fn[i];
    return fn[0];
  }
  template <class... Args>
  decltype(auto) operator()(Args&&... args) const {
    return at(active_isa())(std::forward<Args>(args)...);
  }
};

}  // namespace gs

#define GS_DETAIL_DECLARE_KERNELS(ns, Enumerator, family, ...) \
  namespace gs::ns::family {                                    \
  __VA_ARGS__;                                                  \
  }
// Declares the given function(s) in every target's namespace of `family`.
// Parameter types must be spelled from gs (gs::grid::Problem).
#define GS_DECLARE_KERNELS(family, ...) GS_ALL_TARGETS(GS_DETAIL_DECLARE_KERNELS, family, __VA_ARGS__)

#define GS_DETAIL_KERNEL_ADDRESS(ns, Enumerator, family, fn) &::gs::ns::family::fn,
// The builds of gs::<target>::family::fn for every compiled target (a
// constant expression).
#define GS_KERNEL_TABLE(family, fn)                          \
  ::gs::KernelTable<decltype(::gs::baseline::family::fn)> { \
    { { GS_BUILT_TARGETS(GS_DETAIL_KERNEL_ADDRESS, family, fn) } } \
  }
