// Interleaved (HWC) pixel buffers, the layout image libraries hand out (sharp's
// raw output, canvas ImageData, decoded PNG/JPEG), as [C, H, W] views of the
// same memory, and back.
import { CTORS, type Tensor, type TypedData, checkTensor, dtypeOf, positiveInt, rangeError, typeError } from '../validate';

/**
 * A `[C, H, W]` view of an interleaved `H x W x C` pixel buffer (strides
 * `[1, W * C, C]`), with no copy: every function of this package reads it in
 * place, and `resize` and the transforms return results in the same layout.
 *
 * @param data the pixels, row by row, channels interleaved (e.g. sharp's `raw()` output)
 * @param height rows
 * @param width columns
 * @param channels values per pixel (1 gray, 2 gray + alpha, 3 RGB, 4 RGBA, or any other count)
 * @returns the view `{ data, shape: [C, H, W], strides: [1, W * C, C] }`
 * @throws TypeError if `data` is not a Float32Array, Float64Array, Uint8Array or Uint8ClampedArray
 * @throws RangeError if a size is not a positive integer or `data` does not hold `H * W * C` values
 * @example
 * const img = fromHWC(new Uint8Array(4 * 6 * 3), 4, 6, 3);
 * img.shape;   // [3, 4, 6]
 * img.strides; // [1, 18, 3]
 */
export function fromHWC<D extends TypedData>(data: D, height: number, width: number, channels: number): Tensor<D> & { strides: number[] } {
  const fn = 'fromHWC';
  if (!dtypeOf(data)) throw typeError(fn, 'data', 'a Float32Array, Float64Array, Uint8Array or Uint8ClampedArray', data);
  const h = positiveInt(fn, 'height', height);
  const w = positiveInt(fn, 'width', width);
  const c = positiveInt(fn, 'channels', channels);
  if (h * w * c !== data.length)
    throw rangeError(fn, `expected data to hold height * width * channels = ${h * w * c} values but it holds ${data.length}`);
  return { data, shape: [c, h, w], strides: [1, w * c, c] };
}

/**
 * The pixels of a `[C, H, W]` (or `[N, C, H, W]`) tensor interleaved as
 * `H x W x C` (`N x H x W x C`), ready for `sharp(data, { raw: { width, height, channels } })`.
 * A tensor already laid out that way (as `fromHWC` and channels-last results
 * are) returns its own `data` with no copy; any other layout is copied.
 *
 * @param img a 3D or 4D tensor of any strides
 * @returns a typed array of the tensor's type holding the interleaved pixels
 * @throws TypeError / RangeError for a malformed tensor or a rank other than 3 or 4
 * @example
 * const img = { data: new Uint8Array([1, 2, 3, 4, 5, 6]), shape: [2, 1, 3] }; // planar, 2 channels
 * toHWC(img); // Uint8Array [1, 4, 2, 5, 3, 6]
 */
export function toHWC<D extends TypedData>(img: Tensor<D>): D {
  const fn = 'toHWC';
  const t = checkTensor(fn, 'img', img);
  if (t.shape.length !== 3 && t.shape.length !== 4)
    throw rangeError(fn, `expected a [C, H, W] or [N, C, H, W] tensor but received shape [${t.shape.join(', ')}]`);
  const four = t.shape.length === 4;
  const [N, C, H, W] = four ? t.shape : [1, ...t.shape];
  const [sN, sC, sH, sW] = four ? t.strides : [C * H * W, ...t.strides];
  const n = N * C * H * W;
  const dense = (C === 1 || sC === 1) && (W === 1 || sW === C) && (H === 1 || sH === W * C) && (N === 1 || sN === H * W * C);
  if (dense && t.data.length === n) return t.data as D;
  const Ctor = t.data instanceof Uint8ClampedArray ? Uint8ClampedArray : CTORS[t.dtype];
  const out = new Ctor(n) as D;
  const src = t.data;
  let o = 0;
  for (let b = 0; b < N; ++b)
    for (let y = 0; y < H; ++y)
      for (let x = 0; x < W; ++x) {
        const base = b * sN + y * sH + x * sW;
        for (let c = 0; c < C; ++c) out[o++] = src[base + c * sC];
      }
  return out;
}
