// The hostile-input battery: one table row per public function (OPS) and one
// per raw native binding function (NATIVE), expanded into hundreds of cases
// by the generators below. test/hostile/run.mjs runs them in a child process
// (a crash is a failed test, not a dead test runner) and test/hostile.test.ts
// turns each result into a vitest test.
//
// ADDING AN OP = ADDING ONE ROW to OP_ROWS in ops.mjs (and, for its raw
// binding, to NATIVE_ROWS); this file is the engine that expands rows:
//   fn        the name its error messages start with ("<fn>: ...")
//   sync      calls the public function; async: its ...Async twin (optional)
//   args      () => a valid argument list, fresh objects every call
//   tensors   { argName: index } of tensor arguments (names as in messages)
//   options   index of the options object (optional), with
//   optionValues { key: [valid string values] | 'boolean' | 'number' }
//             ('number': wrong kinds must be TypeErrors; NaN/Inf/1e30/denormals
//             either a RangeError naming the option or a well-formed result)
//   out       true if options.out is accepted
//   extremes  [{ tensor, check? }]: float tensors where NaN/Inf/1e30/denormals
//             are valid; check(result, value, ctx) returns an error string or
//             null (default: every output value finite)
//   scalars   [{ index, name, ok: [...], type: [...], range: [...] }] for
//             number/string arguments (TypeError for `type`, RangeError for `range`)
// Every generated case expects, for bad input, a TypeError or RangeError whose
// message starts with "<fn>:" and names the argument; async twins must reject
// (not throw) with the same error. Valid-but-extreme input must give a
// well-formed result.

import { NATIVE_ROWS, OP_ROWS } from './ops.mjs';
import { contiguous, prod, same, show, tensor } from './tensors.mjs';

export { same, show };
export const OPS = OP_ROWS;
export const NATIVE = NATIVE_ROWS;



const isTyped = (v) => ArrayBuffer.isView(v) && !(v instanceof DataView);

function wellFormed(r, finite) {
  if (typeof r !== 'object' || r === null) return `result is ${typeof r}`;
  if (!isTyped(r.data)) return 'result.data is not a typed array';
  if (!Array.isArray(r.shape)) return 'result.shape is not an array';
  if (prod(r.shape) > r.data.length) return `result shape [${r.shape}] needs more than its ${r.data.length} elements`;
  if (finite && !(r.data instanceof Uint8Array || r.data instanceof Uint8ClampedArray))
    for (let i = 0; i < r.data.length; ++i) if (!Number.isFinite(r.data[i])) return `result.data[${i}] = ${r.data[i]} is not finite`;
  return null;
}

function detached(Ctor, n) {
  const a = new Ctor(n);
  structuredClone(a.buffer, { transfer: [a.buffer] });
  return a;
}

function shared(src) {
  const a = new src.constructor(new SharedArrayBuffer(src.byteLength));
  a.set(src);
  return a;
}

function resizable(src) {
  const buf = new ArrayBuffer(src.byteLength, { maxByteLength: src.byteLength * 2 + 8 });
  const a = new src.constructor(buf);  // length-tracking
  a.set(src);
  return a;
}

const clone = (v) => (isTyped(v) ? v.slice() : Array.isArray(v) ? v.map(clone) : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, clone(x)])) : v);

/**
 * Expands the rows into cases: { name, run() -> value | Promise, expect }
 * with expect = { error: 'TypeError' | 'RangeError' | 'any', fn, arg, async }
 * or { ok: (result) => string | null, async }.
 */
export function buildCases(gs, native) {
  const cases = [];
  for (const op of OPS(gs)) {
    const variants = [{ call: op.sync, async: false, label: op.label ?? op.fn }];
    if (op.async) variants.push({ call: op.async, async: true, label: op.asyncLabel ?? `${op.fn}Async` });
    for (const v of variants) addOpCases(cases, op, v, gs);
  }
  for (const row of NATIVE(native)) addNativeCases(cases, row);
  return cases;
}

