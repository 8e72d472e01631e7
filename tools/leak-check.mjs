#!/usr/bin/env node
// Leak check: runs every op (sync and async, success and error paths) many
// times and watches the process's resident memory.
//
//   node tools/leak-check.mjs            # 100,000 iterations per op and path
//   node tools/leak-check.mjs 5000       # fewer (CI)
//   LEAK_OPS=zoom,interpolate node tools/leak-check.mjs   # only some ops
//
// After a warm-up (10% of the iterations) RSS is sampled 10 times per op and
// path; the check fails if RSS grows by more than BOUND_MB (default 64 MB, env
// LEAK_BOUND_MB) from the end of warm-up to the end. A leak of even 100 bytes
// per call shows up as 10 MB per 100,000 calls, so a real leak of any tensor
// buffer (kilobytes per call here) cannot hide under the bound, while GC
// noise stays well below it.
//
// ADDING AN OP = ADDING ONE ENTRY to OPS below: a name, a sync `ok` call, an
// async `okAsync` call, and `bad` / `badAsync` calls that must throw / reject.
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import v8 from 'node:v8';
import vm from 'node:vm';

const require = createRequire(import.meta.url);
const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const gs = require(path.join(root, 'dist', 'index.js'));

const iterations = Number(process.argv[2] ?? 100_000);
const boundMB = Number(process.env.LEAK_BOUND_MB ?? 64);
if (!Number.isInteger(iterations) || iterations < 100) {
  console.error('usage: node tools/leak-check.mjs [iterations >= 100]');
  process.exit(2);
}

const f32 = (n, seed) => { const a = new Float32Array(n); let s = seed; for (let i = 0; i < n; ++i) { s = (s * 1103515245 + 12345) >>> 0; a[i] = (s / 2 ** 32) * 2.2 - 1.1; } return a; };

// Sizes: a few KB per call, so a leaked buffer would be visible at once.
const input = { data: f32(2 * 3 * 16 * 16, 1), shape: [2, 3, 16, 16] };
const grid = { data: f32(2 * 12 * 12 * 2, 2), shape: [2, 12, 12, 2] };
const input5 = { data: f32(1 * 2 * 6 * 7 * 8, 3), shape: [1, 2, 6, 7, 8] };
const grid5 = { data: f32(1 * 5 * 5 * 5 * 3, 4), shape: [1, 5, 5, 5, 3] };
const out = { data: new Float32Array(2 * 3 * 12 * 12), shape: [2, 3, 12, 12] };
const badGrid = { data: new Float32Array(10), shape: [2, 12, 12, 2] };
// a bad call that reaches the native layer (view past its buffer, detected natively)
const native = require('node-gyp-build')(root);
const t = (data, shape, strides) => ({ data, shape, strides });

