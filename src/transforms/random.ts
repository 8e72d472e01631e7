// torchvision.transforms.v2's transform classes: the parameters each call
// draws (torchvision's make_params rules and ranges, in TypeScript, from a
// seedable generator) applied by the functional ops. `lastParams` is what the
// most recent forward drew, in the shape of torchvision's make_params result.
//
// A generator seeded here does not reproduce torch's random stream (torch's
// Mersenne Twister and its transformations): a seed makes runs reproducible
// against themselves, not against Python.
import { type Tensor, type TypedData, type DType, checkOptions, rangeError, typeError } from '../validate';
import {
  type Fill,
  type PadMode,
  type WarpInterpolation,
  affine,
  affineAsync,
  centerCrop,
  crop,
  elasticTransform,
  elasticTransformAsync,
  horizontalFlip,
  pad,
  perspective,
  perspectiveAsync,
  resizedCrop,
  rotate,
  rotateAsync,
  verticalFlip,
} from './geometry';
import { getNumThreads } from '../runtime';
import { perspectiveCoefficients } from './grids';
import { normalize, toDtype } from './misc';
import { type ResizeInterpolation, type ResizeSize, resize, resizeAsync } from './resize';

/**
 * A seedable source of uniform numbers (xoshiro128**, seeded by splitmix32),
 * in the role of a `torch.Generator`: the same seed gives the same stream here,
 * but not torch's numbers.
 */
export class Generator {
  private s = new Uint32Array(4);

  /**
   * A generator started from `seed` (as `manualSeed`).
   * @param seed a finite number (its fraction is dropped); default one from the clock and `Math.random`, different each run
   * @throws {TypeError} `seed` not a finite number (NaN and Infinity included): `Generator: expected seed to be a finite number ...`
   * @example
   * const a = new Generator(42);
   * const b = new Generator(42);
   * a.random() === b.random(); // true
   */
  constructor(seed = Date.now() ^ (Math.random() * 2 ** 32)) {
    this.manualSeed(seed);
  }

  /**
   * Restarts the stream from `seed` (torch's `Generator.manual_seed`).
   * @param seed a finite number; its fraction is dropped (1.5 seeds as 1)
   * @returns this generator, for chaining
   * @throws {TypeError} `seed` not a finite number (the message names `Generator`, as the constructor's)
   * @example
   * const g = new Generator(1);
   * const first = g.random();
   * g.manualSeed(1).random() === first; // true
   */
  manualSeed(seed: number): this {
    if (typeof seed !== 'number' || !Number.isFinite(seed)) throw typeError('Generator', 'seed', 'a finite number', seed);
    let z = (Math.trunc(seed) >>> 0) ^ Math.trunc(seed / 2 ** 32);
    for (let i = 0; i < 4; ++i) {
      z = (z + 0x9e3779b9) >>> 0;
      let t = z;
      t = Math.imul(t ^ (t >>> 16), 0x85ebca6b) >>> 0;
      t = Math.imul(t ^ (t >>> 13), 0xc2b2ae35) >>> 0;
      this.s[i] = (t ^ (t >>> 16)) >>> 0;
    }
    if (!(this.s[0] | this.s[1] | this.s[2] | this.s[3])) this.s[0] = 1;
    return this;
  }

  private next(): number {
    const s = this.s;
    const result = Math.imul(rotl(Math.imul(s[1], 5), 7), 9) >>> 0;
    const t = s[1] << 9;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 11);
    return result;
  }

  /**
   * Uniform in [0, 1) with 53 random bits (torch.rand's range).
   * @returns a number in [0, 1), a multiple of 2^-53
   * @throws Never
   * @example
   * const heads = new Generator(3).random() < 0.5;
   */
  random(): number {
    return ((this.next() >>> 5) * 67108864 + (this.next() >>> 6)) / 9007199254740992;
  }

  /**
   * Uniform in [lo, hi) (torch's `uniform_`): `lo + (hi - lo) * random()`.
   * @param lo the lower end (reached)
   * @param hi the upper end (not reached)
   * @returns a number in [lo, hi)
   * @throws Never: `lo` and `hi` are not checked
   * @example
   * const angle = new Generator(0).uniform(-30, 30);
   */
  uniform(lo: number, hi: number): number {
    return lo + (hi - lo) * this.random();
  }

  /**
   * An integer in [lo, hi) (torch.randint's range): `lo + floor(random() * (hi - lo))`.
   * @param lo the smallest value, an integer
   * @param hi one past the largest value, an integer above `lo`
   * @returns an integer in [lo, hi)
   * @throws Never: `lo` and `hi` are not checked
   * @example
   * const die = new Generator(0).randint(1, 7); // 1 to 6
   */
  randint(lo: number, hi: number): number {
    return lo + Math.floor(this.random() * (hi - lo));
  }
}

const rotl = (x: number, k: number) => ((x << k) | (x >>> (32 - k))) >>> 0;

/**
 * Where a transform's random numbers come from: `seed` (its own `Generator`)
 * or `generator` (a shared one), not both; neither: its own, seeded from the clock.
 */
export interface RandomOptions {
  /** Seed an own generator (a finite number). */
  seed?: number;
  /** Or share this one (a `Generator`). */
  generator?: Generator;
}

function generatorFrom(fn: string, opts: RandomOptions): Generator {
  if (opts.generator !== undefined && opts.seed !== undefined) throw typeError(fn, 'options.generator', 'unset with options.seed', opts.generator);
  if (opts.generator !== undefined) {
    if (!(opts.generator instanceof Generator)) throw typeError(fn, 'options.generator', 'a Generator', opts.generator);
    return opts.generator;
  }
  return new Generator(opts.seed);
}

type Img = Tensor<TypedData>;

function imageSize(fn: string, img: unknown): [number, number] {
  const t = img as Img;
  if (typeof t !== 'object' || t === null || !Array.isArray(t.shape)) throw typeError(fn, 'img', 'a tensor object { data, shape, strides? }', img);
  const s = t.shape;
  if (s.length !== 3 && s.length !== 4) throw rangeError(fn, `expected img to be [C, H, W] or [N, C, H, W] but received shape [${s.join(', ')}]`);
  return [s[s.length - 2], s[s.length - 1]];
}

/** What every transform has: forward / forwardAsync, the parameters it last drew, and its generator. */
export abstract class Transform {
  /** The parameters the most recent forward drew (torchvision's make_params, camelCase), or null. */
  lastParams: Record<string, unknown> | null = null;
  readonly generator: Generator;

  protected constructor(readonly name: string, options: RandomOptions = {}) {
    this.generator = generatorFrom(name, options);
  }

