// The async memory budget, its FIFO queue, the opt-in queue limit and
// AbortSignal cancellation (src/async-queue.ts), for every async function.
// (Sync/async equality: equivalence.test.ts; hostile rows for aborted and
// queued calls: hostile/cases.mjs.)
import { afterEach, describe, expect, it } from 'vitest';
import * as gs from '../dist/index.js';
import * as tf from '../dist/transforms/index.js';
import type { Tensor } from '../dist/index.js';
import { random, sameBits } from './helpers';

const DEFAULT_LIMIT = gs.getAsyncMemoryLimit();
afterEach(() => {
  gs.setAsyncMemoryLimit(DEFAULT_LIMIT);
  gs.setAsyncQueueLimit(Infinity);
});

/** One small valid call of every async function (fresh arguments each time). */
const input4 = () => ({ data: random(2 * 3 * 9 * 8, -1, 1, 3), shape: [2, 3, 9, 8] });
const CALLS: Record<string, (opts: { signal?: AbortSignal }) => Promise<Tensor>> = {
  gridSampleAsync: (o) => gs.gridSampleAsync(input4(), { data: random(2 * 4 * 5 * 2, -1, 1, 4), shape: [2, 4, 5, 2] }, o),
  affineGridAsync: (o) => gs.affineGridAsync({ data: random(6, -1, 1, 5), shape: [1, 2, 3] }, [1, 1, 7, 6], o),
  adaptiveAvgPoolAsync: (o) => gs.adaptiveAvgPoolAsync(input4(), [4, 3], o),
  interpolateAsync: (o) => gs.interpolateAsync(input4(), { size: [5, 11], mode: 'bicubic', ...o }),
  'Upsample.forwardAsync': (o) => new gs.Upsample({ scaleFactor: 2, mode: 'bilinear' }).forwardAsync(input4(), o),
  zoomAsync: (o) => gs.zoomAsync({ data: random(9 * 8, -1, 1, 6, Float64Array), shape: [9, 8] }, 1.5, o),
  mapCoordinatesAsync: (o) => gs.mapCoordinatesAsync({ data: random(9 * 8, -1, 1, 6, Float64Array), shape: [9, 8] }, { data: random(2 * 5, 0, 7, 7, Float64Array), shape: [2, 5] }, o),
  splineFilterAsync: (o) => gs.splineFilterAsync({ data: random(9 * 8, -1, 1, 6, Float64Array), shape: [9, 8] }, o),
  'resizeAsync (uint8 kernel)': (o) => tf.resizeAsync({ data: Uint8Array.from(random(3 * 20 * 16, 0, 255, 8)), shape: [3, 20, 16] }, [7, 9], { interpolation: 'bicubic', ...o }),
  'resizeAsync (float, via interpolate)': (o) => tf.resizeAsync(input4(), [5, 4], o),
};

const settledCount = (ps: Promise<unknown>[]) => {
  let n = 0;
  for (const p of ps) p.then(() => ++n, () => ++n);
  return () => n;
};

describe('setAsyncMemoryLimit / setAsyncQueueLimit', () => {
  it('default is 256 MiB or an eighth of physical memory if less', () => {
    expect(DEFAULT_LIMIT).toBeLessThanOrEqual(256 * 2 ** 20);
    expect(DEFAULT_LIMIT).toBeGreaterThanOrEqual(16 * 2 ** 20);
    expect(gs.getAsyncQueueLimit()).toBe(Infinity);
  });
  it('round-trips', () => {
    gs.setAsyncMemoryLimit(12345);
    expect(gs.getAsyncMemoryLimit()).toBe(12345);
    gs.setAsyncMemoryLimit(Infinity);
    expect(gs.getAsyncMemoryLimit()).toBe(Infinity);
    gs.setAsyncQueueLimit(0);
    expect(gs.getAsyncQueueLimit()).toBe(0);
  });
  it.each([['1', TypeError], [null, TypeError], [undefined, TypeError], [0, RangeError], [-1, RangeError], [1.5, RangeError], [NaN, RangeError], [2 ** 60, RangeError]])(
    'setAsyncMemoryLimit(%s) is a %s', (x, E) => {
      expect(() => gs.setAsyncMemoryLimit(x as number)).toThrow(E);
      expect(() => gs.setAsyncMemoryLimit(x as number)).toThrow(/^setAsyncMemoryLimit: expected bytes/);
    });
  it.each([['1', TypeError], [null, TypeError], [-1, RangeError], [0.5, RangeError], [NaN, RangeError]])(
    'setAsyncQueueLimit(%s) is a %s', (x, E) => {
      expect(() => gs.setAsyncQueueLimit(x as number)).toThrow(E);
      expect(() => gs.setAsyncQueueLimit(x as number)).toThrow(/^setAsyncQueueLimit: expected n/);
    });
});