function addOpCases(cases, op, v, gs) {
  const err = (name, mutate, error, arg) =>
    cases.push({ name: `${v.label}: ${name}`, run: () => v.call(...mutate(op.args())), expect: { error, fn: op.fn, arg, async: v.async }, restore: op.restore });
  const ok = (name, mutate, check) =>
    cases.push({ name: `${v.label}: ${name}`, run: () => v.call(...mutate(op.args())), expect: { ok: check, async: v.async }, restore: op.restore });
  const withArg = (i, x) => (a) => { a[i] = x; return a; };

  if (op.junkArgs) {
    for (const junk of [[1], [null, {}], ['x', Symbol('s')]]) ok(`ignores extra arguments ${junk.length}`, () => junk, () => null);
    return;
  }
  for (const s of op.scalars ?? []) {
    for (const x of s.ok) ok(`${s.name} = ${show(x)} is accepted`, withArg(s.index, x), () => null);
    for (const x of s.type) err(`${s.name} = ${show(x)}`, withArg(s.index, x), 'TypeError', s.name);
    for (const x of s.range) err(`${s.name} = ${show(x)}`, withArg(s.index, x), 'RangeError', s.name);
  }
  // Rows may add their own cases (number lists, option interplay, getters):
  // more({ ok, err, raw, withArg, setOpt }) with raw(name, mutate, expect).
  const raw = (name, mutate, expect) => cases.push({ name: `${v.label}: ${name}`, run: () => v.call(...mutate(op.args())), expect: { ...expect, async: expect.async ?? v.async }, restore: op.restore });
  const setOptMerged = (o) => withArg(op.options, o && typeof o === 'object' && !Array.isArray(o) && !ArrayBuffer.isView(o) && op.baseOptions ? { ...op.baseOptions(), ...o } : o);
  op.more?.({ ok, err, raw, withArg, setOpt: setOptMerged, async: v.async });
  if (!op.tensors) return;

  const ref = op.sync(...op.args());
  const sameAsRef = (r) => wellFormed(r, true) ?? (same(r.data, ref.data) ? null : 'differs from the result of ordinary arrays');
  ok('the valid call', (a) => a, sameAsRef);
  err('no arguments', () => [], 'TypeError', op.noArgs ?? Object.keys(op.tensors)[0]);

  for (const [name, i] of Object.entries(op.tensors)) {
    const set = (f) => (a) => { a[i] = f(a[i]); return a; };
    const setData = (f) => set((t) => ({ ...t, data: f(t.data) }));
    const setShape = (f) => set((t) => ({ ...t, shape: f(t.shape) }));
    const setStrides = (f) => set((t) => ({ ...t, strides: f(t.shape, t.data) }));

    // Not a tensor at all.
    for (const x of [null, undefined, 42, 'tensor', true, [], [1, 2, 3], new Float32Array(4), () => 0, Symbol('t'), 10n, new Map(), Promise.resolve()])
      err(`${name} = ${show(x)}`, withArg(i, x), 'TypeError', name);
    // Unsupported data.
    const n = op.args()[i].data.length;
    const badData = [
      ['undefined', () => undefined], ['null', () => null], ['a plain array', (d) => Array.from(d)],
      ['Int32Array', () => new Int32Array(n)], ['BigInt64Array', () => new BigInt64Array(n)], ['Uint16Array (float16 bits)', () => new Uint16Array(n)],
      ['Int8Array', () => new Int8Array(n)], ['Uint32Array', () => new Uint32Array(n)], ['DataView', () => new DataView(new ArrayBuffer(n * 4))],
      ['ArrayBuffer', () => new ArrayBuffer(n * 4)], ['an array-like object', () => ({ length: n, 0: 1 })], ['a string', () => 'x'.repeat(n)],
      ['a Proxy of a Float32Array', (d) => new Proxy(d, {})],
    ];
    if (typeof globalThis.Float16Array === 'function') badData.push(['Float16Array', () => new globalThis.Float16Array(n)]);
    for (const [label, f] of badData) err(`${name}.data is ${label}`, setData(f), 'TypeError', `${name}.data`);
    // A subclass that lies about its length: whichever layer notices, it is a RangeError.
    err(`${name}.data lies about its length`, setData((d) => { const C = class extends d.constructor { get length() { return 2 ** 31; } }; const a = new C(d.length); a.set(d); return a; }), 'RangeError', name);

    // Shapes.
    for (const x of ['1,2', 5, null, { length: 4 }, new Float64Array(4)]) err(`${name}.shape = ${show(x)}`, setShape(() => x), 'TypeError', `${name}.shape`);
    for (const x of ['4', null, 4n, {}, [4]]) err(`${name}.shape holds ${show(x)}`, setShape((s) => s.map((e, k) => (k === s.length - 1 ? x : e))), 'TypeError', `${name}.shape`);
    for (const x of [-1, 1.5, NaN, Infinity, -Infinity, 2 ** 53, 2 ** 64, 1e300, -(2 ** 31)])
      err(`${name}.shape holds ${show(x)}`, setShape((s) => s.map((e, k) => (k === s.length - 2 ? x : e))), 'RangeError', `${name}.shape`);
    err(`${name}.shape has 9 entries`, setShape(() => [1, 1, 1, 1, 1, 1, 1, 1, 1]), 'RangeError', `${name}.shape`);
    err(`${name}.shape has 100000 entries`, setShape(() => new Array(100000).fill(1)), 'RangeError', `${name}.shape`);
    err(`${name}.shape product overflows 2^53`, setShape((s) => s.map(() => 2 ** 20)), 'RangeError', `${name}.shape`);
    err(`${name}.shape product beyond the address space`, setShape((s) => s.map((e, k) => (k < 3 ? 2 ** 16 : e))), 'RangeError', `${name}`);
    err(`${name}.shape product 2^52 with a short buffer`, setShape((s) => s.map((e, k) => (k === 0 ? Math.max(1, Math.floor(2 ** 52 / prod(s.slice(1)))) : e))), 'RangeError', `${name}`);
    // Data length.
    err(`${name}.data one element short`, setData((d) => d.slice(1)), 'RangeError', `${name}.data`);
    err(`${name}.data empty`, setData((d) => d.slice(0, 0)), 'RangeError', `${name}.data`);
    err(`${name}.data one element long`, setData((d) => { const a = new d.constructor(d.length + 1); a.set(d); return a; }), 'RangeError', `${name}.data`);
    err(`${name}.data detached`, setData((d) => detached(d.constructor, d.length)), 'RangeError', `${name}.data`);
    // Strides.
    for (const x of ['1', 5, {}, null]) err(`${name}.strides = ${show(x)}`, setStrides(() => x), 'TypeError', `${name}.strides`);
    err(`${name}.strides one entry short`, setStrides((s) => contiguous(s).slice(1)), 'RangeError', `${name}.strides`);
    for (const x of [-1, -(2 ** 40), 1.5, NaN, Infinity, 2 ** 53, 1e300])
      err(`${name}.strides holds ${show(x)}`, setStrides((s) => contiguous(s).map((e, k) => (k === 0 ? x : e))), 'RangeError', `${name}.strides`);
    err(`${name}.strides huge (2^52)`, setStrides((s) => contiguous(s).map((e, k) => (k === 0 ? 2 ** 52 : e))), 'RangeError', name);
    err(`${name}.strides past the end`, setStrides((s) => contiguous(s).map((e, k) => (k === 0 ? e + 1 : e))), 'RangeError', name);
    err(`${name}.strides all 2^31`, setStrides((s) => s.map(() => 2 ** 31)), 'RangeError', name);
    // Other libraries' tensor objects: a TypeError naming the foreign key and the helper that converts it, never a silent misread.
    const foreign = [
      ['a scijs ndarray { data, shape, stride, offset }', (t) => ({ data: t.data, shape: t.shape, stride: contiguous(t.shape), offset: 0 }), 'fromNdarray'],
      ['an ndarray with an offset beside strides', (t) => ({ ...t, strides: contiguous(t.shape), offset: 1 }), 'offset'],
      ['an onnxruntime tensor { data, dims, type }', (t) => ({ data: t.data, dims: t.shape, type: 'float32' }), 'fromOrt'],
      ['an onnxruntime tensor with shape added', (t) => ({ ...t, dims: t.shape }), 'dims'],
      ["sharp's { data, info }", (t) => ({ data: t.data, info: { width: 2, height: 2, channels: 3 } }), 'fromSharp'],
      ['a tensor with a dtype key', (t) => ({ ...t, dtype: 'float32' }), '"dtype"'],
      ['a tensor with a misspelled strides key', (t) => ({ data: t.data, shape: t.shape, stides: contiguous(t.shape) }), '"stides"'],
    ];
    for (const [label, f, arg] of foreign) err(`${name} is ${label}`, set(f), 'TypeError', arg);
    // Valid but unusual buffers: accepted, same result.
    ok(`${name}.data on a SharedArrayBuffer`, setData(shared), sameAsRef);
    ok(`${name}.data on a resizable ArrayBuffer`, setData(resizable), sameAsRef);
    ok(`${name}.data at an offset in a larger buffer`, setData((d) => { const a = new d.constructor(d.length + 7); a.set(d, 3); return a.subarray(3, 3 + d.length); }), sameAsRef);
    ok(`${name} as a broadcast view (zero strides)`, setStrides((s) => s.map(() => 0)), (r) => wellFormed(r, true));
  }

  if (op.options !== undefined) {
    const oi = op.options;
    const setOpt = setOptMerged;  // merged into op.baseOptions() when the row has one
    for (const x of [null, 5, 'bilinear', [], true, new Float32Array(1), () => 0, Symbol('o')])
      err(`options = ${show(x)}`, setOpt(x), 'TypeError', 'options');
    // Cancellation and the async queue (README "Async calls under load").
    if (v.async) {
      err('options.signal already aborted', setOpt({ signal: AbortSignal.abort() }), 'AbortError', 'aborted');
      for (const x of [1, 'signal', null, {}, { aborted: true, addEventListener() {} }, new AbortController()])
        err(`options.signal = ${show(x)}`, setOpt({ signal: x }), 'TypeError', 'options.signal');
      const limited = (memory, queue, body) => ({
        run: async () => {
          const prev = [gs.getAsyncMemoryLimit(), gs.getAsyncQueueLimit()];
          gs.setAsyncMemoryLimit(memory);
          gs.setAsyncQueueLimit(queue);
          try { return await body(); } finally { gs.setAsyncMemoryLimit(prev[0]); gs.setAsyncQueueLimit(prev[1]); }
        },
      });
      const queuedCase = (name, memory, queue, body, expect) =>
        cases.push({ name: `${v.label}: ${name}`, run: limited(memory, queue, body).run, expect: { ...expect, async: true }, restore: op.restore });
      queuedCase('a call beyond a full queue (limit 0) is refused', 1, 0, async () => {
        const first = v.call(...op.args());
        const second = v.call(...op.args());
        second.catch(() => {});  // handled below, after the first settles
        await first.catch(() => {});
        return second;
      }, { error: 'RangeError', fn: op.fn, arg: 'queue' });
      queuedCase('a queued call aborted while it waits', 1, Infinity, async () => {
        const first = v.call(...op.args());
        const ac = new AbortController();
        const a = op.args();
        a[oi] = { ...(op.baseOptions ? op.baseOptions() : {}), ...(a[oi] ?? {}), signal: ac.signal };
        const second = v.call(...a);
        second.catch(() => {});
        ac.abort();
        await first;
        return second;
      }, { error: 'AbortError', fn: op.fn, arg: 'aborted' });
      queuedCase('a queued call runs after the one ahead', 1, Infinity, async () => {
        const first = v.call(...op.args());
        const second = v.call(...op.args());
        await first;
        return second;
      }, { ok: sameAsRef });
    } else {
      err('options.signal on a sync function', setOpt({ signal: new AbortController().signal }), 'TypeError', 'signal');
    }
    for (const k of ['foo', 'Mode', 'align_corners', '__proto__', 'constructor', ''])
      err(`unknown option key ${JSON.stringify(k)}`, setOpt(JSON.parse(`{${JSON.stringify(k)}: 1}`)), 'TypeError', k === '' ? 'option' : k);
    for (const [key, values] of Object.entries(op.optionValues ?? {})) {
      if (Array.isArray(values)) {
        for (const x of values) ok(`options.${key} = ${show(x)}`, setOpt({ [key]: x }), (r) => wellFormed(r, true));
        for (const x of [1, null, {}, [values[0]], new String(values[0]), values[0].toUpperCase(), `${values[0]} `, 'unknown', true])
          err(`options.${key} = ${show(x)}`, setOpt({ [key]: x }), 'TypeError', `options.${key}`);
      } else if (values === 'number') {
        // e.g. scale factors, cval: wrong kinds are TypeErrors; extreme numbers
        // are either refused with a RangeError naming the option or give a
        // well-formed result (finite checks are the row's `extremes` business).
        for (const x of ['1', null, {}, [1], true, 1n, new Number(1)])
          err(`options.${key} = ${show(x)}`, setOpt({ [key]: x }), 'TypeError', `options.${key}`);
        for (const x of [NaN, Infinity, -Infinity, 1e30, -1e30, 5e-324, -0, 2 ** 53, -(2 ** 53)])
          cases.push({ name: `${v.label}: options.${key} = ${show(x)}`, run: () => v.call(...setOpt({ [key]: x })(op.args())), expect: { maybe: 'RangeError', fn: op.fn, arg: `options.${key}`, ok: (r) => wellFormed(r, false), async: v.async }, restore: op.restore });
      } else if (values === 'boolean') {
        for (const x of [true, false]) ok(`options.${key} = ${x}`, setOpt({ [key]: x }), (r) => wellFormed(r, true));
        for (const x of [1, 0, 'true', null, {}, new Boolean(true)])
          err(`options.${key} = ${show(x)}`, setOpt({ [key]: x }), 'TypeError', `options.${key}`);
      }
    }
    if (op.out) {
      const outShape = ref.shape;
      const OutCtor = ref.data.constructor;
      const first = Object.values(op.tensors)[0];
      const withOut = (f) => (a) => { a[oi] = { ...(a[oi] ?? {}), out: f(a) }; return a; };
      ok('options.out receives the result', withOut(() => ({ data: new OutCtor(prod(outShape)), shape: outShape })), sameAsRef);
      ok('options.out on a SharedArrayBuffer', withOut(() => ({ data: shared(new OutCtor(prod(outShape))), shape: outShape })), sameAsRef);
      for (const x of [5, 'x', [], new OutCtor(prod(outShape)), null])
        err(`options.out = ${show(x)}`, withOut(() => x), 'TypeError', 'options.out');
      err('options.out of the wrong shape', withOut(() => ({ data: new OutCtor(prod(outShape)), shape: outShape.map((e, k) => (k === outShape.length - 1 ? e + 1 : e)) })), 'RangeError', 'options.out');
      err('options.out of a different rank', withOut(() => ({ data: new OutCtor(prod(outShape)), shape: [prod(outShape)] })), 'RangeError', 'options.out');
      err('options.out of the wrong dtype', withOut(() => ({ data: new (OutCtor === Float64Array ? Float32Array : Float64Array)(prod(outShape)), shape: outShape })), 'TypeError', 'options.out');
      err('options.out of an unsupported dtype', withOut(() => ({ data: new Int32Array(prod(outShape)), shape: outShape })), 'TypeError', 'options.out.data');
      err('options.out strided', withOut(() => ({ data: new OutCtor(prod(outShape) * 2), shape: outShape, strides: contiguous(outShape).map((s) => s * 2) })), 'RangeError', 'options.out');
      err('options.out with zero strides (addresses an element twice)', withOut(() => ({ data: new OutCtor(prod(outShape)), shape: outShape, strides: outShape.map(() => 0) })), 'RangeError', 'options.out');
      err('options.out with overlapping rows', withOut(() => ({ data: new OutCtor(prod(outShape)), shape: outShape, strides: outShape.map((_, k) => (k === outShape.length - 1 ? 1 : 1)) })), 'RangeError', 'options.out');
      err('options.out detached', withOut(() => ({ data: detached(OutCtor, prod(outShape)), shape: outShape })), 'RangeError', 'options.out');
      err('options.out.shape holds NaN', withOut(() => ({ data: new OutCtor(prod(outShape)), shape: outShape.map((s, k) => (k ? s : NaN)) })), 'RangeError', 'options.out.shape');
      err('options.out is the input itself', withOut((a) => a[first]), 'RangeError', 'options.out');
      err('options.out overlaps the input', withOut((a) => {
        const inp = a[first].data;
        const buf = new OutCtor(inp.length + prod(outShape));
        buf.set(inp);
        a[first] = { ...a[first], data: buf.subarray(0, inp.length) };
        return { data: buf.subarray(inp.length - 1, inp.length - 1 + prod(outShape)), shape: outShape };
      }), 'RangeError', 'options.out');
    }
  }

  const extremes = [NaN, Infinity, -Infinity, 1e30, -1e30, 3.4e38, -3.4e38, Number.MAX_VALUE, 1e-40, 5e-324, -0, 2 ** 31, -(2 ** 63)];
  for (const ex of op.extremes ?? []) {
    const ti = op.tensors[ex.tensor];
    const withTensorFilled = (name, x) => { const a = op.args(); a[op.tensors[name]] = { ...a[op.tensors[name]], data: a[op.tensors[name]].data.slice().fill(x) }; return a; };
    const ctx = { call: (a) => op.sync(...a), withTensorFilled };
    const modes = ex.options ?? (op.optionValues ? combos(op.optionValues) : [{}]);
    const finite = ex.finite ?? true;  // false: non-finite values propagate (input data, theta)
    for (const x of extremes) {
      for (const o of modes) {
        const mutate = (a) => { a[ti] = { ...a[ti], data: a[ti].data.slice().fill(x) }; if (op.options !== undefined) a[op.options] = { ...o }; return a; };
        ok(`${ex.tensor} filled with ${show(x)} ${JSON.stringify(o)}`, mutate, (r) => wellFormed(r, finite) ?? (ex.check ? ex.check(r, x, { ...ctx, withTensorFilled: (n, y) => { const a = withTensorFilled(n, y); if (op.options !== undefined) a[op.options] = { ...o }; return a; } }) : null));
      }
      // one value per position: mixed specials and ordinary values in one call
    }
    ok(`${ex.tensor} mixing every extreme`, (a) => { const d = a[ti].data.slice(); for (let k = 0; k < d.length; ++k) d[k] = k % 2 ? extremes[k % extremes.length] : d[k]; a[ti] = { ...a[ti], data: d }; return a; }, (r) => wellFormed(r, finite));
  }
}

