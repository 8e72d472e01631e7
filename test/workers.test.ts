import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { gridSample } from '../dist/index.js';
import { random } from './helpers';

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
