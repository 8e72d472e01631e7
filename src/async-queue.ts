// The one gate every ...Async function goes through before it calls the
// binding: a memory budget for the work in flight, a FIFO queue for calls
// beyond it, an opt-in queue limit, and AbortSignal cancellation.
//
// A call's cost is the memory the binding takes for it while it runs: the
// snapshot of every input view (view extent, not the whole buffer) plus its
// output (the result, or the scratch copy of a caller's `out`). A call starts
// at once when the queue is empty and its cost fits beside the work in flight
// (or nothing is in flight: a call larger than the budget runs alone);
// otherwise it waits in the queue holding only references to the caller's
// arrays: no copy, no native memory. It takes its snapshot when it starts.
// Calls start in the order they were made (a large call at the head is not
// overtaken by smaller ones behind it).
//
// Each JavaScript thread (the main thread, every worker) has its own budget
// and queue: this module's state is per isolate.
import * as os from 'node:os';
import type { NativeTensor } from './addon';
import { describe, rangeError, typeError } from './validate';

const MiB = 1024 * 1024;

/** 256 MiB, or an eighth of physical memory if that is less (at least 16 MiB). */
export const DEFAULT_ASYNC_MEMORY_LIMIT = Math.max(16 * MiB, Math.min(256 * MiB, Math.floor(os.totalmem() / 8)));

let memoryLimit = DEFAULT_ASYNC_MEMORY_LIMIT;
let queueLimit = Infinity;
let bytesInFlight = 0;
let running = 0;

interface Waiting {
  bytes: number;
  start: () => void;
  /** set when the call was dropped (aborted) while it waited */
  dropped: boolean;
}
// queue[head..] are waiting (dropped ones are skipped). A slot is cleared when
// its call leaves: a started call's closure holds its tensors and, once it
// settles, its result, which must not live on in the queue.
const queue: (Waiting | undefined)[] = [];
let head = 0;

let dropped = 0;  // dropped calls still in queue[head..]
const queued = () => queue.length - head - dropped;

/**
 * Sets the memory budget of async calls in flight on this thread, in bytes:
 * input snapshots plus outputs of the calls that are running. Calls beyond it
 * wait in a FIFO queue (see `setAsyncQueueLimit`). Default: 256 MiB, or an
 * eighth of physical memory if that is less. Raising it starts waiting calls
 * that now fit.
 * @param bytes the budget in bytes for async work in flight (copies and results)
 * @throws {TypeError} `bytes` is not a number
 * @throws {RangeError} `bytes` is not a positive safe integer
 * @example
 * setAsyncMemoryLimit(512 * 2 ** 20); // 512 MiB
 */
export function setAsyncMemoryLimit(bytes: number): void {
  const fn = 'setAsyncMemoryLimit';
  if (typeof bytes !== 'number') throw typeError(fn, 'bytes', 'a positive integer (bytes) or Infinity', bytes);
  if (!(bytes === Infinity || (Number.isSafeInteger(bytes) && bytes > 0)))
    throw rangeError(fn, `expected bytes to be a positive integer or Infinity but received ${describe(bytes)}`);
  memoryLimit = bytes;
  pump();
}

/**
 * The memory budget of async calls in flight on this thread, in bytes.
 *
 * @returns the budget in bytes
 * @throws Never.
 * @example
 * getAsyncMemoryLimit();
 */
export function getAsyncMemoryLimit(): number {
  return memoryLimit;
}

/**
 * Sets how many async calls may wait for the memory budget on this thread
 * (default Infinity). A call that would wait beyond it rejects at once with a
 * RangeError: with 0, every call either starts (and snapshots its inputs) at
 * once or is refused, which is how a server sheds load (e.g. with a 503).
 * @param n how many calls may wait in the queue before new ones reject
 * @throws {TypeError} `n` is not a number
 * @throws {RangeError} `n` is out of range
 * @example
 * setAsyncQueueLimit(1000);
 */
export function setAsyncQueueLimit(n: number): void {
  const fn = 'setAsyncQueueLimit';
  if (typeof n !== 'number') throw typeError(fn, 'n', 'a non-negative integer or Infinity', n);
  if (!(n === Infinity || (Number.isSafeInteger(n) && n >= 0)))
    throw rangeError(fn, `expected n to be a non-negative integer or Infinity but received ${describe(n)}`);
  queueLimit = n;
}

/**
 * How many async calls may wait for the memory budget on this thread.
 *
 * @returns the queue limit
 * @throws Never.
 * @example
 * getAsyncQueueLimit();
 */
export function getAsyncQueueLimit(): number {
  return queueLimit;
}

/** The async work of this thread now: calls running and their bytes, calls waiting. */
export interface AsyncStats {
  running: number;
  bytesInFlight: number;
  queued: number;
}

/**
 * What the async budget holds now.
 *
 * @returns the bytes and calls in flight and waiting
 * @throws Never.
 * @example
 * getAsyncStats();
 */
export function getAsyncStats(): AsyncStats {
  return { running, bytesInFlight, queued: queued() };
}

/**
 * The rejection of an aborted call, like Node's own: `name` 'AbortError',
 * `code` 'ABORT_ERR', the signal's reason as `cause`.
 */
export class AbortError extends Error {
  readonly code = 'ABORT_ERR';
  /**
   * The error an aborted async call rejects with (name `AbortError`, as fetch does).
   *
   * @param message the error message
   * @param options `cause`
   * @throws Never.
   * @example
   * new AbortError('cancelled');
   */
  constructor(message = 'The operation was aborted', options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'AbortError';
  }
}

