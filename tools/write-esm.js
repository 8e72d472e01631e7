// Writes the ESM entry points next to the CommonJS build in dist/. Both load
// the same CommonJS module, so the addon and its thread pool exist once even
// when a program mixes import and require.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const dist = path.join(__dirname, '..', 'dist');
for (const entry of ['index', 'transforms/index']) {
  const dir = path.dirname(path.join(dist, entry));
  fs.mkdirSync(dir, { recursive: true });
  const base = path.basename(entry);
  fs.writeFileSync(
    path.join(dist, `${entry}.mjs`),
    `export * from './${base}.js';\nimport cjs from './${base}.js';\nexport default cjs;\n`,
  );
  fs.writeFileSync(path.join(dist, `${entry}.d.mts`), `export * from './${base}.js';\n`);
}
