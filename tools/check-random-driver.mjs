#!/usr/bin/env node
// Runs this package (dist/) on cases written by a tools/check_*_random.py
// script and writes the results back for it to compare with PyTorch.
//
//   node tools/check-random-driver.mjs <dir>
//
// <dir>/cases.json: [{ op, tensors: {name: {offset, length, dtype, shape,
// strides?}}, options, size? (affineGrid), zoom? (zoom), threads?, simd? }], offsets and lengths in
// elements of the tensor's dtype (offset counted in bytes / element size) into
// <dir>/data.bin. Writes <dir>/out.bin (the results, 8-byte aligned, one after
// the other) and <dir>/results.json ([{offset, length, dtype, shape} | {error}]).
// A developer tool: not part of the package or of CI.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const gs = require(path.join(path.dirname(new URL(import.meta.url).pathname), '..', 'dist', 'index.js'));

const dir = process.argv[2];
if (!dir) {
  console.error('usage: node tools/check-random-driver.mjs <dir>');
  process.exit(2);
}
const cases = JSON.parse(readFileSync(path.join(dir, 'cases.json'), 'utf8'));
const raw = readFileSync(path.join(dir, 'data.bin'));
const data = new Uint8Array(raw.length);
data.set(raw);
const CTORS = { float32: Float32Array, float64: Float64Array, uint8: Uint8Array };

function tensor(t) {
  const Ctor = CTORS[t.dtype];
  // An empty tensor may be recorded at the (aligned) end of data.bin, past its last byte.
  const arr = t.length === 0 ? new Ctor(0) : new Ctor(data.buffer, t.offset * Ctor.BYTES_PER_ELEMENT, t.length);
  return t.strides ? { data: arr, shape: t.shape, strides: t.strides } : { data: arr, shape: t.shape };
}

const targets = ['baseline', 'avx2', 'avx512'].slice(0, ['baseline', 'avx2', 'avx512'].indexOf(gs.bestSimdTarget()) + 1);
const defaultThreads = gs.getNumThreads();
const chunks = [];
let bytes = 0;
const results = [];
for (const c of cases) {
  gs.setNumThreads(c.threads ?? defaultThreads);
  gs.setSimdTarget(c.simd && targets.includes(c.simd) ? c.simd : gs.bestSimdTarget());
  try {
    let out;
    if (c.op === 'gridSample') out = gs.gridSample(tensor(c.tensors.input), tensor(c.tensors.grid), c.options);
    else if (c.op === 'affineGrid') out = gs.affineGrid(tensor(c.tensors.theta), c.size, c.options);
    else if (c.op === 'zoom') out = gs.zoom(tensor(c.tensors.input), c.zoom, c.options);
    else if (c.op === 'mapCoordinates') out = gs.mapCoordinates(tensor(c.tensors.input), tensor(c.tensors.coordinates), c.options);
    else if (c.op === 'interpolate') out = gs.interpolate(tensor(c.tensors.input), { ...c.options, memoryFormat: 'contiguous' });
    else throw new Error(`unknown op ${c.op}`);
    const buf = new Uint8Array(out.data.buffer, out.data.byteOffset, out.data.byteLength);
    const pad = (8 - (bytes % 8)) % 8;
    if (pad) chunks.push(new Uint8Array(pad));
    bytes += pad;
    const dtype = out.data instanceof Float32Array ? 'float32' : out.data instanceof Float64Array ? 'float64' : 'uint8';
    results.push({ offset: bytes / CTORS[dtype].BYTES_PER_ELEMENT, length: out.data.length, dtype, shape: out.shape, simd: gs.getSimdTarget(), threads: gs.getNumThreads() });
    chunks.push(buf.slice());
    bytes += buf.length;
  } catch (e) {
    results.push({ error: `${e.name}: ${e.message}` });
  }
}
writeFileSync(path.join(dir, 'out.bin'), Buffer.concat(chunks));
writeFileSync(path.join(dir, 'results.json'), JSON.stringify(results));
console.log(`ran ${cases.length} cases on targets ${targets.join(', ')}`);
