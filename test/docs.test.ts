// The API reference's sources: every public export carries TSDoc with
// @param / @returns / @throws / @example (what `npm run docs` renders), and
// the README's pictures can be redrawn by the package.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.join(__dirname, '..');
const hasSharp = (() => {
  try {
    createRequire(__filename)('sharp');
    return true;
  } catch {
    return false;
  }
})();

describe('API docs', () => {
  it('every public export has @param, @returns, @throws and @example', async () => {
    const { checkDocs, KNOWN_GAPS } = await import('../tools/check-docs.mjs');
    expect(checkDocs().filter((p: string) => !KNOWN_GAPS.some((re: RegExp) => re.test(p)))).toEqual([]);
  });
  it('every picture the README embeds exists', () => {
    const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
    const pics = [...readme.matchAll(/\]\((docs\/images\/[^)]+)\)/g)].map((m) => m[1]);
    expect(pics.length).toBeGreaterThanOrEqual(13);
    for (const p of pics) expect(existsSync(path.join(root, p)), p).toBe(true);
  });
  it.skipIf(!hasSharp)('tools/make-pictures.mjs draws them', () => {
    const out = mkdtempSync(path.join(tmpdir(), 'gridsample-pictures-'));
    try {
      const r = spawnSync(process.execPath, [path.join(root, 'tools/make-pictures.mjs'), out], { cwd: root, encoding: 'utf8' });
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      expect(readdirSync(out).sort()).toEqual(readdirSync(path.join(root, 'docs/images')).sort());
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