  /**
   * Applies the transform: draws this call's parameters (torchvision's
   * `make_params`; kept in `lastParams`) and runs the functional op with them.
   * A random transform that is not applied this time (probability `p`)
   * returns `img` itself, unchecked.
   * @param img an image `[C, H, W]` or a batch `[N, C, H, W]` (one draw for the whole batch, as torchvision): uint8, float32 or float64, any strides
   * @param generator draw from this generator instead of the transform's own (what a seeded `Compose` passes; not checked)
   * @returns the transformed image: a new tensor, or `img` itself / a view of its memory where the op makes none (a crop that fits, a flip not applied)
   * @throws {TypeError} `img` not a tensor or of a wrong dtype, an option value of the wrong kind; messages name the functional op (e.g. `rotate: ...`) or, where the class reads the image size itself, the class
   * @throws {RangeError} a wrong rank or size, an option value out of range, named likewise
   * @example
   * const flip = new RandomHorizontalFlip({ p: 1 });
   * const out = flip.forward(img); // img mirrored left to right
   * flip.lastParams; // { applied: true }
   */
  forward<D extends TypedData>(img: Tensor<D>, generator?: Generator): Tensor<D> {
    const params = this.makeParams(img, generator ?? this.generator);
    this.lastParams = params;
    return this.apply(img, params) as Tensor<D>;
  }

  /**
   * `forward` with the resampling (resize and the warps) off the JavaScript
   * thread; crops, pads, flips and dtype ops run as in `forward`. The
   * parameters are drawn when it is called, before the first await.
   * @param img an image `[C, H, W]` or a batch `[N, C, H, W]` (one draw for the whole batch, as torchvision): uint8, float32 or float64, any strides
   * @param generator draw from this generator instead of the transform's own (what a seeded `Compose` passes; not checked)
   * @returns a promise of what `forward` returns for the same draw
   * @throws Never synchronously: bad arguments reject the promise with the same TypeError / RangeError as `forward`
   * @example
   * const out = await new RandomRotation(15, { seed: 1 }).forwardAsync(img);
   */
  async forwardAsync<D extends TypedData>(img: Tensor<D>, generator?: Generator): Promise<Tensor<D>> {
    const params = this.makeParams(img, generator ?? this.generator);
    this.lastParams = params;
    return (await this.applyAsync(img, params)) as Tensor<D>;
  }

  /** Draws this call's parameters. */
  protected makeParams(_img: Img, _gen: Generator): Record<string, unknown> {
    return {};
  }

  protected abstract apply(img: Img, params: Record<string, unknown>): Img;

  protected async applyAsync(img: Img, params: Record<string, unknown>): Promise<Img> {
    return this.apply(img, params);
  }
}

/** torchvision's _RandomApplyTransform: the transform runs with probability p (params.applied says whether it did). */
abstract class RandomApply extends Transform {
  readonly p: number;
  protected constructor(name: string, p: unknown, options: RandomOptions) {
    super(name, options);
    this.p = probability(name, p);
  }
  protected override makeParams(img: Img, gen: Generator): Record<string, unknown> {
    // torchvision: `if torch.rand(1) >= self.p: return inpt`
    if (gen.random() >= this.p) return { applied: false };
    return { applied: true, ...this.draw(img, gen) };
  }
  protected draw(_img: Img, _gen: Generator): Record<string, unknown> {
    return {};
  }
  protected apply(img: Img, params: Record<string, unknown>): Img {
    return params.applied ? this.applyDrawn(img, params) : img;
  }
  protected override async applyAsync(img: Img, params: Record<string, unknown>): Promise<Img> {
    return params.applied ? this.applyDrawnAsync(img, params) : img;
  }
  protected abstract applyDrawn(img: Img, params: Record<string, unknown>): Img;
  protected async applyDrawnAsync(img: Img, params: Record<string, unknown>): Promise<Img> {
    return this.applyDrawn(img, params);
  }
}

function probability(fn: string, p: unknown): number {
  if (typeof p !== 'number') throw typeError(fn, 'options.p', 'a number in [0, 1]', p);
  if (!(p >= 0 && p <= 1)) throw rangeError(fn, `expected options.p to be in [0, 1] but received ${p}`);
  return p;
}

function num(fn: string, what: string, v: unknown): number {
  if (typeof v !== 'number') throw typeError(fn, what, 'a number', v);
  if (!Number.isFinite(v)) throw rangeError(fn, `expected ${what} to be finite but received ${v}`);
  return v;
}

/** A [lo, hi] range: torchvision's `_setup_number_or_seq` (a number d means [-d, d], d >= 0). */
function range(fn: string, what: string, v: unknown, symmetric: boolean): [number, number] {
  if (typeof v === 'number' && symmetric) {
    const d = num(fn, what, v);
    if (d < 0) throw rangeError(fn, `expected ${what} to be non-negative when a single number but received ${d}`);
    return [-d, d];
  }
  if (!Array.isArray(v)) throw typeError(fn, what, symmetric ? 'a number or [min, max]' : '[min, max]', v);
  if (v.length !== 2) throw rangeError(fn, `expected ${what} to have 2 entries but received ${v.length}`);
  const lo = num(fn, `${what}[0]`, v[0]);
  const hi = num(fn, `${what}[1]`, v[1]);
  if (lo > hi) throw rangeError(fn, `expected ${what} to be [min, max] with min <= max but received [${lo}, ${hi}]`);
  return [lo, hi];
}

function sizeArg(fn: string, size: unknown): [number, number] {
  const int = (what: string, v: unknown) => {
    if (typeof v !== 'number') throw typeError(fn, what, 'a positive integer', v);
    if (!Number.isSafeInteger(v) || v < 1) throw rangeError(fn, `expected ${what} to be a positive integer but received ${v}`);
    return v;
  };
  if (typeof size === 'number') return [int('size', size), size];
  if (!Array.isArray(size)) throw typeError(fn, 'size', 'a number, [size] or [height, width]', size);
  if (size.length === 1) return [int('size[0]', size[0]), size[0]];
  if (size.length !== 2) throw rangeError(fn, `expected size to have 1 or 2 entries but received ${size.length}`);
  return [int('size[0]', size[0]), int('size[1]', size[1])];
}

// ---- deterministic transforms

/** Options of `Resize`: `resize`'s, checked when the transform runs. */
export interface ResizeTransformOptions {
  /** Default 'bilinear', as torchvision. */
  interpolation?: ResizeInterpolation;
  /** With a one-number size, the longer edge is capped at `maxSize`; with a null size it is `maxSize`. */
  maxSize?: number;
  /** Default true, as torchvision v2. */
  antialias?: boolean;
}

/** torchvision.transforms.v2.Resize. */
export class Resize extends Transform {
  /**
   * A resize to `size` with `resize`'s rules (torchvision's `Resize(size, interpolation, max_size, antialias)`).
   * @param size one number (the shorter edge), `[s]`, `[height, width]`, or null with `options.maxSize`; checked by `resize` when the transform runs
   * @param options `interpolation`, `maxSize`, `antialias`
   * @throws {TypeError} `options` not an object or an unknown option (`Resize: expected option "..." ...`); bad values throw `resize`'s errors from `forward`
   * @example
   * const r = new Resize(256, { interpolation: 'bicubic' });
   * r.forward(img).shape; // [3, 256, 341] for a [3, 480, 640] image
   */
  constructor(readonly size: ResizeSize, readonly options: ResizeTransformOptions = {}) {
    super('Resize');
    checkOptions('Resize', options, ['interpolation', 'maxSize', 'antialias']);
  }
  protected apply(img: Img): Img {
    return resize(img, this.size, this.options);
  }
  protected override applyAsync(img: Img): Promise<Img> {
    return resizeAsync(img, this.size, this.options);
  }
}

