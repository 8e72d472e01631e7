// torchvision.transforms.v2.functional's geometric ops on image tensors
// (torchvision 0.29 / torch 2.14), with its exact results: crops (views),
// pads, flips, and the resampling warps rotate / affine / perspective /
// elasticTransform. The warps build torchvision's own grid (grids.ts) and run
// the native grid sampler with zeros padding, alignCorners false and
// torchvision's fill blend (the mask channel), rounding uint8 natively.
import { native, type NativeTensor } from '../addon';
import { runAsync as queueAsync } from '../async-queue';
import {
  type Checked,
  type DType,
  type Tensor,
  type TypedData,
  bool,
  checkOptions,
  checkTensor,
  oneOf,
  rangeError,
  shapeStr,
  typeError,
} from '../validate';
import {
  type GridArray,
  affineGrid,
  affineOutputSize,
  elasticGrid,
  inverseAffineMatrix,
  perspectiveCoefficients,
  perspectiveGrid,
} from './grids';
import { type ResizeInterpolation, resize } from './resize';

/** Interpolations of the warps: torchvision's 'nearest' and 'bilinear', and 'bicubic' (this package's extension). */
export type WarpInterpolation = 'nearest' | 'bilinear' | 'bicubic';
/** A fill value: one number for every channel, or one per channel. */
export type Fill = number | readonly number[];
/** How `pad` fills the border: torchvision's `padding_mode`. */
export type PadMode = 'constant' | 'edge' | 'reflect' | 'symmetric';

const WARP_INTERPOLATIONS = ['nearest', 'bilinear', 'bicubic'] as const;
const CTORS = { float32: Float32Array, float64: Float64Array, uint8: Uint8Array } as const;


// ---- argument helpers

/** An image: [C, H, W] or [N, C, H, W], non-empty planes. */
export function checkImage(fn: string, img: unknown, name = 'img'): Checked {
  const t = checkTensor(fn, name, img);
  if (t.shape.length !== 3 && t.shape.length !== 4)
    throw rangeError(fn, `expected ${name} to be [C, H, W] or [N, C, H, W] but received shape ${shapeStr(t.shape)}`);
  if (t.numel === 0) throw rangeError(fn, `expected a non-empty image but received shape ${shapeStr(t.shape)}`);
  return t;
}

function finite(fn: string, what: string, v: unknown): number {
  if (typeof v !== 'number') throw typeError(fn, what, 'a number', v);
  if (!Number.isFinite(v)) throw rangeError(fn, `expected ${what} to be finite but received ${v}`);
  return v;
}

function integer(fn: string, what: string, v: unknown, min = -Infinity): number {
  if (typeof v !== 'number') throw typeError(fn, what, 'an integer', v);
  if (!Number.isSafeInteger(v) || v < min)
    throw rangeError(fn, `expected ${what} to be an integer${min === 0 ? ' >= 0' : min === 1 ? ' >= 1' : ''} but received ${v}`);
  return v;
}

function pair(fn: string, what: string, v: unknown): [number, number] {
  if (!Array.isArray(v)) throw typeError(fn, what, 'an array of 2 numbers', v);
  if (v.length !== 2) throw rangeError(fn, `expected ${what} to have 2 entries but received ${v.length}`);
  return [finite(fn, `${what}[0]`, v[0]), finite(fn, `${what}[1]`, v[1])];
}

/** torchvision's fill: undefined/null (no blend), a number, or 1 or C numbers. Returns C values or undefined. */
export function fillValues(fn: string, fill: unknown, C: number, what = 'options.fill'): number[] | undefined {
  if (fill === undefined || fill === null) return undefined;
  if (typeof fill === 'number') return new Array<number>(C).fill(finite(fn, what, fill));
  if (!Array.isArray(fill)) throw typeError(fn, what, 'a number or an array of numbers', fill);
  if (fill.length !== 1 && fill.length !== C)
    throw rangeError(fn, `expected ${what} to have 1 or ${C} (the channel count) entries but received ${fill.length}`);
  const values = fill.map((f, i) => finite(fn, `${what}[${i}]`, f));
  return fill.length === 1 ? new Array<number>(C).fill(values[0]) : values;
}

/** Splits an image into its batch (1 for [C, H, W]) and plane sizes. */
function dims(t: Checked) {
  const r = t.shape.length;
  const N = r === 4 ? t.shape[0] : 1;
  const [C, H, W] = t.shape.slice(-3);
  const [sC, sH, sW] = t.strides.slice(-3);
  const sN = r === 4 ? t.strides[0] : 0;
  return { N, C, H, W, sN, sC, sH, sW };
}

function outShape(t: Checked, C: number, H: number, W: number): number[] {
  return t.shape.length === 4 ? [t.shape[0], C, H, W] : [C, H, W];
}

