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
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

// What this target's build offers beyond Lanes (1 or 0, for #if in op code
// whose vector form has no scalar counterpart to fall back on):
#if defined(__AVX2__) || defined(__AVX512F__)
#define GS_SIMD_WINDOWS 1  // Window (below)
#define GS_SIMD_STREAM 1   // stream_store, stream_fence
#define GS_SIMD_TILES 1    // Tile<T> transposes
#define GS_SIMD_GROUPS 1   // PixelGroups
#define GS_SIMD_U8DOT 1    // U8Dot<PIX>
#else
#define GS_SIMD_WINDOWS 0
#define GS_SIMD_STREAM 0
#define GS_SIMD_TILES 0
#define GS_SIMD_GROUPS 0
#define GS_SIMD_U8DOT 0
#endif
#if defined(__SSE2__)
#define GS_SIMD_QUADS 1    // Quad (every x86-64 target)
#else
#define GS_SIMD_QUADS 0
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

// ---- Window reads (GS_SIMD_WINDOWS). Gathers are slow on many x86 CPUs
// (microcoded, and slower still since the 2023 "Downfall" mitigation), and
// the taps of W neighbouring outputs usually lie close together in the input
// row: within a window of K vectors (K = 1, 2, 4). Such a block loads the
// window with K plain loads and picks each lane with a permute. float32 (and
// uint8 read as float32) on AVX2 / AVX-512; the baseline has W = 0 (none).

#if defined(__AVX512F__)
struct Window {
  static constexpr int W = 16;
  using V = __m512;
  using I = __m512i;
  static V load(const float* p) { return _mm512_loadu_ps(p); }
  static V load(const uint8_t* p) {
    return _mm512_cvtepi32_ps(_mm512_cvtepu8_epi32(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p))));
  }
  static I index(const int32_t* p) { return _mm512_loadu_si512(p); }
  template <int K>
  static V pick(const V* r, I idx) {
    if constexpr (K == 1) return _mm512_permutexvar_ps(idx, r[0]);
    if constexpr (K == 2) return _mm512_permutex2var_ps(r[0], idx, r[1]);
    if constexpr (K == 4) {
      const __mmask16 upper = _mm512_cmpge_epi32_mask(idx, _mm512_set1_epi32(32));
      return _mm512_mask_blend_ps(upper, _mm512_permutex2var_ps(r[0], idx, r[1]), _mm512_permutex2var_ps(r[2], idx, r[3]));
    }
  }
  static V wload(const float* p) { return _mm512_loadu_ps(p); }
  static V fma(V a, V b, V c) { return _mm512_fmadd_ps(a, b, c); }
  static V clamp(V v, V lo, V hi) { return _mm512_min_ps(_mm512_max_ps(v, lo), hi); }
  static void store_rounded(uint8_t* p, V v) {
    _mm_storeu_si128(reinterpret_cast<__m128i*>(p), _mm512_cvtepi32_epi8(_mm512_cvtps_epi32(v)));
  }
  static void store(float* p, V v) { _mm512_storeu_ps(p, v); }
  // exact for the integers 0..255 that a uint8 nearest copy carries
  static void store(uint8_t* p, V v) {
    _mm_storeu_si128(reinterpret_cast<__m128i*>(p), _mm512_cvtepi32_epi8(_mm512_cvttps_epi32(v)));
  }
};
#elif defined(__AVX2__)
struct Window {
  static constexpr int W = 8;
  using V = __m256;
  using I = __m256i;
  static V load(const float* p) { return _mm256_loadu_ps(p); }
  static V load(const uint8_t* p) {
    return _mm256_cvtepi32_ps(_mm256_cvtepu8_epi32(_mm_loadl_epi64(reinterpret_cast<const __m128i*>(p))));
  }
  static I index(const int32_t* p) { return _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p)); }
  template <int K>
  static V pick(const V* r, I idx) {
    V v = _mm256_permutevar8x32_ps(r[0], idx);
    for (int k = 1; k < K; ++k) {
      const __m256 upper = _mm256_castsi256_ps(_mm256_cmpgt_epi32(idx, _mm256_set1_epi32(8 * k - 1)));
      v = _mm256_blendv_ps(v, _mm256_permutevar8x32_ps(r[k], idx), upper);
    }
    return v;
  }
  static V wload(const float* p) { return _mm256_loadu_ps(p); }
  static V fma(V a, V b, V c) { return _mm256_fmadd_ps(a, b, c); }
  static V clamp(V v, V lo, V hi) { return _mm256_min_ps(_mm256_max_ps(v, lo), hi); }
  static void store_rounded(uint8_t* p, V v) {
    const __m256i i32 = _mm256_cvtps_epi32(v);
    const __m128i w16 = _mm_packus_epi32(_mm256_castsi256_si128(i32), _mm256_extracti128_si256(i32, 1));
    _mm_storel_epi64(reinterpret_cast<__m128i*>(p), _mm_packus_epi16(w16, w16));
  }
  static void store(float* p, V v) { _mm256_storeu_ps(p, v); }
  static void store(uint8_t* p, V v) {
    const __m256i i32 = _mm256_cvttps_epi32(v);
    const __m128i w16 = _mm_packus_epi32(_mm256_castsi256_si128(i32), _mm256_extracti128_si256(i32, 1));
    _mm_storel_epi64(reinterpret_cast<__m128i*>(p), _mm_packus_epi16(w16, w16));
  }
};
#else
struct Window {
  static constexpr int W = 0;  // no window reads on the baseline target
};
#endif

