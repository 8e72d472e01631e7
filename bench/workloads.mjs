// Every benchmark workload, gathered from one module per op family in
// bench/ops/. A module exports `workloads` (plain data, so bench/peers/*.py
// can run the same thing in PyTorch, SciPy or OpenCV) and `prepare(w, gs,
// helpers)`, which returns a function running the workload once.
import * as gridSample from './ops/grid-sample.mjs';
import * as affineGrid from './ops/affine-grid.mjs';
import * as interpolate from './ops/interpolate.mjs';
import * as antialiasPool from './ops/antialias-pool.mjs';
import * as ndimage from './ops/ndimage.mjs';

const families = [gridSample, affineGrid, interpolate, antialiasPool, ndimage];

export const workloads = families.flatMap((f) => f.workloads.map((w) => ({ ...w, prepare: f.prepare })));
