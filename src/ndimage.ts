// zoom, mapCoordinates, splineFilter: SciPy 1.10's scipy.ndimage.zoom,
// map_coordinates and spline_filter (B-spline interpolation of orders 0-5,
// every boundary mode), with the reflect prefilter fixed as in SciPy 1.18.
// Checks, defaults and shapes here; the arithmetic is native/ndimage.
import { type MapCoordinatesRequest, type SplineFilterRequest, type ZoomRequest, native } from './addon';
import {
  type Checked,
  type DType,
  type Tensor,
  type TypedData,
  bool,
  checkOptions,
  checkTensor,
  oneOf,
  outputFor,
  rangeError,
  result,
  shapeStr,
  typeError,
} from './validate';
import { type AsyncOptions, runAsync, takeSignal } from './async-queue';

/** SciPy's boundary modes: how the input extends beyond its edges. */
export type NdMode = 'constant' | 'nearest' | 'reflect' | 'mirror' | 'wrap' | 'grid-constant' | 'grid-mirror' | 'grid-wrap';
/** B-spline order. */
export type SplineOrder = 0 | 1 | 2 | 3 | 4 | 5;

/** Options shared by `zoom` and `mapCoordinates` (SciPy's keyword arguments, camel-cased). */
export interface SplineOptions {
  /** B-spline order 0-5 (default 3). 0 is nearest (rounding half up), 1 linear. */
  order?: SplineOrder;
  /** Boundary mode (default 'constant', like SciPy). */
  mode?: NdMode;
  /** Value outside the input for 'constant' and 'grid-constant' (default 0; any number, as in SciPy). */
  cval?: number;
  /** Spline-filter the input first (default true) when order > 1; false treats the input as spline coefficients. */
  prefilter?: boolean;
  /** Write the result into this contiguous tensor of the output shape and dtype instead of allocating. */
  out?: Tensor;
  /** Output dtype (default: the input's, like SciPy). Integer outputs round half up and clamp to [0, 255]. */
  output?: DType;
}

/** Options of `zoom` / `zoomAsync`. */
export interface ZoomOptions extends SplineOptions {
  /** If true, zoom pixel extents (edges at -0.5 and n-0.5) rather than pixel centres (default false). */
  gridMode?: boolean;
}

/** Options of `splineFilter` / `splineFilterAsync`. */
export interface SplineFilterOptions {
  /** B-spline order 2-5 (default 3). */
  order?: 2 | 3 | 4 | 5;
  /** Boundary mode of the filter (default 'mirror', like SciPy's spline_filter). */
  mode?: NdMode;
  /** Output dtype 'float64' (default, like SciPy) or 'float32'. */
  output?: 'float32' | 'float64';
  /** Write the result into this contiguous tensor (input's shape, the output dtype). */
  out?: Tensor;
}

const MODES = ['constant', 'nearest', 'reflect', 'mirror', 'wrap', 'grid-constant', 'grid-mirror', 'grid-wrap'] as const;
const DTYPES = ['float32', 'float64', 'uint8'] as const;
const SPLINE_KEYS = ['order', 'mode', 'cval', 'prefilter', 'out', 'output'] as const;
const ZOOM_KEYS = [...SPLINE_KEYS, 'gridMode'] as const;
const FILTER_KEYS = ['order', 'mode', 'output', 'out'] as const;
/** Ranks the native code handles (its views hold up to 8 dimensions). */
const MAX_RANK = 8;

function order(fn: string, v: unknown, lo: number, fallback: number): number {
  if (v === undefined) return fallback;
  if (typeof v !== 'number') throw typeError(fn, 'options.order', `an integer in ${lo}..5`, v);
  if (!Number.isInteger(v) || v < lo || v > 5) throw rangeError(fn, `expected options.order to be an integer in ${lo}..5 but received ${v}`);
  return v;
}

function cvalOf(fn: string, v: unknown): number {
  if (v === undefined) return 0;
  if (typeof v !== 'number') throw typeError(fn, 'options.cval', 'a number', v);
  return v;  // SciPy takes any float, NaN and infinities included
}

function checkInput(fn: string, v: unknown): Checked {
  const t = checkTensor(fn, 'input', v);
  if (t.shape.length < 1 || t.shape.length > MAX_RANK)
    throw rangeError(fn, `expected an input of rank 1 to ${MAX_RANK} but received shape ${shapeStr(t.shape)}`);
  return t;
}