// Every other op: success on a few KB per call, errors from
// src/ (sync throw, async reject) and from the native layer (raw binding).
const f64 = (n, seed) => Float64Array.from(f32(n, seed));
const img = { data: f32(2 * 3 * 16 * 16, 5), shape: [2, 3, 16, 16] };
const img5 = { data: f32(1 * 2 * 6 * 7 * 8, 6), shape: [1, 2, 6, 7, 8] };
const theta = { data: f32(2 * 6, 7), shape: [2, 2, 3] };
const theta3 = { data: f64(2 * 12, 8), shape: [2, 3, 4] };
const plane = { data: f64(24 * 20, 9), shape: [24, 20] };
const coords = { data: Float64Array.from(f32(2 * 12 * 10, 10), (v) => (v + 1.1) * 10), shape: [2, 12, 10] };
const nt = (data, shape) => {
  const strides = new Array(shape.length);
  for (let i = shape.length - 1, acc = 1; i >= 0; --i) { strides[i] = acc; acc *= shape[i]; }
  return { data, shape, strides };
};
const MODES_I = ['nearest', 'nearest-exact', 'bilinear', 'bicubic', 'area'];
const ND = ['constant', 'nearest', 'reflect', 'mirror', 'wrap', 'grid-constant', 'grid-mirror', 'grid-wrap'];
const up = new gs.Upsample({ scaleFactor: 1.5, mode: 'bilinear' });
const MORE_OPS = [
  {
    name: 'affineGrid',
    ok: (i) => gs.affineGrid(theta, [2, 3, 12, 10], { alignCorners: i % 2 === 0 }),
    okAsync: (i) => gs.affineGridAsync(theta3, [2, 1, 5, 6, 7], { alignCorners: i % 2 === 0 }),
    okOut: () => gs.affineGrid(theta, [2, 3, 12, 10], { out: { data: new Float32Array(2 * 12 * 10 * 2), shape: [2, 12, 10, 2] } }),
    bad: () => gs.affineGrid(theta, [2, 3, -1, 10]),
    badAsync: () => gs.affineGridAsync(theta, [3, 3, 12, 10]),
    badNative: () => native.affineGrid({ theta: nt(new Float32Array(6), [1, 2, 3]), out: nt(new Float32Array(10), [1, 3, 4, 2]), alignCorners: false }),
    badNativeAsync: () => native.affineGridAsync({ theta: nt(new Float32Array(12), [1, 3, 4]), out: nt(new Float32Array(24), [1, 3, 4, 2]), alignCorners: false }),
  },
  {
    name: 'adaptiveAvgPool',
    ok: (i) => gs.adaptiveAvgPool(img, [5 + (i % 3), 7]),
    okAsync: (i) => gs.adaptiveAvgPoolAsync(img5, [3, 4, 5], { memoryFormat: i % 2 ? 'channelsLast' : 'contiguous' }),
    okOut: () => gs.adaptiveAvgPool(img, [5, 7], { out: { data: new Float32Array(2 * 3 * 5 * 7), shape: [2, 3, 5, 7] } }),
    bad: () => gs.adaptiveAvgPool(img, [5, -7]),
    badAsync: () => gs.adaptiveAvgPoolAsync(img, [5, 7], { memoryFormat: 'nhwc' }),
    badNative: () => native.adaptiveAvgPool({ input: nt(new Float32Array(10), [1, 1, 4, 4]), out: nt(new Float32Array(4), [1, 1, 2, 2]) }),
    badNativeAsync: () => native.adaptiveAvgPoolAsync({ input: nt(new Float32Array(16), [1, 1, 4, 4]), out: nt(new Float32Array(4), [1, 2, 2, 1]) }),
  },
  {
    name: 'interpolate',
    ok: (i) => gs.interpolate(img, { size: [11, 21], mode: MODES_I[i % 5] }),
    okAsync: (i) => i % 2 ? gs.interpolateAsync(img, { size: [7, 9], mode: i % 4 === 1 ? 'bilinear' : 'bicubic', antialias: true }) : gs.interpolateAsync(img5, { scaleFactor: 1.3, mode: 'trilinear' }),
    okOut: () => gs.interpolate(img, { scaleFactor: 2, out: { data: new Float32Array(2 * 3 * 32 * 32), shape: [2, 3, 32, 32] } }),
    bad: () => gs.interpolate(img, { size: [11, 21], scaleFactor: 2 }),
    badAsync: () => gs.interpolateAsync(img, { scaleFactor: NaN }),
    badNative: () => native.interpolate({ input: nt(new Float32Array(16), [1, 1, 4, 4]), out: nt(new Float32Array(9), [1, 1, 3, 3]), mode: 'bilinear', alignCorners: false, scales: [1e-300, 0] }),
    badNativeAsync: () => native.interpolateAntialiasAsync({ input: nt(new Float32Array(16), [1, 1, 4, 4]), out: nt(new Float32Array(9), [1, 1, 3, 3]), mode: 'bilinear', alignCorners: false, scales: [1e-300, 0] }),
  },
  {
    name: 'Upsample',
    ok: () => up.forward(img),
    okAsync: () => up.forwardAsync(img),
    bad: () => new gs.Upsample({ size: 3, scaleFactor: 2 }),
    badAsync: () => up.forwardAsync(img5),
  },
  {
    name: 'zoom',
    ok: (i) => gs.zoom(plane, [0.6, 1.3], { order: i % 6, mode: ND[i % 8] }),
    okAsync: (i) => gs.zoomAsync(plane, 0.8, { order: i % 6, mode: ND[i % 8], gridMode: i % 2 === 0, output: 'float32' }),
    okOut: () => gs.zoom(plane, 0.5, { out: { data: new Float64Array(12 * 10), shape: [12, 10] } }),
    bad: () => gs.zoom(plane, [0.5, 0]),
    badAsync: () => gs.zoomAsync(plane, 2, { order: 6 }),
    badNative: () => native.ndZoom({ input: nt(new Float32Array(30), [4, 8]), out: nt(new Float32Array(15), [3, 5]), order: 3, mode: 'constant', cval: 0, prefilter: true, gridMode: false }),
    badNativeAsync: () => native.ndZoomAsync({ input: nt(new Float32Array(32), [4, 8]), out: nt(new Float32Array(15), [15]), order: 3, mode: 'constant', cval: 0, prefilter: true, gridMode: false }),
  },
  {
    name: 'mapCoordinates',
    ok: (i) => gs.mapCoordinates(plane, coords, { order: i % 6, mode: ND[i % 8], cval: i % 3 ? 0 : NaN }),
    okAsync: (i) => gs.mapCoordinatesAsync(plane, coords, { order: i % 6, mode: ND[(i + 3) % 8] }),
    okOut: () => gs.mapCoordinates(plane, coords, { out: { data: new Float64Array(12 * 10), shape: [12, 10] } }),
    bad: () => gs.mapCoordinates(plane, { data: coords.data, shape: [3, 8, 10] }),
    badAsync: () => gs.mapCoordinatesAsync(plane, coords, { cval: '0' }),
    badNative: () => native.ndMapCoordinates({ input: nt(new Float32Array(32), [4, 8]), coordinates: nt(new Float32Array(12), [3, 2, 2]), out: nt(new Float32Array(4), [2, 2]), order: 3, mode: 'constant', cval: 0, prefilter: true }),
    badNativeAsync: () => native.ndMapCoordinatesAsync({ input: nt(new Float32Array(32), [4, 8]), coordinates: nt(new Float32Array(12), [3, 2, 2]), out: nt(new Float32Array(4), [2, 2]), order: 3, mode: 'constant', cval: 0, prefilter: true }),
  },
  {
    name: 'splineFilter',
    ok: (i) => gs.splineFilter(plane, { order: 2 + (i % 4), mode: ND[i % 8] }),
    okAsync: (i) => gs.splineFilterAsync(plane, { order: 2 + (i % 4), output: 'float32' }),
    okOut: () => gs.splineFilter(plane, { out: { data: new Float64Array(24 * 20), shape: [24, 20] } }),
    bad: () => gs.splineFilter(plane, { order: 1 }),
    badAsync: () => gs.splineFilterAsync(plane, { output: 'uint8' }),
    badNative: () => native.ndSplineFilter({ input: nt(new Float32Array(32), [4, 8]), out: nt(new Uint8Array(32), [4, 8]), order: 3, mode: 'constant' }),
    badNativeAsync: () => native.ndSplineFilterAsync({ input: nt(new Float32Array(32), [4, 8]), out: nt(new Float32Array(32), [8, 4]), order: 3, mode: 'constant' }),
  },
];

