import chisquareCdf from '@stdlib/stats-base-dists-chisquare-cdf';
import { describe, expect, it } from 'vitest';
import { countInitNorms, initLawAgreement, initNormLaw, LEMMA_C1_RADIUS, log10InclusionWidth, logEq18Lhs, logEq19Lhs } from '../../src/scenarios/ntkInitNorms.js';

describe('ntkInitNorms: the law of ||w_i(0)|| under Eq. (5)', () => {
  it('Pr[B0] = F_d(d r^2)^m agrees with the chi-square CDF to 1e-12 where both are representable', () => {
    for (const d of [1, 2, 5, 20])
      for (const m of [1, 10, 1000, 1e6]) {
        const F = chisquareCdf((d * Math.pow(m, 1 / 6)) / 16, d);
        const law = initNormLaw(Math.log(m), d, LEMMA_C1_RADIUS);
        expect(Math.abs(law.logB0 - m * Math.log(F))).toBeLessThan(1e-12 * (1 + Math.abs(m * Math.log(F))));
        expect(Math.abs(Math.exp(law.logP1) - (1 - F))).toBeLessThan(1e-12);
      }
  });

  it('stays finite at m = 1e60 and the failure probability falls below 1/m there', () => {
    const law = initNormLaw(60 * Math.LN10, 20, LEMMA_C1_RADIUS);
    expect(Number.isFinite(law.logQ)).toBe(true);
    expect(law.logQ).toBeLessThan(-60 * Math.LN10);
  });

  it("the engine's initNTK follows the exact law (B0 at small m, one neuron pooled), and a wrong radius is detected", () => {
    const rows = initLawAgreement([{ m: 2, d: 1, seeds: 1500 }], [{ m: 200, d: 5, seeds: 20 }], 1e-3, (s, i) => `t/${s.m}/${s.d}/${i}`);
    expect(rows.every((r) => r.agrees)).toBe(true);
    // the same counts against the law of a radius twice as large must be rejected (the check can fail)
    const c = countInitNorms({ m: 200, d: 5, seeds: 20 }, LEMMA_C1_RADIUS, (i) => `t/200/5/${i}`);
    const wrong = chisquareCdf(5 * (2 * 0.25 * Math.pow(200, 1 / 12)) ** 2, 5);
    expect(Math.abs(c.inside / c.neurons - wrong)).toBeGreaterThan(0.1);
  });

  it('Eqs. (18)-(19): the left sides are probabilities and Eq. (18) contains Eq. (19) beyond the inclusion width', () => {
    for (const d of [1, 20]) {
      const e = log10InclusionWidth(d) + 0.5;
      expect(logEq19Lhs(d, e).logP).toBeLessThanOrEqual(logEq18Lhs(d, e) + 1e-12);
      expect(logEq18Lhs(d, 2)).toBeLessThanOrEqual(0);
    }
  });
});
