// resize against the references, bit for bit on uint8: Pillow 9.4 and 11.3
// (`backend: 'pil'`) and torchvision 0.29.1 / torch 2.14.1 (`backend:
// 'tensor'`, the AVX2 build's pixels), every case in both layouts a Node user
// has (planar [C, H, W] and the interleaved view of an HWC buffer). Fixtures:
// tools/gen_resize_fixtures.py.
import { describe, expect, it } from 'vitest';
import { fromHWC, resize, toHWC, type Tensor } from '../dist/transforms/index.js';
import { decode, loadFixtures, maxDiff, type Data, type FixtureTensor } from './helpers';

interface Case {
  name: string;
  backend: 'pil' | 'tensor';
  interpolation: 'nearest' | 'nearest-exact' | 'bilinear' | 'bicubic' | 'box' | 'hamming' | 'lanczos';
  antialias: boolean;
  dtype: 'uint8' | 'float32' | 'float64';
  layout: 'contiguous' | 'channels-last';
  size: [number, number];
  input: FixtureTensor;
  output: FixtureTensor;
  outputStrides?: number[];
  torchError?: string;
}
interface SizeRule { inputShape: number[]; size: number | number[] | null; maxSize: number | null; outputShape?: number[]; error?: string }

/** [.., C, H, W] C-contiguous values as the interleaved buffer [.., H, W, C]. */
function interleave(data: Data, shape: number[]): Data {
  const [C, H, W] = shape.slice(-3);
  const N = shape.length === 4 ? shape[0] : 1;
  const out = new (data.constructor as new (n: number) => Data)(data.length);
  for (let n = 0; n < N; ++n)
    for (let c = 0; c < C; ++c)
      for (let i = 0; i < H * W; ++i) out[n * C * H * W + i * C + c] = data[n * C * H * W + c * H * W + i];
  return out;
}

/** The case's input in `layout`: planar as stored, or a channels-last view of an interleaved copy. */
function inputIn(c: Case, layout: 'contiguous' | 'channels-last'): Tensor {
  const data = decode(c.input);
  const shape = c.input.shape;
  if (layout === 'contiguous') return { data, shape };
  if (shape.length === 3) return fromHWC(interleave(data, shape), shape[1], shape[2], shape[0]);
  const [N, C, H, W] = shape;
  return { data: interleave(data, shape), shape, strides: [H * W * C, 1, W * C, C] };
}

/** Logical [.., C, H, W] values of a result, whatever its strides. */
function logical(t: Tensor): Data {
  if (!t.strides) return t.data as Data;
  const hwc = toHWC(t) as Data;
  const [C, H, W] = t.shape.slice(-3);
  const N = t.shape.length === 4 ? t.shape[0] : 1;
  const out = new (hwc.constructor as new (n: number) => Data)(hwc.length);
  for (let n = 0; n < N; ++n)
    for (let c = 0; c < C; ++c)
      for (let i = 0; i < H * W; ++i) out[n * C * H * W + c * H * W + i] = hwc[n * C * H * W + i * C + c];
  return out;
}

function firstDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return -2;
  for (let i = 0; i < a.length; ++i) if (a[i] !== b[i]) return i;
  return -1;
}

function check(c: Case, layout: 'contiguous' | 'channels-last') {
  const img = inputIn(c, layout);
  const got = resize(img, c.size, { interpolation: c.interpolation, antialias: c.antialias, backend: c.backend });
  expect(got.shape).toEqual(c.output.shape);
  const want = decode(c.output);
  const values = logical(got);
  if (c.dtype === 'uint8') {
    const at = firstDiff(values, want);
    expect(at, `${c.name} (${layout}): element ${at} is ${values[at]}, reference ${want[at]}`).toBe(-1);
  } else {
    const { diff, at } = maxDiff(values, want);
    const tol = c.dtype === 'float32' ? 1e-5 : 1e-12;
    expect(diff, `${c.name} (${layout}): element ${at} is ${values[at]}, reference ${want[at]}`).toBeLessThanOrEqual(tol);
  }
  return got;
}

for (const file of ['resize_pillow9.json', 'resize_pillow11.json']) {
  const fx = loadFixtures<{ pillow: string; cases: Case[] }>(file);
  describe(`resize backend 'pil' = Pillow ${fx.pillow} Image.resize`, () => {
    for (const c of fx.cases) {
      it(c.name, () => {
        check(c, 'channels-last');
        check(c, 'contiguous');
      });
    }
  });
}

const torch = loadFixtures<{ torch: string; torchvision: string; cases: Case[]; sizeRules: SizeRule[] }>('resize_torch2.json');
describe(`resize backend 'tensor' = torchvision ${torch.torchvision} v2 resize (torch ${torch.torch}, AVX2 build)`, () => {
  for (const c of torch.cases) {
    it(c.name, () => {
      const got = check(c, c.layout);
      // the result keeps the input's memory format, as torch's does
      if (c.outputStrides && !c.torchError) {
        const strides = got.strides ?? c.output.shape.map((_, i) => c.output.shape.slice(i + 1).reduce((a, b) => a * b, 1));
        const shape = c.output.shape;
        for (let i = 0; i < shape.length; ++i) if (shape[i] > 1) expect(strides[i], `${c.name} strides`).toBe(c.outputStrides[i]);
      }
    });
  }
});

describe('resize sizes = torchvision v2 _compute_resized_output_size', () => {
  for (const r of torch.sizeRules) {
    if (r.error?.includes('INTERNAL ASSERT')) continue;  // torch's kernel bug, not a size rule
    it(`${JSON.stringify(r.inputShape)} size ${JSON.stringify(r.size)} maxSize ${r.maxSize}`, () => {
      const n = r.inputShape.reduce((a, b) => a * b, 1);
      const call = () => resize({ data: new Float32Array(n), shape: r.inputShape }, r.size as never, r.maxSize === null ? {} : { maxSize: r.maxSize });
      if (r.error) expect(call).toThrow(/resize: /);
      else expect(call().shape).toEqual(r.outputShape);
    });
  }
});
