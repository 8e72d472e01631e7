import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { gridSample, gridSampleAsync, setNumThreads } from '../dist/index.js';
import { random, sameBits } from './helpers';

const entry = path.join(__dirname, '..', 'dist', 'index.js');

// Each worker loads the addon in its own environment and runs sync and async calls.
const workerSource = `
const { parentPort, workerData } = require('node:worker_threads');
const gs = require(workerData.entry);
(async () => {
  const input = { data: new Float32Array(workerData.input), shape: [1, 2, 16, 16] };
  const grid = { data: new Float32Array(workerData.grid), shape: [1, 8, 8, 2] };
  const a = gs.gridSample(input, grid, { mode: 'bicubic' });
  const b = await gs.gridSampleAsync(input, grid, { mode: 'bicubic' });
  parentPort.postMessage({ sync: Array.from(a.data), async: Array.from(b.data) });
})();
`;

function runWorker(input: Float32Array, grid: Float32Array): Promise<{ sync: number[]; async: number[] }> {
  return new Promise((resolve, reject) => {
    const w = new Worker(workerSource, { eval: true, workerData: { entry, input: Array.from(input), grid: Array.from(grid) } });
    w.once('message', (m) => {
      resolve(m);
      void w.terminate();
    });
    w.once('error', reject);
  });
}

describe('worker_threads', () => {
  it('the addon loads and computes in several workers at once', async () => {
    const input = random(2 * 16 * 16, 0, 1, 5) as Float32Array;
    const grid = random(8 * 8 * 2, -1, 1, 6) as Float32Array;
    const want = Array.from(gridSample({ data: input, shape: [1, 2, 16, 16] }, { data: grid, shape: [1, 8, 8, 2] }, { mode: 'bicubic' }).data);
    const results = await Promise.all([0, 1, 2, 3].map(() => runWorker(input, grid)));
    for (const r of results) {
      expect(r.sync).toEqual(want);
      expect(r.async).toEqual(want);
    }
  });

  it('a worker terminated in the middle of async calls does not bring the process down', async () => {
    const src = `
      const { parentPort, workerData } = require('node:worker_threads');
      const gs = require(workerData.entry);
      const input = { data: new Float32Array(8 * 16 * 128 * 128), shape: [8, 16, 128, 128] };
      const grid = { data: new Float32Array(8 * 128 * 128 * 2), shape: [8, 128, 128, 2] };
      for (let i = 0; i < 8; ++i) gs.gridSampleAsync(input, grid, { mode: 'bicubic' });
      parentPort.postMessage('started');
    `;
    const w = new Worker(src, { eval: true, workerData: { entry } });
    await new Promise((r) => w.once('message', r));
    await w.terminate();
    // The main thread still works afterwards.
    const r = gridSample({ data: new Float32Array([1, 2, 3, 4]), shape: [1, 1, 2, 2] }, { data: new Float32Array([0, 0]), shape: [1, 1, 1, 2] }, { alignCorners: true });
    expect(r.data[0]).toBe(2.5);
  });
});

