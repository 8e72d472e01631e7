#!/usr/bin/env node
// The `gridsample` command: resize and rotate image files (or folders of
// them) and zoom .npy arrays, with the package's exact pixels. Images are
// decoded and encoded by sharp (an optional peer dependency: the CLI says so
// when it is missing); .npy is read and written by src/npy.ts.
// Exit codes: 0 done, 1 a file could not be processed, 2 bad usage.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { fromSharp, toSharpRaw } from './interop';
import { zoom, type NdMode, type SplineOrder } from './ndimage';
import { formatNpy, parseNpy } from './npy';
import * as transforms from './transforms';
import type { Tensor } from './validate';

class UsageError extends Error {}

const IMAGE_EXTS = new Set(['.jpg', '.jpeg', '.png', '.webp', '.tif', '.tiff', '.gif', '.avif', '.heic']);

const HELP = `gridsample: resize, rotate and zoom with the exact pixels of Pillow, torchvision and SciPy

Usage:
  gridsample resize <in> <out> --size <n | HxW> [--filter bilinear] [--backend tensor] [--no-antialias] [--max-size n]
  gridsample rotate <in> <out> --angle <degrees> [--filter nearest] [--expand] [--fill v[,v...]]
  gridsample zoom <in.npy> <out.npy> --factor <f | f,f,...> [--order 3] [--mode constant] [--grid-mode]
  gridsample <command> --help

<in> and <out> are image files (read and written by sharp: jpg, png, webp, tiff, gif, avif)
or, for resize and rotate, folders: every image in <in> is processed into <out> with a
progress line. zoom reads and writes .npy arrays (float32, float64 or uint8, C order).

Exit status: 0 done, 1 an input could not be processed, 2 bad usage.`;

const COMMAND_HELP: Record<string, string> = {
  resize: `gridsample resize <in> <out> --size <n | HxW> [options]

torchvision.transforms.v2.functional.resize (backend tensor) or Pillow's Image.resize (backend pil).
  --size n | HxW      one number: the shorter edge becomes n (aspect kept); HxW (e.g. 224x224): exact
  --filter f          nearest | nearest-exact | bilinear (default) | bicubic | box | hamming | lanczos
  --backend b         tensor (default, torchvision's pixels) | pil (Pillow's pixels)
  --no-antialias      torchvision's antialias=False (tensor backend, bilinear / bicubic)
  --max-size n        cap the longer edge (with a one-number --size)`,
  rotate: `gridsample rotate <in> <out> --angle <degrees> [options]

torchvision.transforms.v2.functional.rotate: counter-clockwise about the centre.
  --angle a           degrees, counter-clockwise
  --filter f          nearest (default) | bilinear
  --expand            grow the output to hold the whole rotated image
  --fill v[,v...]     value(s) for pixels from outside the image (default 0)`,
  zoom: `gridsample zoom <in.npy> <out.npy> --factor <f | f,f,...> [options]

scipy.ndimage.zoom on a .npy array of any rank (float32, float64 or uint8; the result has the input's dtype).
  --factor f | f,f,.. one factor, or one per axis
  --order n           spline order 0-5 (default 3)
  --mode m            constant (default) | nearest | mirror | reflect | wrap | grid-mirror | grid-wrap | grid-constant
  --grid-mode         pixel-area alignment (SciPy's grid_mode=True)
  --cval v            value outside the input for constant modes (default 0)`,
};

type Opts = Record<string, string | boolean | undefined>;

function parse(command: string, argv: string[]): { inPath: string; outPath: string; opts: Opts } {
  const options = {
    help: { type: 'boolean', short: 'h' },
    size: { type: 'string' }, filter: { type: 'string' }, backend: { type: 'string' },
    'no-antialias': { type: 'boolean' }, 'max-size': { type: 'string' },
    angle: { type: 'string' }, expand: { type: 'boolean' }, fill: { type: 'string' },
    factor: { type: 'string' }, order: { type: 'string' }, mode: { type: 'string' },
    'grid-mode': { type: 'boolean' }, cval: { type: 'string' },
  } as const;
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (e) {
    throw new UsageError((e as Error).message.replace(/\. To specify a positional argument.*$/s, ''));
  }
  const opts = parsed.values as Opts;
  if (opts.help) return { inPath: '', outPath: '', opts };
  const allowed: Record<string, string[]> = {
    resize: ['size', 'filter', 'backend', 'no-antialias', 'max-size'],
    rotate: ['angle', 'filter', 'expand', 'fill'],
    zoom: ['factor', 'order', 'mode', 'grid-mode', 'cval'],
  };
  for (const key of Object.keys(opts))
    if (opts[key] !== undefined && !allowed[command].includes(key))
      throw new UsageError(`option --${key} does not apply to ${command} (see gridsample ${command} --help)`);
  if (parsed.positionals.length !== 2)
    throw new UsageError(`${command} takes <in> and <out>, received ${parsed.positionals.length} path(s)`);
  return { inPath: parsed.positionals[0], outPath: parsed.positionals[1], opts };
}

