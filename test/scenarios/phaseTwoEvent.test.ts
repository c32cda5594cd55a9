import { describe, expect, it } from 'vitest';
import { makeDataset } from '../../src/engine/data.js';
import { rows, vec } from '../../src/engine/matrix.js';
import { initNTK } from '../../src/engine/network.js';
import { Simulation } from '../../src/engine/simulate.js';
import { classify, phaseOneRate, runPhase2, type Phase2RunResult, type Phase2RunSpec } from '../../src/scenarios/phaseTwoEvent.js';

const spec: Phase2RunSpec = { m: 20, d: 5, n: 400, eta: 0.05, sigma: 2, thetaStarNorm: 0.05, budget: 40_000, every: 10, stopAtEvent: true, blocks: 10, slopeAlpha: 0.01, seed: 'p2' };

/** R(t) = max(max_i ||w_i||, max_i |a_i|) / sqrt(eta), computed independently along a replay of the same run. */
function firstEvent(s: Phase2RunSpec): number | null {
  const data = makeDataset({ n: s.n, d: s.d, nTest: 0, thetaStarNorm: s.thetaStarNorm }, s.seed);
  const st = initNTK(s.m, s.d, s.seed);
  const sim = new Simulation(st, data, { kind: 'sgd', batch: 1, sigma: s.sigma, eta: s.eta }, s.seed);
  for (let t = s.every; t <= s.budget; t += s.every) {
    for (let k = 0; k < s.every; k++) sim.step();
    const R = Math.max(...rows(st.W).map((w) => Math.hypot(...w)), ...vec(st.a).map(Math.abs)) / Math.sqrt(s.eta);
    if (R <= 1) return t;
  }
  return null;
}

describe('phaseTwoEvent: the event that starts Phase II', () => {
  it('t1 is the first checked step with every ||w_i||, |a_i| <= sqrt(eta), as an independent replay finds it', () => {
    const r = runPhase2(spec);
    const ref = firstEvent(spec);
    expect(ref).not.toBeNull();
    expect(r.t1).toBe(ref);
    expect(r.steps).toBe(ref);
    expect(classify(r, 1.5, 0.05)).toBe('reached');
  });

  it('classify: a plateau above 1.5 whose fastest decay is below 5% of kappa stalls; a faster one is undecided', () => {
    const kappa = phaseOneRate(spec.eta, spec.sigma);
    const base: Phase2RunResult = { spec, t1: null, steps: 1000, outcome: 'completed', trace: [], minMaxW: 2, minMaxWAt: 0, minR: 2, maxFracBoth: 0.5, maxXNorm: 3, tail: { lnLevel: Math.log(2), slope: 0, slopeCI: [-0.01 * kappa, 0.01 * kappa], blocks: 10, neededSteps: null, minR: 2, fittedSteps: null } };
    expect(classify(base, 1.5, 0.05)).toBe('stalled');
    expect(classify({ ...base, tail: { ...base.tail!, slopeCI: [-0.5 * kappa, -0.1 * kappa] } }, 1.5, 0.05)).toBe('undecided');
    expect(classify({ ...base, tail: { ...base.tail!, lnLevel: Math.log(1.2) } }, 1.5, 0.05)).toBe('undecided');
  });
});
