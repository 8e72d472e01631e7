// Data-loader workloads of issue 12 (`gridsample/transforms` pipelines): a
// batch of 64 uint8 RGB images through a torchvision v2 training pipeline
// into one float32 batch, and RandomAffine on 64 uint8 512x512 images. Plain
// data, so bench/peers/transforms.py runs the same pipeline in torchvision
// 0.29 v2 on uint8 tensors (torch.stack of the per-image results), with the
// same thread count. Images are contiguous [3, H, W] on both sides.
import * as T from '../../dist/transforms/index.mjs';

const MEAN = [0.485, 0.456, 0.406];
const STD = [0.229, 0.224, 0.225];

export const workloads = [
  {
    id: 'transforms N64 1280x960 RandomResizedCrop(224)+HFlip+ToDtype+Normalize -> float32 batch',
    op: 'transforms_rrc',
    batch: 64,
    input: [960, 1280],
    size: 224,
    mean: MEAN,
    std: STD,
  },
  {
    id: 'transforms N64 512x512 RandomAffine(30, 0.1, 0.8-1.2, shear 10, bilinear)',
    op: 'transforms_affine',
    batch: 64,
    input: [512, 512],
    degrees: 30,
    translate: [0.1, 0.1],
    scale: [0.8, 1.2],
    shear: 10,
  },
];

function images(w, fill) {
  const [h, wd] = w.input;
  // One random buffer per image (each image its own memory, as decoded files are).
  return Array.from({ length: w.batch }, (_, k) => ({ data: fill(new Uint8Array(3 * h * wd), 0, 256, k + 1), shape: [3, h, wd] }));
}

// Returns a function that runs the workload once (with w.out: into a preallocated batch).
export function prepare(w, gs, { fill, bytesOf }) {
  const imgs = images(w, fill);
  const steps = w.op === 'transforms_rrc'
    ? [new T.RandomResizedCrop(w.size, { antialias: true }), new T.RandomHorizontalFlip(), new T.ToDtype('float32', { scale: true }), new T.Normalize(w.mean, w.std)]
    : [new T.RandomAffine(w.degrees, { translate: w.translate, scale: w.scale, shear: w.shear, interpolation: 'bilinear', fill: 0 })];
  const pipeline = new T.Compose(steps, { seed: 1 });
  const first = pipeline.forwardBatch(imgs);
  const opts = w.out ? { out: first } : undefined;
  const run = () => pipeline.forwardBatch(imgs, opts);
  run.bytes = bytesOf(...imgs, first);
  return run;
}