/** torchvision.transforms.v2.CenterCrop (a view when the crop fits). */
export class CenterCrop extends Transform {
  readonly size: [number, number];
  /**
   * A central crop to `size` (`centerCrop`: a view when it fits, zero padding where the image is smaller).
   * @param size a positive integer (a square), `[s]` or `[height, width]`
   * @throws {TypeError} `size` not a number or an array, or an entry not a number (`CenterCrop: expected size ...`)
   * @throws {RangeError} `size` with other than 1 or 2 entries, or an entry not a positive integer
   * @example
   * new CenterCrop(224).forward(img).shape; // [3, 224, 224]
   */
  constructor(size: number | readonly [number] | readonly [number, number]) {
    super('CenterCrop');
    this.size = sizeArg('CenterCrop', size);
  }
  protected apply(img: Img): Img {
    return centerCrop(img, this.size);
  }
}

/** Options of `Pad` (torchvision's `fill` and `padding_mode`), checked by `pad` when the transform runs. */
export interface PadTransformOptions {
  /** Constant mode's value: a number or one per channel (default 0). */
  fill?: Fill;
  /** 'constant' (default), 'edge', 'reflect' or 'symmetric'. */
  paddingMode?: PadMode;
}

/** torchvision.transforms.v2.Pad. */
export class Pad extends Transform {
  /**
   * Padding of every image by `padding` (`pad`).
   * @param padding one number for every side, `[left/right, top/bottom]` or `[left, top, right, bottom]`; checked by `pad` when the transform runs
   * @param options `fill`, `paddingMode`
   * @throws {TypeError} `options` not an object or an unknown option (`Pad: expected option "..." ...`); bad values throw `pad`'s errors from `forward`
   * @example
   * new Pad([4, 2], { paddingMode: 'reflect' }).forward(img).shape; // [3, H + 4, W + 8]
   */
  constructor(readonly padding: number | readonly number[], readonly options: PadTransformOptions = {}) {
    super('Pad');
    checkOptions('Pad', options, ['fill', 'paddingMode']);
  }
  protected apply(img: Img): Img {
    return pad(img, this.padding, { fill: this.options.fill, mode: this.options.paddingMode });
  }
}

/** torchvision.transforms.v2.ToDtype (an image's dtype; `scale` as there). */
export class ToDtype extends Transform {
  /**
   * A conversion of every image to `dtype` (`toDtype`).
   * @param dtype 'float32', 'float64' or 'uint8'
   * @param options `scale`: map the value range (uint8 0..255 to float 0..1 and back), as torchvision's `scale=True`
   * @throws {TypeError} `options` not an object or an unknown option, or another `dtype` (`ToDtype: expected dtype ...`)
   * @example
   * new ToDtype('float32', { scale: true }).forward(img); // uint8 0..255 to float32 0..1
   */
  constructor(readonly dtype: DType, readonly options: { scale?: boolean } = {}) {
    super('ToDtype');
    checkOptions('ToDtype', options, ['scale']);
    if (!['float32', 'float64', 'uint8'].includes(dtype as string)) throw typeError('ToDtype', 'dtype', "'float32' | 'float64' | 'uint8'", dtype);
  }
  protected apply(img: Img): Img {
    return toDtype(img, this.dtype, this.options);
  }
}

/** torchvision.transforms.v2.Normalize. */
export class Normalize extends Transform {
  /**
   * Per-channel `(img - mean) / std` of float images (`normalize`).
   * @param mean one value per channel
   * @param std one value per channel (non-zero)
   * @throws Never: `mean` and `std` are checked by `normalize` when the transform runs (its TypeError / RangeError, from `forward`)
   * @example
   * const norm = new Normalize([0.485, 0.456, 0.406], [0.229, 0.224, 0.225]);
   * norm.forward(new ToDtype('float32', { scale: true }).forward(img));
   */
  constructor(readonly mean: readonly number[], readonly std: readonly number[]) {
    super('Normalize');
  }
  protected apply(img: Img): Img {
    return normalize(img as Tensor<Float32Array>, this.mean, this.std);
  }
}

// ---- random transforms

/** torchvision.transforms.v2.RandomHorizontalFlip. */
export class RandomHorizontalFlip extends RandomApply {
  /**
   * A flip left to right (`horizontalFlip`) with probability `p`; `lastParams` is `{ applied }`.
   * @param options `p` (default 0.5), `seed` or `generator`
   * @throws {TypeError} `options` not an object or an unknown option, `options.p` not a number, `options.seed` / `options.generator` wrong or both given (messages name `RandomHorizontalFlip`; a bad seed names `Generator`)
   * @throws {RangeError} `options.p` outside [0, 1]
   * @example
   * const flip = new RandomHorizontalFlip({ p: 0.5, seed: 0 });
   * const out = flip.forward(img); // flipped or img itself: see flip.lastParams.applied
   */
  constructor(options: { p?: number } & RandomOptions = {}) {
    super('RandomHorizontalFlip', options.p ?? 0.5, checkOptions('RandomHorizontalFlip', options, ['p', 'seed', 'generator']));
  }
  protected applyDrawn(img: Img): Img {
    return horizontalFlip(img);
  }
}

/** torchvision.transforms.v2.RandomVerticalFlip. */
export class RandomVerticalFlip extends RandomApply {
  /**
   * A flip top to bottom (`verticalFlip`) with probability `p`; `lastParams` is `{ applied }`.
   * @param options `p` (default 0.5), `seed` or `generator`
   * @throws {TypeError} `options` not an object or an unknown option, `options.p` not a number, `options.seed` / `options.generator` wrong or both given (messages name `RandomVerticalFlip`; a bad seed names `Generator`)
   * @throws {RangeError} `options.p` outside [0, 1]
   * @example
   * const flip = new RandomVerticalFlip({ p: 0.5, seed: 0 });
   * const out = flip.forward(img); // flipped or img itself: see flip.lastParams.applied
   */
  constructor(options: { p?: number } & RandomOptions = {}) {
    super('RandomVerticalFlip', options.p ?? 0.5, checkOptions('RandomVerticalFlip', options, ['p', 'seed', 'generator']));
  }
  protected applyDrawn(img: Img): Img {
    return verticalFlip(img);
  }
}

/** Options of `RandomCrop` (torchvision's `padding`, `pad_if_needed`, `fill`, `padding_mode`), plus `seed` / `generator`. */
export interface RandomCropOptions extends RandomOptions {
  /** Pad first, as `pad` takes it: one number, [left/right, top/bottom] or [left, top, right, bottom]. */
  padding?: number | readonly number[];
  /** Pad each side by the crop's excess over the (padded) image where the image is smaller. */
  padIfNeeded?: boolean;
  /** Constant mode's value (default 0). */
  fill?: Fill;
  /** 'constant' (default), 'edge', 'reflect' or 'symmetric'. */
  paddingMode?: PadMode;
}

