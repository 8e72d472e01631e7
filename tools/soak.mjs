// Soak test (`npm run soak`; not part of `npm test`): a mixed load of every
// op, sync and async, from the main thread and 4 worker threads at once,
// with aborted calls and bad inputs mixed in, for a fixed number of calls.
// Prints calls/s, p50 / p99 latency, event-loop delay, peak RSS and RSS
// growth; exits non-zero on a wrong result, a crash, a leak (RSS growth over
// 5% between the end of warm-up and the end, both measured after a full GC
// in every thread) or a promise that never settles.
//
//   node --expose-gc tools/soak.mjs [--calls=N per thread, default 100000: about 3 minutes here]
//                                   [--workers=4] [--inflight=8]
//
// Every valid call's result is compared bit for bit with the same call made
// synchronously at start-up; a bad input must throw (sync) or reject (async)
// with a TypeError or RangeError naming the function; an aborted call must
// reject with an AbortError or, if the abort came too late, give the right
// result.
import { createRequire } from 'node:module';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';

const require = createRequire(import.meta.url);
const gs = require('../dist/index.js');
const tf = require('../dist/transforms/index.js');

const arg = (k, d) => Number(process.argv.find((a) => a.startsWith(`--${k}=`))?.split('=')[1] ?? d);

// ---- the mix ----------------------------------------------------------------
function rand(n, seed, Ctor = Float32Array, lo = -1, hi = 1) {
  const a = new Ctor(n);
  let s = seed >>> 0 || 1;
  for (let i = 0; i < n; ++i) { s ^= s << 13; s >>>= 0; s ^= s >>> 17; s ^= s << 5; s >>>= 0; a[i] = lo + ((s >>> 8) / 16777216) * (hi - lo); }
  return a;
}
const t = (shape, seed, Ctor = Float32Array, lo, hi) => ({ data: rand(shape.reduce((a, b) => a * b, 1), seed, Ctor, lo, hi), shape });

// [name, sync(opts), async(opts), bad-input sync call]
function mix() {
  const img = t([2, 3, 48, 40], 1);
  const img8 = t([1, 3, 64, 48], 2, Uint8Array, 0, 255);
  const vol = t([1, 2, 12, 14, 10], 3, Float64Array);
  const grid = t([2, 30, 26, 2], 4, Float32Array, -1.1, 1.1);
  const grid3 = t([1, 8, 9, 7, 3], 5, Float64Array, -1.1, 1.1);
  const theta = t([2, 2, 3], 6);
  const plane = t([40, 36], 7, Float64Array);
  const coords = t([2, 20, 18], 8, Float64Array, -2, 40);
  const chw = { data: img8.data, shape: [3, 64, 48] };
  const rows = [
    ['gridSample bilinear', (o) => gs.gridSample(img, grid, o), (o) => gs.gridSampleAsync(img, grid, o), () => gs.gridSample(img, { ...grid, shape: [1, 30, 26, 2] })],
    ['gridSample 3D bicubic', (o) => gs.gridSample(vol, grid3, { mode: 'bicubic', ...o }), (o) => gs.gridSampleAsync(vol, grid3, { mode: 'bicubic', ...o }), () => gs.gridSample(vol, grid)],
    ['gridSample uint8 nearest', (o) => gs.gridSample(img8, t([1, 20, 20, 2], 9), { mode: 'nearest', ...o }), (o) => gs.gridSampleAsync(img8, t([1, 20, 20, 2], 9), { mode: 'nearest', ...o }), () => gs.gridSample(img8, t([1, 20, 20, 2], 9, Float64Array))],
    ['affineGrid', (o) => gs.affineGrid(theta, [2, 3, 50, 60], o), (o) => gs.affineGridAsync(theta, [2, 3, 50, 60], o), () => gs.affineGrid(theta, [2, 3, 50])],
    ['interpolate bicubic', (o) => gs.interpolate(img, { size: [61, 33], mode: 'bicubic', ...o }), (o) => gs.interpolateAsync(img, { size: [61, 33], mode: 'bicubic', ...o }), () => gs.interpolate(img, { size: [61, 33, 2], mode: 'bicubic' })],
    ['interpolate antialias', (o) => gs.interpolate(img, { size: [17, 13], mode: 'bilinear', antialias: true, ...o }), (o) => gs.interpolateAsync(img, { size: [17, 13], mode: 'bilinear', antialias: true, ...o }), () => gs.interpolate(img, { size: 0, mode: 'bilinear' })],
    ['interpolate trilinear', (o) => gs.interpolate(vol, { scaleFactor: 1.5, mode: 'trilinear', ...o }), (o) => gs.interpolateAsync(vol, { scaleFactor: 1.5, mode: 'trilinear', ...o }), () => gs.interpolate(vol, { scaleFactor: -1, mode: 'trilinear' })],
    ['adaptiveAvgPool', (o) => gs.adaptiveAvgPool(img, [7, 9], o), (o) => gs.adaptiveAvgPoolAsync(img, [7, 9], o), () => gs.adaptiveAvgPool({ data: img.data, shape: img.shape, stride: [1, 1, 1, 1] }, 3)],
    ['zoom', (o) => gs.zoom(plane, [1.3, 0.7], { order: 3, ...o }), (o) => gs.zoomAsync(plane, [1.3, 0.7], { order: 3, ...o }), () => gs.zoom(plane, [1.3, 0.7, 2])],
    ['mapCoordinates', (o) => gs.mapCoordinates(plane, coords, { order: 2, mode: 'mirror', ...o }), (o) => gs.mapCoordinatesAsync(plane, coords, { order: 2, mode: 'mirror', ...o }), () => gs.mapCoordinates(plane, coords, { order: 7 })],
    ['splineFilter', (o) => gs.splineFilter(plane, { order: 5, ...o }), (o) => gs.splineFilterAsync(plane, { order: 5, ...o }), () => gs.splineFilter({ data: plane.data.subarray(1), shape: plane.shape })],
    ['resize uint8', (o) => tf.resize(chw, [29, 21], { interpolation: 'bicubic', ...o }), (o) => tf.resizeAsync(chw, [29, 21], { interpolation: 'bicubic', ...o }), () => tf.resize(chw, [0, 21])],
  ];
  return rows.map(([name, sync, async, bad]) => ({ name, sync, async, bad, want: sync({}) }));
}

