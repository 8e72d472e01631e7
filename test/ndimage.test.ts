import { describe, expect, it, afterEach } from 'vitest';
import {
  zoom,
  zoomAsync,
  mapCoordinates,
  mapCoordinatesAsync,
  splineFilter,
  splineFilterAsync,
  setNumThreads,
  getNumThreads,
  setSimdTarget,
  bestSimdTarget,
  type NdMode,
  type Tensor,
} from '../dist/index.js';
import { native } from '../dist/addon.js';
import { decode, loadFixtures, maxDiff, prod, random, sameBits, simdTargets, type Data, type FixtureTensor } from './helpers';

interface Case {
  name: string;
  op: 'zoom' | 'mapCoordinates' | 'splineFilter';
  source: 'scipy' | 'reference';
  input: FixtureTensor;
  zoom?: number[];
  coordinates?: FixtureTensor;
  options: Record<string, unknown>;
  output: FixtureTensor;
  outputFloat?: FixtureTensor;
}

const fixtures = loadFixtures<{ scipy: string; cases: Case[] }>('ndimage.json');
const targets = simdTargets();
const defaultThreads = getNumThreads();
const MODES: NdMode[] = ['constant', 'nearest', 'reflect', 'mirror', 'wrap', 'grid-constant', 'grid-mirror', 'grid-wrap'];

afterEach(() => {
  setSimdTarget(bestSimdTarget());
  setNumThreads(defaultThreads);
});

const tensor = (t: FixtureTensor): Tensor => ({ data: decode(t), shape: t.shape });

function run(c: Case): Tensor {
  const input = tensor(c.input);
  if (c.op === 'zoom') return zoom(input, c.zoom!, c.options);
  if (c.op === 'mapCoordinates') return mapCoordinates(input, tensor(c.coordinates!), c.options);
  return splineFilter(input, c.options);
}

function expectMatches(c: Case, got: Tensor) {
  const want = decode(c.output);
  expect(got.shape).toEqual(c.output.shape);
  expect(got.data.constructor).toBe(want.constructor);
  if (c.output.dtype === 'uint8') {
    // Exact, except where the float result sits on a rounding boundary (x.5).
    const f = decode(c.outputFloat!);
    for (let i = 0; i < want.length; ++i) {
      if (Math.abs(f[i] - Math.floor(f[i]) - 0.5) < 1e-6) continue;
      if (got.data[i] !== want[i]) throw new Error(`${c.name}: element ${i} is ${got.data[i]}, expected ${want[i]} (float ${f[i]})`);
    }
    return;
  }
  const { diff, at } = maxDiff(got.data, want);
  const tol = c.output.dtype === 'float32' ? 1e-5 : 1e-10;
  if (diff > tol) throw new Error(`${c.name}: element ${at} is ${got.data[at]}, expected ${want[at]} (diff ${diff})`);
}

describe(`parity with scipy.ndimage ${fixtures.scipy} (fixtures)`, () => {
  it('covers every op x order x mode x prefilter x gridMode x rank', () => {
    const keys = new Set(fixtures.cases.map((c) => `${c.op}/${c.input.shape.length}/${c.options.order}/${c.options.mode}/${c.options.prefilter}/${c.options.gridMode}`));
    for (const rank of [1, 2, 3])
      for (const order of [0, 1, 2, 3, 4, 5])
        for (const mode of MODES)
          for (const pf of order >= 2 ? [true, false] : [true]) {
            for (const gm of [false, true]) expect(keys.has(`zoom/${rank}/${order}/${mode}/${pf}/${gm}`), `zoom ${rank} ${order} ${mode} ${pf} ${gm}`).toBe(true);
            expect(keys.has(`mapCoordinates/${rank}/${order}/${mode}/${pf}/undefined`), `map ${rank} ${order} ${mode} ${pf}`).toBe(true);
          }
    const dtypes = new Set(fixtures.cases.map((c) => `${c.op}/${c.input.dtype}`));
    for (const op of ['zoom', 'mapCoordinates', 'splineFilter']) for (const dt of ['float32', 'float64', 'uint8']) expect(dtypes.has(`${op}/${dt}`)).toBe(true);
    expect(fixtures.cases.some((c) => c.source === 'reference')).toBe(true);
  });

  for (const target of targets) {
    describe(`SIMD target ${target}`, () => {
      for (const c of fixtures.cases) {
        it(c.name, () => {
          expect(setSimdTarget(target)).toBe(true);
          expectMatches(c, run(c));
        });
      }
    });
  }
});