function alloc(t: Checked, numel: number): TypedData {
  return t.data instanceof Uint8ClampedArray ? new Uint8ClampedArray(numel) : new CTORS[t.dtype](numel);
}

/**
 * A new contiguous image of shape [N?, C, oh, ow] whose pixel (n, c, y, x) is
 * the input's (n, c, rowOf[y], colOf[x]), or `fill[c]` where either is -1.
 */
function gather(t: Checked, rowOf: Int32Array, colOf: Int32Array, fill?: readonly number[]): Tensor {
  const { N, C, sN, sC, sH, sW } = dims(t);
  const oh = rowOf.length;
  const ow = colOf.length;
  const shape = outShape(t, C, oh, ow);
  const out = alloc(t, N * C * oh * ow);
  const src = t.data;
  let q = 0;
  for (let n = 0; n < N; ++n) {
    for (let c = 0; c < C; ++c) {
      const base = n * sN + c * sC;
      const f = fill ? fill[c] : 0;
      for (let y = 0; y < oh; ++y) {
        const iy = rowOf[y];
        if (iy < 0) {
          out.fill(f, q, q + ow);
          q += ow;
          continue;
        }
        const row = base + iy * sH;
        for (let x = 0; x < ow; ++x, ++q) {
          const ix = colOf[x];
          out[q] = ix < 0 ? f : src[row + ix * sW];
        }
      }
    }
  }
  return { data: out, shape };
}

const range = (n: number, map: (i: number) => number) => Int32Array.from({ length: n }, (_, i) => map(i));

// ---- crops, pads and flips

/**
 * `torchvision.transforms.v2.functional.crop`: rows top..top+height, columns
 * left..left+width. Inside the image the result is a view of `img`'s memory
 * (its data array and strides, no copy); a region reaching outside is a new
 * tensor padded with zeros, as torchvision does.
 * @param img an image `[C, H, W]` or a batch `[N, C, H, W]`: uint8, float32 or float64, any strides (a channels-last view is read in place)
 * @param top first row (may be negative or reach past the image: zero padding)
 * @param left first column (likewise)
 * @param height rows, at least 1
 * @param width columns, at least 1
 * @returns the region: a view of `img`'s memory when it lies inside the image, else a new padded tensor
 * @throws {TypeError} an argument of the wrong kind (not a tensor, an unknown option, a wrong dtype)
 * @throws {RangeError} a wrong rank, size or option value; messages name the function and the argument
 * @example
 * const face = crop(img, 10, 20, 64, 64); // shape [C, 64, 64], no copy
 */
export function crop<D extends TypedData>(img: Tensor<D>, top: number, left: number, height: number, width: number): Tensor<D> {
  const fn = 'crop';
  const t = checkImage(fn, img);
  return cropChecked(fn, t, integer(fn, 'top', top), integer(fn, 'left', left), integer(fn, 'height', height, 1),
    integer(fn, 'width', width, 1)) as Tensor<D>;
}

function cropChecked(fn: string, t: Checked, top: number, left: number, height: number, width: number): Tensor {
  const { H, W, sH, sW } = dims(t);
  const r = t.shape.length;
  if (top >= 0 && left >= 0 && top + height <= H && left + width <= W) {
    const offset = top * sH + left * sW;
    const shape = [...t.shape.slice(0, r - 2), height, width];
    // The view starts at its first element: a subarray of the same buffer.
    const data = t.data.subarray(offset) as TypedData;
    return { data, shape, strides: t.strides.slice() };
  }
  const rows = range(height, (i) => (top + i >= 0 && top + i < H ? top + i : -1));
  const cols = range(width, (i) => (left + i >= 0 && left + i < W ? left + i : -1));
  return gather(t, rows, cols);
}

function sizePair(fn: string, size: unknown): [number, number] {
  if (typeof size === 'number') {
    const s = integer(fn, 'size', size, 1);
    return [s, s];
  }
  if (!Array.isArray(size)) throw typeError(fn, 'size', 'a number, [size] or [height, width]', size);
  if (size.length === 1) {
    const s = integer(fn, 'size[0]', size[0], 1);
    return [s, s];
  }
  if (size.length !== 2) throw rangeError(fn, `expected size to have 1 or 2 entries but received ${size.length}`);
  return [integer(fn, 'size[0]', size[0], 1), integer(fn, 'size[1]', size[1], 1)];
}

/** Python's round(): half to even. */
const roundHalfEven = (v: number) => {
  const f = Math.floor(v);
  const d = v - f;
  return d > 0.5 || (d === 0.5 && f % 2 !== 0) ? f + 1 : f;
};

