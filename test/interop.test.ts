// Interop helpers against the real libraries (devDependencies). A library
// that cannot load on this machine skips its block instead of failing.
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { fromNdarray, fromOrt, fromSharp, gridSample, interpolate, toOrt, toSharpRaw } from '../dist/index.js';
import type { Tensor } from '../dist/index.js';

const req = createRequire(__filename);
function tryRequire<T>(name: string): T | undefined {
  try {
    return req(name) as T;
  } catch {
    return undefined;
  }
}
/* eslint-disable @typescript-eslint/no-explicit-any */
const sharp = tryRequire<any>('sharp');
const ort = tryRequire<any>('onnxruntime-node');
const ndarray = tryRequire<any>('ndarray');

/** The element at a multi-index of a strided tensor. */
function at(t: Tensor, idx: number[]): number {
  const strides = t.strides ?? t.shape.map((_, i) => t.shape.slice(i + 1).reduce((p, s) => p * s, 1));
  return t.data[idx.reduce((o, v, k) => o + v * strides[k], 0)];
}

const rgb = (w: number, h: number) => new Uint8Array(w * h * 3).map((_, i) => (i * 37 + 11) & 255);

describe.skipIf(!sharp)('fromSharp / toSharpRaw with sharp', () => {
  it('views sharp raw output as [C, H, W] channels-last without copying', async () => {
    const src = rgb(5, 4);
    const raw = await sharp(src, { raw: { width: 5, height: 4, channels: 3 } }).raw().toBuffer({ resolveWithObject: true });
    const img = fromSharp(raw);
    expect(img.shape).toEqual([3, 4, 5]);
    expect(img.strides).toEqual([1, 15, 3]);
    expect(img.data.buffer).toBe(raw.data.buffer);
    expect(img.data.constructor).toBe(Uint8Array);
    for (const [c, y, x] of [[0, 0, 0], [2, 3, 4], [1, 2, 3]]) expect(at(img, [c, y, x])).toBe(src[(y * 5 + x) * 3 + c]);
    const batched = fromSharp(raw, { batch: true });
    expect(batched.shape).toEqual([1, 3, 4, 5]);
    expect(batched.strides).toEqual([60, 1, 15, 3]);
  });
  it('reads float raw output (depth float) as Float32Array', async () => {
    const raw = await sharp(rgb(3, 2), { raw: { width: 3, height: 2, channels: 3 } })
      .raw({ depth: 'float' }).toBuffer({ resolveWithObject: true });
    if (raw.info.depth !== 'float') return; // an older sharp ignores depth
    const img = fromSharp(raw);
    expect(img.data).toBeInstanceOf(Float32Array);
    expect(img.shape).toEqual([3, 2, 3]);
  });
  it('round-trips through a resize back into sharp (channels-last result: no copy)', async () => {
    const raw = await sharp(rgb(8, 6), { raw: { width: 8, height: 6, channels: 3 } }).raw().toBuffer({ resolveWithObject: true });
    const out = interpolate(fromSharp(raw, { batch: true }), { size: [3, 4], mode: 'bilinear', antialias: true });
    const back = toSharpRaw(out);
    expect(back.info).toEqual({ width: 4, height: 3, channels: 3 });
    expect(back.data.buffer).toBe(out.data.buffer);
    const again = await sharp(back.data, { raw: back.info }).raw().toBuffer({ resolveWithObject: true });
    expect(Buffer.from(again.data).equals(Buffer.from(back.data))).toBe(true);
  });
  it('copies a planar tensor into interleaved order', () => {
    const planar = { data: new Uint8Array([1, 2, 3, 4, 10, 20, 30, 40]), shape: [2, 2, 2] };
    const r = toSharpRaw(planar);
    expect(r.info).toEqual({ width: 2, height: 2, channels: 2 });
    expect([...r.data]).toEqual([1, 10, 2, 20, 3, 30, 4, 40]);
  });
});