/** torchvision.transforms.v2.RandomCrop: optional padding, then a crop at a uniform position. */
export class RandomCrop extends Transform {
  readonly size: [number, number];
  /**
   * A crop of `size` at a uniform position (torchvision's `RandomCrop`).
   * @param size a positive integer (a square), `[s]` or `[height, width]`
   * @param options `padding`, `padIfNeeded`, `fill`, `paddingMode` (checked by `pad` when the transform runs), `seed` or `generator`
   * @throws {TypeError} `options` not an object or an unknown option, `options.seed` / `options.generator` wrong or both given, `size` not a number or an array or an entry not a number (`RandomCrop: expected size ...`)
   * @throws {RangeError} `size` with other than 1 or 2 entries, or an entry not a positive integer
   * @example
   * const crop = new RandomCrop(32, { padding: 4, seed: 0 });
   * crop.forward(img).shape; // [3, 32, 32]; crop.lastParams is { top, left, height, width }
   */
  constructor(size: number | readonly [number] | readonly [number, number], readonly options: RandomCropOptions = {}) {
    super('RandomCrop', checkOptions('RandomCrop', options, ['padding', 'padIfNeeded', 'fill', 'paddingMode', 'seed', 'generator']));
    this.size = sizeArg('RandomCrop', size);
  }
  private padded(img: Img): Img {
    const o = this.options;
    let out = img;
    if (o.padding !== undefined) out = pad(out, o.padding, { fill: o.fill, mode: o.paddingMode });
    if (o.padIfNeeded) {
      const [h, w] = imageSize(this.name, out);
      const [ch, cw] = this.size;
      const dh = Math.max(0, ch - h);
      const dw = Math.max(0, cw - w);
      if (dh > 0 || dw > 0) out = pad(out, [dw, dh, dw, dh], { fill: o.fill, mode: o.paddingMode });
    }
    return out;
  }
  /**
   * Pads (`padding`, then `padIfNeeded`), draws top in [0, H - height] and
   * left in [0, W - width], and crops; `lastParams` is `{ top, left, height, width }`.
   * @param img an image `[C, H, W]` or a batch `[N, C, H, W]` (one draw for the whole batch, as torchvision): uint8, float32 or float64, any strides
   * @param generator draw from this generator instead of the transform's own (what a seeded `Compose` passes; not checked)
   * @returns the crop: a view of the (padded) image's memory, no copy
   * @throws {TypeError} `img` not a tensor (`RandomCrop: expected img ...`; `pad: ...` with padding, `crop: ...` for its data), a bad padding option (`pad: ...`)
   * @throws {RangeError} a rank other than 3 or 4, a bad padding value, or a crop larger than the (padded) image (`RandomCrop: the crop 50x50 is larger than ...`)
   * @example
   * const out = new RandomCrop([24, 32], { seed: 1 }).forward(img); // [3, 24, 32]
   */
  override forward<D extends TypedData>(img: Tensor<D>, generator?: Generator): Tensor<D> {
    const p = this.padded(img);
    const [h, w] = imageSize(this.name, p);
    const [ch, cw] = this.size;
    if (ch > h || cw > w) throw rangeError(this.name, `the crop ${ch}x${cw} is larger than the (padded) image ${h}x${w}`);
    const gen = generator ?? this.generator;
    const top = gen.randint(0, h - ch + 1);
    const left = gen.randint(0, w - cw + 1);
    this.lastParams = { top, left, height: ch, width: cw };
    return crop(p, top, left, ch, cw) as Tensor<D>;
  }
  /**
   * `forward` as a promise (a crop resamples nothing: the work is done on the JavaScript thread, when called).
   * @param img an image `[C, H, W]` or a batch `[N, C, H, W]` (one draw for the whole batch, as torchvision): uint8, float32 or float64, any strides
   * @param generator draw from this generator instead of the transform's own (what a seeded `Compose` passes; not checked)
   * @returns a promise of `forward`'s crop
   * @throws Never synchronously: bad arguments reject the promise with `forward`'s TypeError / RangeError
   * @example
   * const out = await new RandomCrop(32, { seed: 1 }).forwardAsync(img);
   */
  override async forwardAsync<D extends TypedData>(img: Tensor<D>, generator?: Generator): Promise<Tensor<D>> {
    return this.forward(img, generator);
  }
  protected apply(img: Img): Img {
    return img;
  }
}

/** Options of `RandomResizedCrop` (torchvision's `scale`, `ratio`, `interpolation`, `antialias`), plus `seed` / `generator`. */
export interface RandomResizedCropOptions extends RandomOptions {
  /** [min, max] of the crop's area as a fraction of the image's (default [0.08, 1]). */
  scale?: readonly [number, number];
  /** [min, max] of the crop's aspect ratio width / height, drawn log-uniformly (default [3/4, 4/3]). */
  ratio?: readonly [number, number];
  /** `resize`'s filter (default 'bilinear'). */
  interpolation?: ResizeInterpolation;
  /** Default true, as torchvision v2. */
  antialias?: boolean;
}

/** torchvision.transforms.v2.RandomResizedCrop: a crop of random area and aspect ratio, resized to `size`. */
export class RandomResizedCrop extends Transform {
  readonly size: [number, number];
  readonly scale: [number, number];
  readonly ratio: [number, number];
  /**
   * A crop of random area and aspect ratio, resized to `size` (torchvision's
   * `RandomResizedCrop`: up to 10 tries, then its central fallback);
   * `lastParams` is `{ top, left, height, width }` of the crop.
   * @param size the output: a positive integer (a square), `[s]` or `[height, width]`
   * @param options `scale`, `ratio`, `interpolation`, `antialias` (the last two checked by `resize` when the transform runs), `seed` or `generator`
   * @throws {TypeError} `options` not an object or an unknown option, `options.seed` / `options.generator` wrong or both given, `size` or `options.scale` / `options.ratio` (or an entry) of the wrong kind (`RandomResizedCrop: expected options.scale ...`)
   * @throws {RangeError} `size` with other than 1 or 2 entries or an entry not a positive integer; `options.scale` / `options.ratio` without 2 finite entries or with min > max; `options.ratio` not positive
   * @example
   * const rrc = new RandomResizedCrop(224, { scale: [0.2, 1], seed: 0 });
   * rrc.forward(img).shape; // [3, 224, 224]
   */
  constructor(size: number | readonly [number] | readonly [number, number], readonly options: RandomResizedCropOptions = {}) {
    super('RandomResizedCrop', checkOptions('RandomResizedCrop', options, ['scale', 'ratio', 'interpolation', 'antialias', 'seed', 'generator']));
    this.size = sizeArg(this.name, size);
    this.scale = options.scale === undefined ? [0.08, 1] : range(this.name, 'options.scale', options.scale, false);
    this.ratio = options.ratio === undefined ? [3 / 4, 4 / 3] : range(this.name, 'options.ratio', options.ratio, false);
    if (!(this.ratio[0] > 0)) throw rangeError(this.name, `expected options.ratio to be positive but received [${this.ratio.join(', ')}]`);
  }
  protected override makeParams(img: Img, gen: Generator): Record<string, unknown> {
    const [height, width] = imageSize(this.name, img);
    const area = height * width;
    const logRatio = [Math.log(this.ratio[0]), Math.log(this.ratio[1])];
    for (let k = 0; k < 10; ++k) {
      const targetArea = area * gen.uniform(this.scale[0], this.scale[1]);
      const aspect = Math.exp(gen.uniform(logRatio[0], logRatio[1]));
      const w = roundHalfEven(Math.sqrt(targetArea * aspect));
      const h = roundHalfEven(Math.sqrt(targetArea / aspect));
      if (w > 0 && w <= width && h > 0 && h <= height) {
        const top = gen.randint(0, height - h + 1);
        const left = gen.randint(0, width - w + 1);
        return { top, left, height: h, width: w };
      }
    }
    // torchvision's fallback: a central crop of the ratio's nearest bound
    const inRatio = width / height;
    let w = width;
    let h = height;
    if (inRatio < this.ratio[0]) h = roundHalfEven(w / this.ratio[0]);
    else if (inRatio > this.ratio[1]) w = roundHalfEven(h * this.ratio[1]);
    return { top: Math.floor((height - h) / 2), left: Math.floor((width - w) / 2), height: h, width: w };
  }
  private args(p: Record<string, unknown>) {
    return [p.top, p.left, p.height, p.width] as [number, number, number, number];
  }
  protected apply(img: Img, p: Record<string, unknown>): Img {
    return resizedCrop(img, ...this.args(p), this.size, { interpolation: this.options.interpolation, antialias: this.options.antialias });
  }
  protected override applyAsync(img: Img, p: Record<string, unknown>): Promise<Img> {
    const view = crop(img, ...this.args(p));
    return resizeAsync(view, this.size, { interpolation: this.options.interpolation, antialias: this.options.antialias });
  }
}

