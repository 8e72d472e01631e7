// Antialiased resize (PyTorch 1.13's _upsample_bilinear2d_aa /
// _upsample_bicubic2d_aa). There is no public function on this branch: the
// public `interpolate(..., { antialias: true })` calls this native function,
// so these tests call the binding directly with checked NativeTensors.
import { describe, expect, it, afterEach } from 'vitest';
import { setNumThreads, getNumThreads, setSimdTarget, bestSimdTarget } from '../dist/index.js';
import { native } from '../dist/addon.js';
import {
  channelsLastStrides,
  contiguousStrides,
  ctorOf,
  decode,
  expectMatchesTorch as expectMatches,
  loadFixtures,
  logical,
  prod,
  random,
  relayout as relayoutData,
  sameBits,
  simdTargets,
  type Data,
  type FixtureTensor,
} from './helpers';

interface NT { data: Data; shape: number[]; strides: number[] }
type Mode = 'bilinear' | 'bicubic';
/** The binding's antialiased resize of a checked request (default: no scales). */
const aa = (input: NT, out: NT, mode: Mode, alignCorners = false, scales: [number, number] = [0, 0]) =>
  native.interpolateAntialias({ input, out, mode, alignCorners, scales });

interface Case {
  name: string;
  op: 'antialias' | 'pool';
  mode: 'bilinear' | 'bicubic';
  alignCorners: boolean;
  scales: [number, number];
  kind: string;
  dtype: 'float32' | 'float64' | 'uint8';
  large: boolean;
  input: FixtureTensor;
  output: FixtureTensor;
  outputFloat?: FixtureTensor;
}

const fixtures = loadFixtures<{ torch: string; cases: Case[] }>('antialias_pool.json');
const cases = fixtures.cases.filter((c) => c.op === 'antialias');
const targets = simdTargets();
const defaultThreads = getNumThreads();

afterEach(() => {
  setSimdTarget(bestSimdTarget());
  setNumThreads(defaultThreads);
});


const contiguous = contiguousStrides;
const channelsLast = channelsLastStrides;
const relayout = (data: Data, shape: number[], strides: number[]): NT => ({ data: relayoutData(data, shape, strides), shape, strides });


function input(c: Case, layout: 'contiguous' | 'channelsLast' = 'contiguous'): NT {
  const data = decode(c.input);
  const shape = c.input.shape;
  return layout === 'contiguous' ? { data, shape, strides: contiguous(shape) } : relayout(data, shape, channelsLast(shape));
}
function output(c: Case, like: Data, layout: 'contiguous' | 'channelsLast' = 'contiguous'): NT {
  const shape = c.output.shape;
  return { data: new (ctorOf(like))(prod(shape)), shape, strides: layout === 'contiguous' ? contiguous(shape) : channelsLast(shape) };
}
function run(c: Case, inLayout: 'contiguous' | 'channelsLast' = 'contiguous', outLayout = inLayout): Data {
  const inp = input(c, inLayout);
  const out = output(c, inp.data, outLayout);
  aa(inp, out, c.mode, c.alignCorners, c.scales as [number, number]);
  return logical(out);
}

describe(`antialias parity with PyTorch ${fixtures.torch} (fixtures)`, () => {
  it('covers every mode x alignCorners x dtype x (sizes | scale factors), up and down', () => {
    const keys = new Set(cases.map((c) => `${c.mode}/${c.alignCorners}/${c.dtype}/${c.scales[0] > 0 ? 'scale' : 'size'}`));
    for (const mode of ['bilinear', 'bicubic'])
      for (const ac of [false, true])
        for (const dt of ['float32', 'float64', 'uint8'])
          for (const how of ['size', 'scale']) expect(keys.has(`${mode}/${ac}/${dt}/${how}`), `${mode}/${ac}/${dt}/${how}`).toBe(true);
    const kinds = new Set(cases.map((c) => c.kind));
    for (const k of ['down', 'up', 'down-up', 'up-down', 'same-h', 'same-w', 'size1-in', 'size1-out', 'size1-both', 'scale', 'large'])
      expect(kinds.has(k), k).toBe(true);
  });

  for (const target of targets) {
    describe(`SIMD target ${target}`, () => {
      for (const c of cases) {
        it(c.name, () => {
          expect(setSimdTarget(target)).toBe(true);
          expectMatches(c, run(c));
        });
      }
    });
  }
});