describe('SciPy quirks kept', () => {
  it("768 -> 96 at order 1, mode 'constant': the last sample is cval (strict comparison in double)", () => {
    const x = { data: random(768, 0, 1, 5, Float64Array), shape: [768] };
    const r = zoom(x, 96 / 768, { order: 1, cval: -3 }).data;
    expect(r.length).toBe(96);
    expect(r[95]).toBe(-3);
    expect(r[94]).not.toBe(-3);
    // 'nearest' has no such edge
    expect(zoom(x, 96 / 768, { order: 1, mode: 'nearest' }).data[95]).toBe(x.data[767]);
  });

  it('output shape rounds half to even, like Python', () => {
    expect(zoom({ data: new Float64Array(5), shape: [5] }, 0.5).shape).toEqual([2]);
    expect(zoom({ data: new Float64Array(7), shape: [7] }, 0.5).shape).toEqual([4]);
    expect(zoom({ data: new Float64Array(9), shape: [9] }, 0.5).shape).toEqual([4]);
    // test_zoom_output_shape_roundoff
    expect(zoom({ data: new Float64Array(3 * 11 * 25), shape: [3, 11, 25] }, [4 / 3, 15 / 11, 29 / 25]).shape).toEqual([4, 15, 29]);
  });

  it('an output axis of 1 uses factor 1 (zero divisor), an input axis of 1 is constant', () => {
    const x = { data: Float64Array.from([1, 2, 3, 4]), shape: [4] };
    expect(Array.from(zoom(x, 0.2, { order: 1 }).data)).toEqual([1]);
    // SciPy sums the four (folded) taps: 2.4999999999999996 there too
    for (const v of zoom({ data: Float64Array.from([2.5]), shape: [1] }, 3, { order: 3 }).data) expect(v).toBeCloseTo(2.5, 14);
  });

  it('cval may be NaN or infinite, as in SciPy', () => {
    const x = { data: Float64Array.from([1, 2, 3]), shape: [3] };
    const r = mapCoordinates(x, { data: Float64Array.from([-1, 1, 5]), shape: [1, 3] }, { order: 1, cval: NaN }).data;
    expect(Number.isNaN(r[0]) && r[1] === 2 && Number.isNaN(r[2])).toBe(true);
    expect(zoom(x, 2, { order: 0, mode: 'grid-constant', cval: Infinity, gridMode: true }).data.length).toBe(6);
  });

  it('float32 outputs beyond float range are infinite, uint8 outputs clamp, NaN gives 0', () => {
    const x = { data: Float64Array.from([1e300, -1e300, NaN, 300, -5]), shape: [5] };
    const c = { data: Float64Array.from([0, 1, 2, 3, 4]), shape: [1, 5] };
    expect(Array.from(mapCoordinates(x, c, { order: 0, output: 'float32' }).data).slice(0, 2)).toEqual([Infinity, -Infinity]);
    expect(Array.from(mapCoordinates(x, c, { order: 0, output: 'uint8' }).data)).toEqual([255, 0, 0, 255, 0]);
  });

  it('non-finite coordinates give cval; nearest clamps infinities', () => {
    const x = { data: Float64Array.from([1, 2, 3]), shape: [3] };
    const c = { data: Float64Array.from([NaN, Infinity, -Infinity, 1e300, -1e300]), shape: [1, 5] };
    for (const mode of MODES) {
      for (const order of [0, 1, 3, 5] as const) {
        const r = Array.from(mapCoordinates(x, c, { order, mode, cval: -7 }).data);
        expect(r[0]).toBe(-7);
        // nearest: the edge, as far away as 1e6 (SciPy's own result there; beyond
        // +-2^63 SciPy's integer conversion is undefined)
        const far = Array.from(mapCoordinates(x, { data: Float64Array.from([1e6, -1e6]), shape: [1, 2] }, { order, mode }).data);
        if (mode === 'nearest') expect(r.slice(1)).toEqual([far[0], far[1], far[0], far[1]]);
        else if (mode === 'grid-constant' || mode === 'constant') expect(r.slice(1).map((v) => Math.round(v * 1e9) / 1e9)).toEqual([-7, -7, -7, -7]);
        else expect(r.slice(1).every((v) => v === -7)).toBe(true);
      }
    }
  });
});

