// Image resize workloads of issue 11 (`gridsample/transforms` resize): uint8
// RGB, a channels-last input viewed in place over an HWC buffer with fromHWC,
// on both backends ('tensor': torchvision on tensors, 'pil': Pillow). Plain
// data, so bench/peers/resize.py runs the same resize in PyTorch (uint8
// F.interpolate with antialias on a channels-last tensor; torch 1.13 refuses
// uint8 antialias), Pillow and OpenCV (INTER_AREA down, INTER_LINEAR /
// INTER_CUBIC up); sharp (libvips) runs here in Node when it loads.
// Sizes are [height, width]; the ids say width x height, as image tools do.
import * as T from '../../dist/transforms/index.mjs';

const cases = [
  { input: [960, 1280], size: [224, 224], interpolation: 'bilinear' },
  { input: [960, 1280], size: [224, 224], interpolation: 'bicubic' },
  { input: [1600, 2560], size: [200, 320], interpolation: 'bicubic' },
  { input: [512, 512], size: [224, 224], interpolation: 'bilinear' },
  { input: [256, 256], size: [512, 512], interpolation: 'bilinear' },
];

export const workloads = cases.flatMap((c) =>
  ['tensor', 'pil'].map((backend) => ({
    id: `resize uint8 RGB HWC ${c.input[1]}x${c.input[0]} -> ${c.size[1]}x${c.size[0]} ${c.interpolation} ${backend}`,
    op: 'resize',
    channels: 3,
    backend,
    ...c,
  })),
);

function hwcInput(w, fill) {
  const [h, wd] = w.input;
  return fill(new Uint8Array(h * wd * w.channels), 0, 256, 1);
}

// Returns a function that runs the workload once (with w.out: into a preallocated result).
export function prepare(w, gs, { fill, bytesOf }) {
  const img = T.fromHWC(hwcInput(w, fill), w.input[0], w.input[1], w.channels);
  const opts = { interpolation: w.interpolation, antialias: true, backend: w.backend };
  const first = T.resize(img, w.size, opts);
  if (w.out) opts.out = first;
  const run = () => T.resize(img, w.size, opts);
  run.bytes = bytesOf(img, first);
  return run;
}

// sharp (libvips): raw RGB in, raw RGB out, the same filter, exact size.
let sharp = null;
export const nodePeers = [
  {
    name: 'sharp',
    ops: ['resize'],
    async load() {
      try {
        sharp = (await import('sharp')).default;
        sharp.cache(false);
        return true;
      } catch (e) {
        console.error(`sharp unavailable: ${e.message.split('\n')[0]}`);
        return false;
      }
    },
    version: () => sharp.versions.sharp,
    setThreads: (n) => sharp.concurrency(n),
    async make(w, { fill }) {
      const buf = Buffer.from(hwcInput(w, fill).buffer);
      const raw = { width: w.input[1], height: w.input[0], channels: w.channels };
      const kernel = { bilinear: 'linear', bicubic: 'cubic' }[w.interpolation];
      return () => sharp(buf, { raw }).resize(w.size[1], w.size[0], { kernel, fit: 'fill' }).raw().toBuffer();
    },
  },
];
