// Hostile-battery rows of gridSample: the public
// functions (ops) and the raw native ones (native). ../cases.mjs expands
// them and says what each row field means.
import { same, tensor } from '../tensors.mjs';
import { requestCall, nt } from './shared.mjs';

export const ops = (gs) => {
  return [
    {
      fn: 'gridSample',
      sync: (...a) => gs.gridSample(...a),
      async: (...a) => gs.gridSampleAsync(...a),
      args: () => [tensor(Float32Array, [2, 3, 5, 4], 1), tensor(Float32Array, [2, 3, 2, 2], 2), {}],
      tensors: { input: 0, grid: 1 },
      options: 2,
      optionValues: { mode: ['bilinear', 'nearest', 'bicubic'], paddingMode: ['zeros', 'border', 'reflection'], alignCorners: 'boolean' },
      out: true,
      extremes: [{
        tensor: 'grid',
        // README "Safety": NaN reads as -1, +-Inf as a point infinitely far away; always finite.
        check: (r, v, ctx) => {
          if (!Number.isNaN(v)) return null;
          const ref = ctx.call(ctx.withTensorFilled('grid', -1));
          return same(r.data, ref.data) ? null : 'NaN grid values should read as -1';
        },
      }],
    },
  ];
};

export const native = (native) => [
    {
      fn: 'gridSample',
      call: requestCall(native, 'gridSample', ['input', 'grid', 'out', 'mode', 'padding', 'alignCorners'], { mode: ['bilinear', 'nearest', 'bicubic'], padding: ['zeros', 'border', 'reflection'] }),
      args: (async) => [nt(Float32Array, [1, 2, 4, 4], 3), nt(Float32Array, [1, 3, 3, 2], 4), nt(Float32Array, [1, 2, 3, 3], 5), 0, 0, false, async],
      tensors: { input: 0, grid: 1, out: 2 },
      ints: { mode: 3, padding: 4 },
      outIndex: 2,
    },
];
