// Process-wide controls of the native runtime: the thread pool and the SIMD
// target. Both are shared by every caller in the process (and its workers).
import { native } from './addon';
import { typeError, rangeError } from './validate';

/** Threads a call may use (pool plus caller). Defaults to the cores available to the process. */
export function getNumThreads(): number {
  return native.getNumThreads();
}

/** Resizes the thread pool (1..1024). Safe while calls run: it waits for the running one. */
export function setNumThreads(n: number): void {
  if (typeof n !== 'number') throw typeError('setNumThreads', 'n', 'an integer from 1 to 1024', n);
  if (!Number.isInteger(n) || n < 1 || n > 1024) throw rangeError('setNumThreads', `expected n to be an integer from 1 to 1024 but received ${n}`);
  native.setNumThreads(n);
}

export type SimdTarget = 'baseline' | 'avx2' | 'avx512';

/** The SIMD target kernels run on now. */
export function getSimdTarget(): SimdTarget {
  return native.getSimdTarget();
}

/** The best SIMD target this CPU supports. */
export function bestSimdTarget(): SimdTarget {
  return native.bestSimdTarget();
}

/**
 * Selects a SIMD target (for testing and debugging; results are identical on
 * every target). Returns false, changing nothing, if the CPU lacks it. The
 * environment variable GRIDSAMPLE_ISA does the same at load time.
 */
export function setSimdTarget(target: SimdTarget): boolean {
  if (target !== 'baseline' && target !== 'avx2' && target !== 'avx512')
    throw typeError('setSimdTarget', 'target', "'baseline' | 'avx2' | 'avx512'", target);
  return native.setSimdTarget(target);
}
