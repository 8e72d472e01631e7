// Draws the pictures in docs/images/ with the package itself (README and API
// docs embed them): gridSample's three modes, its three padding modes,
// alignCorners true vs false, antialias on vs off when shrinking, and
// resize's Pillow vs tensor backends. PNGs through sharp.
// Usage: npm run pictures   (node tools/make-pictures.mjs [outdir])
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { mkdirSync } from 'node:fs';
import sharp from 'sharp';
import { affineGrid, fromSharp, gridSample, interpolate, toSharpRaw } from 'gridsample';
import { resize } from 'gridsample/transforms';
import { sampleImage } from '../examples/demo/sample-image.mjs';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = process.argv[2] ?? path.join(root, 'docs', 'images');
mkdirSync(out, { recursive: true });

const save = async (name, img) => {
  const { data, info } = toSharpRaw(img);
  await sharp(data, { raw: info }).png({ compressionLevel: 9, palette: false }).toFile(path.join(out, name));
  return name;
};

/** A grid (1, H, W, 2) for the affine map `theta` (2x3, row-major) of a `[1, C, H, W]` output. */
const gridFor = (theta, H, W, alignCorners = false) =>
  affineGrid({ data: new Float32Array(theta), shape: [1, 2, 3] }, [1, 3, H, W], { alignCorners });

const sample = fromSharp(sampleImage(), { batch: true }); // uint8 [1, 3, 384, 512], channels-last
const written = [];

// 1. Modes: a 24x18 thumbnail of the sample, sampled up to 192x144.
const tiny = interpolate(sample, { size: [18, 24], mode: 'area' });
const up = gridFor([1, 0, 0, 0, 1, 0], 144, 192);
for (const mode of ['nearest', 'bilinear', 'bicubic'])
  written.push(await save(`mode-${mode}.png`, gridSample(tiny, up, { mode, paddingMode: 'border' })));

// 2. Padding: the sample at 1/4 size, zoomed out 1.6x and turned by 25 degrees.
const quarter = interpolate(sample, { size: [96, 128], mode: 'bilinear', antialias: true });
const a = (25 * Math.PI) / 180, z = 1.6;
const turn = gridFor([z * Math.cos(a), -z * Math.sin(a), 0, z * Math.sin(a), z * Math.cos(a), 0], 96, 128);
for (const paddingMode of ['zeros', 'border', 'reflection'])
  written.push(await save(`padding-${paddingMode}.png`, gridSample(quarter, turn, { paddingMode })));

// 3. alignCorners: a 4x4 image sampled up to 160x160 with zeros padding. With true the
// corner pixels' centres sit on the corners; with false their outer edges do.
// A 4x4 checkerboard of orange and blue, planar [1, 3, 4, 4].
const colors = [[240, 150, 40], [40, 90, 200]];
const checker = { data: new Uint8Array(3 * 16), shape: [1, 3, 4, 4] };
for (let c = 0; c < 3; ++c)
  for (let y = 0; y < 4; ++y) for (let x = 0; x < 4; ++x) checker.data[c * 16 + y * 4 + x] = colors[(x + y) % 2][c];
for (const alignCorners of [true, false])
  written.push(await save(`align-corners-${alignCorners}.png`, gridSample(checker, gridFor([1, 0, 0, 0, 1, 0], 160, 160, alignCorners), { alignCorners })));

// 4. Antialias: the zone plate (top right of the sample) shrunk 4x, without and with antialiasing.
// A view of the 192x192 square at x = 304 (no copy): offset into the data, the sample's strides.
const plateAt = { data: sample.data.subarray(304 * 3), shape: [1, 3, 192, 192], strides: [sample.strides[0], 1, 512 * 3, 3] };
for (const antialias of [false, true])
  written.push(await save(`antialias-${antialias ? 'on' : 'off'}.png`, interpolate(plateAt, { size: [48, 48], mode: 'bilinear', antialias })));

// 5. Backends: a 32x24 crop of the sample enlarged 4x with bicubic, by Pillow's rules (its
// filter, a = -0.5) and by torchvision's with antialias off (torch's a = -0.75: sharper
// edges, more overshoot); and their difference, times 8 (grey = equal).
const crop = { data: fromSharp(sampleImage()).data.subarray((286 * 512 + 60) * 3), shape: [3, 24, 32], strides: [1, 512 * 3, 3] };
const pil = resize(crop, [96, 128], { interpolation: 'bicubic', backend: 'pil' });
const tv = resize(crop, [96, 128], { interpolation: 'bicubic', backend: 'tensor', antialias: false });
written.push(await save('backend-pil.png', pil), await save('backend-tensor.png', tv));
const pd = toSharpRaw(pil).data, td = toSharpRaw(tv).data;
const diff = new Uint8Array(pd.length).map((_, i) => Math.max(0, Math.min(255, 128 + 8 * (pd[i] - td[i]))));
let differing = 0;
for (let i = 0; i < pd.length; ++i) if (pd[i] !== td[i]) differing++;
written.push(await save('backend-diff.png', { data: diff, shape: [3, 96, 128], strides: [1, 128 * 3, 3] }));

console.log(`wrote ${written.length} pictures to ${path.relative(process.cwd(), out) || '.'} ` +
  `(Pillow vs tensor bicubic x4: ${differing} of ${pd.length} samples differ)`);
