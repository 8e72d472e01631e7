// npm run bench: times every workload here and, side by side, in the peers:
// PyTorch, SciPy, OpenCV and Pillow through bench/peers.py under two Pythons
// (Debian's /usr/bin/python3: torch 1.13, OpenCV 4.6, SciPy 1.10, Pillow 9.4;
// and today's peers: $PEERS_PYTHON, else the environment
// ../shared/peers/setup-modern-peers.sh creates), and Node peers (sharp) in
// this process. Each generation that is present gets its own columns.
// For each workload it alternates ours and every peer's timing for a few
// rounds and keeps the median of each, so a load that comes and goes on a
// shared machine hits all sides alike. Prints one table per thread count and
// op family, with the ratio peer/ours (> 1 means we are faster, the median
// over rounds of each round's ratio), and for ours the bytes moved per second
// (bytes read + bytes written, per call) and that as a fraction of a
// same-process memcpy (Buffer.copy, one thread) moving as many bytes.
// Workloads come with and without `out` ("[out]": a preallocated result,
// "[new]": a fresh result per call, the call most users make).
// Options: --threads 1,2  --filter <substring>[,<substring>...] (any matches)  --rounds 3  --min-time 0.1
//          --json <file>  --no-peers (ours only)
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { writeFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import os from 'node:os';
import path from 'node:path';
import * as gs from '../dist/index.mjs';
import { workloads, nodePeers } from './workloads.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const opt = (name, def) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : def;
};
const threadCounts = opt('threads', `1,${gs.getNumThreads()}`).split(',').map(Number).filter((v, i, a) => a.indexOf(v) === i);
const filters = opt('filter', '').split(',');
const minTime = Number(opt('min-time', '0.1'));
const rounds = Math.max(1, Number(opt('rounds', '3')));
const withPeers = !args.includes('--no-peers');
const selected = workloads.filter((w) => filters.some((f) => w.id.includes(f)));

// Deterministic pseudo-random data (xorshift), uniform in [lo, hi).
function fill(arr, lo, hi, seed) {
  let s = seed >>> 0 || 1;
  for (let i = 0; i < arr.length; ++i) {
    s ^= s << 13; s >>>= 0; s ^= s >>> 17; s ^= s << 5; s >>>= 0;
    arr[i] = lo + ((s >>> 8) / 16777216) * (hi - lo);
  }
  return arr;
}
const prod = (s) => s.reduce((a, b) => a * b, 1);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
// The bytes a call reads and writes: the sum of the tensors' (or typed arrays') byte lengths.
const bytesOf = (...ts) => ts.reduce((s, t) => s + (t?.data ?? t).byteLength, 0);
const helpers = { fill, prod, bytesOf };