describe('fromSharp / toSharpRaw errors', () => {
  const info = { width: 2, height: 2, channels: 3 };
  it('refuses what is not sharp raw output', () => {
    expect(() => fromSharp(null as never)).toThrow(/^fromSharp: expected raw to be/);
    expect(() => fromSharp({ data: [1, 2] as never, info })).toThrow(TypeError);
    expect(() => fromSharp({ data: new Uint8Array(12), info: { ...info, depth: 'ushort' } })).toThrow(/raw\.info\.depth/);
    expect(() => fromSharp({ data: new Uint8Array(11), info })).toThrow(/expected raw.data to hold 12 samples/);
    expect(() => fromSharp({ data: new Uint8Array(12), info: { ...info, width: 0 } })).toThrow(RangeError);
    expect(() => fromSharp({ data: new Uint8Array(12), info: { ...info, channels: 5 } })).toThrow(/1-4/);
    expect(() => fromSharp({ data: new Uint8Array(12), info: { ...info, width: '2' as never } })).toThrow(TypeError);
    expect(() => fromSharp({ data: new Uint8Array(12), info }, { batched: true } as never)).toThrow(/option "batched"/);
    expect(() => fromSharp({ data: new Uint8Array(12), info }, { batch: 1 } as never)).toThrow(TypeError);
    expect(() => fromSharp({ data: new Uint8Array(13).subarray(1), info: { ...info, depth: 'float', width: 1, height: 1 } })).toThrow(/not aligned/);
  });
  it('refuses images sharp cannot take', () => {
    expect(() => toSharpRaw({ data: new Uint8Array(5 * 4), shape: [5, 2, 2] })).toThrow(/1-4 channels/);
    expect(() => toSharpRaw({ data: new Uint8Array(8), shape: [2, 2, 2, 1] })).toThrow(/\[C, H, W\] or \[1, C, H, W\]/);
    expect(() => toSharpRaw({ data: new Uint8Array(0), shape: [3, 0, 2] })).toThrow(/non-empty/);
    expect(() => toSharpRaw({ data: new Int16Array(4), shape: [1, 2, 2] } as never)).toThrow(/^toSharpRaw: expected img.data/);
  });
});

describe.skipIf(!ort)('fromOrt / toOrt with onnxruntime-node', () => {
  it('wraps an ort.Tensor without copying', () => {
    const t = new ort.Tensor('float32', new Float32Array(24).map((_, i) => i), [1, 2, 3, 4]);
    const v = fromOrt(t);
    expect(v.shape).toEqual([1, 2, 3, 4]);
    expect(v.strides).toBeUndefined();
    expect(v.data).toBe(t.data);
  });
  it('passes a contiguous tensor to ort.Tensor as is and copies a channels-last one', () => {
    const dense = { data: new Float32Array(24).map((_, i) => i), shape: [1, 2, 3, 4] };
    const t = toOrt(dense, ort) as any;
    expect(t).toBeInstanceOf(ort.Tensor);
    expect(t.type).toBe('float32');
    expect(t.dims).toEqual([1, 2, 3, 4]);
    expect(t.data).toBe(dense.data);
    const cl = { data: new Uint8Array(24).map((_, i) => i), shape: [1, 2, 3, 4], strides: [24, 1, 8, 2] };
    const u = toOrt(cl, ort) as any;
    expect(u.type).toBe('uint8');
    expect(u.data).not.toBe(cl.data);
    for (const idx of [[0, 1, 2, 3], [0, 0, 1, 2], [0, 1, 0, 0]])
      expect(u.data[((idx[1] * 3) + idx[2]) * 4 + idx[3]]).toBe(at(cl, idx));
  });
  it('runs a resize result through a real model and reads the output back', async () => {
    // An ONNX model made by hand: y = Identity(x), x float32 [1, 3, 2, 2]. (Bytes of the ModelProto.)
    const model = identityModel();
    const session = await ort.InferenceSession.create(model);
    const img = { data: new Float32Array(3 * 4 * 4).map((_, i) => i / 7), shape: [1, 3, 4, 4] };
    const small = interpolate(img, { size: [2, 2], mode: 'bilinear' });
    const out = await session.run({ x: toOrt(small, ort) });
    const y = fromOrt(out.y);
    expect(y.shape).toEqual([1, 3, 2, 2]);
    expect([...y.data]).toEqual([...small.data]);
  });
  it('takes and gives the documented { type, data, dims } shape without ort', () => {
    const r = toOrt({ data: new Uint8ClampedArray([1, 2, 3, 4]), shape: [2, 2] });
    expect(r.type).toBe('uint8');
    expect(r.data.constructor).toBe(Uint8Array);
    expect(r.dims).toEqual([2, 2]);
    expect(fromOrt({ data: new Float64Array(6), dims: [2, 3] }).shape).toEqual([2, 3]);
  });
});

describe('fromOrt / toOrt errors', () => {
  it('names the problem', () => {
    expect(() => fromOrt({ type: 'int64', data: new BigInt64Array(2), dims: [2] } as never)).toThrow(/tensor.type/);
    expect(() => fromOrt({ type: 'float32', data: new Float64Array(2), dims: [2] })).toThrow(/a float32 array for type 'float32'/);
    expect(() => fromOrt({ data: new Float32Array(2), dims: [3] })).toThrow(/^fromOrt: expected tensor.data to hold 3/);
    expect(() => fromOrt({ data: new Float32Array(2), dims: 2 } as never)).toThrow(/tensor.dims/);
    expect(() => fromOrt({ data: new Float32Array(2), dims: [2], location: 'gpu-buffer' })).toThrow(/tensor.location/);
    expect(() => fromOrt(new Float32Array(2) as never)).toThrow(TypeError);
    expect(() => toOrt({ data: new Float32Array(2), shape: [2] }, {} as never)).toThrow(/^toOrt: expected ort/);
    expect(() => toOrt({ data: new Float32Array(2), shape: [3] })).toThrow(RangeError);
  });
});

