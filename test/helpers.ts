// Shared test utilities: fixture decoding, deterministic random data, and
// comparisons that report where two tensors differ.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { bestSimdTarget, type SimdTarget } from '../dist/index.js';

export type Data = Float32Array | Float64Array | Uint8Array | Uint8ClampedArray;

export interface FixtureTensor {
  shape: number[];
  dtype: 'float32' | 'float64' | 'uint8';
  /** base64 of the little-endian, C-contiguous bytes */
  data?: string;
  /** instead of data, for inputs too large to store: tools/fixture_io.py `hashed` */
  generated?: 'hash8';
}

export function decode(t: FixtureTensor): Data {
  if (t.generated === 'hash8') return hashed(t);
  if (t.data === undefined) throw new Error(`fixture tensor ${JSON.stringify(t).slice(0, 80)} has no data`);
  const buf = Buffer.from(t.data, 'base64');
  const bytes = new Uint8Array(buf.length);
  bytes.set(buf);
  if (t.dtype === 'float32') return new Float32Array(bytes.buffer);
  if (t.dtype === 'float64') return new Float64Array(bytes.buffer);
  return bytes;
}

// Element i is the top byte b of i * 2654435761 mod 2^32; uint8 keeps b,
// floats b / 128 - 1 (exact), as tools/fixture_io.py `hashed` makes them.
function hashed(t: FixtureTensor): Data {
  const n = prod(t.shape);
  const out = t.dtype === 'float32' ? new Float32Array(n) : t.dtype === 'float64' ? new Float64Array(n) : new Uint8Array(n);
  const isFloat = t.dtype !== 'uint8';
  for (let i = 0; i < n; ++i) {
    const b = Math.imul(i, 2654435761) >>> 24;
    out[i] = isFloat ? b / 128 - 1 : b;
  }
  return out;
}

export function loadFixtures<T>(name: string): T {
  return JSON.parse(readFileSync(path.join(__dirname, 'fixtures', name), 'utf8')) as T;
}

/** The SIMD targets this machine can run, best last. */
export function simdTargets(): SimdTarget[] {
  const all: SimdTarget[] = ['baseline', 'avx2', 'avx512'];
  return all.slice(0, all.indexOf(bestSimdTarget()) + 1);
}

/** xorshift32 in [lo, hi). */
export function random(n: number, lo: number, hi: number, seed: number, Ctor: new (n: number) => Data = Float32Array): Data {
  const a = new Ctor(n);
  let s = seed >>> 0 || 1;
  for (let i = 0; i < n; ++i) {
    s ^= s << 13; s >>>= 0; s ^= s >>> 17; s ^= s << 5; s >>>= 0;
    a[i] = lo + ((s >>> 8) / 16777216) * (hi - lo);
  }
  return a;
}

export const prod = (s: readonly number[]) => s.reduce((a, b) => a * b, 1);

/** Row-major (contiguous) strides of `shape`. */
export function contiguousStrides(shape: readonly number[]): number[] {
  const s = new Array<number>(shape.length);
  for (let i = shape.length - 1, acc = 1; i >= 0; --i) { s[i] = acc; acc *= shape[i]; }
  return s;
}

/** Channels-last strides of an (N, C, ...spatial) shape: C varies fastest, then the spatial dims. */
export function channelsLastStrides(shape: readonly number[]): number[] {
  const s = new Array<number>(shape.length);
  let acc = shape[1];
  s[1] = 1;
  for (let i = shape.length - 1; i >= 2; --i) { s[i] = acc; acc *= shape[i]; }
  s[0] = acc;
  return s;
}

/** The typed-array class of `d`. */
export const ctorOf = (d: Data) => d.constructor as new (n: number) => Data;

/** The logical (contiguous-order) values `data` laid out with `strides`, which must be dense for `shape`. */
export function relayout(data: Data, shape: readonly number[], strides: readonly number[]): Data {
  const out = new (ctorOf(data))(data.length);
  const cs = contiguousStrides(shape);
  for (let i = 0; i < data.length; ++i) {
    let off = 0;
    for (let d = 0; d < shape.length; ++d) off += (Math.floor(i / cs[d]) % shape[d]) * strides[d];
    out[off] = data[i];
  }
  return out;
}

/** The values of a strided tensor in logical (contiguous) order; `data` itself without strides. */
export function logical(t: { data: Data; shape: readonly number[]; strides?: readonly number[] }): Data {
  if (!t.strides) return t.data;
  const n = prod(t.shape);
  const out = new (ctorOf(t.data))(n);
  const cs = contiguousStrides(t.shape);
  for (let i = 0; i < n; ++i) {
    let off = 0;
    for (let d = 0; d < t.shape.length; ++d) off += (Math.floor(i / cs[d]) % t.shape[d]) * t.strides[d];
    out[i] = t.data[off];
  }
  return out;
}

/**
 * Largest |a - b| / (1 + |b|) (NaN equal to NaN, Infinity to itself), with
 * the first index where it occurs; -1 when lengths differ.
 */
export function maxDiff(a: ArrayLike<number>, b: ArrayLike<number>): { diff: number; at: number } {
  if (a.length !== b.length) return { diff: Infinity, at: -1 };
  let diff = 0;
  let at = -1;
  for (let i = 0; i < a.length; ++i) {
    const x = a[i], y = b[i];
    if (Number.isNaN(x) && Number.isNaN(y)) continue;
    if (x === y) continue;
    const d = Math.abs(x - y) / (1 + Math.abs(y));
    if (!(d <= diff)) {
      diff = Number.isNaN(d) ? Infinity : d;
      at = i;
    }
  }
  return { diff, at };
}

export function sameBits(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; ++i) {
    if (!Object.is(a[i], b[i]) && !(a[i] === 0 && b[i] === 0)) return false;
  }
  return true;
}

/**
 * Throws, naming the case and the first element off, unless `got` matches a
 * torch fixture: float32 within 1e-5 and float64 within 1e-12 relative
 * (maxDiff), uint8 exactly except where the unrounded float result
 * (`outputFloat`) sits on a rounding boundary (x.5).
 */
export function expectMatchesTorch(
  c: { name: string; dtype: string; output: FixtureTensor; outputFloat?: FixtureTensor },
  got: Data,
): void {
  const want = decode(c.output);
  if (got.length !== want.length) throw new Error(`${c.name}: ${got.length} elements, PyTorch ${want.length}`);
  if (c.dtype === 'uint8') {
    const f = decode(c.outputFloat!);
    for (let i = 0; i < want.length; ++i) {
      if (Math.abs(f[i] - Math.floor(f[i]) - 0.5) < 1e-3) continue;
      if (got[i] !== want[i]) throw new Error(`${c.name}: element ${i} is ${got[i]}, PyTorch ${want[i]} (float ${f[i]})`);
    }
    return;
  }
  const { diff, at } = maxDiff(got, want);
  const tol = c.dtype === 'float32' ? 1e-5 : 1e-12;
  if (diff > tol) throw new Error(`${c.name}: element ${at} is ${got[at]}, PyTorch ${want[at]} (diff ${diff})`);
}
