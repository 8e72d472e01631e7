// `npm install` hook: use a prebuilt addon from prebuilds/<platform>-<arch>/
// when one loads on this machine, otherwise compile with cmake-js. When there
// is no prebuild for this platform and the tools to build one are missing, say
// exactly what the build needs instead of failing deep inside CMake.
//   GRIDSAMPLE_BUILD_FROM_SOURCE=1   skip the prebuild, always compile
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const root = path.join(__dirname, '..');
const platform = `${process.platform}-${process.arch}`;

/** Why the prebuild cannot be used, or '' when it loads. */
function prebuildProblem() {
  if (process.env.GRIDSAMPLE_BUILD_FROM_SOURCE) return 'GRIDSAMPLE_BUILD_FROM_SOURCE is set';
  const dir = path.join(root, 'prebuilds', platform);
  if (!fs.existsSync(dir)) return `no prebuilt addon for ${platform} in this copy (the npm package ships linux-x64, glibc)`;
  let file;
  try {
    file = require('node-gyp-build').resolve(root);
  } catch {
    return `the prebuilt addons in prebuilds/${platform}/ do not fit this system (C library or Node-API version)`;
  }
  if (!file.includes(`${path.sep}prebuilds${path.sep}`)) return 'a local build/ takes precedence';
  try {
    require(file);
    return '';
  } catch (e) {
    return `the prebuilt addon ${path.relative(root, file)} does not load (${String(e.message).split('\n')[0]})`;
  }
}

/** The first of `names` found on PATH, or undefined. */
function which(names) {
  const dirs = (process.env.PATH || '').split(path.delimiter).filter(Boolean);
  const exts = process.platform === 'win32' ? ['.exe', '.cmd', ''] : [''];
  for (const name of names)
    for (const dir of dirs)
      for (const ext of exts) {
        const p = path.join(dir, name + ext);
        try {
          fs.accessSync(p, fs.constants.X_OK);
          return p;
        } catch { /* keep looking */ }
      }
  return undefined;
}

const NEEDS =
  'Building gridsample from source needs CMake >= 3.15, a C++17 compiler (g++ >= 9, clang >= 10 or\n' +
  'MSVC 2019), and make or ninja. On Debian/Ubuntu: apt-get install cmake g++ make; on Alpine:\n' +
  'apk add cmake g++ make; on macOS: xcode-select --install && brew install cmake.';

const problem = prebuildProblem();
if (!problem) {
  console.log('gridsample: using the prebuilt addon');
  process.exit(0);
}

console.log(`gridsample: compiling the addon from source: ${problem}`);
const missing = [];
if (!which(['cmake'])) missing.push('cmake');
if (!process.env.CXX && !which(['c++', 'g++', 'clang++', 'cl'])) missing.push('a C++ compiler (c++, g++ or clang++)');
if (process.platform !== 'win32' && !which(['make', 'ninja'])) missing.push('make or ninja');
if (missing.length) {
  console.error(`gridsample: cannot build the native addon: ${missing.join(', ')} not found on PATH.\n${NEEDS}`);
  process.exit(1);
}
const cmakeJs = require.resolve('cmake-js/bin/cmake-js');
const r = spawnSync(process.execPath, [cmakeJs, 'compile', '--parallel', '2'], { cwd: root, stdio: 'inherit' });
if (r.status !== 0) console.error(`gridsample: the native build failed (see above).\n${NEEDS}`);
process.exit(r.status === null ? 1 : r.status);