describe('channels-last and strided layouts give identical bits', () => {
  for (const c of cases.filter((c) => c.input.shape[1] > 1)) {
    it(c.name, () => {
      const want = run(c);
      for (const target of targets) {
        setSimdTarget(target);
        const cl = run(c, 'channelsLast');
        expect(sameBits(cl, want), `${target}: channels-last in and out`).toBe(true);
        expect(sameBits(run(c, 'channelsLast', 'contiguous'), want), `${target}: channels-last in, contiguous out`).toBe(true);
        expect(sameBits(run(c, 'contiguous', 'channelsLast'), want), `${target}: contiguous in, channels-last out`).toBe(true);
        expectMatches(c, cl);
      }
    });
  }

  it('a view into a larger buffer (an offset, gaps between rows and planes)', () => {
    for (const dtype of [Float32Array, Float64Array, Uint8Array]) {
      const shape = [2, 3, 11, 13];
      const big = random(2 * 3 * 15 * 20 + 7, 0, 255, 5, dtype);
      const view: NT = { data: big.subarray(7), shape, strides: [3 * 15 * 20, 15 * 20, 20, 1] };
      const dense: NT = { data: logical(view), shape, strides: contiguous(shape) };
      for (const mode of ['bilinear', 'bicubic'] as const) {
        const a: NT = { data: new dtype(2 * 3 * 5 * 17), shape: [2, 3, 5, 17], strides: contiguous([2, 3, 5, 17]) };
        const b: NT = { data: new dtype(2 * 3 * 5 * 17 * 2), shape: [2, 3, 5, 17], strides: [3 * 5 * 34, 5 * 34, 34, 2] };
        aa(view, a, mode);
        aa(dense, b, mode);
        expect(sameBits(a.data, logical(b))).toBe(true);
      }
    }
  });
});

describe('threads and async', () => {
  const shape = [2, 3, 67, 91];
  for (const dtype of [Float32Array, Float64Array, Uint8Array]) {
    for (const [mode, layout] of [['bilinear', 'contiguous'], ['bicubic', 'contiguous'], ['bilinear', 'channelsLast'], ['bicubic', 'channelsLast']] as const) {
      const name = `${dtype.name} ${mode} ${layout}`;
      const make = () => {
        const data = random(prod(shape), 0, 255, 11, dtype);
        const inp = layout === 'contiguous' ? { data, shape, strides: contiguous(shape) } : relayout(data, shape, channelsLast(shape));
        const oshape = [2, 3, 29, 140];
        const out = () => ({ data: new dtype(prod(oshape)), shape: oshape, strides: layout === 'contiguous' ? contiguous(oshape) : channelsLast(oshape) });
        return { inp, out };
      };
      it(`1 thread vs 2 threads, every target: ${name}`, () => {
        const { inp, out } = make();
        const ref = out();
        setNumThreads(1);
        aa(inp, ref, mode);
        for (const target of targets) {
          setSimdTarget(target);
          for (const n of [1, 2]) {
            setNumThreads(n);
            const o = out();
            aa(inp, o, mode);
            expect(sameBits(o.data, ref.data), `${target} threads=${n}`).toBe(true);
          }
        }
      });
      it(`async equals sync: ${name}`, async () => {
        const { inp, out } = make();
        const a = out();
        const b = out();
        aa(inp, a, mode, true);
        const p = native.interpolateAntialiasAsync({ input: inp, out: b, mode, alignCorners: true, scales: [0, 0] });
        expect(p).toBeInstanceOf(Promise);
        expect(await p).toBe(b.data);
        expect(sameBits(a.data, b.data)).toBe(true);
      });
    }
  }
});

