// Async calls under load: JavaScript-thread time per gridSampleAsync call and
// peak RSS with 1, 100 and 2,000 calls in flight (issue 15's workload: input
// 1x16x256x256 float32 = 4 MiB, a 256x256 bilinear grid, a 4 MiB result).
//
//   node bench/async-load.mjs [levels=1,100,2000] [--limit=MiB] [--threads=n]
//
// A level L submits L calls at once and waits for all (repeated until at
// least 200 calls ran). A call's JavaScript-thread time is the time inside
// gridSampleAsync when it is made plus, if it waited in the queue, the time
// its start took later (the binding call: re-check and input snapshot),
// measured by wrapping the binding; settling (no copy: the result is the
// binding's own array) is in the event-loop utilisation figure. Peak RSS is
// the kernel's VmHWM, reset before each level (Linux).
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';

const require = createRequire(import.meta.url);
const gs = require('../dist/index.js');
const { native } = require('../dist/addon.js');

const args = process.argv.slice(2);
const levels = (args.find((a) => !a.startsWith('--')) ?? '1,100,2000').split(',').map(Number);
const opt = (k) => args.find((a) => a.startsWith(`--${k}=`))?.split('=')[1];
if (opt('limit')) gs.setAsyncMemoryLimit(Number(opt('limit')) * 2 ** 20);
if (opt('threads')) gs.setNumThreads(Number(opt('threads')));

const MiB = 2 ** 20;
const input = { data: new Float32Array(16 * 256 * 256).map((_, i) => Math.sin(i)), shape: [1, 16, 256, 256] };
const grid = { data: new Float32Array(256 * 256 * 2).map((_, i) => Math.cos(i * 0.37)), shape: [1, 256, 256, 2] };

// Time of every binding call (the start of a call), in call order (FIFO).
const starts = [];
const binding = native.gridSampleAsync;
native.gridSampleAsync = function (...a) {
  const t = performance.now();
  try { return binding.apply(this, a); } finally { starts.push(performance.now() - t); }
};

const hwm = () => {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
  return m ? Number(m[1]) * 1024 : process.memoryUsage().rss;
};
const resetHwm = () => { try { writeFileSync('/proc/self/clear_refs', '5'); } catch { /* not Linux */ } };
const pct = (a, p) => { const s = a.slice().sort((x, y) => x - y); return s[Math.min(s.length - 1, Math.floor(p * s.length))]; };

async function level(L) {
  const rounds = Math.max(1, Math.ceil(200 / L));
  globalThis.gc?.();
  const rss0 = process.memoryUsage().rss;
  resetHwm();
  const perCall = [];
  const elu0 = performance.eventLoopUtilization();
  const t0 = performance.now();
  let maxQueued = 0, maxBytes = 0;
  for (let r = 0; r < rounds; ++r) {
    starts.length = 0;
    const submit = [];
    const ps = [];
    for (let i = 0; i < L; ++i) {
      const t = performance.now();
      const p = gs.gridSampleAsync(input, grid);
      submit.push(performance.now() - t);
      ps.push(p.then(() => undefined));  // the result is dropped at once, as a server would after replying
    }
    const s = gs.getAsyncStats();
    maxQueued = Math.max(maxQueued, s.queued);
    maxBytes = Math.max(maxBytes, s.bytesInFlight);
    const started = starts.length;  // calls that started inside their own submit
    await Promise.all(ps);
    // calls 0..started-1 started at once (their binding time is inside `submit`);
    // the later ones started from the queue: add their start time.
    for (let i = 0; i < L; ++i) perCall.push(submit[i] + (i >= started ? starts[i] : 0));
  }
  const wall = performance.now() - t0;
  const elu = performance.eventLoopUtilization(elu0);
  const calls = rounds * L;
  return {
    inFlight: L, calls,
    jsMsMedian: pct(perCall, 0.5), jsMsP99: pct(perCall, 0.99), jsMsMax: Math.max(...perCall),
    eventLoopBusyMsPerCall: (elu.active / calls),
    wallS: wall / 1000,
    peakRssMiB: hwm() / MiB, rssBeforeMiB: rss0 / MiB,
    maxQueued, maxBytesInFlightMiB: maxBytes / MiB,
  };
}

console.log(`gridSampleAsync 1x16x256x256 float32 (4 MiB) bilinear, ${gs.getNumThreads()} threads, ` +
  `async memory limit ${gs.getAsyncMemoryLimit() / MiB} MiB, node ${process.version}`);
const rows = [];
for (const L of levels) {
  const r = await level(L);
  rows.push(r);
  console.log(`in flight ${String(L).padStart(5)}: ${r.calls} calls, JS-thread ms/call median ${r.jsMsMedian.toFixed(3)} p99 ${r.jsMsP99.toFixed(3)} max ${r.jsMsMax.toFixed(2)}, ` +
    `event loop busy ${r.eventLoopBusyMsPerCall.toFixed(3)} ms/call, wall ${r.wallS.toFixed(1)} s, peak RSS ${r.peakRssMiB.toFixed(0)} MiB ` +
    `(before ${r.rssBeforeMiB.toFixed(0)}), max queued ${r.maxQueued}, max in flight ${r.maxBytesInFlightMiB.toFixed(0)} MiB`);
}
if (args.includes('--json')) console.log(JSON.stringify(rows));
