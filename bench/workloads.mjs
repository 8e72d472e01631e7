// The benchmark workloads. Each names an op and its arguments in plain data so
// that bench/peers.py can run the same workload in PyTorch (and SciPy/OpenCV
// where the op has a peer there). Inputs are random with a fixed seed.
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