const roundHalfEven = (v: number) => {
  const f = Math.floor(v);
  const d = v - f;
  return d > 0.5 || (d === 0.5 && f % 2 !== 0) ? f + 1 : f;
};

/** Options of `RandomRotation` (`rotate`'s, checked when the transform runs), plus `seed` / `generator`. */
export interface RandomRotationOptions extends RandomOptions {
  /** Default 'nearest' (torchvision's default). 'bicubic' is this package's extension. */
  interpolation?: WarpInterpolation;
  /** Enlarge the output to hold the whole rotated image (default false). */
  expand?: boolean;
  /** Centre of rotation [x, y] in pixels (default the image centre). */
  center?: readonly [number, number];
  /** Default 0 (the random classes blend with 0, as torchvision's). */
  fill?: Fill;
}

/** torchvision.transforms.v2.RandomRotation: an angle uniform in `degrees` ([-d, d] for a number). */
export class RandomRotation extends Transform {
  readonly degrees: [number, number];
  /**
   * A rotation (`rotate`) by an angle uniform in `degrees`; `lastParams` is `{ angle }`.
   * @param degrees a number d >= 0 for [-d, d], or [min, max], counter-clockwise degrees
   * @param options `interpolation`, `expand`, `center`, `fill` (default 0), `seed` or `generator`
   * @throws {TypeError} `options` not an object or an unknown option, `options.seed` / `options.generator` wrong or both given, `degrees` not a number or [min, max] (`RandomRotation: expected degrees ...`)
   * @throws {RangeError} `degrees` negative or not finite, without 2 entries, or with min > max
   * @example
   * const rot = new RandomRotation(15, { interpolation: 'bilinear', seed: 0 });
   * const out = rot.forward(img); // rotated by rot.lastParams.angle, in [-15, 15]
   */
  constructor(degrees: number | readonly [number, number], readonly options: RandomRotationOptions = {}) {
    super('RandomRotation', checkOptions('RandomRotation', options, ['interpolation', 'expand', 'center', 'fill', 'seed', 'generator']));
    this.degrees = range(this.name, 'degrees', degrees, true);
  }
  protected override makeParams(_img: Img, gen: Generator): Record<string, unknown> {
    return { angle: gen.uniform(this.degrees[0], this.degrees[1]) };
  }
  private opts() {
    const o = this.options;
    return { interpolation: o.interpolation, expand: o.expand, center: o.center, fill: o.fill ?? 0 };
  }
  protected apply(img: Img, p: Record<string, unknown>): Img {
    return rotate(img, p.angle as number, this.opts());
  }
  protected override applyAsync(img: Img, p: Record<string, unknown>): Promise<Img> {
    return rotateAsync(img, p.angle as number, this.opts());
  }
}

/** Options of `RandomAffine` (torchvision's `translate`, `scale`, `shear`, `interpolation`, `fill`, `center`), plus `seed` / `generator`. */
export interface RandomAffineOptions extends RandomOptions {
  /** [tx, ty] in [0, 1]: the shift is drawn in [-tx * W, tx * W] and [-ty * H, ty * H], rounded (default none). */
  translate?: readonly [number, number];
  /** [min, max], min > 0: the scale is drawn uniformly (default 1). */
  scale?: readonly [number, number];
  /** A number s (x shear in [-s, s]), [min, max] (x) or [xmin, xmax, ymin, ymax]. */
  shear?: number | readonly number[];
  /** Default 'nearest'. 'bicubic' is this package's extension. */
  interpolation?: WarpInterpolation;
  /** Default 0 (the random classes blend with 0, as torchvision's). */
  fill?: Fill;
  /** Centre [x, y] in pixels (default the image centre). */
  center?: readonly [number, number];
}

/** torchvision.transforms.v2.RandomAffine. */
export class RandomAffine extends Transform {
  readonly degrees: [number, number];
  readonly shear?: number[];
  /**
   * An affine warp (`affine`) with a random angle, translation, scale and
   * shear; `lastParams` is `{ angle, translate, scale, shear }`, `affine`'s options.
   * @param degrees a number d >= 0 for [-d, d], or [min, max]
   * @param options `translate`, `scale`, `shear`, `interpolation`, `fill` (default 0), `center`, `seed` or `generator`
   * @throws {TypeError} `options` not an object or an unknown option, `options.seed` / `options.generator` wrong or both given, `degrees`, `options.translate`, `options.scale` or `options.shear` (or an entry) of the wrong kind (`RandomAffine: expected options.shear ...`)
   * @throws {RangeError} `degrees` negative or not finite, a range without 2 entries or with min > max, `options.translate` entries outside [0, 1], `options.scale` not positive
   * @example
   * const aff = new RandomAffine(10, { translate: [0.1, 0.1], scale: [0.9, 1.1], shear: 5, seed: 0 });
   * const out = aff.forward(img);
   */
  constructor(degrees: number | readonly [number, number], readonly options: RandomAffineOptions = {}) {
    super('RandomAffine', checkOptions('RandomAffine', options, ['translate', 'scale', 'shear', 'interpolation', 'fill', 'center', 'seed', 'generator']));
    const fn = this.name;
    this.degrees = range(fn, 'degrees', degrees, true);
    if (options.translate !== undefined) {
      const t = options.translate as unknown;
      if (!Array.isArray(t)) throw typeError(fn, 'options.translate', '[tx, ty]', t);
      if (t.length !== 2) throw rangeError(fn, `expected options.translate to have 2 entries but received ${t.length}`);
      t.forEach((v, i) => {
        if (num(fn, `options.translate[${i}]`, v) < 0 || v > 1) throw rangeError(fn, `expected options.translate[${i}] to be in [0, 1] but received ${v}`);
      });
    }
    if (options.scale !== undefined) {
      const s = range(fn, 'options.scale', options.scale, false);
      if (s[0] <= 0) throw rangeError(fn, `expected options.scale to be positive but received [${s.join(', ')}]`);
    }
    if (options.shear !== undefined) {
      const s = options.shear;
      if (typeof s === 'number') this.shear = range(fn, 'options.shear', s, true);
      else if (Array.isArray(s) && s.length === 4) this.shear = [...range(fn, 'options.shear', s.slice(0, 2), false), ...range(fn, 'options.shear', s.slice(2), false)];
      else if (Array.isArray(s) && s.length === 2) this.shear = range(fn, 'options.shear', s, false);
      else throw typeError(fn, 'options.shear', 'a number, [min, max] or [xmin, xmax, ymin, ymax]', s);
    }
  }
  protected override makeParams(img: Img, gen: Generator): Record<string, unknown> {
    const [height, width] = imageSize(this.name, img);
    const angle = gen.uniform(this.degrees[0], this.degrees[1]);
    let translate: [number, number] = [0, 0];
    if (this.options.translate) {
      const maxDx = this.options.translate[0] * width;
      const maxDy = this.options.translate[1] * height;
      translate = [roundHalfEven(gen.uniform(-maxDx, maxDx)), roundHalfEven(gen.uniform(-maxDy, maxDy))];
    }
    const scale = this.options.scale ? gen.uniform(this.options.scale[0], this.options.scale[1]) : 1;
    let shear: [number, number] = [0, 0];
    if (this.shear) {
      shear = [gen.uniform(this.shear[0], this.shear[1]), 0];
      if (this.shear.length === 4) shear[1] = gen.uniform(this.shear[2], this.shear[3]);
    }
    return { angle, translate, scale, shear };
  }
  private opts(p: Record<string, unknown>) {
    const o = this.options;
    return { angle: p.angle as number, translate: p.translate as [number, number], scale: p.scale as number, shear: p.shear as [number, number],
      interpolation: o.interpolation, center: o.center, fill: o.fill ?? 0 };
  }
  protected apply(img: Img, p: Record<string, unknown>): Img {
    return affine(img, this.opts(p));
  }
  protected override applyAsync(img: Img, p: Record<string, unknown>): Promise<Img> {
    return affineAsync(img, this.opts(p));
  }
}

