// The lane types kernels use for the per-channel inner loops: a masked gather
// (lanes whose offset is negative read 0), loads, stores and arithmetic.
// Which implementation is compiled depends on the flags of the translation
// unit (one per target, see CMakeLists.txt); `Lanes<T>::kWidth == 1` is the
// portable scalar form. Arithmetic uses plain operators on GCC/Clang vector
// types and the project builds with -ffp-contract=off, so every target rounds
// the same way and results are identical across targets.
#pragma once

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
  static V zero() { return T(0); }
  static V set1(T x) { return x; }
  static V load(const T* p) { return *p; }
  static void store(T* p, V v) { *p = v; }
  template <class Src, class Index>
  static V gather(const Src* base, const Index* off) {
    return *off >= 0 ? static_cast<T>(base[*off]) : T(0);
  }
};

template <class T>
struct Lanes : ScalarLanes<T> {};

#if defined(__AVX512F__)
template <>
struct Lanes<float> {
  using V = __m512;
  static constexpr int kWidth = 16;
  static V zero() { return _mm512_setzero_ps(); }
  static V set1(float x) { return _mm512_set1_ps(x); }
  static V load(const float* p) { return _mm512_loadu_ps(p); }
  static void store(float* p, V v) { _mm512_storeu_ps(p, v); }
  static V gather(const float* base, const int32_t* off) {
    __m512i idx = _mm512_loadu_si512(off);
    __mmask16 m = _mm512_cmpge_epi32_mask(idx, _mm512_setzero_si512());
    return _mm512_mask_i32gather_ps(_mm512_setzero_ps(), m, idx, base, 4);
  }
};
template <>
struct Lanes<double> {
  using V = __m512d;
  static constexpr int kWidth = 8;
  static V zero() { return _mm512_setzero_pd(); }
  static V set1(double x) { return _mm512_set1_pd(x); }
  static V load(const double* p) { return _mm512_loadu_pd(p); }
  static void store(double* p, V v) { _mm512_storeu_pd(p, v); }
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
  static V zero() { return _mm256_setzero_ps(); }
  static V set1(float x) { return _mm256_set1_ps(x); }
  static V load(const float* p) { return _mm256_loadu_ps(p); }
  static void store(float* p, V v) { _mm256_storeu_ps(p, v); }
  static V gather(const float* base, const int32_t* off) {
    __m256i idx = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(off));
    __m256i m = _mm256_cmpgt_epi32(idx, _mm256_set1_epi32(-1));
    return _mm256_mask_i32gather_ps(_mm256_setzero_ps(), base, idx, _mm256_castsi256_ps(m), 4);
  }
};
template <>
struct Lanes<double> {
  using V = __m256d;
  static constexpr int kWidth = 4;
  static V zero() { return _mm256_setzero_pd(); }
  static V set1(double x) { return _mm256_set1_pd(x); }
  static V load(const double* p) { return _mm256_loadu_pd(p); }
  static void store(double* p, V v) { _mm256_storeu_pd(p, v); }
  static V gather(const double* base, const int32_t* off) {
    __m128i idx = _mm_loadu_si128(reinterpret_cast<const __m128i*>(off));
    __m256i m = _mm256_cvtepi32_epi64(_mm_cmpgt_epi32(idx, _mm_set1_epi32(-1)));
    return _mm256_mask_i32gather_pd(_mm256_setzero_pd(), base, idx, _mm256_castsi256_pd(m), 8);
  }
};
#endif

}  // namespace gs::GS_ISA_NS::simd
