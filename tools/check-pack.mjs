// Proves the packaging story end to end (CI runs it; exit code 0 = good):
//  1. `npm run build:prebuild` makes a stripped Node-API prebuild in
//     prebuilds/<platform>-<arch>/ and `npm pack` carries it (and LICENSE);
//  2. without its prebuild, and without build tools, the install fails with a
//     message naming what the build needs;
//  3. the tarball installs offline (dependencies from npm's cache) with no
//     compiler, CMake or make on PATH, says it uses the prebuild, compiles
//     nothing, and loads from CommonJS and ESM (default export, no
//     `__esModule` in the ESM namespace);
//  4. without its prebuild, with build tools, the install compiles from source
//     and the addon loads;
//  5. with a prebuild that does not load (a corrupt file), the install falls
//     back to compiling from source and the addon loads.
// Usage: node tools/check-pack.mjs
// Compiles use ccache when it is installed (CMAKE_CXX_COMPILER_LAUNCHER).
import { execFileSync, spawnSync } from 'node:child_process';
import {
  existsSync, mkdirSync, mkdtempSync, readdirSync, realpathSync, rmSync, symlinkSync, writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const platform = `${process.platform}-${process.arch}`;
const work = realpathSync(mkdtempSync(path.join(tmpdir(), 'gridsample-pack-')));

const onPath = (name) =>
  (process.env.PATH || '').split(path.delimiter).map((d) => path.join(d, name)).find((p) => existsSync(p));
const ccache = onPath('ccache');
// ccache's base dir makes paths relative, so builds in different folders share the cache.
const withCcache = (base) =>
  ccache ? { ...process.env, CMAKE_CXX_COMPILER_LAUNCHER: 'ccache', CCACHE_BASEDIR: base } : process.env;
const buildEnv = withCcache(work);

// A PATH holding node, npm and sh (npm runs scripts with it) only: no compiler, no cmake, no make.
const bare = path.join(work, 'bare-bin');
mkdirSync(bare);
symlinkSync(process.execPath, path.join(bare, 'node'));
const npmCli = realpathSync(onPath('npm'));
symlinkSync(npmCli, path.join(bare, 'npm'));
symlinkSync(onPath('sh') ?? '/bin/sh', path.join(bare, 'sh'));
const bareEnv = { ...process.env, PATH: bare };
for (const tool of ['cmake', 'c++', 'g++', 'clang++', 'make', 'ninja'])
  if (existsSync(path.join(bare, tool))) throw new Error(`${tool} on the bare PATH`);

/** Runs npm, returns { status, out } (stdout + stderr). */
function npm(args, cwd, env = process.env) {
  const r = spawnSync('npm', args, { cwd, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  return { status: r.status, out: `${r.stdout}\n${r.stderr}` };
}
function npmOk(args, cwd, env) {
  const r = npm(args, cwd, env);
  if (r.status !== 0) throw new Error(`npm ${args.join(' ')} failed (${r.status}):\n${r.out}`);
  return r.out;
}
function step(msg) {
  console.log(`check-pack: ${msg}`);
}

/** An empty app folder. */
function appDir(name) {
  const dir = path.join(work, name);
  mkdirSync(dir);
  writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name, version: '1.0.0', private: true }));
  return { dir, pkg: path.join(dir, 'node_modules', 'gridsample') };
}