describe("SciPy's own test expectations (scipy/ndimage/tests)", () => {
  const data = { data: Float64Array.from([1, 2, 3, 4]), shape: [4] };
  // test_boundaries: geometric_transform of [1,2,3,4] at x + 0.5, order 1, cval -1
  const table: Record<string, number[]> = {
    nearest: [1.5, 2.5, 3.5, 4, 4, 4, 4],
    wrap: [1.5, 2.5, 3.5, 1.5, 2.5, 3.5, 1.5],
    'grid-wrap': [1.5, 2.5, 3.5, 2.5, 1.5, 2.5, 3.5],
    mirror: [1.5, 2.5, 3.5, 3.5, 2.5, 1.5, 1.5],
    reflect: [1.5, 2.5, 3.5, 4, 3.5, 2.5, 1.5],
    constant: [1.5, 2.5, 3.5, -1, -1, -1, -1],
    'grid-constant': [1.5, 2.5, 3.5, 1.5, -1, -1, -1],
  };
  for (const [mode, want] of Object.entries(table)) {
    it(`boundary table, [1,2,3,4] shifted by 0.5: ${mode}`, () => {
      const c = { data: Float64Array.from([0, 1, 2, 3, 4, 5, 6], (v) => v + 0.5), shape: [1, 7] };
      expect(Array.from(mapCoordinates(data, c, { order: 1, mode: mode as NdMode, cval: -1 }).data)).toEqual(want);
    });
  }
  // test_boundaries2: x - 0.9, order 3 (default), integer output
  const table2: Record<string, number[]> = {
    nearest: [1, 1, 2, 3], wrap: [3, 1, 2, 3], 'grid-wrap': [4, 1, 2, 3], mirror: [2, 1, 2, 3],
    reflect: [1, 1, 2, 3], constant: [-1, 1, 2, 3], 'grid-constant': [-1, 1, 2, 3],
  };
  for (const [mode, want] of Object.entries(table2)) {
    it(`boundary table, [1,2,3,4] shifted by -0.9, order 3: ${mode}`, () => {
      const c = { data: Float64Array.from([0, 1, 2, 3], (v) => v - 0.9), shape: [1, 4] };
      const r = mapCoordinates(data, c, { mode: mode as NdMode, cval: -1 }).data;
      // SciPy's integer output rounds half away from zero
      expect(Array.from(r, (v) => Math.sign(v) * Math.floor(Math.abs(v) + 0.5))).toEqual(want);
    });
  }

  const kron = (x: number[][], zy: number, zx: number) => {
    const out: number[] = [];
    for (const row of x) for (let i = 0; i < zy; ++i) for (const v of row) for (let j = 0; j < zx; ++j) out.push(v);
    return out;
  };
  for (const [zy, zx] of [[1, 1], [3, 5], [8, 2], [8, 8]]) {
    for (const mode of MODES) {
      it(`order-0 zoom by (${zy}, ${zx}) is a Kronecker product: ${mode}`, () => {
        const x = [[0, 1], [2, 3]];
        const r = zoom({ data: Float64Array.from(x.flat()), shape: [2, 2] }, [zy, zx], { order: 0, mode });
        expect(Array.from(r.data)).toEqual(kron(x, zy, zx));
      });
    }
    for (const mode of ['nearest', 'reflect', 'mirror', 'grid-wrap', 'grid-constant'] as NdMode[]) {
      for (const shape of [[2, 3], [4, 4]]) {
        it(`gridMode order-0 zoom of ${shape} by (${zy}, ${zx}) is a Kronecker product: ${mode}`, () => {
          const x = Array.from({ length: shape[0] }, (_, i) => Array.from({ length: shape[1] }, (_, j) => i * shape[1] + j));
          const r = zoom({ data: Float64Array.from(x.flat()), shape }, [zy, zx], { order: 0, mode, gridMode: true });
          expect(Array.from(r.data)).toEqual(kron(x, zy, zx));
        });
      }
    }
  }

  it('zoom by 2 then by 0.5 returns the input (test_zoom2, integer data)', () => {
    const arr = { data: Uint8Array.from({ length: 12 }, (_, i) => i), shape: [3, 4] };
    const back = zoom(zoom(arr, 2), 0.5);
    expect(back.shape).toEqual([3, 4]);
    expect(Array.from(back.data)).toEqual(Array.from(arr.data));
  });

  for (const order of [0, 1, 2, 3, 4, 5]) {
    it(`zoom of a 5x5 ramp by 2 stays in range (test_zoom1), order ${order}`, () => {
      const arr = { data: Float64Array.from({ length: 25 }, (_, i) => i), shape: [5, 5] };
      for (const z of [2, [2, 2]]) {
        const r = zoom(arr, z, { order });
        expect(r.shape).toEqual([10, 10]);
        for (let j = 0; j < 10; ++j) {
          expect(r.data[90 + j]).toBeGreaterThanOrEqual(20 - 1e-12);
          expect(r.data[j]).toBeLessThanOrEqual(5 + 1e-12);
        }
        for (const v of r.data) expect(v >= -1e-12 && v <= 24 + 1e-12).toBe(true);
      }
    });
  }

  it('test_zoom3: (1, 2) zoomed along one axis', () => {
    const arr = { data: Uint8Array.from([1, 2]), shape: [1, 2] };  // integer data, integer output
    expect(Array.from(zoom(arr, [2, 1]).data)).toEqual([1, 2, 1, 2]);
    expect(Array.from(zoom(arr, [1, 2]).data)).toEqual([1, 1, 2, 2]);
  });

  // test_splines.py: the filter inverts the B-spline knot matrix.
  const KNOTS: Record<number, number[]> = { 2: [6, 1], 3: [4, 1], 4: [230, 76, 1], 5: [66, 26, 1] };
  function knotMatrix(n: number, order: number, mode: string): number[][] {
    const kv = KNOTS[order];
    const m = Array.from({ length: n }, () => new Array<number>(n).fill(0));
    kv.forEach((v, d) => {
      for (let i = d; i < n; ++i) {
        m[i][i - d] = v;
        m[i - d][i] = v;
      }
    });
    const sum = kv[0] + 2 * kv.slice(1).reduce((a, b) => a + b, 0);
    const [start, step] = mode === 'mirror' ? [1, 1] : mode === 'reflect' ? [0, 1] : [-1, -1];
    for (let row = 0; row < kv.length - 1; ++row)
      kv.slice(row + 1).forEach((v, idx) => {
        const c1 = start + step * idx;
        m[row][(c1 + n) % n] += v;
        const c2 = -start - 1 - step * idx;
        m[n - row - 1][(c2 + n) % n] += v;
      });
    return m.map((r) => r.map((v) => v / sum));
  }
  for (const mode of ['mirror', 'grid-wrap', 'reflect']) {
    for (const order of [2, 3, 4, 5]) {
      // n = 100 as SciPy's test; n = 8 is where scipy < 1.18's reflect filter fails it
      for (const n of [100, 8]) {
        it(`splineFilter inverts the knot matrix: ${mode}, order ${order}, n ${n}`, () => {
          const m = knotMatrix(n, order, mode);
          for (let i = 0; i < n; ++i) {
            const e = new Float64Array(n);
            e[i] = 1;
            const f = splineFilter({ data: e, shape: [n] }, { order: order as 2, mode: mode as NdMode }).data;
            // row i of the filter applied to the identity, times the matrix, is e_i
            for (let j = 0; j < n; ++j) {
              let s = 0;
              for (let k = 0; k < n; ++k) s += f[k] * m[j][k];
              expect(Math.abs(s - (i === j ? 1 : 0))).toBeLessThan(1e-10);
            }
          }
        });
      }
    }
  }
});

