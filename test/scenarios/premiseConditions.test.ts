import { describe, expect, it } from 'vitest';
import { lemma3QuarterWidth } from '../../src/theory/constants.js';
import { conditionReports } from '../../src/scenarios/premiseConditions.js';

describe('conditionReports (Condition 1 per tested configuration)', () => {
  const at = (m: number, eta: number) => ({ label: `m=${m}`, config: { m, d: 10, n: 100, eta, sigma: 4, thetaStarNorm: m ** -0.25 }, maxXNorm: 5 });
  it("meets the proof's width only at or above it, and reports the least-met status over configurations", () => {
    const w = lemma3QuarterWidth(10);
    expect(conditionReports([at(Math.ceil(w), 1e-3)], ['rho-width'])[0]?.status).toBe('met');
    expect(conditionReports([at(Math.ceil(w), 1e-3), at(1000, 1e-3)], ['rho-width'])[0]?.status).toBe('relaxed');
  });
  it('A1 (m >= 1/sqrt(eta)) is relaxed below its width and named in the detail', () => {
    const r = conditionReports([at(10, 1e-4)], ['A1'])[0];
    expect(r?.status).toBe('relaxed');
    expect(r?.detail).toContain('m=10');
  });
});