const OPS = [
  {
    name: 'gridSample',
    ok: (i) => gs.gridSample(input, grid, { mode: ['bilinear', 'nearest', 'bicubic'][i % 3] }),
    okAsync: (i) => gs.gridSampleAsync(input5, grid5, { mode: ['bilinear', 'nearest', 'bicubic'][i % 3], out: undefined }),
    okOut: () => gs.gridSample(input, grid, { out }),
    bad: () => gs.gridSample(input, badGrid),
    badAsync: () => gs.gridSampleAsync(input, grid, { mode: 'area' }),
    badNative: () => native.gridSample({ input: t(new Float32Array(10), [1, 1, 4, 4], [16, 16, 4, 1]), grid: t(new Float32Array(2), [1, 1, 1, 2], [2, 2, 2, 1]), out: t(new Float32Array(1), [1, 1, 1, 1], [1, 1, 1, 1]), mode: 'bilinear', padding: 'zeros', alignCorners: false }),
    badNativeAsync: () => native.gridSampleAsync({ input: t(new Float32Array(16), [1, 1, 4, 4], [16, 16, 4, 1]), grid: t(new Float32Array(2), [1, 1, 1, 2], [2, 2, 2, 1]), out: t(new Float32Array(4), [1, 1, 2, 2], [4, 4, 2, 1]), mode: 'bilinear', padding: 'zeros', alignCorners: false }),
  },
  ...MORE_OPS,
  {
    name: 'runtime',
    ok: (i) => { gs.setNumThreads(1 + (i % 2)); return gs.getNumThreads() + gs.getSimdTarget().length + gs.bestSimdTarget().length; },
    bad: () => gs.setNumThreads(0),
  },
];

