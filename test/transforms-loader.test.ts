// examples/loader.mjs end to end: images this test makes (JPEG and PNG,
// several sizes, one with alpha), decoded with sharp, augmented, batched and
// fed to onnxruntime-node; reproducible under a seed.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = path.join(__dirname, '..');
let dir = '';

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'gs-loader-'));
  const sizes = [[64, 48], [50, 90], [33, 33], [120, 80], [40, 70]];
  for (let i = 0; i < 10; ++i) {
    const [width, height] = sizes[i % sizes.length];
    const channels = i === 3 ? 4 : 3;
    const pixels = Buffer.from(Uint8Array.from({ length: width * height * channels }, (_, k) => (Math.imul(k + i * 977, 2654435761) >>> 24)));
    const img = sharp(pixels, { raw: { width, height, channels } });
    await (i % 2 ? img.png() : img.jpeg()).toFile(path.join(dir, `img${i}.${i % 2 ? 'png' : 'jpg'}`));
  }
}, 30_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('examples/loader.mjs', () => {
  const loader = (seed: number) =>
    run(process.execPath, [path.join(root, 'examples', 'loader.mjs'), dir, '--batch', '4', '--size', '32', '--seed', String(seed)], { cwd: root });

  it('loads every image in batches of 4, with a progress line, reproducibly', async () => {
    const a = await loader(1);
    const summary = JSON.parse(a.stdout);
    expect(summary).toMatchObject({ images: 10, batches: 3, shape: [4, 3, 32, 32] });
    expect(Number.isFinite(summary.checksum)).toBe(true);
    expect(a.stderr).toContain('batch 3/3  10/10 images');
    const b = await loader(1);
    expect(JSON.parse(b.stdout).checksum).toBe(summary.checksum);
    const c = await loader(2);
    expect(JSON.parse(c.stdout).checksum).not.toBe(summary.checksum);
  }, 60_000);

  it('says how to use it', async () => {
    await expect(run(process.execPath, [path.join(root, 'examples', 'loader.mjs')], { cwd: root })).rejects.toMatchObject({ code: 2 });
  });
});