// ---- Non-temporal stores (GS_SIMD_STREAM) for outputs much larger than the
// caches: the written lines are not read first (no read-for-ownership), which
// matters when a result is tens of megabytes. Needs `stream_fence()` before
// the work item ends. Same values either way.
#if defined(__AVX512F__)
inline void stream_store(float* p, __m512 v) { _mm512_stream_ps(p, v); }
inline void stream_store(double* p, __m512d v) { _mm512_stream_pd(p, v); }
#elif defined(__AVX2__)
inline void stream_store(float* p, __m256 v) { _mm256_stream_ps(p, v); }
inline void stream_store(double* p, __m256d v) { _mm256_stream_pd(p, v); }
#endif
inline void stream_fence() {
#if defined(__AVX2__) || defined(__AVX512F__)
  _mm_sfence();
#endif
}

// Copies `bytes` bytes, streaming the 32-byte-aligned middle of `dst` where
// the target has stream stores (a plain copy elsewhere).
inline void stream_copy(void* dst, const void* src, size_t bytes) {
  size_t i = 0;
  const char* s = static_cast<const char*>(src);
  char* d = static_cast<char*>(dst);
#if GS_SIMD_STREAM
  for (; i < bytes && reinterpret_cast<uintptr_t>(d + i) % 32 != 0; ++i) d[i] = s[i];
  for (; i + 32 <= bytes; i += 32)
    _mm256_stream_si256(reinterpret_cast<__m256i*>(d + i), _mm256_loadu_si256(reinterpret_cast<const __m256i*>(s + i)));
#endif
  std::memcpy(d + i, s + i, bytes - i);
}


