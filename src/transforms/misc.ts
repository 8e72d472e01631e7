// torchvision.transforms.v2.functional's to_dtype and normalize on image
// tensors (torchvision 0.29), in the source type's arithmetic as torch does.
import { type Checked, type DType, type Tensor, type TypedData, bool, checkOptions, oneOf, rangeError, typeError } from '../validate';
import { checkImage } from './geometry';

const f32 = Math.fround;
const DTYPES = ['float32', 'float64', 'uint8'] as const;
const CTORS = { float32: Float32Array, float64: Float64Array, uint8: Uint8Array } as const;
type ArrayOf<T extends DType> = T extends 'float32' ? Float32Array : T extends 'float64' ? Float64Array : Uint8Array;

/** Calls fn(value, outputIndex) for every element of t in C order (output contiguous). */
function map(t: Checked, out: TypedData, fn: (v: number, c: number) => number): void {
  const r = t.shape.length;
  const N = r === 4 ? t.shape[0] : 1;
  const [C, H, W] = t.shape.slice(-3);
  const [sC, sH, sW] = t.strides.slice(-3);
  const sN = r === 4 ? t.strides[0] : 0;
  const src = t.data;
  let q = 0;
  for (let n = 0; n < N; ++n)
    for (let c = 0; c < C; ++c)
      for (let y = 0; y < H; ++y) {
        const row = n * sN + c * sC + y * sH;
        for (let x = 0; x < W; ++x) out[q++] = fn(src[row + x * sW], c);
      }
}

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
  const toU8 = (v: number) => (v !== v ? 0 : Math.min(255, Math.max(0, Math.trunc(v))));
  let fn1: (v: number) => number;
  if (from === to) fn1 = (v) => v;
  else if (to === 'uint8') {
    const k = from === 'float32' ? f32(255 + 1 - 1e-3) : 255 + 1 - 1e-3;
    fn1 = scale ? (from === 'float32' ? (v) => toU8(f32(v * k)) : (v) => toU8(v * k)) : toU8;
  } else if (from === 'uint8' && scale) {
    fn1 = to === 'float32' ? ((k) => (v: number) => f32(v * k))(f32(1 / 255)) : (v) => v * (1 / 255);
  } else fn1 = (v) => v;  // float <-> float, uint8 -> float unscaled: the store converts
  map(t, out, fn1);
  return { data: out, shape: t.shape.slice() } as unknown as Tensor<ArrayOf<T>>;
}

/**
 * `torchvision.transforms.v2.functional.normalize`: (img - mean[c]) / std[c]
 * per channel in the image's float type; a new contiguous tensor.
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
  if (t.dtype === 'float32') {
    const m32 = m.map(f32);
    const s32 = s.map(f32);
    map(t, out, (v, c) => f32(f32(v - m32[c]) / s32[c]));
  } else map(t, out, (v, c) => (v - m[c]) / s[c]);
  return { data: out as D, shape: t.shape.slice() };
}
