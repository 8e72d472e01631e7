// The gridsample command on generated files: good input gives the library's
// result, bad input a clear message and a non-zero exit status.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { zoom } from '../dist/index.js';
import { formatNpy, parseNpy } from '../dist/npy.js';
import * as transforms from '../dist/transforms/index.js';
import { fromSharp, resize } from '../dist/transforms/index.js';

const cli = path.join(__dirname, '..', 'dist', 'cli.js');
const req = createRequire(__filename);
/* eslint-disable @typescript-eslint/no-explicit-any */
let sharp: any;
try {
  sharp = req('sharp');
} catch {
  sharp = undefined;
}
const work = mkdtempSync(path.join(tmpdir(), 'gridsample-cli-'));
const at = (f: string) => path.join(work, f);
afterAll(() => rmSync(work, { recursive: true, force: true }));

function run(...args: string[]) {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd: work, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('gridsample --help and usage errors', () => {
  it('prints help and exits 0', () => {
    const r = run('--help');
    expect(r.status).toBe(0);
    for (const cmd of ['resize', 'rotate', 'zoom']) expect(r.stdout).toContain(`gridsample ${cmd}`);
    expect(run('resize', '--help').stdout).toMatch(/--filter/);
    expect(run('zoom', '-h').stdout).toMatch(/--order/);
  });
  it('exits 2 with a message for bad usage', () => {
    const cases: Array<[string[], RegExp]> = [
      [[], /Usage/],
      [['frob', 'a', 'b'], /unknown command "frob"/],
      [['resize', 'a.png'], /takes <in> and <out>/],
      [['resize', 'a.png', 'b.png'], /resize needs --size/],
      [['resize', 'a.png', 'b.png', '--size', '0'], /--size must be a positive integer/],
      [['resize', 'a.png', 'b.png', '--size', '10', '--filter', 'cubic'], /--filter must be one of nearest/],
      [['resize', 'a.png', 'b.png', '--size', '10', '--backend', 'cv2'], /--backend must be one of tensor, pil/],
      [['resize', 'a.png', 'b.png', '--size', '10', '--order', '3'], /--order does not apply to resize/],
      [['resize', 'a.png', 'b.png', '--sise', '10'], /Unknown option '--sise'/],
      [['zoom', 'a.npy', 'b.npy'], /zoom needs --factor/],
      [['zoom', 'a.npy', 'b.npy', '--factor', '0'], /--factor must be positive numbers/],
      [['zoom', 'a.npy', 'b.npy', '--factor', '2', '--order', '7'], /--order must be an integer 0-5/],
      [['zoom', 'a.npy', 'b.npy', '--factor', '2', '--mode', 'edge'], /--mode must be one of constant/],
      [['zoom', 'a.png', 'b.npy', '--factor', '2'], /reads and writes \.npy/],
    ];
    for (const [args, msg] of cases) {
      const r = run(...args);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stdout + r.stderr, args.join(' ')).toMatch(msg);
    }
  });
});

