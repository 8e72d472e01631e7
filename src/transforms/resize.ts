// resize: the image resize of the Python pipelines a model was trained with.
// backend 'tensor' is torchvision.transforms.v2.functional.resize on tensors
// (torchvision 0.29 / torch 2.14: fixed-point uint8 kernels for the filters,
// float kernels for float images); backend 'pil' is Pillow's Image.resize.
// Sizes and argument rules are decided here; the pixels are native/resize
// (uint8 filters) and the interpolate kernels (nearest modes, float images).
import { native, type AntialiasRequest } from '../addon';
import { interpolate, interpolateAsync } from '../interpolate';
import {
  type Checked,
  type MemoryFormat,
  type Tensor,
  type TypedData,
  bool,
  checkOptions,
  checkTensor,
  oneOf,
  outputFor,
  positiveInt,
  rangeError,
  result,
  shapeStr,
  typeError,
} from '../validate';
import { type AsyncOptions, runAsync, takeSignal } from '../async-queue';

/** `resize`'s filters: torchvision's `InterpolationMode` names plus Pillow's box, hamming and lanczos. */
export type ResizeInterpolation = 'nearest' | 'nearest-exact' | 'bilinear' | 'bicubic' | 'box' | 'hamming' | 'lanczos';
/** Whose pixels `resize` reproduces: torchvision on tensors (`'tensor'`) or Pillow's `Image.resize` (`'pil'`). */
export type ResizeBackend = 'tensor' | 'pil';
/** A size as torchvision takes it: one number (the shorter edge), `[s]` (likewise), `[h, w]`, or null (with `maxSize`: the longer edge). */
export type ResizeSize = number | readonly [number] | readonly [number, number] | null;

/** Options of `resize` / `resizeAsync`. */
export interface ResizeOptions<D extends TypedData = TypedData> {
  /** Default 'bilinear'. 'box', 'hamming' and 'lanczos' are Pillow's filters ('box' and 'hamming': uint8 only on the 'tensor' backend, where they are our extension: torchvision refuses them on tensors). */
  interpolation?: ResizeInterpolation;
  /** Default true, as torchvision v2. Only bilinear and bicubic on the 'tensor' backend can turn it off. */
  antialias?: boolean;
  /** torchvision's rule: with a one-number size, the longer edge is capped at `maxSize`; with a null size it is `maxSize`. */
  maxSize?: number;
  /** 'tensor' (default): torchvision v2 on tensors. 'pil': Pillow's `Image.resize` (uint8, 1 to 4 channels). */
  backend?: ResizeBackend;
  /** Write the result here: the input's dtype and layout, the output shape. */
  out?: Tensor<D>;
}

const FN = 'resize';
const INTERPOLATIONS = ['nearest', 'nearest-exact', 'bilinear', 'bicubic', 'box', 'hamming', 'lanczos'] as const;
const BACKENDS = ['tensor', 'pil'] as const;
const OPTION_KEYS = ['interpolation', 'antialias', 'maxSize', 'backend', 'out'] as const;
const PIL_FILTERS: readonly ResizeInterpolation[] = ['box', 'hamming', 'lanczos'];
/** Filters torch has no float kernel for: the 'tensor' backend runs them on uint8 only. */
const UINT8_ONLY: readonly ResizeInterpolation[] = ['box', 'hamming'];

/**
 * torchvision's `_compute_resized_output_size`: the output [h, w] for an
 * input of `h x w`. A one-number size sets the shorter edge (the longer one
 * scaled and truncated), capped by `maxSize`; a null size with `maxSize` sets
 * the longer edge; `[h, w]` is exact.
 */
