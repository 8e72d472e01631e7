// Hostile-battery rows of interpolate, Upsample and interpolateAntialias: the public
// functions (ops) and the raw native ones (native). ../cases.mjs expands
// them and says what each row field means.
import { contiguous, show, tensor } from '../tensors.mjs';
import { requestCall, fine, shapeIs, detach, withGetter, getterCases, scalesCases, spatial4, nt } from './shared.mjs';

export const ops = (gs) => {
  const interpBase = () => ({ size: [5, 9], mode: 'bilinear' });
  return [
    {
      fn: 'interpolate',
      sync: (...a) => gs.interpolate(...a),
      async: (...a) => gs.interpolateAsync(...a),
      args: () => [tensor(Float32Array, [2, 3, 7, 6], 13), interpBase()],
      baseOptions: interpBase,
      noArgs: 'options',  // options are read first
      tensors: { input: 0 },
      options: 1,
      optionValues: { mode: ['nearest', 'nearest-exact', 'bilinear', 'bicubic', 'area'], alignCorners: 'boolean', antialias: 'boolean', memoryFormat: ['contiguous', 'channelsLast'] },
      out: true,
      extremes: [{
        tensor: 'input', finite: false,
        options: [
          ...['nearest', 'nearest-exact', 'bilinear', 'bicubic', 'area'].map((mode) => ({ size: [5, 9], mode })),
          { size: [3, 2], mode: 'bilinear', antialias: true }, { size: [3, 2], mode: 'bicubic', antialias: true, alignCorners: true },
          { scaleFactor: [1e-300 * 1e300, 0.5], mode: 'bicubic' },
        ],
      }],
      more: ({ ok, err, raw, setOpt }) => {
        // An (H, W, C) image is not an (N, C, W) tensor: a 2D size on it is refused and the message points to fromHWC.
        err('an (H, W, C) uint8 image with mode nearest and a 2D size', () => [{ data: new Uint8Array(6 * 5 * 3), shape: [6, 5, 3] }, { size: [12, 10], mode: 'nearest' }], 'RangeError', 'fromHWC');
        const opt = setOpt;
        for (const x of ['5', null, {}, [5, '9'], true, 5n, [5, null]]) err(`options.size = ${show(x)}`, opt({ size: x }), 'TypeError', 'size');
        for (const x of [[5], [5, 9, 3], [], [0, 9], [-1, 9], [5.5, 9], [NaN, 9], [Infinity, 9], [2 ** 53, 9], [5, 2 ** 60], 0, -3])
          err(`options.size = ${show(x)}`, opt({ size: x }), 'RangeError', 'size');
        err('options.size [2^31, 2^31] (the result is too large)', opt({ size: [2 ** 31, 2 ** 31] }), 'RangeError', 'interpolate');
        for (const x of [2, 0.5, [2, 0.5], [1.7, 0.3], 1e-300 * 1e300 + 1]) ok(`options.scaleFactor = ${show(x)}`, setOpt({ size: undefined, scaleFactor: x }), fine);
        ok('options.scaleFactor with recomputeScaleFactor', setOpt({ size: undefined, scaleFactor: [1.5, 0.7], recomputeScaleFactor: true }), shapeIs([2, 3, 10, 4]));
        for (const x of ['2', null, {}, [2, '2'], 2n, true]) err(`options.scaleFactor = ${show(x)}`, setOpt({ size: undefined, scaleFactor: x }), 'TypeError', 'scaleFactor');
        for (const x of [0, -1, NaN, Infinity, -Infinity, 1e-300, 5e-324, 1e-40, [2], [2, 2, 2], [], [2, 0], [NaN, 2], [2, -Infinity], 1e30, 1e15, [1e300, 1e300]])
          err(`options.scaleFactor = ${show(x)}`, setOpt({ size: undefined, scaleFactor: x }), 'RangeError', 'interpolate');
        err('options with both size and scaleFactor', setOpt({ scaleFactor: 2 }), 'TypeError', 'options');
        err('options with neither size nor scaleFactor', setOpt({ size: undefined }), 'TypeError', 'options');
        err('options.recomputeScaleFactor with size', setOpt({ recomputeScaleFactor: true }), 'TypeError', 'options.recomputeScaleFactor');
        err('options.alignCorners with nearest', setOpt({ mode: 'nearest', alignCorners: true }), 'TypeError', 'options.alignCorners');
        err('options.antialias with nearest', setOpt({ mode: 'nearest', antialias: true }), 'TypeError', 'options.antialias');
        err('options.mode linear for a 4D input', setOpt({ mode: 'linear' }), 'RangeError', 'interpolate');
        err('options.mode trilinear for a 4D input', setOpt({ mode: 'trilinear' }), 'RangeError', 'interpolate');
        err('no options', (a) => a.slice(0, 1), 'TypeError', 'options');
        for (const mode of ['nearest', 'linear', 'area']) ok(`3D input, mode ${mode}`, (a) => [tensor(Float64Array, [2, 2, 9], 3), { size: 4, mode }], shapeIs([2, 2, 4]));
        for (const mode of ['nearest', 'trilinear', 'area', 'nearest-exact']) ok(`5D input, mode ${mode}`, (a) => [tensor(Float32Array, [1, 2, 3, 4, 5], 3), { scaleFactor: [1.5, 0.5, 2], mode }], shapeIs([1, 2, 4, 2, 10]));
        ok('uint8 input, bicubic antialias', () => [{ data: Uint8Array.from({ length: 2 * 3 * 7 * 6 }, (_, i) => (i * 37) % 256), shape: [2, 3, 7, 6] }, { size: [3, 4], mode: 'bicubic', antialias: true }], shapeIs([2, 3, 3, 4]));
        for (const x of ['nearest', 'bilinear']) ok(`a scale factor whose output is one pixel (${x})`, setOpt({ size: undefined, scaleFactor: 0.17, mode: x }), shapeIs([2, 3, 1, 1]));
        getterCases({ raw, err }, 'options.size', (a, f) => { a[1] = { ...a[1], size: f(a[1].size) }; return a; });
        getterCases({ raw, err }, 'options.scaleFactor', (a, f) => { a[1] = { mode: 'bilinear', scaleFactor: f([1.5, 0.5]) }; return a; });
        raw('an options getter throws', (a) => { a[1] = { size: [5, 9], get mode() { throw new SyntaxError('from a getter'); } }; return a; }, { error: 'SyntaxError', fn: '', arg: 'from a getter' });
        err('an options getter detaches the input', (a) => { const d = a[0].data; a[1] = { size: [5, 9], get mode() { detach(d); return 'bilinear'; } }; return a; }, 'RangeError', 'input');
      },
    },
    {
      // forward / forwardAsync of a valid module; the constructor's options are the next row
      fn: 'Upsample',
      label: 'Upsample.forward',
      asyncLabel: 'Upsample.forwardAsync',
      sync: (...a) => new gs.Upsample(a[1]).forward(a[0]),
      async: async (...a) => new gs.Upsample(a[1]).forwardAsync(a[0]),
      noArgs: 'options',
      args: () => [tensor(Float32Array, [2, 3, 7, 6], 14), { size: [5, 9], mode: 'bilinear' }],
      tensors: { input: 0 },
      extremes: [{ tensor: 'input', finite: false }],
      more: ({ ok, err }) => {
        err('forward of a 3D input for bilinear', (a) => { a[0] = tensor(Float32Array, [2, 3, 7], 1); return a; }, 'RangeError', 'Upsample');
        err('forward of a 5D input for a 2-entry size', (a) => { a[0] = tensor(Float32Array, [1, 2, 3, 4, 5], 1); a[1] = { size: [5, 9] }; return a; }, 'RangeError', 'size');
        ok('forward with a scale factor', (a) => { a[1] = { scaleFactor: 2, mode: 'bicubic', alignCorners: true }; return a; }, shapeIs([2, 3, 14, 12]));
      },
    },
    {
      fn: 'Upsample',
      label: 'new Upsample',
      sync: (o) => new gs.Upsample(o),
      args: () => [{ size: [5, 9], mode: 'bilinear' }],
      scalars: [{
        index: 0, name: 'options',
        ok: [{ size: 5 }, { scaleFactor: [2, 3] }, { scaleFactor: 0.5, mode: 'area' }, { size: [4, 4, 4], mode: 'trilinear', alignCorners: false }],
        type: [undefined, null, 5, 'bilinear', [], {}, new Float32Array(2), { size: 5, scaleFactor: 2 }],
        range: [],
      }],
      more: ({ err, raw }) => {
        const E = (label, o, cls, arg) => err(label, () => [o], cls, arg);
        for (const k of ['out', 'antialias', 'memoryFormat', 'foo', 'align_corners', '__proto__'])
          E(`unknown option ${k}`, JSON.parse(`{"size": 5, ${JSON.stringify(k)}: 1}`), 'TypeError', k);
        for (const x of ['Bilinear', 'bilinear ', 1, null, 'lanczos']) E(`mode = ${show(x)}`, { size: 5, mode: x }, 'TypeError', 'options.mode');
        for (const x of [1, 'true', null]) E(`alignCorners = ${show(x)}`, { size: 5, mode: 'bilinear', alignCorners: x }, 'TypeError', 'options.alignCorners');
        E('alignCorners with nearest', { size: 5, alignCorners: true }, 'TypeError', 'options.alignCorners');
        E('recomputeScaleFactor with size', { size: 5, recomputeScaleFactor: true }, 'TypeError', 'options.recomputeScaleFactor');
        for (const x of [0, -1, 1.5, NaN, Infinity, 2 ** 53, [1, 2, 3, 4], [], [0, 1]]) E(`size = ${show(x)}`, { size: x }, 'RangeError', 'size');
        for (const x of ['5', {}, [5, '5'], true]) E(`size = ${show(x)}`, { size: x }, 'TypeError', 'size');
        for (const x of [0, -1, NaN, Infinity, -Infinity, [1, 2, 3, 4], [2, 0]]) E(`scaleFactor = ${show(x)}`, { scaleFactor: x }, 'RangeError', 'scaleFactor');
        for (const x of ['2', {}, [2, null], 2n]) E(`scaleFactor = ${show(x)}`, { scaleFactor: x }, 'TypeError', 'scaleFactor');
        raw('a scaleFactor element getter throws', () => [{ scaleFactor: withGetter([2, 2], 1, () => { throw new SyntaxError('from a getter'); }) }], { error: 'SyntaxError', fn: '', arg: 'from a getter' });
        raw('an options getter throws', () => [{ get size() { throw new SyntaxError('from a getter'); } }], { error: 'SyntaxError', fn: '', arg: 'from a getter' });
      },
    },
  ];
};