/**
 * `torchvision.transforms.v2.functional.center_crop`: the centred `size`
 * region (top = round((H - h) / 2), half to even, as Python); a crop larger
 * than the image is padded with zeros as torchvision pads it. A view when it
 * fits.
 * @param img an image `[C, H, W]` or a batch `[N, C, H, W]`: uint8, float32 or float64, any strides (a channels-last view is read in place)
 * @param size `s`, `[s]` or `[h, w]`
 * @returns the centred region (a view when it fits)
 * @throws {TypeError} an argument of the wrong kind (not a tensor, an unknown option, a wrong dtype)
 * @throws {RangeError} a wrong rank, size or option value; messages name the function and the argument
 * @example
 * centerCrop(img, 224).shape; // [3, 224, 224]
 */
export function centerCrop<D extends TypedData>(img: Tensor<D>, size: number | readonly [number] | readonly [number, number]): Tensor<D> {
  const fn = 'centerCrop';
  const t = checkImage(fn, img);
  const [ch, cw] = sizePair(fn, size);
  const { H, W } = dims(t);
  const top = ch > H ? -Math.floor((ch - H) / 2) : roundHalfEven((H - ch) / 2);
  const left = cw > W ? -Math.floor((cw - W) / 2) : roundHalfEven((W - cw) / 2);
  return cropChecked(fn, t, top, left, ch, cw) as Tensor<D>;
}

/** Options of `resizedCrop`. */
export interface ResizedCropOptions {
  /** Default 'bilinear'. */
  interpolation?: ResizeInterpolation;
  /** Default true. */
  antialias?: boolean;
}

/**
 * `torchvision.transforms.v2.functional.resized_crop`: `crop` (a view) then
 * `resize` to `size` (see resize for its rules and exactness).
 * @param img an image `[C, H, W]` or a batch `[N, C, H, W]`: uint8, float32 or float64, any strides (a channels-last view is read in place)
 * @param top first row of the region
 * @param left first column of the region
 * @param height rows of the region
 * @param width columns of the region
 * @param size the output size, as `resize` takes it
 * @param options `interpolation` (default bilinear), `antialias` (default true)
 * @returns the region resized to `size`
 * @throws {TypeError} an argument of the wrong kind (not a tensor, an unknown option, a wrong dtype)
 * @throws {RangeError} a wrong rank, size or option value; messages name the function and the argument
 * @example
 * resizedCrop(img, 0, 0, 100, 100, [224, 224]).shape; // [3, 224, 224]
 */
export function resizedCrop<D extends TypedData>(img: Tensor<D>, top: number, left: number, height: number, width: number,
  size: number | readonly [number] | readonly [number, number], options?: ResizedCropOptions): Tensor<D> {
  const fn = 'resizedCrop';
  const opts = checkOptions<ResizedCropOptions>(fn, options, ['interpolation', 'antialias']);
  const t = checkImage(fn, img);
  const view = cropChecked(fn, t, integer(fn, 'top', top), integer(fn, 'left', left), integer(fn, 'height', height, 1),
    integer(fn, 'width', width, 1));
  return resize(view as Tensor<D>, size as never, { interpolation: opts.interpolation, antialias: opts.antialias });
}

/** Options of `pad`. */
export interface PadOptions {
  /** Constant mode's value: a number or one per channel (default 0); cast to the image's type. */
  fill?: Fill;
  /** 'constant' (default), 'edge', 'reflect' (without repeating the edge) or 'symmetric' (repeating it). */
  mode?: PadMode;
}

/**
 * `torchvision.transforms.v2.functional.pad`: `padding` is one number (every
 * side), [left/right, top/bottom] or [left, top, right, bottom] (non-negative).
 * Returns a new tensor.
 * @param img an image `[C, H, W]` or a batch `[N, C, H, W]`: uint8, float32 or float64, any strides (a channels-last view is read in place)
 * @param padding one number for every side, `[left/right, top/bottom]` or `[left, top, right, bottom]`
 * @param options `fill` (constant mode), `paddingMode`: constant, edge, reflect or symmetric
 * @returns a new, larger image
 * @throws {TypeError} an argument of the wrong kind (not a tensor, an unknown option, a wrong dtype)
 * @throws {RangeError} a wrong rank, size or option value; messages name the function and the argument
 * @example
 * pad(img, [4, 2], { paddingMode: 'reflect' });
 */
