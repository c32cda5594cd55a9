import { describe, expect, it } from 'vitest';
import { sampledInputNorm, stepZeroDeltaW, worstQuarterAtInit } from '../../src/scenarios/initStepCases.js';

describe('initialization step cases (Lemma 3 searches)', () => {
  it('are deterministic in the seed and report finite numbers', () => {
    const a = worstQuarterAtInit(3, 16, 20, 4, 's');
    expect(worstQuarterAtInit(3, 16, 20, 4, 's')).toEqual(a);
    expect(Number.isFinite(a.margin)).toBe(true);
    const b = stepZeroDeltaW(16, 3, 's', { scale: 1 });
    expect(stepZeroDeltaW(16, 3, 's', { scale: 1 })).toEqual(b);
    expect(b.message).toContain('proof');
  });
  it('with sigma = 0 the threshold -(sigma/4)^2 is 0 and the probability is that of Delta W <= 0', () => {
    const c = worstQuarterAtInit(2, 8, 10, 0, 't');
    expect(c.margin).toBeGreaterThanOrEqual(-0.25);
    expect(c.margin).toBeLessThanOrEqual(0.75);
  });
  it('a larger second layer (C_j broken) moves Delta W further than Eq. (5) does', () => {
    const small = stepZeroDeltaW(32, 4, 'u', { scale: 1 });
    const large = stepZeroDeltaW(32, 4, 'u', { scale: 64 });
    expect(large.margin).toBeLessThan(small.margin);
  });
  it('sampledInputNorm is the largest training-input norm (>= sqrt(d) - a few sd for Gaussian inputs)', () => {
    const c = sampledInputNorm({ m: 10, d: 20, n: 200, eta: 0.01, sigma: 1, thetaStarNorm: 0.5 }, 'v');
    expect(c).toBeGreaterThan(Math.sqrt(20));
    expect(c).toBeLessThan(3 * Math.sqrt(20));
  });
});
