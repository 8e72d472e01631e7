// Writes the ESM entry points next to the CommonJS build in dist/. Both load
// the same CommonJS module, so the addon and its thread pool exist once even
// when a program mixes import and require.
//
// The ESM file names every export explicitly (read from the compiled CommonJS
// file, whose exports tsc emits as `exports.name = ...` or
// `Object.defineProperty(exports, "name", ...)`), so `import * as gs` holds the
// API and nothing else: no `__esModule` flag and no `default` next to the
// names. The default export is a frozen object of the same functions, typed
// as the module's namespace in the .d.mts file.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const dist = path.join(__dirname, '..', 'dist');

/** The value exports of a tsc-emitted CommonJS file, in order of first mention. */
function exportNames(js) {
  const names = new Set();
  const patterns = [/\bexports\.([A-Za-z_$][\w$]*)\s*=/g, /Object\.defineProperty\(exports,\s*"([A-Za-z_$][\w$]*)"/g];
  for (const re of patterns) for (const m of js.matchAll(re)) names.add(m[1]);
  names.delete('__esModule');
  names.delete('default');
  return [...names].sort();
}

/** Writes `<entry>.mjs` and `<entry>.d.mts` for dist/<entry>.js. */
function writeEntry(entry) {
  const js = path.join(dist, `${entry}.js`);
  if (!fs.existsSync(js)) return;
  const names = exportNames(fs.readFileSync(js, 'utf8'));
  if (names.length === 0) throw new Error(`write-esm: found no exports in ${js}`);
  const base = `./${path.basename(entry)}.js`;
  const list = names.join(', ');
  fs.writeFileSync(
    path.join(dist, `${entry}.mjs`),
    `import cjs from '${base}';\n` +
      `export const { ${list} } = cjs;\n` +
      `export default Object.freeze({ ${list} });\n`,
  );
  fs.writeFileSync(
    path.join(dist, `${entry}.d.mts`),
    `export * from '${base}';\n` + `import * as api from '${base}';\n` + `export default api;\n`,
  );
}

fs.mkdirSync(dist, { recursive: true });
writeEntry('index');
writeEntry(path.join('transforms', 'index'));