export function pad<D extends TypedData>(img: Tensor<D>, padding: number | readonly number[], options?: PadOptions): Tensor<D> {
  const fn = 'pad';
  const opts = checkOptions<PadOptions>(fn, options, ['fill', 'mode']);
  const mode = oneOf(fn, 'options.mode', opts.mode, ['constant', 'edge', 'reflect', 'symmetric'] as const, 'constant');
  const t = checkImage(fn, img);
  const { C, H, W } = dims(t);
  let p: number[];
  if (typeof padding === 'number') p = [padding, padding, padding, padding];
  else if (Array.isArray(padding)) {
    if (padding.length === 1) p = [padding[0], padding[0], padding[0], padding[0]];
    else if (padding.length === 2) p = [padding[0], padding[1], padding[0], padding[1]];
    else if (padding.length === 4) p = padding.slice();
    else throw rangeError(fn, `expected padding to have 1, 2 or 4 entries but received ${padding.length}`);
  } else throw typeError(fn, 'padding', 'a number or an array of 1, 2 or 4 numbers', padding);
  const [left, top, right, bottom] = p.map((v, i) => integer(fn, `padding[${i}]`, v, 0));
  let fill = opts.fill === undefined || opts.fill === null ? undefined : fillValues(fn, opts.fill, C);
  if (fill && mode !== 'constant') throw typeError(fn, 'options.fill', `unset with mode '${mode}' (it fills only 'constant' padding)`, opts.fill);
  if (mode === 'reflect' && (Math.max(left, right) >= W || Math.max(top, bottom) >= H))
    throw rangeError(fn, `'reflect' padding must be below the image size: padding ${shapeStr(p)} for an image of ${H}x${W}`);
  if (mode === 'symmetric' && (Math.max(left, right) > W || Math.max(top, bottom) > H))
    throw rangeError(fn, `'symmetric' padding must be at most the image size: padding ${shapeStr(p)} for an image of ${H}x${W}`);
  // torch casts the fill to the image type: uint8 truncates toward zero (and wraps; we clamp).
  if (fill && t.dtype === 'uint8') fill = fill.map((f) => Math.min(255, Math.max(0, Math.trunc(f))));
  const map = (i: number, before: number, n: number): number => {
    const k = i - before;
    if (k >= 0 && k < n) return k;
    switch (mode) {
      case 'constant': return -1;
      case 'edge': return k < 0 ? 0 : n - 1;
      case 'reflect': return k < 0 ? -k : 2 * (n - 1) - k;
      default: return k < 0 ? -k - 1 : 2 * n - 1 - k;
    }
  };
  const rows = range(H + top + bottom, (i) => map(i, top, H));
  const cols = range(W + left + right, (i) => map(i, left, W));
  return gather(t, rows, cols, fill ?? new Array<number>(C).fill(0)) as Tensor<D>;
}

/**
 * `torchvision.transforms.v2.functional.horizontal_flip`: a new tensor, columns reversed.
 *
 * @param img an image `[C, H, W]` or a batch `[N, C, H, W]`: uint8, float32 or float64, any strides (a channels-last view is read in place)
 * @returns the mirrored image (left and right swapped)
 * @throws {TypeError} an argument of the wrong kind (not a tensor, an unknown option, a wrong dtype)
 * @example
 * horizontalFlip(img);
 */
export function horizontalFlip<D extends TypedData>(img: Tensor<D>): Tensor<D> {
  const t = checkImage('horizontalFlip', img);
  const { H, W } = dims(t);
  return gather(t, range(H, (i) => i), range(W, (i) => W - 1 - i)) as Tensor<D>;
}

/**
 * `torchvision.transforms.v2.functional.vertical_flip`: a new tensor, rows reversed.
 *
 * @param img an image `[C, H, W]` or a batch `[N, C, H, W]`: uint8, float32 or float64, any strides (a channels-last view is read in place)
 * @returns the image upside down
 * @throws {TypeError} an argument of the wrong kind (not a tensor, an unknown option, a wrong dtype)
 * @example
 * verticalFlip(img);
 */
export function verticalFlip<D extends TypedData>(img: Tensor<D>): Tensor<D> {
  const t = checkImage('verticalFlip', img);
  const { H, W } = dims(t);
  return gather(t, range(H, (i) => H - 1 - i), range(W, (i) => i)) as Tensor<D>;
}

/** torch.rot90(img, k, dims=(-2, -1)) for k = 1, 2, 3 as a new tensor. */
function rot90(t: Checked, k: 1 | 2 | 3): Tensor {
  const { N, C, H, W, sN, sC, sH, sW } = dims(t);
  if (k === 2) return gather(t, range(H, (i) => H - 1 - i), range(W, (i) => W - 1 - i));
  // k = 1: out[i][j] = in[j][W-1-i]; k = 3: out[i][j] = in[H-1-j][i]; the output is W x H.
  const out = alloc(t, N * C * H * W);
  const src = t.data;
  let q = 0;
  for (let n = 0; n < N; ++n)
    for (let c = 0; c < C; ++c) {
      const base = n * sN + c * sC;
      for (let i = 0; i < W; ++i)
        for (let j = 0; j < H; ++j, ++q) out[q] = k === 1 ? src[base + j * sH + (W - 1 - i) * sW] : src[base + (H - 1 - j) * sH + i * sW];
    }
  return { data: out, shape: outShape(t, C, W, H) };
}

function copy(t: Checked): Tensor {
  const { H, W } = dims(t);
  return gather(t, range(H, (i) => i), range(W, (i) => i));
}