describe('gridsample zoom', () => {
  const inputs = {
    float32: { data: new Float32Array(24).map((_, i) => Math.sin(i)), shape: [2, 3, 4] },
    float64: { data: new Float64Array(12).map((_, i) => i ** 1.5), shape: [3, 4] },
    uint8: { data: new Uint8Array(20).map((_, i) => (i * 53) & 255), shape: [4, 5] },
  };
  for (const [dtype, input] of Object.entries(inputs)) {
    it(`${dtype}: writes zoom()'s result`, () => {
      writeFileSync(at(`${dtype}.npy`), formatNpy(input));
      const r = run('zoom', `${dtype}.npy`, `${dtype}-z.npy`, '--factor', '2', '--order', '3');
      expect(r.stderr).toMatch(/zoom: .* -> .* written to/);
      expect(r.status).toBe(0);
      const got = parseNpy(readFileSync(at(`${dtype}-z.npy`)));
      const want = zoom(input, 2, { order: 3 });
      expect(got.shape).toEqual(want.shape);
      expect(got.data).toEqual(want.data);
    });
  }
  it('takes per-axis factors and the mode options', () => {
    const r = run('zoom', 'float32.npy', 'pa.npy', '--factor', '1,2,0.5', '--order', '1', '--mode', 'nearest', '--grid-mode');
    expect(r.status).toBe(0);
    const want = zoom(inputs.float32, [1, 2, 0.5], { order: 1, mode: 'nearest', gridMode: true });
    expect(parseNpy(readFileSync(at('pa.npy'))).data).toEqual(want.data);
  });
  it('refuses unsupported and broken .npy files with exit 1', () => {
    writeFileSync(at('garbage.npy'), 'not numpy');
    const full = Buffer.from(formatNpy(inputs.float32));
    writeFileSync(at('short.npy'), full.subarray(0, full.length - 4));
    const header = Buffer.from(formatNpy(inputs.uint8)).toString('latin1').replace("'|u1'", "'<i4'");
    writeFileSync(at('int32.npy'), Buffer.from(header, 'latin1'));
    const fortran = Buffer.from(formatNpy(inputs.uint8)).toString('latin1').replace('False', 'True ');
    writeFileSync(at('fortran.npy'), Buffer.from(fortran, 'latin1'));
    for (const [file, msg] of [['garbage.npy', /not a \.npy file/], ['short.npy', /needs 96/], ['int32.npy', /unsupported dtype '<i4'/],
      ['fortran.npy', /Fortran-ordered/], ['missing.npy', /cannot read/]] as const) {
      const r = run('zoom', file, 'x.npy', '--factor', '2');
      expect(r.status, file).toBe(1);
      expect(r.stderr, file).toMatch(msg);
    }
    const r = run('zoom', 'float32.npy', 'x.npy', '--factor', '2,2');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--factor has 2 entries but float32.npy has 3 axes/);
  });
  it('reads version 2.0 headers', () => {
    const v1 = Buffer.from(formatNpy(inputs.float64));
    const len = v1.readUInt16LE(8);
    const v2 = Buffer.alloc(v1.length + 2);
    v1.copy(v2, 0, 0, 8);
    v2[6] = 2;
    v2.writeUInt32LE(len, 8);
    v1.copy(v2, 12, 10);
    expect(parseNpy(v2)).toEqual(parseNpy(v1));
  });
});

describe.skipIf(!sharp)('gridsample resize / rotate on images', () => {
  beforeAll(async () => {
    await sharp({ create: { width: 96, height: 64, channels: 3, background: '#3080c0' } })
      .composite([{ input: Buffer.from('<svg width="40" height="20"><rect width="40" height="20" fill="#f00"/></svg>'), left: 10, top: 30 }])
      .png().toFile(at('in.png'));
    mkdirSync(at('imgs'));
    for (const n of ['a', 'b', 'c'])
      await sharp({ create: { width: 40 + n.charCodeAt(0) % 7, height: 30, channels: 4, background: '#00ff0080' } }).png().toFile(at(`imgs/${n}.png`));
    writeFileSync(at('imgs/notes.txt'), 'not an image');
  });
  it('resize writes the pixels of resize() (Pillow backend, bicubic)', async () => {
    const r = run('resize', 'in.png', 'out.png', '--size', '48', '--filter', 'bicubic', '--backend', 'pil');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const got = await sharp(at('out.png')).raw().toBuffer({ resolveWithObject: true });
    const src = await sharp(at('in.png')).raw().toBuffer({ resolveWithObject: true });
    expect(got.info).toMatchObject({ width: 72, height: 48, channels: src.info.channels });
    const want = resize(fromSharp(src), 48, { interpolation: 'bicubic', backend: 'pil' });
    expect(Buffer.from(got.data).equals(Buffer.from(want.data))).toBe(true);
  });
  it('resize takes HxW and a folder, with a progress line per image', () => {
    const r = run('resize', 'imgs', 'outs', '--size', '16x20');
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/resize 1\/3 a\.png\nresize 2\/3 b\.png\nresize 3\/3 c\.png\nresize: 3 of 3 images written to outs/);
  });
  it('a missing input or an unreadable image exits 1 naming the file', () => {
    let r = run('resize', 'missing.png', 'x.png', '--size', '8');
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/missing\.png: no such file/);
    writeFileSync(at('broken.png'), 'not a png');
    r = run('resize', 'broken.png', 'x.png', '--size', '8');
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/broken\.png: /);
  });
  const rotate = (transforms as Record<string, unknown>).rotate;
  it.skipIf(typeof rotate !== 'function')('rotate writes a rotated image of the same size', async () => {
    const r = run('rotate', 'in.png', 'rot.png', '--angle', '30');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const meta = await sharp(at('rot.png')).metadata();
    expect([meta.width, meta.height]).toEqual([96, 64]);
  });
  it('rotate refuses a missing or non-numeric angle', () => {
    const r = run('rotate', 'in.png', 'rot.png', '--angle', 'thirty');
    expect(r.status).toBe(2);
  });
});
