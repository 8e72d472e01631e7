// The hostile battery's rows (cases.mjs is the engine that expands them; it
// says what each row field means): one row per public function in OP_ROWS
// (gridSample, the runtime controls, affineGrid, adaptiveAvgPool,
// interpolate, Upsample, zoom, mapCoordinates, splineFilter) and one per raw
// native function in NATIVE_ROWS.

/**
 * A raw row's call. Rows describe a native call as a positional list (so the
 * generic hooks can replace one argument by its index) ending in the async
 * flag; this turns it into the request object the binding reads:
 * `fields[i]` names `a[i]`, enum fields (`names`) map a valid index to its
 * name and pass any other value as it is, and the flag picks `fn` or
 * `fn`Async. The result (the output's typed array) comes back as
 * `{data, shape, expected}` (from the request's out) for the row checks.
 */
export function requestCall(native, fn, fields, names = {}) {
  return (...a) => {
    const req = {};
    fields.forEach((f, i) => {
      if (i >= a.length) return;
      const v = a[i];
      req[f] = names[f] && Number.isInteger(v) && v >= 0 && v < names[f].length ? names[f][v] : v;
    });
    // after the async flag, optionally a function that edits the request (e.g. adds `cancel`)
    if (typeof a[fields.length + 1] === 'function') a[fields.length + 1](req);
    const r = (a[fields.length] === true ? native[`${fn}Async`] : native[fn])(req);
    const out = req.out && typeof req.out === 'object' ? req.out : {};
    const wrap = (data) => ({ data, shape: out.shape, expected: out.expected });
    return r instanceof Promise ? r.then(wrap) : wrap(r);
  };
}

import { contiguous, prod, same, show, tensor } from './tensors.mjs';

const isTyped = (v) => ArrayBuffer.isView(v) && !(v instanceof DataView);
const fine = (r) => (r && typeof r === 'object' && isTyped(r.data) && Array.isArray(r.shape) && prod(r.shape) <= r.data.length ? null : 'not a well-formed tensor');
const shapeIs = (want) => (r) => fine(r) ?? (JSON.stringify(r.shape) === JSON.stringify(want) ? null : `shape [${r.shape}], want [${want}]`);
const detach = (a) => structuredClone(a.buffer, { transfer: [a.buffer] });

const ND_MODES = ['constant', 'nearest', 'reflect', 'mirror', 'wrap', 'grid-constant', 'grid-mirror', 'grid-wrap'];
const EXTREME_NUMBERS = [NaN, Infinity, -Infinity, 1e30, -1e30, 1e300, 5e-324, 1e-300, -0];

// An array of numbers whose element `k` runs `get` when read.
function withGetter(values, k, get) {
  const a = values.slice();
  Object.defineProperty(a, k, { get, enumerable: true });
  return a;
}

// Cases shared by the number-list arguments: element getters that throw
// (the user's error propagates) or detach the input's buffer (caught).
function getterCases({ raw, err }, label, place, inputIndex = 0, inputName = 'input') {
  raw(`${label}: an element getter throws`, (a) => place(a, (vals) => withGetter(vals, 0, () => { throw new SyntaxError('from a getter'); })), { error: 'SyntaxError', fn: '', arg: 'from a getter' });
  err(`${label}: an element getter detaches the input`, (a) => {
    const victim = a[inputIndex].data;
    return place(a, (vals) => withGetter(vals, vals.length - 1, () => { detach(victim); return vals[vals.length - 1]; }));
  }, 'RangeError', inputName);
}

