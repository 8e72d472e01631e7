// npm run bench: times every workload here and, in the same run, in PyTorch
// (and other peers) through bench/peers.py when /usr/bin/python3 can import
// them; prints one table per thread count with the ratio peer/ours (> 1 means
// we are faster). Options: --threads 1,2  --filter <substring>  --json <file>
import { spawnSync } from 'node:child_process';
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
const minTime = Number(opt('min-time', '0.4'));
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
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

function runPeers(threads) {
  const py = '/usr/bin/python3';
  if (!existsSync(py)) return null;
  const r = spawnSync(py, [path.join(here, 'peers.py')], {
    input: JSON.stringify({ threads, minTime, workloads: selected.map(({ prepare, ...w }) => w) }),
    encoding: 'utf8',
    maxBuffer: 1 << 24,
  });
  if (r.status !== 0) {
    console.error(`peers.py failed (${r.status}): ${r.stderr.trim().split('\n').slice(-3).join(' | ')}`);
    return null;
  }
  return JSON.parse(r.stdout);
}

const report = [];
console.log(`gridsample bench: SIMD ${gs.getSimdTarget()}, ${gs.getNumThreads()} threads available, median of repeated runs`);
for (const threads of threadCounts) {
  gs.setNumThreads(threads);
  const ours = {};
  for (const w of selected) ours[w.id] = time(w.prepare(w, gs, { fill, prod }));
  const peers = runPeers(threads) ?? {};
  const peerNames = [...new Set(Object.values(peers).flatMap((p) => Object.keys(p)))];
  console.log(`\nthreads = ${threads}`);
  const head = ['workload'.padEnd(52), 'ours ms'.padStart(9), ...peerNames.flatMap((p) => [`${p} ms`.padStart(11), 'ratio'.padStart(7)])];
  console.log(head.join(' '));
  for (const w of selected) {
    const row = [w.id.padEnd(52), ours[w.id].toFixed(2).padStart(9)];
    const entry = { threads, id: w.id, ours: ours[w.id] };
    for (const p of peerNames) {
      const t = peers[w.id]?.[p];
      row.push(t === undefined ? '-'.padStart(11) : t.toFixed(2).padStart(11));
      row.push(t === undefined ? '-'.padStart(7) : `${(t / ours[w.id]).toFixed(2)}x`.padStart(7));
      if (t !== undefined) entry[p] = t;
    }
    report.push(entry);
    console.log(row.join(' '));
  }
}
const jsonFile = opt('json', '');
if (jsonFile) writeFileSync(jsonFile, JSON.stringify(report, null, 2));