// ---- the warps

interface Warp {
  t: Checked;
  grid: GridArray;
  oh: number;
  ow: number;
  mode: WarpInterpolation;
  fill?: number[];
}

/** The compute type's grid for an image: float64 images sample in float64, the rest in float32. */
const isDouble = (t: Checked) => t.dtype === 'float64';

/**
 * torchvision's _apply_grid_transform: grid_sample(zeros, alignCorners false)
 * of every image with the one grid, the fill blend, uint8 rounding; a new
 * contiguous tensor.
 */
function launch(w: Warp, async: boolean): { out: Tensor; done: unknown } {
  const { N, C, H, W, sN, sC, sH, sW } = dims(w.t);
  const shape = outShape(w.t, C, w.oh, w.ow);
  const data = alloc(w.t, N * C * w.oh * w.ow);
  const input: NativeTensor = { data: w.t.data, shape: [N, C, H, W], strides: [sN, sC, sH, sW] };
  // One grid for the batch: a zero batch stride.
  const grid: NativeTensor = { data: w.grid, shape: [N, w.oh, w.ow, 2], strides: [0, w.ow * 2, 2, 1] };
  const out: NativeTensor = { data, shape: [N, C, w.oh, w.ow], strides: [C * w.oh * w.ow, w.oh * w.ow, w.ow, 1] };
  const req = { input, grid, out, mode: w.mode, padding: 'zeros' as const, alignCorners: false, ...(w.fill ? { fill: w.fill } : {}) };
  // async: through the async memory budget and queue like every async call (no signal yet)
  const done = async
    ? queueAsync('gridSample', undefined, { input, grid, out }, (cancel: Int32Array) => native.gridSampleAsync({ ...req, cancel }), () => undefined)
    : native.gridSample(req);
  return { out: { data, shape }, done };
}

function run<D extends TypedData>(w: Warp | Tensor): Tensor<D> {
  if (!('t' in w)) return w as Tensor<D>;
  return launch(w, false).out as Tensor<D>;
}

async function runAsync<D extends TypedData>(w: Warp | Tensor): Promise<Tensor<D>> {
  if (!('t' in w)) return w as Tensor<D>;
  const { out, done } = launch(w, true);
  await done;
  return out as Tensor<D>;
}

/** Options of `rotate` / `rotateAsync`. */
export interface RotateOptions {
  /** Default 'nearest' (torchvision's default). 'bicubic' is this package's extension. */
  interpolation?: WarpInterpolation;
  /** Enlarge the output to hold the whole rotated image (default false). */
  expand?: boolean;
  /** Centre of rotation [x, y] in pixels (default the image centre). */
  center?: readonly [number, number];
  /** Value of pixels from outside the image: a number or one per channel (default: torchvision's no fill, i.e. 0 without a blend). */
  fill?: Fill | null;
}

function prepareRotate(fn: string, img: unknown, angle: unknown, options: unknown): Warp | Tensor {
  const opts = checkOptions<RotateOptions>(fn, options, ['interpolation', 'expand', 'center', 'fill']);
  const mode = oneOf(fn, 'options.interpolation', opts.interpolation, WARP_INTERPOLATIONS, 'nearest');
  const expand = bool(fn, 'options.expand', opts.expand, false);
  const center = opts.center === undefined || opts.center === null ? undefined : pair(fn, 'options.center', opts.center);
  const t = checkImage(fn, img);
  const { C, H, W } = dims(t);
  const fill = fillValues(fn, opts.fill, C);
  const a = ((finite(fn, 'angle', angle) % 360) + 360) % 360;  // Python's angle % 360
  if (center === undefined) {
    // torchvision's fast paths: exact copies, no interpolation or fill
    if (a === 0) return copy(t);
    if (a === 180) return rot90(t, 2);
    if (expand || H === W) {
      if (a === 90) return rot90(t, 1);
      if (a === 270) return rot90(t, 3);
    }
  }
  const c: [number, number] = center ? [center[0] - W * 0.5, center[1] - H * 0.5] : [0, 0];
  const matrix = inverseAffineMatrix(c, -a, [0, 0], 1, [0, 0]);
  const [ow, oh] = expand ? affineOutputSize(matrix, W, H) : [W, H];
  if (ow < 1 || oh < 1) throw rangeError(fn, `the expanded output of ${H}x${W} is empty (${oh}x${ow})`);
  return { t, grid: affineGrid(matrix, W, H, ow, oh, isDouble(t)), oh, ow, mode, fill };
}