describe('uint8', () => {
  it('Uint8ClampedArray works like Uint8Array and saturates bicubic overshoot', () => {
    const shape = [1, 1, 1, 8];
    const data = new Uint8ClampedArray([0, 0, 0, 255, 255, 255, 0, 0]);
    const out: NT = { data: new Uint8ClampedArray(16), shape: [1, 1, 1, 16], strides: [16, 16, 16, 1] };
    aa({ data, shape, strides: contiguous(shape) }, out, 'bicubic');
    expect(Math.max(...out.data)).toBe(255);
    expect(Math.min(...out.data)).toBe(0);
    const f = { data: new Float32Array(16), shape: [1, 1, 1, 16], strides: [16, 16, 16, 1] };
    aa({ data: Float32Array.from(data), shape, strides: contiguous(shape) }, f, 'bicubic');
    expect(Math.min(...f.data)).toBeLessThan(0);  // the float result undershoots; uint8 clamps it
  });
});

describe('the binding re-checks what it is given', () => {
  const t = (data: unknown, shape: number[], strides: number[]) => ({ data, shape, strides }) as NT;
  const inp = () => t(new Float32Array(16), [1, 1, 4, 4], [16, 16, 4, 1]);
  const out = () => t(new Float32Array(4), [1, 1, 2, 2], [4, 4, 2, 1]);
  // A request built from loose values (the binding must refuse what src/ would): unchecked on purpose.
  type Loose = (req: unknown) => unknown;
  const call = (input: unknown, out: unknown, mode: unknown, alignCorners: unknown, scales: unknown, async = false) =>
    ((async ? native.interpolateAntialiasAsync : native.interpolateAntialias) as Loose)({ input, out, mode, alignCorners, scales });

  it('accepts a good call', () => {
    expect(() => call(inp(), out(), 'bilinear', false, [0, 0])).not.toThrow();
  });
  it('no request, or a request missing a field', () => {
    expect(() => (native.interpolateAntialias as Loose)(undefined)).toThrow(TypeError);
    expect(() => call(inp(), out(), 'bilinear', false, undefined)).toThrow(TypeError);
    expect(() => call(inp(), out(), 'bilinear', undefined, [0, 0])).toThrow(TypeError);
  });
  it('tensors that are not tensors', () => {
    expect(() => call({}, out(), 'bilinear', false, [0, 0])).toThrow(TypeError);
    expect(() => call(inp(), t(new Int16Array(4), [1, 1, 2, 2], [4, 4, 2, 1]), 'bilinear', false, [0, 0])).toThrow(TypeError);
    expect(() => call(inp(), t(new Float32Array(4), [1, 1, 2, 2], [4, 4, 2]), 'bilinear', false, [0, 0])).toThrow(RangeError);
    expect(() => call(inp(), t(new Float32Array(4), [1, 1, 2, 2], [4, 4, 2, -1]), 'bilinear', false, [0, 0])).toThrow(RangeError);
    expect(() => call(inp(), t(new Float32Array(4), [1, 1, 2, 2], [4, 4, 2, 0.5]), 'bilinear', false, [0, 0])).toThrow(RangeError);
  });
  it('views past the end of their buffers', () => {
    expect(() => call(t(new Float32Array(15), [1, 1, 4, 4], [16, 16, 4, 1]), out(), 'bilinear', false, [0, 0])).toThrow(RangeError);
    expect(() => call(inp(), t(new Float32Array(4), [1, 1, 2, 2], [4, 4, 3, 1]), 'bilinear', false, [0, 0])).toThrow(RangeError);
  });
  it('wrong ranks and shapes', () => {
    expect(() => call(t(new Float32Array(16), [1, 4, 4], [16, 4, 1]), t(new Float32Array(4), [1, 2, 2], [4, 2, 1]), 'bilinear', false, [0, 0])).toThrow(RangeError);
    expect(() => call(inp(), t(new Float32Array(8), [2, 1, 2, 2], [4, 4, 2, 1]), 'bilinear', false, [0, 0])).toThrow(RangeError);
    expect(() => call(inp(), t(new Float32Array(8), [1, 2, 2, 2], [8, 4, 2, 1]), 'bilinear', false, [0, 0])).toThrow(RangeError);
    expect(() => call(t(new Float32Array(0), [1, 1, 0, 4], [16, 16, 4, 1]), out(), 'bilinear', false, [0, 0])).toThrow(RangeError);
    expect(() => call(inp(), t(new Float32Array(0), [1, 1, 0, 2], [4, 4, 2, 1]), 'bilinear', false, [0, 0])).toThrow(RangeError);
  });
  it('dtype mismatch, bad mode, bad scales', () => {
    expect(() => call(inp(), t(new Float64Array(4), [1, 1, 2, 2], [4, 4, 2, 1]), 'bilinear', false, [0, 0])).toThrow(TypeError);
    expect(() => call(inp(), out(), 1, false, [0, 0])).toThrow(TypeError);
    expect(() => call(inp(), out(), 'trilinear', false, [0, 0])).toThrow(TypeError);
    expect(() => call(inp(), out(), 'bilinear', false, [0])).toThrow(RangeError);
    expect(() => call(inp(), out(), 'bilinear', false, 0.5)).toThrow(TypeError);
    expect(() => call(inp(), out(), 'bilinear', false, [0, '1'])).toThrow(TypeError);
    expect(() => call(inp(), out(), 'bilinear', false, [NaN, 0])).toThrow(RangeError);
    expect(() => call(inp(), out(), 'bilinear', false, [0, Infinity])).toThrow(RangeError);
  });
  it('a stride-0 view claiming a huge size is refused', () => {
    expect(() => call(t(new Float32Array(1), [1, 1, 1, 2 ** 40], [1, 1, 1, 0]), out(), 'bilinear', false, [0, 0])).toThrow(RangeError);
  });
  it('scales that do not fit the sizes are refused before any table is built', () => {
    // out / s must stay within about twice the input: a tiny factor would
    // otherwise make every output tap the whole row (an O(in * out) table).
    for (const s of [1e-300, 5e-324, -5, 1e-9])
      expect(() => call(inp(), out(), 'bicubic', false, [s, s])).toThrow(/interpolateAntialias: scales/);
    for (const s of [1e300, 1e9, 0.5, 0.3]) {
      const o = out();
      call(inp(), o, 'bicubic', false, [s, s], false);
      for (const v of o.data as Float32Array) expect(Number.isFinite(v)).toBe(true);
    }
  });
  it('output overlapping the input', () => {
    const buf = new Float32Array(32);
    expect(() => call(t(buf.subarray(0, 16), [1, 1, 4, 4], [16, 16, 4, 1]), t(buf.subarray(15, 19), [1, 1, 2, 2], [4, 4, 2, 1]), 'bilinear', false, [0, 0])).toThrow(RangeError);
  });
  it('empty batch or channels: nothing to do', () => {
    const r = call(t(new Float32Array(0), [0, 1, 4, 4], [16, 16, 4, 1]), t(new Float32Array(0), [0, 1, 2, 2], [4, 4, 2, 1]), 'bilinear', false, [0, 0], false);
    expect((r as Data).length).toBe(0);
  });
  it('async calls reject (not throw) for errors found natively', async () => {
    await expect(call(inp(), t(new Float32Array(8), [2, 1, 2, 2], [4, 4, 2, 1]), 'bilinear', false, [0, 0], true) as Promise<NT>).rejects.toThrow(RangeError);
  });
  it('an async call leaves the gaps of a strided out untouched', async () => {
    const o = t(new Float32Array(8).fill(7), [1, 1, 2, 2], [8, 8, 4, 2]);
    const x = t(new Float32Array(16).fill(1), [1, 1, 4, 4], [16, 16, 4, 1]);
    await call(x, o, 'bilinear', false, [0, 0], true);
    expect(Array.from(o.data)).toEqual([1, 7, 1, 7, 1, 7, 1, 7]);
  });
});