function same(a, b) {
  if (a.data.constructor !== b.data.constructor || a.data.length !== b.data.length || String(a.shape) !== String(b.shape)) return false;
  const x = new Uint8Array(a.data.buffer, a.data.byteOffset, a.data.byteLength);
  const y = new Uint8Array(b.data.buffer, b.data.byteOffset, b.data.byteLength);
  for (let i = 0; i < x.length; ++i) if (x[i] !== y[i]) return false;
  return true;
}

/** Runs `calls` calls of the mix with up to `inflight` async ones at once; reports through `report`. */
async function soak({ calls, inflight, seed, phase }) {
  const rows = mix();
  const lat = [];
  const failures = [];
  let s = seed >>> 0 || 1;
  const next = () => { s ^= s << 13; s >>>= 0; s ^= s >>> 17; s ^= s << 5; s >>>= 0; return s; };
  const elDelay = monitorEventLoopDelay({ resolution: 10 });
  elDelay.enable();
  let active = 0, settled = 0, started = 0, aborted = 0, bad = 0;
  const wait = () => new Promise((r) => setImmediate(r));
  const t0 = performance.now();
  for (let i = 0; i < calls; ++i) {
    if (i === Math.floor(calls * 0.2)) await phase('warm');
    const row = rows[next() % rows.length];
    const kind = next() % 20;  // 0-1 bad input, 2-4 aborted async, 5-12 async, 13-19 sync
    if (kind < 2) {
      ++bad;
      try { row.bad(); failures.push(`${row.name}: a bad input did not throw`); } catch (e) {
        if (!(e instanceof TypeError || e instanceof RangeError)) failures.push(`${row.name}: bad input threw ${e?.constructor?.name}: ${e?.message}`);
      }
      continue;
    }
    if (kind >= 13) {
      const c0 = performance.now();
      const r = row.sync({});
      lat.push(performance.now() - c0);
      if (!same(r, row.want)) failures.push(`${row.name}: sync result differs`);
      continue;
    }
    while (active >= inflight) await wait();
    ++active; ++started;
    const ac = kind < 5 ? new AbortController() : null;
    const c0 = performance.now();
    const p = row.async(ac ? { signal: ac.signal } : {});
    if (ac) {
      ++aborted;
      const when = next() % 3;
      if (when === 0) ac.abort();
      else if (when === 1) queueMicrotask(() => ac.abort());
      else setTimeout(() => ac.abort(), next() % 3);
    }
    p.then(
      (r) => { lat.push(performance.now() - c0); if (!same(r, row.want)) failures.push(`${row.name}: async result differs`); },
      (e) => {
        if (!(ac && e?.name === 'AbortError')) failures.push(`${row.name}: async call rejected ${e?.constructor?.name}: ${e?.message}`);
      },
    ).finally(() => { --active; ++settled; });
  }
  const deadline = performance.now() + 60_000;
  while (active > 0 && performance.now() < deadline) await wait();
  if (active > 0) failures.push(`${active} promises never settled`);
  const wall = performance.now() - t0;
  elDelay.disable();
  await phase('done');
  return {
    calls, wallMs: wall, lat, failures: failures.slice(0, 20), failureCount: failures.length, started, settled, aborted, bad,
    elP50: elDelay.percentile(50) / 1e6, elP99: elDelay.percentile(99) / 1e6, elMax: elDelay.max / 1e6,
  };
}

