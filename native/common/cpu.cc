#include "cpu.h"

#include <atomic>
#include <cstdlib>
#include <cstring>

namespace gs {

namespace {

#define GS_DETAIL_ISA_NAME(ns, Enumerator, ...) #ns,
constexpr const char* kIsaNames[kIsaCount] = {GS_ALL_TARGETS(GS_DETAIL_ISA_NAME, ~)};
#undef GS_DETAIL_ISA_NAME

}  // namespace

const char* isa_name(Isa isa) {
  const int i = static_cast<int>(isa);
  return i >= 0 && i < kIsaCount ? kIsaNames[i] : kIsaNames[0];
}

bool parse_isa(const char* name, Isa* out) {
  if (!name) return false;
  for (int i = 0; i < kIsaCount; ++i) {
    if (std::strcmp(name, kIsaNames[i]) == 0) {
      *out = static_cast<Isa>(i);
      return true;
    }
  }
  return false;
}

Isa best_isa() {
#if defined(GS_HAVE_X86_TARGETS) && (defined(__x86_64__) || defined(__i386__))
  __builtin_cpu_init();
  const bool avx2 = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
  const bool avx512 = avx2 && __builtin_cpu_supports("avx512f") &&
                      __builtin_cpu_supports("avx512bw") && __builtin_cpu_supports("avx512dq") &&
                      __builtin_cpu_supports("avx512vl");
  if (avx512) return Isa::Avx512;
  if (avx2) return Isa::Avx2;
#endif
  return Isa::Baseline;
}

namespace {

Isa initial_isa() {
  Isa best = best_isa();
  Isa forced;
  if (parse_isa(std::getenv("GRIDSAMPLE_ISA"), &forced) && forced < best) return forced;
  return best;
}

std::atomic<int>& active() {
  static std::atomic<int> isa{static_cast<int>(initial_isa())};
  return isa;
}

}  // namespace

Isa active_isa() { return static_cast<Isa>(active().load(std::memory_order_relaxed)); }

bool set_isa(Isa isa) {
  if (isa > best_isa()) return false;
  active().store(static_cast<int>(isa), std::memory_order_relaxed);
  return true;
}

}  // namespace gs
