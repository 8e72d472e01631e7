// grid_sample workloads (issue: foundation). Each workload is plain data that
// bench/peers/grid_sample.py runs in PyTorch too.
export const workloads = [
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

// Returns a function that runs the workload once (output preallocated).
export function prepare(w, gs, { fill, prod }) {
  const Ctor = w.dtype === 'float64' ? Float64Array : Float32Array;
  const input = { data: fill(new Ctor(prod(w.input)), 0, 1, 1), shape: w.input };
  const grid = { data: fill(new Ctor(prod(w.grid)), -1, 1, 2), shape: w.grid };
  const opts = { mode: w.mode, paddingMode: w.padding, alignCorners: w.alignCorners };
  opts.out = gs.gridSample(input, grid, opts);
  return () => gs.gridSample(input, grid, opts);
}
