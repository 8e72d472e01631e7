// Sync and async agree everywhere: one table (OPS) expanded over every public
// function x sync / async x batched / unbatched x dtype x layout (contiguous,
// channels-last, strided) x with / without `out`. Each case gives identical
// results (same bits, shape and strides) or identical errors (same class and
// message); an async error must be a rejection, never a synchronous throw.
// Combinations an op refuses (an unbatched gridSample, a uint8 theta) are kept:
// their errors must agree too.
//
// ADDING AN OP = ADDING ONE ROW to OPS: `variants` (label + input shape, batched),
// and `call(input, extra, out)` returning the sync and async calls. `extra`
// builds the op's other tensors for the input's dtype and batch.
import { describe, expect, it } from 'vitest';
import * as gs from '../dist/index.js';
import * as tf from '../dist/transforms/index.js';
import type { Tensor } from '../dist/index.js';
import { contiguousStrides, prod, random, sameBits, type Data } from './helpers';

type DT = 'float32' | 'float64' | 'uint8';
type Layout = 'contiguous' | 'channelsLast' | 'strided';
const DTYPES: DT[] = ['float32', 'float64', 'uint8'];
const LAYOUTS: Layout[] = ['contiguous', 'channelsLast', 'strided'];
const CTOR = { float32: Float32Array, float64: Float64Array, uint8: Uint8Array } as const;

type Calls = { sync: (out?: Tensor) => Tensor; async: (out?: Tensor) => Promise<Tensor> };
interface Variant {
  label: string;
  /** batched input shape; the unbatched form drops its first entry */
  shape: number[];
  call: (input: Tensor, batch: number | undefined, dt: DT) => Calls;
}
interface OpRow { fn: string; variants: Variant[]; /** the op takes no `out` */ noOut?: true }


/** A tensor of `shape` laid out as `layout`, values from `seed` (same logical values in every layout). */
function makeTensor(shape: number[], dt: DT, layout: Layout, seed: number): Tensor {
  const n = prod(shape);
  const logical = random(n, dt === 'uint8' ? 0 : -1, dt === 'uint8' ? 255 : 1, seed, CTOR[dt] as unknown as new (n: number) => Data);
  if (layout === 'contiguous') return { data: logical, shape };
  let strides: number[];
  let data: Data;
  if (layout === 'channelsLast' && shape.length >= 3) {
    // (d0, C, ...spatial) with C varying fastest
    strides = new Array<number>(shape.length);
    let acc = shape[1];
    strides[1] = 1;
    for (let i = shape.length - 1; i >= 2; --i) { strides[i] = acc; acc *= shape[i]; }
    strides[0] = acc;
    data = new (CTOR[dt])(n);
  } else {
    // every other element of a larger buffer, starting 3 elements in
    const big = shape.slice();
    big[big.length - 1] *= 2;
    strides = contiguousStrides(big);
    data = new (CTOR[dt])(prod(big) + 3).subarray(3);
  }
  const dense = contiguousStrides(shape);
  for (let i = 0; i < n; ++i) {
    let rem = i, at = 0;
    for (let d = 0; d < shape.length; ++d) { const k = Math.floor(rem / dense[d]); rem -= k * dense[d]; at += k * strides[d]; }
    data[at] = logical[i];
  }
  return { data, shape, strides };
}

const floatOf = (dt: DT) => (dt === 'float64' ? Float64Array : Float32Array);

