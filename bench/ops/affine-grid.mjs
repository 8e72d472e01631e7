// affine_grid workloads (issue: affineGrid). Each workload is plain data that
// bench/peers/affine_grid.py runs in PyTorch too.
export const workloads = [
  { id: 'affine_grid 2D N8 256x256 float32', op: 'affine_grid', size: [8, 3, 256, 256], dtype: 'float32', alignCorners: false },
  { id: 'affine_grid 2D N1 1024x1024 float64', op: 'affine_grid', size: [1, 1, 1024, 1024], dtype: 'float64', alignCorners: true },
  { id: 'affine_grid 3D N2 32x64x64 float32', op: 'affine_grid', size: [2, 1, 32, 64, 64], dtype: 'float32', alignCorners: false },
];

// Returns a function that runs the workload once (with w.out: into a preallocated result).
export function prepare(w, gs, { fill, prod, bytesOf }) {
  const Ctor = w.dtype === 'float64' ? Float64Array : Float32Array;
  const dims = w.size.length - 2;
  const shape = [w.size[0], dims, dims + 1];
  const theta = { data: fill(new Ctor(prod(shape)), -1, 1, 3), shape };
  const opts = { alignCorners: w.alignCorners };
  const first = gs.affineGrid(theta, w.size, opts);
  if (w.out) opts.out = first;
  const run = () => gs.affineGrid(theta, w.size, opts);
  run.bytes = bytesOf(theta, first);
  return run;
}
