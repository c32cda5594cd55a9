import { describe, expect, it } from 'vitest';
import { binomialPmf } from './binomial.js';
import { K4_GAUSS } from '../../src/theory/logTails.js';
import { cAllowed, eq44Consequences, gaussianPoint, threePointPoints } from '../../src/theory/normConcentration.js';

describe('Lemma B.5 deviation points', () => {
  it('Gaussian: the admissible c tends to K^4/2 = 32/9 in the far tail and is larger at moderate t', () => {
    expect(cAllowed(gaussianPoint(1, 1e6))).toBeCloseTo(K4_GAUSS / 2, 3);
    expect(cAllowed(gaussianPoint(10, 1))).toBeGreaterThan(K4_GAUSS / 2);
    expect(gaussianPoint(4, 0.5).logP).toBeLessThan(0);
  });

  it('three-point law: atoms carry the exact tail (checked against a direct sum), Rademacher has none', () => {
    expect([...threePointPoints(1, 20)]).toEqual([]);
    const q = 0.3;
    const n = 6;
    const pts = [...threePointPoints(q, n)].filter((p) => p.n === n);
    for (const p of pts) {
      let direct = 0;
      for (let k = 0; k <= n; k++) if (Math.abs(Math.sqrt(k / q) - Math.sqrt(n)) >= p.t - 1e-12) direct += binomialPmf(n, q, k);
      expect(Math.exp(p.logP)).toBeCloseTo(direct, 12);
    }
  });

  it('Eq. (44) consequences: A6 needs d >= 9 ln 2 K^4/(2c); the exact probability is <= 1/2 from some d on', () => {
    const e = eq44Consequences(K4_GAUSS / 2, 100);
    expect(e.a6RequiredD).toBeCloseTo(9 * Math.LN2, 12);
    expect(e.holdsExactlyFromD).toBeGreaterThan(1);
    expect(e.holdsExactlyFromD).toBeLessThanOrEqual(100);
    expect(eq44Consequences(100, 50).printedFails).toBeGreaterThan(0);
  });
});