describe('every SIMD target and thread count gives identical bits', () => {
  const configs: Array<[string, () => Tensor]> = [];
  const img = { data: random(67 * 131, -1, 2, 3, Float64Array), shape: [67, 131] };
  const vol = { data: random(9 * 17 * 70, 0, 1, 4, Float32Array), shape: [9, 17, 70] };
  const u8 = { data: random(40 * 70, 0, 256, 5, Uint8Array), shape: [40, 70] };
  const coords = { data: random(2 * 37 * 41, -3, 140, 6, Float64Array), shape: [2, 37, 41] };
  for (const mode of MODES)
    for (const order of [0, 1, 3, 5] as const) {
      configs.push([`zoom 2D f64 ${mode} o${order}`, () => zoom(img, [1.7, 0.6], { order, mode, cval: 0.5 })]);
      configs.push([`map 2D f64 ${mode} o${order}`, () => mapCoordinates(img, coords, { order, mode, cval: 0.5 })]);
    }
  for (const mode of ['mirror', 'reflect', 'grid-wrap', 'nearest'] as const) {
    configs.push([`zoom 3D f32 ${mode} o4`, () => zoom(vol, [1.3, 0.8, 2.1], { order: 4, mode, gridMode: true })]);
    configs.push([`zoom 2D u8 ${mode} o3`, () => zoom(u8, 1.6, { mode })]);
    configs.push([`splineFilter 3D ${mode} o5`, () => splineFilter(vol, { order: 5, mode })]);
  }
  for (const [name, fn] of configs) {
    it(name, () => {
      setNumThreads(1);
      setSimdTarget('baseline');
      const ref = fn().data;
      for (const target of targets)
        for (const threads of [1, 2, 3]) {
          setSimdTarget(target);
          setNumThreads(threads);
          expect(sameBits(fn().data, ref), `${target} x${threads}`).toBe(true);
        }
    });
  }
});

