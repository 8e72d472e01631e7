// Writes the ESM entry points next to the CommonJS build in dist/. Both load
// the same CommonJS module, so the addon and its thread pool exist once even
// when a program mixes import and require.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const dist = path.join(__dirname, '..', 'dist');
fs.mkdirSync(dist, { recursive: true });
fs.writeFileSync(
  path.join(dist, 'index.mjs'),
  "export * from './index.js';\nimport cjs from './index.js';\nexport default cjs;\n",
);
fs.writeFileSync(path.join(dist, 'index.d.mts'), "export * from './index.js';\n");
