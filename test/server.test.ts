// examples/server: the resizing service runs briefly here. A raw RGB image is
// resized and rotated exactly as the library computes it; a burst beyond a
// tiny budget is queued or refused with 503, and the server stays up.
// (Its load test with autocannon: examples/server/load-test.mjs, README.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as gs from '../dist/index.js';
// @ts-expect-error an example program in plain JavaScript
import { startServer } from '../examples/server/server.mjs';

const W = 40, H = 30;
const rgb = new Uint8Array(W * H * 3).map((_, i) => (i * 2654435761) >>> 24);
const view = { data: rgb, shape: [1, 3, H, W], strides: [H * W * 3, 1, W * 3, 3] };

let srv: { port: number; close: () => Promise<void> };
const url = (p: string) => `http://127.0.0.1:${srv.port}${p}`;
const post = (p: string, headers: Record<string, string>, body: Uint8Array = rgb) =>
  fetch(url(p), { method: 'POST', headers: { 'content-type': 'application/octet-stream', 'x-width': String(W), 'x-height': String(H), ...headers }, body });

beforeAll(async () => { srv = await startServer({ port: 0, memoryMiB: 1, queue: 2 }); });
afterAll(async () => {
  await srv.close();
  gs.setAsyncMemoryLimit(256 * 2 ** 20);
  gs.setAsyncQueueLimit(Infinity);
});

describe('examples/server', () => {
  it('POST /resize returns the interleaved result of interpolate (antialiased bilinear)', async () => {
    const r = await post('/resize', { 'x-out-width': '17', 'x-out-height': '11' });
    expect(r.status).toBe(200);
    expect(r.headers.get('x-width')).toBe('17');
    const got = new Uint8Array(await r.arrayBuffer());
    const want = gs.interpolate(view, { size: [11, 17], mode: 'bilinear', antialias: true });
    expect(want.strides).toEqual([11 * 17 * 3, 1, 17 * 3, 3]);
    expect(Buffer.from(got).equals(Buffer.from(want.data as Uint8Array))).toBe(true);
  });
  it('POST /rotate returns an image of the input size', async () => {
    const r = await post('/rotate', { 'x-angle': '30' });
    expect(r.status).toBe(200);
    expect((await r.arrayBuffer()).byteLength).toBe(W * H * 3);
  });
  it('bad requests are 400 / 404 / 413, never a crash', async () => {
    expect((await post('/resize', { 'x-out-width': '0', 'x-out-height': '5' })).status).toBe(400);
    expect((await post('/resize', { 'x-width': '41', 'x-out-width': '5', 'x-out-height': '5' })).status).toBe(400);
    expect((await post('/nope', {})).status).toBe(404);
    expect((await post('/resize', { 'x-out-width': '5', 'x-out-height': '5' }, new Uint8Array(2 * 2 ** 20))).status).toBe(413);
  });
  it('a burst beyond the budget (1 MiB, queue 2) is served or refused with 503; the server stays up', async () => {
    const big = new Uint8Array(256 * 256 * 3).fill(9);
    const rs = await Promise.all(Array.from({ length: 40 }, () =>
      post('/resize', { 'x-width': '256', 'x-height': '256', 'x-out-width': '300', 'x-out-height': '300' }, big).then((r) => r.status)));
    expect(rs.every((s) => s === 200 || s === 503)).toBe(true);
    expect(rs.filter((s) => s === 200).length).toBeGreaterThan(0);
    const stats = await (await fetch(url('/stats'))).json();
    expect(stats.running).toBe(0);
    expect(stats.queued).toBe(0);
  });
});
