// Tensors from and to the libraries users already have: sharp's raw pixels,
// onnxruntime-node's tensors and scijs ndarray-style views. Each helper makes
// a view of the same memory when the layout allows it and copies only when
// our `{ data, shape, strides }` cannot express the layout (negative strides,
// a strided tensor for a library that wants dense memory).
import {
  CTORS,
  checkTensor, contiguousStrides, positiveInt, rangeError, shapeStr, typeError,
  type DType, type Tensor, type TypedData,
} from './validate';
import { fromHWC, toHWC } from './transforms/hwc';

// ---- sharp ------------------------------------------------------------------

/** The part of sharp's `info` (from `toBuffer({ resolveWithObject: true })` after `.raw()`) that describes raw pixels. */
export interface SharpRawInfo {
  width: number;
  height: number;
  /** Interleaved channels per pixel, 1-4. */
  channels: number;
  /** Sample type of raw output: `'uchar'` (default), `'float'` or `'double'`. */
  depth?: string;
  /** Other keys sharp reports (`format`, `size`, `premultiplied`, ...) are ignored. */
  [key: string]: unknown;
}

/** What `sharp(data, { raw: info })` takes: interleaved (H, W, C) pixels and their size. */
export interface SharpRaw<D extends TypedData = TypedData> {
  data: D;
  info: { width: number; height: number; channels: 1 | 2 | 3 | 4 };
}

/** Options of {@link fromSharp}. */
export interface FromSharpOptions {
  /** Add a batch dimension: shape `[1, C, H, W]` instead of `[C, H, W]` (what `gridSample` and `interpolate` take). Default false. */
  batch?: boolean;
}

const SHARP_DEPTHS: Record<string, DType> = { uchar: 'uint8', float: 'float32', double: 'float64' };

function plainObject(fn: string, what: string, v: unknown, expected: string): Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v) || ArrayBuffer.isView(v)) throw typeError(fn, what, expected, v);
  return v as Record<string, unknown>;
}

/** A view of `v`'s bytes as an array of `dtype` (a Buffer or any typed array over the same memory). */
function viewAs(fn: string, what: string, v: unknown, dtype: DType): TypedData {
  if (!ArrayBuffer.isView(v) || v instanceof DataView)
    throw typeError(fn, what, 'a Buffer or typed array', v);
  const Ctor = CTORS[dtype];
  if (v instanceof Ctor && v.constructor === Ctor) return v as TypedData;
  if (v instanceof Uint8ClampedArray && dtype === 'uint8') return v;
  if (v.byteOffset % Ctor.BYTES_PER_ELEMENT !== 0 || v.byteLength % Ctor.BYTES_PER_ELEMENT !== 0)
    throw rangeError(fn, `${what} is not aligned for ${dtype} samples (byte offset ${v.byteOffset}, ${v.byteLength} bytes)`);
  return new Ctor(v.buffer as ArrayBuffer, v.byteOffset, v.byteLength / Ctor.BYTES_PER_ELEMENT);
}

/**
 * Wraps sharp's raw output as a tensor without copying: a `[C, H, W]`
 * (or, with `batch`, `[1, C, H, W]`) channels-last view of the interleaved
 * pixels, i.e. strides `[1, W*C, C]`. Every op reads such a view in place,
 * and the resize ops keep its layout in their result.
 *
 * @param raw `{ data, info }` as `sharp(...).raw().toBuffer({ resolveWithObject: true })` resolves:
 *   `data` a Buffer (or typed array) of `width * height * channels` samples, `info.depth`
 *   `'uchar'` (default), `'float'` or `'double'`.
 * @param options `batch: true` adds a leading batch dimension of 1.
 * @returns A tensor whose `data` shares memory with `raw.data` (a `Uint8Array`,
 *   `Float32Array` or `Float64Array` view; a Buffer becomes a plain `Uint8Array` over the same bytes).
 * @throws {TypeError} `raw` is not `{ data, info }`, `data` is not a Buffer/typed array, `info.depth` is not supported.
 * @throws {RangeError} sizes are not positive integers, `channels` is not 1-4, `data` holds the wrong number of samples.
 * @example
 * ```js
 * const sharp = require('sharp');
 * const { fromSharp } = require('gridsample');
 * const raw = await sharp('photo.jpg').raw().toBuffer({ resolveWithObject: true });
 * const img = fromSharp(raw);           // shape [3, H, W], strides [1, W*3, 3], no copy
 * ```
 */
