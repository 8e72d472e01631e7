// npm run bench: times every workload here and, side by side, in PyTorch,
// SciPy and OpenCV (bench/peers.py, when /usr/bin/python3 can import them).
// For each workload it alternates ours and the peers' timing for a few
// rounds and keeps the median of each, so a load that comes and goes on a
// shared machine hits both sides alike. Prints one table per thread count
// with the ratio peer/ours (> 1 means we are faster), the median over rounds
// of each round's ratio.
// Options: --threads 1,2  --filter <substring>  --rounds 5  --min-time 0.2  --json <file>
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { writeFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import * as gs from '../dist/index.mjs';
import { workloads } from './workloads.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const opt = (name, def) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : def;
};
const threadCounts = opt('threads', `1,${gs.getNumThreads()}`).split(',').map(Number).filter((v, i, a) => a.indexOf(v) === i);
const filter = opt('filter', '');
const minTime = Number(opt('min-time', '0.2'));
const rounds = Math.max(1, Number(opt('rounds', '5')));
const selected = workloads.filter((w) => w.id.includes(filter));

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

function time(fn) {
  fn();
  fn();
  const times = [];
  const start = process.hrtime.bigint();
  while (times.length < 5 || (Number(process.hrtime.bigint() - start) / 1e9 < minTime && times.length < 200)) {
    const t0 = process.hrtime.bigint();
    fn();
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return median(times);
}

// The peer process, or null when /usr/bin/python3 or its modules are absent.
async function startPeers() {
  const py = '/usr/bin/python3';
  if (!existsSync(py)) return null;
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
      names: hello.peers,
      async time(threads, w) {
        const { prepare, ...plain } = w;
        child.stdin.write(JSON.stringify({ threads, minTime, workload: plain }) + '\n');
        return next();
      },
      close() { child.stdin.end(); },
    };
  } catch (e) {
    console.error(`peers unavailable: ${e.message}`);
    child.kill();
    return null;
  }
}

const peers = await startPeers();
const report = [];
console.log(`gridsample bench: SIMD ${gs.getSimdTarget()}, ${gs.getNumThreads()} threads available, ` +
  `${rounds} alternating rounds of ours and peers per workload; median times, ratio = median of the rounds' ratios`);
for (const threads of threadCounts) {
  gs.setNumThreads(threads);
  console.log(`\nthreads = ${threads}`);
  const peerNames = peers ? peers.names : [];
  const head = ['workload'.padEnd(60), 'ours ms'.padStart(9), ...peerNames.flatMap((p) => [`${p} ms`.padStart(11), 'ratio'.padStart(7)])];
  console.log(head.join(' '));
  for (const w of selected) {
    const run = w.prepare(w, gs, { fill, prod });
    const ours = [];
    const theirs = {};
    for (let r = 0; r < rounds; ++r) {
      ours.push(time(run));
      if (!peers) continue;
      for (const [p, ms] of Object.entries(await peers.time(threads, w))) (theirs[p] ??= []).push(ms);
    }
    const entry = { threads, id: w.id, ours: median(ours) };
    const row = [w.id.padEnd(60), entry.ours.toFixed(2).padStart(9)];
    for (const p of peerNames) {
      const t = theirs[p] ? median(theirs[p]) : undefined;
      // The ratio is the median of the rounds' ratios: each compares two
      // timings taken moments apart, so a load that comes and goes between
      // rounds cancels out instead of landing on one side.
      const ratio = t === undefined ? undefined : median(theirs[p].map((x, r) => x / ours[r]));
      row.push(t === undefined ? '-'.padStart(11) : t.toFixed(2).padStart(11));
      row.push(t === undefined ? '-'.padStart(7) : `${ratio.toFixed(2)}x`.padStart(7));
      if (t !== undefined) {
        entry[p] = t;
        entry[`${p}Ratio`] = ratio;
      }
    }
    report.push(entry);
    console.log(row.join(' '));
  }
}
peers?.close();
const jsonFile = opt('json', '');
if (jsonFile) writeFileSync(jsonFile, JSON.stringify(report, null, 2));