/** Options of `RandomPerspective` (torchvision's `distortion_scale`, `p`, `interpolation`, `fill`), plus `seed` / `generator`. */
export interface RandomPerspectiveOptions extends RandomOptions {
  /** In [0, 1] (default 0.5). */
  distortionScale?: number;
  /** Probability of applying it (default 0.5). */
  p?: number;
  /** Default 'bilinear'. 'bicubic' is this package's extension. */
  interpolation?: WarpInterpolation;
  /** Default 0. */
  fill?: Fill;
}

/** torchvision.transforms.v2.RandomPerspective: corners moved inward by up to distortionScale / 2 of the size. */
export class RandomPerspective extends RandomApply {
  readonly distortionScale: number;
  /**
   * A perspective warp (`perspective`) with probability `p`; `lastParams` is
   * `{ applied, coefficients }` (the 8 coefficients when applied).
   * @param options `distortionScale`, `p`, `interpolation`, `fill` (default 0), `seed` or `generator`
   * @throws {TypeError} `options` not an object or an unknown option, `options.p` or `options.distortionScale` not a number, `options.seed` / `options.generator` wrong or both given (`RandomPerspective: expected ...`)
   * @throws {RangeError} `options.p` or `options.distortionScale` not finite or outside [0, 1]
   * @example
   * const persp = new RandomPerspective({ distortionScale: 0.3, p: 1, seed: 0 });
   * const out = persp.forward(img);
   */
  constructor(readonly options: RandomPerspectiveOptions = {}) {
    super('RandomPerspective', options.p ?? 0.5,
      checkOptions('RandomPerspective', options, ['distortionScale', 'p', 'interpolation', 'fill', 'seed', 'generator']));
    this.distortionScale = options.distortionScale === undefined ? 0.5 : num(this.name, 'options.distortionScale', options.distortionScale);
    if (this.distortionScale < 0 || this.distortionScale > 1)
      throw rangeError(this.name, `expected options.distortionScale to be in [0, 1] but received ${this.distortionScale}`);
  }
  protected override draw(img: Img, gen: Generator): Record<string, unknown> {
    const [height, width] = imageSize(this.name, img);
    const boundH = Math.trunc(this.distortionScale * Math.floor(height / 2)) + 1;
    const boundW = Math.trunc(this.distortionScale * Math.floor(width / 2)) + 1;
    const topleft = [gen.randint(0, boundW), gen.randint(0, boundH)];
    const topright = [gen.randint(width - boundW, width), gen.randint(0, boundH)];
    const botright = [gen.randint(width - boundW, width), gen.randint(height - boundH, height)];
    const botleft = [gen.randint(0, boundW), gen.randint(height - boundH, height)];
    const start = [[0, 0], [width - 1, 0], [width - 1, height - 1], [0, height - 1]];
    const coefficients = perspectiveCoefficients(start, [topleft, topright, botright, botleft]);
    return { coefficients };
  }
  private opts(p: Record<string, unknown>) {
    return { interpolation: this.options.interpolation, fill: this.options.fill ?? 0, coefficients: p.coefficients as number[] };
  }
  protected applyDrawn(img: Img, p: Record<string, unknown>): Img {
    return p.coefficients ? perspective(img, null, null, this.opts(p)) : img;
  }
  protected override applyDrawnAsync(img: Img, p: Record<string, unknown>): Promise<Img> {
    return p.coefficients ? perspectiveAsync(img, null, null, this.opts(p)) : Promise.resolve(img);
  }
}

/** Options of `ElasticTransform` (torchvision's `alpha`, `sigma`, `interpolation`, `fill`), plus `seed` / `generator`. */
export interface ElasticTransformOptions extends RandomOptions {
  /** Displacement magnitude, one number or [x, y], non-negative (default 50). */
  alpha?: number | readonly [number, number];
  /** Smoothness (the Gaussian's sigma), one number or [x, y], non-negative (default 5). */
  sigma?: number | readonly [number, number];
  /** Default 'bilinear'. 'bicubic' is this package's extension. */
  interpolation?: WarpInterpolation;
  /** Default 0. */
  fill?: Fill;
}

/**
 * torchvision.transforms.v2.ElasticTransform: uniform noise in [-1, 1) per
 * pixel and axis, Gaussian-blurred (kernel int(8 sigma + 1) made odd,
 * reflect borders), scaled by alpha / size; `lastParams.displacement` is the
 * [1, H, W, 2] float32 tensor.
 */
