// What the hostile battery's row files share: tensors of seeded values
// (xorshift32, like test/helpers.ts random), strides and case names.

export const prod = (s) => s.reduce((a, b) => a * b, 1);

export const contiguous = (shape) => {
  const st = new Array(shape.length);
  for (let i = shape.length - 1, acc = 1; i >= 0; --i) { st[i] = acc; acc *= shape[i]; }
  return st;
};

/** Fills `a` with xorshift32 values in [lo, hi) from `seed`. */
export const fill = (a, seed, lo = -1, hi = 1) => {
  let s = seed >>> 0 || 1;
  for (let i = 0; i < a.length; ++i) { s ^= s << 13; s >>>= 0; s ^= s >>> 17; s ^= s << 5; s >>>= 0; a[i] = lo + ((s >>> 8) / 16777216) * (hi - lo); }
  return a;
};

export const tensor = (Ctor, shape, seed = 1, lo, hi) => ({ data: fill(new Ctor(prod(shape)), seed, lo, hi), shape });

/** Equal elementwise (NaN equals NaN, 0 equals -0). */
export function same(a, b) {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; ++i) if (!Object.is(a[i], b[i]) && !(a[i] === 0 && b[i] === 0)) return false;
  return true;
}

/** A case name's rendering of a value. */
export function show(x) {
  if (typeof x === 'symbol') return 'a symbol';
  if (typeof x === 'bigint') return `${x}n`;
  if (typeof x === 'function') return 'a function';
  if (typeof x === 'string') return JSON.stringify(x);
  if (x instanceof String) return `new String(${JSON.stringify(String(x))})`;
  if (x instanceof Boolean) return 'new Boolean(true)';
  if (Array.isArray(x)) return x.length > 10 ? `an array of ${x.length}` : `[${x.map(show).join(', ')}]`;
  if (ArrayBuffer.isView(x)) return `a ${x.constructor.name}(${x.length ?? x.byteLength})`;
  if (x instanceof Map) return 'a Map';
  if (x instanceof Promise) return 'a Promise';
  if (x && typeof x === 'object') return JSON.stringify(x);
  return Object.is(x, -0) ? '-0' : String(x);
}
