// gridSample: PyTorch's torch.nn.functional.grid_sample (1.13) for 4D and 5D
// input. Checks and shapes here; the arithmetic is native/grid_sample.
import { native } from './addon';
import {
  type Checked,
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

/** How `gridSample` interpolates: PyTorch's `mode`. */
export type GridSampleMode = 'bilinear' | 'nearest' | 'bicubic';
/** What `gridSample` reads outside the input: PyTorch's `padding_mode`. */
export type GridSamplePadding = 'zeros' | 'border' | 'reflection';

/** Options of `gridSample` / `gridSampleAsync` (PyTorch's keyword arguments, camel-cased). */
export interface GridSampleOptions<D extends TypedData = TypedData> {
  /** Interpolation: 'bilinear' (default), 'nearest' or 'bicubic' (5D bicubic is this package's tricubic extension). */
  mode?: GridSampleMode;
  /** Values for taps outside the input: 'zeros' (default), 'border' or 'reflection'. */
  paddingMode?: GridSamplePadding;
  /** If true, -1 and 1 are the centres of the corner pixels; else their outer edges (default false, like PyTorch). */
  alignCorners?: boolean;
  /** Write the result into this contiguous tensor (shape [N, C, ...grid spatial], the input's dtype) instead of allocating. */
  out?: Tensor<D>;
}

const FN = 'gridSample';
const MODES = ['bilinear', 'nearest', 'bicubic'] as const;
const PADDINGS = ['zeros', 'border', 'reflection'] as const;
const OPTION_KEYS = ['mode', 'paddingMode', 'alignCorners', 'out'] as const;

interface Prepared {
  input: Checked;
  grid: Checked;
  out: Checked;
  mode: GridSampleMode;
  padding: GridSamplePadding;
  alignCorners: boolean;
}

function prepare(input: unknown, grid: unknown, options: unknown, async = false): Prepared {
  const opts = checkOptions<GridSampleOptions>(FN, options, OPTION_KEYS);
  const mode = oneOf(FN, 'options.mode', opts.mode, MODES, 'bilinear');
  const padding = oneOf(FN, 'options.paddingMode', opts.paddingMode, PADDINGS, 'zeros');
  const alignCorners = bool(FN, 'options.alignCorners', opts.alignCorners, false);

  const inp = checkTensor(FN, 'input', input);
  const g = checkTensor(FN, 'grid', grid);
  const rank = inp.shape.length;
  if (rank !== 4 && rank !== 5)
    throw rangeError(FN, `expected a 4D (N, C, H, W) or 5D (N, C, D, H, W) input but received shape ${shapeStr(inp.shape)}`);
  if (g.shape.length !== rank)
    throw rangeError(FN, `expected grid to have the input's rank ${rank} but received grid shape ${shapeStr(g.shape)} for input shape ${shapeStr(inp.shape)}`);
  if (g.shape[0] !== inp.shape[0])
    throw rangeError(FN, `expected grid and input to have the same batch size but received input shape ${shapeStr(inp.shape)} and grid shape ${shapeStr(g.shape)}`);
  if (g.shape[rank - 1] !== rank - 2)
    throw rangeError(FN, `expected grid to have size ${rank - 2} in its last dimension but received grid shape ${shapeStr(g.shape)}`);
  for (let i = 2; i < rank; ++i) {
    if (inp.shape[i] === 0)
      throw rangeError(FN, `expected input to have non-empty spatial dimensions but input shape ${shapeStr(inp.shape)} has dimension ${i} empty`);
  }
  const gridDtype = inp.dtype === 'float64' ? 'float64' : 'float32';
  if (g.dtype !== gridDtype) {
    const want = gridDtype === 'float64' ? 'a Float64Array (the input is float64)' : `a Float32Array (the input is ${inp.dtype})`;
    throw typeError(FN, 'grid.data', want, g.data);
  }
  const outShape = [inp.shape[0], inp.shape[1], ...g.shape.slice(1, rank - 1)];
  const out = outputFor(FN, opts.out, inp, outShape, [inp, g], 'contiguous', async);
  return { input: inp, grid: g, out, mode, padding, alignCorners };
}

/**
 * Samples `input` at the locations in `grid`, exactly like PyTorch's
 * `F.grid_sample`. Input `(N, C, H, W)` with grid `(N, Ho, Wo, 2)` holding
 * `(x, y)` in [-1, 1] gives `(N, C, Ho, Wo)`; input `(N, C, D, H, W)` with grid
 * `(N, Do, Ho, Wo, 3)` gives `(N, C, Do, Ho, Wo)`. float32 and float64 input
 * take a grid of the same type; uint8 input takes a float32 grid and is
 * computed in float32, rounded half to even and clamped to [0, 255].
 *
 * @example
 * const input = { data: new Float32Array(16).map((_, i) => i), shape: [1, 1, 4, 4] };
 * const grid = { data: new Float32Array([-1, -1, 0, 0, 1, 1]), shape: [1, 1, 3, 2] };
 * gridSample(input, grid, { alignCorners: true }).data; // Float32Array [0, 7.5, 15]
 * @param input `(N, C, H, W)` or `(N, C, D, H, W)`: float32, float64 or uint8, any non-negative strides
 * @param grid `(N, Ho, Wo, 2)` or `(N, Do, Ho, Wo, 3)` of normalized coordinates in [-1, 1] (float32 for uint8 input, else the input's type)
 * @param options `mode`, `paddingMode`, `alignCorners`, `out`
 * @returns the sampled tensor `(N, C, Ho, Wo)` / `(N, C, Do, Ho, Wo)`, of the input's array type (or `options.out`)
 * @throws {TypeError} an argument of the wrong kind (not a tensor, an unknown option, a wrong dtype)
 * @throws {RangeError} wrong ranks, shapes, sizes or option values; messages name the function and the argument
 */
export function gridSample<D extends TypedData>(input: Tensor<D>, grid: Tensor, options?: GridSampleOptions<D>): Tensor<D> {
  const p = prepare(input, grid, options);
  return result<D>(p.out, native.gridSample(p));
}

/**
 * `gridSample` off the JavaScript thread: the work runs in libuv's pool and
 * the event loop stays free. Bad arguments reject the promise. The
 * inputs are copied when the call starts: at once, unless the async memory
 * budget is full and the call waits in the queue (README "Async calls under
 * load"); changing or transferring them after that cannot change the result.
 * `options.signal` (an AbortSignal) cancels the call.
 * @param input as in {@link gridSample}
 * @param grid as in {@link gridSample}
 * @param options as in {@link gridSample}
 * @returns a promise of the sampled tensor
 * @throws Never synchronously: bad arguments reject the promise with the same TypeError / RangeError as the sync form
 * @example
 * const out = await gridSampleAsync(input, grid, { mode: 'bicubic' });
 */
export async function gridSampleAsync<D extends TypedData>(input: Tensor<D>, grid: Tensor, options?: GridSampleOptions<D> & AsyncOptions): Promise<Tensor<D>> {
  const { signal, options: rest } = takeSignal(FN, options);
  const p = prepare(input, grid, rest, true);
  return runAsync(FN, signal, { input: p.input, grid: p.grid, out: p.out },
    (cancel) => native.gridSampleAsync({ ...p, cancel }), (data) => result<D>(p.out, data));
}
