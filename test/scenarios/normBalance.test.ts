import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deltaWAaai, deltaWLong } from '../../src/theory/deltaW.js';
import { deltaWForm, derivationGaps, neuronStepData, normIdentityGap } from '../../src/scenarios/normBalance.js';
import { runTrajectory, smallCase, type SmallCase } from '../../src/scenarios/smallNetworkTrajectory.js';

const DOM = { maxM: 5, maxD: 4, maxN: 5, etaExponents: [1, 4] as [number, number], sigmas: [0, 0.5, 4], maxSteps: 15, numRuns: 40 };
const base: SmallCase = { m: 3, d: 3, n: 4, etaExp: 1, sigma: 4, batch: 1, aScale: 3, steps: 10, seed: 5 };

describe('the per-neuron norm balance (Eqs. (35)-(41))', () => {
  it('Delta W forms: factor 1 is the printed form, the factor scales only the a-term', () => {
    fc.assert(
      fc.property(fc.integer({ min: -50, max: 50 }), fc.integer({ min: -50, max: 50 }), fc.integer({ min: -50, max: 50 }), fc.integer({ min: 0, max: 50 }), (r, xw, a, x2) => {
        expect(deltaWForm('long', 1)(r, xw, a, x2)).toBeCloseTo(deltaWLong(r, xw, a, x2), 6);
        expect(deltaWForm('aaai', 1)(r, xw, a, x2)).toBeCloseTo(deltaWAaai(r, xw, a, x2), 6);
        expect(deltaWForm('long', 0)(r, xw, a, x2)).toBeCloseTo(-r * r * xw * xw, 6);
        expect(deltaWForm('aaai', 0.1)(r, xw, a, x2)).toBeCloseTo(-r * r * xw * xw - 0.1 * a * a * x2, 6);
      }),
      { seed: 1, numRuns: 100 },
    );
    expect(() => deltaWForm('long', -1)).toThrow(RangeError);
  });

  it('Eq. (41) with the bracketed Delta W and its derivation (35)-(39), (40) read with a_i(j+1), hold to 1e-10; printed (40) and the AAAI form miss', () => {
    fc.assert(
      fc.property(smallCase(DOM), (c) => {
        const tr = runTrajectory(c);
        expect(normIdentityGap(tr, deltaWForm('long', 1)).gap).toBeLessThan(1e-10);
        expect(derivationGaps(tr).gap).toBeLessThan(1e-10);
      }),
      { seed: 2, numRuns: 40 },
    );
    const tr = runTrajectory(base);
    expect(normIdentityGap(tr, deltaWForm('aaai', 1)).gap).toBeGreaterThan(1e-6);
    expect(normIdentityGap(tr, deltaWForm('long', 0.1)).gap).toBeGreaterThan(1e-6);
    expect(derivationGaps(tr).eq40PrintedGap).toBeGreaterThan(1e-6);
  });

  it('neuronStepData carries one step of one neuron, consistent with the recorded states', () => {
    const tr = runTrajectory(base);
    const s = tr.steps[0]!;
    const o = neuronStepData(s, tr.eta, 1);
    expect(o.aBefore).toBe(s.a[1]);
    expect(o.aAfter).toBe(s.an[1]);
    expect(Math.abs(o.aAfter! - (o.aBefore! - tr.eta * o.r! * o.xw!))).toBeLessThan(1e-12);
    expect(o.xwAbs).toBeGreaterThanOrEqual(Math.abs(o.xw!));
  });
});
