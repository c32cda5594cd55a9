import { describe, expect, it } from 'vitest';
import { runTraining, type SyntheticSetup } from '../../src/scenarios/syntheticTraining.js';
import { halfwayStep, measurePhases, phaseText, quietPhases, signFlipGap, smooth, twoPhaseSeed, twoPhaseSymmetry, type TwoPhaseExperiment } from '../../src/scenarios/twoPhaseDynamics.js';

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

describe('the two-phase experiment (Figures 2 and 4): its runs', () => {
  const e: TwoPhaseExperiment = {
    setup,
    rule: { kind: 'label-noise' },
    quiet: { kind: 'plain' },
    quietBreaks: 'sigma>0',
    steps: 400,
    logEvery: 40,
    frameSteps: [0, 200],
    frameNeurons: 4,
    trackNeurons: 2,
    symmetry: { setup, steps: 60, flips: 4, every: 20 },
    explore: { seeds: 2, numRuns: 2, steps: 200 },
  };
  const reading = { tailFraction: 0.1, smoothHalf: 1 };

  it('a seed is runTraining read by measurePhases; only the first seed logs frames and paths; every step is reported', () => {
    let steps = 0;
    const first = twoPhaseSeed(e, 0, 'two-phase', reading, { progress: (k) => (steps += k) });
    const direct = runTraining({ setup, rule: e.rule, seed: 'two-phase', steps: e.steps, logEvery: e.logEvery, frameSteps: e.frameSteps, frameNeurons: 4, trackNeurons: 2 });
    expect(first.tr.rows).toEqual(direct.rows);
    expect(first.me).toEqual(measurePhases(direct, setup.config.thetaStarNorm, reading));
    expect([first.tr.frames.length, first.tr.paths.length, steps]).toEqual([2, 2, e.steps]);
    const later = twoPhaseSeed(e, 1, 'two-phase', reading);
    expect([later.seed, later.tr.frames.length, later.tr.paths.length]).toEqual([1, 0, 0]);
    expect(later.tr.rows).toEqual(direct.rows);
  });

  it('the quiet run is the same seed with the noise off, logged as densely per step as the main runs', () => {
    const me = quietPhases(e, 'two-phase', reading);
    const direct = runTraining({ setup, rule: e.quiet, seed: 'two-phase', steps: 200, logEvery: 20 });
    expect(me).toEqual(measurePhases(direct, setup.config.thetaStarNorm, reading));
    expect(phaseText(me)).toMatch(/^mean norm .+ -> .+, half-fall at \d+, Avg\|cos\| .+ test loss .+ printed Avg<w_i,theta\*> .+ -> /);
  });

  it('the symmetry check flips neurons spread evenly over the width (0, 4, 8, 12 of 16) and finds no gap', () => {
    const g = twoPhaseSymmetry(e, 'sym');
    expect(g).toEqual(signFlipGap(setup, e.rule, 'sym', 60, [0, 4, 8, 12], 20));
    expect(g).toEqual({ thetaGap: 0, flippedGap: 0, keptGap: 0, checks: 4 });
  });
});

