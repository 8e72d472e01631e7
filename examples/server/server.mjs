// A small image-resizing HTTP service on node:http and gridsample's async API.
//
//   node examples/server/server.mjs [--port=8080] [--memory=MiB] [--queue=n]
//
// POST /resize  body: raw RGB (8-bit, row-major H x W x 3), headers
//               x-width, x-height (the input's size), x-out-width, x-out-height;
//               replies raw RGB of the output size (antialiased bilinear, as
//               PIL / torchvision resize).
// POST /rotate  same input headers plus x-angle (degrees); replies raw RGB of
//               the input size (bilinear gridSample of an affineGrid, zeros outside).
// With `sharp` installed (an optional dependency), a body of content-type
// image/png or image/jpeg is decoded and the reply is a PNG.
// GET /stats    the async queue and memory figures, as JSON.
//
// Bounded under load: each request's pixels go through the async API, whose
// memory budget (setAsyncMemoryLimit) keeps input snapshots and results of
// calls in flight under --memory MiB and makes later calls wait in its FIFO
// queue; beyond --queue waiting calls the library refuses with a RangeError
// and the server answers 503 (Retry-After: 1). Request bodies are capped the
// same way before they are read (--memory MiB of bodies being received,
// else 503), so a burst is queued or refused, never an out-of-memory crash.
// A client that disconnects aborts its call (AbortSignal).
import http from 'node:http';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const gs = require('../../dist/index.js');

let sharp = null;
try { sharp = require('sharp'); } catch { /* optional: raw RGB only */ }

const MAX_SIDE = 8192;

/** Starts the server; resolves with { server, port, close }. */
export function startServer({ port = 8080, host = '127.0.0.1', memoryMiB = 256, queue = 256 } = {}) {
  gs.setAsyncMemoryLimit(memoryMiB * 2 ** 20);
  gs.setAsyncQueueLimit(queue);
  const bodyLimit = memoryMiB * 2 ** 20;
  let bodyBytes = 0;  // bytes of request bodies being received or held
  const counts = { ok: 0, busy: 0, bad: 0, aborted: 0 };

  const server = http.createServer(async (req, res) => {
    const fail = (status, message, headers = {}) => {
      if (status === 503) ++counts.busy; else ++counts.bad;
      if (!res.headersSent) res.writeHead(status, { 'content-type': 'text/plain', ...headers });
      res.end(message + '\n');
    };
    if (req.method === 'GET' && req.url === '/stats') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ ...gs.getAsyncStats(), bodyBytes, rss: process.memoryUsage().rss, counts }));
      return;
    }
    const op = req.method === 'POST' && (req.url === '/resize' || req.url === '/rotate') ? req.url.slice(1) : null;
    if (!op) return fail(404, 'POST /resize or /rotate');
    const length = Number(req.headers['content-length']);
    if (!Number.isSafeInteger(length) || length <= 0) return fail(411, 'content-length required');
    if (length > bodyLimit) return fail(413, 'body too large');
    if (bodyBytes + length > bodyLimit) return fail(503, 'busy', { 'retry-after': '1' });
    bodyBytes += length;
    const ac = new AbortController();
    res.on('close', () => { if (!res.writableFinished) ac.abort(); });
    try {
      const body = await readBody(req, length);
      const type = req.headers['content-type'] ?? '';
      const encoded = type === 'image/png' || type === 'image/jpeg';
      if (encoded && !sharp) return fail(415, 'install sharp to send PNG or JPEG; or send raw RGB');
      const image = encoded ? await decode(body) : rawImage(body, req.headers);
      if (typeof image === 'string') return fail(400, image);
      const out = op === 'resize' ? await resize(image, req.headers, ac.signal) : await rotate(image, req.headers, ac.signal);
      if (typeof out === 'string') return fail(400, out);
      ++counts.ok;
      if (encoded) {
        const png = await sharp(Buffer.from(out.data.buffer, out.data.byteOffset, out.data.byteLength), { raw: { width: out.width, height: out.height, channels: 3 } }).png().toBuffer();
        res.writeHead(200, { 'content-type': 'image/png' });
        res.end(png);
      } else {
        res.writeHead(200, { 'content-type': 'application/octet-stream', 'x-width': out.width, 'x-height': out.height });
        res.end(out.data);
      }
    } catch (e) {
      if (e?.name === 'AbortError') { ++counts.aborted; res.destroy(); return; }
      if (e instanceof RangeError && /async queue is full/.test(e.message)) return fail(503, 'busy', { 'retry-after': '1' });
      if (e instanceof RangeError || e instanceof TypeError) return fail(400, e.message);
      return fail(500, 'internal error');
    } finally {
      bodyBytes -= length;
    }
  });

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const actual = server.address().port;
      resolve({ server, port: actual, counts, close: () => new Promise((r) => server.close(r)) });
    });
  });
}

