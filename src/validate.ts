// One vocabulary for checking arguments, shared by every public function.
// Messages have one shape: "<fn>: expected <what> to be <expected> but
// received <actual>", TypeError for a wrong kind of value, RangeError for a
// wrong size or value. Everything is checked before any native work starts
// or any memory sized by the caller's numbers is allocated.
import type { NativeTensor } from './addon';

/** The array types a tensor may hold. */
export type TypedData = Float32Array | Float64Array | Uint8Array | Uint8ClampedArray;
/** Element types by name: float32, float64, uint8 (a `Uint8Array` or `Uint8ClampedArray`). */
export type DType = 'float32' | 'float64' | 'uint8';

/** A strided view of typed-array data. `strides` are in elements; absent means contiguous. */
export interface Tensor<D extends TypedData = TypedData> {
  data: D;
  shape: readonly number[];
  strides?: readonly number[];
}

/** A checked tensor: dtype known, strides filled in. */
export interface Checked extends NativeTensor {
  data: TypedData;
  dtype: DType;
  numel: number;
  contiguous: boolean;
}

/**
 * Largest element count of any tensor, broadcast (zero-stride) views included:
 * V8's typed-array limit. Scratch memory is sized by element counts, so a
 * claimed shape can never ask for more than a real tensor of that size.
 */
export const MAX_ELEMENTS = 2 ** 32 - 1;

/** A tensor that claims more elements than its data holds (zero strides) may claim at most this many. */
export const MAX_BROADCAST_ELEMENTS = 2 ** 26;

export function describe(v: unknown): string {
  if (v === null) return 'null';
  if (v === undefined) return 'undefined';
  if (typeof v === 'string') return `the string ${JSON.stringify(v.length > 40 ? v.slice(0, 40) + '…' : v)}`;
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return `${typeof v} ${String(v)}`;
  if (typeof v === 'function') return 'a function';
  if (Array.isArray(v)) return `an array of length ${v.length}`;
  if (ArrayBuffer.isView(v)) return `a ${v.constructor.name} of length ${(v as { length?: number }).length ?? v.byteLength}`;
  const name = (v as object).constructor?.name;
  return name && name !== 'Object' ? `a ${name}` : 'an object';
}

export const shapeStr = (s: readonly number[]) => `[${s.join(', ')}]`;

export function typeError(fn: string, what: string, expected: string, received: unknown): TypeError {
  return new TypeError(`${fn}: expected ${what} to be ${expected} but received ${describe(received)}`);
}

export function rangeError(fn: string, message: string): RangeError {
  return new RangeError(`${fn}: ${message}`);
}

export function dtypeOf(data: unknown): DType | undefined {
  // A Proxy of a typed array passes instanceof but not this brand check.
  if (!ArrayBuffer.isView(data)) return undefined;
  if (data instanceof Float32Array) return 'float32';
  if (data instanceof Float64Array) return 'float64';
  if (data instanceof Uint8Array || data instanceof Uint8ClampedArray) return 'uint8';
  return undefined;
}

function isSafeIndex(v: unknown): v is number {
  return typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
}

function intList(fn: string, what: string, v: unknown, maxLen: number): number[] {
  if (!Array.isArray(v)) throw typeError(fn, what, 'an array of non-negative integers', v);
  if (v.length > maxLen) throw rangeError(fn, `expected ${what} to have at most ${maxLen} entries but received ${v.length}`);
  for (const e of v) {
    if (typeof e !== 'number') throw typeError(fn, `${what} entries`, 'numbers', e);
    if (!isSafeIndex(e)) throw rangeError(fn, `expected ${what} to hold non-negative integers but received ${shapeStr(v)}`);
  }
  return v.slice();
}

const TENSOR_KEYS = ['data', 'shape', 'strides'];

/**
 * Keys of other libraries' tensor objects, and the helper that turns each
 * into a view of ours (src/interop.ts). Read as one of ours, such an object
 * would be silently misread: an ndarray's `stride` / `offset` ignored, an
 * onnxruntime tensor's `dims` missing, a sharp `info` (height, width,
 * channels: an HWC image) taken for an NCHW shape.
 */
const FOREIGN_KEYS: Record<string, string> = {
  stride: 'a scijs ndarray ({ data, shape, stride, offset }): use fromNdarray(array)',
  offset: 'a scijs ndarray ({ data, shape, stride, offset }): use fromNdarray(array)',
  dims: 'an onnxruntime Tensor ({ data, dims, type }): use fromOrt(tensor)',
  info: "sharp's { data, info } (an HWC image): use fromSharp({ data, info })",
};

/**
 * A tensor object has only `data`, `shape` and `strides` (own enumerable
 * keys): any other key means the object is something else and would be
 * misread, so it is a TypeError naming the key (and the helper that converts
 * the object, for the tensor types we know).
 */
