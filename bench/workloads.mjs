// Every benchmark workload, gathered from one module per op family in
// bench/ops/. A module exports `workloads` (plain data, so bench/peers/*.py
// can run the same thing in PyTorch, SciPy, OpenCV or Pillow) and `prepare(w,
// gs, helpers)`, which returns a function running the workload once, with the
// bytes one call reads and writes as its `bytes` property. A module may also
// export `nodePeers`: peers that run in this process (sharp), each
// { name, ops, load(): Promise<boolean>, version(), setThreads(n), make(w, helpers): Promise<async fn> }.
//
// Every workload comes twice: "[out]" passes a preallocated `out` (w.out true),
// "[new]" lets each call allocate its result (w.out false), the call most
// users make. Peers honour w.out where their API has an output argument.
import * as gridSample from './ops/grid-sample.mjs';
import * as affineGrid from './ops/affine-grid.mjs';
import * as interpolate from './ops/interpolate.mjs';
import * as antialiasPool from './ops/antialias-pool.mjs';
import * as ndimage from './ops/ndimage.mjs';
import * as resize from './ops/resize.mjs';

const families = [gridSample, affineGrid, interpolate, antialiasPool, ndimage, resize];

export const workloads = families.flatMap((f) =>
  f.workloads.flatMap((w) => [true, false].map((out) => ({ ...w, id: `${w.id} [${out ? 'out' : 'new'}]`, out, prepare: f.prepare }))),
);

export const nodePeers = families.flatMap((f) => f.nodePeers ?? []);