describe('fromNdarray', () => {
  const seq = (n: number) => new Float32Array(n).map((_, i) => i);
  it('honours offset and stride with a view of the same memory', () => {
    const data = seq(24);
    const t = fromNdarray({ data, shape: [2, 4], stride: [6, 1], offset: 7 });
    expect(t.data.buffer).toBe(data.buffer);
    expect(t.strides).toEqual([6, 1]);
    expect(at(t, [0, 0])).toBe(7);
    expect(at(t, [1, 3])).toBe(16);
  });
  it('reads a transposed view in place and gets the op right', () => {
    const data = seq(6); // 2x3, viewed transposed as 3x2
    const t = fromNdarray({ data, shape: [1, 1, 3, 2], stride: [6, 6, 1, 3], offset: 0 });
    const r = gridSample(t, { data: new Float32Array([-1, -1, 1, 1]), shape: [1, 1, 2, 2] }, { alignCorners: true });
    expect([...r.data]).toEqual([0, 5]);
  });
  it('gives a contiguous slice for contiguous strides', () => {
    const t = fromNdarray({ data: seq(10), shape: [2, 3], stride: [3, 1], offset: 2 });
    expect(t.strides).toBeUndefined();
    expect([...t.data]).toEqual([2, 3, 4, 5, 6, 7]);
  });
  it('copies a view with a negative stride, in its order', () => {
    const t = fromNdarray({ data: seq(6), shape: [2, 3], stride: [3, -1], offset: 2 });
    expect([...t.data]).toEqual([2, 1, 0, 5, 4, 3]);
    expect(t.strides).toBeUndefined();
  });
  it('refuses views outside data and other data types', () => {
    expect(() => fromNdarray({ data: seq(6), shape: [2, 3], stride: [3, 1], offset: 1 })).toThrow(/^fromNdarray: arr with shape \[2, 3\].*reaches elements 1\.\.6/);
    expect(() => fromNdarray({ data: seq(6), shape: [2, 3], stride: [3, -1], offset: 0 })).toThrow(RangeError);
    expect(() => fromNdarray({ data: seq(6), shape: [2, 3], stride: [3], offset: 0 })).toThrow(/one entry per dimension/);
    expect(() => fromNdarray({ data: seq(6), shape: [2, 3], stride: [3, 1], offset: -1 })).toThrow(/arr.offset/);
    expect(() => fromNdarray({ data: new Int32Array(6), shape: [6], stride: [1] })).toThrow(TypeError);
    expect(() => fromNdarray({ data: [1, 2] as never, shape: [2], stride: [1] })).toThrow(TypeError);
    expect(() => fromNdarray({ data: seq(6), shape: [6], strides: [1] } as never)).toThrow(/arr.stride/);
    expect(() => fromNdarray({ data: seq(6), shape: [6], stride: [1.5] })).toThrow(RangeError);
  });
  it.skipIf(!ndarray)('takes real ndarray objects (slices, transposes, flips)', () => {
    const a = ndarray(seq(4 * 6), [4, 6]);
    for (const v of [a.hi(3, 5).lo(1, 1), a.transpose(1, 0), a.step(-1, 2), a.pick(null, 2), a.step(2, -3)]) {
      const t = fromNdarray(v);
      expect(t.shape).toEqual(v.shape);
      const idx = v.shape.map(() => 0);
      for (let i = 0; i < v.size; ++i) {
        expect(at(t, idx)).toBe(v.get(...idx));
        for (let k = idx.length - 1; k >= 0 && ++idx[k] === v.shape[k]; --k) idx[k] = 0;
      }
    }
  });
});

/** A minimal ONNX model, y = Identity(x) with x, y float32 [1, 3, 2, 2], encoded as protobuf by hand. */
function identityModel(): Uint8Array {
  const varint = (n: number) => { const b = []; while (n > 127) { b.push((n & 127) | 128); n >>>= 7; } b.push(n); return b; };
  const field = (no: number, bytes: number[]) => [...varint((no << 3) | 2), ...varint(bytes.length), ...bytes];
  const int = (no: number, v: number) => [...varint(no << 3), ...varint(v)];
  const str = (no: number, s: string) => field(no, [...Buffer.from(s)]);
  const dim = (v: number) => field(1, int(1, v)); // TensorShapeProto.Dimension.dim_value
  const valueInfo = (name: string) =>
    [...str(1, name), ...field(2, field(1, [...int(1, 1), ...field(2, [1, 3, 2, 2].flatMap(dim))]))];
  const node = [...str(1, 'x'), ...str(2, 'y'), ...str(4, 'Identity')];
  const graph = [...field(1, node), ...str(2, 'g'), ...field(11, valueInfo('x')), ...field(12, valueInfo('y'))];
  return new Uint8Array([...int(1, 7), ...field(7, graph), ...field(8, int(2, 13))]);
}