export class ElasticTransform extends Transform {
  readonly alpha: [number, number];
  readonly sigma: [number, number];
  /**
   * An elastic warp (`elasticTransform`) by a random smooth displacement field.
   * @param options `alpha`, `sigma`, `interpolation`, `fill` (default 0), `seed` or `generator`
   * @throws {TypeError} `options` not an object or an unknown option, `options.seed` / `options.generator` wrong or both given, `options.alpha` / `options.sigma` (or an entry) not a number or [x, y] (`ElasticTransform: expected options.alpha ...`)
   * @throws {RangeError} `options.alpha` / `options.sigma` without 2 entries, not finite, or negative
   * @example
   * const el = new ElasticTransform({ alpha: 30, sigma: 4, seed: 0 });
   * const out = el.forward(img); // el.lastParams.displacement: [1, H, W, 2] float32
   */
  constructor(readonly options: ElasticTransformOptions = {}) {
    super('ElasticTransform', checkOptions('ElasticTransform', options, ['alpha', 'sigma', 'interpolation', 'fill', 'seed', 'generator']));
    const two = (what: string, v: unknown, d: number): [number, number] => {
      if (v === undefined) return [d, d];
      if (typeof v === 'number') return [num(this.name, what, v), v];
      if (Array.isArray(v) && v.length === 2) return [num(this.name, `${what}[0]`, v[0]), num(this.name, `${what}[1]`, v[1])];
      if (Array.isArray(v)) throw rangeError(this.name, `expected ${what} to have 2 entries but received ${v.length}`);
      throw typeError(this.name, what, 'a number or [x, y]', v);
    };
    this.alpha = two('options.alpha', options.alpha, 50);
    this.sigma = two('options.sigma', options.sigma, 5);
    if (this.alpha.some((a) => a < 0) || this.sigma.some((s) => s < 0)) throw rangeError(this.name, 'expected options.alpha and options.sigma to be non-negative');
  }
  protected override makeParams(img: Img, gen: Generator): Record<string, unknown> {
    const [H, W] = imageSize(this.name, img);
    const axis = (a: number) => {
      let d: Float64Array = Float64Array.from({ length: H * W }, () => gen.random() * 2 - 1);
      const sigma = this.sigma[a];
      if (sigma > 0) {
        let k = Math.trunc(8 * sigma + 1);
        if (k % 2 === 0) k += 1;
        d = gaussianBlur(d, H, W, k, this.sigma[0], this.sigma[1]);
      }
      // torchvision: dx * alpha[0] / width, dy * alpha[1] / height
      const s = this.alpha[a] / (a === 0 ? W : H);
      return d.map((v) => v * s);
    };
    const dx = axis(0);
    const dy = axis(1);
    const data = new Float32Array(H * W * 2);
    for (let q = 0; q < H * W; ++q) {
      data[2 * q] = dx[q];
      data[2 * q + 1] = dy[q];
    }
    return { displacement: { data, shape: [1, H, W, 2] } };
  }
  private opts() {
    return { interpolation: this.options.interpolation, fill: this.options.fill ?? 0 };
  }
  protected apply(img: Img, p: Record<string, unknown>): Img {
    return elasticTransform(img, p.displacement as Tensor, this.opts());
  }
  protected override applyAsync(img: Img, p: Record<string, unknown>): Promise<Img> {
    return elasticTransformAsync(img, p.displacement as Tensor, this.opts());
  }
}

/**
 * torchvision's gaussian_blur of one plane with a k x k kernel, sigma
 * (sx, sy) along x and y (taps exp(-x²/2σ²) at linspace(-(k-1)/2, (k-1)/2),
 * normalised), reflect borders; separable here.
 */
function gaussianBlur(src: Float64Array, H: number, W: number, k: number, sx: number, sy: number): Float64Array {
  const half = (k - 1) / 2;
  const taps = (sigma: number) => {
    const t = Float64Array.from({ length: k }, (_, i) => Math.exp(-0.5 * ((-half + i) / sigma) ** 2));
    const sum = t.reduce((a, b) => a + b, 0);
    return t.map((v) => v / sum);
  };
  const kx = taps(sx);
  const ky = taps(sy);
  const reflect = (i: number, n: number) => {
    if (n === 1) return 0;
    const period = 2 * (n - 1);
    let m = ((i % period) + period) % period;
    if (m >= n) m = period - m;
    return m;
  };
  const tmp = new Float64Array(H * W);
  for (let y = 0; y < H; ++y)
    for (let x = 0; x < W; ++x) {
      let s = 0;
      for (let i = 0; i < k; ++i) s += kx[i] * src[y * W + reflect(x + i - half, W)];
      tmp[y * W + x] = s;
    }
  const out = new Float64Array(H * W);
  for (let y = 0; y < H; ++y)
    for (let x = 0; x < W; ++x) {
      let s = 0;
      for (let i = 0; i < k; ++i) s += ky[i] * tmp[reflect(y + i - half, H) * W + x];
      out[y * W + x] = s;
    }
  return out;
}

// ---- pipelines and batches

/** Options of `Compose`: `seed` or `generator` makes it draw every child's parameters itself. */
export interface ComposeOptions extends RandomOptions {}

/**
 * torchvision.transforms.v2.Compose. Built with `{ seed }` or `{ generator }`
 * it draws every child's parameters from its own generator, in order (the
 * children's are ignored); without, each child uses its own.
 */
export class Compose extends Transform {
  private readonly seeded: boolean;
  /**
   * A pipeline of `transforms`, run in order.
   * @param transforms the transforms (instances of `Transform`)
   * @param options `seed` or `generator`: draw every child's parameters from this pipeline's generator
   * @throws {TypeError} `options` not an object or an unknown option, `options.seed` / `options.generator` wrong or both given, `transforms` not an array or an entry not a `Transform` (`Compose: expected transforms[0] ...`)
   * @example
   * const pipeline = new Compose([
   *   new RandomResizedCrop(224),
   *   new RandomHorizontalFlip(),
   *   new ToDtype('float32', { scale: true }),
   *   new Normalize([0.485, 0.456, 0.406], [0.229, 0.224, 0.225]),
   * ], { seed: 0 });
   */
  constructor(readonly transforms: readonly Transform[], options: ComposeOptions = {}) {
    super('Compose', checkOptions('Compose', options, ['seed', 'generator']));
    if (!Array.isArray(transforms)) throw typeError('Compose', 'transforms', 'an array of transforms', transforms);
    transforms.forEach((t, i) => {
      if (!(t instanceof Transform)) throw typeError('Compose', `transforms[${i}]`, 'a transform (an instance of Transform)', t);
    });
    this.seeded = options.seed !== undefined || options.generator !== undefined;
  }
  /**
   * Runs the children in order, each drawing from `generator` if given, else
   * from the pipeline's when it was built with `seed` / `generator`, else
   * from its own; `lastParams` is `{ transforms: [each child's lastParams] }`.
   * @param img an image `[C, H, W]` or a batch `[N, C, H, W]` (one draw for the whole batch, as torchvision): uint8, float32 or float64, any strides
   * @param generator draw every child's parameters from this generator (not checked)
   * @returns the last child's output (`img` itself for no children)
   * @throws {TypeError} what a child throws (its message names the child's class or functional op)
   * @throws {RangeError} likewise
   * @example
   * const x = pipeline.forward(img); // float32 [3, 224, 224]
   */
  override forward<D extends TypedData>(img: Tensor<D>, generator?: Generator): Tensor<D> {
    const gen = generator ?? (this.seeded ? this.generator : undefined);
    let out: Img = img;
    for (const t of this.transforms) out = t.forward(out, gen);
    this.lastParams = { transforms: this.transforms.map((t) => t.lastParams) };
    return out as Tensor<D>;
  }
  /**
   * `forward` with each child's `forwardAsync`, one after another. A child
   * draws when its turn comes, so concurrent calls sharing a generator
   * interleave their draws; `forwardBatchAsync` gives each image its own.
   * @param img an image `[C, H, W]` or a batch `[N, C, H, W]` (one draw for the whole batch, as torchvision): uint8, float32 or float64, any strides
   * @param generator draw every child's parameters from this generator (not checked)
   * @returns a promise of the last child's output
   * @throws Never synchronously: a child's TypeError / RangeError rejects the promise
   * @example
   * const x = await pipeline.forwardAsync(img);
   */
  override async forwardAsync<D extends TypedData>(img: Tensor<D>, generator?: Generator): Promise<Tensor<D>> {
    const gen = generator ?? (this.seeded ? this.generator : undefined);
    let out: Img = img;
    for (const t of this.transforms) out = await t.forwardAsync(out, gen);
    this.lastParams = { transforms: this.transforms.map((t) => t.lastParams) };
    return out as Tensor<D>;
  }
  protected apply(img: Img): Img {
    return img;
  }

