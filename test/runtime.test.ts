import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { bestSimdTarget, getNumThreads, getSimdTarget, setNumThreads, setSimdTarget } from '../dist/index.js';
import { simdTargets } from './helpers';

describe('thread pool', () => {
  it('defaults to the available cores and can be resized', () => {
    const n = getNumThreads();
    expect(n).toBeGreaterThanOrEqual(1);
    setNumThreads(3);
    expect(getNumThreads()).toBe(3);
    setNumThreads(1);
    expect(getNumThreads()).toBe(1);
    setNumThreads(n);
  });
  it('rejects bad thread counts', () => {
    expect(() => setNumThreads(0)).toThrow(RangeError);
    expect(() => setNumThreads(1.5)).toThrow(/setNumThreads/);
    expect(() => setNumThreads(NaN)).toThrow(RangeError);
    expect(() => setNumThreads(5000)).toThrow(RangeError);
    expect(() => setNumThreads('2' as never)).toThrow(TypeError);
  });
});

describe('SIMD target', () => {
  it('starts at the best target unless GRIDSAMPLE_ISA lowers it', () => {
    if (!process.env.GRIDSAMPLE_ISA) expect(getSimdTarget()).toBe(bestSimdTarget());
  });
  it('can select every supported target and refuses others', () => {
    const all = ['baseline', 'avx2', 'avx512'] as const;
    const ok = simdTargets();
    for (const t of all) {
      expect(setSimdTarget(t)).toBe(ok.includes(t));
      if (ok.includes(t)) expect(getSimdTarget()).toBe(t);
    }
    setSimdTarget(bestSimdTarget());
    expect(() => setSimdTarget('sse9' as never)).toThrow(TypeError);
  });
});

describe('GRIDSAMPLE_ISA', () => {
  it('lowers the target at load time, and cannot raise it', () => {
    const entry = path.join(__dirname, '..', 'dist', 'index.js');
    const probe = (isa: string) =>
      execFileSync(process.execPath, ['-e', `process.stdout.write(require(${JSON.stringify(entry)}).getSimdTarget())`], {
        env: { ...process.env, GRIDSAMPLE_ISA: isa },
        encoding: 'utf8',
      });
    expect(probe('baseline')).toBe('baseline');
    for (const t of simdTargets()) expect(probe(t)).toBe(t);
    expect(probe('avx512')).toBe(bestSimdTarget() === 'avx512' ? 'avx512' : bestSimdTarget());
    expect(probe('nonsense')).toBe(bestSimdTarget());
  });
});