/** An app with the tarball installed without running its install script (may fetch metadata). */
function app(name, tarball) {
  const a = appDir(name);
  npmOk(['install', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts', tarball], a.dir);
  return a;
}

/** Loads the installed package from CommonJS and ESM and computes one known value. */
function checkLoads(dir, expectFile) {
  const cjs = `
    const gs = require('gridsample');
    const r = gs.gridSample({ data: new Float32Array([1, 2, 3, 4]), shape: [1, 1, 2, 2] },
                            { data: new Float32Array([0, 0]), shape: [1, 1, 1, 2] }, { alignCorners: true });
    if (r.data[0] !== 2.5) throw new Error('wrong result ' + r.data[0]);
    const file = require('node-gyp-build').resolve(require('path').dirname(require.resolve('gridsample/package.json')));
    if (!file.includes(${JSON.stringify(expectFile)})) throw new Error('loaded ' + file);`;
  execFileSync(process.execPath, ['-e', cjs], { cwd: dir, stdio: 'inherit' });
  const esm = `
    import gs, * as ns from 'gridsample';
    if (typeof ns.gridSample !== 'function' || gs.gridSample !== ns.gridSample) throw new Error('ESM exports');
    if ('__esModule' in ns || '__esModule' in gs) throw new Error('ESM entry leaks __esModule');`;
  execFileSync(process.execPath, ['--input-type=module', '-e', esm], { cwd: dir, stdio: 'inherit' });
}

try {
  // 1. prebuild and pack
  npmOk(['run', 'build:prebuild'], root, withCcache(root));
  npmOk(['run', 'build:ts'], root);
  const prebuilds = path.join(root, 'prebuilds', platform);
  if (!existsSync(prebuilds) || !readdirSync(prebuilds).some((f) => f.endsWith('.node')))
    throw new Error(`no prebuild in ${prebuilds}`);
  const packed = JSON.parse(npmOk(['pack', '--ignore-scripts', '--json', '--pack-destination', work], root))[0];
  const files = packed.files.map((f) => f.path);
  for (const need of [`prebuilds/${platform}/`, 'LICENSE', 'dist/index.mjs', 'dist/index.d.mts', 'scripts/install.js'])
    if (!files.some((f) => f.startsWith(need))) throw new Error(`the tarball lacks ${need}`);
  const tarball = path.join(work, packed.filename);
  step(`packed ${packed.filename} (${(packed.size / 2 ** 20).toFixed(1)} MiB, ${files.length} files)`);

  // 2. no prebuild, no build tools: a clear message (this app also fills npm's
  // cache with the dependencies' metadata, so the install in 3 can be offline)
  const b = app('app-source', tarball);
  rmSync(path.join(b.pkg, 'prebuilds'), { recursive: true });
  const fail = npm(['rebuild', 'gridsample', '--offline', '--foreground-scripts'], b.dir, bareEnv);
  if (fail.status === 0) throw new Error(`install without prebuild or compiler succeeded:\n${fail.out}`);
  for (const want of ['no prebuilt addon for', 'CMake >= 3.15', 'C++17 compiler'])
    if (!fail.out.includes(want)) throw new Error(`install failure does not say "${want}":\n${fail.out}`);

  // 3. the prebuild, offline, no build tools
  const a = appDir('app-prebuild');
  const log = npmOk(['install', '--offline', '--no-audit', '--no-fund', '--foreground-scripts', tarball], a.dir, bareEnv);
  if (!log.includes('using the prebuilt addon')) throw new Error(`install did not use the prebuild:\n${log}`);
  if (existsSync(path.join(a.pkg, 'build'))) throw new Error(`install compiled the addon:\n${log}`);
  checkLoads(a.dir, `${path.sep}prebuilds${path.sep}`);
  step('without a prebuild or build tools, the install fails naming what the build needs');
  step('the tarball installs offline with no compiler on PATH and loads its prebuild (CommonJS and ESM)');

  // 4. no prebuild, build tools present: compiles from source
  npmOk(['rebuild', 'gridsample', '--offline', '--foreground-scripts'], b.dir, buildEnv);
  checkLoads(b.dir, `${path.sep}build${path.sep}Release${path.sep}`);
  step('without a prebuild, the install compiles from source and loads the result');

  // 5. a prebuild that does not load: falls back to the source build
  const c = app('app-broken-prebuild', tarball);
  for (const f of readdirSync(path.join(c.pkg, 'prebuilds', platform)))
    writeFileSync(path.join(c.pkg, 'prebuilds', platform, f), 'not a shared library');
  const fallback = npmOk(['rebuild', 'gridsample', '--offline', '--foreground-scripts'], c.dir, buildEnv);
  if (!fallback.includes('does not load')) throw new Error(`install did not report the broken prebuild:\n${fallback}`);
  checkLoads(c.dir, `${path.sep}build${path.sep}Release${path.sep}`);
  step('a prebuild that does not load falls back to the source build');

  console.log('pack check: the tarball carries its prebuild and installs without compiling; the source build works without it');
} finally {
  rmSync(work, { recursive: true, force: true });
}