function checkTensorKeys(fn: string, name: string, v: object): void {
  for (const key of Object.keys(v)) {
    if (TENSOR_KEYS.includes(key)) continue;
    const hint = Object.prototype.hasOwnProperty.call(FOREIGN_KEYS, key) ? FOREIGN_KEYS[key] : 'not a key of a tensor';
    throw new TypeError(`${fn}: expected ${name} to be a tensor object { data, shape, strides? } but it has the key "${key}" (${hint})`);
  }
}

/**
 * Checks a tensor argument: a Float32Array/Float64Array/Uint8Array/
 * Uint8ClampedArray `data`, a shape of non-negative integers and, if given,
 * strides that keep every element inside `data`. Contiguous tensors must
 * have exactly `prod(shape)` elements.
 */
export function checkTensor(fn: string, name: string, v: unknown, maxRank = 8): Checked {
  if (typeof v !== 'object' || v === null || ArrayBuffer.isView(v) || Array.isArray(v))
    throw typeError(fn, name, 'a tensor object { data, shape, strides? }', v);
  checkTensorKeys(fn, name, v);
  const t = v as { data?: unknown; shape?: unknown; strides?: unknown };
  const dtype = dtypeOf(t.data);
  if (!dtype) throw typeError(fn, `${name}.data`, 'a Float32Array, Float64Array, Uint8Array or Uint8ClampedArray', t.data);
  const data = t.data as TypedData;
  const shape = intList(fn, `${name}.shape`, t.shape, maxRank);
  let numel = 1;
  for (const s of shape) numel *= s;  // exact while below 2^53; checked just below
  if (!(numel <= MAX_ELEMENTS)) throw rangeError(fn, `${name}.shape ${shapeStr(shape)} has more than 2^32 - 1 elements`);
  const dense = contiguousStrides(shape);
  let strides = dense;
  let contiguous = true;
  if (t.strides !== undefined) {
    strides = intList(fn, `${name}.strides`, t.strides, maxRank);
    if (strides.length !== shape.length)
      throw rangeError(fn, `expected ${name}.strides ${shapeStr(strides)} to have one entry per dimension of shape ${shapeStr(shape)}`);
    contiguous = sameStrides(shape, strides, dense);
  }
  if (numel > data.length && numel > MAX_BROADCAST_ELEMENTS)
    throw rangeError(fn, `${name} with shape ${shapeStr(shape)} claims more than 2^26 elements from ${data.length} (a broadcast view may claim at most 2^26)`);
  if (contiguous) {
    if (data.length !== numel)
      throw rangeError(fn, `expected ${name}.data to hold ${numel} elements for shape ${shapeStr(shape)} but it holds ${data.length}`);
  } else if (numel > 0) {
    let last = 0;
    for (let i = 0; i < shape.length; ++i) last += (shape[i] - 1) * strides[i];
    if (!Number.isSafeInteger(last) || last >= data.length)
      throw rangeError(fn, `${name} with shape ${shapeStr(shape)} and strides ${shapeStr(strides)} reaches element ${last} but ${name}.data holds ${data.length}`);
  }
  return { data, shape, strides, dtype, numel, contiguous };
}

/** Rejects anything but a plain object (or undefined) and keys outside `allowed`. */
export function checkOptions<T extends object>(fn: string, v: unknown, allowed: readonly string[]): Partial<T> {
  if (v === undefined) return {};
  if (typeof v !== 'object' || v === null || Array.isArray(v) || ArrayBuffer.isView(v))
    throw typeError(fn, 'options', 'an object', v);
  for (const key of Object.keys(v)) {
    if (!allowed.includes(key))
      throw typeError(fn, `option "${key}"`, `one of ${allowed.map((k) => `"${k}"`).join(', ')}`, key);
  }
  return v as Partial<T>;
}

export function oneOf<K extends string>(fn: string, name: string, v: unknown, allowed: readonly K[], fallback: K): K {
  if (v === undefined) return fallback;
  if (typeof v !== 'string' || !(allowed as readonly string[]).includes(v))
    throw typeError(fn, name, allowed.map((k) => `'${k}'`).join(' | '), v);
  return v as K;
}

/** A positive safe integer (a size, a count); TypeError for a non-number, RangeError otherwise. */
export function positiveInt(fn: string, what: string, v: unknown): number {
  if (typeof v !== 'number') throw typeError(fn, what, 'a positive integer', v);
  if (!Number.isSafeInteger(v) || v < 1) throw rangeError(fn, `expected ${what} to be a positive integer but received ${v}`);
  return v;
}

export function bool(fn: string, name: string, v: unknown, fallback: boolean): boolean {
  if (v === undefined) return fallback;
  if (typeof v !== 'boolean') throw typeError(fn, name, 'a boolean', v);
  return v;
}