export function fromSharp(raw: { data: ArrayBufferView; info: SharpRawInfo }, options?: FromSharpOptions): Tensor {
  const fn = 'fromSharp';
  const r = plainObject(fn, 'raw', raw, 'an object { data, info } from sharp');
  const info = plainObject(fn, 'raw.info', r.info, "sharp's info object { width, height, channels }");
  const opts = options === undefined ? {} : plainObject(fn, 'options', options, 'an object');
  for (const key of Object.keys(opts))
    if (key !== 'batch') throw typeError(fn, `option "${key}"`, '"batch"', key);
  if (opts.batch !== undefined && typeof opts.batch !== 'boolean') throw typeError(fn, 'options.batch', 'a boolean', opts.batch);
  const width = positiveInt(fn, 'raw.info.width', info.width);
  const height = positiveInt(fn, 'raw.info.height', info.height);
  const channels = positiveInt(fn, 'raw.info.channels', info.channels);
  if (channels > 4) throw rangeError(fn, `expected raw.info.channels to be 1-4 but received ${channels}`);
  const depth = info.depth ?? 'uchar';
  const dtype = typeof depth === 'string' ? SHARP_DEPTHS[depth] : undefined;
  if (!dtype) throw typeError(fn, 'raw.info.depth', "'uchar', 'float' or 'double' (raw output of another depth has no tensor type here)", depth);
  const data = viewAs(fn, 'raw.data', r.data, dtype);
  const n = width * height * channels;
  if (data.length !== n)
    throw rangeError(fn, `expected raw.data to hold ${n} samples for ${width}x${height}x${channels} but it holds ${data.length}`);
  const img = fromHWC(data, height, width, channels);
  return opts.batch ? { data, shape: [1, ...img.shape], strides: [n, ...img.strides] } : img;
}

/**
 * A new array of `src`'s type holding the elements of the view (`start`, `shape`, `strides`) in
 * row-major order. Strides may be negative or zero; the caller has checked the view's extent.
 */
export function gather(src: TypedData, start: number, shape: readonly number[], strides: readonly number[]): TypedData {
  const numel = shape.reduce((p, s) => p * s, 1);
  const out = new (src.constructor as new (n: number) => TypedData)(numel);
  const idx = new Array<number>(shape.length).fill(0);
  let at = start;
  for (let o = 0; o < numel; ++o) {
    out[o] = src[at];
    for (let k = shape.length - 1; k >= 0; --k) {
      if (++idx[k] < shape[k]) { at += strides[k]; break; }
      at -= (shape[k] - 1) * strides[k];
      idx[k] = 0;
    }
  }
  return out;
}

/**
 * Turns an image tensor into what `sharp(data, { raw: info })` takes. A
 * channels-last image (what {@link fromSharp} and the resize ops return for
 * one) is passed as a view of the same memory; any other layout is copied
 * into interleaved order.
 *
 * @param img A `[C, H, W]` or `[1, C, H, W]` tensor with 1-4 channels: uint8, float32 or float64
 *   (sharp reads the sample type from the array type).
 * @returns `{ data, info: { width, height, channels } }`.
 * @throws {TypeError} `img` is not a tensor.
 * @throws {RangeError} `img` is not `[C, H, W]` / `[1, C, H, W]`, has more than 4 channels or an empty side.
 * @example
 * ```js
 * const { data, info } = toSharpRaw(img);
 * await sharp(data, { raw: info }).png().toFile('out.png');
 * ```
 */
export function toSharpRaw<D extends TypedData>(img: Tensor<D>): SharpRaw<D> {
  const fn = 'toSharpRaw';
  const t = checkTensor(fn, 'img', img);
  const r = t.shape.length;
  if (!(r === 3 || (r === 4 && t.shape[0] === 1)))
    throw rangeError(fn, `expected img to have shape [C, H, W] or [1, C, H, W] but received ${shapeStr(t.shape)}`);
  const [c, h, w] = t.shape.slice(r - 3);
  if (c < 1 || c > 4) throw rangeError(fn, `expected img to have 1-4 channels for sharp but it has ${c}`);
  if (h === 0 || w === 0) throw rangeError(fn, `expected img to have a non-empty height and width but its shape is ${shapeStr(t.shape)}`);
  // toHWC returns the tensor's own memory when it is already interleaved (channels-last).
  const data = toHWC({ data: t.data, shape: t.shape, strides: t.strides }) as D;
  return { data, info: { width: w, height: h, channels: c as 1 | 2 | 3 | 4 } };
}

// ---- onnxruntime-node -------------------------------------------------------

/** The documented shape of an onnxruntime tensor that {@link toOrt} returns without `ort`, and {@link fromOrt} accepts. */
export interface OrtTensorLike<D extends TypedData = TypedData> {
  type: 'float32' | 'float64' | 'uint8';
  data: D;
  dims: readonly number[];
}

/** The part of the `onnxruntime-node` module that {@link toOrt} uses. */
export interface OrtModule {
  Tensor: new (type: 'float32' | 'float64' | 'uint8', data: TypedData, dims: readonly number[]) => unknown;
}