const rssMiB = () => process.memoryUsage().rss / 2 ** 20;
const pct = (a, p) => { const s = a.slice().sort((x, y) => x - y); return s.length ? s[Math.min(s.length - 1, Math.floor(p * s.length))] : NaN; };
const collect = async () => { for (let i = 0; i < 3; ++i) { globalThis.gc?.(); await new Promise((r) => setTimeout(r, 20)); } };

if (!isMainThread) {
  // A worker: runs its share, pausing at each phase until the main thread has measured.
  const phase = (name) => new Promise((resolve) => {
    parentPort.once('message', async (m) => { if (m === 'gc') { await collect(); parentPort.postMessage('collected'); } resolve(); });
    parentPort.postMessage({ phase: name });
  });
  const r = await soak({ ...workerData, phase });
  parentPort.postMessage({ result: r });
} else {
  const calls = arg('calls', 100000), workers = arg('workers', 4), inflight = arg('inflight', 8);
  if (!globalThis.gc) console.log('soak: run with node --expose-gc for exact RSS figures');
  const file = fileURLToPath(import.meta.url);
  let peak = rssMiB();
  const sampler = setInterval(() => { peak = Math.max(peak, rssMiB()); }, 50);
  const results = [];
  const failures = [];
  // Phases: every thread reaches 'warm' (then all collect garbage, RSS is read), then 'done'.
  const threads = [];
  const arrivals = { warm: [], done: [] };
  const barrier = (name) => new Promise((resolve) => { arrivals[name].push(resolve); check(name); });
  let rssWarm = 0, rssDone = 0;
  async function check(name) {
    if (arrivals[name].length !== workers + 1) return;
    // everyone is paused: collect garbage everywhere, then read RSS
    await Promise.all(threads.map((w) => new Promise((r) => { w.once('message', r); w.postMessage('gc'); })));
    await collect();
    if (name === 'warm') rssWarm = rssMiB(); else rssDone = rssMiB();
    for (const r of arrivals[name]) r();
  }
  for (let k = 0; k < workers; ++k) {
    const w = new Worker(file, { workerData: { calls, inflight, seed: 1000 + k }});
    threads.push(w);
    const done = new Promise((resolve) => {
      w.on('message', (m) => {
        if (m?.phase) {
          // the reply ('gc') is posted by check() once every thread has arrived
          arrivals[m.phase].push(() => {});
          check(m.phase);
        } else if (m?.result) {
          results.push(m.result);
        }
      });
      w.on('error', (e) => failures.push(`worker ${k} crashed: ${e?.stack ?? e}`));
      w.on('exit', (code) => { if (code !== 0) failures.push(`worker ${k} exited with ${code}`); resolve(); });
    });
    threads[k].done = done;
  }
  const t0 = performance.now();
  results.push(await soak({ calls, inflight, seed: 7, phase: barrier }));
  await Promise.all(threads.map((w) => w.done));
  const wall = (performance.now() - t0) / 1000;
  clearInterval(sampler);

  const lat = results.flatMap((r) => r.lat);
  for (const r of results) failures.push(...r.failures);
  const total = results.reduce((a, r) => a + r.calls, 0);
  const growth = (rssDone - rssWarm) / rssWarm;
  if (results.length !== workers + 1) failures.push(`only ${results.length} of ${workers + 1} threads reported`);
  if (growth > 0.05) failures.push(`RSS grew ${(growth * 100).toFixed(1)}% after warm-up (${rssWarm.toFixed(0)} -> ${rssDone.toFixed(0)} MiB)`);
  for (const r of results) if (r.started !== r.settled) failures.push(`${r.started - r.settled} async calls never settled`);
  console.log(`soak: ${workers + 1} threads x ${calls} calls (${results.reduce((a, r) => a + r.aborted, 0)} aborted, ${results.reduce((a, r) => a + r.bad, 0)} bad inputs), ` +
    `${(total / wall).toFixed(0)} calls/s, latency p50 ${pct(lat, 0.5).toFixed(2)} ms p99 ${pct(lat, 0.99).toFixed(2)} ms, ` +
    `event-loop delay p50 ${Math.max(...results.map((r) => r.elP50)).toFixed(1)} ms p99 ${Math.max(...results.map((r) => r.elP99)).toFixed(1)} ms max ${Math.max(...results.map((r) => r.elMax)).toFixed(1)} ms, ` +
    `peak RSS ${peak.toFixed(0)} MiB, RSS after warm-up ${rssWarm.toFixed(0)} MiB, at end ${rssDone.toFixed(0)} MiB (${(growth * 100).toFixed(1)}%)`);
  if (failures.length) {
    console.log(`soak: FAILED (${failures.length}):\n  ${failures.slice(0, 20).join('\n  ')}`);
    process.exitCode = 1;
  } else {
    console.log('soak: passed');
  }
}
