import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runTrajectory, smallCase, type SmallCase } from '../../src/scenarios/smallNetworkTrajectory.js';
import { aIncrementGap, stepGradientGap, stepVsGradient, thetaStepGap } from '../../src/scenarios/stepIdentities.js';

const DOM = { maxM: 5, maxD: 4, maxN: 5, etaExponents: [1, 4] as [number, number], sigmas: [0, 0.5, 4], maxSteps: 10, numRuns: 40 };
const base: SmallCase = { m: 3, d: 3, n: 4, etaExp: 1, sigma: 4, batch: 1, aScale: 3, steps: 6, seed: 5 };
const opts = { seed: 3, numRuns: 30 };

describe('identities of one label-noise SGD step', () => {
  it('Eqs. (13)-(16): the literal step is -eta times the finite-difference gradient (any batch), and not -eta/10 times it', () => {
    fc.assert(
      fc.property(smallCase(DOM, 'any'), (c) => {
        const s = stepVsGradient(c);
        expect(s.names.length).toBe(c.m * (c.d + 1));
        expect(stepGradientGap(s, 1).gap).toBeLessThan(1e-6);
      }),
      opts,
    );
    expect(stepGradientGap(stepVsGradient(base), 0.1).gap).toBeGreaterThan(0.1);
  });

  it('Eq. (3) with theta = a^T W: the corrected increment is exact, the printed -eta r x and the first-order part are not', () => {
    fc.assert(
      fc.property(smallCase(DOM), (c) => {
        const tr = runTrajectory(c);
        for (const s of tr.steps) expect(thetaStepGap(s, tr.eta, 'corrected', 1, 1e-6).gap).toBeLessThan(1e-8);
      }),
      opts,
    );
    const tr = runTrajectory(base);
    const s = tr.steps[0]!;
    expect(thetaStepGap(s, tr.eta, 'printed', 1, 1e-6).gap).toBeGreaterThan(1e-3);
    expect(thetaStepGap(s, tr.eta, 'corrected', 0, 1e-6).gap).toBeGreaterThan(1e-7);
  });

  it('"Insights from Theorem 2": (a_i(j+1) - a_i(j))^2 = eta^2 r^2 (x^T w_i)^2, not r^2 (x^T w_i)^2 nor eta r^2 (x^T w_i)^2', () => {
    fc.assert(
      fc.property(smallCase(DOM), (c) => {
        expect(aIncrementGap(runTrajectory(c), 2, 1e-6).gap).toBeLessThan(1e-8);
      }),
      opts,
    );
    const tr = runTrajectory(base);
    expect(aIncrementGap(tr, 0, 1e-6).gap).toBeGreaterThan(0.9);
    expect(aIncrementGap(tr, 1, 1e-6).gap).toBeGreaterThan(0.5);
    expect(aIncrementGap({ ...tr, steps: [] }, 2, 1e-6).t).toBe(-1);
  });
});