export function resizedSize(fn: string, height: number, width: number, size: unknown, maxSize: number | undefined): [number, number] {
  let requested: number | undefined;
  if (size === null) {
    if (maxSize === undefined) throw typeError(fn, 'size', 'a number or an array (null needs options.maxSize)', size);
  } else if (typeof size === 'number') {
    requested = positiveInt(fn, 'size', size);
  } else if (Array.isArray(size)) {
    if (size.length === 1) requested = positiveInt(fn, 'size[0]', size[0]);
    else if (size.length === 2) {
      if (maxSize !== undefined)
        throw typeError(fn, 'options.maxSize', 'unset with a [h, w] size (it applies to a one-number or null size)', maxSize);
      return [positiveInt(fn, 'size[0]', size[0]), positiveInt(fn, 'size[1]', size[1])];
    } else throw rangeError(fn, `expected size to have 1 or 2 entries but received ${size.length}`);
  } else {
    throw typeError(fn, 'size', 'a number, [size], [height, width] or null', size);
  }
  const short = Math.min(height, width);
  const long = Math.max(height, width);
  let newShort: number;
  let newLong: number;
  if (requested === undefined) {
    newShort = Math.trunc((maxSize! * short) / long);
    newLong = maxSize!;
  } else {
    newShort = requested;
    newLong = Math.trunc((requested * long) / short);
    if (maxSize !== undefined) {
      if (maxSize <= requested)
        throw rangeError(fn, `expected options.maxSize (${maxSize}) to be greater than the requested size of the shorter edge (${requested})`);
      if (newLong > maxSize) {
        newShort = Math.trunc((maxSize * newShort) / newLong);
        newLong = maxSize;
      }
    }
  }
  const [h, w] = width <= height ? [newLong, newShort] : [newShort, newLong];
  if (h < 1 || w < 1)
    throw rangeError(fn, `size ${JSON.stringify(size)}${maxSize !== undefined ? ` with maxSize ${maxSize}` : ''} makes an edge of an ${height}x${width} image 0 (output ${h}x${w})`);
  return [h, w];
}

interface Prepared {
  input: Checked;
  out: Checked;
  /** a 4D view of input and out ([C, H, W] gains N = 1) */
  in4: Checked;
  out4: Checked;
  /** the result's layout (the input's, as torch suggests it) */
  format: MemoryFormat;
  outH: number;
  outW: number;
  interpolation: ResizeInterpolation;
  antialias: boolean;
  backend: ResizeBackend;
}

/** `[C, H, W]` as `[1, C, H, W]` (the batch stride of one image is arbitrary: past every other). */
function as4D(t: Checked): Checked {
  if (t.shape.length === 4) return t;
  const outer = Math.max(1, ...t.shape.map((s, i) => s * t.strides[i]));
  return { ...t, shape: [1, ...t.shape], strides: [outer, ...t.strides] };
}

/** The tensor object of a checked view (strict: no other keys). */
const plain = (t: Checked): Tensor => ({ data: t.data, shape: t.shape, strides: t.strides });

/**
 * PyTorch's suggest_memory_format (is_channels_last_strides_2d): channels-last
 * when the strides are ordered C < W < H < N, dense or not (a crop of an HWC
 * image counts), contiguous otherwise and in ambiguous cases.
 */
function suggestedFormat(t: Checked): MemoryFormat {
  const { shape, strides } = t;
  // one pixel: every layout is both; torch 2.14 allocates a contiguous result
  if (strides[1] === 0 || (shape[2] === 1 && shape[3] === 1)) return 'contiguous';
  let min = 0;
  for (const d of [1, 3, 2, 0]) {
    if (shape[d] === 0 || strides[d] < min) return 'contiguous';
    if (d === 0 && min === strides[1]) return 'contiguous';
    min = strides[d] * (shape[d] > 1 ? shape[d] : 1);
  }
  return 'channelsLast';
}

