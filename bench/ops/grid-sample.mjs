// grid_sample workloads (issue: foundation; issue 16: smooth and random grids).
// Each workload is plain data that bench/peers/grid_sample.py runs in PyTorch
// too. A 'smooth' grid is affine_grid of SMOOTH_THETA (a slight rotation and
// zoom: neighbouring outputs read neighbouring inputs, as in augmentation); a
// 'random' grid is uniform in [-1, 1) (every output reads somewhere else).
const base = [
  ...['bilinear', 'nearest', 'bicubic'].flatMap((mode) =>
    ['zeros', 'reflection'].map((padding) => ({
      id: `grid_sample 2D N8 C32 128x128 ${mode} ${padding}`,
      op: 'grid_sample',
      input: [8, 32, 128, 128],
      grid: [8, 128, 128, 2],
      mode,
      padding,
      alignCorners: false,
    })),
  ),
  {
    id: 'grid_sample 2D N1 C3 1024x1024 bilinear zeros',
    op: 'grid_sample',
    input: [1, 3, 1024, 1024],
    grid: [1, 1024, 1024, 2],
    mode: 'bilinear',
    padding: 'zeros',
    alignCorners: false,
  },
  ...['bilinear', 'nearest'].map((mode) => ({
    id: `grid_sample 3D N2 C16 32x64x64 ${mode} zeros`,
    op: 'grid_sample',
    input: [2, 16, 32, 64, 64],
    grid: [2, 32, 64, 64, 3],
    mode,
    padding: 'zeros',
    alignCorners: false,
  })),
];

export const workloads = base.flatMap((w) =>
  ['smooth', 'random'].map((gridKind) => ({ ...w, id: `${w.id} ${gridKind}`, gridKind })),
);

// Rows of the smooth grid's affine matrix (per batch entry): rotation by 10 degrees,
// zoom 0.9, a small shift; 3D rotates about the depth axis. bench/peers/grid_sample.py has the same.
const c = 0.9 * Math.cos(Math.PI / 18);
const s = 0.9 * Math.sin(Math.PI / 18);
export const SMOOTH_THETA = { 2: [c, -s, 0.05, s, c, -0.03], 3: [c, -s, 0, 0.05, s, c, 0, -0.03, 0, 0, 0.9, 0.02] };

// Returns a function that runs the workload once (with w.out: into a preallocated result).
export function prepare(w, gs, { fill, prod, bytesOf }) {
  const Ctor = w.dtype === 'float64' ? Float64Array : Float32Array;
  const input = { data: fill(new Ctor(prod(w.input)), 0, 1, 1), shape: w.input };
  let grid;
  if (w.gridKind === 'smooth') {
    const dims = w.grid.length - 2;
    const row = SMOOTH_THETA[dims];
    const theta = { data: new Ctor(w.grid[0] * row.length), shape: [w.grid[0], dims, dims + 1] };
    for (let n = 0; n < w.grid[0]; ++n) theta.data.set(row, n * row.length);
    grid = gs.affineGrid(theta, [w.input[0], w.input[1], ...w.grid.slice(1, -1)], { alignCorners: w.alignCorners });
  } else {
    grid = { data: fill(new Ctor(prod(w.grid)), -1, 1, 2), shape: w.grid };
  }
  const opts = { mode: w.mode, paddingMode: w.padding, alignCorners: w.alignCorners };
  const first = gs.gridSample(input, grid, opts);
  if (w.out) opts.out = first;
  const run = () => gs.gridSample(input, grid, opts);
  run.bytes = bytesOf(input, grid, first);
  return run;
}
