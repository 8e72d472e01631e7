// The package as a user meets it: metadata, the ESM entry, the install hook's
// message on a machine that cannot build. (The packed tarball itself is
// checked by `npm run check:pack`, which CI runs.)
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.join(__dirname, '..');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));

describe('package.json', () => {
  it('declares the Node versions its dependencies need (cmake-js 8)', () => {
    expect(pkg.engines.node).toBe('^20.17.0 || >=22.9.0');
  });
  it('has the metadata a registry page shows and ships its LICENSE', () => {
    expect(pkg.license).toBe('MIT');
    expect(readFileSync(path.join(root, 'LICENSE'), 'utf8')).toMatch(/^MIT License/);
    expect(pkg.files).toContain('LICENSE');
    expect(pkg.files).toContain('prebuilds/');
    for (const key of ['repository', 'homepage', 'bugs', 'keywords']) expect(pkg[key]).toBeTruthy();
  });
  it('has no script named prebuild (npm would run it before build)', () => {
    expect(pkg.scripts.prebuild).toBeUndefined();
    expect(pkg.scripts['build:prebuild']).toMatch(/prebuildify/);
    expect(readFileSync(path.join(root, 'tools/check-pack.mjs'), 'utf8')).toContain("'build:prebuild'");
  });
});

describe('ESM entry', () => {
  it('has a default export holding the API and no __esModule', () => {
    const out = execFileSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `import gs, * as ns from ${JSON.stringify(path.join(root, 'dist/index.mjs'))};
         console.log(JSON.stringify({ names: Object.keys(ns), def: Object.keys(gs), same: gs.zoom === ns.zoom,
           esModule: '__esModule' in ns || '__esModule' in gs }));`,
      ],
      { encoding: 'utf8' },
    );
    const r = JSON.parse(out);
    expect(r.esModule).toBe(false);
    expect(r.same).toBe(true);
    expect(r.names).toContain('gridSample');
    expect(r.names.filter((n: string) => n !== 'default').sort()).toEqual([...r.def].sort());
  });
  it('types the default export as the module', () => {
    const dts = readFileSync(path.join(root, 'dist/index.d.mts'), 'utf8');
    expect(dts).toMatch(/import \* as api from '\.\/index\.js';/);
    expect(dts).toMatch(/export default api;/);
  });
});

describe('install hook', () => {
  it('names what a source build needs when the tools are missing', () => {
    const bare = mkdtempSync(path.join(tmpdir(), 'gridsample-bare-'));
    try {
      symlinkSync(process.execPath, path.join(bare, 'node'));
      const r = spawnSync(process.execPath, [path.join(root, 'scripts/install.js')], {
        env: { PATH: bare, GRIDSAMPLE_BUILD_FROM_SOURCE: '1' },
        encoding: 'utf8',
      });
      expect(r.status).toBe(1);
      expect(r.stderr).toMatch(/cmake, a C\+\+ compiler .* not found on PATH/);
      expect(r.stderr).toMatch(/CMake >= 3\.15, a C\+\+17 compiler/);
    } finally {
      rmSync(bare, { recursive: true, force: true });
    }
  });
});