#if GS_SIMD_TILES
// ---- Tiles (GS_SIMD_TILES): square blocks of one 256-bit register per row,
// 8 x 8 floats or 4 x 4 doubles, transposed in registers.
namespace detail {
inline void transpose8x8(__m256& r0, __m256& r1, __m256& r2, __m256& r3, __m256& r4, __m256& r5,
                         __m256& r6, __m256& r7) {
  __m256 t0 = _mm256_unpacklo_ps(r0, r1), t1 = _mm256_unpackhi_ps(r0, r1);
  __m256 t2 = _mm256_unpacklo_ps(r2, r3), t3 = _mm256_unpackhi_ps(r2, r3);
  __m256 t4 = _mm256_unpacklo_ps(r4, r5), t5 = _mm256_unpackhi_ps(r4, r5);
  __m256 t6 = _mm256_unpacklo_ps(r6, r7), t7 = _mm256_unpackhi_ps(r6, r7);
  __m256 u0 = _mm256_shuffle_ps(t0, t2, _MM_SHUFFLE(1, 0, 1, 0));
  __m256 u1 = _mm256_shuffle_ps(t0, t2, _MM_SHUFFLE(3, 2, 3, 2));
  __m256 u2 = _mm256_shuffle_ps(t1, t3, _MM_SHUFFLE(1, 0, 1, 0));
  __m256 u3 = _mm256_shuffle_ps(t1, t3, _MM_SHUFFLE(3, 2, 3, 2));
  __m256 u4 = _mm256_shuffle_ps(t4, t6, _MM_SHUFFLE(1, 0, 1, 0));
  __m256 u5 = _mm256_shuffle_ps(t4, t6, _MM_SHUFFLE(3, 2, 3, 2));
  __m256 u6 = _mm256_shuffle_ps(t5, t7, _MM_SHUFFLE(1, 0, 1, 0));
  __m256 u7 = _mm256_shuffle_ps(t5, t7, _MM_SHUFFLE(3, 2, 3, 2));
  r0 = _mm256_permute2f128_ps(u0, u4, 0x20);
  r1 = _mm256_permute2f128_ps(u1, u5, 0x20);
  r2 = _mm256_permute2f128_ps(u2, u6, 0x20);
  r3 = _mm256_permute2f128_ps(u3, u7, 0x20);
  r4 = _mm256_permute2f128_ps(u0, u4, 0x31);
  r5 = _mm256_permute2f128_ps(u1, u5, 0x31);
  r6 = _mm256_permute2f128_ps(u2, u6, 0x31);
  r7 = _mm256_permute2f128_ps(u3, u7, 0x31);
}

inline void transpose4x4(__m256d& r0, __m256d& r1, __m256d& r2, __m256d& r3) {
  __m256d t0 = _mm256_unpacklo_pd(r0, r1), t1 = _mm256_unpackhi_pd(r0, r1);
  __m256d t2 = _mm256_unpacklo_pd(r2, r3), t3 = _mm256_unpackhi_pd(r2, r3);
  r0 = _mm256_permute2f128_pd(t0, t2, 0x20);
  r1 = _mm256_permute2f128_pd(t1, t3, 0x20);
  r2 = _mm256_permute2f128_pd(t0, t2, 0x31);
  r3 = _mm256_permute2f128_pd(t1, t3, 0x31);
}

inline __m256 load8(const float* p) { return _mm256_loadu_ps(p); }
inline __m256 load8(const uint8_t* p) {
  return _mm256_cvtepi32_ps(_mm256_cvtepu8_epi32(_mm_loadl_epi64(reinterpret_cast<const __m128i*>(p))));
}
}  // namespace detail

template <class T>
struct Tile;
template <>
struct Tile<float> {
  static constexpr int n = 8;
  // Reads n values from each row(i) (float, or uint8 read as float) and
  // writes the transposed block: its row i to dst + i * dst_stride.
  template <class RowAt>
  static void transpose(RowAt row, float* dst, int64_t dst_stride) {
    __m256 r[8];
    for (int i = 0; i < 8; ++i) r[i] = detail::load8(row(i));
    detail::transpose8x8(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7]);
    for (int i = 0; i < 8; ++i) _mm256_storeu_ps(dst + i * dst_stride, r[i]);
  }
};
template <>
struct Tile<double> {
  static constexpr int n = 4;
  template <class RowAt>
  static void transpose(RowAt row, double* dst, int64_t dst_stride) {
    __m256d r[4];
    for (int i = 0; i < 4; ++i) r[i] = _mm256_loadu_pd(row(i));
    detail::transpose4x4(r[0], r[1], r[2], r[3]);
    for (int i = 0; i < 4; ++i) _mm256_storeu_pd(dst + i * dst_stride, r[i]);
  }
};
#endif