export function OP_ROWS(gs) {
  const best = gs.bestSimdTarget();
  const interpBase = () => ({ size: [5, 9], mode: 'bilinear' });
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
    { fn: 'setNumThreads', sync: (...a) => gs.setNumThreads(...a), args: () => [2], restore: () => gs.setNumThreads(2),
      scalars: [{ index: 0, name: 'n', ok: [1, 3, 1024], type: ['2', null, undefined, {}, 2n, [2], true], range: [0, -1, 1.5, NaN, Infinity, -Infinity, 1025, 2 ** 53, 1e300] }] },
    { fn: 'setSimdTarget', sync: (...a) => gs.setSimdTarget(...a), args: () => ['baseline'], restore: () => gs.setSimdTarget(best),
      scalars: [{ index: 0, name: 'target', ok: ['baseline', 'avx2', 'avx512'], type: ['sse', '', 'AVX2', 1, null, undefined, {}, ['avx2'], new String('avx2')], range: [] }] },
    { fn: 'getNumThreads', sync: (...a) => gs.getNumThreads(...a), args: () => [], junkArgs: true },
    { fn: 'getSimdTarget', sync: (...a) => gs.getSimdTarget(...a), args: () => [], junkArgs: true },
    { fn: 'bestSimdTarget', sync: (...a) => gs.bestSimdTarget(...a), args: () => [], junkArgs: true },
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
    {
      fn: 'zoom',
      sync: (...a) => gs.zoom(...a),
      async: (...a) => gs.zoomAsync(...a),
      args: () => [tensor(Float64Array, [5, 6], 15), [1.5, 0.7], {}],
      tensors: { input: 0 },
      options: 2,
      optionValues: { mode: ND_MODES, prefilter: 'boolean', gridMode: 'boolean', output: ['float32', 'float64', 'uint8'] },
      out: true,
      extremes: [{ tensor: 'input', finite: false, options: [{}, { order: 0 }, { order: 1, mode: 'nearest' }, { order: 5, mode: 'mirror' }, { order: 3, mode: 'wrap', gridMode: true }, { order: 2, mode: 'grid-constant', output: 'uint8' }] }],
      scalars: [{
        index: 1, name: 'zoom',
        ok: [2, 0.5, [1, 1], [3, 0.2], 1e-3, 5e-324, [1e-300, 1]],  // (tiny factors: an empty result, like SciPy)
        type: ['2', null, undefined, {}, [1, '2'], 2n, [1, null]],
        range: [0, -1, NaN, Infinity, -Infinity, [1], [1, 2, 3], [0, 1], [-1, 1], [NaN, 1], [1, Infinity]],
      }],
      more: ({ ok, err, raw, setOpt }) => {
        err('zoom factors making the result too large', (a) => { a[1] = [1e300, 1]; return a; }, 'RangeError', 'zoom');
        err('zoom factors making the result larger than 2^32 - 1 elements', (a) => { a[1] = [2 ** 20, 2 ** 20]; return a; }, 'RangeError', 'zoom');
        for (const k of [0, 1, 2, 3, 4, 5]) ok(`options.order = ${k}`, setOpt({ order: k }), shapeIs([8, 4]));
        for (const x of [-1, 6, 1.5, NaN, Infinity]) err(`options.order = ${show(x)}`, setOpt({ order: x }), 'RangeError', 'options.order');
        for (const x of ['3', null, true, 3n]) err(`options.order = ${show(x)}`, setOpt({ order: x }), 'TypeError', 'options.order');
        for (const x of EXTREME_NUMBERS) ok(`options.cval = ${show(x)}`, setOpt({ cval: x, mode: 'constant' }), shapeIs([8, 4]));
        for (const x of EXTREME_NUMBERS) ok(`options.cval = ${show(x)} (grid-constant, uint8)`, setOpt({ cval: x, mode: 'grid-constant', output: 'uint8', gridMode: true }), shapeIs([8, 4]));
        for (const x of ['0', null, {}, 0n, [0]]) err(`options.cval = ${show(x)}`, setOpt({ cval: x }), 'TypeError', 'options.cval');
        ok('rank 1', () => [tensor(Float32Array, [9], 1), 0.5, { order: 3 }], shapeIs([4]));
        ok('rank 5', () => [tensor(Float32Array, [2, 1, 3, 2, 2], 1), 1.5, { order: 1 }], fine);
        ok('uint8 input', () => [{ data: Uint8Array.from({ length: 30 }, (_, i) => i * 8), shape: [5, 6] }, 2, { order: 3 }], shapeIs([10, 12]));
        getterCases({ raw, err }, 'zoom', (a, f) => { a[1] = f(a[1]); return a; });
        raw('an options getter throws', (a) => { a[2] = { get cval() { throw new SyntaxError('from a getter'); } }; return a; }, { error: 'SyntaxError', fn: '', arg: 'from a getter' });
        err('an options getter detaches the input', (a) => { const d = a[0].data; a[2] = { get cval() { detach(d); return 0; } }; return a; }, 'RangeError', 'input');
      },
    },
    {
      fn: 'mapCoordinates',
      sync: (...a) => gs.mapCoordinates(...a),
      async: (...a) => gs.mapCoordinatesAsync(...a),
      args: () => [tensor(Float64Array, [5, 6], 16), tensor(Float64Array, [2, 3, 4], 17, -1, 6), {}],
      tensors: { input: 0, coordinates: 1 },
      options: 2,
      optionValues: { mode: ND_MODES, prefilter: 'boolean', output: ['float32', 'float64', 'uint8'] },
      out: true,
      // README: non-finite coordinates give cval ('nearest' clamps infinities): finite here
      extremes: [{ tensor: 'coordinates', options: [...ND_MODES.map((mode) => ({ mode })), { order: 0 }, { order: 1, mode: 'wrap' }, { order: 5, mode: 'reflect' }, { order: 2, mode: 'grid-wrap', output: 'uint8' }] },
        { tensor: 'input', finite: false, options: [{}, { order: 1 }] }],
      more: ({ ok, err, setOpt }) => {
        for (const k of [0, 1, 2, 3, 4, 5]) ok(`options.order = ${k}`, setOpt({ order: k }), shapeIs([3, 4]));
        for (const x of [-1, 6, 1.5, NaN]) err(`options.order = ${show(x)}`, setOpt({ order: x }), 'RangeError', 'options.order');
        for (const x of ['3', null, true]) err(`options.order = ${show(x)}`, setOpt({ order: x }), 'TypeError', 'options.order');
        for (const x of EXTREME_NUMBERS) ok(`options.cval = ${show(x)}`, setOpt({ cval: x }), shapeIs([3, 4]));
        for (const x of ['0', null, {}, 0n]) err(`options.cval = ${show(x)}`, setOpt({ cval: x }), 'TypeError', 'options.cval');
        err('coordinates with 3 rows for a 2D input', (a) => { a[1] = tensor(Float64Array, [3, 4], 1); return a; }, 'RangeError', 'coordinates');
        err('coordinates of rank 1', (a) => { a[1] = tensor(Float64Array, [2], 1); return a; }, 'RangeError', 'coordinates');
        ok('float32 coordinates of rank 2 (a list of points)', (a) => { a[1] = tensor(Float32Array, [2, 7], 2, -2, 8); return a; }, shapeIs([7]));
        ok('uint8 coordinates', (a) => { a[1] = { data: new Uint8Array(8), shape: [2, 4] }; return a; }, shapeIs([4]));
        err('an empty input', (a) => { a[0] = { data: new Float64Array(0), shape: [0, 6] }; return a; }, 'RangeError', 'input');
        ok('empty coordinates', (a) => { a[1] = { data: new Float64Array(0), shape: [2, 0] }; return a; }, shapeIs([0]));
      },
    },
    {
      fn: 'splineFilter',
      sync: (...a) => gs.splineFilter(...a),
      async: (...a) => gs.splineFilterAsync(...a),
      args: () => [tensor(Float64Array, [5, 6], 18), {}],
      tensors: { input: 0 },
      options: 1,
      optionValues: { mode: ND_MODES, output: ['float32', 'float64'] },
      out: true,
      extremes: [{ tensor: 'input', finite: false, options: [{}, { order: 2, mode: 'wrap' }, { order: 5, mode: 'constant' }, { order: 4, mode: 'grid-constant' }] }],
      more: ({ ok, err, setOpt }) => {
        for (const k of [2, 3, 4, 5]) ok(`options.order = ${k}`, setOpt({ order: k }), shapeIs([5, 6]));
        for (const x of [0, 1, -1, 6, 1.5, NaN]) err(`options.order = ${show(x)}`, setOpt({ order: x }), 'RangeError', 'options.order');
        for (const x of ['3', null, true]) err(`options.order = ${show(x)}`, setOpt({ order: x }), 'TypeError', 'options.order');
        err('options.output uint8', setOpt({ output: 'uint8' }), 'TypeError', 'options.output');
        ok('rank 1 of length 1', () => [{ data: new Float64Array([3]), shape: [1] }], shapeIs([1]));
        ok('uint8 input', () => [{ data: Uint8Array.from({ length: 30 }, (_, i) => i * 8), shape: [5, 6] }], shapeIs([5, 6]));
      },
    },
  ];
}