function combos(values) {
  let out = [{}];
  for (const [k, vs] of Object.entries(values)) {
    const list = vs === 'boolean' ? [false, true] : Array.isArray(vs) ? vs : [undefined];
    out = out.flatMap((o) => list.map((x) => ({ ...o, [k]: x })));
  }
  return out;
}

function addNativeCases(cases, row) {
  for (const async of [false, true]) {
    const label = `native.${row.name ?? row.fn}${async ? ' (async)' : ''}`;
    const bad = (name, mutate) => cases.push({ name: `${label}: ${name}`, run: () => row.call(...mutate(row.args(async))), expect: { error: 'native', fn: row.fn, async: 'either' } });
    const good = (name, mutate, check = (r) => (r && typeof r === 'object' ? null : 'no result')) =>
      cases.push({ name: `${label}: ${name}`, run: () => row.call(...mutate(row.args(async))), expect: { ok: check, async: async ? true : false } });
    good('a valid call', (a) => a);
    bad('no arguments', () => []);
    bad('the request without its last field', (a) => { a[a.length - 2] = undefined; return a; });
    for (const [name, i] of Object.entries(row.tensors)) {
      const set = (f) => (a) => { a[i] = f(a[i], a); return a; };
      for (const x of [undefined, null, 1, 'x', {}, [], new Float32Array(4)]) bad(`${name} = ${show(x)}`, set(() => x));
      const dataCases = [
        ['Int32Array', (d) => new Int32Array(d.length)], ['BigInt64Array', (d) => new BigInt64Array(d.length)], ['DataView', (d) => new DataView(d.buffer)],
        ['a plain array', (d) => Array.from(d)], ['a Proxy', (d) => new Proxy(d, {})], ['detached', (d) => detached(d.constructor, d.length)],
        ['one element short', (d) => d.slice(1)], ['Float64Array', (d) => new Float64Array(d.length)], ['Uint8Array', (d) => new Uint8Array(d.length)],
      ];
      // row.dtypeOk: { tensorName: [constructor names this op accepts there] }
      for (const [label2, f] of dataCases)
        (row.dtypeOk?.[name]?.includes(label2) ? good : bad)(`${name}.data ${label2}`, set((t) => ({ ...t, data: f(t.data) })));
      for (const x of [[-1, 1, 1, 1], [1.5, 1, 1, 1], [NaN, 1, 1, 1], [2 ** 60, 1, 1, 1], [2 ** 53, 2 ** 53, 2 ** 53, 2 ** 53], [1, 1, 1, 1, 1, 1, 1, 1, 1], 'x', [1, 1, 1, '1'], [1, 1, 1, null]])
        bad(`${name}.shape = ${show(x)}`, set((t) => ({ ...t, shape: x })));
      for (const f of [(s) => s.map(() => -1), (s) => s.map(() => 2 ** 53 - 1), (s) => s.map(() => 2 ** 62), (s) => s.slice(1), (s) => s.map(() => NaN), (s) => s.map((e, k) => (k === s.length - 1 ? -(2 ** 53 - 1) : e)), () => 7])
        bad(`${name}.strides ${f.toString().slice(0, 50)}`, set((t) => ({ ...t, strides: f(t.strides) })));
      // A getter on a later argument detaches this tensor's buffer: must be noticed.
      const later = Object.values(row.tensors).find((j) => j > i);
      if (later !== undefined)
        bad(`${name}.data detached by a getter of a later argument`, (a) => {
          const victim = a[i].data;
          const t = a[later];
          a[later] = { data: t.data, strides: t.strides, get shape() { structuredClone(victim.buffer, { transfer: [victim.buffer] }); return t.shape; } };
          return a;
        });
      // A getter that throws: the user's error propagates, nothing else happens.
      cases.push({ name: `${label}: ${name}.shape getter throws`, run: () => { const a = row.args(async); a[i] = { ...a[i], get shape() { throw new SyntaxError('from a getter'); } }; return row.call(...a); }, expect: { error: 'SyntaxError', fn: '', arg: 'from a getter', async: 'either' } });
      good(`${name} on a SharedArrayBuffer`, set((t) => ({ ...t, data: shared(t.data) })));
    }
    for (const [name, i] of Object.entries(row.floats ?? {})) {
      for (const x of ['1', null, undefined, {}, 1n]) bad(`${name} = ${show(x)}`, (a) => { a[i] = x; return a; });
      for (const x of [NaN, Infinity, -Infinity, 1e308, -1e308, 5e-324])
        cases.push({ name: `${label}: ${name} = ${show(x)}`, run: () => { const a = row.args(async); a[i] = x; return row.call(...a); }, expect: { maybe: 'native', fn: row.fn, ok: (r) => (r && typeof r === 'object' ? null : 'no result'), async: 'either' } });
    }
    for (const [name, i] of Object.entries(row.ints)) {
      const [lo, hi] = row.intRanges?.[name] ?? [0, 2];  // valid integers (not hostile)
      for (const x of [-1, 3, 6, 8, 99, 2 ** 31, NaN, Infinity, 1.5, '0', null, undefined, {}, 0n].filter((y) => !(Number.isInteger(y) && y >= lo && y <= hi)))
        bad(`${name} = ${show(x)}`, (a) => { a[i] = x; return a; });
    }
    row.more?.({ bad, good, raw: (name, mutate, expect) => cases.push({ name: `${label}: ${name}`, run: () => row.call(...mutate(row.args(async))), expect: { async: 'either', ...expect } }), async });
    if (row.outIndex !== undefined && async) {
      // The cancel flag an async request may carry (src/async-queue.ts), set by a request editor after the async flag.
      const withCancel = (define) => (a) => { a[a.length] = (req) => define(req); return a; };
      const value = (c) => withCancel((req) => { req.cancel = c(); });
      for (const [n, c] of [['a number', () => 1], ['a plain Int32Array (not shared)', () => new Int32Array(1).fill(1)], ['an empty shared Int32Array', () => new Int32Array(new SharedArrayBuffer(0))], ['a shared Float32Array', () => new Float32Array(new SharedArrayBuffer(4)).fill(1)]])
        good(`request.cancel is ${n} (ignored)`, value(c));
      good('request.cancel is a clear shared flag', value(() => new Int32Array(new SharedArrayBuffer(4))));
      cases.push({ name: `${label}: request.cancel already set`, run: () => row.call(...value(() => new Int32Array(new SharedArrayBuffer(4)).fill(1))(row.args(async))), expect: { error: 'Error', fn: row.fn, arg: 'cancelled', async: true } });
      cases.push({ name: `${label}: request.cancel getter throws`, run: () => row.call(...withCancel((req) => Object.defineProperty(req, 'cancel', { enumerable: true, get() { throw new SyntaxError('from a getter'); } }))(row.args(async))), expect: { error: 'SyntaxError', fn: '', arg: 'from a getter', async: 'either' } });
      bad('request.cancel getter detaches an input', withCancel((req) => {
        const victim = Object.values(req).find((v) => v && typeof v === 'object' && ArrayBuffer.isView(v.data) && v.data.length > 0 && v !== req.out).data;
        Object.defineProperty(req, 'cancel', { enumerable: true, get() { structuredClone(victim.buffer, { transfer: [victim.buffer] }); return new Int32Array(new SharedArrayBuffer(4)); } });
      }));
    }
    if (row.broadcast) {
      // The input claims a huge broadcast shape (zero strides) over a tiny buffer.
      bad('broadcast input of claimed size 2^40 x 2^40', (a) => row.broadcast(a, 2 ** 40));
      bad('broadcast input of claimed size 2^32 x 2^32', (a) => row.broadcast(a, 2 ** 32));
      good(`broadcast input of claimed size 2^${Math.log2(row.goodClaim ?? 2 ** 13)} x 2^${Math.log2(row.goodClaim ?? 2 ** 13)}`, (a) => row.broadcast(a, row.goodClaim ?? 2 ** 13));
    }
    if (row.fn === 'gridSample') {
    // A broadcast input may claim at most 2^32 - 1 elements (gs::kMaxElements), so
    // no scratch sized by a claimed shape is larger than a real tensor's would be.
    bad('broadcast input of claimed size 2^52 x 2^52, empty output', (a) => {
      const t = a[0];
      a[0] = { data: t.data, shape: [1, 2, 2 ** 52, 2 ** 52], strides: [0, 0, 0, 0] };
      a[1] = { ...a[1], shape: [1, 0, 3, 2], strides: [18, 6, 2, 1] };
      a[row.outIndex] = { ...a[row.outIndex], shape: [1, 2, 0, 3], strides: [0, 0, 3, 1] };
      return a;
    });
    bad('broadcast input of claimed size 2^40 x 2^40', (a) => {
      a[0] = { ...a[0], shape: [1, 2, 2 ** 40, 2 ** 40], strides: [0, 1, 0, 0] };
      return a;
    });
    good('broadcast input of claimed size 2^12 x 2^13', (a) => {
      a[0] = { ...a[0], shape: [1, 2, 2 ** 12, 2 ** 13], strides: [0, 1, 0, 0] };
      return a;
    });
      // The largest sizes the binding accepts, with far-away coordinates and
      // every padding (a size of 2^63 once overflowed a coordinate natively);
      // claims beyond 2^32 - 1 elements are refused.
      for (const padding of [0, 1, 2]) {
        good(`broadcast input of claimed width 2^26, grid 1e30, padding ${padding}`, (a) => {
          a[0] = { ...a[0], shape: [1, 1, 1, 2 ** 26], strides: [0, 0, 0, 0] };
          a[1] = { ...a[1], data: a[1].data.map((_, k) => (k % 2 ? 1e30 : -3e38)) };
          a[row.ints.padding] = padding;
          a[row.outIndex] = { ...a[row.outIndex], shape: [a[row.outIndex].shape[0], 1, ...a[row.outIndex].shape.slice(2)] };
          return a;
        });
        bad(`broadcast input of claimed size (2^53-1)^2, grid 1e30, padding ${padding}`, (a) => {
          a[0] = { ...a[0], shape: [1, 2, 2 ** 53 - 1, 2 ** 53 - 1], strides: [0, 1, 0, 0] };
          a[1] = { ...a[1], data: a[1].data.map((_, k) => (k % 2 ? 1e30 : -3e38)) };
          a[row.ints.padding] = padding;
          return a;
        });
      }
    }
    bad('output whose strides address an element twice', (a) => {
      const o = a[row.outIndex];
      a[row.outIndex] = { ...o, strides: o.strides.map(() => 0) };
      return a;
    });
    bad('output shares memory with an input', (a) => {
      // the output starts at the input's last element (float32 valid args)
      const n0 = a[0].data.length;
      const buf = new Float32Array(n0 + a[row.outIndex].data.length);
      a[0] = { ...a[0], data: buf.subarray(0, n0) };
      a[row.outIndex] = { ...a[row.outIndex], data: buf.subarray(n0 - 1, n0 - 1 + a[row.outIndex].data.length) };
      return a;
    });
    // An output the binding allocates ({alloc: true, data: an empty array of the
    // wanted type}): what the async functions pass when the caller gave no `out`.
    const asAlloc = (o, extra = {}) => ({ alloc: true, data: new o.data.constructor(0), shape: o.shape, strides: o.strides, ...extra });
    const numelOf = (s) => s.reduce((x, y) => x * y, 1);
    good('output allocated by the binding', (a) => { a[row.outIndex] = asAlloc(a[row.outIndex]); return a; }, (r) => {
      if (!r || !ArrayBuffer.isView(r.data)) return 'no data returned';
      return r.data.length === numelOf(r.shape) ? null : `data holds ${r.data.length} elements for shape ${JSON.stringify(r.shape)}`;
    });
    good('output allocated by the binding, as the reference result', (a) => {
      const ref = row.args(false);
      const expected = row.call(...ref).data;  // the same call into a caller's buffer, sync
      a[row.outIndex] = asAlloc(a[row.outIndex], { expected });
      return a;
    }, (r) => {
      for (let k = 0; k < r.expected.length; ++k) if (!Object.is(r.data[k], r.expected[k])) return `element ${k}: ${r.data[k]} != ${r.expected[k]}`;
      return r.data.constructor === r.expected.constructor ? null : `type ${r.data.constructor.name}`;
    });
    good('output allocated by the binding, alloc: false reads data as usual', (a) => { a[row.outIndex] = { ...a[row.outIndex], alloc: false }; return a; });
    bad('allocated output with a negative stride', (a) => { const o = a[row.outIndex]; a[row.outIndex] = asAlloc(o, { strides: o.strides.map((s, k) => (k === 0 ? -1 : s)) }); return a; });
    bad('allocated output whose strides address an element twice', (a) => { const o = a[row.outIndex]; a[row.outIndex] = asAlloc(o, { strides: o.strides.map(() => 0) }); return a; });
    bad('allocated output of 2^40 elements', (a) => { const o = a[row.outIndex]; a[row.outIndex] = asAlloc(o, { shape: o.shape.map((s, k) => (k === 0 ? 2 ** 40 : s)) }); return a; });
    bad('allocated output with a stride of 2^52', (a) => { const o = a[row.outIndex]; const d = o.shape.findIndex((s) => s > 1); a[row.outIndex] = asAlloc(o, { strides: o.strides.map((s, k) => (k === d ? 2 ** 52 : s)) }); return a; });
    bad('allocated output with strides (2^53-1)', (a) => { const o = a[row.outIndex]; a[row.outIndex] = asAlloc(o, { strides: o.strides.map(() => 2 ** 53 - 1) }); return a; });
    for (const x of [undefined, null, [], new Int32Array(0), new DataView(new ArrayBuffer(0))])
      bad(`allocated output with data ${show(x)}`, (a) => { a[row.outIndex] = asAlloc(a[row.outIndex], { data: x }); return a; });
    bad('allocated output with a wrong shape', (a) => { const o = a[row.outIndex]; a[row.outIndex] = asAlloc(o, { shape: o.shape.map((s) => s + 1), strides: o.strides }); return a; });
    // The result is the return value: the binding never writes to the request.
    good('allocated output whose data setter throws (never called)', (a) => {
      const o = asAlloc(a[row.outIndex]);
      const like = o.data;
      Object.defineProperty(o, 'data', { get: () => like, set() { throw new SyntaxError('from a setter'); } });
      a[row.outIndex] = o;
      return a;
    });
    good('allocated output whose data setter detaches what it is given', (a) => {
      const o = asAlloc(a[row.outIndex]);
      const like = o.data;
      Object.defineProperty(o, 'data', { get: () => like, set(v) { structuredClone(v.buffer, { transfer: [v.buffer] }); } });
      a[row.outIndex] = o;
      return a;
    });
    if (async) {
      let k = 0;
      good('output whose data getter answers differently each time', (a) => {
        const o = a[row.outIndex];
        a[row.outIndex] = { shape: o.shape, strides: o.strides, get data() { return k++ ? new Uint8Array(1) : o.data; } };
        return a;
      });
    }
  }
}
