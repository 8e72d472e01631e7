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
import { perspectiveCoefficients } from './grids';
import { normalize, toDtype } from './misc';
import { type ResizeInterpolation, type ResizeSize, resize, resizeAsync } from './resize';

/** A seedable source of uniform numbers (xoshiro128**, seeded by splitmix32). */
export class Generator {
  private s = new Uint32Array(4);

  constructor(seed = Date.now() ^ (Math.random() * 2 ** 32)) {
    this.manualSeed(seed);
  }

  /** Restarts the stream from `seed` (an integer). */
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

  /** Uniform in [0, 1) with 53 random bits. */
  random(): number {
    return ((this.next() >>> 5) * 67108864 + (this.next() >>> 6)) / 9007199254740992;
  }

  /** Uniform in [lo, hi) (torch's uniform_). */
  uniform(lo: number, hi: number): number {
    return lo + (hi - lo) * this.random();
  }

  /** An integer in [lo, hi) (torch.randint's range). */
  randint(lo: number, hi: number): number {
    return lo + Math.floor(this.random() * (hi - lo));
  }
}

const rotl = (x: number, k: number) => ((x << k) | (x >>> (32 - k))) >>> 0;

export interface RandomOptions {
  /** Seed an own generator. */
  seed?: number;
  /** Or share this one. */
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

  /** Applies the transform; `generator` (a seeded Compose's) replaces the transform's own. */
  forward<D extends TypedData>(img: Tensor<D>, generator?: Generator): Tensor<D> {
    const params = this.makeParams(img, generator ?? this.generator);
    this.lastParams = params;
    return this.apply(img, params) as Tensor<D>;
  }

