import { describe, expect, it } from 'vitest';
import { binomialPmf } from './binomial.js';
import { chernoffLogP, chernoffT, logChernoff } from '../../src/theory/chernoff.js';
import { logBinomialPmf } from '../../src/theory/logTails.js';

describe("Chernoff's inequality (Lemma B.6)", () => {
  it('the bound is 1 at t = mu and below 1 elsewhere', () => {
    expect(logChernoff(3, 3)).toBeCloseTo(0, 14);
    for (const t of [0.5, 2, 4, 9]) expect(logChernoff(3, t)).toBeLessThan(0);
  });

  it('tails and t grids agree with direct binomial sums', () => {
    const N = 10;
    const p = 0.3;
    const lp = logBinomialPmf(N, p);
    let cdf = 0;
    for (let k = 0; k <= 2; k++) cdf += binomialPmf(N, p, k);
    expect(Math.exp(chernoffLogP('lower', lp, 2.5))).toBeCloseTo(cdf, 12);
    expect(Math.exp(chernoffLogP('upper', lp, 2.5))).toBeCloseTo(1 - cdf, 12);
    expect(chernoffT('lower', N, 3, 1, 2)).toBe(1.5);
    expect(chernoffT('printed', N, 3, 1, 1)).toBe(N);
  });

  it('the printed form fails (t > mu makes {S_N <= t} likely), the lower tail holds', () => {
    const lp = logBinomialPmf(20, 0.25);
    expect(chernoffLogP('printed', lp, 8)).toBeGreaterThan(logChernoff(5, 8));
    expect(chernoffLogP('lower', lp, 2.5)).toBeLessThan(logChernoff(5, 2.5));
  });
});
