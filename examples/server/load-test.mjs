// Load test of examples/server with autocannon against 127.0.0.1: requests/s,
// p50 / p99 latency and the server's peak RSS at 1, 64 and 512 connections,
// then a burst far beyond the budget (a small memory limit and queue) that
// must be queued or refused with 503, never crash the server.
//
//   node examples/server/load-test.mjs [--seconds=10] [--connections=1,64,512]
//
// Each request resizes a 512x512 RGB image (768 KiB raw) to 256x256
// (antialiased bilinear). The server runs in a child process so its RSS is
// its own (VmHWM from /proc, reset between runs).
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

const here = path.dirname(fileURLToPath(import.meta.url));
const arg = (k, d) => process.argv.find((a) => a.startsWith(`--${k}=`))?.split('=')[1] ?? d;
const seconds = Number(arg('seconds', 10));
const levels = arg('connections', '1,64,512').split(',').map(Number);

const W = 512, H = 512;
const body = Buffer.alloc(W * H * 3);
for (let i = 0; i < body.length; ++i) body[i] = (i * 2654435761) >>> 24;
const headers = { 'content-type': 'application/octet-stream', 'x-width': String(W), 'x-height': String(H), 'x-out-width': '256', 'x-out-height': '256' };

function startChild(memory, queue) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(here, 'server.mjs'), '--port=0', `--memory=${memory}`, `--queue=${queue}`], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      const m = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(out);
      if (m) resolve({ child, url: `http://127.0.0.1:${m[1]}` });
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code} before listening`)));
  });
}

const vmHwm = (pid) => Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) / 1024;
const resetHwm = (pid) => { try { writeFileSync(`/proc/${pid}/clear_refs`, '5'); } catch { /* needs Linux */ } };

function run(url, connections, duration) {
  return new Promise((resolve, reject) => {
    autocannon({ url: `${url}/resize`, method: 'POST', headers, body, connections, duration, pipelining: 1, timeout: 60 }, (err, r) => (err ? reject(err) : resolve(r)));
  });
}

async function stats(url) {
  return (await fetch(`${url}/stats`)).json();
}

const rows = [];
async function level(memory, queue, connections, label) {
  const { child, url } = await startChild(memory, queue);
  try {
    await run(url, Math.min(connections, 4), 1);  // warm-up (JIT, thread pool, allocator)
    resetHwm(child.pid);
    const r = await run(url, connections, seconds);
    const s = await stats(url);
    const row = {
      label, connections, memoryMiB: memory, queue,
      requestsPerS: r.requests.average, p50Ms: r.latency.p50, p99Ms: r.latency.p99,
      ok: r['2xx'], refused503: r.statusCodeStats?.['503']?.count ?? 0, otherNon2xx: r.non2xx - (r.statusCodeStats?.['503']?.count ?? 0),
      errors: r.errors, timeouts: r.timeouts, serverRunning: s.running, serverQueued: s.queued,
      peakRssMiB: vmHwm(child.pid), alive: child.exitCode === null,
    };
    rows.push(row);
    console.log(`${label.padEnd(22)} ${String(connections).padStart(4)} conn: ${row.requestsPerS.toFixed(0).padStart(5)} req/s, p50 ${row.p50Ms} ms, p99 ${row.p99Ms} ms, ` +
      `2xx ${row.ok}, 503 ${row.refused503}, other non-2xx ${row.otherNon2xx}, errors ${row.errors}, peak RSS ${row.peakRssMiB.toFixed(0)} MiB, server ${row.alive ? 'alive' : 'DEAD'}`);
    return row;
  } finally {
    child.kill();
  }
}

console.log(`POST /resize 512x512 RGB -> 256x256, ${seconds} s per run, node ${process.version}`);
for (const c of levels) await level(256, 256, c, 'budget 256 MiB, q 256');
// A burst far beyond a small budget: most requests must wait or be refused with 503.
const burst = await level(16, 8, Math.max(...levels), 'burst: 16 MiB, q 8');
const failed = rows.some((r) => !r.alive || r.errors > 0 || r.otherNon2xx > 0) || burst.refused503 === 0;
if (process.argv.includes('--json')) console.log(JSON.stringify(rows));
process.exitCode = failed ? 1 : 0;