describe('layout and output', () => {
  it('a strided (transposed) input equals its contiguous copy', () => {
    const a = random(7 * 9, 0, 1, 11, Float64Array);
    const t = new Float64Array(63);
    for (let i = 0; i < 7; ++i) for (let j = 0; j < 9; ++j) t[j * 7 + i] = a[i * 9 + j];
    const view = { data: t, shape: [7, 9], strides: [1, 7] };
    const dense = { data: a, shape: [7, 9] };
    for (const mode of ['nearest', 'reflect', 'grid-constant'] as const) {
      expect(sameBits(zoom(view, 1.5, { mode }).data, zoom(dense, 1.5, { mode }).data)).toBe(true);
      const c = { data: random(2 * 20, -1, 9, 12, Float64Array), shape: [2, 20] };
      expect(sameBits(mapCoordinates(view, c, { mode }).data, mapCoordinates(dense, c, { mode }).data)).toBe(true);
      expect(sameBits(splineFilter(view, { mode }).data, splineFilter(dense, { mode }).data)).toBe(true);
    }
  });

  it('strided coordinates equal their contiguous copy', () => {
    const x = { data: random(30, 0, 1, 13, Float64Array), shape: [5, 6] };
    const inter = random(2 * 12, -1, 7, 14, Float32Array);  // (12, 2) point-major
    const planar = new Float32Array(24);
    for (let p = 0; p < 12; ++p) for (let a = 0; a < 2; ++a) planar[a * 12 + p] = inter[p * 2 + a];
    const a = mapCoordinates(x, { data: inter, shape: [2, 3, 4], strides: [1, 8, 2] }, { mode: 'mirror' });
    const b = mapCoordinates(x, { data: planar, shape: [2, 3, 4] }, { mode: 'mirror' });
    expect(sameBits(a.data, b.data)).toBe(true);
  });

  it('output dtype: the input dtype by default, options.output otherwise', () => {
    const f32 = { data: random(20, 0, 1, 15, Float32Array), shape: [4, 5] };
    expect(zoom(f32, 2).data).toBeInstanceOf(Float32Array);
    expect(zoom(f32, 2, { output: 'float64' }).data).toBeInstanceOf(Float64Array);
    expect(zoom(f32, 2, { output: 'uint8' }).data).toBeInstanceOf(Uint8Array);
    const u8c = { data: new Uint8ClampedArray(20).fill(9), shape: [4, 5] };
    expect(zoom(u8c, 2).data).toBeInstanceOf(Uint8ClampedArray);
    expect(mapCoordinates(f32, { data: new Float32Array(6), shape: [2, 3] }, { output: 'float64' }).data).toBeInstanceOf(Float64Array);
    expect(splineFilter(f32).data).toBeInstanceOf(Float64Array);
    expect(splineFilter(f32, { output: 'float32' }).data).toBeInstanceOf(Float32Array);
  });

  it('options.out receives the result without a new allocation', () => {
    const x = { data: random(20, 0, 1, 16, Float64Array), shape: [4, 5] };
    const out = { data: new Float64Array(80), shape: [8, 10] };
    expect(zoom(x, 2, { out }).data).toBe(out.data);
    expect(sameBits(out.data, zoom(x, 2).data)).toBe(true);
    const c = { data: random(2 * 6, 0, 4, 17, Float64Array), shape: [2, 6] };
    const out2 = { data: new Float64Array(6), shape: [6] };
    expect(mapCoordinates(x, c, { out: out2 }).data).toBe(out2.data);
    expect(sameBits(out2.data, mapCoordinates(x, c).data)).toBe(true);
    const out3 = { data: new Float32Array(20), shape: [4, 5] };
    expect(splineFilter(x, { output: 'float32', out: out3 }).data).toBe(out3.data);
  });

  it('empty outputs', () => {
    expect(zoom({ data: new Float64Array(3), shape: [3] }, 0.1).shape).toEqual([0]);
    expect(zoom({ data: new Float64Array(0), shape: [0, 4] }, 2).shape).toEqual([0, 8]);
    expect(mapCoordinates({ data: new Float64Array(4), shape: [4] }, { data: new Float64Array(0), shape: [1, 0] }).shape).toEqual([0]);
  });
});