const OPS: OpRow[] = [
  {
    fn: 'gridSample',
    variants: (['bilinear', 'nearest', 'bicubic'] as const).flatMap((mode) => [
      {
        label: `2D ${mode}`, shape: [2, 3, 6, 5],
        call: (input, batch, dt) => {
          const grid = { data: random((batch ?? 1) * 4 * 3 * 2, -1.1, 1.1, 7, floatOf(dt)), shape: batch === undefined ? [4, 3, 2] : [batch, 4, 3, 2] };
          const o = { mode, paddingMode: 'reflection' as const };
          return { sync: (out) => gs.gridSample(input, grid, { ...o, out }), async: (out) => gs.gridSampleAsync(input, grid, { ...o, out }) };
        },
      },
      {
        label: `3D ${mode}`, shape: [2, 2, 4, 3, 5],
        call: (input, batch, dt) => {
          const grid = { data: random((batch ?? 1) * 2 * 3 * 2 * 3, -1.1, 1.1, 8, floatOf(dt)), shape: batch === undefined ? [2, 3, 2, 3] : [batch, 2, 3, 2, 3] };
          const o = { mode, alignCorners: true };
          return { sync: (out) => gs.gridSample(input, grid, { ...o, out }), async: (out) => gs.gridSampleAsync(input, grid, { ...o, out }) };
        },
      },
    ]),
  },
  {
    fn: 'affineGrid',
    variants: [2, 3].map((dims) => ({
      label: `${dims}D`, shape: dims === 2 ? [2, 2, 3] : [2, 3, 4],
      call: (theta, batch) => {
        const size = dims === 2 ? [batch ?? 1, 3, 5, 4] : [batch ?? 1, 3, 3, 4, 2];
        return { sync: (out) => gs.affineGrid(theta as never, size, { out: out as never }), async: (out) => gs.affineGridAsync(theta as never, size, { out: out as never }) };
      },
    })),
  },
  {
    fn: 'adaptiveAvgPool',
    variants: [[2, 3, 9], [2, 3, 9, 7], [2, 2, 5, 6, 7]].map((shape) => ({
      label: `${shape.length - 2}D`, shape,
      call: (input) => {
        const size = shape.slice(2).map((s, i) => (i === 0 ? s + 2 : Math.max(1, s - 3)));
        return { sync: (out) => gs.adaptiveAvgPool(input, size, { out }), async: (out) => gs.adaptiveAvgPoolAsync(input, size, { out }) };
      },
    })),
  },
  {
    fn: 'interpolate',
    variants: ([
      ['nearest', [2, 3, 7], { size: 11 }],
      ['nearest-exact', [2, 3, 7, 6], { scaleFactor: 1.7 }],
      ['linear', [2, 3, 7], { size: 12, alignCorners: true }],
      ['bilinear', [2, 3, 7, 6], { size: [5, 9] }],
      ['bilinear antialias', [2, 3, 9, 8], { size: [4, 5], mode: 'bilinear', antialias: true }],
      ['bicubic', [2, 3, 7, 6], { scaleFactor: [1.5, 0.75] }],
      ['bicubic antialias', [2, 3, 9, 8], { size: [5, 3], mode: 'bicubic', antialias: true }],
      ['trilinear', [2, 2, 4, 5, 3], { size: [6, 3, 4] }],
      ['area', [2, 3, 7, 6], { size: [3, 4] }],
    ] as const).map(([label, shape, o]) => ({
      label, shape: shape.slice(),
      call: (input) => {
        const opts = { mode: label, ...o } as Record<string, unknown>;
        return { sync: (out) => gs.interpolate(input, { ...opts, out } as never), async: (out) => gs.interpolateAsync(input, { ...opts, out } as never) };
      },
    })),
  },
  {
    // gridsample/transforms: resize ([C, H, W] is its unbatched form)
    fn: 'resize',
    variants: ([
      ['bilinear', [5, 4], {}],
      ['bicubic no antialias', [12, 11], { interpolation: 'bicubic', antialias: false }],
      ['nearest', [13, 5], { interpolation: 'nearest' }],
      ['same size (a copy)', [9, 8], {}],
      ["pil lanczos", [4, 6], { interpolation: 'lanczos', backend: 'pil' }],
    ] as const).map(([label, size, o]) => ({
      label, shape: [2, 3, 9, 8],
      call: (img) => ({
        sync: (out) => tf.resize(img, size.slice(), { ...o, out } as never),
        async: (out) => tf.resizeAsync(img, size.slice(), { ...o, out } as never),
      }),
    })),
  },
  // gridsample/transforms warps (no `out`): torchvision's grid, fill blend
  ...([
    ['rotate', (img: Tensor, o: object) => tf.rotate(img, 33, o), (img: Tensor, o: object) => tf.rotateAsync(img, 33, o)],
    ['affine', (img: Tensor, o: object) => tf.affine(img, { angle: 20, scale: 1.1, shear: [5, 2], ...o }),
      (img: Tensor, o: object) => tf.affineAsync(img, { angle: 20, scale: 1.1, shear: [5, 2], ...o })],
    ['perspective', (img: Tensor, o: object) => tf.perspective(img, [[0, 0], [7, 0], [7, 8], [0, 8]], [[1, 1], [6, 0], [7, 7], [0, 8]], o),
      (img: Tensor, o: object) => tf.perspectiveAsync(img, [[0, 0], [7, 0], [7, 8], [0, 8]], [[1, 1], [6, 0], [7, 7], [0, 8]], o)],
    ['elasticTransform', (img: Tensor, o: object) => tf.elasticTransform(img, { data: random(9 * 8 * 2, -0.3, 0.3, 4), shape: [1, 9, 8, 2] }, o),
      (img: Tensor, o: object) => tf.elasticTransformAsync(img, { data: random(9 * 8 * 2, -0.3, 0.3, 4), shape: [1, 9, 8, 2] }, o)],
  ] as const).map(([fn, sync, async]): OpRow => ({
    fn,
    noOut: true,
    variants: ([
      ['bilinear fill', { interpolation: 'bilinear', fill: [1, 2, 3] }],
      ['nearest', { interpolation: 'nearest' }],
      ['bicubic fill', { interpolation: 'bicubic', fill: 9 }],
    ] as const).map(([label, o]) => ({
      label, shape: [2, 3, 9, 8],
      call: (img) => ({ sync: () => sync(img, o as object) as Tensor, async: () => async(img, o as object) as Promise<Tensor> }),
    })),
  })),
  {
    // nn.Upsample's forward / forwardAsync (they take no `out`)
    fn: 'Upsample',
    noOut: true,
    variants: [
      {
        label: 'bicubic', shape: [2, 3, 7, 6],
        call: (input) => {
          const up = new gs.Upsample({ scaleFactor: 1.5, mode: 'bicubic' });
          return { sync: () => up.forward(input), async: () => up.forwardAsync(input) };
        },
      },
    ],
  },
  {
    fn: 'zoom',
    variants: [1, 3].map((order) => ({
      label: `order ${order}`, shape: [2, 5, 6],
      call: (input) => {
        const o = { order: order as 1 | 3, mode: 'mirror' as const };
        return { sync: (out) => gs.zoom(input, [1, 1.5, 0.8], { ...o, out }), async: (out) => gs.zoomAsync(input, [1, 1.5, 0.8], { ...o, out }) };
      },
    })),
  },
  {
    fn: 'mapCoordinates',
    variants: [
      {
        label: 'order 3', shape: [2, 5, 6],
        call: (input, batch) => {
          const rank = batch === undefined ? 2 : 3;
          const coords = { data: random(rank * 4 * 3, -1, 6, 9, Float64Array), shape: [rank, 4, 3] };
          return { sync: (out) => gs.mapCoordinates(input, coords, { out }), async: (out) => gs.mapCoordinatesAsync(input, coords, { out }) };
        },
      },
    ],
  },
  {
    fn: 'splineFilter',
    variants: [
      {
        label: 'order 3', shape: [2, 5, 6],
        call: (input) => ({ sync: (out) => gs.splineFilter(input, { out }), async: (out) => gs.splineFilterAsync(input, { out }) }),
      },
    ],
  },
];

