// interpolate / Upsample: PyTorch 1.13's F.interpolate and nn.Upsample for
// 3D, 4D and 5D input. Argument rules, output sizes and the scale each kernel
// sees are decided here (functional.py's rules); the arithmetic is
// native/interpolate ('area' and antialias: native/adaptive_pool and
// native/antialias).
import { type AntialiasRequest, native } from './addon';
import {
  type Checked,
  type MemoryFormat,
  type Tensor,
  type TypedData,
  bool,
  checkOptions,
  checkTensor,
  memoryFormatOf,
  oneOf,
  outputFor,
  rangeError,
  result,
  shapeStr,
  typeError,
} from './validate';
import { type AsyncOptions, runAsync, takeSignal } from './async-queue';

/** `interpolate`'s `mode`: PyTorch's names; which ones apply depends on the input's rank. */
export type InterpolateMode = 'nearest' | 'nearest-exact' | 'linear' | 'bilinear' | 'bicubic' | 'trilinear' | 'area';

/** Options of `interpolate` / `interpolateAsync` (PyTorch's keyword arguments, camel-cased). */
export interface InterpolateOptions<D extends TypedData = TypedData> {
  /** Output spatial size: one integer for every spatial dim, or one per dim (innermost last). Exactly one of `size` / `scaleFactor`. */
  size?: number | readonly number[];
  /** Multiplier of the spatial size (output = floor(input * factor)): one number or one per dim. */
  scaleFactor?: number | readonly number[];
  /** Default 'nearest'. 'linear' needs 3D input, 'bilinear' / 'bicubic' 4D, 'trilinear' 5D; the others any of 3D/4D/5D. */
  mode?: InterpolateMode;
  /** Linear modes and bicubic only (an error with the others, like PyTorch). Default false. */
  alignCorners?: boolean;
  /** With `scaleFactor`: interpolate with the scale the output size implies instead of the given factor. */
  recomputeScaleFactor?: boolean;
  /** Antialiased downsampling like PIL (bilinear and bicubic, 4D input). */
  antialias?: boolean;
  /** Layout of the result; default: the input's (a channels-last input gives a channels-last result, like PyTorch). */
  memoryFormat?: MemoryFormat;
  /** Write the result here: the input's dtype, the output shape, dense in the result's memory format. */
  out?: Tensor<D>;
}

/** nn.Upsample's options (no `antialias`, like PyTorch 1.13's module). */
export interface UpsampleOptions {
  size?: number | readonly number[];
  scaleFactor?: number | readonly number[];
  mode?: InterpolateMode;
  alignCorners?: boolean;
  recomputeScaleFactor?: boolean;
}

const FN = 'interpolate';
const MODES = ['nearest', 'nearest-exact', 'linear', 'bilinear', 'bicubic', 'trilinear', 'area'] as const;
const LINEAR_MODES: readonly string[] = ['linear', 'bilinear', 'bicubic', 'trilinear'];
const FORMATS = ['contiguous', 'channelsLast'] as const;
const OPTION_KEYS = ['size', 'scaleFactor', 'mode', 'alignCorners', 'recomputeScaleFactor', 'antialias', 'memoryFormat', 'out'] as const;
const UPSAMPLE_KEYS = ['size', 'scaleFactor', 'mode', 'alignCorners', 'recomputeScaleFactor'] as const;
/** The rank each mode needs, where it needs one. */
const MODE_RANK: Partial<Record<InterpolateMode, number>> = { linear: 3, bilinear: 4, bicubic: 4, trilinear: 5 };

/** Options checked without the input: everything but ranks and lengths. */
interface Parsed {
  mode: InterpolateMode;
  alignCorners: boolean;
  recompute: boolean;
  antialias: boolean;
  size?: number | number[];
  scaleFactor?: number | number[];
  memoryFormat?: MemoryFormat;
  out?: unknown;
}