const ORT_TYPES: Record<string, DType> = { float32: 'float32', float64: 'float64', uint8: 'uint8' };

/**
 * Wraps an onnxruntime tensor (an `ort.Tensor`, e.g. a model's output, or any
 * `{ type?, data, dims }`) as a tensor of the same memory: dense, so `shape`
 * is `dims` and no strides are needed.
 *
 * @param tensor An `ort.Tensor` on the CPU of type `'float32'`, `'float64'` or `'uint8'`, or a
 *   `{ data, dims }` object with such a typed array.
 * @returns `{ data, shape }` sharing `tensor.data`.
 * @throws {TypeError} not a tensor, a tensor not on the CPU, or another element type (int64, float16, ...).
 * @throws {RangeError} `data` does not hold `prod(dims)` elements.
 * @example
 * ```js
 * const [name] = session.outputNames;
 * const out = fromOrt((await session.run(feeds))[name]);   // { data: Float32Array, shape: [...dims] }
 * ```
 */
export function fromOrt(tensor: OrtTensorLike | { data: unknown; dims: readonly number[]; type?: string; location?: string }): Tensor {
  const fn = 'fromOrt';
  const t = plainOrInstance(fn, tensor);
  if (t.location !== undefined && t.location !== 'cpu' && t.location !== 'cpu-pinned')
    throw typeError(fn, 'tensor.location', "'cpu' (download a GPU tensor with getData() first)", t.location);
  if (t.type !== undefined && !(typeof t.type === 'string' && t.type in ORT_TYPES))
    throw typeError(fn, 'tensor.type', "'float32', 'float64' or 'uint8'", t.type);
  const dims = t.dims;
  if (!Array.isArray(dims)) throw typeError(fn, 'tensor.dims', 'an array of non-negative integers', dims);
  const c = checkTensor(fn, 'tensor', { data: t.data, shape: dims });
  if (t.type !== undefined && ORT_TYPES[t.type as string] !== c.dtype)
    throw typeError(fn, 'tensor.data', `a ${t.type} array for type '${t.type}'`, t.data);
  return { data: c.data, shape: c.shape };
}

function plainOrInstance(fn: string, v: unknown): Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v) || ArrayBuffer.isView(v))
    throw typeError(fn, 'tensor', 'an onnxruntime Tensor or { data, dims }', v);
  return v as Record<string, unknown>;
}

/**
 * Makes an onnxruntime input from a tensor. onnxruntime reads dense memory:
 * a contiguous tensor is passed as is (no copy), any other layout (a
 * channels-last image, a strided view) is copied into contiguous order.
 *
 * @param img A float32, float64 or uint8 tensor (a `Uint8ClampedArray` is passed as a `Uint8Array` over the same bytes).
 * @returns Without `ort`: the documented `{ type, data, dims }` object, to pass as
 *   `new ort.Tensor(r.type, r.data, r.dims)`.
 * @throws {TypeError} `img` is not a tensor.
 * @throws {RangeError} `img`'s shape does not fit its data.
 * @example
 * ```js
 * const ort = require('onnxruntime-node');
 * const input = toOrt(batch, ort);                 // ort.Tensor 'float32' [N, 3, 224, 224]
 * const out = await session.run({ [session.inputNames[0]]: input });
 * ```
 */
export function toOrt(img: Tensor): OrtTensorLike;
/**
 * {@link toOrt} with the onnxruntime-node module: returns an `ort.Tensor`.
 *
 * @param img as above
 * @param ort The `onnxruntime-node` module (anything with its `Tensor` class).
 * @returns `new ort.Tensor(type, data, dims)`.
 * @throws {TypeError} `img` is not a tensor, or `ort` has no `Tensor` constructor.
 * @example
 * ```js
 * const feeds = { [session.inputNames[0]]: toOrt(batch, ort) };
 * ```
 */
export function toOrt<T>(img: Tensor, ort: { Tensor: new (type: never, data: never, dims: never) => T }): T;
export function toOrt(img: Tensor, ort?: { Tensor: new (type: never, data: never, dims: never) => unknown }): unknown {
  const fn = 'toOrt';
  const t = checkTensor(fn, 'img', img);
  if (ort !== undefined && (typeof ort !== 'object' || ort === null || typeof ort.Tensor !== 'function'))
    throw typeError(fn, 'ort', "the onnxruntime-node module (require('onnxruntime-node'))", ort);
  let data = t.contiguous ? t.data : gather(t.data, 0, t.shape, t.strides);
  if (data instanceof Uint8ClampedArray) data = new Uint8Array(data.buffer, data.byteOffset, data.length);
  const r: OrtTensorLike = { type: t.dtype, data, dims: t.shape.slice() };
  return ort ? new (ort.Tensor as unknown as OrtModule['Tensor'])(r.type, r.data, r.dims) : r;
}