describe('calls beyond the budget wait in a FIFO queue', () => {
  it('one call at a time under a 1-byte budget; they start and settle in call order; results equal sync', async () => {
    gs.setAsyncMemoryLimit(1);
    const inputs = Array.from({ length: 12 }, (_, i) => ({ data: random(1 * 2 * 16 * 16, -1, 1, 10 + i), shape: [1, 2, 16, 16] }));
    const order: number[] = [];
    const ps = inputs.map((x, i) => gs.interpolateAsync(x, { size: [21, 9], mode: 'bilinear' }).then((r) => { order.push(i); return r; }));
    const stats = gs.getAsyncStats();
    expect(stats.running).toBe(1);
    expect(stats.queued).toBe(11);
    const results = await Promise.all(ps);
    expect(order).toEqual(inputs.map((_, i) => i));
    results.forEach((r, i) => expect(sameBits(r.data, gs.interpolate(inputs[i], { size: [21, 9], mode: 'bilinear' }).data)).toBe(true));
    expect(gs.getAsyncStats()).toEqual({ running: 0, bytesInFlight: 0, queued: 0 });
  });

  it('the budget admits as many calls as fit; bytes in flight never exceed it', async () => {
    // each call: input 2*3*32*32*4 = 24 KiB, result 2*3*16*16*4 = 6 KiB
    const x = { data: random(2 * 3 * 32 * 32, -1, 1, 2), shape: [2, 3, 32, 32] };
    gs.setAsyncMemoryLimit(3 * 30 * 1024 + 100);
    const ps = Array.from({ length: 20 }, () => gs.interpolateAsync(x, { size: [16, 16], mode: 'bicubic' }));
    const s = gs.getAsyncStats();
    expect(s.running).toBe(3);
    expect(s.bytesInFlight).toBe(3 * 30 * 1024);
    expect(s.queued).toBe(17);
    let peak = 0;
    const timer = setInterval(() => { peak = Math.max(peak, gs.getAsyncStats().bytesInFlight); }, 0);
    await Promise.all(ps);
    clearInterval(timer);
    expect(peak).toBeLessThanOrEqual(gs.getAsyncMemoryLimit());
  });

  it('a call larger than the whole budget runs alone', async () => {
    gs.setAsyncMemoryLimit(1000);
    const r = await gs.zoomAsync({ data: random(64 * 64, -1, 1, 2, Float64Array), shape: [64, 64] }, 2);
    expect(r.shape).toEqual([128, 128]);
  });

  it('raising the budget starts waiting calls', async () => {
    gs.setAsyncMemoryLimit(1);
    const ps = Array.from({ length: 6 }, () => CALLS.gridSampleAsync({}));
    expect(gs.getAsyncStats().queued).toBe(5);
    gs.setAsyncMemoryLimit(DEFAULT_LIMIT);
    expect(gs.getAsyncStats().queued).toBe(0);
    await Promise.all(ps);
  });

  it('a waiting call holds no copy: it reads its inputs when it starts; a buffer detached meanwhile is a RangeError', async () => {
    gs.setAsyncMemoryLimit(1);
    const first = CALLS.zoomAsync({});
    const x = { data: random(1 * 1 * 8 * 8, -1, 1, 9), shape: [1, 1, 8, 8] };
    const second = gs.interpolateAsync(x, { size: [4, 4], mode: 'area' });
    structuredClone(x.data.buffer, { transfer: [x.data.buffer] });  // detaches
    await first;
    await expect(second).rejects.toThrow(RangeError);
    await expect(second).rejects.toThrow(/^interpolate: input\.data was detached, transferred or shrunk while the call waited/);
  });

  it('a call that starts at once keeps the snapshot guarantee', async () => {
    const x = input4();
    const want = gs.interpolate(x, { size: [5, 11], mode: 'bicubic' });
    const p = gs.interpolateAsync(x, { size: [5, 11], mode: 'bicubic' });
    x.data.fill(7);
    expect(sameBits((await p).data, want.data)).toBe(true);
  });
});

