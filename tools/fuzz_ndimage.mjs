// Compares zoom / mapCoordinates with the SciPy results tools/fuzz_ndimage.py wrote.
import * as gs from '../dist/index.mjs';
import { readFileSync } from 'node:fs';
const C = { float64: Float64Array, float32: Float32Array, uint8: Uint8Array };
const dec = (t) => { const b = Buffer.from(t.data, 'base64'); const u = new Uint8Array(b.length); u.set(b); return { data: new C[t.dtype](u.buffer), shape: t.shape }; };
let bad = 0;
for (const c of JSON.parse(readFileSync(process.argv[2]))) {
  const x = dec(c.input); const want = dec(c.want).data; const f = dec(c.f).data;
  const got = c.op === 'zoom' ? gs.zoom(x, c.zoom, c.options) : gs.mapCoordinates(x, dec(c.coords), c.options);
  const od = c.options.output; const tol = od === 'float32' ? 1e-5 : 1e-10;
  for (let i = 0; i < want.length; ++i) {
    const g = got.data[i], w = want[i];
    if (od === 'uint8') { if (g !== w && Math.abs(f[i] - Math.floor(f[i]) - 0.5) > 1e-6) { bad++; console.log('BAD', c.op, JSON.stringify(c.options), c.input.shape, i, g, w, f[i]); break; } }
    else if (!(Math.abs(g - w) <= tol * (1 + Math.abs(w))) && !(Number.isNaN(g) && Number.isNaN(w))) { bad++; console.log('BAD', c.op, JSON.stringify(c.options), c.input.shape, c.zoom, i, g, w); break; }
  }
}
console.log('bad', bad);
process.exitCode = bad ? 1 : 0;
