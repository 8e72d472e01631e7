// Child-process runner of the hostile-input battery (cases.mjs). Prints one
// JSON line per case: {"start": name} before running it (so a crash names its
// case) and {"name", "pass", "detail"} after. test/hostile.test.ts spawns it;
// run it by hand with `node test/hostile/run.mjs [substring]`.
// Loads the built package (dist/) and the raw addon the way src/addon.ts does
// (node-gyp-build; GRIDSAMPLE_PREBUILD selects e.g. the sanitized build).
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildCases } from './cases.mjs';

const require = createRequire(import.meta.url);
const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const gs = require(path.join(root, 'dist', 'index.js'));
const native = require('node-gyp-build')(root);
const filter = process.argv[2] ?? '';

const out = (o) => process.stdout.write(JSON.stringify(o) + '\n');

function checkError(e, expect) {
  if (!(e instanceof Error)) return `threw a non-Error: ${String(e)}`;
  const kind = e.constructor.name;
  const msg = e.message;
  if (expect.error === 'native') {
    if (kind !== 'TypeError' && kind !== 'RangeError') return `${kind}: ${msg} (want TypeError or RangeError)`;
    if (!msg.startsWith(`${expect.fn}:`)) return `message does not start with "${expect.fn}:": ${msg}`;
    return null;
  }
  if (kind !== expect.error) return `${kind}: ${msg} (want ${expect.error})`;
  if (expect.fn && !msg.startsWith(`${expect.fn}:`)) return `message does not start with "${expect.fn}:": ${msg}`;
  if (expect.arg && !msg.includes(expect.arg)) return `message does not name ${expect.arg}: ${msg}`;
  return null;
}

async function runCase(c) {
  const { expect } = c;
  let value;
  // `maybe`: either a result that passes expect.ok or an error of that kind
  if (expect.maybe) {
    const asError = { error: expect.maybe, fn: expect.fn, arg: expect.arg };
    try {
      value = c.run();
      if (value instanceof Promise) value = await value;
    } catch (e) {
      return checkError(e, asError);
    }
    return expect.ok(value);
  }
  try {
    value = c.run();
  } catch (e) {
    if (expect.ok) return `threw ${e?.constructor?.name}: ${e?.message}`;
    if (expect.async === true) return `threw synchronously instead of rejecting: ${e?.message}`;
    return checkError(e, expect);
  }
  const isPromise = value instanceof Promise;
  if (expect.async === true && !isPromise) return 'did not return a promise';
  if (expect.async === false && isPromise) return 'returned a promise from a sync function';
  if (isPromise) {
    try {
      value = await value;
    } catch (e) {
      if (expect.ok) return `rejected ${e?.constructor?.name}: ${e?.message}`;
      return checkError(e, expect);
    }
  }
  if (!expect.ok) return `returned instead of throwing (${typeof value})`;
  return expect.ok(value);
}

const cases = buildCases(gs, native).filter((c) => c.name.includes(filter));
out({ count: cases.length });
const rss0 = process.memoryUsage().rss;
for (const c of cases) {
  out({ start: c.name });
  let detail;
  try {
    detail = await runCase(c);
  } catch (e) {
    detail = `the check itself failed: ${e?.stack ?? e}`;
  }
  try { c.restore?.(); } catch { /* best effort */ }
  out({ name: c.name, pass: detail == null, detail: detail ?? undefined });
}
out({ done: true, rssMB: Math.round(process.memoryUsage().rss / 1e6), rssStartMB: Math.round(rss0 / 1e6) });
