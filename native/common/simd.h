// The lane types kernels use for the per-channel inner loops: a masked gather
// (lanes whose offset is negative read 0), loads, stores and arithmetic.
// Which implementation is compiled depends on the flags of the translation
// unit (one per target, see CMakeLists.txt); `Lanes<T>::kWidth == 1` is the
// portable scalar form. Arithmetic uses plain operators on GCC/Clang vector
// types and the project builds with -ffp-contract=off: a fused multiply-add
// happens only where a kernel asks for `fma` (to round exactly like PyTorch),
// and then on every target, so results are identical across targets.
#pragma once

#include <cmath>
#include <cstdint>
#include <cstring>

#if defined(__AVX2__) || defined(__AVX512F__)
#include <immintrin.h>
#endif

#ifndef GS_ISA_NS
#define GS_ISA_NS generic
#endif

// Everything compiled per target lives in a namespace named after the target,
// so no inline function or template of one target can stand in for another's
// at link time (which would run AVX-512 code on a CPU without it).
namespace gs::GS_ISA_NS::simd {

// Scalar form: one lane. `Src` may be narrower than T (uint8 input read as
// float) and the offsets may be 64-bit.
template <class T>
struct ScalarLanes {
  using V = T;
  static constexpr int kWidth = 1;
  static constexpr bool kPairs = false;  // see gather_pair below
  static V zero() { return T(0); }
  static V set1(T x) { return x; }
  static V load(const T* p) { return *p; }
  static void store(T* p, V v) { *p = v; }
  static V fma(V a, V b, V c) { return std::fma(a, b, c); }
  template <class Src, class Index>
  static V gather(const Src* base, const Index* off) {
    return *off >= 0 ? static_cast<T>(base[*off]) : T(0);
  }
  // uint8 taps read as T (see the vector forms below).
  template <class Index>
  static V gather_u8(const uint8_t* base, const Index* off) { return gather(base, off); }
};

template <class T>
struct Lanes : ScalarLanes<T> {};

#if defined(__AVX512F__)
template <>
struct Lanes<float> {
  using V = __m512;
  static constexpr int kWidth = 16;
  static constexpr bool kPairs = true;
  static V zero() { return _mm512_setzero_ps(); }
  static V set1(float x) { return _mm512_set1_ps(x); }
  static V load(const float* p) { return _mm512_loadu_ps(p); }
  static void store(float* p, V v) { _mm512_storeu_ps(p, v); }
  static V fma(V a, V b, V c) { return _mm512_fmadd_ps(a, b, c); }
  static V gather(const float* base, const int32_t* off) {
    __m512i idx = _mm512_loadu_si512(off);
    __mmask16 m = _mm512_cmpge_epi32_mask(idx, _mm512_setzero_si512());
    return _mm512_mask_i32gather_ps(_mm512_setzero_ps(), m, idx, base, 4);
  }
  // uint8 taps as floats (0 where off < 0), with 32-bit gathers that never
  // reach past a tap: a tap at off >= 3 is the top byte of the word ending
  // at it; one at off < 3 the low byte of the word starting there (the
  // caller ensures at least 6 bytes of plane from base).
  static V gather_u8(const uint8_t* base, const int32_t* off) {
    __m512i idx = _mm512_loadu_si512(off);
    __mmask16 m = _mm512_cmpge_epi32_mask(idx, _mm512_setzero_si512());
    __mmask16 high = _mm512_cmpge_epi32_mask(idx, _mm512_set1_epi32(3));
    __m512i start = _mm512_mask_sub_epi32(idx, high, idx, _mm512_set1_epi32(3));
    __m512i word = _mm512_mask_i32gather_epi32(_mm512_setzero_si512(), m, start, base, 1);
    __m512i byte = _mm512_mask_srli_epi32(word, high, word, 24);
    byte = _mm512_and_si512(byte, _mm512_set1_epi32(0xFF));
    return _mm512_cvtepi32_ps(byte);
  }
  // True if every lane of `hi_off` is one element after `lo_off`.
  static bool adjacent(const int32_t* lo_off, const int32_t* hi_off) {
    __m512i d = _mm512_sub_epi32(_mm512_loadu_si512(hi_off), _mm512_loadu_si512(lo_off));
    return _mm512_cmpneq_epi32_mask(d, _mm512_set1_epi32(1)) == 0;
  }
  // Two neighbouring elements per lane with one 64-bit gather element each:
  // lo = base[off], hi = base[off + 1] (both 0 where off < 0). Half the gather
  // elements of two gathers; gathers dominate the cost of the sampling loops.
  static void gather_pair(const float* base, const int32_t* off, V& lo, V& hi) {
    __m512i idx = _mm512_loadu_si512(off);
    __mmask16 m = _mm512_cmpge_epi32_mask(idx, _mm512_setzero_si512());
    __m512i a = _mm512_mask_i32gather_epi64(_mm512_setzero_si512(), static_cast<__mmask8>(m),
                                            _mm512_castsi512_si256(idx), base, 4);
    __m512i b = _mm512_mask_i32gather_epi64(_mm512_setzero_si512(), static_cast<__mmask8>(m >> 8),
                                            _mm512_extracti64x4_epi64(idx, 1), base, 4);
    const __m512i even = _mm512_setr_epi32(0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30);
    const __m512i odd = _mm512_setr_epi32(1, 3, 5, 7, 9, 11, 13, 15, 17, 19, 21, 23, 25, 27, 29, 31);
    lo = _mm512_permutex2var_ps(_mm512_castsi512_ps(a), even, _mm512_castsi512_ps(b));
    hi = _mm512_permutex2var_ps(_mm512_castsi512_ps(a), odd, _mm512_castsi512_ps(b));
  }
};
template <>
struct Lanes<double> {
  using V = __m512d;
  static constexpr int kWidth = 8;
  static constexpr bool kPairs = false;
  static V zero() { return _mm512_setzero_pd(); }
  static V set1(double x) { return _mm512_set1_pd(x); }
  static V load(const double* p) { return _mm512_loadu_pd(p); }
  static void store(double* p, V v) { _mm512_storeu_pd(p, v); }
  static V fma(V a, V b, V c) { return _mm512_fmadd_pd(a, b, c); }
  static V gather(const double* base, const int32_t* off) {
    __m256i idx = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(off));
    __mmask8 m = _mm256_cmpge_epi32_mask(idx, _mm256_setzero_si256());
    return _mm512_mask_i32gather_pd(_mm512_setzero_pd(), m, idx, base, 8);
  }
};
#elif defined(__AVX2__)
template <>
struct Lanes<float> {
  using V = __m256;
  static constexpr int kWidth = 8;
  static constexpr bool kPairs = true;
  static V zero() { return _mm256_setzero_ps(); }
  static V set1(float x) { return _mm256_set1_ps(x); }
  static V load(const float* p) { return _mm256_loadu_ps(p); }
  static void store(float* p, V v) { _mm256_storeu_ps(p, v); }
  static V fma(V a, V b, V c) { return _mm256_fmadd_ps(a, b, c); }
  static V gather(const float* base, const int32_t* off) {
    __m256i idx = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(off));
    __m256i m = _mm256_cmpgt_epi32(idx, _mm256_set1_epi32(-1));
    return _mm256_mask_i32gather_ps(_mm256_setzero_ps(), base, idx, _mm256_castsi256_ps(m), 4);
  }
  // uint8 taps as floats; see the AVX-512 form.
  static V gather_u8(const uint8_t* base, const int32_t* off) {
    __m256i idx = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(off));
    __m256i m = _mm256_cmpgt_epi32(idx, _mm256_set1_epi32(-1));
    __m256i high = _mm256_cmpgt_epi32(idx, _mm256_set1_epi32(2));
    __m256i start = _mm256_add_epi32(idx, _mm256_and_si256(high, _mm256_set1_epi32(-3)));
    __m256i word = _mm256_mask_i32gather_epi32(_mm256_setzero_si256(), reinterpret_cast<const int*>(base), start, m, 1);
    __m256i byte = _mm256_srlv_epi32(word, _mm256_and_si256(high, _mm256_set1_epi32(24)));
    byte = _mm256_and_si256(byte, _mm256_set1_epi32(0xFF));
    return _mm256_cvtepi32_ps(byte);
  }
  static bool adjacent(const int32_t* lo_off, const int32_t* hi_off) {
    __m256i d = _mm256_sub_epi32(_mm256_loadu_si256(reinterpret_cast<const __m256i*>(hi_off)),
                                 _mm256_loadu_si256(reinterpret_cast<const __m256i*>(lo_off)));
    return _mm256_movemask_epi8(_mm256_cmpeq_epi32(d, _mm256_set1_epi32(1))) == -1;
  }
  static void gather_pair(const float* base, const int32_t* off, V& lo, V& hi) {
    __m256i idx = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(off));
    __m256i m = _mm256_cmpgt_epi32(idx, _mm256_set1_epi32(-1));
    const auto* b64 = reinterpret_cast<const long long*>(base);
    __m256i a = _mm256_mask_i32gather_epi64(_mm256_setzero_si256(), b64, _mm256_castsi256_si128(idx),
                                            _mm256_cvtepi32_epi64(_mm256_castsi256_si128(m)), 4);
    __m256i b = _mm256_mask_i32gather_epi64(_mm256_setzero_si256(), b64, _mm256_extracti128_si256(idx, 1),
                                            _mm256_cvtepi32_epi64(_mm256_extracti128_si256(m, 1)), 4);
    __m256 fa = _mm256_castsi256_ps(a), fb = _mm256_castsi256_ps(b);
    // [l0 h0 l1 h1 | l2 h2 l3 h3] and [l4 h4 l5 h5 | l6 h6 l7 h7]
    __m256 l = _mm256_shuffle_ps(fa, fb, _MM_SHUFFLE(2, 0, 2, 0));  // l0 l1 l4 l5 | l2 l3 l6 l7
    __m256 h = _mm256_shuffle_ps(fa, fb, _MM_SHUFFLE(3, 1, 3, 1));
    lo = _mm256_castpd_ps(_mm256_permute4x64_pd(_mm256_castps_pd(l), _MM_SHUFFLE(3, 1, 2, 0)));
    hi = _mm256_castpd_ps(_mm256_permute4x64_pd(_mm256_castps_pd(h), _MM_SHUFFLE(3, 1, 2, 0)));
  }
};
template <>
struct Lanes<double> {
  using V = __m256d;
  static constexpr int kWidth = 4;
  static constexpr bool kPairs = false;
  static V zero() { return _mm256_setzero_pd(); }
  static V set1(double x) { return _mm256_set1_pd(x); }
  static V load(const double* p) { return _mm256_loadu_pd(p); }
  static void store(double* p, V v) { _mm256_storeu_pd(p, v); }
  static V fma(V a, V b, V c) { return _mm256_fmadd_pd(a, b, c); }
  static V gather(const double* base, const int32_t* off) {
    __m128i idx = _mm_loadu_si128(reinterpret_cast<const __m128i*>(off));
    __m256i m = _mm256_cvtepi32_epi64(_mm_cmpgt_epi32(idx, _mm_set1_epi32(-1)));
    return _mm256_mask_i32gather_pd(_mm256_setzero_pd(), base, idx, _mm256_castsi256_pd(m), 8);
  }
};
#endif

}  // namespace gs::GS_ISA_NS::simd
