#!/usr/bin/env node
// prebuildify has no cmake-js backend: it runs `<node-gyp> rebuild --target=V
// --arch=A --release|--debug ...` and then takes the .node file from
// build/Release. This script is that <node-gyp>: it translates the call into
// cmake-js (a Node-API build does not depend on the target version).
'use strict';
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const args = process.argv.slice(2);
const flag = (name) => {
  const hit = args.find((a) => a.startsWith(`--${name}=`));
  return hit ? hit.slice(name.length + 3) : undefined;
};
const cmakeJs = require.resolve('cmake-js/bin/cmake-js');
const cmd = [cmakeJs, 'rebuild', '--parallel', '2'];
const arch = flag('arch');
if (arch) cmd.push('--arch', arch);
if (args.includes('--debug')) cmd.push('--debug');
const r = spawnSync(process.execPath, cmd, { cwd: path.join(__dirname, '..'), stdio: 'inherit' });
process.exit(r.status === null ? 1 : r.status);