/** Python's round(): to nearest, ties to even. */
function roundHalfEven(x: number): number {
  const r = Math.round(x);  // ties up
  return r - x === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/** What zoom and mapCoordinates share: the request's spline options, the input and the output dtype. */
interface Spline {
  input: Checked;
  order: number;
  mode: NdMode;
  cval: number;
  prefilter: boolean;
  output: DType;
}

/**
 * The options zoom and mapCoordinates share, zoom's gridMode (when `keys`
 * has it), then the input and the output dtype: one parser, in the order
 * the messages report them.
 */
function parseSpline<O extends SplineOptions>(fn: string, input: unknown, options: unknown, keys: readonly string[]): { opts: Partial<O>; spline: Spline; gridMode: boolean } {
  const opts = checkOptions<O>(fn, options, keys);
  const ord = order(fn, opts.order, 0, 3);
  const mode = oneOf(fn, 'options.mode', opts.mode, MODES, 'constant');
  const cval = cvalOf(fn, opts.cval);
  const prefilter = bool(fn, 'options.prefilter', opts.prefilter, true);
  const gridMode = keys.includes('gridMode') ? bool(fn, 'options.gridMode', (opts as ZoomOptions).gridMode, false) : false;
  const inp = checkInput(fn, input);
  const output = oneOf(fn, 'options.output', opts.output, DTYPES, inp.dtype);
  return { opts, spline: { input: inp, order: ord, mode, cval, prefilter, output }, gridMode };
}

/** What outputFor needs to allocate a result of `dtype` for `input`. */
function likeOf(input: Checked, dtype: DType): { dtype: DType; data?: TypedData } {
  return dtype === input.dtype ? input : { dtype };
}

function prepareZoom(input: unknown, zoom: unknown, options: unknown, async = false): ZoomRequest & { out: Checked } {
  const FN = 'zoom';
  const { opts, spline, gridMode } = parseSpline<ZoomOptions>(FN, input, options, ZOOM_KEYS);
  const inp = spline.input;
  const rank = inp.shape.length;
  let factors: number[];
  if (typeof zoom === 'number') factors = new Array<number>(rank).fill(zoom);
  else if (Array.isArray(zoom)) {
    if (zoom.length !== rank)
      throw rangeError(FN, `expected ${rank} zoom factors (one per axis of input shape ${shapeStr(inp.shape)}) but received ${zoom.length}`);
    for (const z of zoom) if (typeof z !== 'number') throw typeError(FN, 'zoom factors', 'numbers', z);
    factors = zoom as number[];
  } else throw typeError(FN, 'zoom', 'a number or an array of numbers', zoom);
  for (const z of factors)
    if (!Number.isFinite(z) || z <= 0) throw rangeError(FN, `expected zoom factors to be finite and positive but received ${shapeStr(factors)}`);
  // SciPy: round(n * zoom) per axis, Python rounding.
  const outShape = inp.shape.map((n, i) => roundHalfEven(n * factors[i]));
  for (const s of outShape)
    if (!Number.isSafeInteger(s)) throw rangeError(FN, `the output shape ${shapeStr(outShape)} is too large`);
  const out = outputFor(FN, opts.out, likeOf(inp, spline.output), outShape, [inp], 'contiguous', async);
  return { ...spline, out, gridMode };
}

/**
 * Resizes an array of any rank (1-8) with B-spline interpolation, exactly
 * like SciPy 1.10's `scipy.ndimage.zoom`: the output shape is
 * `round(n * zoom)` per axis (ties to even) and output index `k` samples the
 * input at `k * (n - 1) / (out - 1)` (or `(k + 0.5) * n / out - 0.5` with
 * `gridMode`). float32, float64 and uint8 input; the output has the input's
 * dtype unless `options.output` says otherwise. The 'reflect' / 'grid-mirror'
 * prefilter uses SciPy 1.18's corrected boundary value.
 *
 * @example
 * const img = { data: new Float64Array([0, 1, 2, 3]), shape: [2, 2] };
 * zoom(img, 2, { order: 1 }).shape; // [4, 4]
 * @param input an array of rank 1-8: float32, float64 or uint8
 * @param zoom one factor, or one per axis (finite, positive)
 * @param options `order` (0-5, default 3), `mode`, `cval`, `prefilter`, `gridMode`, `output`, `out`
 * @returns the zoomed array (shape `round(n * zoom)` per axis), of `output`'s type (default: the input's)
 * @throws {TypeError} an argument of the wrong kind (not a tensor, an unknown option, a wrong dtype)
 * @throws {RangeError} wrong ranks, shapes, sizes or option values; messages name the function and the argument
 */
export function zoom<D extends TypedData>(input: Tensor<D>, zoom: number | readonly number[], options?: ZoomOptions): Tensor {
  const p = prepareZoom(input, zoom, options);
  return result(p.out, native.ndZoom(p));
}

/**
 * `zoom` off the JavaScript thread: the work runs in libuv's pool. Bad
 * arguments reject the promise. The inputs are copied when the call starts:
 * at once, unless the async memory budget is full and the call waits in the
 * queue (README "Async calls under load"); changing or transferring them
 * after that cannot change the result. `options.signal` cancels the call.
 * @param input as in `zoom`
 * @param zoom as in `zoom`
 * @param options as in `zoom`
 * @returns a promise of the zoomed array
 * @throws Never synchronously: bad arguments reject the promise with the same TypeError / RangeError as the sync form
 * @example
 * const big = await zoomAsync(volume, [1, 2, 2], { order: 1 });
 */
export async function zoomAsync<D extends TypedData>(input: Tensor<D>, zoom: number | readonly number[], options?: ZoomOptions & AsyncOptions): Promise<Tensor> {
  const { signal, options: rest } = takeSignal('zoom', options);
  const p = prepareZoom(input, zoom, rest, true);
  return runAsync('zoom', signal, { input: p.input, out: p.out },
    (cancel) => native.ndZoomAsync({ ...p, cancel }), (data) => result(p.out, data));
}

function prepareMap(input: unknown, coordinates: unknown, options: unknown, async = false): MapCoordinatesRequest & { out: Checked } {
  const FN = 'mapCoordinates';
  const { opts, spline } = parseSpline<SplineOptions>(FN, input, options, SPLINE_KEYS);
  const inp = spline.input;
  const c = checkTensor(FN, 'coordinates', coordinates);
  const rank = inp.shape.length;
  if (c.shape.length < 2)
    throw rangeError(FN, `expected coordinates of shape (${rank}, ...outShape) but received shape ${shapeStr(c.shape)}`);
  if (c.shape[0] !== rank)
    throw rangeError(FN, `expected coordinates to have ${rank} rows (the rank of input shape ${shapeStr(inp.shape)}) but received shape ${shapeStr(c.shape)}`);
  const outShape = c.shape.slice(1);
  if (inp.numel === 0 && outShape.every((s) => s > 0))
    throw rangeError(FN, `cannot sample the empty input of shape ${shapeStr(inp.shape)}`);
  const out = outputFor(FN, opts.out, likeOf(inp, spline.output), outShape, [inp, c], 'contiguous', async);
  return { ...spline, coordinates: c, out };
}

/**
 * Samples `input` at arbitrary coordinates with B-spline interpolation,
 * exactly like SciPy 1.10's `scipy.ndimage.map_coordinates`. `coordinates`
 * has shape `(rank, ...outShape)`: row `a` holds the (fractional) index along
 * axis `a` of each output point. Any dtype of coordinates is read as float64.
 * Non-finite coordinates give `cval` ('nearest' clamps infinities).
 *
 * @example
 * const img = { data: new Float64Array([0, 1, 2, 3]), shape: [2, 2] };
 * const at = { data: new Float64Array([0.5, 1, 0.5, 0]), shape: [2, 2] };
 * mapCoordinates(img, at, { order: 1 }).data; // Float64Array [1.5, 2]
 * @param input an array of rank 1-8: float32, float64 or uint8
 * @param coordinates `(rank, ...outShape)`: row `a` holds the fractional indices along axis `a`
 * @param options `order`, `mode`, `cval`, `prefilter`, `output`, `out`
 * @returns the values at the coordinates, shape `outShape`
 * @throws {TypeError} an argument of the wrong kind (not a tensor, an unknown option, a wrong dtype)
 * @throws {RangeError} wrong ranks, shapes, sizes or option values; messages name the function and the argument
 */
export function mapCoordinates<D extends TypedData>(input: Tensor<D>, coordinates: Tensor, options?: SplineOptions): Tensor {
  const p = prepareMap(input, coordinates, options);
  return result(p.out, native.ndMapCoordinates(p));
}

/**
 * `mapCoordinates` off the JavaScript thread (see `zoomAsync`).
 *
 * @param input as in {@link mapCoordinates}
 * @param coordinates as in {@link mapCoordinates}
 * @param options as in {@link mapCoordinates}
 * @returns a promise of the values
 * @throws Never synchronously: bad arguments reject the promise with the same TypeError / RangeError as the sync form
 * @example
 * const v = await mapCoordinatesAsync(img, at, { order: 3 });
 */
export async function mapCoordinatesAsync<D extends TypedData>(input: Tensor<D>, coordinates: Tensor, options?: SplineOptions & AsyncOptions): Promise<Tensor> {
  const { signal, options: rest } = takeSignal('mapCoordinates', options);
  const p = prepareMap(input, coordinates, rest, true);
  return runAsync('mapCoordinates', signal, { input: p.input, coordinates: p.coordinates, out: p.out },
    (cancel) => native.ndMapCoordinatesAsync({ ...p, cancel }), (data) => result(p.out, data));
}

function prepareFilter(input: unknown, options: unknown, async = false): SplineFilterRequest & { out: Checked } {
  const FN = 'splineFilter';
  const opts = checkOptions<SplineFilterOptions>(FN, options, FILTER_KEYS);
  const ord = order(FN, opts.order, 2, 3);
  const mode = oneOf(FN, 'options.mode', opts.mode, MODES, 'mirror');
  const output = oneOf(FN, 'options.output', opts.output, ['float32', 'float64'] as const, 'float64');
  const inp = checkInput(FN, input);
  const out = outputFor(FN, opts.out, likeOf(inp, output), inp.shape.slice(), [inp], 'contiguous', async);
  return { input: inp, out, order: ord, mode };
}

/**
 * The B-spline coefficients of `input` along every axis, like SciPy 1.10's
 * `scipy.ndimage.spline_filter` (default order 3, mode 'mirror', float64
 * output), with the 'reflect' / 'grid-mirror' / 'nearest' boundary value
 * corrected as in SciPy 1.18. Feed the result to `zoom` / `mapCoordinates`
 * with `prefilter: false`.
 * @param input an array of rank 1-8: float32, float64 or uint8
 * @param options `order` (2-5, default 3), `mode` (default `'mirror'`), `output` (`'float64'` default, or `'float32'`), `out`
 * @returns the B-spline coefficients, same shape
 * @throws {TypeError} an argument of the wrong kind (not a tensor, an unknown option, a wrong dtype)
 * @throws {RangeError} wrong ranks, shapes, sizes or option values; messages name the function and the argument
 * @example
 * const coeffs = splineFilter(img, { order: 3 });
 * zoom(coeffs, 2, { order: 3, prefilter: false }); // same as zoom(img, 2, { order: 3 })
 */
export function splineFilter<D extends TypedData>(input: Tensor<D>, options?: SplineFilterOptions): Tensor {
  const p = prepareFilter(input, options);
  return result(p.out, native.ndSplineFilter(p));
}

/**
 * `splineFilter` off the JavaScript thread (see `zoomAsync`).
 *
 * @param input as in {@link splineFilter}
 * @param options as in {@link splineFilter}
 * @returns a promise of the coefficients
 * @throws Never synchronously: bad arguments reject the promise with the same TypeError / RangeError as the sync form
 * @example
 * const coeffs = await splineFilterAsync(img);
 */
export async function splineFilterAsync<D extends TypedData>(input: Tensor<D>, options?: SplineFilterOptions & AsyncOptions): Promise<Tensor> {
  const { signal, options: rest } = takeSignal('splineFilter', options);
  const p = prepareFilter(input, rest, true);
  return runAsync('splineFilter', signal, { input: p.input, out: p.out },
    (cancel) => native.ndSplineFilterAsync({ ...p, cancel }), (data) => result(p.out, data));
}