describe('async variants', () => {
  it('equal the sync results', async () => {
    const x = { data: random(33 * 47, 0, 1, 21, Float64Array), shape: [33, 47] };
    const c = { data: random(2 * 500, -2, 50, 22, Float64Array), shape: [2, 500] };
    for (const mode of ['mirror', 'reflect', 'grid-constant'] as const) {
      expect(sameBits((await zoomAsync(x, 1.7, { mode })).data, zoom(x, 1.7, { mode }).data)).toBe(true);
      expect(sameBits((await mapCoordinatesAsync(x, c, { mode })).data, mapCoordinates(x, c, { mode }).data)).toBe(true);
      expect(sameBits((await splineFilterAsync(x, { mode })).data, splineFilter(x, { mode }).data)).toBe(true);
    }
  });

  it('many concurrent calls settle with the right results', async () => {
    const calls: Array<Promise<Tensor>> = [];
    const wants: Data[] = [];
    for (let i = 0; i < 60; ++i) {
      const x = { data: random(12 * 13, 0, 1, 100 + i, Float32Array), shape: [12, 13] };
      const order = (i % 6) as 0;
      wants.push(zoom(x, 1.3, { order, mode: MODES[i % 8] }).data);
      calls.push(zoomAsync(x, 1.3, { order, mode: MODES[i % 8] }));
    }
    (await Promise.all(calls)).forEach((r, i) => expect(sameBits(r.data, wants[i])).toBe(true));
  });

  it('reject bad arguments instead of throwing', async () => {
    const x = { data: new Float64Array(4), shape: [4] };
    await expect(zoomAsync(x, 2, { order: 6 as never })).rejects.toThrow(RangeError);
    await expect(mapCoordinatesAsync(x, { data: new Float64Array(4), shape: [2, 2] })).rejects.toThrow(RangeError);
    await expect(splineFilterAsync(x, { mode: 'bogus' as never })).rejects.toThrow(TypeError);
  });
});