function sizeEntry(fn: string, what: string, v: unknown): number {
  if (typeof v !== 'number') throw typeError(fn, what, 'a positive integer', v);
  if (!Number.isInteger(v)) throw rangeError(fn, `expected ${what} to be an integer but received ${v}`);
  if (v < 1) throw rangeError(fn, `expected ${what} to be at least 1 but received ${v}`);
  if (!Number.isSafeInteger(v)) throw rangeError(fn, `${what} ${v} is too large`);
  return v;
}

function factorEntry(fn: string, what: string, v: unknown): number {
  if (typeof v !== 'number') throw typeError(fn, what, 'a positive finite number', v);
  if (!Number.isFinite(v) || v <= 0) throw rangeError(fn, `expected ${what} to be a positive finite number but received ${v}`);
  return v;
}

function listOrScalar(fn: string, name: string, v: unknown, entry: (fn: string, what: string, e: unknown) => number): number | number[] {
  if (Array.isArray(v)) {
    if (v.length === 0 || v.length > 3) throw rangeError(fn, `expected ${name} to have 1 to 3 entries (one per spatial dimension) but received ${v.length}`);
    return v.map((e, i) => entry(fn, `${name}[${i}]`, e));
  }
  if (typeof v !== 'number') throw typeError(fn, name, 'a number or an array of numbers', v);
  return entry(fn, name, v);
}

function parseOptions(fn: string, options: unknown, keys: readonly string[]): Parsed {
  const opts = checkOptions<InterpolateOptions>(fn, options, keys);
  const mode = oneOf(fn, 'options.mode', opts.mode, MODES, 'nearest');
  // PyTorch: "align_corners option can only be set with the interpolating
  // modes: linear | bilinear | bicubic | trilinear" (even when false).
  const alignCorners = bool(fn, 'options.alignCorners', opts.alignCorners, false);
  if (opts.alignCorners !== undefined && !LINEAR_MODES.includes(mode))
    throw typeError(fn, 'options.alignCorners', `undefined for mode '${mode}' (it applies to linear | bilinear | bicubic | trilinear only)`, opts.alignCorners);
  const recompute = bool(fn, 'options.recomputeScaleFactor', opts.recomputeScaleFactor, false);
  const antialias = bool(fn, 'options.antialias', opts.antialias, false);
  const hasSize = opts.size !== undefined;
  const hasFactor = opts.scaleFactor !== undefined;
  if (hasSize && hasFactor) throw typeError(fn, 'options', 'to hold only one of size or scaleFactor', opts);
  if (!hasSize && !hasFactor) throw typeError(fn, 'options', 'to hold size or scaleFactor', opts);
  if (recompute && hasSize)
    throw typeError(fn, 'options.recomputeScaleFactor', 'unset or false with an explicit size (it is not meaningful with one)', opts.recomputeScaleFactor);
  const size = hasSize ? listOrScalar(fn, 'options.size', opts.size, sizeEntry) : undefined;
  const scaleFactor = hasFactor ? listOrScalar(fn, 'options.scaleFactor', opts.scaleFactor, factorEntry) : undefined;
  const memoryFormat = opts.memoryFormat === undefined ? undefined : oneOf(fn, 'options.memoryFormat', opts.memoryFormat, FORMATS, 'contiguous');
  return { mode, alignCorners, recompute, antialias, size, scaleFactor, memoryFormat, out: opts.out };
}

interface Prepared {
  input: Checked;
  out: Checked;
  mode: InterpolateMode;
  alignCorners: boolean;
  antialias: boolean;
  scales: number[];
}

