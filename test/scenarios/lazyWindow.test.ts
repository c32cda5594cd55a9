import { describe, expect, it } from 'vitest';
import { makeDataset } from '../../src/engine/data.js';
import { rows, vec } from '../../src/engine/matrix.js';
import { initNTK } from '../../src/engine/network.js';
import { Simulation } from '../../src/engine/simulate.js';
import { runLazyWindow, type LazyConfig } from '../../src/scenarios/lazyWindow.js';
import { configOf, runGrid } from '../../src/scenarios/lazyWindowGrid.js';
import { explicitResidualRatio } from '../../src/scenarios/lazyResidual.js';
import { OnlineLabelNoise } from '../../src/scenarios/onlineLabelNoise.js';

const base: LazyConfig = { group: 't', engine: 'full', m: 32, d: 5, n: 50, eta: 1 / 32, sigma: 2, thetaStarNorm: Math.pow(32, -0.25), K: 0, budget: 100_000 };

/** The first step whose state has a neuron outside the lazy ball, found independently of the scenario's watch. */
function firstExitFull(c: LazyConfig, seed: string): { tau: number; maxA: number } {
  const data = makeDataset({ n: c.n, d: c.d, nTest: 0, thetaStarNorm: c.thetaStarNorm }, seed);
  const st = initNTK(c.m, c.d, seed);
  const sim = new Simulation(st, data, { kind: 'sgd', eta: c.eta, batch: 1, sigma: c.sigma }, seed);
  const W0 = rows(sim.W0);
  let maxA = Math.max(...vec(st.a));
  for (let t = 1; t <= c.budget; t++) {
    sim.step();
    const out = rows(st.W).some((w, i) => w.reduce((s, v, k) => s + (v - W0[i]![k]!) ** 2, 0) > 1 / c.m);
    if (out) return { tau: t, maxA: maxA * Math.pow(c.m, 0.25) };
    maxA = Math.max(maxA, ...vec(st.a));
  }
  return { tau: -1, maxA: maxA * Math.pow(c.m, 0.25) };
}

describe('lazyWindow: label-noise SGD followed while Definition 1 holds', () => {
  it('the full engine: the lazy exit tau and max_i a_i(t) m^(1/4) over the window match an independent replay', () => {
    for (const seed of ['a', 'b', 'c']) {
      const r = runLazyWindow(base, { seed });
      const ref = firstExitFull(base, seed);
      expect(ref.tau).toBeGreaterThan(0);
      expect(r.tau).toBe(ref.tau);
      expect(Math.abs(r.maxA - ref.maxA)).toBeLessThan(1e-12);
      expect(r.window).toBe(ref.tau);
    }
  });

  it('the reduced engine watches its K tracked neurons of the online run (same streams): same exit step', () => {
    const c: LazyConfig = { ...base, engine: 'reduced', m: 4096, eta: 1 / 4096, K: 16 };
    const r = runLazyWindow(c, { seed: 'red' });
    const run = new OnlineLabelNoise(c, 'red');
    let tau = -1;
    while (tau < 0 && run.t < c.budget) {
      run.step();
      for (let i = 0; i < c.K; i++) if (run.drift2(i) > 1 / c.m) tau = run.t;
    }
    expect(r.tau).toBe(tau);
    expect(r.watched).toBe(16);
  });

  it('the grid runs each (group, m) reps times with the declared eta, and its residuals respect the proof bound', () => {
    const spec = { group: 'g', engine: 'full' as const, ms: [16, 32], d: 5, n: 50, etaTimesM: 1, sigma: 2, thetaScale: 1, K: 0, reps: 2, budget: 100_000, fit: true };
    expect(configOf(spec, 32).eta).toBe(1 / 32);
    const cells = runGrid({ groups: [spec], explore: { numRuns: 0, ms: [], etaTimesM: 1, pastFactor: 0, a4Scales: [], stabilityEtaTimesM: [] } }, (g, m, rep) => `${g}/${m}/${rep}`);
    expect(cells.map((c) => c.runs.length)).toEqual([2, 2]);
    for (const c of cells) for (const r of c.runs) expect(explicitResidualRatio(r)).toBeLessThan(1);
  });
});