  /**
   * One generator per image, seeded in order from the pipeline's: image i
   * draws the same parameters however the images' work interleaves.
   */
  private imageGenerators(fn: string, images: unknown): Generator[] {
    if (!Array.isArray(images)) throw typeError(fn, 'images', 'an array of tensors', images);
    return images.map(() => new Generator(this.generator.randint(0, 2 ** 32)));
  }

  /**
   * Applies the pipeline to each image and stacks the results (`collate`).
   * Image i draws from its own generator, seeded by the i-th draw of the
   * pipeline's generator, also for a Compose built without `seed` (the
   * children's own generators are not used); `lastParams` is the last image's.
   * @param images [C, H, W] images (any sizes the pipeline brings to one shape)
   * @param options `out`: write the batch there, as `collate`'s
   * @returns a contiguous [N, C, H, W] tensor of the outputs' type
   * @throws {TypeError} `images` not an array (`forwardBatch: expected images ...`), outputs of different array types, a bad `options` / `options.out`, or what a child throws
   * @throws {RangeError} no images, outputs not [C, H, W] or of different shapes, `options.out` not [N, C, H, W], or what a child throws
   * @example
   * const batch = pipeline.forwardBatch([img1, img2, img3]); // float32 [3, 3, 224, 224]
   */
  forwardBatch<D extends TypedData>(images: readonly Tensor<D>[], options?: CollateOptions): Tensor {
    const gens = this.imageGenerators('forwardBatch', images);
    return collate(images.map((img, i) => this.forward(img, gens[i])), options, 'forwardBatch');
  }

  /**
   * `forwardBatch` with every image's pipeline running concurrently, its
   * resampling on the thread pool (the JavaScript thread only draws
   * parameters and copies results into the batch); the same result as
   * `forwardBatch` from the same generator state.
   * @param images [C, H, W] images (any sizes the pipeline brings to one shape)
   * @param options `out`: write the batch there, as `collate`'s
   * @returns a promise of the contiguous [N, C, H, W] tensor
   * @throws Never synchronously: `forwardBatch`'s TypeError / RangeError (named `forwardBatchAsync`) reject the promise
   * @example
   * const batch = await pipeline.forwardBatchAsync(images);
   */
  async forwardBatchAsync<D extends TypedData>(images: readonly Tensor<D>[], options?: CollateOptions): Promise<Tensor> {
    const gens = this.imageGenerators('forwardBatchAsync', images);
    const results = new Array<Tensor<D>>(images.length);
    // A few images in flight, each started in its own turn of the event
    // loop: starting all at once would snapshot every input (a copy each) in
    // one turn and hold the loop for all of them.
    let next = 0;
    const lane = async () => {
      while (next < images.length) {
        const i = next++;
        await new Promise<void>((resolve) => setImmediate(resolve));
        results[i] = await this.forwardAsync(images[i], gens[i]);
      }
    };
    const lanes = Math.max(2, getNumThreads() + 1);
    await Promise.all(Array.from({ length: Math.min(lanes, images.length) }, lane));
    return collate(results, options, 'forwardBatchAsync');
  }
}

/** Options of `collate` and the Compose batch methods. */
export interface CollateOptions<D extends TypedData = TypedData> {
  /** Write the batch here: [N, C, H, W], contiguous, the images' type. */
  out?: Tensor<D>;
}

/**
 * Stacks same-shaped [C, H, W] images (any strides, one dtype) into one
 * contiguous [N, C, H, W] tensor, as torch's default_collate stacks a batch.
 * @param images [C, H, W] tensors of one shape and one array type (Uint8Array and Uint8ClampedArray count as different)
 * @param options `out`: a [N, C, H, W] tensor of that type and N * C * H * W elements to write into
 * @param fn the name error messages start with (default 'collate'; the Compose batch methods pass theirs)
 * @returns a new tensor over a new array, or with `out`, a new tensor object over `out.data`
 * @throws {TypeError} `options` not an object or an unknown option, `images` not an array, `images[n].data` or `options.out.data` not the array type of `images[0].data` (`collate: expected images[1].data ...`)
 * @throws {RangeError} no images, `images[0]` not [C, H, W], an image of another shape, `options.out` not [N, C, H, W] with that many elements
 * @example
 * const batch = collate([a, b]); // two uint8 [3, 224, 224] images: a Uint8Array [2, 3, 224, 224]
 */
export function collate<D extends TypedData>(images: readonly Tensor<D>[], options?: CollateOptions<D>, fn = 'collate'): Tensor<D> {
  const opts = checkOptions<CollateOptions>(fn, options, ['out']);
  if (!Array.isArray(images)) throw typeError(fn, 'images', 'an array of tensors', images);
  if (images.length === 0) throw rangeError(fn, 'expected at least one image');
  const first = images[0];
  const shape = first?.shape;
  if (!shape || shape.length !== 3) throw rangeError(fn, `expected images of shape [C, H, W] but images[0] has shape ${JSON.stringify(shape)}`);
  const [C, H, W] = shape;
  const plane = C * H * W;
  const Ctor = first.data.constructor as new (n: number) => D;
  let out: D;
  if (opts.out !== undefined) {
    const o = opts.out;
    if (!o || o.data?.constructor !== Ctor) throw typeError(fn, 'options.out.data', `a ${Ctor.name} like the images`, o?.data);
    if (o.data.length !== images.length * plane || JSON.stringify(o.shape) !== JSON.stringify([images.length, C, H, W]))
      throw rangeError(fn, `expected options.out to be a contiguous [${images.length}, ${C}, ${H}, ${W}] tensor`);
    out = o.data as D;
  } else out = new Ctor(images.length * plane);
  images.forEach((img, n) => {
    if (!img || img.data?.constructor !== Ctor) throw typeError(fn, `images[${n}].data`, `a ${Ctor.name} like images[0]`, img?.data);
    if (JSON.stringify(img.shape) !== JSON.stringify(shape))
      throw rangeError(fn, `expected every image to have shape [${shape.join(', ')}] but images[${n}] has [${img.shape.join(', ')}]`);
    const [sC, sH, sW] = img.strides ?? [H * W, W, 1];
    const base = n * plane;
    if (sC === H * W && sH === W && sW === 1 && img.data.length >= plane) {
      out.set(img.data.subarray(0, plane), base);
      return;
    }
    let q = base;
    for (let c = 0; c < C; ++c)
      for (let y = 0; y < H; ++y)
        for (let x = 0; x < W; ++x) out[q++] = img.data[c * sC + y * sH + x * sW];
  });
  return { data: out, shape: [images.length, C, H, W] };
}
