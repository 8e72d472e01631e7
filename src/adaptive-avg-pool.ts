// adaptiveAvgPool: PyTorch's F.adaptive_avg_pool1d/2d/3d (1.13), the op
// behind interpolate's mode 'area'. Checks and shapes here; the arithmetic
// is native/adaptive_pool.
import { native, type NativeTensor } from './addon';
import {
  type Checked,
  type MemoryFormat,
  type Tensor,
  type TypedData,
  checkOptions,
  checkTensor,
  describe,
  memoryFormatOf,
  oneOf,
  outputFor,
  rangeError,
  result,
  shapeStr,
  typeError,
} from './validate';
import { type AsyncOptions, runAsync, takeSignal } from './async-queue';

/** One output size per spatial dim; `null` keeps the input's size there. */
export type AdaptiveOutputSize = number | readonly (number | null)[];

/** Options of `adaptiveAvgPool` / `adaptiveAvgPoolAsync`. */
export interface AdaptiveAvgPoolOptions<D extends TypedData = TypedData> {
  /** Write the result here: the input's dtype, the output shape, dense in the result's memory format. */
  out?: Tensor<D>;
  /** Layout of the result; default: the input's (a channels-last 4D/5D input gives a channels-last result). */
  memoryFormat?: MemoryFormat;
}

const FN = 'adaptiveAvgPool';
const OPTION_KEYS = ['out', 'memoryFormat'] as const;
const FORMATS = ['contiguous', 'channelsLast'] as const;
const OP_NAMES = ['adaptive_avg_pool1d', 'adaptive_avg_pool2d', 'adaptive_avg_pool3d'];

interface Prepared {
  input: NativeTensor;  // always batched (N, C, ...spatial)
  out: Checked;         // in the caller's shape (unbatched if the input was)
  outNative: NativeTensor;
  empty: boolean;
}

/**
 * A batched view of an unbatched tensor: a leading dimension of size 1. An
 * output the binding allocates (async) stays a request; the array it returns
 * becomes the caller's result.
 */
function batched(t: Checked, unbatched: boolean): NativeTensor {
  if (!unbatched) return t;
  const view: NativeTensor = { data: t.data, shape: [1, ...t.shape], strides: [0, ...t.strides] };
  if (t.alloc) view.alloc = true;
  return view;
}

function prepare(input: unknown, outputSize: unknown, options: unknown, async = false): Prepared {
  const opts = checkOptions<AdaptiveAvgPoolOptions>(FN, options, OPTION_KEYS);
  const format = opts.memoryFormat === undefined ? undefined : oneOf(FN, 'options.memoryFormat', opts.memoryFormat, FORMATS, 'contiguous');
  const inp = checkTensor(FN, 'input', input);
  const rank = inp.shape.length;

  // Spatial dims: the length of an outputSize array, else the input's rank
  // (3D/4D/5D batched; a 2D input is an unbatched 1D pooling, like PyTorch's
  // adaptive_avg_pool1d of (C, L)). An input one rank short of batched is
  // unbatched: (C, L), (C, H, W), (C, D, H, W).
  let dims: number;
  if (Array.isArray(outputSize)) {
    dims = outputSize.length;
    if (dims < 1 || dims > 3)
      throw rangeError(FN, `expected outputSize to have 1, 2 or 3 entries (one per spatial dimension) but received ${shapeStr(outputSize)}`);
    if (rank !== dims + 2 && rank !== dims + 1)
      throw rangeError(FN, `expected a ${dims + 1}D or ${dims + 2}D input for ${dims} output sizes ${shapeStr(outputSize)} but received input shape ${shapeStr(inp.shape)}`);
  } else if (typeof outputSize === 'number') {
    if (rank < 2 || rank > 5)
      throw rangeError(FN, `expected a 3D (N, C, L), 4D (N, C, H, W) or 5D (N, C, D, H, W) input but received shape ${shapeStr(inp.shape)}`);
    dims = rank === 2 ? 1 : rank - 2;
  } else {
    throw typeError(FN, 'outputSize', 'a non-negative integer or an array of (non-negative integer | null) per spatial dimension', outputSize);
  }
  const unbatched = rank === dims + 1;
  const op = OP_NAMES[dims - 1];

  const spatialIn = inp.shape.slice(rank - dims);
  const spatialOut = spatialIn.map((s, i) => {
    const v: unknown = Array.isArray(outputSize) ? outputSize[i] : outputSize;
    if (v === null) return s;
    if (typeof v !== 'number') throw typeError(FN, `outputSize[${i}]`, 'a non-negative integer or null', v);
    if (!Number.isInteger(v)) throw typeError(FN, Array.isArray(outputSize) ? `outputSize[${i}]` : 'outputSize', 'an integer', v);
    if (v < 0 || !Number.isSafeInteger(v))
      throw rangeError(FN, `elements of outputSize must be greater than or equal to 0 but received ${Array.isArray(outputSize) ? `[${outputSize.join(', ')}]` : describe(v)}`);
    return v;
  });
  // PyTorch's checks: every spatial dim non-empty; 3D pooling of a batched
  // input also needs channels (adaptive_avg_pool3d checks dims 1..4).
  const firstChecked = dims === 3 && !unbatched ? 1 : rank - dims;
  for (let i = firstChecked; i < rank; ++i) {
    if (inp.shape[i] === 0)
      throw rangeError(FN, `${op}: expected input to have non-zero size for non-batch dimensions, but input has shape ${shapeStr(inp.shape)} with dimension ${i} being empty`);
  }

  const outShape = [...inp.shape.slice(0, rank - dims), ...spatialOut];
  const inNative = batched(inp, unbatched);
  let fmt: MemoryFormat;
  if (unbatched) {
    if (format === 'channelsLast')
      throw rangeError(FN, `options.memoryFormat 'channelsLast' needs a batched input (N, C, ...) but received shape ${shapeStr(inp.shape)}`);
    fmt = 'contiguous';
  } else {
    fmt = format ?? memoryFormatOf(inp);
  }
  const out = outputFor(FN, opts.out, inp, outShape, [inp], fmt, async);
  let numel = 1;
  for (const s of outShape) numel *= s;
  return { input: inNative, out, outNative: batched(out, unbatched), empty: numel === 0 };
}