describe('bad input', () => {
  const x = () => ({ data: new Float64Array(12), shape: [3, 4] });
  const c = () => ({ data: new Float64Array(10), shape: [2, 5] });
  const cases: Array<[string, () => unknown, typeof TypeError | typeof RangeError, RegExp]> = [
    ['zoom: order 6', () => zoom(x(), 2, { order: 6 as never }), RangeError, /zoom.*order.*0\.\.5/],
    ['zoom: order -1', () => zoom(x(), 2, { order: -1 as never }), RangeError, /zoom.*order/],
    ['zoom: order 1.5', () => zoom(x(), 2, { order: 1.5 as never }), RangeError, /zoom.*order/],
    ['zoom: order a string', () => zoom(x(), 2, { order: '3' as never }), TypeError, /zoom.*order/],
    ['zoom: unknown mode', () => zoom(x(), 2, { mode: 'edge' as never }), TypeError, /zoom.*mode.*'constant'/],
    ['zoom: wrong number of factors', () => zoom(x(), [2, 2, 2]), RangeError, /zoom.*2 zoom factors.*\[3, 4\].*3/],
    ['zoom: zero factor', () => zoom(x(), [2, 0]), RangeError, /zoom.*positive/],
    ['zoom: negative factor', () => zoom(x(), -1), RangeError, /zoom.*positive/],
    ['zoom: NaN factor', () => zoom(x(), NaN), RangeError, /zoom.*finite/],
    ['zoom: infinite factor', () => zoom(x(), [Infinity, 1]), RangeError, /zoom.*finite/],
    ['zoom: factor not a number', () => zoom(x(), '2' as never), TypeError, /zoom.*zoom/],
    ['zoom: factor entries not numbers', () => zoom(x(), [2, '2'] as never), TypeError, /zoom.*factors/],
    ['zoom: cval not a number', () => zoom(x(), 2, { cval: '0' as never }), TypeError, /zoom.*cval/],
    ['zoom: prefilter not boolean', () => zoom(x(), 2, { prefilter: 1 as never }), TypeError, /zoom.*prefilter/],
    ['zoom: gridMode not boolean', () => zoom(x(), 2, { gridMode: 'yes' as never }), TypeError, /zoom.*gridMode/],
    ['zoom: unknown option', () => zoom(x(), 2, { order: 1, alignCorners: true } as never), TypeError, /zoom.*alignCorners/],
    ['zoom: output dtype unknown', () => zoom(x(), 2, { output: 'int16' as never }), TypeError, /zoom.*output/],
    ['zoom: output overflows', () => zoom(x(), 1e6), RangeError, /zoom.*too large/],
    ['zoom: rank 0', () => zoom({ data: new Float64Array(1), shape: [] }, 2), RangeError, /zoom.*rank/],
    ['zoom: not a tensor', () => zoom(new Float64Array(4) as never, 2), TypeError, /zoom.*input/],
    ['zoom: out of the wrong shape', () => zoom(x(), 2, { out: { data: new Float64Array(48), shape: [8, 6] } }), RangeError, /zoom.*\[6, 8\]/],
    ['zoom: out of the wrong dtype', () => zoom(x(), 2, { out: { data: new Float32Array(48), shape: [6, 8] } }), TypeError, /zoom.*out/],
    ['zoom: out sharing the input', () => { const d = new Float64Array(60); return zoom({ data: d.subarray(0, 12), shape: [3, 4] }, 1, { out: { data: d.subarray(0, 12), shape: [3, 4] } }); }, RangeError, /zoom.*shares memory/],
    ['mapCoordinates: wrong leading size', () => mapCoordinates(x(), { data: new Float64Array(15), shape: [3, 5] }), RangeError, /mapCoordinates.*2 rows.*\[3, 4\].*\[3, 5\]/],
    ['mapCoordinates: coordinates of rank 1', () => mapCoordinates(x(), { data: new Float64Array(2), shape: [2] }), RangeError, /mapCoordinates.*\[2\]/],
    ['mapCoordinates: coordinates of a wrong dtype', () => mapCoordinates(x(), { data: new Int32Array(10), shape: [2, 5] } as never), TypeError, /mapCoordinates.*coordinates/],
    ['mapCoordinates: order 7', () => mapCoordinates(x(), c(), { order: 7 as never }), RangeError, /mapCoordinates.*order/],
    ['mapCoordinates: unknown mode', () => mapCoordinates(x(), c(), { mode: 'clamp' as never }), TypeError, /mapCoordinates.*mode/],
    ['mapCoordinates: empty input', () => mapCoordinates({ data: new Float64Array(0), shape: [0, 4] }, c()), RangeError, /mapCoordinates.*empty/],
    ['mapCoordinates: gridMode is not an option', () => mapCoordinates(x(), c(), { gridMode: true } as never), TypeError, /mapCoordinates.*gridMode/],
    ['mapCoordinates: out of the wrong shape', () => mapCoordinates(x(), c(), { out: { data: new Float64Array(4), shape: [4] } }), RangeError, /mapCoordinates.*\[5\]/],
    ['splineFilter: order 1', () => splineFilter(x(), { order: 1 as never }), RangeError, /splineFilter.*order.*2\.\.5/],
    ['splineFilter: unknown mode', () => splineFilter(x(), { mode: 'same' as never }), TypeError, /splineFilter.*mode/],
    ['splineFilter: uint8 output', () => splineFilter(x(), { output: 'uint8' as never }), TypeError, /splineFilter.*output/],
    ['splineFilter: cval is not an option', () => splineFilter(x(), { cval: 1 } as never), TypeError, /splineFilter.*cval/],
  ];
  for (const [name, fn, cls, re] of cases) {
    it(name, () => {
      expect(fn).toThrow(cls);
      expect(fn).toThrow(re);
    });
  }
});

