// Antialiased resize and area (adaptive average pooling) workloads of issue 3.
// Plain data, so bench/peers/antialias_pool.py runs the same thing in PyTorch
// and OpenCV.

const img = [8, 3, 512, 512];
export const workloads = [
  { id: 'interpolate area 8x3x512x512 -> 1024x1024', op: 'interpolate_aa', input: img, size: [1024, 1024], mode: 'area' },
  { id: 'interpolate bilinear antialias 8x3x512x512 -> 224', op: 'interpolate_aa', input: img, size: [224, 224], mode: 'bilinear' },
  { id: 'interpolate bicubic antialias 8x3x512x512 -> 224', op: 'interpolate_aa', input: img, size: [224, 224], mode: 'bicubic' },
  { id: 'interpolate area 8x3x512x512 -> 224x224', op: 'interpolate_aa', input: img, size: [224, 224], mode: 'area' },
  {
    // torch 1.13 refuses uint8 antialias: its time is for float32 channels-last (torch 2.x: uint8).
    id: 'bilinear aa uint8 NHWC 8x3x512x512->224 (torch 1.13: f32 NHWC)',
    op: 'interpolate_aa',
    input: img,
    size: [224, 224],
    mode: 'bilinear',
    dtype: 'uint8',
    layout: 'channelsLast',
  },
];

const channelsLast = ([N, C, H, W]) => [H * W * C, 1, W * C, C];
const contiguous = ([N, C, H, W]) => [C * H * W, H * W, W, 1];

// Returns a function that runs the workload once (with w.out: into a preallocated result
// of the input's layout; without, interpolate allocates one of the input's layout).
export function prepare(w, gs, { fill, prod, bytesOf }) {
  const Ctor = w.dtype === 'uint8' ? Uint8Array : Float32Array;
  const cl = w.layout === 'channelsLast';
  const strides = cl ? channelsLast : contiguous;
  const input = { data: fill(new Ctor(prod(w.input)), 0, Ctor === Uint8Array ? 256 : 1, 1), shape: w.input, strides: strides(w.input) };
  const oshape = [w.input[0], w.input[1], ...w.size];
  const out = { data: new Ctor(prod(oshape)), shape: oshape, strides: strides(oshape) };
  const opts = { size: w.size, mode: w.mode, antialias: w.mode !== 'area' };
  if (w.out) opts.out = out;
  const run = () => gs.interpolate(input, opts);
  run.bytes = bytesOf(input, out);
  return run;
}
