// `npm run demo` on a fresh checkout: runs on its built-in picture (and on a
// user's file), writes its PNGs and a contact sheet that links every one, and
// exits 0. Python peers are left out here (--no-peers) to keep the suite fast.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = path.join(__dirname, '..');
const demo = path.join(root, 'examples/demo/demo.mjs');
let sharp: any; // eslint-disable-line @typescript-eslint/no-explicit-any
try {
  sharp = createRequire(__filename)('sharp');
} catch {
  sharp = undefined;
}
const work = mkdtempSync(path.join(tmpdir(), 'gridsample-demo-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe.skipIf(!sharp)('npm run demo', () => {
  it('writes the pictures and index.html and prints a timing table', () => {
    const out = path.join(work, 'out');
    const r = spawnSync(process.execPath, [demo, '--out', out, '--no-peers'], { cwd: root, encoding: 'utf8', timeout: 120_000 });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/demo: wrote \d+ PNGs and index.html/);
    expect(r.stdout).toMatch(/median ms per call/);
    const pngs = readdirSync(out).filter((f) => f.endsWith('.png'));
    expect(pngs.length).toBeGreaterThanOrEqual(37);
    for (const want of ['input.png', 'resize-lanczos-pil.png', 'gridsample-bicubic-reflection-ac.png', 'zoom-order3.png'])
      expect(pngs).toContain(want);
    const html = readFileSync(path.join(out, 'index.html'), 'utf8');
    for (const f of pngs) expect(html).toContain(`src="${f}"`);
  });
  it('takes --input', async () => {
    const photo = path.join(work, 'photo.jpg');
    await sharp({ create: { width: 300, height: 200, channels: 3, background: '#808040' } }).jpeg().toFile(photo);
    const out = path.join(work, 'out2');
    const r = spawnSync(process.execPath, [demo, '--input', photo, '--out', out, '--no-peers'], { cwd: root, encoding: 'utf8', timeout: 120_000 });
    expect(r.status).toBe(0);
    expect(readFileSync(path.join(out, 'index.html'), 'utf8')).toContain('300x200');
    const missing = spawnSync(process.execPath, [demo, '--input', path.join(work, 'nope.jpg'), '--out', out, '--no-peers'], { encoding: 'utf8' });
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/cannot read/);
  });
});