type Outcome = { ok: true; t: Tensor } | { ok: false; e: unknown };

function settle(f: () => Tensor): Outcome {
  try { return { ok: true, t: f() }; } catch (e) { return { ok: false, e }; }
}

async function settleAsync(f: () => Promise<Tensor>): Promise<Outcome> {
  let p: Promise<Tensor>;
  try { p = f(); } catch (e) { throw new Error(`the async form threw synchronously: ${String(e)}`); }
  try { return { ok: true, t: await p }; } catch (e) { return { ok: false, e }; }
}

/** A fresh tensor shaped and laid out like `t` (a dense `out` for the call). */
const like = (t: Tensor): Tensor => ({ data: new (t.data.constructor as new (n: number) => Data)(t.data.length), shape: t.shape.slice(), ...(t.strides ? { strides: t.strides.slice() } : {}) });

function expectSame(a: Outcome, b: Outcome) {
  if (!a.ok || !b.ok) {
    expect(b.ok).toBe(a.ok);
    const ea = (a as { e: Error }).e, eb = (b as { e: Error }).e;
    expect(eb?.constructor).toBe(ea?.constructor);
    expect(String(eb?.message)).toBe(String(ea?.message));
    return;
  }
  expect(b.t.shape).toEqual(a.t.shape);
  expect(b.t.strides).toEqual(a.t.strides);
  expect(b.t.data.constructor).toBe(a.t.data.constructor);
  expect(sameBits(b.t.data, a.t.data)).toBe(true);
}