/**
 * `torchvision.transforms.v2.functional.rotate` on a tensor: `angle` degrees
 * counter-clockwise. uint8 bit for bit with torchvision 0.29, float32 within
 * 1e-5: its grid, its fill blend, its exact fast paths for 0 / 180 degrees
 * (and 90 / 270 with `expand` or a square image, without a centre).
 * `interpolation: 'bicubic'` (refused by torchvision on tensors) samples
 * torchvision's grid bicubically; uint8 results are clamped to [0, 255].
 * @example
 * const up = rotate(img, 90, { expand: true });   // an exact transpose-and-flip
 * const tilted = rotate(img, 12.5, { interpolation: 'bilinear', fill: 0 });
 * @param img an image `[C, H, W]` or a batch `[N, C, H, W]`: uint8, float32 or float64, any strides (a channels-last view is read in place)
 * @param angle degrees, counter-clockwise
 * @param options `interpolation`, `expand`, `center`, `fill`
 * @returns the rotated image (larger with `expand`)
 * @throws {TypeError} an argument of the wrong kind (not a tensor, an unknown option, a wrong dtype)
 * @throws {RangeError} a wrong rank, size or option value; messages name the function and the argument
 */
export function rotate<D extends TypedData>(img: Tensor<D>, angle: number, options?: RotateOptions): Tensor<D> {
  return run<D>(prepareRotate('rotate', img, angle, options));
}

/**
 * `rotate` off the JavaScript thread (the sampling runs in the thread pool).
 *
 * @param img an image `[C, H, W]` or a batch `[N, C, H, W]`: uint8, float32 or float64, any strides (a channels-last view is read in place)
 * @param angle as in `rotate`
 * @param options as in `rotate`
 * @returns a promise of the rotated image
 * @throws Never synchronously: bad arguments reject the promise with the same TypeError / RangeError as the sync form
 * @example
 * const r = await rotateAsync(img, 30, { interpolation: 'bilinear' });
 */
export async function rotateAsync<D extends TypedData>(img: Tensor<D>, angle: number, options?: RotateOptions): Promise<Tensor<D>> {
  return runAsync<D>(prepareRotate('rotateAsync', img, angle, options));
}

/** Options of `affine` / `affineAsync`. */
export interface AffineOptions {
  /** Rotation in degrees, clockwise as torchvision's affine (default 0). */
  angle?: number;
  /** Translation [x, y] in pixels (default [0, 0]). */
  translate?: readonly [number, number];
  /** Scale (default 1; must be positive). */
  scale?: number;
  /** Shear in degrees: one number (x) or [x, y] (default 0). */
  shear?: number | readonly [number] | readonly [number, number];
  /** Default 'nearest'. 'bicubic' is this package's extension. */
  interpolation?: WarpInterpolation;
  /** Centre [x, y] in pixels (default the image centre). */
  center?: readonly [number, number];
  fill?: Fill | null;
}

function prepareAffine(fn: string, img: unknown, options: unknown): Warp {
  const opts = checkOptions<AffineOptions>(fn, options, ['angle', 'translate', 'scale', 'shear', 'interpolation', 'center', 'fill']);
  const angle = opts.angle === undefined ? 0 : finite(fn, 'options.angle', opts.angle);
  const translate = opts.translate === undefined ? [0, 0] as [number, number] : pair(fn, 'options.translate', opts.translate);
  const scale = opts.scale === undefined ? 1 : finite(fn, 'options.scale', opts.scale);
  if (!(scale > 0)) throw rangeError(fn, `expected options.scale to be positive but received ${scale}`);
  let shear: [number, number] = [0, 0];
  if (typeof opts.shear === 'number') shear = [finite(fn, 'options.shear', opts.shear), 0];
  else if (Array.isArray(opts.shear)) {
    if (opts.shear.length === 1) shear = [finite(fn, 'options.shear[0]', opts.shear[0]), finite(fn, 'options.shear[0]', opts.shear[0])];
    else shear = pair(fn, 'options.shear', opts.shear);
  } else if (opts.shear !== undefined) throw typeError(fn, 'options.shear', 'a number or an array of 1 or 2 numbers', opts.shear);
  const mode = oneOf(fn, 'options.interpolation', opts.interpolation, WARP_INTERPOLATIONS, 'nearest');
  const center = opts.center === undefined || opts.center === null ? undefined : pair(fn, 'options.center', opts.center);
  const t = checkImage(fn, img);
  const { C, H, W } = dims(t);
  const fill = fillValues(fn, opts.fill, C);
  const c: [number, number] = center ? [center[0] - W * 0.5, center[1] - H * 0.5] : [0, 0];
  const matrix = inverseAffineMatrix(c, angle, translate, scale, shear);
  return { t, grid: affineGrid(matrix, W, H, W, H, isDouble(t)), oh: H, ow: W, mode, fill };
}