/** The `signal` of an async call's options, checked. */
export interface AsyncOptions {
  signal?: AbortSignal;
}

/**
 * Splits `{ signal }` off an async function's options: returns the signal
 * (checked) and the options the sync twin would take, so both check the rest
 * alike. Anything but a plain object carrying `signal` passes through
 * unchanged for the op's own checks to judge.
 */
export function takeSignal(fn: string, options: unknown): { signal: AbortSignal | undefined; options: unknown } {
  if (typeof options !== 'object' || options === null || Array.isArray(options) || ArrayBuffer.isView(options) ||
      !Object.prototype.hasOwnProperty.call(options, 'signal'))
    return { signal: undefined, options };
  const { signal, ...rest } = options as { signal?: unknown };
  if (signal === undefined) return { signal: undefined, options: rest };
  if (!(signal instanceof AbortSignal)) throw typeError(fn, 'options.signal', 'an AbortSignal', signal);
  return { signal, options: rest };
}

/** Bytes from a view's first element to its last (0 if empty): what the binding copies or allocates. */
export function viewBytes(t: NativeTensor): number {
  let last = 0;
  for (let i = 0; i < t.shape.length; ++i) {
    if (t.shape[i] === 0) return 0;
    last += (t.shape[i] - 1) * t.strides[i];
  }
  return (last + 1) * (t.data as unknown as { BYTES_PER_ELEMENT: number }).BYTES_PER_ELEMENT;
}

function pump(): void {
  while (head < queue.length) {
    const w = queue[head]!;
    if (!w.dropped && running > 0 && bytesInFlight + w.bytes > memoryLimit) break;
    queue[head++] = undefined;
    if (w.dropped) --dropped;
    else w.start();
  }
  if (head === queue.length) {  // (dropped is 0 here)
    queue.length = 0;
    head = 0;
  } else if (head > 1024 && head * 2 > queue.length) {
    queue.splice(0, head);
    head = 0;
  }
}

/**
 * Runs one async call through the budget: `launch(cancel)` calls the binding
 * (it snapshots the inputs before it returns) with `cancel` in its request,
 * an Int32Array on a SharedArrayBuffer the binding's kernel watches, and
 * `finish(value)` turns what the binding resolved with into the call's result. `views` are the call's input views
 * and its output by name, for the cost (and the message if one was detached
 * while the call waited). Settles exactly once: with the result, the
 * binding's error, a RangeError if the queue is full, or an AbortError if
 * `signal` aborts first. The budget is released when the native work ends
 * (an aborted kernel stops at its next chunk), never earlier.
 */
export function runAsync<R, T>(
  fn: string,
  signal: AbortSignal | undefined,
  views: Record<string, NativeTensor>,
  launch: (cancel: Int32Array) => Promise<R>,
  finish: (value: R) => T,
): Promise<T> {
  if (signal?.aborted) return Promise.reject(new AbortError(`${fn}: the call was aborted`, { cause: signal.reason }));
  let bytes = 0;
  for (const v of Object.values(views)) bytes += viewBytes(v);
  const canStart = () => queued() === 0 && (running === 0 || bytesInFlight + bytes <= memoryLimit);
  if (!canStart() && queued() >= queueLimit)
    return Promise.reject(rangeError(fn, `the async queue is full (${queued()} calls waiting, limit ${queueLimit}; ${running} running with ${bytesInFlight} bytes in flight, memory limit ${memoryLimit})`));

  return new Promise<T>((resolve, reject) => {
    let settled = false;
    let cancel: Int32Array | undefined;
    let waiting: Waiting | undefined;
    const settle = (f: () => void) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      f();
    };
    const onAbort = () => {
      if (waiting) {                             // never starts: holds nothing
        waiting.dropped = true;
        waiting.start = () => {};                // nor keeps the caller's tensors
        ++dropped;
        waiting = undefined;
      }
      if (cancel) Atomics.store(cancel, 0, 1);   // running: the kernel stops at its next chunk
      settle(() => reject(new AbortError(`${fn}: the call was aborted`, { cause: signal!.reason })));
    };
    const start = () => {
      const waited = waiting !== undefined;
      waiting = undefined;
      cancel = new Int32Array(new SharedArrayBuffer(4));
      let pending: Promise<R>;
      try {
        // A call that waited reads its buffers only now: one detached, transferred
        // or shrunk meanwhile is refused here (the binding would refuse it too).
        for (const [name, v] of Object.entries(views)) {
          if (waited && !v.alloc && v.data.byteLength < viewBytes(v))
            throw rangeError(fn, `${name}.data was detached, transferred or shrunk while the call waited in the async queue`);
        }
        pending = launch(cancel);
      } catch (e) {
        // refused before any native work (e.g. a buffer detached while the call waited)
        settle(() => reject(e));
        pump();
        return;
      }
      bytesInFlight += bytes;
      ++running;
      pending.then(
        (value) => settle(() => {
          try {
            resolve(finish(value));
          } catch (e) {
            reject(e);
          }
        }),
        (e: unknown) => settle(() => reject(e)),
      ).finally(() => {
        bytesInFlight -= bytes;
        --running;
        pump();
      });
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    if (canStart()) {
      start();
    } else {
      waiting = { bytes, start, dropped: false };
      queue.push(waiting);
    }
  });
}
