// torchvision.transforms.v2.functional's to_dtype and normalize on image
// tensors (torchvision 0.29), in the source type's arithmetic as torch does.
import { type Checked, type DType, type Tensor, bool, checkOptions, oneOf, rangeError, typeError } from '../validate';
import { checkImage } from './geometry';

const f32 = Math.fround;
const DTYPES = ['float32', 'float64', 'uint8'] as const;
const CTORS = { float32: Float32Array, float64: Float64Array, uint8: Uint8Array } as const;
type ArrayOf<T extends DType> = T extends 'float32' ? Float32Array : T extends 'float64' ? Float64Array : Uint8Array;

/**
 * Calls row(start, step, outStart, c) for every image row of t in C order:
 * the row's W elements are src[start + x * step], written to out[outStart + x]
 * (out contiguous). The loops over a row live in the callers, without a call
 * per element.
 */
function rows(t: Checked, row: (start: number, step: number, outStart: number, c: number) => void): void {
  const r = t.shape.length;
  const N = r === 4 ? t.shape[0] : 1;
  const [C, H, W] = t.shape.slice(-3);
  const [sC, sH, sW] = t.strides.slice(-3);
  const sN = r === 4 ? t.strides[0] : 0;
  let q = 0;
  for (let n = 0; n < N; ++n)
    for (let c = 0; c < C; ++c)
      for (let y = 0; y < H; ++y, q += W) row(n * sN + c * sC + y * sH, sW, q, c);
}

/** Options of `toDtype`. */
export interface ToDtypeOptions {
  /** Rescale values between the types' ranges: uint8 [0, 255] <-> float [0, 1] (default false). */
  scale?: boolean;
}

/**
 * `torchvision.transforms.v2.functional.to_dtype` on an image: a new
 * contiguous tensor of `dtype`. With `scale`, uint8 -> float multiplies by
 * 1/255 in the target type, float -> uint8 multiplies by 255.999 and
 * truncates (torchvision's rule); without it, float -> uint8 truncates toward
 * zero. Values outside [0, 255] clamp (torch's cast would wrap).
 * @param img an image `[C, H, W]` or a batch `[N, C, H, W]`: uint8, float32 or float64, any strides (a channels-last view is read in place)
 * @param dtype the element type of the result
 * @param options `scale`: map the value range (uint8 0..255 to float 0..1 and back), as torchvision's `scale=True`
 * @returns a new tensor of `dtype`
 * @throws {TypeError} an argument of the wrong kind (not a tensor, an unknown option, a wrong dtype)
 * @throws {RangeError} a wrong rank, size or option value; messages name the function and the argument
 * @example
 * toDtype(img, 'float32', { scale: true }); // values in [0, 1]
 */
export function toDtype<T extends DType>(img: Tensor, dtype: T, options?: ToDtypeOptions): Tensor<ArrayOf<T>> {
  const fn = 'toDtype';
  const opts = checkOptions<ToDtypeOptions>(fn, options, ['scale']);
  const to = oneOf(fn, 'dtype', dtype, DTYPES, 'float32');
  if (dtype === undefined) throw typeError(fn, 'dtype', "'float32' | 'float64' | 'uint8'", dtype);
  const scale = bool(fn, 'options.scale', opts.scale, false);
  const t = checkImage(fn, img);
  const out = new CTORS[to](t.numel);
  const from = t.dtype;
  const src = t.data;
  const W = t.shape[t.shape.length - 1];
  if (to === 'uint8' && from !== 'uint8') {
    // float -> uint8: (scaled by 255.999 in the source type) truncated; NaN 0, clamped
    const k = !scale ? 1 : from === 'float32' ? f32(255 + 1 - 1e-3) : 255 + 1 - 1e-3;
    const round32 = scale && from === 'float32';
    rows(t, (s, step, o) => {
      for (let x = 0; x < W; ++x) {
        let v = src[s + x * step] * k;
        if (round32) v = f32(v);
        out[o + x] = v > 0 ? (v < 255 ? v : 255) : 0;  // the Uint8Array store truncates
      }
    });
  } else if (from === 'uint8' && to !== 'uint8' && scale) {
    // uint8 -> float: times 1/255 in the target type (the store rounds float32)
    const k = to === 'float32' ? f32(1 / 255) : 1 / 255;
    rows(t, (s, step, o) => {
      for (let x = 0; x < W; ++x) out[o + x] = src[s + x * step] * k;
    });
  } else {
    // same type, float <-> float, uint8 -> float unscaled: the store converts
    rows(t, (s, step, o) => {
      for (let x = 0; x < W; ++x) out[o + x] = src[s + x * step];
    });
  }
  return { data: out, shape: t.shape.slice() } as unknown as Tensor<ArrayOf<T>>;
}

/**
 * `torchvision.transforms.v2.functional.normalize`: (img - mean[c]) / std[c]
 * per channel in the image's float type; a new contiguous tensor.
 * @param img an image `[C, H, W]` or a batch `[N, C, H, W]`: float32 or float64, any strides (a channels-last view is read in place)
 * @param mean one value per channel
 * @param std one value per channel (non-zero)
 * @returns `(img - mean) / std` per channel, a new tensor
 * @throws {TypeError} an argument of the wrong kind (not a tensor, an unknown option, a wrong dtype)
 * @throws {RangeError} a wrong rank, size or option value; messages name the function and the argument
 * @example
 * normalize(x, [0.485, 0.456, 0.406], [0.229, 0.224, 0.225]);
 */
export function normalize<D extends Float32Array | Float64Array>(img: Tensor<D>, mean: readonly number[], std: readonly number[]): Tensor<D> {
  const fn = 'normalize';
  const t = checkImage(fn, img);
  if (t.dtype === 'uint8') throw typeError(fn, 'img.data', 'a Float32Array or Float64Array (convert with toDtype first)', t.data);
  const C = t.shape[t.shape.length - 3];
  const list = (what: string, v: unknown): number[] => {
    if (!Array.isArray(v)) throw typeError(fn, what, 'an array of numbers', v);
    if (v.length !== 1 && v.length !== C) throw rangeError(fn, `expected ${what} to have 1 or ${C} (the channel count) entries but received ${v.length}`);
    const out = v.map((x, i) => {
      if (typeof x !== 'number') throw typeError(fn, `${what}[${i}]`, 'a number', x);
      if (!Number.isFinite(x)) throw rangeError(fn, `expected ${what}[${i}] to be finite but received ${x}`);
      return x;
    });
    return out.length === 1 ? new Array<number>(C).fill(out[0]) : out;
  };
  const m = list('mean', mean);
  const s = list('std', std);
  if (s.some((v) => v === 0)) throw rangeError(fn, 'expected std to have no zero entries (division by zero)');
  const out = new (t.dtype === 'float32' ? Float32Array : Float64Array)(t.numel);
  const src = t.data;
  const W = t.shape[t.shape.length - 1];
  const is32 = t.dtype === 'float32';
  const mean32 = is32 ? m.map(f32) : m;
  const std32 = is32 ? s.map(f32) : s;
  rows(t, (start, step, o, c) => {
    const mc = mean32[c];
    const sc = std32[c];
    if (is32) for (let x = 0; x < W; ++x) out[o + x] = f32(src[start + x * step] - mc) / sc;  // the store rounds the quotient
    else for (let x = 0; x < W; ++x) out[o + x] = (src[start + x * step] - mc) / sc;
  });
  return { data: out as D, shape: t.shape.slice() };
}
