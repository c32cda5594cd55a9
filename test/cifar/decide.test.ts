import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { curveDistance, logCurveDistance, logSteps } from '../../src/cifar/realworld.js';
import { decidePart, partsVerdict } from '../../properties/support/cifarStats.js';
import { thin } from '../../properties/support/cifarRealWorld.js';

describe('deciding a part over seeds', () => {
  it('met / consistent / contradicted / undecided', () => {
    const a = 1e-3;
    expect(decidePart('x', [0.1, 0.1001, 0.0999, 0.1, 0.1002], 'below', 0.2, a).status).toBe('met');
    expect(decidePart('x', [0.05, 0.15, 0.1], 'below', 0.2, a).status).toBe('consistent');
    expect(decidePart('x', [0.5, 0.5001, 0.4999], 'below', 0.2, a).status).toBe('contradicted');
    expect(decidePart('x', [0.1, 0.3, 0.2], 'below', 0.2, a).status).toBe('undecided');
    expect(decidePart('x', [3, 3.001, 2.999], 'above', 0.7, a).status).toBe('met');
    expect(decidePart('x', [0.1, 0.1001, 0.0999], 'above', 0.7, a).status).toBe('contradicted');
    // one seed: never shown either way
    expect(decidePart('x', [5], 'above', 0.7, a).status).toBe('consistent');
    expect(decidePart('x', [0.1], 'above', 0.7, a).status).toBe('undecided');
  });

  it('the verdict: a contradicted part fails, all met or consistent holds, else inconclusive', () => {
    const a = 1e-3;
    const met = decidePart('m', [1, 1.0001, 0.9999], 'above', 0.5, a);
    const cons = decidePart('c', [1, 2, 3], 'above', 0.5, a);
    const contra = decidePart('k', [0.1, 0.1001, 0.0999], 'above', 0.7, a);
    const und = decidePart('u', [0.1, 3, 2], 'above', 0.7, a);
    expect(partsVerdict([met, cons])).toBe('holds');
    expect(partsVerdict([met, und])).toBe('inconclusive');
    expect(partsVerdict([met, und, contra])).toBe('fails');
  });

  it('a bound never contradicts a side every seed is on (fast-check)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 2, maxLength: 8 }), fc.integer({ min: 0, max: 1000 }), (xs, thr) => {
        const v = xs.map((x) => x / 100);
        const t = thr / 100;
        const below = decidePart('b', v, 'below', t, 1e-3);
        if (v.every((x) => x <= t)) expect(below.status === 'met' || below.status === 'consistent').toBe(true);
        const above = decidePart('a', v, 'above', t, 1e-3);
        if (v.every((x) => x >= t)) expect(above.status === 'met' || above.status === 'consistent').toBe(true);
      }),
      { seed: 31, numRuns: 200 },
    );
  });
});

describe('curve distances and logging', () => {
  it('log distance with a floor; linear distance relative to the initial value', () => {
    expect(logCurveDistance([1, 0.5, 0.01], [1, 0.5, 0.01], 1e-3)).toBe(0);
    expect(logCurveDistance([1, 0.2], [1, 0.1], 0)).toBeCloseTo(Math.log(2), 12);
    // below the floor both read as zero
    expect(logCurveDistance([1, 1e-9], [1, 1e-12], 1e-3)).toBeLessThan(1e-5);
    expect(curveDistance([2, 1.5], [2, 1])).toBeCloseTo(0.25, 12);
  });

  it('logged steps include 0 and the last step; thinning keeps the ends', () => {
    expect(logSteps(500, 25)).toHaveLength(21);
    expect(logSteps(10, 4)).toEqual([0, 4, 8, 10]);
    const keep = thin(101, 41);
    const kept = Array.from({ length: 101 }, (_, i) => i).filter(keep);
    expect(kept[0]).toBe(0);
    expect(kept.at(-1)).toBe(100);
    expect(kept.length).toBeLessThanOrEqual(41);
  });
});
