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
//     planar rows and for channels-last rows of W*C values alike; a window
//     of one row is read in place);
//  2. each output element (ow, c) sums its W window of the accumulator and
//     divides: masked gathers over the output elements when windows are
//     short (any C, including an RGB row), a scalar loop otherwise.
// Sums use the policy chosen in adaptive_pool.cc (problem.h `Acc`): the
// input's type for small windows (uint8 in float32, exact), float64 for large
// ones. Items never share output and each is computed the same way whoever
// runs it, so results do not depend on the thread count.
//
// Compiled once per SIMD target inside GS_ISA_NS; adaptive_pool.cc picks one.

#include <cstdint>
#include <cstring>
#include <type_traits>

#include "../common/parallel.h"
#include "../common/simd.h"
#include "problem.h"

namespace gs::GS_ISA_NS::pool {

using gs::pool::Acc;
using gs::pool::AxisWindows;
using gs::pool::Problem;

// The average in the accumulator type A (float64 for float64 input and for
// float32 sums kept in float64, else float32) converted to the output:
// uint8 clamps (NaN -> 0) and rounds half to even.
template <class Out, class A>
inline Out to_output(A v) {
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

// The horizontal step of one output row, e = ow*Cr + c over Lo = Wo*Cr
// elements: y[e] = (sum_k a[off_k[e]]) / kd / kh / kw[e]. Short windows
// (at most kMaxGatherTaps) use masked gathers over e, with padding taps
// that read 0 (adding 0 changes no sum); a division by 1 is exact, so
// dividing every element by its own kw, and skipping kd or kh when 1,
// gives the same bits as the scalar loop.
constexpr int kMaxGatherTaps = 8;

template <class A>
class RowPlan {
 public:
  RowPlan(const AxisWindows& aw, int64_t Cr, bool gather)
      : Cr_(Cr), Lo_(aw.out_size * Cr),
        K_(static_cast<int>(aw.max_len < kMaxGatherTaps ? aw.max_len : kMaxGatherTaps)),
        stride_((Lo_ + 15) / 16 * 16), gather_(gather && aw.max_len <= kMaxGatherTaps) {
    div_ = new A[stride_];
    off_ = gather_ ? new int32_t[stride_ * K_] : nullptr;
    for (int64_t e = 0; e < stride_; ++e) {
      const int64_t ow = e / Cr, c = e % Cr;
      const bool real = e < Lo_;
      const int64_t w0 = real ? aw.start[ow] : 0, kw = real ? aw.end[ow] - aw.start[ow] : 1;
      div_[e] = static_cast<A>(kw);
      unit_ = unit_ && kw == 1;
      if (gather_)
        for (int k = 0; k < K_; ++k)
          off_[k * stride_ + e] = real && k < kw ? static_cast<int32_t>((w0 + k) * Cr + c) : -1;
    }
  }
  ~RowPlan() {
    delete[] div_;
    delete[] off_;
  }
  RowPlan(const RowPlan&) = delete;
  RowPlan& operator=(const RowPlan&) = delete;

  // y[0..Lo) from the row sums a.
  void run(const A* a, const AxisWindows& aw, A kd, A kh, A* y) const {
    using L = simd::Lanes<A>;
    constexpr int V = L::kWidth;
    if (gather_) {
      auto eval = [&](int64_t e) {
        auto s = L::gather(a, off_ + e);
        for (int k = 1; k < K_; ++k) s = s + L::gather(a, off_ + k * stride_ + e);
        if (kd != A(1)) s = s / L::set1(kd);
        if (kh != A(1)) s = s / L::set1(kh);
        return unit_ ? s : s / L::load(div_ + e);  // x / 1 == x
      };
      int64_t e = 0;
      for (; e + V <= Lo_; e += V) L::store(y + e, eval(e));
      if (e < Lo_) {
        alignas(64) A tail[V];
        L::store(tail, eval(e));
        std::memcpy(y + e, tail, sizeof(A) * (Lo_ - e));
      }
      return;
    }
    for (int64_t ow = 0; ow < aw.out_size; ++ow) {
      const int64_t kw = aw.end[ow] - aw.start[ow];
      const A* src = a + aw.start[ow] * Cr_;
      for (int64_t c = 0; c < Cr_; ++c) {
        A s = src[c];
        for (int64_t k = 1; k < kw; ++k) s = s + src[k * Cr_ + c];
        if (kd != A(1)) s = s / kd;
        if (kh != A(1)) s = s / kh;
        y[ow * Cr_ + c] = s / div_[ow * Cr_ + c];
      }
    }
  }

 private:
  int64_t Cr_, Lo_;
  int K_;
  int64_t stride_;
  bool gather_;
  bool unit_ = true;  // every W window has one input (upsampling)
  A* div_;
  int32_t* off_;
};

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
  const int64_t L = W * Cr, Lo = Wo * Cr;
  const bool dense_row = cl || pb.in_s[2] == 1;
  // Output elements e = ow*Cr + c are adjacent in memory.
  const bool dense_out = cl ? (pb.out_sC == 1 && pb.out_s[2] == pb.C) : pb.out_s[2] == 1;
  const int64_t planes = cl ? pb.N : pb.N * pb.C;
  const int64_t rows_out = ad.out_size * Ho;
  const int64_t items = planes * rows_out;
  const int64_t work_per_item = ad.max_len * ah.max_len * L + Lo * aw.max_len;
  const int64_t grain = work_per_item >= 16384 ? 1 : 16384 / work_per_item;
  const RowPlan<A> plan(aw, Cr, pb.gather_ok);

  const Src* in = static_cast<const Src*>(pb.in);
  Out* out = static_cast<Out*>(pb.out);

  parallel_for(0, items, grain, [&](int64_t begin, int64_t end) {
    A* acc = new A[L];
    A* y = new A[Lo > 0 ? Lo : 1];
    for (int64_t it = begin; it < end; ++it) {
      const int64_t p = it / rows_out, r = it % rows_out;
      const int64_t od = r / Ho, oh = r % Ho;
      const int64_t n = cl ? p : p / pb.C, c = cl ? 0 : p % pb.C;
      const Src* base = in + n * pb.in_sN + c * pb.in_sC;
      const int64_t d0 = ad.start[od], d1 = ad.end[od], h0 = ah.start[oh], h1 = ah.end[oh];
      // 1. vertical: the D x H window's rows summed over the whole width
      const A* a = acc;
      if (std::is_same_v<Src, A> && dense_row && d1 - d0 == 1 && h1 - h0 == 1) {
        a = reinterpret_cast<const A*>(base + d0 * pb.in_s[0] + h0 * pb.in_s[1]);  // read in place
      } else {
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
      }
      // 2. horizontal: window sums and the average, straight into a dense
      // output row of the accumulator type
      Out* orow = out + n * pb.out_sN + c * pb.out_sC + od * pb.out_s[0] + oh * pb.out_s[1];
      const bool in_place = std::is_same_v<Out, A> && dense_out;
      plan.run(a, aw, static_cast<A>(d1 - d0), static_cast<A>(h1 - h0), in_place ? reinterpret_cast<A*>(orow) : y);
      if (in_place) {
        // done
      } else if (dense_out) {
        for (int64_t e = 0; e < Lo; ++e) orow[e] = to_output<Out, A>(y[e]);
      } else {
        const int64_t oW = pb.out_s[2], oC = pb.out_sC;
        for (int64_t ow = 0; ow < Wo; ++ow)
          for (int64_t cc = 0; cc < Cr; ++cc) orow[ow * oW + cc * oC] = to_output<Out, A>(y[ow * Cr + cc]);
      }
    }
    delete[] acc;
    delete[] y;
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
      return run_typed<uint8_t, float, uint8_t>(pb);
  }
}

// The entry functions dispatch.h exports (declared in problem.h).
void run(const Problem& pb) { by_dtype(pb); }

}  // namespace gs::GS_ISA_NS::pool