function prepare(fn: string, input: unknown, p: Parsed, async = false): Prepared {
  const inp = checkTensor(fn, 'input', input);
  const rank = inp.shape.length;
  if (rank < 3 || rank > 5)
    throw rangeError(fn, `expected a 3D (N, C, W), 4D (N, C, H, W) or 5D (N, C, D, H, W) input but received shape ${shapeStr(inp.shape)}`);
  const need = MODE_RANK[p.mode];
  if (need !== undefined && need !== rank)
    throw rangeError(fn, `mode '${p.mode}' needs a ${need}D input but received shape ${shapeStr(inp.shape)}`);
  const dims = rank - 2;
  const inSpatial = inp.shape.slice(2);
  for (let i = 0; i < dims; ++i)
    if (inSpatial[i] === 0) throw rangeError(fn, `expected non-empty spatial dimensions but received input shape ${shapeStr(inp.shape)}`);
  if (inp.shape[1] === 0 && inp.shape[0] !== 0)
    throw rangeError(fn, `expected a non-empty input (only the batch may be 0) but received shape ${shapeStr(inp.shape)}`);

  const perDim = (v: number | number[], name: string): number[] => {
    if (typeof v === 'number') return new Array<number>(dims).fill(v);
    if (v.length !== dims)
      throw rangeError(fn, `expected ${name} to have ${dims} entries (one per spatial dimension of input shape ${shapeStr(inp.shape)}) but received ${shapeStr(v)}${rank === 3 && v.length === 2 ? ' (an (H, W, C) image? fromHWC makes its (1, C, H, W) view)' : ''}`);
    return v;
  };
  let outSpatial: number[];
  let scales = new Array<number>(dims).fill(0);
  if (p.size !== undefined) {
    outSpatial = perDim(p.size, 'options.size');
  } else {
    const factors = perDim(p.scaleFactor!, 'options.scaleFactor');
    // floor(in * factor) in double, like Python's math.floor(float(in) * f)
    // and ATen's static_cast<int64_t>(in * f).
    outSpatial = factors.map((f, i) => Math.floor(inSpatial[i] * f));
    outSpatial.forEach((o, i) => {
      if (o < 1)
        throw rangeError(fn, `scale factor ${factors[i]} gives an output size of ${o} for input size ${inSpatial[i]} (input shape ${shapeStr(inp.shape)}); sizes must be at least 1`);
      if (!Number.isSafeInteger(o)) throw rangeError(fn, `scale factor ${factors[i]} makes the output size overflow (input shape ${shapeStr(inp.shape)})`);
    });
    // 'area' always recomputes (the pooling kernel has no scale parameter).
    if (!p.recompute && p.mode !== 'area') scales = factors.slice();
  }
  if (p.antialias && !((p.mode === 'bilinear' || p.mode === 'bicubic') && rank === 4)) {
    if (p.mode === 'bilinear' || p.mode === 'bicubic')
      throw rangeError(fn, `antialias needs a 4D input but received shape ${shapeStr(inp.shape)}`);
    throw typeError(fn, 'options.antialias', `false or unset for mode '${p.mode}' (antialias supports bilinear and bicubic)`, true);
  }
  const format = p.memoryFormat ?? memoryFormatOf(inp);
  const out = outputFor(fn, p.out, inp, [inp.shape[0], inp.shape[1], ...outSpatial], [inp], format, async);
  return { input: inp, out, mode: p.mode, alignCorners: p.alignCorners, antialias: p.antialias, scales };
}

/** The native call of a prepared resize: 'area' runs the adaptive pooling kernels, antialias its own. */
function launch(p: Prepared): TypedData {
  if (p.mode === 'area') return native.adaptiveAvgPool({ input: p.input, out: p.out });
  if (p.antialias) return native.interpolateAntialias(antialiasRequest(p));
  return native.interpolate({ input: p.input, out: p.out, mode: p.mode, alignCorners: p.alignCorners, scales: p.scales });
}

/** `launch` off the JavaScript thread, with the call's cancel flag. */
function launchAsync(p: Prepared, cancel: Int32Array): Promise<TypedData> {
  if (p.mode === 'area') return native.adaptiveAvgPoolAsync({ input: p.input, out: p.out, cancel });
  if (p.antialias) return native.interpolateAntialiasAsync({ ...antialiasRequest(p), cancel });
  return native.interpolateAsync({ input: p.input, out: p.out, mode: p.mode, alignCorners: p.alignCorners, scales: p.scales, cancel });
}