#if GS_SIMD_GROUPS
// ---- Pixel groups (GS_SIMD_GROUPS): a Lanes<float> vector as P groups of 4
// lanes, each one pixel of up to 4 channels.
struct PixelGroups {
  using V = Lanes<float>::V;
  static constexpr int P = Lanes<float>::kWidth / 4;
#if defined(__AVX512F__)
  // Group i = src[i][off .. off + 3].
  static V load(const float* const* src, int64_t off) {
    __m512 v = _mm512_castps128_ps512(_mm_loadu_ps(src[0] + off));
    v = _mm512_insertf32x4(v, _mm_loadu_ps(src[1] + off), 1);
    v = _mm512_insertf32x4(v, _mm_loadu_ps(src[2] + off), 2);
    return _mm512_insertf32x4(v, _mm_loadu_ps(src[3] + off), 3);
  }
  // Group i to y + i * stride (4 values each), in group order: with a stride
  // below 4, a group's last lanes are overwritten by the next group.
  static void store(V v, float* y, int64_t stride) {
    _mm_storeu_ps(y, _mm512_castps512_ps128(v));
    _mm_storeu_ps(y + stride, _mm512_extractf32x4_ps(v, 1));
    _mm_storeu_ps(y + 2 * stride, _mm512_extractf32x4_ps(v, 2));
    _mm_storeu_ps(y + 3 * stride, _mm512_extractf32x4_ps(v, 3));
  }
#else
  static V load(const float* const* src, int64_t off) {
    return _mm256_insertf128_ps(_mm256_castps128_ps256(_mm_loadu_ps(src[0] + off)), _mm_loadu_ps(src[1] + off), 1);
  }
  static void store(V v, float* y, int64_t stride) {
    _mm_storeu_ps(y, _mm256_castps256_ps128(v));
    _mm_storeu_ps(y + stride, _mm256_extractf128_ps(v, 1));
  }
#endif
};
#endif

#if GS_SIMD_QUADS
// ---- Quads (GS_SIMD_QUADS): 4 x float32, the values of one RGB(A) pixel.
// Plain operators (* +) as for Lanes.
struct Quad {
  using V = __m128;
  static V load(const float* p) { return _mm_loadu_ps(p); }
  static V set1(float x) { return _mm_set1_ps(x); }
  static void store(float* p, V v) { _mm_storeu_ps(p, v); }
};
#endif

#if GS_SIMD_U8DOT
// ---- U8Dot (GS_SIMD_U8DOT): fixed-point dot products of uint8 pixels with
// int16 weights (vpmaddwd adds neighbouring products), for the uint8 image
// resize. A group is kTaps taps of one output read with one 16-byte load:
// PIX = 1, 16 taps widened to int16; PIX = 3 / 4, 4 taps whose values are
// shuffled so two taps of a channel sit side by side (lane 0 taps 0, 1, lane
// 1 taps 2, 3; PIX 3's fourth channel slots are zero). A group's 16 int16
// weights are laid out to match (pair_weight_lane). Integer arithmetic: the
// same sums on every target.
template <int PIX>
struct U8Dot {
  using Acc = __m256i;   // 8 int32 partial sums
  using Sums = __m128i;  // 4 int32: one output's channel sums in lanes 0 .. PIX-1
  static constexpr int kTaps = PIX == 1 ? 16 : 4;
  // The weight lane of tap t (< kTaps), channel c, in a group.
  static constexpr int pair_weight_lane(int t, int c) { return PIX == 1 ? t : (t / 2) * 8 + c * 2 + t % 2; }

