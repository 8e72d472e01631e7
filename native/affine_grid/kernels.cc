// NOTE [ affine_grid kernels ]
//
// The matrix product of affine_grid (see affine_grid.cc for the whole story),
// compiled once per SIMD target (GS_ISA_NS) so that the fused multiply-adds
// of the BLAS order are single instructions on AVX2/AVX-512 (and the loops
// vectorize); the baseline build calls the C library's correctly rounded
// fma, so every target gives the same bits.
//
// Output point (x, y[, z]) of batch entry n, component j:
//   ATen's loop (small problems):  ((x*t0 + y*t1) + z*t2) + t3, unfused
//   OpenBLAS gemm (larger ones):   fma(z, t2, fma(y, t1, x*t0)) + t3
// then + 0, which turns -0 into +0 as both of PyTorch's paths do.
//
// Work items are output rows (n, d, h) spread over the thread pool; items
// never share output, so results do not depend on the thread count.

#include <cmath>
#include <cstdint>

#include "../common/parallel.h"
#include "problem.h"

namespace gs::GS_ISA_NS::affine {

using gs::affine::Problem;

// One output row of W points; t[j] is row j of theta[n].
template <class T, int Dims, bool Blas>
void fill_row(const T* __restrict bx, int64_t W, T y, T z, const T (&t)[3][4], T* __restrict out) {
  for (int64_t w = 0; w < W; ++w) {
    const T x = bx[w];
    for (int j = 0; j < Dims; ++j) {
      T acc;
      if constexpr (Blas) {
        acc = std::fma(y, t[j][1], x * t[j][0]);
        if constexpr (Dims == 3) acc = std::fma(z, t[j][2], acc);
      } else {
        acc = x * t[j][0] + y * t[j][1];
        if constexpr (Dims == 3) acc = acc + z * t[j][2];
      }
      out[w * Dims + j] = (acc + t[j][Dims]) + T(0);
    }
  }
}

template <class T, int Dims, bool Blas>
void run_typed(const Problem& pb) {
  const T* bz = static_cast<const T*>(pb.base[0]);
  const T* by = static_cast<const T*>(pb.base[1]);
  const T* bx = static_cast<const T*>(pb.base[2]);
  const T* theta = static_cast<const T*>(pb.theta);
  T* out = static_cast<T*>(pb.out);
  const int64_t rows = pb.D * pb.H;
  const int64_t row_len = pb.W * Dims;
  const int64_t grain = row_len >= 16384 ? 1 : 16384 / row_len;
  parallel_for(0, pb.N * rows, grain, [&](int64_t begin, int64_t end) {
    int64_t loaded = -1;
    T t[3][4] = {};
    for (int64_t item = begin; item < end; ++item) {
      const int64_t n = item / rows, r = item % rows;
      if (n != loaded) {
        for (int j = 0; j < Dims; ++j)
          for (int k = 0; k <= Dims; ++k) t[j][k] = theta[n * pb.th_s[0] + j * pb.th_s[1] + k * pb.th_s[2]];
        loaded = n;
      }
      fill_row<T, Dims, Blas>(bx, pb.W, by[r % pb.H], bz[r / pb.H], t, out + item * row_len);
    }
  });
}

template <class T, int Dims>
void by_path(const Problem& pb) {
  if (pb.blas) run_typed<T, Dims, true>(pb);
  else run_typed<T, Dims, false>(pb);
}

template <class T>
void by_dims(const Problem& pb) {
  if (pb.dims == 2) by_path<T, 2>(pb);
  else by_path<T, 3>(pb);
}

// The entry functions dispatch.h exports (declared in problem.h).
void run(const Problem& pb) {
  if (pb.dtype == DType::Float64) by_dims<double>(pb);
  else by_dims<float>(pb);
}

}  // namespace gs::GS_ISA_NS::affine