describe('setAsyncQueueLimit: calls beyond the queue are refused with a RangeError', () => {
  it('limit 0: a call that cannot start at once rejects at once, naming the function and the queue', async () => {
    gs.setAsyncMemoryLimit(1);
    gs.setAsyncQueueLimit(0);
    const first = CALLS.gridSampleAsync({});
    const second = CALLS.gridSampleAsync({});
    await expect(second).rejects.toThrow(RangeError);
    await expect(second).rejects.toThrow(/^gridSample: the async queue is full \(0 calls waiting, limit 0/);
    await first;
  });
  it('limit 2: two wait, the rest are refused; the waiting ones complete', async () => {
    gs.setAsyncMemoryLimit(1);
    gs.setAsyncQueueLimit(2);
    const ps = Array.from({ length: 5 }, () => CALLS.adaptiveAvgPoolAsync({}).then(() => 'ok', (e: Error) => e.constructor.name));
    expect(await Promise.all(ps)).toEqual(['ok', 'ok', 'ok', 'RangeError', 'RangeError']);
  });
});

describe('AbortSignal', () => {
  for (const [name, call] of Object.entries(CALLS)) {
    it(`${name}: an already aborted signal rejects with an AbortError (the signal's reason as cause)`, async () => {
      const reason = new Error('stop');
      const p = call({ signal: AbortSignal.abort(reason) });
      const e = await p.then(() => null, (x: unknown) => x as gs.AbortError);
      expect(e).toBeInstanceOf(gs.AbortError);
      expect(e!.name).toBe('AbortError');
      expect(e!.code).toBe('ABORT_ERR');
      expect(e!.cause).toBe(reason);
      expect(gs.getAsyncStats()).toEqual({ running: 0, bytesInFlight: 0, queued: 0 });
    });
    it(`${name}: a queued call aborted while waiting is dropped; the others complete`, async () => {
      gs.setAsyncMemoryLimit(1);
      const ac = new AbortController();
      const a = call({});
      const b = call({ signal: ac.signal });
      const c = call({});
      expect(gs.getAsyncStats().queued).toBe(2);
      ac.abort();
      await expect(b).rejects.toThrow(gs.AbortError);
      const [ra, rc] = await Promise.all([a, c]);
      expect(sameBits(ra.data, rc.data)).toBe(true);
      expect(gs.getAsyncStats()).toEqual({ running: 0, bytesInFlight: 0, queued: 0 });
    });
    it(`${name}: a signal that never aborts changes nothing`, async () => {
      const ac = new AbortController();
      const [r1, r2] = await Promise.all([call({ signal: ac.signal }), call({})]);
      expect(sameBits(r1.data, r2.data)).toBe(true);
      ac.abort();  // after settling: no effect, no late settle
      await new Promise((r) => setTimeout(r, 5));
    });
  }

  it('a sync function refuses signal (an unknown option); a non-signal is a TypeError', async () => {
    expect(() => gs.interpolate(input4(), { size: 3, signal: new AbortController().signal } as never)).toThrow(/interpolate: expected option "signal"/);
    await expect(gs.gridSampleAsync(input4(), { data: random(2 * 4 * 5 * 2, -1, 1, 4), shape: [2, 4, 5, 2] }, { signal: { aborted: false } as never })).rejects.toThrow(/^gridSample: expected options.signal to be an AbortSignal/);
  });

  it('a running kernel stops early: the call rejects at once and the native work ends well before a full run', async () => {
    // a long single call: tricubic gridSample of a 3D volume (about 0.2-1 s here)
    const input = { data: random(1 * 8 * 48 * 48 * 48, -1, 1, 1), shape: [1, 8, 48, 48, 48] };
    const grid = { data: random(1 * 48 * 48 * 48 * 3, -1, 1, 2), shape: [1, 48, 48, 48, 3] };
    const opts = { mode: 'bicubic' as const };
    // the longer of two full runs: a shared machine's load must not make the cancelled run look slow
    let t0 = performance.now();
    const full = await gs.gridSampleAsync(input, grid, opts);
    let fullMs = performance.now() - t0;
    t0 = performance.now();
    await gs.gridSampleAsync(input, grid, opts);
    fullMs = Math.max(fullMs, performance.now() - t0);
    const out = { data: new Float32Array(full.data.length).fill(-5), shape: full.shape.slice() };

    const ac = new AbortController();
    t0 = performance.now();
    const p = gs.gridSampleAsync(input, grid, { ...opts, out, signal: ac.signal });
    setTimeout(() => ac.abort(), Math.min(20, fullMs / 10));
    const e = await p.then(() => null, (x: unknown) => x);
    const rejectedMs = performance.now() - t0;
    expect(e).toBeInstanceOf(gs.AbortError);
    while (gs.getAsyncStats().running > 0) await new Promise((r) => setTimeout(r, 1));
    const nativeMs = performance.now() - t0;
    expect(rejectedMs).toBeLessThan(fullMs);
    expect(nativeMs).toBeLessThan(Math.max(fullMs * 0.8, 40));
    // the cancelled kernel's unspecified output never reaches the caller's `out`
    expect(out.data.every((v) => v === -5)).toBe(true);
    expect(gs.getAsyncStats()).toEqual({ running: 0, bytesInFlight: 0, queued: 0 });
  });

  it('many aborted and completed calls leave nothing behind (no unsettled promise, budget back to 0)', async () => {
    gs.setAsyncMemoryLimit(64 * 1024);
    const ps: Promise<unknown>[] = [];
    for (let i = 0; i < 200; ++i) {
      const ac = new AbortController();
      const name = Object.keys(CALLS)[i % Object.keys(CALLS).length];
      ps.push(CALLS[name]({ signal: ac.signal }).then(() => 'ok', (e: Error) => e.name));
      if (i % 3 === 0) ac.abort();
      else if (i % 3 === 1) setTimeout(() => ac.abort(), i % 7);
    }
    const done = settledCount(ps);
    const outcomes = await Promise.all(ps);
    expect(done()).toBe(200);
    expect(outcomes.every((o) => o === 'ok' || o === 'AbortError')).toBe(true);
    expect(outcomes.filter((o) => o === 'AbortError').length).toBeGreaterThanOrEqual(67);
    expect(gs.getAsyncStats()).toEqual({ running: 0, bytesInFlight: 0, queued: 0 });
  });
});