describe('worker_threads under load', () => {
  const busySource = `
    const { parentPort, workerData } = require('node:worker_threads');
    const gs = require(workerData.entry);
    (async () => {
      const input = { data: new Float32Array(workerData.input), shape: [1, 2, 16, 16] };
      const grid = { data: new Float32Array(workerData.grid), shape: [1, 8, 8, 2] };
      const results = [];
      for (let round = 0; round < 5; ++round) {
        // a worker resizing the process-wide pool while everyone computes
        if (workerData.resize) gs.setNumThreads(1 + (round % 3));
        const rs = await Promise.all(Array.from({ length: 20 }, () => gs.gridSampleAsync(input, grid, { mode: 'bicubic' })));
        results.push(...rs.map((r) => Array.from(r.data)));
        results.push(Array.from(gs.gridSample(input, grid, { mode: 'bicubic' }).data));
      }
      parentPort.postMessage(results);
    })();
  `;

  it('several workers and the main thread compute at once while one worker resizes the pool', async () => {
    const input = random(2 * 16 * 16, 0, 1, 15) as Float32Array;
    const grid = random(8 * 8 * 2, -1, 1, 16) as Float32Array;
    const want = Array.from(gridSample({ data: input, shape: [1, 2, 16, 16] }, { data: grid, shape: [1, 8, 8, 2] }, { mode: 'bicubic' }).data);
    const workers = [0, 1, 2].map((k) => new Promise<number[][]>((resolve, reject) => {
      const w = new Worker(busySource, { eval: true, workerData: { entry, input: Array.from(input), grid: Array.from(grid), resize: k === 0 } });
      w.once('message', (m) => { resolve(m); void w.terminate(); });
      w.once('error', reject);
    }));
    const main = Promise.all(Array.from({ length: 50 }, () => gridSampleAsync({ data: input, shape: [1, 2, 16, 16] }, { data: grid, shape: [1, 8, 8, 2] }, { mode: 'bicubic' })));
    for (const rs of await Promise.all(workers)) for (const r of rs) expect(r).toEqual(want);
    for (const r of await main) expect(Array.from(r.data)).toEqual(want);
    setNumThreads(2);
  });

  it('a worker terminated mid-call leaves the main thread\'s own async calls intact', async () => {
    const src = `
      const { parentPort, workerData } = require('node:worker_threads');
      const gs = require(workerData.entry);
      const input = { data: new Float32Array(4 * 16 * 96 * 96), shape: [4, 16, 96, 96] };
      const grid = { data: new Float32Array(4 * 96 * 96 * 2), shape: [4, 96, 96, 2] };
      for (let i = 0; i < 6; ++i) gs.gridSampleAsync(input, grid, { mode: 'bicubic' });
      parentPort.postMessage('started');
      gs.gridSample(input, grid, { mode: 'bicubic' });  // and a sync call when terminate() lands
    `;
    const input = { data: random(2 * 4 * 40 * 40, 0, 1, 17), shape: [2, 4, 40, 40] };
    const grid = { data: random(2 * 30 * 30 * 2, -1, 1, 18), shape: [2, 30, 30, 2] };
    const want = gridSample(input, grid).data;
    const mine = Array.from({ length: 40 }, () => gridSampleAsync(input, grid));
    const w = new Worker(src, { eval: true, workerData: { entry } });
    await new Promise((r) => w.once('message', r));
    await w.terminate();
    for (const r of await Promise.all(mine)) expect(sameBits(r.data, want)).toBe(true);
  });

  it('workers that load the addon and exit, one after another, release their environments', async () => {
    const src = `
      const { parentPort, workerData } = require('node:worker_threads');
      const gs = require(workerData.entry);
      const r = gs.gridSample({ data: new Float32Array(64 * 64), shape: [1, 1, 64, 64] }, { data: new Float32Array(32 * 32 * 2), shape: [1, 32, 32, 2] });
      gs.gridSampleAsync({ data: new Float32Array(64 * 64), shape: [1, 1, 64, 64] }, { data: new Float32Array(32 * 32 * 2), shape: [1, 32, 32, 2] })
        .then((a) => parentPort.postMessage(r.data.length + a.data.length));
    `;
    const run = () => new Promise<number>((resolve, reject) => {
      const w = new Worker(src, { eval: true, workerData: { entry } });
      w.once('message', (m) => { void w.terminate().then(() => resolve(m)); });
      w.once('error', reject);
    });
    for (let i = 0; i < 2; ++i) await run();  // warm-up
    const before = process.memoryUsage().rss;
    for (let i = 0; i < 8; ++i) expect(await run()).toBe(2048);
    const grownMB = (process.memoryUsage().rss - before) / 2 ** 20;
    console.log(`8 worker lifetimes: main-process RSS ${grownMB >= 0 ? '+' : ''}${grownMB.toFixed(1)} MB`);
    expect(grownMB).toBeLessThan(300);  // a leaked environment costs ~10 MB; generous
  });
});