function prepare(fn: string, img: unknown, size: unknown, options: unknown): Prepared {
  const opts = checkOptions<ResizeOptions>(fn, options, OPTION_KEYS);
  const interpolation = oneOf(fn, 'options.interpolation', opts.interpolation, INTERPOLATIONS, 'bilinear');
  const backend = oneOf(fn, 'options.backend', opts.backend, BACKENDS, 'tensor');
  const antialias = bool(fn, 'options.antialias', opts.antialias, true);
  const maxSize = opts.maxSize === undefined ? undefined : positiveInt(fn, 'options.maxSize', opts.maxSize);
  const input = checkTensor(fn, 'img', img);
  const rank = input.shape.length;
  if (rank !== 3 && rank !== 4)
    throw rangeError(fn, `expected img to be [C, H, W] or [N, C, H, W] but received shape ${shapeStr(input.shape)}`);
  const [C, H, W] = input.shape.slice(-3);
  if (H === 0 || W === 0) throw rangeError(fn, `expected a non-empty image but received shape ${shapeStr(input.shape)}`);
  if (!antialias) {
    if (backend === 'pil') throw typeError(fn, 'options.antialias', "true or unset with backend 'pil' (Pillow always antialiases)", false);
    if (PIL_FILTERS.includes(interpolation))
      throw typeError(fn, 'options.antialias', `true or unset with interpolation '${interpolation}' (a Pillow filter always antialiases)`, false);
  }
  if (backend === 'pil') {
    if (input.dtype !== 'uint8') throw typeError(fn, 'img.data', "a Uint8Array or Uint8ClampedArray with backend 'pil' (Pillow resizes 8-bit images)", input.data);
    if (C < 1 || C > 4) throw rangeError(fn, `expected 1 to 4 channels with backend 'pil' but img has ${C} (shape ${shapeStr(input.shape)})`);
  } else if (UINT8_ONLY.includes(interpolation) && input.dtype !== 'uint8') {
    throw typeError(fn, 'img.data', `a Uint8Array or Uint8ClampedArray for interpolation '${interpolation}' with backend 'tensor'`, input.data);
  }
  const [outH, outW] = resizedSize(fn, H, W, size, maxSize);
  const in4 = as4D(input);
  // The result keeps the input's layout: channels-last in, channels-last out.
  const format = suggestedFormat(in4);
  let userOut = opts.out as unknown;
  if (rank === 3 && userOut !== undefined) {
    const o = checkTensor(fn, 'options.out', userOut);
    if (o.shape.length !== 3) throw rangeError(fn, `expected options.out to be [C, H, W] like img but received shape ${shapeStr(o.shape)}`);
    userOut = plain(as4D(o));
  }
  // Results are allocated here even for async calls: the 3D view and the
  // interpolate route below need the array before the call.
  const out4 = outputFor(fn, userOut, in4, [in4.shape[0], C, outH, outW], [input], format, false);
  const out = rank === 3 ? { ...out4, shape: out4.shape.slice(1), strides: out4.strides.slice(1) } : out4;
  const aa = antialias && interpolation !== 'nearest' && interpolation !== 'nearest-exact';
  return { input, out, in4, out4, format, outH, outW, interpolation, antialias: aa, backend };
}

/** Which kernel computes the pixels. */
function usesImageKernel(p: Prepared): boolean {
  if (p.backend === 'pil') return true;
  if (p.interpolation === 'nearest' || p.interpolation === 'nearest-exact') return false;
  return p.input.dtype === 'uint8';
}

/**
 * Runs the resize: the image kernel, or interpolate (torchvision's float
 * path, and the same-size copy). Async calls go through the async budget and
 * queue (src/async-queue.ts): the image kernel through runAsync here,
 * interpolateAsync by itself.
 */
function launch(p: Prepared, async: boolean, signal?: AbortSignal): unknown {
  const [, , H, W] = p.in4.shape;
  if (p.backend === 'tensor' && H === p.outH && W === p.outW) {
    // torchvision returns the image itself; we return a copy (a fresh result or `out`).
    return interpolateCopy(p, async, signal);
  }
  if (usesImageKernel(p)) {
    const reference = p.backend === 'pil' ? 'pillow' : 'torch';
    const req = { input: p.in4, out: p.out4, filter: p.interpolation, reference, antialias: p.antialias } as const;
    if (!async) return native.imageResize(req);
    return runAsync(FN, signal, { img: p.in4, out: p.out4 }, (cancel) => native.imageResizeAsync({ ...req, cancel }), () => undefined);
  }
  if (!p.antialias && (p.interpolation === 'bilinear' || p.interpolation === 'bicubic')) {
    // torch >= 2 evaluates the source index in float for float32 (F.interpolate here is torch 1.13's)
    const req = { input: p.in4, out: p.out4, mode: p.interpolation, alignCorners: false, scales: [0, 0] };
    return async ? native.interpolateOpmathAsync(req) : native.interpolateOpmath(req);
  }
  if (p.interpolation === 'lanczos') {
    const req: AntialiasRequest = { input: p.in4, out: p.out4, mode: 'lanczos', alignCorners: false, scales: [0, 0] };
    return async ? native.interpolateAntialiasAsync(req) : native.interpolateAntialias(req);
  }
  const opts = {
    size: [p.outH, p.outW],
    mode: p.interpolation,
    ...(p.interpolation === 'bilinear' || p.interpolation === 'bicubic' ? { alignCorners: false, antialias: p.antialias } : {}),
    out: plain(p.out4),
    memoryFormat: p.format,
  };
  return async ? interpolateAsync(plain(p.in4), { ...opts, signal } as never) : interpolate(plain(p.in4), opts as never);
}

