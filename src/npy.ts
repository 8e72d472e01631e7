// NumPy's .npy format, enough for the CLI's `zoom`: read and write one
// C-ordered array of float32, float64 or uint8. The format (numpy.lib.format):
//   "\x93NUMPY", major and minor version bytes, header length (uint16 little
//   endian in 1.0, uint32 in 2.0 and 3.0), then an ASCII (3.0: UTF-8) Python
//   dict literal { 'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }
//   padded with spaces and a newline so the data starts on a 64-byte boundary,
//   then the raw data in C order.
import { gather } from './interop';
import { CTORS, contiguousStrides, type DType, type Tensor, type TypedData } from './validate';

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY
const DESCR: Record<string, DType> = { '<f4': 'float32', '<f8': 'float64', '|u1': 'uint8', '<u1': 'uint8', '>u1': 'uint8' };
const descrOf = (dtype: DType) => ({ float32: '<f4', float64: '<f8', uint8: '|u1' })[dtype];

/** An error in a .npy file: the message says what was found and what is supported. */
export class NpyError extends Error {
  override name = 'NpyError';
}

/**
 * Parses a .npy file's bytes into a contiguous tensor (a copy, aligned for its type).
 *
 * @param bytes the whole file
 * @returns `{ data, shape }`, `data` a Float32Array, Float64Array or Uint8Array
 * @throws {NpyError} not a .npy file, an unsupported dtype (anything but float32, float64, uint8,
 *   little-endian), Fortran order, or a data size that does not match the shape
 */
export function parseNpy(bytes: Uint8Array): Tensor {
  if (bytes.length < 10 || MAGIC.some((b, i) => bytes[i] !== b)) throw new NpyError('not a .npy file (no \\x93NUMPY magic)');
  const major = bytes[6];
  if (major < 1 || major > 3) throw new NpyError(`unsupported .npy version ${major}.${bytes[7]}`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLen = major === 1 ? view.getUint16(8, true) : view.getUint32(8, true);
  const start = major === 1 ? 10 : 12;
  if (start + headerLen > bytes.length) throw new NpyError('truncated .npy header');
  const header = new TextDecoder(major === 3 ? 'utf-8' : 'latin1').decode(bytes.subarray(start, start + headerLen));
  const descr = /'descr'\s*:\s*'([^']*)'/.exec(header)?.[1];
  const fortran = /'fortran_order'\s*:\s*(True|False)/.exec(header)?.[1];
  const shapeText = /'shape'\s*:\s*\(([^)]*)\)/.exec(header)?.[1];
  if (descr === undefined || fortran === undefined || shapeText === undefined)
    throw new NpyError(`unreadable .npy header: ${header.trim()}`);
  const dtype = DESCR[descr];
  if (!dtype) throw new NpyError(`unsupported dtype '${descr}' (supported: float32 '<f4', float64 '<f8', uint8 '|u1')`);
  if (fortran === 'True') throw new NpyError('Fortran-ordered arrays are not supported (save with np.ascontiguousarray)');
  const shape = shapeText.split(',').map((s) => s.trim()).filter((s) => s !== '').map((s) => {
    const n = Number(s.replace(/L$/, ''));
    if (!Number.isSafeInteger(n) || n < 0) throw new NpyError(`bad .npy shape (${shapeText})`);
    return n;
  });
  const numel = shape.reduce((p, s) => p * s, 1);
  const Ctor = CTORS[dtype];
  const offset = start + headerLen;
  const need = numel * Ctor.BYTES_PER_ELEMENT;
  if (bytes.length - offset !== need)
    throw new NpyError(`.npy data holds ${bytes.length - offset} bytes but shape (${shape.join(', ')}) of ${dtype} needs ${need}`);
  const data = new Ctor(numel);
  new Uint8Array(data.buffer).set(bytes.subarray(offset, offset + need));
  return { data, shape };
}

/**
 * Encodes a tensor as a version 1.0 .npy file (C order). A strided tensor is written in its
 * logical order.
 *
 * @param t a float32, float64 or uint8 tensor (Uint8ClampedArray is written as uint8)
 * @returns the file's bytes
 */
export function formatNpy(t: Tensor<TypedData>): Uint8Array {
  const dtype: DType = t.data instanceof Float32Array ? 'float32' : t.data instanceof Float64Array ? 'float64' : 'uint8';
  const shape = t.shape;
  const tuple = shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
  let header = `{'descr': '${descrOf(dtype)}', 'fortran_order': False, 'shape': ${tuple}, }`;
  const total = 10 + header.length + 1;
  header += ' '.repeat((64 - (total % 64)) % 64) + '\n';
  // Contiguous data is written as is; any other layout is gathered into C order first.
  const dense = t.strides === undefined || t.strides.every((st, i) => t.shape[i] === 1 || st === contiguousStrides(t.shape)[i]);
  const numel = shape.reduce((p, s) => p * s, 1);
  const data = dense ? t.data.subarray(0, numel) : gather(t.data, 0, shape, t.strides!);
  const out = new Uint8Array(10 + header.length + data.byteLength);
  out.set(MAGIC, 0);
  out[6] = 1;
  out[7] = 0;
  new DataView(out.buffer).setUint16(8, header.length, true);
  for (let i = 0; i < header.length; ++i) out[10 + i] = header.charCodeAt(i);
  out.set(new Uint8Array(data.buffer, data.byteOffset, data.byteLength), 10 + header.length);
  return out;
}