// Raw native rows: the addon called directly, bypassing src/ (requestCall
// builds the request). `args(async)` gives a valid positional list;
// `tensors` the tensor indices; `ints` the enum/integer indices; `floats`
// (optional) numbers where extreme values may be valid. Every hostile variant
// must throw a TypeError/RangeError (or reject, for async) starting with
// "<fn>:". Valid argument lists use float32 tensors with at most 32 input
// elements (the generic overlap case builds its buffer from them).
export function NATIVE_ROWS(native) {
  const t = (Ctor, shape, seed, lo, hi) => ({ ...tensor(Ctor, shape, seed, lo, hi), strides: contiguous(shape) });
  const scalesCases = (index, n) => ({ bad, good, raw }) => {
    for (const x of ['x', null, undefined, {}, 5, new Float64Array(n), Array(n + 1).fill(0), Array(n - 1).fill(0), [...Array(n - 1).fill(0), NaN], [...Array(n - 1).fill(0), Infinity],
      [...Array(n - 1).fill(0), -Infinity], [...Array(n - 1).fill(0), -1], [...Array(n - 1).fill(0), 1e-300], [...Array(n - 1).fill(0), 5e-324], [...Array(n - 1).fill(0), 1e-40], [...Array(n - 1).fill(0), '1'], [...Array(n - 1).fill(0), null], [...Array(n - 1).fill(0), 1e30 * 1e-40]])
      bad(`scales = ${show(x)}`, (a) => { a[index] = x; return a; });
    for (const x of [Array(n).fill(0), Array(n).fill(0.75), Array(n).fill(1e30)]) good(`scales = ${show(x)}`, (a) => { a[index] = x; return a; });
    raw('a scales element getter throws', (a) => { a[index] = withGetter(Array(n).fill(0), n - 1, () => { throw new SyntaxError('from a getter'); }); return a; }, { error: 'SyntaxError', fn: '', arg: 'from a getter' });
    bad('a scales element getter detaches the input', (a) => { const d = a[0].data; a[index] = withGetter(Array(n).fill(0), n - 1, () => { detach(d); return 0; }); return a; });
    bad('a scales element getter detaches the output', (a) => { const d = a[1].data; a[index] = withGetter(Array(n).fill(0), 0, () => { detach(d); return 0; }); return a; });
  };
  const cvalCases = (index) => ({ bad, good, raw }) => {
    for (const x of ['0', null, undefined, {}, 0n, [0]]) bad(`cval = ${show(x)}`, (a) => { a[index] = x; return a; });
    for (const x of EXTREME_NUMBERS) good(`cval = ${show(x)}`, (a) => { a[index] = x; return a; });
  };
  const spatial4 = (a, n) => { a[0] = { ...a[0], shape: [1, 2, n, n], strides: [0, 1, 0, 0] }; return a; };
  const spatial2 = (a, n) => { a[0] = { ...a[0], shape: [n, n], strides: [0, 0] }; return a; };
  return [
    {
      fn: 'gridSample',
      call: requestCall(native, 'gridSample', ['input', 'grid', 'out', 'mode', 'padding', 'alignCorners'], { mode: ['bilinear', 'nearest', 'bicubic'], padding: ['zeros', 'border', 'reflection'] }),
      args: (async) => [t(Float32Array, [1, 2, 4, 4], 3), t(Float32Array, [1, 3, 3, 2], 4), t(Float32Array, [1, 2, 3, 3], 5), 0, 0, false, async],
      tensors: { input: 0, grid: 1, out: 2 },
      ints: { mode: 3, padding: 4 },
      outIndex: 2,
    },
    {
      fn: 'interpolate',
      call: requestCall(native, 'interpolate', ['input', 'out', 'mode', 'alignCorners', 'scales'], { mode: ['nearest', 'nearest-exact', 'bilinear', 'bicubic'] }),
      args: (async) => [t(Float32Array, [1, 2, 4, 4], 3), t(Float32Array, [1, 2, 3, 5], 4), 2, false, [0, 0], async],
      tensors: { input: 0, out: 1 },
      ints: { mode: 2 },
      intRanges: { mode: [0, 3] },
      outIndex: 1,
      broadcast: spatial4,
      goodClaim: 2 ** 12,
      more: (h) => {
        scalesCases(4, 2)(h);
        h.good('cubic, align corners, scales 0.75 / 1.25', (a) => { a[2] = 3; a[3] = true; a[4] = [0.75, 1.25]; return a; });
        h.bad('cubic with a 3D input', (a) => { a[0] = t(Float32Array, [1, 2, 16], 3); a[1] = t(Float32Array, [1, 2, 15], 3); a[2] = 3; a[4] = [0]; return a; });
        h.bad('out with another batch', (a) => { a[1] = t(Float32Array, [2, 2, 3, 5], 4); return a; });
        h.bad('out of another dtype', (a) => { a[1] = t(Float64Array, [1, 2, 3, 5], 4); return a; });
        h.bad('an empty spatial input', (a) => { a[0] = { data: new Float32Array(0), shape: [1, 2, 0, 4], strides: [8, 4, 4, 1] }; return a; });
        h.good('3D input, 5D-free scales list of one', (a) => { a[0] = t(Float32Array, [1, 2, 16], 3); a[1] = t(Float32Array, [1, 2, 5], 3); a[4] = [0.3125]; return a; });
      },
    },
    {
      fn: 'interpolateAntialias',
      call: requestCall(native, 'interpolateAntialias', ['input', 'out', 'mode', 'alignCorners', 'scales'], { mode: ['bilinear', 'bicubic'] }),
      args: (async) => [t(Float32Array, [1, 2, 4, 4], 5), t(Float32Array, [1, 2, 3, 3], 6), 0, false, [0, 0], async],
      tensors: { input: 0, out: 1 },
      ints: { mode: 2 },
      intRanges: { mode: [0, 1] },
      outIndex: 1,
      broadcast: spatial4,
      goodClaim: 2 ** 12,
      more: (h) => {
        scalesCases(4, 2)(h);
        h.bad('a 3D input', (a) => { a[0] = t(Float32Array, [1, 2, 16], 3); a[1] = t(Float32Array, [1, 2, 5], 3); return a; });
        h.bad('an empty output', (a) => { a[1] = { data: new Float32Array(0), shape: [1, 2, 0, 3], strides: [0, 0, 3, 1] }; return a; });
        h.good('bicubic upsampling', (a) => { a[1] = t(Float32Array, [1, 2, 7, 9], 6); a[2] = 1; return a; });
      },
    },
    {
      fn: 'adaptiveAvgPool',
      call: requestCall(native, 'adaptiveAvgPool', ['input', 'out']),
      args: (async) => [t(Float32Array, [1, 2, 4, 4], 7), t(Float32Array, [1, 2, 3, 2], 8), async],
      tensors: { input: 0, out: 1 },
      ints: {},
      outIndex: 1,
      broadcast: spatial4,
      goodClaim: 2 ** 11,
      more: (h) => {
        h.bad('out with another channel count', (a) => { a[1] = t(Float32Array, [1, 3, 3, 2], 8); return a; });
        h.bad('an empty spatial input', (a) => { a[0] = { data: new Float32Array(0), shape: [1, 2, 4, 0], strides: [8, 4, 1, 1] }; return a; });
        h.good('5D', (a) => { a[0] = t(Float32Array, [1, 1, 2, 4, 4], 7); a[1] = t(Float32Array, [1, 1, 1, 3, 5], 8); return a; });
      },
    },
    {
      fn: 'affineGrid',
      call: requestCall(native, 'affineGrid', ['theta', 'out', 'alignCorners']),
      args: (async) => [t(Float32Array, [1, 2, 3], 9, -2, 2), t(Float32Array, [1, 3, 4, 2], 10), false, async],
      tensors: { theta: 0, out: 1 },
      ints: {},
      outIndex: 1,
      more: (h) => {
        h.bad('out claims 2^40 x 2^40', (a) => { a[1] = { ...a[1], shape: [1, 2 ** 40, 2 ** 40, 2], strides: [2 ** 41, 2 ** 41, 2, 1] }; return a; });
        h.bad('out broadcast (zero strides)', (a) => { a[1] = { ...a[1], strides: [0, 0, 0, 1] }; return a; });
        h.bad('theta [1, 3, 4] for a 4D out', (a) => { a[0] = t(Float32Array, [1, 3, 4], 9); return a; });
        h.bad('theta of uint8', (a) => { a[0] = { data: new Uint8Array(6), shape: [1, 2, 3], strides: [6, 3, 1] }; return a; });
        h.bad('out of another batch', (a) => { a[1] = t(Float32Array, [2, 3, 4, 2], 10); return a; });
        h.good('theta filled with NaN', (a) => { a[0].data.fill(NaN); return a; });
        h.good('theta broadcast (zero strides)', (a) => { a[0] = { data: new Float32Array([0.5]), shape: [1, 2, 3], strides: [0, 0, 0] }; return a; });
        h.good('3D', (a) => { a[0] = t(Float64Array, [1, 3, 4], 9); a[1] = t(Float64Array, [1, 2, 3, 4, 3], 10); return a; });
      },
    },
    {
      fn: 'zoom',
      name: 'ndZoom',
      dtypeOk: { input: ['Float64Array', 'Uint8Array'], out: ['Float64Array', 'Uint8Array'] },
      call: requestCall(native, 'ndZoom', ['input', 'out', 'order', 'mode', 'cval', 'prefilter', 'gridMode'], { mode: ND_MODES }),
      args: (async) => [t(Float32Array, [4, 8], 11), t(Float32Array, [3, 5], 12), 3, 0, 0, true, false, async],
      tensors: { input: 0, out: 1 },
      ints: { order: 2, mode: 3 },
      intRanges: { order: [0, 5], mode: [0, 7] },
      outIndex: 1,
      broadcast: spatial2,
      goodClaim: 2 ** 10,
      more: (h) => {
        cvalCases(4)(h);
        h.good('a float64 output of a float32 input', (a) => { a[1] = t(Float64Array, [3, 5], 12); return a; });
        h.good('a uint8 output', (a) => { a[1] = { ...t(Float32Array, [3, 5], 12), data: new Uint8Array(15) }; return a; });
        h.bad('out strided', (a) => { a[1] = { data: new Float32Array(30), shape: [3, 5], strides: [10, 2] }; return a; });
        h.bad('out of another rank', (a) => { a[1] = t(Float32Array, [15], 12); return a; });
        h.bad('an empty input with a non-empty output', (a) => { a[0] = { data: new Float32Array(0), shape: [0, 8], strides: [8, 1] }; return a; });
      },
    },
    {
      fn: 'mapCoordinates',
      name: 'ndMapCoordinates',
      dtypeOk: { input: ['Float64Array', 'Uint8Array'], coordinates: ['Float64Array', 'Uint8Array'], out: ['Float64Array', 'Uint8Array'] },
      call: requestCall(native, 'ndMapCoordinates', ['input', 'coordinates', 'out', 'order', 'mode', 'cval', 'prefilter'], { mode: ND_MODES }),
      args: (async) => [t(Float32Array, [4, 8], 13), t(Float32Array, [2, 3, 2], 14, -1, 8), t(Float32Array, [3, 2], 15), 3, 0, 0, true, async],
      tensors: { input: 0, coordinates: 1, out: 2 },
      ints: { order: 3, mode: 4 },
      intRanges: { order: [0, 5], mode: [0, 7] },
      outIndex: 2,
      broadcast: spatial2,
      goodClaim: 2 ** 10,
      more: (h) => {
        cvalCases(5)(h);
        h.bad('coordinates with 3 rows', (a) => { a[1] = t(Float32Array, [3, 3, 2], 14); return a; });
        h.bad('out shaped unlike the coordinates', (a) => { a[2] = t(Float32Array, [2, 3], 15); return a; });
        h.bad('out overlapping the coordinates', (a) => {
          const buf = new Float32Array(12 + 6);
          a[1] = { ...a[1], data: buf.subarray(0, 12) };
          a[2] = { ...a[2], data: buf.subarray(11, 17) };
          return a;
        });
        for (const x of [NaN, Infinity, -Infinity, 1e30, 5e-324, -1e300]) for (const mode of [0, 1, 2, 4, 5]) h.good(`coordinates filled with ${show(x)}, mode ${mode}`, (a) => { a[1].data.fill(x); a[4] = mode; return a; });
        h.good('coordinates broadcast (zero strides)', (a) => { a[1] = { data: new Float32Array([1.5]), shape: [2, 3, 2], strides: [0, 0, 0] }; return a; });
      },
    },
    {
      fn: 'splineFilter',
      name: 'ndSplineFilter',
      dtypeOk: { input: ['Float64Array', 'Uint8Array'], out: ['Float64Array'] },
      call: requestCall(native, 'ndSplineFilter', ['input', 'out', 'order', 'mode'], { mode: ND_MODES }),
      args: (async) => [t(Float32Array, [4, 8], 16), t(Float32Array, [4, 8], 17), 3, 0, async],
      tensors: { input: 0, out: 1 },
      ints: { order: 2, mode: 3 },
      intRanges: { order: [2, 5], mode: [0, 7] },
      outIndex: 1,
      broadcast: (a, n) => { a[0] = { ...a[0], shape: [n, n], strides: [0, 0] }; a[1] = { ...a[1], shape: [n, n], strides: [n, 1] }; return a; },
      goodClaim: 2 ** 2,
      more: (h) => {
        h.bad('a uint8 output', (a) => { a[1] = { ...a[1], data: new Uint8Array(32) }; return a; });
        h.bad('out of another shape', (a) => { a[1] = t(Float32Array, [8, 4], 17); return a; });
        h.good('a float64 output', (a) => { a[1] = t(Float64Array, [4, 8], 17); return a; });
      },
    },
  ];
}