/**
 * `torchvision.transforms.v2.functional.affine` on a tensor: rotation, then
 * scale, shear and translation about the centre, with torchvision's inverse
 * matrix, grid and fill blend (uint8 bit for bit, float32 within 1e-5).
 * @example
 * const out = affine(img, { angle: 30, translate: [4, -2], scale: 0.9, shear: [10, 0], interpolation: 'bilinear', fill: 0 });
 * @param img an image `[C, H, W]` or a batch `[N, C, H, W]`: uint8, float32 or float64, any strides (a channels-last view is read in place)
 * @param options `angle`, `translate`, `scale`, `shear`, `interpolation`, `center`, `fill`
 * @returns the transformed image, same size
 * @throws {TypeError} an argument of the wrong kind (not a tensor, an unknown option, a wrong dtype)
 * @throws {RangeError} a wrong rank, size or option value; messages name the function and the argument
 */
export function affine<D extends TypedData>(img: Tensor<D>, options?: AffineOptions): Tensor<D> {
  return run<D>(prepareAffine('affine', img, options));
}

/**
 * `affine` off the JavaScript thread.
 *
 * @param img an image `[C, H, W]` or a batch `[N, C, H, W]`: uint8, float32 or float64, any strides (a channels-last view is read in place)
 * @param options as in `affine`
 * @returns a promise of the transformed image
 * @throws Never synchronously: bad arguments reject the promise with the same TypeError / RangeError as the sync form
 * @example
 * const a = await affineAsync(img, { angle: 10, scale: 0.9 });
 */
export async function affineAsync<D extends TypedData>(img: Tensor<D>, options?: AffineOptions): Promise<Tensor<D>> {
  return runAsync<D>(prepareAffine('affineAsync', img, options));
}

/** Options of `perspective` / `perspectiveAsync`. */
export interface PerspectiveOptions {
  /** Default 'bilinear' (torchvision's default). 'bicubic' is this package's extension. */
  interpolation?: WarpInterpolation;
  fill?: Fill | null;
  /** The eight homography coefficients instead of the points (which must then be null), as torchvision's `coefficients`. */
  coefficients?: readonly number[];
}

type Quad = readonly (readonly [number, number])[];

function quad(fn: string, what: string, v: unknown): [number, number][] {
  if (!Array.isArray(v)) throw typeError(fn, what, 'an array of 4 [x, y] points', v);
  if (v.length !== 4) throw rangeError(fn, `expected ${what} to have 4 points but received ${v.length}`);
  return v.map((p, i) => pair(fn, `${what}[${i}]`, p));
}

function preparePerspective(fn: string, img: unknown, startpoints: unknown, endpoints: unknown, options: unknown): Warp {
  const opts = checkOptions<PerspectiveOptions>(fn, options, ['interpolation', 'fill', 'coefficients']);
  const mode = oneOf(fn, 'options.interpolation', opts.interpolation, WARP_INTERPOLATIONS, 'bilinear');
  let coeffs: number[] | null;
  if (opts.coefficients !== undefined) {
    if (startpoints != null || endpoints != null)
      throw typeError(fn, 'startpoints and endpoints', 'null with options.coefficients', startpoints ?? endpoints);
    const c = opts.coefficients as unknown;
    if (!Array.isArray(c)) throw typeError(fn, 'options.coefficients', 'an array of 8 numbers', c);
    if (c.length !== 8) throw rangeError(fn, `expected options.coefficients to have 8 entries but received ${c.length}`);
    coeffs = c.map((v, i) => finite(fn, `options.coefficients[${i}]`, v));
  } else {
    coeffs = perspectiveCoefficients(quad(fn, 'startpoints', startpoints), quad(fn, 'endpoints', endpoints));
    if (!coeffs) throw rangeError(fn, 'the points do not define a perspective transform (three of them are collinear)');
  }
  const t = checkImage(fn, img);
  const { C, H, W } = dims(t);
  const fill = fillValues(fn, opts.fill, C);
  return { t, grid: perspectiveGrid(coeffs, W, H, isDouble(t)), oh: H, ow: W, mode, fill };
}

/**
 * `torchvision.transforms.v2.functional.perspective` on a tensor: the
 * homography that takes `startpoints` (4 [x, y] corners) to `endpoints`, with
 * torchvision's grid and fill blend. The coefficients are solved exactly
 * (torchvision's least-squares solver leaves rounding noise of ~1e-16 in
 * them, which can move a float64 nearest sample that falls on an exact
 * half-pixel tie; pass torchvision's `coefficients` to reproduce those).
 * @param img an image `[C, H, W]` or a batch `[N, C, H, W]`: uint8, float32 or float64, any strides (a channels-last view is read in place)
 * @param startpoints four `[x, y]` corners in the input (or null with `options.coefficients`)
 * @param endpoints where they go in the output (or null)
 * @param options `interpolation`, `fill`, `coefficients`
 * @returns the warped image, same size
 * @throws {TypeError} an argument of the wrong kind (not a tensor, an unknown option, a wrong dtype)
 * @throws {RangeError} a wrong rank, size or option value; messages name the function and the argument
 * @example
 * perspective(img, [[0, 0], [99, 0], [99, 99], [0, 99]], [[10, 5], [90, 0], [99, 99], [0, 90]]);
 */
