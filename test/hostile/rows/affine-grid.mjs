// Hostile-battery rows of affineGrid: the public
// functions (ops) and the raw native ones (native). ../cases.mjs expands
// them and says what each row field means.
import { tensor } from '../tensors.mjs';
import { requestCall, shapeIs, getterCases, nt } from './shared.mjs';

export const ops = (gs) => {
  return [
    {
      fn: 'affineGrid',
      sync: (...a) => gs.affineGrid(...a),
      async: (...a) => gs.affineGridAsync(...a),
      args: () => [tensor(Float32Array, [2, 2, 3], 11), [2, 3, 5, 4], {}],
      tensors: { theta: 0 },
      options: 2,
      optionValues: { alignCorners: 'boolean' },
      out: true,
      extremes: [{ tensor: 'theta', finite: false }],  // theta's values propagate as arithmetic does
      scalars: [{
        index: 1, name: 'size',
        ok: [[2, 1, 1, 1], [2, 3, 1, 7]],
        type: ['2,3,5,4', 5, null, undefined, {}, [2, 3, 5, '4'], [2, 3, 5, null], new Int32Array([2, 3, 5, 4])],
        range: [[2, 3, 5], [2, 3, 5, 4, 1, 1], [2, 3, -1, 4], [2, 3, 5.5, 4], [2, 3, NaN, 4], [2, 3, Infinity, 4], [2, 3, 2 ** 53, 4], [1, 3, 5, 4], [2, 3, 0, 4], [2, 0, 3, 3], [2 ** 40, 3, 5, 4]],
      }],
      more: ({ ok, err, raw }) => {
        ok('size with align corners and a unit dimension (PyTorch quirk)', (a) => { a[1] = [2, 0, 1, 4]; a[2] = { alignCorners: true }; return a; }, shapeIs([2, 1, 4, 2]));
        ok('3D: theta [2, 3, 4] and size [2, 1, 3, 4, 5]', (a) => { a[0] = tensor(Float64Array, [2, 3, 4], 9); a[1] = [2, 1, 3, 4, 5]; return a; }, shapeIs([2, 3, 4, 5, 3]));
        err('theta of uint8', (a) => { a[0] = { data: new Uint8Array(12), shape: [2, 2, 3] }; return a; }, 'TypeError', 'theta');
        err('theta [2, 3, 4] for a 4-entry size', (a) => { a[0] = tensor(Float32Array, [2, 3, 4], 9); return a; }, 'RangeError', 'theta');
        err('size [2, 3, 2^20, 2^20] (the result is too large)', (a) => { a[1] = [2, 3, 2 ** 20, 2 ** 20]; return a; }, 'RangeError', 'output shape');
        getterCases({ raw, err }, 'size', (a, f) => { a[1] = f(a[1]); return a; }, 0, 'theta');
      },
    },
  ];
};

export const native = (native) => [
    {
      fn: 'affineGrid',
      call: requestCall(native, 'affineGrid', ['theta', 'out', 'alignCorners']),
      args: (async) => [nt(Float32Array, [1, 2, 3], 9, -2, 2), nt(Float32Array, [1, 3, 4, 2], 10), false, async],
      tensors: { theta: 0, out: 1 },
      ints: {},
      outIndex: 1,
      more: (h) => {
        h.bad('out claims 2^40 x 2^40', (a) => { a[1] = { ...a[1], shape: [1, 2 ** 40, 2 ** 40, 2], strides: [2 ** 41, 2 ** 41, 2, 1] }; return a; });
        h.bad('out broadcast (zero strides)', (a) => { a[1] = { ...a[1], strides: [0, 0, 0, 1] }; return a; });
        h.bad('theta [1, 3, 4] for a 4D out', (a) => { a[0] = nt(Float32Array, [1, 3, 4], 9); return a; });
        h.bad('theta of uint8', (a) => { a[0] = { data: new Uint8Array(6), shape: [1, 2, 3], strides: [6, 3, 1] }; return a; });
        h.bad('out of another batch', (a) => { a[1] = nt(Float32Array, [2, 3, 4, 2], 10); return a; });
        h.good('theta filled with NaN', (a) => { a[0].data.fill(NaN); return a; });
        h.good('theta broadcast (zero strides)', (a) => { a[0] = { data: new Float32Array([0.5]), shape: [1, 2, 3], strides: [0, 0, 0] }; return a; });
        h.good('3D', (a) => { a[0] = nt(Float64Array, [1, 3, 4], 9); a[1] = nt(Float64Array, [1, 2, 3, 4, 3], 10); return a; });
      },
    },
];