function number(name: string, v: string | boolean | undefined, check: (n: number) => boolean, what: string): number {
  const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
  if (!check(n)) throw new UsageError(`--${name} must be ${what}, received ${v === undefined ? 'nothing' : JSON.stringify(v)}`);
  return n;
}
const positiveInt = (n: number) => Number.isSafeInteger(n) && n > 0;

function choice<K extends string>(name: string, v: string | boolean | undefined, allowed: readonly K[]): K {
  if (typeof v !== 'string' || !(allowed as readonly string[]).includes(v))
    throw new UsageError(`--${name} must be one of ${allowed.join(', ')}, received ${JSON.stringify(v)}`);
  return v as K;
}
const RESIZE_FILTERS = ['nearest', 'nearest-exact', 'bilinear', 'bicubic', 'box', 'hamming', 'lanczos'] as const;
const ND_MODES = ['constant', 'nearest', 'mirror', 'reflect', 'wrap', 'grid-mirror', 'grid-wrap', 'grid-constant'] as const;

// ---- images (through sharp) ---------------------------------------------------

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Sharp = any;
let sharpModule: Sharp;
function sharp(): Sharp {
  if (sharpModule === undefined) {
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      sharpModule = require('sharp');
    } catch {
      throw new UsageError('reading and writing images needs sharp: npm install sharp');
    }
  }
  return sharpModule;
}

async function readImage(file: string): Promise<Tensor> {
  const raw = await sharp()(file).raw().toBuffer({ resolveWithObject: true });
  return fromSharp(raw);
}

async function writeImage(file: string, img: Tensor): Promise<void> {
  const { data, info } = toSharpRaw(img);
  await sharp()(data, { raw: info }).toFile(file);
}

type ImageOp = (img: Tensor) => Promise<Tensor>;

function resizeOp(opts: Opts): ImageOp {
  if (opts.size === undefined) throw new UsageError('resize needs --size (a number, or HxW such as 224x224)');
  const m = /^(\d+)(?:[x,](\d+))?$/.exec(String(opts.size));
  if (!m || !positiveInt(Number(m[1])) || (m[2] !== undefined && !positiveInt(Number(m[2]))))
    throw new UsageError(`--size must be a positive integer or HxW such as 224x224, received ${JSON.stringify(opts.size)}`);
  const size = m[2] === undefined ? Number(m[1]) : ([Number(m[1]), Number(m[2])] as [number, number]);
  const options: transforms.ResizeOptions = {};
  if (opts.filter !== undefined) options.interpolation = choice('filter', opts.filter, RESIZE_FILTERS);
  if (opts.backend !== undefined) options.backend = choice('backend', opts.backend, ['tensor', 'pil'] as const);
  if (opts['no-antialias']) options.antialias = false;
  if (opts['max-size'] !== undefined) options.maxSize = number('max-size', opts['max-size'], positiveInt, 'a positive integer');
  return (img) => transforms.resizeAsync(img, size, options);
}

function rotateOp(opts: Opts): ImageOp {
  // rotate arrives in gridsample/transforms with the transforms work; until then the command says so.
  const rotate = (transforms as Record<string, unknown>).rotate as
    | ((img: Tensor, angle: number, options?: Record<string, unknown>) => Tensor | Promise<Tensor>)
    | undefined;
  const rotateAsync = (transforms as Record<string, unknown>).rotateAsync as typeof rotate;
  if (typeof rotate !== 'function') throw new UsageError('rotate is not available in this version of gridsample/transforms');
  const angle = number('angle', opts.angle, Number.isFinite, 'a number of degrees');
  const options: Record<string, unknown> = {};
  if (opts.filter !== undefined) options.interpolation = opts.filter;
  if (opts.expand) options.expand = true;
  if (opts.fill !== undefined) {
    const fill = String(opts.fill).split(',').map((v) => number('fill', v, Number.isFinite, 'a number or comma-separated numbers'));
    options.fill = fill.length === 1 ? fill[0] : fill;
  }
  return async (img) => (rotateAsync ?? rotate)(img, angle, options);
}

/** The files to process: one input file, or every image in a folder (sorted), with their outputs. */
function plan(inPath: string, outPath: string): Array<[string, string]> {
  let stat;
  try {
    stat = fs.statSync(inPath);
  } catch {
    throw new Error(`${inPath}: no such file or folder`);
  }
  if (!stat.isDirectory()) {
    if (fs.existsSync(outPath) && fs.statSync(outPath).isDirectory()) return [[inPath, path.join(outPath, path.basename(inPath))]];
    return [[inPath, outPath]];
  }
  const files = fs.readdirSync(inPath).filter((f) => IMAGE_EXTS.has(path.extname(f).toLowerCase())).sort();
  if (files.length === 0) throw new Error(`${inPath}: no image files (${[...IMAGE_EXTS].join(' ')})`);
  fs.mkdirSync(outPath, { recursive: true });
  return files.map((f) => [path.join(inPath, f), path.join(outPath, f)]);
}