/** The body into one Buffer of the announced length (a body that runs longer is refused). */
function readBody(req, length) {
  return new Promise((resolve, reject) => {
    const buf = Buffer.allocUnsafe(length);
    let at = 0;
    req.on('data', (chunk) => {
      if (at + chunk.length > length) { reject(new RangeError('body longer than content-length')); req.destroy(); return; }
      chunk.copy(buf, at);
      at += chunk.length;
    });
    req.on('end', () => (at === length ? resolve(buf) : reject(new RangeError('body shorter than content-length'))));
    req.on('error', reject);
  });
}

const int = (v) => (typeof v === 'string' && /^[0-9]{1,5}$/.test(v) ? Number(v) : NaN);

/** An H x W x 3 image and gridsample's channels-last view of it: shape (1, 3, H, W), read in place. */
function view(data, width, height) {
  return { tensor: { data, shape: [1, 3, height, width], strides: [height * width * 3, 1, width * 3, 3] }, width, height };
}

function rawImage(body, headers) {
  const width = int(headers['x-width']), height = int(headers['x-height']);
  if (!(width >= 1 && height >= 1 && width <= MAX_SIDE && height <= MAX_SIDE)) return `x-width and x-height must be integers in 1..${MAX_SIDE}`;
  if (body.length !== width * height * 3) return `body has ${body.length} bytes; x-width x x-height x 3 is ${width * height * 3}`;
  return view(new Uint8Array(body.buffer, body.byteOffset, body.length), width, height);
}

async function decode(body) {
  const { data, info } = await sharp(body).removeAlpha().toColourspace('srgb').raw().toBuffer({ resolveWithObject: true });
  if (info.channels !== 3) return 'expected an RGB image';
  return view(new Uint8Array(data.buffer, data.byteOffset, data.length), info.width, info.height);
}

async function resize(image, headers, signal) {
  const width = int(headers['x-out-width']), height = int(headers['x-out-height']);
  if (!(width >= 1 && height >= 1 && width <= MAX_SIDE && height <= MAX_SIDE)) return `x-out-width and x-out-height must be integers in 1..${MAX_SIDE}`;
  const down = width <= image.width && height <= image.height;
  // A channels-last input gives a channels-last result: its data is H x W x 3 already.
  const r = await gs.interpolateAsync(image.tensor, { size: [height, width], mode: 'bilinear', antialias: down, signal });
  return { data: r.data, width, height };
}

async function rotate(image, headers, signal) {
  const angle = Number(headers['x-angle'] ?? '0');
  if (!Number.isFinite(angle)) return 'x-angle must be a number of degrees';
  const a = (angle * Math.PI) / 180;
  const theta = { data: new Float32Array([Math.cos(a), -Math.sin(a), 0, Math.sin(a), Math.cos(a), 0]), shape: [1, 2, 3] };
  const grid = await gs.affineGridAsync(theta, [1, 3, image.height, image.width], { signal });
  const planar = await gs.gridSampleAsync(image.tensor, grid, { signal });  // (1, 3, H, W), contiguous
  // back to H x W x 3 (a plain loop: a few ms for a megapixel)
  const n = image.width * image.height;
  const out = new Uint8Array(n * 3);
  const p = planar.data;
  for (let i = 0; i < n; ++i) {
    out[3 * i] = p[i];
    out[3 * i + 1] = p[n + i];
    out[3 * i + 2] = p[2 * n + i];
  }
  return { data: out, width: image.width, height: image.height };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const arg = (k, d) => Number(process.argv.find((a) => a.startsWith(`--${k}=`))?.split('=')[1] ?? d);
  const { port } = await startServer({ port: arg('port', 8080), memoryMiB: arg('memory', 256), queue: arg('queue', 256) });
  console.log(`listening on http://127.0.0.1:${port} (async memory ${gs.getAsyncMemoryLimit() / 2 ** 20} MiB, queue ${gs.getAsyncQueueLimit()})`);
}
