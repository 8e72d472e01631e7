// A complete image data loader for onnxruntime-node: decode JPEG / PNG files
// with sharp, augment them as a torchvision v2 training pipeline would
// (RandomResizedCrop, RandomHorizontalFlip, ToDtype, Normalize), batch them
// into one Float32Array [N, 3, S, S], and feed a model, loading the next batch
// while the current one runs. A progress line goes to stderr, a summary to
// stdout.
//
//   node examples/loader.mjs <folder> [--batch 8] [--size 224] [--seed 1]
//        [--model examples/models/channel-mean.onnx]
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import ort from 'onnxruntime-node';
import {
  Compose, RandomResizedCrop, RandomHorizontalFlip, ToDtype, Normalize, fromHWC,
} from 'gridsample/transforms';

const args = process.argv.slice(2);
const opt = (name, def) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : def;
};
const folder = args[0];
if (!folder || folder.startsWith('--')) {
  console.error('usage: node examples/loader.mjs <folder> [--batch 8] [--size 224] [--seed 1] [--model file.onnx]');
  process.exit(2);
}
const batchSize = Number(opt('batch', '8'));
const size = Number(opt('size', '224'));
const seed = Number(opt('seed', '1'));
const modelPath = opt('model', path.join(path.dirname(new URL(import.meta.url).pathname), 'models', 'channel-mean.onnx'));

const files = (await readdir(folder)).filter((f) => /\.(jpe?g|png)$/i.test(f)).sort().map((f) => path.join(folder, f));
if (files.length === 0) {
  console.error(`no .jpg / .png files in ${folder}`);
  process.exit(1);
}

const pipeline = new Compose([
  new RandomResizedCrop(size, { scale: [0.08, 1], ratio: [3 / 4, 4 / 3] }),
  new RandomHorizontalFlip(),
  new ToDtype('float32', { scale: true }),
  new Normalize([0.485, 0.456, 0.406], [0.229, 0.224, 0.225]),
], { seed });

/** Decodes one file to a [3, H, W] uint8 view of sharp's pixels. */
async function decode(file) {
  const { data, info } = await sharp(file).removeAlpha().toColourspace('srgb').raw().toBuffer({ resolveWithObject: true });
  return fromHWC(data, info.height, info.width, info.channels);
}

/** One batch: decode (libvips' threads), augment (our thread pool), collate. */
async function loadBatch(k) {
  const chunk = files.slice(k * batchSize, (k + 1) * batchSize);
  const images = await Promise.all(chunk.map(decode));
  return pipeline.forwardBatchAsync(images);  // { data: Float32Array, shape: [n, 3, size, size] }
}

const session = await ort.InferenceSession.create(modelPath);
const batches = Math.ceil(files.length / batchSize);
const started = performance.now();
let done = 0;
let checksum = 0;
let next = loadBatch(0);
for (let k = 0; k < batches; ++k) {
  const batch = await next;
  if (k + 1 < batches) next = loadBatch(k + 1);  // prefetch while the model runs
  const input = new ort.Tensor('float32', batch.data, batch.shape);
  const output = await session.run({ [session.inputNames[0]]: input });
  const result = output[session.outputNames[0]].data;
  for (const v of result) checksum += v;
  done += batch.shape[0];
  const rate = done / ((performance.now() - started) / 1000);
  process.stderr.write(`\rbatch ${k + 1}/${batches}  ${done}/${files.length} images  ${rate.toFixed(1)} images/s`);
}
process.stderr.write('\n');
console.log(JSON.stringify({ images: done, batches, shape: [batchSize, 3, size, size], checksum: Number(checksum.toFixed(4)) }));