/**
 * Adaptive average pooling, exactly like PyTorch's `F.adaptive_avg_pool1d`,
 * `adaptive_avg_pool2d` and `adaptive_avg_pool3d`: output `o` of a spatial
 * dim of size `in` averages inputs `floor(o*in/out)` to `ceil((o+1)*in/out)`
 * (exclusive), so `out < in` pools and `out > in` upsamples (this is
 * `interpolate`'s mode 'area').
 *
 * The number of spatial dims is the length of an `outputSize` array, or else
 * the input's rank: 3D `(N, C, L)`, 4D `(N, C, H, W)`, 5D `(N, C, D, H, W)`.
 * An input one rank short of that is unbatched (`(C, L)`, `(C, H, W)`,
 * `(C, D, H, W)`), as in PyTorch. A number applies to every spatial dim;
 * `null` in an array keeps that dim's size. float32 and float64 match
 * PyTorch; uint8 (which PyTorch 1.13 refuses) is computed like float32, then
 * rounded half to even. A channels-last input gives a channels-last result
 * unless `options.memoryFormat` says otherwise.
 *
 * @example
 * const input = { data: new Float32Array([1, 2, 3, 4, 5, 6]), shape: [1, 1, 6] };
 * adaptiveAvgPool(input, 2).data; // Float32Array [2, 5]
 * adaptiveAvgPool(input, 4).data; // Float32Array [1.5, 2.5, 4.5, 5.5]
 * @param input `(N, C, L)`, `(N, C, H, W)` or `(N, C, D, H, W)`, or one rank less (unbatched); float32, float64 or uint8
 * @param outputSize one size for every spatial dim, or one per dim (`null` keeps the input's)
 * @param options `out`, `memoryFormat`
 * @returns the pooled tensor, of the input's array type
 * @throws {TypeError} an argument of the wrong kind (not a tensor, an unknown option, a wrong dtype)
 * @throws {RangeError} wrong ranks, shapes, sizes or option values; messages name the function and the argument
 */
export function adaptiveAvgPool<D extends TypedData>(input: Tensor<D>, outputSize: AdaptiveOutputSize, options?: AdaptiveAvgPoolOptions<D>): Tensor<D> {
  const p = prepare(input, outputSize, options);
  if (p.empty) return result<D>(p.out);
  return result<D>(p.out, native.adaptiveAvgPool({ input: p.input, out: p.outNative }));
}

/**
 * `adaptiveAvgPool` off the JavaScript thread: the work runs in libuv's pool
 * and the event loop stays free. Bad arguments reject the promise. The
 * inputs are copied when the call starts: at once, unless the async memory
 * budget is full and the call waits in the queue (README "Async calls under
 * load"); changing or transferring them after that cannot change the result.
 * `options.signal` (an AbortSignal) cancels the call.
 * @param input as in {@link adaptiveAvgPool}
 * @param outputSize as in {@link adaptiveAvgPool}
 * @param options as in {@link adaptiveAvgPool}
 * @returns a promise of the pooled tensor
 * @throws Never synchronously: bad arguments reject the promise with the same TypeError / RangeError as the sync form
 * @example
 * const pooled = await adaptiveAvgPoolAsync(input, [7, 7]);
 */
export async function adaptiveAvgPoolAsync<D extends TypedData>(input: Tensor<D>, outputSize: AdaptiveOutputSize, options?: AdaptiveAvgPoolOptions<D> & AsyncOptions): Promise<Tensor<D>> {
  const { signal, options: rest } = takeSignal(FN, options);
  const p = prepare(input, outputSize, rest, true);
  return runAsync(FN, signal, { input: p.input, out: p.outNative },
    (cancel) => (p.empty ? Promise.resolve(undefined) : native.adaptiveAvgPoolAsync({ input: p.input, out: p.outNative, cancel })),
    (data) => (data === undefined ? result<D>(p.out) : result<D>(p.out, data)));
}