// Median of at least 3 timed calls after a warm-up call, more while under --min-time (at most 200).
function time(fn) {
  fn();
  const times = [];
  const start = process.hrtime.bigint();
  while (times.length < 3 || (Number(process.hrtime.bigint() - start) / 1e9 < minTime && times.length < 200)) {
    const t0 = process.hrtime.bigint();
    fn();
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return median(times);
}

async function timeAsync(fn) {
  await fn();
  const times = [];
  const start = process.hrtime.bigint();
  while (times.length < 3 || (Number(process.hrtime.bigint() - start) / 1e9 < minTime && times.length < 200)) {
    const t0 = process.hrtime.bigint();
    await fn();
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return median(times);
}

// memcpy of `bytes` moved bytes (half read, half written), ms; one buffer pair per size.
const memcpyBuffers = new Map();
function memcpyMs(bytes) {
  const half = Math.max(1, Math.ceil(bytes / 2));
  if (!memcpyBuffers.has(half)) {
    memcpyBuffers.clear();
    memcpyBuffers.set(half, [Buffer.alloc(half, 1), Buffer.alloc(half)]);
  }
  const [src, dst] = memcpyBuffers.get(half);
  return time(() => src.copy(dst));
}

// The Pythons to run bench/peers.py under: Debian's and today's peers.
function pythons() {
  const cache = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  const modern = process.env.PEERS_PYTHON || path.join(cache, 'gridsample-peers', 'bin', 'python');
  return ['/usr/bin/python3', modern].filter((p, i, a) => existsSync(p) && a.indexOf(p) === i);
}

// A peer process, or null when its python or modules are absent.
async function startPeers(py) {
  const child = spawn(py, [path.join(here, 'peers.py')], { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const next = async () => {
    const r = await lines.next();
    if (r.done) throw new Error('peers.py exited');
    return JSON.parse(r.value);
  };
  try {
    const hello = await next();
    return {
      py,
      peers: hello.peers, // { name: { version, ops: [...] } }
      async time(threads, w) {
        const { prepare, ...plain } = w;
        child.stdin.write(JSON.stringify({ threads, minTime, workload: plain }) + '\n');
        return next();
      },
      close() { child.stdin.end(); },
    };
  } catch (e) {
    console.error(`peers under ${py} unavailable: ${e.message}`);
    child.kill();
    return null;
  }
}

const short = (v) => String(v).split('+')[0].split('.').slice(0, 2).join('.');
const procs = withPeers ? (await Promise.all(pythons().map(startPeers))).filter(Boolean) : [];
// Columns: one per peer and generation, e.g. 'torch 1.13', 'torch 2.14', 'sharp 0.35'.
const columns = [];
for (const proc of procs)
  for (const [name, info] of Object.entries(proc.peers)) columns.push({ label: `${name} ${short(info.version)}`, name, ops: info.ops, proc });
const nodePeerList = withPeers ? (await Promise.all(nodePeers.map(async (p) => ({ p, ok: await p.load() })))).filter((x) => x.ok).map((x) => x.p) : [];
for (const p of nodePeerList) columns.push({ label: `${p.name} ${short(p.version())}`, name: p.name, ops: p.ops, node: p });
columns.sort((a, b) => a.name.localeCompare(b.name) || (a.proc ? 0 : 1) - (b.proc ? 0 : 1) || procs.indexOf(a.proc) - procs.indexOf(b.proc));

const report = [];
const t0 = Date.now();
console.log(`gridsample bench: SIMD ${gs.getSimdTarget()}, ${gs.getNumThreads()} threads available, ` +
  `${rounds} alternating rounds of ours and peers per workload; median times, ratio = median of the rounds' ratios`);
for (const proc of procs) console.log(`peers under ${proc.py}: ` + Object.entries(proc.peers).map(([n, i]) => `${n} ${i.version}`).join(', '));
for (const p of nodePeerList) console.log(`peers in Node: ${p.name} ${p.version()}`);
console.log('GB/s: bytes read + written per call / time; mem: that as a fraction of a one-thread memcpy moving as many bytes');
for (const threads of threadCounts) {
  gs.setNumThreads(threads);
  for (const p of nodePeerList) p.setThreads?.(threads);
  console.log(`\nthreads = ${threads}`);
  let lastOp = null;
  let cols = [];
  for (const w of selected) {
    if (w.op !== lastOp) {
      // A header per op family, with the peers that run it.
      lastOp = w.op;
      cols = columns.filter((c) => c.ops.includes(w.op));
      const head = ['workload'.padEnd(64), 'ours ms'.padStart(9), 'GB/s'.padStart(6), 'mem'.padStart(5),
        ...cols.flatMap((c) => [`${c.label}`.padStart(12), 'ratio'.padStart(7)])];
      console.log(head.join(' '));
    }
    const run = w.prepare(w, gs, helpers);
    const peerRuns = new Map();
    for (const c of cols.filter((c) => c.node)) {
      try {
        peerRuns.set(c, await c.node.make(w, helpers));
      } catch (e) {
        console.error(`${c.label} ${w.id}: ${e.message}`);
      }
    }
    const ours = [];
    const theirs = new Map();
    const push = (c, ms) => {
      if (!theirs.has(c)) theirs.set(c, new Array(rounds).fill(undefined));
      theirs.get(c)[ours.length - 1] = ms;
    };
    for (let r = 0; r < rounds; ++r) {
      ours.push(time(run));
      for (const proc of procs) {
        if (!cols.some((c) => c.proc === proc)) continue;
        const res = await proc.time(threads, w);
        for (const c of cols) if (c.proc === proc && res[c.name] !== undefined) push(c, res[c.name]);
      }
      for (const [c, fn] of peerRuns) push(c, await timeAsync(fn));
    }
    const entry = { threads, id: w.id, ours: median(ours) };
    const row = [w.id.padEnd(64), entry.ours.toFixed(2).padStart(9)];
    if (run.bytes) {
      const gbs = run.bytes / (entry.ours * 1e6);
      const mem = memcpyMs(run.bytes) / entry.ours;
      Object.assign(entry, { bytes: run.bytes, gbs, memFraction: mem });
      row.push(gbs.toFixed(1).padStart(6), mem.toFixed(2).padStart(5));
    } else row.push('-'.padStart(6), '-'.padStart(5));
    for (const c of cols) {
      const ts = (theirs.get(c) ?? []).filter((x) => x !== undefined);
      if (!ts.length) {
        row.push('-'.padStart(12), '-'.padStart(7));
        continue;
      }
      const t = median(ts);
      // The ratio is the median of the rounds' ratios: each compares two
      // timings taken moments apart, so a load that comes and goes between
      // rounds cancels out instead of landing on one side.
      const ratio = median(theirs.get(c).flatMap((x, r) => (x === undefined ? [] : [x / ours[r]])));
      row.push(t.toFixed(2).padStart(12), `${ratio.toFixed(2)}x`.padStart(7));
      entry[c.label] = t;
      entry[`${c.label} ratio`] = ratio;
    }
    report.push(entry);
    console.log(row.join(' '));
  }
}
for (const proc of procs) proc.close();
console.log(`\n${selected.length} workloads x ${threadCounts.length} thread counts in ${((Date.now() - t0) / 60000).toFixed(1)} min`);
const jsonFile = opt('json', '');
if (jsonFile) writeFileSync(jsonFile, JSON.stringify(report, null, 2));
