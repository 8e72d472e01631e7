// Hostile-battery rows of adaptiveAvgPool: the public
// functions (ops) and the raw native ones (native). ../cases.mjs expands
// them and says what each row field means.
import { contiguous, tensor } from '../tensors.mjs';
import { requestCall, fine, getterCases, spatial4, nt } from './shared.mjs';

export const ops = (gs) => {
  return [
    {
      fn: 'adaptiveAvgPool',
      sync: (...a) => gs.adaptiveAvgPool(...a),
      async: (...a) => gs.adaptiveAvgPoolAsync(...a),
      args: () => [tensor(Float32Array, [2, 3, 7, 6], 12), [3, 4], {}],
      tensors: { input: 0 },
      options: 2,
      optionValues: { memoryFormat: ['contiguous', 'channelsLast'] },
      out: true,
      extremes: [{ tensor: 'input', finite: false }],
      scalars: [{
        index: 1, name: 'outputSize',
        ok: [[1, 1], [7, 6], [null, 2], 3, [14, 12], [0, 4]],
        type: ['3', null, undefined, {}, [3, '4'], true, 3n, [3, {}]],
        range: [[3, 4, 5, 6], [-1, 4], [3, -1], [], -1],
      }],
      more: ({ ok, err, raw }) => {
        err('outputSize [2^40, 2^40] (the result is too large)', (a) => { a[1] = [2 ** 40, 2 ** 40]; return a; }, 'RangeError', 'output shape');
        err('outputSize [3] for a 4D input', (a) => { a[1] = [3]; return a; }, 'RangeError', 'output size');
        // regression (fuzz_adaptive_pool): a claimed row width sized per-thread scratch
        err('a broadcast input claiming a 2^28-wide row', () => [{ data: new Float64Array(1), shape: [1, 1, 2 ** 28], strides: [0, 0, 0] }, [2], {}], 'RangeError', 'adaptiveAvgPool');
        ok('a broadcast input claiming a 2^20-wide row', () => [{ data: new Float64Array([2]), shape: [1, 1, 2 ** 20], strides: [0, 0, 0] }, [2], {}], (r) => fine(r) ?? (r.data[0] === 2 && r.data[1] === 2 ? null : `mean ${r.data}`));
        err('outputSize holds 1.5', (a) => { a[1] = [1.5, 2]; return a; }, 'TypeError', 'outputSize');
        err('outputSize holds NaN', (a) => { a[1] = [NaN, 2]; return a; }, 'TypeError', 'outputSize');
        err('outputSize holds Infinity', (a) => { a[1] = [Infinity, 2]; return a; }, 'TypeError', 'outputSize');
        getterCases({ raw, err }, 'outputSize', (a, f) => { a[1] = f(a[1]); return a; });
      },
    },
  ];
};

export const native = (native) => [
    {
      fn: 'adaptiveAvgPool',
      call: requestCall(native, 'adaptiveAvgPool', ['input', 'out']),
      args: (async) => [nt(Float32Array, [1, 2, 4, 4], 7), nt(Float32Array, [1, 2, 3, 2], 8), async],
      tensors: { input: 0, out: 1 },
      ints: {},
      outIndex: 1,
      broadcast: spatial4,
      goodClaim: 2 ** 11,
      more: (h) => {
        h.bad('out with another channel count', (a) => { a[1] = nt(Float32Array, [1, 3, 3, 2], 8); return a; });
        h.bad('an empty spatial input', (a) => { a[0] = { data: new Float32Array(0), shape: [1, 2, 4, 0], strides: [8, 4, 1, 1] }; return a; });
        h.good('5D', (a) => { a[0] = nt(Float32Array, [1, 1, 2, 4, 4], 7); a[1] = nt(Float32Array, [1, 1, 1, 3, 5], 8); return a; });
      },
    },
];