export const native = (native) => [
    {
      fn: 'interpolate',
      call: requestCall(native, 'interpolate', ['input', 'out', 'mode', 'alignCorners', 'scales'], { mode: ['nearest', 'nearest-exact', 'bilinear', 'bicubic'] }),
      args: (async) => [nt(Float32Array, [1, 2, 4, 4], 3), nt(Float32Array, [1, 2, 3, 5], 4), 2, false, [0, 0], async],
      tensors: { input: 0, out: 1 },
      ints: { mode: 2 },
      intRanges: { mode: [0, 3] },
      outIndex: 1,
      broadcast: spatial4,
      goodClaim: 2 ** 12,
      more: (h) => {
        scalesCases(4, 2)(h);
        h.good('cubic, align corners, scales 0.75 / 1.25', (a) => { a[2] = 3; a[3] = true; a[4] = [0.75, 1.25]; return a; });
        h.bad('cubic with a 3D input', (a) => { a[0] = nt(Float32Array, [1, 2, 16], 3); a[1] = nt(Float32Array, [1, 2, 15], 3); a[2] = 3; a[4] = [0]; return a; });
        h.bad('out with another batch', (a) => { a[1] = nt(Float32Array, [2, 2, 3, 5], 4); return a; });
        h.bad('out of another dtype', (a) => { a[1] = nt(Float64Array, [1, 2, 3, 5], 4); return a; });
        h.bad('an empty spatial input', (a) => { a[0] = { data: new Float32Array(0), shape: [1, 2, 0, 4], strides: [8, 4, 4, 1] }; return a; });
        h.good('3D input, 5D-free scales list of one', (a) => { a[0] = nt(Float32Array, [1, 2, 16], 3); a[1] = nt(Float32Array, [1, 2, 5], 3); a[4] = [0.3125]; return a; });
      },
    },
    {
      fn: 'interpolateAntialias',
      call: requestCall(native, 'interpolateAntialias', ['input', 'out', 'mode', 'alignCorners', 'scales'], { mode: ['bilinear', 'bicubic'] }),
      args: (async) => [nt(Float32Array, [1, 2, 4, 4], 5), nt(Float32Array, [1, 2, 3, 3], 6), 0, false, [0, 0], async],
      tensors: { input: 0, out: 1 },
      ints: { mode: 2 },
      intRanges: { mode: [0, 1] },
      outIndex: 1,
      broadcast: spatial4,
      goodClaim: 2 ** 12,
      more: (h) => {
        scalesCases(4, 2)(h);
        h.bad('a 3D input', (a) => { a[0] = nt(Float32Array, [1, 2, 16], 3); a[1] = nt(Float32Array, [1, 2, 5], 3); return a; });
        h.bad('an empty output', (a) => { a[1] = { data: new Float32Array(0), shape: [1, 2, 0, 3], strides: [0, 0, 3, 1] }; return a; });
        h.good('bicubic upsampling', (a) => { a[1] = nt(Float32Array, [1, 2, 7, 9], 6); a[2] = 1; return a; });
      },
    },
];