export function perspective<D extends TypedData>(img: Tensor<D>, startpoints: Quad | null, endpoints: Quad | null, options?: PerspectiveOptions): Tensor<D> {
  return run<D>(preparePerspective('perspective', img, startpoints, endpoints, options));
}

/**
 * `perspective` off the JavaScript thread.
 *
 * @param img an image `[C, H, W]` or a batch `[N, C, H, W]`: uint8, float32 or float64, any strides (a channels-last view is read in place)
 * @param startpoints as in `perspective`
 * @param endpoints as in `perspective`
 * @param options as in `perspective`
 * @returns a promise of the warped image
 * @throws Never synchronously: bad arguments reject the promise with the same TypeError / RangeError as the sync form
 * @example
 * const p = await perspectiveAsync(img, from, to);
 */
export async function perspectiveAsync<D extends TypedData>(img: Tensor<D>, startpoints: Quad | null, endpoints: Quad | null,
  options?: PerspectiveOptions): Promise<Tensor<D>> {
  return runAsync<D>(preparePerspective('perspectiveAsync', img, startpoints, endpoints, options));
}

/** Options of `elasticTransform` / `elasticTransformAsync`. */
export interface ElasticOptions {
  /** Default 'bilinear'. 'bicubic' is this package's extension. */
  interpolation?: WarpInterpolation;
  fill?: Fill | null;
}

function prepareElastic(fn: string, img: unknown, displacement: unknown, options: unknown): Warp {
  const opts = checkOptions<ElasticOptions>(fn, options, ['interpolation', 'fill']);
  const mode = oneOf(fn, 'options.interpolation', opts.interpolation, WARP_INTERPOLATIONS, 'bilinear');
  const t = checkImage(fn, img);
  const { C, H, W } = dims(t);
  const d = checkTensor(fn, 'displacement', displacement);
  if (d.dtype === 'uint8') throw typeError(fn, 'displacement.data', 'a Float32Array or Float64Array', d.data);
  const want = [1, H, W, 2];
  if (d.shape.length !== 4 || d.shape.some((s, i) => s !== want[i]))
    throw rangeError(fn, `expected displacement to have shape ${shapeStr(want)} but received ${shapeStr(d.shape)}`);
  const dense = d.contiguous ? d.data : Float64Array.from({ length: H * W * 2 }, (_, q) => {
    const k = q % 2;
    const x = Math.floor(q / 2) % W;
    const y = Math.floor(q / 2 / W);
    return d.data[y * d.strides[1] + x * d.strides[2] + k * d.strides[3]];
  });
  const fill = fillValues(fn, opts.fill, C);
  return { t, grid: elasticGrid(dense, H, W, isDouble(t)), oh: H, ow: W, mode, fill };
}

/**
 * `torchvision.transforms.v2.functional.elastic` on a tensor: samples at the
 * identity grid plus `displacement` ([1, H, W, 2], normalised units, as
 * torchvision's), with its fill blend.
 * @param img an image `[C, H, W]` or a batch `[N, C, H, W]`: uint8, float32 or float64, any strides (a channels-last view is read in place)
 * @param displacement `[1, H, W, 2]` float32/float64 offsets in normalised units (as torchvision's)
 * @param options `interpolation` (default bilinear), `fill`
 * @returns the displaced image, same size
 * @throws {TypeError} an argument of the wrong kind (not a tensor, an unknown option, a wrong dtype)
 * @throws {RangeError} a wrong rank, size or option value; messages name the function and the argument
 * @example
 * const d = { data: new Float32Array(H * W * 2), shape: [1, H, W, 2] }; // zero: the identity
 * elasticTransform(img, d);
 */
export function elasticTransform<D extends TypedData>(img: Tensor<D>, displacement: Tensor, options?: ElasticOptions): Tensor<D> {
  return run<D>(prepareElastic('elasticTransform', img, displacement, options));
}

/**
 * `elasticTransform` off the JavaScript thread.
 *
 * @param img an image `[C, H, W]` or a batch `[N, C, H, W]`: uint8, float32 or float64, any strides (a channels-last view is read in place)
 * @param displacement as in `elasticTransform`
 * @param options as in `elasticTransform`
 * @returns a promise of the displaced image
 * @throws Never synchronously: bad arguments reject the promise with the same TypeError / RangeError as the sync form
 * @example
 * const e = await elasticTransformAsync(img, d);
 */
export async function elasticTransformAsync<D extends TypedData>(img: Tensor<D>, displacement: Tensor, options?: ElasticOptions): Promise<Tensor<D>> {
  return runAsync<D>(prepareElastic('elasticTransformAsync', img, displacement, options));
}

export type { DType };
