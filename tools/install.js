// `npm install` hook: use a prebuilt addon from prebuilds/<platform>-<arch>/
// when one loads on this machine, otherwise compile with cmake-js.
'use strict';
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const root = path.join(__dirname, '..');

function prebuildLoads() {
  if (process.env.GRIDSAMPLE_BUILD_FROM_SOURCE) return false;
  try {
    const file = require('node-gyp-build').resolve(root);
    if (!file.includes(`${path.sep}prebuilds${path.sep}`)) return false;
    require(file);
    return true;
  } catch {
    return false;
  }
}

if (prebuildLoads()) {
  console.log('gridsample: using the prebuilt addon');
} else {
  const cmakeJs = require.resolve('cmake-js/bin/cmake-js');
  const r = spawnSync(process.execPath, [cmakeJs, 'compile', '--parallel', '2'], { cwd: root, stdio: 'inherit' });
  process.exit(r.status === null ? 1 : r.status);
}