/** The typed-array class of each dtype (uint8 also accepts Uint8ClampedArray). */
export const CTORS = { float32: Float32Array, float64: Float64Array, uint8: Uint8Array } as const;

/** How a result is laid out: PyTorch's contiguous (NCHW) or channels-last (NHWC / NDHWC) memory format. */
export type MemoryFormat = 'contiguous' | 'channelsLast';

export function contiguousStrides(shape: readonly number[]): number[] {
  const strides = new Array<number>(shape.length);
  for (let i = shape.length - 1, acc = 1; i >= 0; --i) {
    strides[i] = acc;
    acc *= shape[i];
  }
  return strides;
}

/** Strides of a channels-last (N, C, ...spatial) tensor: C varies fastest, then the last spatial dim. */
export function channelsLastStrides(shape: readonly number[]): number[] {
  if (shape.length < 3) return contiguousStrides(shape);
  const strides = new Array<number>(shape.length);
  let acc = shape[1];
  strides[1] = 1;
  for (let i = shape.length - 1; i >= 2; --i) {
    strides[i] = acc;
    acc *= shape[i];
  }
  strides[0] = acc;
  return strides;
}

const sameStrides = (shape: readonly number[], a: readonly number[], b: readonly number[]) =>
  shape.every((s, i) => s === 1 || a[i] === b[i]);

/**
 * The memory format PyTorch would keep for a 4D/5D tensor: 'channelsLast'
 * when its strides are those of an NHWC / NDHWC buffer and not also those of
 * a contiguous one (ambiguous layouts, e.g. C = 1, count as contiguous).
 */
export function memoryFormatOf(t: Checked): MemoryFormat {
  if (t.shape.length !== 4 && t.shape.length !== 5) return 'contiguous';
  if (t.contiguous) return 'contiguous';
  return sameStrides(t.shape, t.strides, channelsLastStrides(t.shape)) ? 'channelsLast' : 'contiguous';
}

/**
 * The result tensor: a fresh array of `like`'s dtype (a Uint8ClampedArray if
 * `like.data` is one) laid out in `format`, or the caller's `out` after checking its dtype, shape,
 * layout (it must be dense in `format`) and that it shares no memory with
 * `inputs`.
 */
export function outputFor(fn: string, out: unknown, like: { dtype: DType; data?: TypedData }, shape: number[], inputs: Checked[], format: MemoryFormat = 'contiguous', async = false): Checked {
  let numel = 1;
  for (const s of shape) numel *= s;
  const strides = format === 'channelsLast' ? channelsLastStrides(shape) : contiguousStrides(shape);
  if (out === undefined) {
    if (!Number.isSafeInteger(numel) || numel > MAX_ELEMENTS)
      throw rangeError(fn, `the output shape ${shapeStr(shape)} is too large`);
    const Ctor = like.data instanceof Uint8ClampedArray ? Uint8ClampedArray : CTORS[like.dtype];
    // Async: the binding allocates the result and the kernel writes it in
    // place off the JS thread (no scratch copy back); `data` names the type
    // until the binding stores the real array here.
    if (async) return { data: new Ctor(0), shape, strides, dtype: like.dtype, numel, contiguous: sameStrides(shape, strides, contiguousStrides(shape)), alloc: true };
    const data = new Ctor(numel);
    return checkTensor(fn, 'out', { data, shape, strides });
  }
  const o = checkTensor(fn, 'options.out', out);
  if (o.dtype !== like.dtype) throw typeError(fn, 'options.out.data', `a ${like.dtype} array like the input`, o.data);
  if (o.shape.length !== shape.length || o.shape.some((s, i) => s !== shape[i]))
    throw rangeError(fn, `expected options.out to have shape ${shapeStr(shape)} but it has ${shapeStr(o.shape)}`);
  if (o.data.length !== numel || !sameStrides(shape, o.strides, strides))
    throw rangeError(fn, `expected options.out to be ${format === 'channelsLast' ? 'a dense channels-last tensor (strides ' + shapeStr(strides) + ')' : 'contiguous'}`);
  for (const t of inputs) {
    if (overlaps(o.data, t.data)) throw rangeError(fn, 'options.out shares memory with an input');
  }
  return o;
}

function overlaps(a: ArrayBufferView, b: ArrayBufferView): boolean {
  if (a.buffer !== b.buffer) return false;
  return a.byteOffset < b.byteOffset + b.byteLength && b.byteOffset < a.byteOffset + a.byteLength;
}

/** The user-facing result; strides are given only when the layout is not contiguous. */
export function result<D extends TypedData>(t: Checked, data: TypedData = t.data): Tensor<D> {
  return t.contiguous ? { data: data as D, shape: t.shape } : { data: data as D, shape: t.shape, strides: t.strides };
}