/** `launchAsync` through the async budget and queue (src/async-queue.ts). */
function queued<D extends TypedData>(fn: string, p: Prepared, signal: AbortSignal | undefined): Promise<Tensor<D>> {
  return runAsync(fn, signal, { input: p.input, out: p.out }, (cancel) => launchAsync(p, cancel), (data) => result<D>(p.out, data));
}

/** prepare() allows antialias with bilinear / bicubic on 4D input only: two scales. */
function antialiasRequest(p: Prepared): AntialiasRequest {
  return { input: p.input, out: p.out, mode: p.mode === 'bicubic' ? 'bicubic' : 'bilinear', alignCorners: p.alignCorners, scales: [p.scales[0], p.scales[1]] };
}

/**
 * Resizes `input` exactly like PyTorch 1.13's `F.interpolate`: 3D `(N, C, W)`,
 * 4D `(N, C, H, W)` or 5D `(N, C, D, H, W)` input; give `size` or
 * `scaleFactor`. The kernel uses `1 / scaleFactor` as PyTorch does (unless
 * `recomputeScaleFactor`), so non-integer factors match PyTorch too.
 * float32 / float64 within 1e-5 / 1e-12 of PyTorch (nearest modes pick
 * PyTorch's pixels); uint8 (Uint8Array or Uint8ClampedArray) works in every
 * mode: nearest modes copy pixels, the others are computed in float32 and
 * rounded half to even, clamped to [0, 255]. A channels-last input (strides
 * of an NHWC / NDHWC buffer) is read in place and gives a channels-last
 * result (with `strides`) unless `memoryFormat` says otherwise.
 *
 * Errors: TypeError for a wrong kind of argument or an option that does not
 * apply (both or neither of size/scaleFactor, alignCorners with a non-linear
 * mode, recomputeScaleFactor with size, antialias with another mode);
 * RangeError for wrong ranks, lengths and values (a mode that does not fit
 * the rank, sizes < 1 or not integers, non-finite or non-positive factors,
 * output sizes that are 0 or overflow, antialias on non-4D input).
 *
 * @example
 * const input = { data: new Float32Array([1, 2, 3, 4]), shape: [1, 1, 2, 2] };
 * interpolate(input, { scaleFactor: 2, mode: 'bilinear' }).shape; // [1, 1, 4, 4]
 * @param input `(N, C, W)`, `(N, C, H, W)` or `(N, C, D, H, W)`: float32, float64 or uint8, any non-negative strides
 * @param options exactly one of `size` / `scaleFactor`; `mode`, `alignCorners`, `recomputeScaleFactor`, `antialias`, `memoryFormat`, `out`
 * @returns the resized tensor, of the input's array type (channels-last in, channels-last out)
 * @throws {TypeError} an argument of the wrong kind (not a tensor, an unknown option, a wrong dtype)
 * @throws {RangeError} wrong ranks, shapes, sizes or option values; messages name the function and the argument
 */
export function interpolate<D extends TypedData>(input: Tensor<D>, options: InterpolateOptions<D>): Tensor<D> {
  const p = prepare(FN, input, parseOptions(FN, options, OPTION_KEYS));
  return result<D>(p.out, launch(p));
}

/**
 * `interpolate` off the JavaScript thread: the work runs in libuv's pool and
 * the event loop stays free. Bad arguments reject the promise. The
 * inputs are copied when the call starts: at once, unless the async memory
 * budget is full and the call waits in the queue (README "Async calls under
 * load"); changing or transferring them after that cannot change the result.
 * `options.signal` (an AbortSignal) cancels the call.
 * @param input as in {@link interpolate}
 * @param options as in {@link interpolate}
 * @returns a promise of the resized tensor
 * @throws Never synchronously: bad arguments reject the promise with the same TypeError / RangeError as the sync form
 * @example
 * const big = await interpolateAsync(input, { scaleFactor: 2, mode: 'bicubic' });
 */