// ---- ndarray (scijs) --------------------------------------------------------

/** An ndarray-style view (the scijs `ndarray` convention): element `i` is `data[offset + Σ i[k] * stride[k]]`. */
export interface NdarrayLike {
  data: ArrayBufferView;
  shape: readonly number[];
  stride: readonly number[];
  offset?: number;
  /** Other keys of an `ndarray` object (dtype, size, ...) are ignored. */
  [key: string]: unknown;
}

function intArray(fn: string, what: string, v: unknown, allowNegative: boolean): number[] {
  if (!Array.isArray(v)) throw typeError(fn, what, 'an array of integers', v);
  if (v.length > 8) throw rangeError(fn, `expected ${what} to have at most 8 entries but received ${v.length}`);
  for (const e of v) {
    if (typeof e !== 'number') throw typeError(fn, `${what} entries`, 'numbers', e);
    if (!Number.isSafeInteger(e) || (!allowNegative && e < 0))
      throw rangeError(fn, `expected ${what} to hold ${allowNegative ? '' : 'non-negative '}integers but received ${shapeStr(v)}`);
  }
  return v.slice();
}

/**
 * Reads an ndarray-style `{ data, shape, stride, offset }` with its strides and
 * offset honoured. Non-negative strides give a view of the same memory (`data`
 * becomes `data.subarray(offset, ...)`, strides kept); a negative stride (a
 * flipped axis, `a.step(-1)`) cannot be expressed as a view here, so the
 * elements are copied into a new contiguous array in the ndarray's order.
 *
 * @param arr An ndarray (or any object with its fields) over a `Float32Array`, `Float64Array`,
 *   `Uint8Array` or `Uint8ClampedArray`.
 * @returns A tensor `{ data, shape, strides? }` with the same elements.
 * @throws {TypeError} missing fields, `data` of another type (plain arrays, Int32Array, ...).
 * @throws {RangeError} `stride` not one per dimension, `offset` negative, or a view that reaches outside `data`.
 * @example
 * ```js
 * const ndarray = require('ndarray');
 * const a = ndarray(new Float32Array(4 * 6), [4, 6]).hi(3, 5).lo(1, 1);  // offset 7, stride [6, 1]
 * const t = fromNdarray(a);        // { data: subarray from 7, shape: [2, 4], strides: [6, 1] }
 * ```
 */
export function fromNdarray(arr: NdarrayLike): Tensor {
  const fn = 'fromNdarray';
  const a = plainOrInstance(fn, arr);
  if (!('stride' in a)) throw typeError(fn, 'arr.stride', 'an array of integers (an ndarray-style view; a tensor { data, shape, strides } needs no conversion)', a.stride);
  const shape = intArray(fn, 'arr.shape', a.shape, false);
  const stride = intArray(fn, 'arr.stride', a.stride, true);
  if (stride.length !== shape.length)
    throw rangeError(fn, `expected arr.stride ${shapeStr(stride)} to have one entry per dimension of shape ${shapeStr(shape)}`);
  const offset = a.offset ?? 0;
  if (typeof offset !== 'number') throw typeError(fn, 'arr.offset', 'a non-negative integer', offset);
  if (!Number.isSafeInteger(offset) || offset < 0) throw rangeError(fn, `expected arr.offset to be a non-negative integer but received ${offset}`);
  const data = a.data;
  if (!ArrayBuffer.isView(data) || !(data instanceof Float32Array || data instanceof Float64Array || data instanceof Uint8Array || data instanceof Uint8ClampedArray))
    throw typeError(fn, 'arr.data', 'a Float32Array, Float64Array, Uint8Array or Uint8ClampedArray', data);
  const src = data as TypedData;
  const numel = shape.reduce((p, s) => p * s, 1);
  if (numel === 0) return { data: src.subarray(0, 0), shape };
  let lo = offset;
  let hi = offset;
  for (let k = 0; k < shape.length; ++k) {
    const reach = (shape[k] - 1) * stride[k];
    if (reach < 0) lo += reach; else hi += reach;
  }
  if (!Number.isSafeInteger(lo) || !Number.isSafeInteger(hi) || lo < 0 || hi >= src.length)
    throw rangeError(fn, `arr with shape ${shapeStr(shape)}, stride ${shapeStr(stride)} and offset ${offset} reaches elements ${lo}..${hi} but arr.data holds ${src.length}`);
  if (stride.every((s) => s >= 0)) {
    const dense = contiguousStrides(shape);
    if (shape.every((s, k) => s === 1 || stride[k] === dense[k])) return { data: src.subarray(offset, offset + numel), shape };
    return { data: src.subarray(offset, hi + 1), shape, strides: stride };
  }
  // A flipped axis: copy in the ndarray's order.
  return { data: gather(src, offset, shape, stride), shape };
}