  /** `forward` with the resampling off the JavaScript thread. */
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

export interface ResizeTransformOptions {
  interpolation?: ResizeInterpolation;
  maxSize?: number;
  antialias?: boolean;
}

/** torchvision.transforms.v2.Resize. */
export class Resize extends Transform {
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
  constructor(size: number | readonly [number] | readonly [number, number]) {
    super('CenterCrop');
    this.size = sizeArg('CenterCrop', size);
  }
  protected apply(img: Img): Img {
    return centerCrop(img, this.size);
  }
}

export interface PadTransformOptions {
  fill?: Fill;
  paddingMode?: PadMode;
}

/** torchvision.transforms.v2.Pad. */
export class Pad extends Transform {
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
  constructor(options: { p?: number } & RandomOptions = {}) {
    super('RandomHorizontalFlip', options.p ?? 0.5, checkOptions('RandomHorizontalFlip', options, ['p', 'seed', 'generator']));
  }
  protected applyDrawn(img: Img): Img {
    return horizontalFlip(img);
  }
}

/** torchvision.transforms.v2.RandomVerticalFlip. */
export class RandomVerticalFlip extends RandomApply {
  constructor(options: { p?: number } & RandomOptions = {}) {
    super('RandomVerticalFlip', options.p ?? 0.5, checkOptions('RandomVerticalFlip', options, ['p', 'seed', 'generator']));
  }
  protected applyDrawn(img: Img): Img {
    return verticalFlip(img);
  }
}

export interface RandomCropOptions extends RandomOptions {
  padding?: number | readonly number[];
  padIfNeeded?: boolean;
  fill?: Fill;
  paddingMode?: PadMode;
}

/** torchvision.transforms.v2.RandomCrop: optional padding, then a crop at a uniform position. */
export class RandomCrop extends Transform {
  readonly size: [number, number];
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
  override async forwardAsync<D extends TypedData>(img: Tensor<D>, generator?: Generator): Promise<Tensor<D>> {
    return this.forward(img, generator);
  }
  protected apply(img: Img): Img {
    return img;
  }
}

export interface RandomResizedCropOptions extends RandomOptions {
  scale?: readonly [number, number];
  ratio?: readonly [number, number];
  interpolation?: ResizeInterpolation;
  antialias?: boolean;
}

/** torchvision.transforms.v2.RandomResizedCrop: a crop of random area and aspect ratio, resized to `size`. */
export class RandomResizedCrop extends Transform {
  readonly size: [number, number];
  readonly scale: [number, number];
  readonly ratio: [number, number];
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

export interface RandomRotationOptions extends RandomOptions {
  interpolation?: WarpInterpolation;
  expand?: boolean;
  center?: readonly [number, number];
  /** Default 0 (the random classes blend with 0, as torchvision's). */
  fill?: Fill;
}

/** torchvision.transforms.v2.RandomRotation: an angle uniform in `degrees` ([-d, d] for a number). */
export class RandomRotation extends Transform {
  readonly degrees: [number, number];
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

export interface RandomAffineOptions extends RandomOptions {
  translate?: readonly [number, number];
  scale?: readonly [number, number];
  /** A number s (x shear in [-s, s]), [min, max] (x) or [xmin, xmax, ymin, ymax]. */
  shear?: number | readonly number[];
  interpolation?: WarpInterpolation;
  fill?: Fill;
  center?: readonly [number, number];
}

/** torchvision.transforms.v2.RandomAffine. */
export class RandomAffine extends Transform {
  readonly degrees: [number, number];
  readonly shear?: number[];
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

export interface RandomPerspectiveOptions extends RandomOptions {
  distortionScale?: number;
  p?: number;
  interpolation?: WarpInterpolation;
  fill?: Fill;
}

/** torchvision.transforms.v2.RandomPerspective: corners moved inward by up to distortionScale / 2 of the size. */
export class RandomPerspective extends RandomApply {
  readonly distortionScale: number;
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

export interface ElasticTransformOptions extends RandomOptions {
  alpha?: number | readonly [number, number];
  sigma?: number | readonly [number, number];
  interpolation?: WarpInterpolation;
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

export interface ComposeOptions extends RandomOptions {}

/**
 * torchvision.transforms.v2.Compose. Built with `{ seed }` or `{ generator }`
 * it draws every child's parameters from its own generator, in order (the
 * children's are ignored); without, each child uses its own.
 */
export class Compose extends Transform {
  private readonly seeded: boolean;
  constructor(readonly transforms: readonly Transform[], options: ComposeOptions = {}) {
    super('Compose', checkOptions('Compose', options, ['seed', 'generator']));
    if (!Array.isArray(transforms)) throw typeError('Compose', 'transforms', 'an array of transforms', transforms);
    transforms.forEach((t, i) => {
      if (!(t instanceof Transform)) throw typeError('Compose', `transforms[${i}]`, 'a transform (an instance of Transform)', t);
    });
    this.seeded = options.seed !== undefined || options.generator !== undefined;
  }
  override forward<D extends TypedData>(img: Tensor<D>, generator?: Generator): Tensor<D> {
    const gen = generator ?? (this.seeded ? this.generator : undefined);
    let out: Img = img;
    for (const t of this.transforms) out = t.forward(out, gen);
    this.lastParams = { transforms: this.transforms.map((t) => t.lastParams) };
    return out as Tensor<D>;
  }
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

  /** Applies the pipeline to each image (each with its own generator drawn from the pipeline's) and stacks the results (`collate`). */
  forwardBatch<D extends TypedData>(images: readonly Tensor<D>[], options?: CollateOptions): Tensor {
    const gens = this.imageGenerators('forwardBatch', images);
    return collate(images.map((img, i) => this.forward(img, gens[i])), options, 'forwardBatch');
  }

  /**
   * `forwardBatch` with every image's pipeline running concurrently, its
   * resampling on the thread pool (the JavaScript thread only draws
   * parameters and copies results into the batch); the same result as
   * `forwardBatch` from the same generator state.
   */
  async forwardBatchAsync<D extends TypedData>(images: readonly Tensor<D>[], options?: CollateOptions): Promise<Tensor> {
    const gens = this.imageGenerators('forwardBatchAsync', images);
    const results = await Promise.all(images.map((img, i) => this.forwardAsync(img, gens[i])));
    return collate(results, options, 'forwardBatchAsync');
  }
}

export interface CollateOptions<D extends TypedData = TypedData> {
  /** Write the batch here: [N, C, H, W], contiguous, the images' type. */
  out?: Tensor<D>;
}

/** Stacks same-shaped [C, H, W] images (any strides, one dtype) into one contiguous [N, C, H, W] tensor. */
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
