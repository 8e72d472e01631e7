// interpolate workloads (issue 3, the non-antialias, non-area ones). Plain
// data that bench/peers/interpolate.py runs in PyTorch and OpenCV too.
const big = (mode, size) => ({
  id: `interpolate 8x3x512x512 -> ${size[0]}x${size[1]} ${mode}`,
  op: 'interpolate',
  input: [8, 3, 512, 512],
  size,
  mode,
});

export const workloads = [
  big('nearest', [1024, 1024]),
  big('bilinear', [1024, 1024]),
  big('bicubic', [1024, 1024]),
  big('bilinear', [224, 224]),
  {
    id: 'interpolate 2x4x64x128x128 trilinear x2',
    op: 'interpolate',
    input: [2, 4, 64, 128, 128],
    scaleFactor: 2,
    mode: 'trilinear',
  },
];

// Returns a function that runs the workload once (with w.out: into a preallocated result).
export function prepare(w, gs, { fill, prod, bytesOf }) {
  const Ctor = w.dtype === 'float64' ? Float64Array : w.dtype === 'uint8' ? Uint8Array : Float32Array;
  const input = { data: fill(new Ctor(prod(w.input)), 0, w.dtype === 'uint8' ? 256 : 1, 1), shape: w.input };
  const opts = { mode: w.mode };
  if (w.size) opts.size = w.size;
  if (w.scaleFactor) opts.scaleFactor = w.scaleFactor;
  const first = gs.interpolate(input, opts);
  if (w.out) opts.out = first;
  const run = () => gs.interpolate(input, opts);
  run.bytes = bytesOf(input, first);
  return run;
}