describe('the binding re-checks what it is given', () => {
  // Loose requests (the binding must refuse what src/ would); modes by their
  // index in MODES here, other values passed as they are.
  type Loose = (req: unknown) => unknown;
  const MODES = ['constant', 'nearest', 'reflect', 'mirror', 'wrap', 'grid-constant', 'grid-mirror', 'grid-wrap'];
  const modeOf = (m: unknown) => (typeof m === 'number' ? (MODES[m] ?? m) : m);
  const nd = {
    ndZoom: (input: unknown, out: unknown, order: unknown, mode: unknown, cval: unknown, prefilter: unknown, gridMode: unknown) =>
      (native.ndZoom as Loose)({ input, out, order, mode: modeOf(mode), cval, prefilter, gridMode }),
    ndMapCoordinates: (input: unknown, coordinates: unknown, out: unknown, order: unknown, mode: unknown, cval: unknown, prefilter: unknown) =>
      (native.ndMapCoordinates as Loose)({ input, coordinates, out, order, mode: modeOf(mode), cval, prefilter }),
    ndSplineFilter: (input: unknown, out: unknown, order: unknown, mode: unknown) =>
      (native.ndSplineFilter as Loose)({ input, out, order, mode: modeOf(mode) }),
  };
  const t = (data: Data, shape: number[], strides?: number[]) => ({ data, shape, strides: strides ?? shape.map((_, i) => prod(shape.slice(i + 1))) });
  it('views past the end of their buffers', () => {
    expect(() => nd.ndZoom(t(new Float64Array(4), [3, 4]), t(new Float64Array(48), [6, 8]), 1, 0, 0, true, false)).toThrow(RangeError);
    expect(() => nd.ndMapCoordinates(t(new Float64Array(12), [3, 4]), t(new Float64Array(4), [2, 5]), t(new Float64Array(5), [5]), 1, 0, 0, true)).toThrow(RangeError);
    expect(() => nd.ndSplineFilter(t(new Float64Array(12), [3, 4]), t(new Float64Array(11), [3, 4]), 3, 0)).toThrow(RangeError);
  });
  it('inconsistent shapes and bad enums', () => {
    const x = t(new Float64Array(12), [3, 4]);
    expect(() => nd.ndZoom(x, t(new Float64Array(12), [12]), 1, 0, 0, true, false)).toThrow(RangeError);
    expect(() => nd.ndZoom(x, t(new Float64Array(12), [3, 4]), 9, 0, 0, true, false)).toThrow(RangeError);
    expect(() => nd.ndZoom(x, t(new Float64Array(12), [3, 4]), 1, 8, 0, true, false)).toThrow(TypeError);
    expect(() => nd.ndZoom(x, t(new Float64Array(12), [3, 4]), 1, 0, 0, 1, false)).toThrow(TypeError);
    expect(() => nd.ndZoom(x, t(new Float64Array(12), [3, 4]), 1, 0, 'x', true, false)).toThrow(TypeError);
    expect(() => nd.ndMapCoordinates(x, t(new Float64Array(15), [3, 5]), t(new Float64Array(5), [5]), 1, 0, 0, true)).toThrow(RangeError);
    expect(() => nd.ndMapCoordinates(x, t(new Float64Array(10), [2, 5]), t(new Float64Array(4), [4]), 1, 0, 0, true)).toThrow(RangeError);
    expect(() => nd.ndSplineFilter(x, t(new Uint8Array(12), [3, 4]), 3, 0)).toThrow(TypeError);
    expect(() => nd.ndSplineFilter(x, t(new Float64Array(12), [4, 3]), 3, 0)).toThrow(RangeError);
    expect(() => nd.ndZoom(t(new Float64Array(0), [0, 4]), t(new Float64Array(8), [2, 4]), 1, 0, 0, true, false)).toThrow(RangeError);
  });
  it('output overlapping the input', () => {
    const d = new Float64Array(24);
    expect(() => nd.ndZoom(t(d.subarray(0, 12), [3, 4]), t(d.subarray(6, 18), [3, 4]), 1, 0, 0, true, false)).toThrow(RangeError);
  });
});