interface Case { name: string; run: () => Promise<void> }
const cases: Case[] = [];
for (const op of OPS) {
  for (const v of op.variants) {
    for (const batched of [true, false]) {
      for (const dt of DTYPES) {
        for (const layout of LAYOUTS) {
          for (const withOut of op.noOut ? [false] : [false, true]) {
            const name = `${op.fn} ${v.label} ${batched ? 'batched' : 'unbatched'} ${dt} ${layout}${withOut ? ' out' : ''}`;
            cases.push({
              name,
              run: async () => {
                const shape = batched ? v.shape : v.shape.slice(1);
                const input = makeTensor(shape, dt, layout, 3);
                const calls = v.call(input, batched ? v.shape[0] : undefined, dt);
                const plain = settle(() => calls.sync());
                // `out` shaped like the sync result (any tensor if the call fails: the error must agree)
                const outA = withOut ? (plain.ok ? like(plain.t) : { data: new Float32Array(1), shape: [1] }) : undefined;
                const outB = outA && like(outA);
                const a = withOut ? settle(() => calls.sync(outA)) : plain;
                const b = await settleAsync(() => calls.async(outB));
                expectSame(a, b);
                if (withOut && a.ok && b.ok) {
                  expect(a.t.data).toBe(outA!.data);
                  expect(b.t.data).toBe(outB!.data);
                }
                if (withOut && plain.ok && a.ok) expect(sameBits(a.t.data, plain.t.data)).toBe(true);
              },
            });
          }
        }
      }
    }
  }
}

describe('sync and async give identical results or identical errors', () => {
  it('covers every public op with a ...Async twin', () => {
    const asyncFns = Object.keys(gs).filter((k) => k.endsWith('Async')).map((k) => k.slice(0, -'Async'.length));
    const transformFns = Object.keys(tf).filter((k) => k.endsWith('Async')).map((k) => k.slice(0, -'Async'.length));
    expect([...asyncFns, ...transformFns, 'Upsample'].sort()).toEqual(OPS.map((o) => o.fn).sort());
  });
  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    await c.run();
  });
});

describe('regressions', () => {
  it('adaptiveAvgPoolAsync on an unbatched (C, H, W) input equals adaptiveAvgPool (issue 15)', async () => {
    const input = { data: random(3 * 8 * 9, -1, 1, 5), shape: [3, 8, 9] };
    const a = gs.adaptiveAvgPool(input, [3, 4]);
    const b = await gs.adaptiveAvgPoolAsync(input, [3, 4]);
    expect(b.shape).toEqual([3, 3, 4]);
    expect(sameBits(b.data, a.data)).toBe(true);
  });
});