export async function interpolateAsync<D extends TypedData>(input: Tensor<D>, options: InterpolateOptions<D> & AsyncOptions): Promise<Tensor<D>> {
  const { signal, options: rest } = takeSignal(FN, options);
  const p = prepare(FN, input, parseOptions(FN, rest, OPTION_KEYS), true);
  return queued<D>(FN, p, signal);
}

/**
 * PyTorch's `nn.Upsample`: the options are checked once here, `forward`
 * resizes like `interpolate(input, options)`. Errors name `Upsample`.
 *
 * @example
 * const up = new Upsample({ scaleFactor: 2, mode: 'nearest' });
 * up.forward({ data: new Float32Array([1, 2]), shape: [1, 1, 2] }).data; // [1, 1, 2, 2]
 */
export class Upsample {
  readonly size?: number | readonly number[];
  readonly scaleFactor?: number | readonly number[];
  readonly mode: InterpolateMode;
  readonly alignCorners?: boolean;
  readonly recomputeScaleFactor?: boolean;
  readonly #parsed: Parsed;

  /**
   * An `nn.Upsample` module: the options are checked once, here.
   *
   * @param options `size` or `scaleFactor`, `mode`, `alignCorners`, `recomputeScaleFactor`
   * @throws {TypeError} an unknown option or one that does not apply to the mode (messages name `Upsample`)
   * @throws {RangeError} sizes or factors out of range
   * @example
   * const up = new Upsample({ scaleFactor: 2, mode: 'bilinear' });
   */
  constructor(options: UpsampleOptions) {
    const fn = 'Upsample';
    if (options === undefined) throw typeError(fn, 'options', 'an object with size or scaleFactor', options);
    this.#parsed = parseOptions(fn, options, UPSAMPLE_KEYS);
    this.size = this.#parsed.size;
    this.scaleFactor = this.#parsed.scaleFactor;
    this.mode = this.#parsed.mode;
    this.alignCorners = options.alignCorners;
    this.recomputeScaleFactor = options.recomputeScaleFactor;
  }

  /**
   * Resizes `input` (see `interpolate`).
   *
   * @param input a 3D, 4D or 5D tensor (see {@link interpolate})
   * @returns the resized tensor
   * @throws {RangeError} the input's rank does not fit the mode
   * @example
   * up.forward(input).shape;
   */
  forward<D extends TypedData>(input: Tensor<D>): Tensor<D> {
    const p = prepare('Upsample', input, this.#parsed);
    return result<D>(p.out, launch(p));
  }

  /**
   * `forward` off the JavaScript thread (see `interpolateAsync`).
   *
   * @param input as in `forward`
   * @param options `signal`: an AbortSignal that cancels the call
   * @returns a promise of the resized tensor
   * @throws Never synchronously: bad arguments reject the promise with the same TypeError / RangeError as the sync form
   * @example
   * await up.forwardAsync(input);
   */
  async forwardAsync<D extends TypedData>(input: Tensor<D>, options?: AsyncOptions): Promise<Tensor<D>> {
    const fn = 'Upsample';
    const { signal, options: rest } = takeSignal(fn, options);
    checkOptions(fn, rest, []);
    const p = prepare(fn, input, this.#parsed, true);
    return queued<D>(fn, p, signal);
  }

  /**
   * Like PyTorch's `extra_repr`.
   *
   * @returns e.g. `Upsample(scale_factor=2.0, mode='bilinear')`
   * @throws Never.
   * @example
   * String(up);
   */
  toString(): string {
    const what = this.scaleFactor !== undefined ? `scaleFactor=${JSON.stringify(this.scaleFactor)}` : `size=${JSON.stringify(this.size)}`;
    return `Upsample(${what}, mode='${this.mode}')`;
  }
}
