// Process-wide controls of the native runtime: the thread pool and the SIMD
// target. Both are shared by every caller in the process (and its workers).
import { native } from './addon';
import { typeError, rangeError } from './validate';

/**
 * Threads a call may use (pool plus caller). Defaults to the cores available to the process.
 *
 * @returns the number of threads (at least 1)
 * @throws Never.
 * @example
 * getNumThreads(); // e.g. 8
 * @returns the number of threads (at least 1)
 * @throws Never.
 * @example
 * getNumThreads(); // e.g. 8
 */
export function getNumThreads(): number {
  return native.getNumThreads();
}

/**
 * Resizes the thread pool (1..1024). Safe while calls run: it waits for the running one.
 *
 * @param n an integer from 1 to 1024
 * @throws {TypeError} `n` is not a number
 * @throws {RangeError} `n` is not an integer from 1 to 1024
 * @example
 * setNumThreads(1); // one thread per call, e.g. in each of several workers
 * @param n an integer from 1 to 1024
 * @throws {TypeError} `n` is not a number
 * @throws {RangeError} `n` is not an integer from 1 to 1024
 * @example
 * setNumThreads(1); // one thread per call, e.g. in each of several workers
 */
export function setNumThreads(n: number): void {
  if (typeof n !== 'number') throw typeError('setNumThreads', 'n', 'an integer from 1 to 1024', n);
  if (!Number.isInteger(n) || n < 1 || n > 1024) throw rangeError('setNumThreads', `expected n to be an integer from 1 to 1024 but received ${n}`);
  native.setNumThreads(n);
}

/** A compiled kernel set: portable, AVX2 + FMA, or AVX-512. */
/** A compiled kernel set: portable, AVX2 + FMA, or AVX-512. */
export type SimdTarget = 'baseline' | 'avx2' | 'avx512';

/**
 * The SIMD target kernels run on now.
 *
 * @returns `'baseline'`, `'avx2'` or `'avx512'`
 * @throws Never.
 * @example
 * getSimdTarget(); // 'avx2' on most x86-64 machines
 * @returns `'baseline'`, `'avx2'` or `'avx512'`
 * @throws Never.
 * @example
 * getSimdTarget(); // 'avx2' on most x86-64 machines
 */
export function getSimdTarget(): SimdTarget {
  return native.getSimdTarget();
}

/**
 * The best SIMD target this CPU supports.
 *
 * @returns `'baseline'`, `'avx2'` or `'avx512'`
 * @throws Never.
 * @example
 * setSimdTarget(bestSimdTarget());
 * @returns `'baseline'`, `'avx2'` or `'avx512'`
 * @throws Never.
 * @example
 * setSimdTarget(bestSimdTarget());
 */
export function bestSimdTarget(): SimdTarget {
  return native.bestSimdTarget();
}

/**
 * Selects a SIMD target (for testing and debugging; results are identical on
 * every target). Returns false, changing nothing, if the CPU lacks it. The
 * environment variable GRIDSAMPLE_ISA does the same at load time.
 * @param target `'baseline'`, `'avx2'` or `'avx512'`
 * @returns true if the target is now in use, false if the CPU lacks it
 * @throws {TypeError} `target` is not one of the three names
 * @example
 * setSimdTarget('baseline'); // the portable kernels, same results
 * @param target `'baseline'`, `'avx2'` or `'avx512'`
 * @returns true if the target is now in use, false if the CPU lacks it
 * @throws {TypeError} `target` is not one of the three names
 * @example
 * setSimdTarget('baseline'); // the portable kernels, same results
 */
export function setSimdTarget(target: SimdTarget): boolean {
  if (target !== 'baseline' && target !== 'avx2' && target !== 'avx512')
    throw typeError('setSimdTarget', 'target', "'baseline' | 'avx2' | 'avx512'", target);
  return native.setSimdTarget(target);
}