  static Acc zero() { return _mm256_setzero_si256(); }
  static Acc weights(const int16_t* w) { return _mm256_loadu_si256(reinterpret_cast<const __m256i*>(w)); }
  static Acc group(const uint8_t* p) {
    const __m128i b = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    if (PIX == 1) return _mm256_cvtepu8_epi16(b);
    const __m256i shuf = PIX == 4
        ? _mm256_setr_epi8(0, -1, 4, -1, 1, -1, 5, -1, 2, -1, 6, -1, 3, -1, 7, -1,
                           8, -1, 12, -1, 9, -1, 13, -1, 10, -1, 14, -1, 11, -1, 15, -1)
        : _mm256_setr_epi8(0, -1, 3, -1, 1, -1, 4, -1, 2, -1, 5, -1, -1, -1, -1, -1,
                           6, -1, 9, -1, 7, -1, 10, -1, 8, -1, 11, -1, -1, -1, -1, -1);
    return _mm256_shuffle_epi8(_mm256_broadcastsi128_si256(b), shuf);
  }
  // acc + group * weights (pairs of products added)
  static Acc madd(Acc acc, Acc v, Acc w) { return _mm256_add_epi32(acc, _mm256_madd_epi16(v, w)); }
  // hi * 2^8 + lo (wrapping int32: exact when the true sum fits)
  static Acc combine(Acc hi, Acc lo) { return _mm256_add_epi32(_mm256_slli_epi32(hi, 8), lo); }
  static Sums channel_sums(Acc acc) {
    __m128i q = _mm_add_epi32(_mm256_castsi256_si128(acc), _mm256_extracti128_si256(acc, 1));
    if (PIX == 1) {
      q = _mm_add_epi32(q, _mm_shuffle_epi32(q, _MM_SHUFFLE(1, 0, 3, 2)));
      q = _mm_add_epi32(q, _mm_shuffle_epi32(q, _MM_SHUFFLE(2, 3, 0, 1)));
    }
    return q;
  }
  static void to_array(Sums s, int32_t* t) { _mm_storeu_si128(reinterpret_cast<__m128i*>(t), s); }
  static Sums from_array(const int32_t* t) { return _mm_loadu_si128(reinterpret_cast<const __m128i*>(t)); }
  // (init + s) >> shift, arithmetic
  static Sums round(Sums s, int32_t init, int shift) { return _mm_srai_epi32(_mm_add_epi32(s, _mm_set1_epi32(init)), shift); }
  // lanes 0..3 clamped to [0, 255] (saturating packs), as 4 bytes
  static uint32_t bytes(Sums s) {
    const __m128i w16 = _mm_packs_epi32(s, s);
    return static_cast<uint32_t>(_mm_cvtsi128_si32(_mm_packus_epi16(w16, w16)));
  }
  // Four outputs' rounded sums as their 4 * PIX bytes, clamped, at d; `room`
  // says 16 bytes may be written there (the spill past 4 * PIX is overwritten
  // by later outputs).
  static void store4(const Sums* q, uint8_t* d, bool room) {
    __m128i b;
    if (PIX == 1) {
      const __m128i s4 = _mm_unpacklo_epi64(_mm_unpacklo_epi32(q[0], q[1]), _mm_unpacklo_epi32(q[2], q[3]));
      const uint32_t px = bytes(s4);
      std::memcpy(d, &px, 4);
      return;
    }
    b = _mm_packus_epi16(_mm_packs_epi32(q[0], q[1]), _mm_packs_epi32(q[2], q[3]));
    if (PIX == 3) b = _mm_shuffle_epi8(b, _mm_setr_epi8(0, 1, 2, 4, 5, 6, 8, 9, 10, 12, 13, 14, -1, -1, -1, -1));
    if (room) {
      _mm_storeu_si128(reinterpret_cast<__m128i*>(d), b);
    } else {
      alignas(16) uint8_t t[16];
      _mm_store_si128(reinterpret_cast<__m128i*>(t), b);
      std::memcpy(d, t, 4 * PIX);
    }
  }
};
#endif

}  // namespace gs::GS_ISA_NS::simd
