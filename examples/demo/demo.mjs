// npm run demo [-- --input photo.jpg] [--out demo-out] [--no-peers]
//
// Shows the package doing its job on one image: the data-loader pipeline
// (resize with every filter, and the torchvision.transforms.v2 operations that
// gridsample/transforms has), gridSample's modes x padding modes x alignCorners
// on a warped grid, and zoom of a 3D volume; writes a PNG for each and an
// index.html contact sheet into demo-out/, then prints a timing table (ours,
// and Python's torch / Pillow / SciPy when a Python with them is installed).
// Without --input it draws its own picture (sample-image.mjs). PNG I/O through sharp.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import sharp from 'sharp';
import { affineGrid, fromSharp, gridSample, gridSampleAsync, interpolate, toSharpRaw, zoom } from 'gridsample';
import * as T from 'gridsample/transforms';
import { sampleImage } from './sample-image.mjs';

const { values: args } = parseArgs({
  options: {
    input: { type: 'string' },
    out: { type: 'string', default: 'demo-out' },
    peers: { type: 'boolean', default: true },
    'no-peers': { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  },
});
if (args.help) {
  console.log('npm run demo [-- --input photo.jpg] [--out demo-out] [--no-peers]');
  process.exit(0);
}
const outDir = path.resolve(args.out);
mkdirSync(outDir, { recursive: true });

// ---- the input: the user's image or the built-in one, as a [3, H, W] uint8 view -------------
let raw;
if (args.input) {
  try {
    raw = await sharp(args.input).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  } catch (e) {
    console.error(`demo: cannot read ${args.input}: ${e.message}`);
    process.exit(1);
  }
} else raw = sampleImage();
let image = fromSharp(raw); // [3, H, W], channels-last: sharp's memory, no copy
// Keep the demo quick on big photos: at most 768 px on the longer side (Pillow's bicubic).
if (Math.max(raw.info.width, raw.info.height) > 768) image = T.resize(image, null, { maxSize: 768, interpolation: 'bicubic', backend: 'pil' });
const [, H, W] = image.shape;

// ---- helpers -----------------------------------------------------------------------------------
const sections = []; // { title, note, items: [{ file, caption }] }
let section;
const begin = (title, note = '') => sections.push((section = { title, note, items: [] }));
const skipped = [];

async function save(name, img, caption) {
  const t = img.shape.length === 4 ? { data: img.data, shape: img.shape.slice(1), strides: img.strides?.slice(1) } : img;
  let pixels = t;
  if (!(t.data instanceof Uint8Array || t.data instanceof Uint8ClampedArray)) {
    // float results (e.g. zoom of a float volume): scale [0, 1] to [0, 255]
    const dense = toSharpRaw(t);
    const u8 = new Uint8Array(dense.data.length);
    for (let i = 0; i < u8.length; ++i) u8[i] = Math.max(0, Math.min(255, Math.round(dense.data[i] * 255)));
    pixels = { data: u8, shape: [dense.info.channels, dense.info.height, dense.info.width], strides: [1, dense.info.width * dense.info.channels, dense.info.channels] };
  }
  const { data, info } = toSharpRaw(pixels);
  await sharp(data, { raw: info }).png().toFile(path.join(outDir, name));
  section.items.push({ file: name, caption });
}

/** Runs `fn` if the transform exists in this version of gridsample/transforms, else notes it. */
async function ifAvailable(names, what, fn) {
  const missing = names.filter((n) => typeof T[n] !== 'function');
  if (missing.length) {
    skipped.push(`${what} (gridsample/transforms has no ${missing.join(', ')} yet)`);
    return;
  }
  try {
    await fn();
  } catch (e) {
    skipped.push(`${what}: ${e.message}`);
  }
}

// ---- 1. the data-loader pipeline --------------------------------------------------------------
begin('Resize: every filter', `torchvision v2 resize (tensor backend) and Pillow's Image.resize (pil backend), shorter side 160 px, from ${W}x${H}`);
await save('input.png', image, `input ${W}x${H}`);
for (const filter of ['nearest', 'nearest-exact', 'bilinear', 'bicubic', 'box', 'hamming', 'lanczos']) {
  for (const backend of ['tensor', 'pil']) {
    if (backend === 'pil' && filter === 'nearest-exact') continue; // Pillow has one nearest
    await save(`resize-${filter}-${backend}.png`, T.resize(image, 160, { interpolation: filter, backend }), `${filter}, ${backend}`);
  }
}

begin('Augmentations (gridsample/transforms, torchvision.transforms.v2)', 'random parameters from a seeded generator; pixels from the native kernels');
// A seeded generator (mulberry32) for the random parameters, so every run shows the same pictures.
let seed = 12345;
const random = () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const uniform = (lo, hi) => lo + (hi - lo) * random();
await ifAvailable(['resizedCrop'], 'random resized crop', async () => {
  // torchvision's RandomResizedCrop.get_params: area scale in [0.08, 1], log-uniform ratio in [3/4, 4/3]
  for (let k = 1; k <= 3; ++k) {
    let h = H, w = W, top = 0, left = 0;
    for (let attempt = 0; attempt < 10; ++attempt) {
      const area = H * W * uniform(0.08, 1);
      const ratio = Math.exp(uniform(Math.log(3 / 4), Math.log(4 / 3)));
      const cw = Math.round(Math.sqrt(area * ratio)), ch = Math.round(Math.sqrt(area / ratio));
      if (cw > 0 && ch > 0 && cw <= W && ch <= H) {
        [h, w] = [ch, cw];
        top = Math.floor(random() * (H - h + 1));
        left = Math.floor(random() * (W - w + 1));
        break;
      }
    }
    await save(`random-resized-crop-${k}.png`, T.resizedCrop(image, top, left, h, w, [160, 160]), `random resized crop ${w}x${h} at (${left}, ${top}) -> 160x160`);
  }
});
await ifAvailable(['rotate'], 'rotation', async () => {
  for (const angle of [15, 45]) await save(`rotate-${angle}.png`, await (T.rotateAsync ?? T.rotate)(image, angle, { interpolation: 'bilinear' }), `rotate ${angle}°, bilinear`);
  await save('rotate-30-expand.png', await (T.rotateAsync ?? T.rotate)(image, 30, { expand: true, fill: [255, 255, 255] }), 'rotate 30°, expand, white fill');
});
await ifAvailable(['affine'], 'affine', async () => {
  await save('affine.png', await (T.affineAsync ?? T.affine)(image, { angle: 10, translate: [20, 10], scale: 0.8, shear: [15, 0], interpolation: 'bilinear' }),
    'affine: 10°, shift (20, 10), scale 0.8, shear 15°');
});
await ifAvailable(['perspective'], 'perspective', async () => {
  const from = [[0, 0], [W - 1, 0], [W - 1, H - 1], [0, H - 1]];
  const to = [[Math.round(W * 0.12), Math.round(H * 0.06)], [Math.round(W * 0.9), 0], [W - 1, H - 1], [0, Math.round(H * 0.9)]];
  await save('perspective.png', await (T.perspectiveAsync ?? T.perspective)(image, from, to, { interpolation: 'bilinear' }), 'perspective');
});
await ifAvailable(['elasticTransform'], 'elastic', async () => {
  // torchvision's ElasticTransform draws noise and blurs it; here: random values on a coarse
  // 8x8 grid, smoothed up to the image size by zoom (cubic spline), alpha 50 px.
  const coarse = { data: new Float32Array(8 * 8 * 2).map(() => uniform(-1, 1)), shape: [8, 8, 2] };
  const field = zoom(coarse, [H / 8, W / 8, 1], { order: 3, mode: 'nearest' });
  const d = { data: new Float32Array(H * W * 2), shape: [1, H, W, 2] };
  for (let i = 0; i < H * W; ++i) {
    d.data[2 * i] = (field.data[2 * i] * 50) / W;        // torchvision's normalised units: 2 * px / size
    d.data[2 * i + 1] = (field.data[2 * i + 1] * 50) / H;
  }
  await save('elastic.png', await (T.elasticTransformAsync ?? T.elasticTransform)(image, d), 'elastic, alpha 50 px, smooth field');
});
if (section.items.length === 0) section.note += ' (none in this version: see the list at the end)';

// ---- 2. gridSample: modes x padding x alignCorners on a warped grid --------------------------
begin('gridSample: mode x paddingMode x alignCorners', 'a grid that zooms out 1.3x and swirls: the same grid for every panel; float32 input');
const small = T.resize(image, [120, Math.round((120 * W) / H)], { backend: 'pil', interpolation: 'bicubic' });
const [, h, w] = small.shape;
const batch = { data: new Float32Array(3 * h * w), shape: [1, 3, h, w] };
for (let c = 0; c < 3; ++c)
  for (let y = 0; y < h; ++y)
    for (let x = 0; x < w; ++x) batch.data[(c * h + y) * w + x] = small.data[c * small.strides[0] + y * small.strides[1] + x * small.strides[2]] / 255;
const Ho = h * 2, Wo = w * 2;
const warped = (alignCorners) => {
  const g = affineGrid({ data: new Float32Array([1.3, 0, 0, 0, 1.3, 0]), shape: [1, 2, 3] }, [1, 3, Ho, Wo], { alignCorners });
  for (let i = 0; i < Ho * Wo; ++i) {
    const x = g.data[2 * i], y = g.data[2 * i + 1];
    const a = 0.6 * Math.exp(-2 * (x * x + y * y)); // a swirl about the centre
    g.data[2 * i] = x * Math.cos(a) - y * Math.sin(a);
    g.data[2 * i + 1] = x * Math.sin(a) + y * Math.cos(a);
  }
  return g;
};
for (const alignCorners of [false, true]) {
  const grid = warped(alignCorners);
  for (const mode of ['nearest', 'bilinear', 'bicubic'])
    for (const paddingMode of ['zeros', 'border', 'reflection'])
      await save(`gridsample-${mode}-${paddingMode}-${alignCorners ? 'ac' : 'noac'}.png`,
        await gridSampleAsync(batch, grid, { mode, paddingMode, alignCorners }), `${mode}, ${paddingMode}, alignCorners ${alignCorners}`);
}

// ---- 3. zoom of a 3D volume -------------------------------------------------------------------
begin('zoom: a 3D volume', 'a 24³ float32 volume (a torus) zoomed 4x with scipy.ndimage.zoom\'s orders; the middle slice');
const N = 24;
const vol = { data: new Float32Array(N * N * N), shape: [N, N, N] };
for (let z = 0; z < N; ++z)
  for (let y = 0; y < N; ++y)
    for (let x = 0; x < N; ++x) {
      const [u, v, t] = [(x - 11.5) / 8, (y - 11.5) / 8, (z - 11.5) / 8];
      const q = Math.hypot(Math.hypot(u, v) - 0.9, t);
      vol.data[(z * N + y) * N + x] = Math.max(0, Math.min(1, (0.55 - q) * 3));
    }
const slice = (t, k) => {
  const [, n1, n2] = t.shape;
  return { data: t.data.subarray(k * n1 * n2, (k + 1) * n1 * n2), shape: [1, n1, n2] };
};
await save('zoom-input-slice.png', interpolate({ ...slice(vol, N / 2), shape: [1, 1, N, N] }, { scaleFactor: 4, mode: 'nearest' }), `input slice ${N}x${N} (shown 4x, nearest)`);
for (const order of [0, 1, 3, 5]) {
  const big = zoom(vol, 4, { order, mode: 'nearest' });
  await save(`zoom-order${order}.png`, slice(big, big.shape[0] / 2), `zoom 4x, order ${order}: ${big.shape.join('x')}`);
}

// ---- contact sheet -------------------------------------------------------------------------------
const esc = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;');
const html = `<!doctype html><meta charset="utf-8"><title>gridsample demo</title>
<style>body{font:14px system-ui,sans-serif;margin:2em;background:#fafafa}figure{display:inline-block;margin:6px;vertical-align:top}
img{image-rendering:pixelated;border:1px solid #ccc;background:#fff;max-width:260px}figcaption{font-size:12px;color:#444;max-width:260px}</style>
<h1>gridsample demo</h1><p>Input: ${esc(args.input ?? 'the built-in picture')}, ${W}x${H}. Every picture made by the package.</p>
${sections.map((s) => `<h2>${esc(s.title)}</h2><p>${esc(s.note)}</p>\n${s.items.map((i) => `<figure><img src="${esc(i.file)}" alt="${esc(i.caption)}"><figcaption>${esc(i.caption)}</figcaption></figure>`).join('\n')}`).join('\n')}
${skipped.length ? `<h2>Not shown</h2><ul>${skipped.map((s) => `<li>${esc(s)}</li>`).join('')}</ul>` : ''}
`;
writeFileSync(path.join(outDir, 'index.html'), html);
const files = sections.reduce((n, s) => n + s.items.length, 0);
console.log(`demo: wrote ${files} PNGs and index.html to ${path.relative(process.cwd(), outDir) || '.'}/`);
for (const s of skipped) console.log(`demo: not shown: ${s}`);

// ---- timing table --------------------------------------------------------------------------------
const median = (a) => a.slice().sort((x, y) => x - y)[a.length >> 1];
function time(fn, minMs = 150) {
  fn();
  const runs = [];
  const start = performance.now();
  while (runs.length < 3 || (performance.now() - start < minMs && runs.length < 50)) {
    const t0 = performance.now();
    fn();
    runs.push(performance.now() - t0);
  }
  return median(runs);
}
const photo = image; // uint8 [3, H, W]
const gsIn = { data: new Float32Array(3 * H * W).fill(0.5), shape: [1, 3, H, W] };
const gsGrid = affineGrid({ data: new Float32Array([0.9, 0.1, 0, -0.1, 0.9, 0]), shape: [1, 2, 3] }, [1, 3, H, W]);
const vol64 = { data: new Float32Array(48 ** 3).fill(0.5), shape: [48, 48, 48] };
const workloads = [
  { name: `resize ${W}x${H} -> 224 bicubic, Pillow (uint8)`, ours: () => T.resize(photo, 224, { interpolation: 'bicubic', backend: 'pil' }), peer: 'pil_resize' },
  { name: `resize ${W}x${H} -> 224 bilinear antialias, torchvision (uint8)`, ours: () => T.resize(photo, 224), peer: 'tv_resize' },
  { name: `gridSample 1x3x${H}x${W} bilinear (float32)`, ours: () => gridSample(gsIn, gsGrid), peer: 'grid_sample' },
  { name: 'zoom 48³ x2 order 3 (float32)', ours: () => zoom(vol64, 2, { order: 3 }), peer: 'zoom' },
];
for (const wl of workloads) wl.ms = time(wl.ours);

const peerTimes = {}; // peer label -> { key: ms }
if (args.peers && !args['no-peers']) {
  const script = `
import json, sys, time
res = {}
def med(f, min_s=0.15):
    f(); runs = []; t = time.perf_counter()
    while len(runs) < 3 or (time.perf_counter() - t < min_s and len(runs) < 50):
        t0 = time.perf_counter(); f(); runs.append((time.perf_counter() - t0) * 1000)
    return sorted(runs)[len(runs) // 2]
H, W = ${H}, ${W}
import numpy as np
try:
    import torch; torch.set_num_threads(${Math.max(1, (await import('node:os')).availableParallelism())})
    x = torch.full((1, 3, H, W), 0.5); th = torch.tensor([[[0.9, 0.1, 0], [-0.1, 0.9, 0]]])
    g = torch.nn.functional.affine_grid(th, (1, 3, H, W), align_corners=False)
    res['grid_sample'] = med(lambda: torch.nn.functional.grid_sample(x, g, align_corners=False))
    res['torch'] = torch.__version__
    try:
        import torchvision.transforms.v2.functional as F
        u8 = torch.zeros((3, H, W), dtype=torch.uint8)
        F.resize(u8, 224, antialias=True)
        res['tv_resize'] = med(lambda: F.resize(u8, 224, antialias=True))
    except Exception:
        pass
except ImportError:
    pass
try:
    from PIL import Image
    im = Image.new('RGB', (W, H)); s = 224 / min(W, H); size = (int(W * s) if W > H else 224, 224 if W > H else int(H * s))
    res['pil_resize'] = med(lambda: im.resize(size, Image.BICUBIC)); res['pillow'] = Image.__version__
except ImportError:
    pass
try:
    import scipy, scipy.ndimage as nd
    v = np.full((48, 48, 48), 0.5, np.float32)
    res['zoom'] = med(lambda: nd.zoom(v, 2, order=3)); res['scipy'] = scipy.__version__
except ImportError:
    pass
print(json.dumps(res))
`;
  const pythons = [['Debian python3', '/usr/bin/python3'], ['modern peers', path.join(homedir(), '.cache/gridsample-peers/bin/python')]];
  for (const [label, py] of pythons) {
    if (!existsSync(py)) continue;
    const r = spawnSync(py, ['-c', script], { encoding: 'utf8', timeout: 120_000 });
    if (r.status !== 0) continue;
    try {
      const res = JSON.parse(r.stdout.trim().split('\n').at(-1));
      res.versions = ['torch', 'pillow', 'scipy'].filter((k) => res[k]).map((k) => `${k} ${res[k]}`).join(', ');
      peerTimes[label] = res;
    } catch { /* no usable output: skip this python */ }
  }
}
const peers = Object.keys(peerTimes);
const fmt = (ms) => (ms === undefined ? '-' : ms < 10 ? ms.toFixed(2) : ms.toFixed(1));
const rows = [['workload', 'gridsample', ...peers]];
for (const wl of workloads) rows.push([wl.name, fmt(wl.ms), ...peers.map((p) => fmt(peerTimes[p][wl.peer]))]);
const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
console.log('\nmedian ms per call, same machine, all threads (a busy machine makes these noisy):');
for (const r of rows) console.log(r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  '));
for (const p of peers) console.log(`  ${p}: ${peerTimes[p].versions}`);
if (peers.length === 0) console.log('(no Python peers found: /usr/bin/python3 with torch, Pillow, SciPy adds their column)');
console.log(`\nopen ${path.join(path.relative(process.cwd(), outDir) || '.', 'index.html')} to see the pictures`);
