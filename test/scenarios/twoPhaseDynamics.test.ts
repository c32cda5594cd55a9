import { describe, expect, it } from 'vitest';
import { runTraining, type SyntheticSetup } from '../../src/scenarios/syntheticTraining.js';
import { halfwayStep, measurePhases, signFlipGap, smooth } from '../../src/scenarios/twoPhaseDynamics.js';

const setup: SyntheticSetup = { config: { m: 16, d: 5, n: 40, eta: 0.05, sigma: 1, thetaStarNorm: 16 ** -0.25 }, nTest: 50 };

describe('the two-phase reading of a run', () => {
  it('smooth is a centered moving average that keeps constants and shrinks at the ends', () => {
    expect(smooth([3, 3, 3, 3], 2)).toEqual([3, 3, 3, 3]);
    expect(smooth([0, 3, 6], 1)).toEqual([1.5, 3, 4.5]);
  });

  it('halfwayStep finds the first step past half of the fall (or rise)', () => {
    expect(halfwayStep([0, 10, 20, 30], [4, 3, 1, 0], 0.5, 'fall')).toBe(20);
    expect(halfwayStep([0, 10, 20, 30], [0, 1, 3, 4], 0.5, 'rise')).toBe(20);
    expect(halfwayStep([0, 10], [1, 1], 0.5, 'rise')).toBe(0);
  });

  it('measurePhases reads the effects off the logged rows (log ratios and differences of the start and the final window)', () => {
    const tr = runTraining({ setup, rule: { kind: 'label-noise' }, seed: 'm', steps: 2_000, logEvery: 100 });
    const me = measurePhases(tr, setup.config.thetaStarNorm, { tailFraction: 0.1, smoothHalf: 1 });
    const tail = tr.rows.filter((r) => r.step >= 1_800);
    const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
    expect(me.normFall).toBeCloseTo(Math.log(tr.rows[0]!.meanNorm / mean(tail.map((r) => r.meanNorm))), 12);
    expect(me.absCosRise).toBeCloseTo(mean(tail.map((r) => r.meanAbsCos)) - tr.rows[0]!.meanAbsCos, 12);
    expect(me.lossDrop).toBeCloseTo(Math.log(tr.rows[0]!.testLoss / mean(tail.map((r) => r.testLoss))), 12);
    expect(me.tNormHalf % 100).toBe(0);
  });

  it('the sign flip (w_i, a_i) -> (-w_i, -a_i) is an exact symmetry of label-noise SGD and of SAM', () => {
    for (const rule of [{ kind: 'label-noise' } as const, { kind: 'sam', rho: 0.1 } as const]) {
      const g = signFlipGap(setup, rule, 'sym', 300, [0, 3, 7], 25);
      expect(g).toEqual({ thetaGap: 0, flippedGap: 0, keptGap: 0, checks: 13 });
    }
  });
});
