// What the hostile battery's row files (rows/<op>.mjs) share: the raw call
// builder, result checks, hostile values and case helpers.
import { contiguous, prod, show, tensor } from '../tensors.mjs';

/**
 * A raw row's call. Rows describe a native call as a positional list (so the
 * generic hooks can replace one argument by its index) ending in the async
 * flag; this turns it into the request object the binding reads:
 * `fields[i]` names `a[i]`, enum fields (`names`) map a valid index to its
 * name and pass any other value as it is, and the flag picks `fn` or
 * `fn`Async. The result (the output's typed array) comes back as
 * `{data, shape, expected}` (from the request's out) for the row checks.
 */
export function requestCall(native, fn, fields, names = {}) {
  return (...a) => {
    const req = {};
    fields.forEach((f, i) => {
      if (i >= a.length) return;
      const v = a[i];
      req[f] = names[f] && Number.isInteger(v) && v >= 0 && v < names[f].length ? names[f][v] : v;
    });
    // after the async flag, optionally a function that edits the request (e.g. adds `cancel`)
    if (typeof a[fields.length + 1] === 'function') a[fields.length + 1](req);
    const r = (a[fields.length] === true ? native[`${fn}Async`] : native[fn])(req);
    const out = req.out && typeof req.out === 'object' ? req.out : {};
    const wrap = (data) => ({ data, shape: out.shape, expected: out.expected });
    return r instanceof Promise ? r.then(wrap) : wrap(r);
  };
}

export const isTyped = (v) => ArrayBuffer.isView(v) && !(v instanceof DataView);
export const fine = (r) => (r && typeof r === 'object' && isTyped(r.data) && Array.isArray(r.shape) && prod(r.shape) <= r.data.length ? null : 'not a well-formed tensor');
export const shapeIs = (want) => (r) => fine(r) ?? (JSON.stringify(r.shape) === JSON.stringify(want) ? null : `shape [${r.shape}], want [${want}]`);
export const detach = (a) => structuredClone(a.buffer, { transfer: [a.buffer] });

export const ND_MODES = ['constant', 'nearest', 'reflect', 'mirror', 'wrap', 'grid-constant', 'grid-mirror', 'grid-wrap'];
export const EXTREME_NUMBERS = [NaN, Infinity, -Infinity, 1e30, -1e30, 1e300, 5e-324, 1e-300, -0];

// An array of numbers whose element `k` runs `get` when read.
export function withGetter(values, k, get) {
  const a = values.slice();
  Object.defineProperty(a, k, { get, enumerable: true });
  return a;
}

// Cases shared by the number-list arguments: element getters that throw
// (the user's error propagates) or detach the input's buffer (caught).
export function getterCases({ raw, err }, label, place, inputIndex = 0, inputName = 'input') {
  raw(`${label}: an element getter throws`, (a) => place(a, (vals) => withGetter(vals, 0, () => { throw new SyntaxError('from a getter'); })), { error: 'SyntaxError', fn: '', arg: 'from a getter' });
  err(`${label}: an element getter detaches the input`, (a) => {
    const victim = a[inputIndex].data;
    return place(a, (vals) => withGetter(vals, vals.length - 1, () => { detach(victim); return vals[vals.length - 1]; }));
  }, 'RangeError', inputName);
}

// A float tensor with contiguous strides, as the raw native rows pass it.
export const nt = (Ctor, shape, seed, lo, hi) => ({ ...tensor(Ctor, shape, seed, lo, hi), strides: contiguous(shape) });
export const scalesCases = (index, n) => ({ bad, good, raw }) => {
  for (const x of ['x', null, undefined, {}, 5, new Float64Array(n), Array(n + 1).fill(0), Array(n - 1).fill(0), [...Array(n - 1).fill(0), NaN], [...Array(n - 1).fill(0), Infinity],
    [...Array(n - 1).fill(0), -Infinity], [...Array(n - 1).fill(0), -1], [...Array(n - 1).fill(0), 1e-300], [...Array(n - 1).fill(0), 5e-324], [...Array(n - 1).fill(0), 1e-40], [...Array(n - 1).fill(0), '1'], [...Array(n - 1).fill(0), null], [...Array(n - 1).fill(0), 1e30 * 1e-40]])
    bad(`scales = ${show(x)}`, (a) => { a[index] = x; return a; });
  for (const x of [Array(n).fill(0), Array(n).fill(0.75), Array(n).fill(1e30)]) good(`scales = ${show(x)}`, (a) => { a[index] = x; return a; });
  raw('a scales element getter throws', (a) => { a[index] = withGetter(Array(n).fill(0), n - 1, () => { throw new SyntaxError('from a getter'); }); return a; }, { error: 'SyntaxError', fn: '', arg: 'from a getter' });
  bad('a scales element getter detaches the input', (a) => { const d = a[0].data; a[index] = withGetter(Array(n).fill(0), n - 1, () => { detach(d); return 0; }); return a; });
  bad('a scales element getter detaches the output', (a) => { const d = a[1].data; a[index] = withGetter(Array(n).fill(0), 0, () => { detach(d); return 0; }); return a; });
};
export const cvalCases = (index) => ({ bad, good, raw }) => {
  for (const x of ['0', null, undefined, {}, 0n, [0]]) bad(`cval = ${show(x)}`, (a) => { a[index] = x; return a; });
  for (const x of EXTREME_NUMBERS) good(`cval = ${show(x)}`, (a) => { a[index] = x; return a; });
};
export const spatial4 = (a, n) => { a[0] = { ...a[0], shape: [1, 2, n, n], strides: [0, 1, 0, 0] }; return a; };
export const spatial2 = (a, n) => { a[0] = { ...a[0], shape: [n, n], strides: [0, 0] }; return a; };
