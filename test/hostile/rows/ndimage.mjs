// Hostile-battery rows of zoom, mapCoordinates and splineFilter: the public
// functions (ops) and the raw native ones (native). ../cases.mjs expands
// them and says what each row field means.
import { show, tensor } from '../tensors.mjs';
import { requestCall, fine, shapeIs, detach, ND_MODES, EXTREME_NUMBERS, getterCases, cvalCases, spatial2, nt } from './shared.mjs';

export const ops = (gs) => {
  return [
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
};

export const native = (native) => [
    {
      fn: 'zoom',
      name: 'ndZoom',
      dtypeOk: { input: ['Float64Array', 'Uint8Array'], out: ['Float64Array', 'Uint8Array'] },
      call: requestCall(native, 'ndZoom', ['input', 'out', 'order', 'mode', 'cval', 'prefilter', 'gridMode'], { mode: ND_MODES }),
      args: (async) => [nt(Float32Array, [4, 8], 11), nt(Float32Array, [3, 5], 12), 3, 0, 0, true, false, async],
      tensors: { input: 0, out: 1 },
      ints: { order: 2, mode: 3 },
      intRanges: { order: [0, 5], mode: [0, 7] },
      outIndex: 1,
      broadcast: spatial2,
      goodClaim: 2 ** 10,
      more: (h) => {
        cvalCases(4)(h);
        h.good('a float64 output of a float32 input', (a) => { a[1] = nt(Float64Array, [3, 5], 12); return a; });
        h.good('a uint8 output', (a) => { a[1] = { ...nt(Float32Array, [3, 5], 12), data: new Uint8Array(15) }; return a; });
        h.bad('out strided', (a) => { a[1] = { data: new Float32Array(30), shape: [3, 5], strides: [10, 2] }; return a; });
        h.bad('out of another rank', (a) => { a[1] = nt(Float32Array, [15], 12); return a; });
        h.bad('an empty input with a non-empty output', (a) => { a[0] = { data: new Float32Array(0), shape: [0, 8], strides: [8, 1] }; return a; });
      },
    },
    {
      fn: 'mapCoordinates',
      name: 'ndMapCoordinates',
      dtypeOk: { input: ['Float64Array', 'Uint8Array'], coordinates: ['Float64Array', 'Uint8Array'], out: ['Float64Array', 'Uint8Array'] },
      call: requestCall(native, 'ndMapCoordinates', ['input', 'coordinates', 'out', 'order', 'mode', 'cval', 'prefilter'], { mode: ND_MODES }),
      args: (async) => [nt(Float32Array, [4, 8], 13), nt(Float32Array, [2, 3, 2], 14, -1, 8), nt(Float32Array, [3, 2], 15), 3, 0, 0, true, async],
      tensors: { input: 0, coordinates: 1, out: 2 },
      ints: { order: 3, mode: 4 },
      intRanges: { order: [0, 5], mode: [0, 7] },
      outIndex: 2,
      broadcast: spatial2,
      goodClaim: 2 ** 10,
      more: (h) => {
        cvalCases(5)(h);
        h.bad('coordinates with 3 rows', (a) => { a[1] = nt(Float32Array, [3, 3, 2], 14); return a; });
        h.bad('out shaped unlike the coordinates', (a) => { a[2] = nt(Float32Array, [2, 3], 15); return a; });
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
      args: (async) => [nt(Float32Array, [4, 8], 16), nt(Float32Array, [4, 8], 17), 3, 0, async],
      tensors: { input: 0, out: 1 },
      ints: { order: 2, mode: 3 },
      intRanges: { order: [2, 5], mode: [0, 7] },
      outIndex: 1,
      broadcast: (a, n) => { a[0] = { ...a[0], shape: [n, n], strides: [0, 0] }; a[1] = { ...a[1], shape: [n, n], strides: [n, 1] }; return a; },
      goodClaim: 2 ** 2,
      more: (h) => {
        h.bad('a uint8 output', (a) => { a[1] = { ...a[1], data: new Uint8Array(32) }; return a; });
        h.bad('out of another shape', (a) => { a[1] = nt(Float32Array, [8, 4], 17); return a; });
        h.good('a float64 output', (a) => { a[1] = nt(Float64Array, [4, 8], 17); return a; });
      },
    },
];
