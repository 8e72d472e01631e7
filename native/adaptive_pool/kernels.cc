// NOTE [ adaptive average pooling kernels ]
//
// PyTorch's adaptive_avg_pool1d/2d/3d (ATen AdaptiveAvgPoolKernel.cpp and
// AdaptiveAveragePooling3d.cpp, 1.13): output o of an axis of size in -> out
// averages inputs [floor(o*in/out), ceil((o+1)*in/out)), the windows of the
// axes multiply, and the average is `sum / kd / kh / kw` in the output's
// type (ATen divides by each window length in turn; a division by 1 is
// exact, so 1D and 2D skip the missing axes). Upsampling (out > in) is the
// same formula with windows of one or two inputs.
//
// The box sum is separable. A work item is one output row (n, [c,] od, oh):
//  1. the rows of its D x H window are added into a row accumulator over the
//     whole input width (a contiguous loop that the compiler vectorises, for
//     planar rows and for channels-last rows of W*C values alike);
//  2. each output column sums its W window of the accumulator and divides.
// Sums use the policy chosen in adaptive_pool.cc (problem.h `Acc`): the
// input's type for small windows, float64 for large float32 windows, exact
// uint32 for uint8. Items never share output and each is computed the same
// way whoever runs it, so results do not depend on the thread count.
//
// Compiled once per SIMD target inside GS_ISA_NS; adaptive_pool.cc picks one.

#include <cstdint>
#include <type_traits>

#include "../common/parallel.h"
#include "problem.h"

namespace gs::GS_ISA_NS::pool {

using gs::pool::Acc;
using gs::pool::AxisWindows;
using gs::pool::Problem;

// sum / kd / kh / kw in the output's compute type (float32 for uint8), then
// uint8 clamps (NaN -> 0) and rounds half to even.
template <class Out, class A>
inline Out finish(A sum, int64_t kd, int64_t kh, int64_t kw) {
  using T = std::conditional_t<std::is_same_v<Out, double> || std::is_same_v<A, double>, double, float>;
  T v = static_cast<T>(sum);
  if (kd != 1) v = v / static_cast<T>(kd);
  if (kh != 1) v = v / static_cast<T>(kh);
  if (kw != 1) v = v / static_cast<T>(kw);
  if constexpr (std::is_same_v<Out, uint8_t>) {
    float f = static_cast<float>(v);
    f = f > 0.f ? f : 0.f;
    f = f < 255.f ? f : 255.f;
    // Adding 1.5 * 2^23 leaves no fraction bits: round half to even (the
    // build never reassociates, so this is not folded away).
    const float big = 12582912.f;
    return static_cast<uint8_t>(static_cast<int>((f + big) - big));
  } else {
    return static_cast<Out>(v);
  }
}

template <class Src, class A, class Out>
void run_typed(const Problem& pb) {
  const AxisWindows& ad = pb.axis[0];
  const AxisWindows& ah = pb.axis[1];
  const AxisWindows& aw = pb.axis[2];
  const int64_t W = aw.in_size, Wo = aw.out_size, Ho = ah.out_size;
  // Channels-last rows: the C values of each column are adjacent and the
  // columns follow each other, so a row is one dense run of W*C values.
  const bool cl = pb.C > 1 && pb.in_sC == 1 && pb.in_s[2] == pb.C;
  const int64_t Cr = cl ? pb.C : 1;  // channels summed together per row
  const int64_t L = W * Cr;
  const bool dense_row = cl || pb.in_s[2] == 1;
  const int64_t planes = cl ? pb.N : pb.N * pb.C;
  const int64_t rows_out = ad.out_size * Ho;
  const int64_t items = planes * rows_out;
  const int64_t work_per_item = ad.max_len * ah.max_len * L + Wo * Cr * aw.max_len;
  const int64_t grain = work_per_item >= 16384 ? 1 : 16384 / work_per_item;

  const Src* in = static_cast<const Src*>(pb.in);
  Out* out = static_cast<Out*>(pb.out);

  parallel_for(0, items, grain, [&](int64_t begin, int64_t end) {
    A* acc = new A[L];
    for (int64_t it = begin; it < end; ++it) {
      const int64_t p = it / rows_out, r = it % rows_out;
      const int64_t od = r / Ho, oh = r % Ho;
      const int64_t n = cl ? p : p / pb.C, c = cl ? 0 : p % pb.C;
      const Src* base = in + n * pb.in_sN + c * pb.in_sC;
      const int64_t d0 = ad.start[od], d1 = ad.end[od], h0 = ah.start[oh], h1 = ah.end[oh];
      bool first = true;
      for (int64_t id = d0; id < d1; ++id) {
        for (int64_t ih = h0; ih < h1; ++ih) {
          const Src* row = base + id * pb.in_s[0] + ih * pb.in_s[1];
          if (dense_row) {
            if (first) for (int64_t i = 0; i < L; ++i) acc[i] = static_cast<A>(row[i]);
            else for (int64_t i = 0; i < L; ++i) acc[i] = acc[i] + static_cast<A>(row[i]);
          } else {
            const int64_t s = pb.in_s[2];
            if (first) for (int64_t i = 0; i < L; ++i) acc[i] = static_cast<A>(row[i * s]);
            else for (int64_t i = 0; i < L; ++i) acc[i] = acc[i] + static_cast<A>(row[i * s]);
          }
          first = false;
        }
      }
      const int64_t kd = d1 - d0, kh = h1 - h0;
      Out* orow = out + n * pb.out_sN + c * pb.out_sC + od * pb.out_s[0] + oh * pb.out_s[1];
      const int64_t oW = pb.out_s[2], oC = pb.out_sC;
      for (int64_t ow = 0; ow < Wo; ++ow) {
        const int64_t w0 = aw.start[ow], w1 = aw.end[ow];
        const A* a = acc + w0 * Cr;
        for (int64_t cc = 0; cc < Cr; ++cc) {
          A s = a[cc];
          for (int64_t k = 1; k < w1 - w0; ++k) s = s + a[k * Cr + cc];
          orow[ow * oW + cc * oC] = finish<Out, A>(s, kd, kh, w1 - w0);
        }
      }
    }
    delete[] acc;
  });
}

void by_dtype(const Problem& pb) {
  switch (pb.dtype) {
    case DType::Float32:
      if (pb.acc == Acc::Double) return run_typed<float, double, float>(pb);
      return run_typed<float, float, float>(pb);
    case DType::Float64: return run_typed<double, double, double>(pb);
    case DType::Uint8:
      if (pb.acc == Acc::Double) return run_typed<uint8_t, double, uint8_t>(pb);
      return run_typed<uint8_t, uint32_t, uint8_t>(pb);
  }
}

}  // namespace gs::GS_ISA_NS::pool

namespace gs::pool::GS_ISA_NS {

void run(const Problem& pb) { gs::GS_ISA_NS::pool::by_dtype(pb); }

}  // namespace gs::pool::GS_ISA_NS
