// affineGrid: PyTorch's torch.nn.functional.affine_grid (1.13) for 2D and 3D
// affine maps. Checks and shapes here; the arithmetic is native/affine_grid.
import { native } from './addon';
import {
  type Checked,
  type Tensor,
  bool,
  checkOptions,
  checkTensor,
  describe,
  outputFor,
  rangeError,
  result,
  shapeStr,
  typeError,
} from './validate';
import { type AsyncOptions, runAsync, takeSignal } from './async-queue';

/** The float data affineGrid takes and returns (theta's type is the grid's type). */
export type FloatData = Float32Array | Float64Array;

/** Options of `affineGrid` / `affineGridAsync`. */
export interface AffineGridOptions<D extends FloatData = FloatData> {
  /** If true, -1 and 1 are the centres of the corner pixels; else their outer edges (default false, like PyTorch). */
  alignCorners?: boolean;
  /** Write the grid into this contiguous tensor (shape [N, H, W, 2] / [N, D, H, W, 3], theta's dtype) instead of allocating. */
  out?: Tensor<D>;
}

const FN = 'affineGrid';
const OPTION_KEYS = ['alignCorners', 'out'] as const;

interface Prepared {
  theta: Checked;
  out: Checked;
  alignCorners: boolean;
}

/** `size` as PyTorch takes it: 4 or 5 integers (their signs are checked later, PyTorch's way). */
function checkSize(size: unknown): number[] {
  if (!Array.isArray(size)) throw typeError(FN, 'size', 'an array of 4 (N, C, H, W) or 5 (N, C, D, H, W) integers', size);
  for (const e of size) {
    if (typeof e !== 'number') throw typeError(FN, 'size entries', 'numbers', e);
    if (!Number.isSafeInteger(e)) throw rangeError(FN, `expected size to hold integers but received ${describe(e)} in ${shapeStr(size)}`);
  }
  if (size.length !== 4 && size.length !== 5)
    throw rangeError(FN, `expected size to have 4 entries (N, C, H, W) or 5 (N, C, D, H, W) but received ${shapeStr(size)}`);
  return size.slice() as number[];
}

function prepare(theta: unknown, size: unknown, options: unknown, async = false): Prepared {
  const opts = checkOptions<AffineGridOptions>(FN, options, OPTION_KEYS);
  const alignCorners = bool(FN, 'options.alignCorners', opts.alignCorners, false);
  const th = checkTensor(FN, 'theta', theta);
  if (th.dtype !== 'float32' && th.dtype !== 'float64')
    throw typeError(FN, 'theta.data', 'a Float32Array or Float64Array (PyTorch requires a floating point theta)', th.data);
  const sz = checkSize(size);
  const dims = sz.length - 2;
  if (th.shape.length !== 3 || th.shape[1] !== dims || th.shape[2] !== dims + 1) {
    const want = dims === 2 ? 'a batch of 2D affine matrices of shape [N, 2, 3]' : 'a batch of 3D affine matrices of shape [N, 3, 4]';
    throw rangeError(FN, `expected theta to be ${want} for size ${shapeStr(sz)} but received theta shape ${shapeStr(th.shape)}`);
  }
  const spatial = sz.slice(2);
  // PyTorch 1.13 skips its positivity check when align_corners is set and a
  // spatial size is 1 (it only warns then), so N and C may be 0 there.
  const unitQuirk = alignCorners && Math.min(...spatial) === 1;
  if (!unitQuirk && Math.min(...sz) <= 0)
    throw rangeError(FN, `expected a non-zero, positive output size but received size ${shapeStr(sz)}`);
  if (sz[0] !== th.shape[0])
    throw rangeError(FN, `expected size[0] (the batch) to equal theta's batch but received size ${shapeStr(sz)} and theta shape ${shapeStr(th.shape)}`);
  const out = outputFor(FN, opts.out, th, [sz[0], ...spatial, dims], [th], 'contiguous', async);
  return { theta: th, out, alignCorners };
}

/**
 * The sampling grid of a batch of affine maps, exactly like PyTorch's
 * `F.affine_grid`: `theta` `(N, 2, 3)` with `size` `[N, C, H, W]` gives a grid
 * `(N, H, W, 2)` of `(x, y)`; `theta` `(N, 3, 4)` with `[N, C, D, H, W]` gives
 * `(N, D, H, W, 3)` of `(x, y, z)`. Point `(x, y)` of the output's normalized
 * [-1, 1] coordinates maps to `theta[n] @ [x, y, 1]`. The grid has theta's
 * dtype (float32 or float64) and feeds `gridSample` directly.
 *
 * @example
 * // rotate a (1, 3, 64, 64) image by 30 degrees about its centre
 * const c = Math.cos(Math.PI / 6), s = Math.sin(Math.PI / 6);
 * const theta = { data: new Float32Array([c, -s, 0, s, c, 0]), shape: [1, 2, 3] };
 * const grid = affineGrid(theta, [1, 3, 64, 64]);   // shape [1, 64, 64, 2]
 * const rotated = gridSample(image, grid);          // shape [1, 3, 64, 64]
 * @param theta `(N, 2, 3)` or `(N, 3, 4)` affine matrices, float32 or float64 (may be strided)
 * @param size the output size `[N, C, H, W]` or `[N, C, D, H, W]`
 * @param options `alignCorners` (use the same value in `gridSample`), `out`
 * @returns the grid `(N, H, W, 2)` / `(N, D, H, W, 3)`, of theta's type
 * @throws {TypeError} an argument of the wrong kind (not a tensor, an unknown option, a wrong dtype)
 * @throws {RangeError} wrong ranks, shapes, sizes or option values; messages name the function and the argument
 */
export function affineGrid<D extends FloatData>(theta: Tensor<D>, size: readonly number[], options?: AffineGridOptions<D>): Tensor<D> {
  const p = prepare(theta, size, options);
  return result<D>(p.out, native.affineGrid(p));
}

/**
 * `affineGrid` off the JavaScript thread: the work runs in libuv's pool and
 * the event loop stays free. Bad arguments reject the promise. The
 * inputs are copied when the call starts: at once, unless the async memory
 * budget is full and the call waits in the queue (README "Async calls under
 * load"); changing or transferring them after that cannot change the result.
 * `options.signal` (an AbortSignal) cancels the call.
 * @param theta as in {@link affineGrid}
 * @param size as in {@link affineGrid}
 * @param options as in {@link affineGrid}
 * @returns a promise of the grid
 * @throws Never synchronously: bad arguments reject the promise with the same TypeError / RangeError as the sync form
 * @example
 * const grid = await affineGridAsync(theta, [1, 3, 64, 64]);
 */
export async function affineGridAsync<D extends FloatData>(theta: Tensor<D>, size: readonly number[], options?: AffineGridOptions<D> & AsyncOptions): Promise<Tensor<D>> {
  const { signal, options: rest } = takeSignal(FN, options);
  const p = prepare(theta, size, rest, true);
  return runAsync(FN, signal, { theta: p.theta, out: p.out },
    (cancel) => native.affineGridAsync({ ...p, cancel }), (data) => result<D>(p.out, data));
}
