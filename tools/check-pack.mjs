// Proves the packaging story end to end: builds a stripped Node-API prebuild
// with prebuildify, packs the package, installs the tarball into an empty
// folder and checks that it loads the prebuild without compiling anything.
// Usage: node tools/check-pack.mjs   (exit code 0 = good)
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const npm = (args, cwd) => execFileSync('npm', args, { cwd, stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });

npm(['run', 'prebuild'], root);
const prebuilds = path.join(root, 'prebuilds', `${process.platform}-${process.arch}`);
if (!existsSync(prebuilds) || !readdirSync(prebuilds).some((f) => f.endsWith('.node')))
  throw new Error(`no prebuild in ${prebuilds}`);

const work = mkdtempSync(path.join(tmpdir(), 'gridsample-pack-'));
try {
  const tarball = npm(['pack', '--json', '--pack-destination', work], root);
  const file = path.join(work, JSON.parse(tarball)[0].filename);
  const app = path.join(work, 'app');
  execFileSync('mkdir', ['-p', app]);
  writeFileSync(path.join(app, 'package.json'), JSON.stringify({ name: 'app', version: '1.0.0', private: true }));
  const log = npm(['install', '--no-audit', '--no-fund', '--foreground-scripts', file], app);
  const pkg = path.join(app, 'node_modules', 'gridsample');
  if (existsSync(path.join(pkg, 'build'))) throw new Error(`install compiled the addon:\n${log}`);
  if (!log.includes('using the prebuilt addon')) throw new Error(`install did not report the prebuild:\n${log}`);
  const check = `
    const gs = require('gridsample');
    const r = gs.gridSample({ data: new Float32Array([1, 2, 3, 4]), shape: [1, 1, 2, 2] },
                            { data: new Float32Array([0, 0]), shape: [1, 1, 1, 2] }, { alignCorners: true });
    if (r.data[0] !== 2.5) throw new Error('wrong result ' + r.data[0]);
    console.log('cjs ok');`;
  execFileSync(process.execPath, ['-e', check], { cwd: app, stdio: 'inherit' });
  const esm = `import { gridSample } from 'gridsample'; if (typeof gridSample !== 'function') throw new Error('no ESM export'); console.log('esm ok');`;
  execFileSync(process.execPath, ['--input-type=module', '-e', esm], { cwd: app, stdio: 'inherit' });
  console.log('pack check: the packed tarball installs and loads its prebuild without compiling');
} finally {
  rmSync(work, { recursive: true, force: true });
}