async function runImages(command: string, op: ImageOp, inPath: string, outPath: string): Promise<number> {
  sharp(); // says what to install before anything else when sharp is missing
  const jobs = plan(inPath, outPath);
  const folder = jobs.length > 1 || fs.statSync(inPath).isDirectory();
  const tty = process.stderr.isTTY;
  let failed = 0;
  const started = Date.now();
  for (const [i, [src, dst]] of jobs.entries()) {
    try {
      const img = await readImage(src);
      await writeImage(dst, await op(img));
    } catch (e) {
      if (e instanceof UsageError) throw e;
      failed++;
      if (tty) process.stderr.write('\n');
      process.stderr.write(`gridsample ${command}: ${src}: ${(e as Error).message}\n`);
    }
    if (folder) {
      const line = `${command} ${i + 1}/${jobs.length} ${path.basename(src)}`;
      process.stderr.write(tty ? `\r${line}\x1b[K` : `${line}\n`);
    }
  }
  if (folder) {
    const s = ((Date.now() - started) / 1000).toFixed(1);
    process.stderr.write(`${tty ? '\n' : ''}${command}: ${jobs.length - failed} of ${jobs.length} images written to ${outPath} in ${s} s\n`);
  }
  return failed ? 1 : 0;
}

// ---- zoom (.npy) ----------------------------------------------------------------

async function runZoom(inPath: string, outPath: string, opts: Opts): Promise<number> {
  if (opts.factor === undefined) throw new UsageError('zoom needs --factor (one number, or one per axis: 2,2,1)');
  const factors = String(opts.factor).split(',').map((v) => number('factor', v, (n) => Number.isFinite(n) && n > 0, 'positive numbers'));
  const order = opts.order === undefined ? 3 : number('order', opts.order, (n) => Number.isInteger(n) && n >= 0 && n <= 5, 'an integer 0-5');
  const cval = opts.cval === undefined ? 0 : number('cval', opts.cval, (n) => !Number.isNaN(n) || opts.cval === 'nan', 'a number');
  const mode = opts.mode === undefined ? undefined : choice<NdMode>('mode', opts.mode, ND_MODES);
  if (path.extname(inPath).toLowerCase() !== '.npy' || path.extname(outPath).toLowerCase() !== '.npy')
    throw new UsageError('zoom reads and writes .npy files (numpy.save)');
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(inPath);
  } catch {
    throw new Error(`${inPath}: cannot read the file`);
  }
  let input: Tensor;
  try {
    input = parseNpy(bytes);
  } catch (e) {
    throw new Error(`${inPath}: ${(e as Error).message}`);
  }
  if (factors.length !== 1 && factors.length !== input.shape.length)
    throw new UsageError(`--factor has ${factors.length} entries but ${inPath} has ${input.shape.length} axes (shape ${input.shape.join('x')})`);
  const result = zoom(input, factors.length === 1 ? factors[0] : factors, {
    order: order as SplineOrder,
    ...(mode !== undefined ? { mode } : {}),
    ...(opts['grid-mode'] ? { gridMode: true } : {}),
    cval,
  });
  fs.writeFileSync(outPath, formatNpy(result));
  process.stderr.write(`zoom: ${input.shape.join('x')} -> ${result.shape.join('x')} written to ${outPath}\n`);
  return 0;
}

// ---- main -----------------------------------------------------------------------

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(`${HELP}\n`);
    return command === undefined ? 2 : 0;
  }
  if (command === '--version' || command === '-v') {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    process.stdout.write(`${require('../package.json').version}\n`);
    return 0;
  }
  try {
    if (!(command in COMMAND_HELP)) throw new UsageError(`unknown command ${JSON.stringify(command)} (resize, rotate or zoom)`);
    const { inPath, outPath, opts } = parse(command, rest);
    if (opts.help) {
      process.stdout.write(`${COMMAND_HELP[command]}\n`);
      return 0;
    }
    if (command === 'zoom') return await runZoom(inPath, outPath, opts);
    const op = command === 'resize' ? resizeOp(opts) : rotateOp(opts);
    return await runImages(command, op, inPath, outPath);
  } catch (e) {
    const usage = e instanceof UsageError;
    // The library's own errors (TypeError / RangeError naming the argument) are clear as they stand.
    process.stderr.write(`gridsample${command && command in COMMAND_HELP ? ` ${command}` : ''}: ${(e as Error).message}\n`);
    if (usage) process.stderr.write(`Run gridsample ${command in COMMAND_HELP ? `${command} ` : ''}--help for usage.\n`);
    return usage || e instanceof TypeError || e instanceof RangeError ? 2 : 1;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