const mb = () => process.memoryUsage().rss / 2 ** 20;
// A full GC before each sample steadies the figures (works without --expose-gc).
v8.setFlagsFromString('--expose-gc');
const gc = globalThis.gc ?? vm.runInNewContext('gc');

async function measure(label, fn, kind) {
  const warm = Math.floor(iterations / 10);
  const every = Math.max(1, Math.floor((iterations - warm) / 10));
  const samples = [];
  let next = warm;
  const batch = kind === 'async' ? 64 : 1;
  for (let i = 0; i < iterations; i += batch) {
    if (kind === 'async') {
      const ps = [];
      for (let j = 0; j < batch && i + j < iterations; ++j) ps.push(fn(i + j));
      await Promise.allSettled(ps);
    } else if (kind === 'throws') {
      try { fn(i); throw new Error(`${label} did not throw`); } catch (e) { if (!(e instanceof TypeError || e instanceof RangeError)) throw e; }
    } else {
      fn(i);
    }
    if (i + batch > next) {
      gc();
      samples.push(mb());
      next += every;
    }
    // let finalizers and the event loop run now and then
    if (i % 5000 < batch) await new Promise((r) => setImmediate(r));
  }
  const growth = samples[samples.length - 1] - samples[0];
  const line = `${label.padEnd(34)} RSS MB ${samples.map((s) => s.toFixed(0)).join(' ')}  growth ${growth >= 0 ? '+' : ''}${growth.toFixed(1)}`;
  console.log(line);
  return growth;
}

async function rejecting(fn) {
  return fn().then(() => { throw new Error('did not reject'); }, (e) => { if (!(e instanceof TypeError || e instanceof RangeError)) throw e; });
}

let worst = 0;
let failed = false;
console.log(`leak check: ${iterations} iterations per op and path, bound +${boundMB} MB after warm-up, start RSS ${mb().toFixed(0)} MB`);
// LEAK_OPS=zoom,interpolate limits the run to those entries (by name).
const only = process.env.LEAK_OPS ? process.env.LEAK_OPS.split(',') : null;
for (const op of OPS) {
  if (only && !only.includes(op.name)) continue;
  const paths = [
    ['sync ok', op.ok, 'sync'],
    ['sync ok (options.out)', op.okOut, 'sync'],
    ['async ok', op.okAsync, 'async'],
    ['sync error', op.bad, 'throws'],
    ['async error', op.badAsync && (() => rejecting(op.badAsync)), 'async'],
    ['native sync error', op.badNative, 'throws'],
    ['native async error', op.badNativeAsync && (() => rejecting(op.badNativeAsync)), 'async'],
  ];
  for (const [p, fn, kind] of paths) {
    if (!fn) continue;
    try {
      const g = await measure(`${op.name} ${p}`, fn, kind);
      worst = Math.max(worst, g);
      if (g > boundMB) { failed = true; console.log(`  ^ grew more than ${boundMB} MB`); }
    } catch (e) {
      failed = true;
      console.log(`${op.name} ${p}: FAILED: ${e.message}`);
    }
  }
}
gs.setNumThreads(require('node:os').availableParallelism?.() ?? 2);
console.log(`leak check ${failed ? 'FAILED' : 'passed'}: largest growth ${worst.toFixed(1)} MB (bound ${boundMB} MB), final RSS ${mb().toFixed(0)} MB`);
process.exit(failed ? 1 : 0);
