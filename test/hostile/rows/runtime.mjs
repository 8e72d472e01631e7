// Hostile-battery rows of the runtime controls (threads, SIMD target): the public
// functions (ops) and the raw native ones (native). ../cases.mjs expands
// them and says what each row field means.

export const ops = (gs) => {
  const best = gs.bestSimdTarget();
  return [
    { fn: 'setNumThreads', sync: (...a) => gs.setNumThreads(...a), args: () => [2], restore: () => gs.setNumThreads(2),
      scalars: [{ index: 0, name: 'n', ok: [1, 3, 1024], type: ['2', null, undefined, {}, 2n, [2], true], range: [0, -1, 1.5, NaN, Infinity, -Infinity, 1025, 2 ** 53, 1e300] }] },
    { fn: 'setSimdTarget', sync: (...a) => gs.setSimdTarget(...a), args: () => ['baseline'], restore: () => gs.setSimdTarget(best),
      scalars: [{ index: 0, name: 'target', ok: ['baseline', 'avx2', 'avx512'], type: ['sse', '', 'AVX2', 1, null, undefined, {}, ['avx2'], new String('avx2')], range: [] }] },
    { fn: 'getNumThreads', sync: (...a) => gs.getNumThreads(...a), args: () => [], junkArgs: true },
    { fn: 'getSimdTarget', sync: (...a) => gs.getSimdTarget(...a), args: () => [], junkArgs: true },
    { fn: 'bestSimdTarget', sync: (...a) => gs.bestSimdTarget(...a), args: () => [], junkArgs: true },
  ];
};

export const native = () => [];