function interpolateCopy(p: Prepared, async: boolean, signal?: AbortSignal): unknown {
  const opts = { size: [p.outH, p.outW], mode: 'nearest', out: plain(p.out4), memoryFormat: p.format };
  return async ? interpolateAsync(plain(p.in4), { ...opts, signal } as never) : interpolate(plain(p.in4), opts as never);
}

/**
 * Resizes an image tensor exactly as the Python pipeline a model was
 * trained with: `backend: 'tensor'` (default) equals
 * `torchvision.transforms.v2.functional.resize` (torchvision 0.29, torch
 * 2.14) on a tensor, uint8 bit for bit (torch's fixed-point kernels),
 * float32 / float64 within 1e-5 / 1e-12; `backend: 'pil'` equals Pillow's
 * `Image.resize` bit for bit (uint8, 1 to 4 channels; RGBA and gray + alpha
 * go through premultiplied alpha as Pillow does).
 *
 * `img` is `[C, H, W]` or `[N, C, H, W]` with any strides: the interleaved
 * buffer of `fromHWC` (e.g. sharp's raw output) is read in place and the
 * result is interleaved too.
 *
 * @param img the image(s): uint8 (Uint8Array / Uint8ClampedArray), float32 or float64
 * @param size the shorter edge (a number or `[s]`), the exact `[h, w]`, or null with `maxSize`
 * @param options interpolation (default 'bilinear'), antialias (default true), maxSize, backend, out
 * @returns a new tensor (or `options.out`) of the input's type and layout
 * @throws TypeError for a wrong kind of argument, an unknown interpolation or backend,
 *   `antialias: false` with 'pil' or a Pillow filter, a float image with 'pil'
 * @throws RangeError for a rank other than 3 or 4, sizes that are not positive integers,
 *   maxSize not above the requested size, an output edge of 0, a wrong `out`
 * @example
 * const img = fromHWC(new Uint8Array(64 * 48 * 3).fill(200), 48, 64, 3);
 * const small = resize(img, 24, { interpolation: 'bicubic' });
 * small.shape; // [3, 24, 32]
 */
export function resize<D extends TypedData>(img: Tensor<D>, size: ResizeSize, options?: ResizeOptions<D>): Tensor<D> {
  const p = prepare(FN, img, size, options);
  launch(p, false);
  return result<D>(p.out);
}

/**
 * `resize` off the JavaScript thread, through the async memory budget and
 * queue like every async function (README "Async calls under load"); takes
 * `{ signal }` to cancel. Errors name `resize`, as the sync form's do.
 * @param img as in {@link resize}
 * @param size as in {@link resize}
 * @param options as in {@link resize}
 * @returns a promise of the resized image
 * @throws Never synchronously: bad arguments reject the promise with the same TypeError / RangeError as the sync form
 * @example
 * const small = await resizeAsync(img, 224, { backend: 'pil' });
 */
export async function resizeAsync<D extends TypedData>(img: Tensor<D>, size: ResizeSize, options?: ResizeOptions<D> & AsyncOptions): Promise<Tensor<D>> {
  const { signal, options: rest } = takeSignal(FN, options);
  const p = prepare(FN, img, size, rest);
  await launch(p, true, signal);
  return result<D>(p.out);
}
