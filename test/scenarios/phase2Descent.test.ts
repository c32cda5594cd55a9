import { describe, expect, it } from 'vitest';
import { makeDataset } from '../../src/engine/data.js';
import { rows, vec } from '../../src/engine/matrix.js';
import { neuronAlignment } from '../../src/engine/metrics/neuronAlignment.js';
import { cloneState, initNTK } from '../../src/engine/network.js';
import { Stepper } from '../../src/engine/rules/stepper.js';
import { Phase2GD, phase2Start, runPhase2, snapshot } from '../../src/scenarios/phase2Descent.js';
import { lemma5Times, lemma6Times, ratePoints, runPhase2Sweep, stepsOf } from '../../src/scenarios/phase2Sweep.js';
import { covarianceDeviation, sampleCovariance, sampleDesign } from '../../src/scenarios/sigmaHat.js';

/** Relative gap allowed between the engine's full-batch step and the Sigma_hat-driven one (same float64 sums, another order). */
const TOL = 1e-12;
const cfg = (eta: number, m: number, thetaStarNorm = 1) => ({ m, d: 4, n: Math.ceil(1 / (eta * eta)), eta, sigma: 0, thetaStarNorm });

describe('Phase II gradient descent driven by Sigma_hat', () => {
  it("is the engine's full-batch Stepper (sigma = 0) on an explicit data set", () => {
    for (const [m, d, n, eta, steps] of [[5, 4, 12, 0.05, 50], [7, 5, 15, 0.02, 80]] as const) {
      const seed = `gd-${m}`;
      const data = makeDataset({ n, d, nTest: 0, thetaStarNorm: 1 }, seed);
      const state = initNTK(m, d, seed);
      const ref = cloneState(state);
      const stepper = new Stepper(ref, data, { kind: 'sgd', eta, batch: 'full', sigma: 0 });
      const draw = { idx: Int32Array.from({ length: n }, (_, j) => j), eps: new Float64Array(n) };
      const gd = new Phase2GD(rows(state.W).map((w) => Float64Array.from(w)), Float64Array.from(vec(state.a)), sampleCovariance(rows(data.X)), data.thetaStar, eta);
      for (let t = 0; t < steps; t++) {
        stepper.step(draw);
        gd.step();
        const Wr = rows(ref.W);
        const ar = vec(ref.a);
        let scale = 0;
        let gap = 0;
        for (let i = 0; i < m; i++) {
          scale = Math.max(scale, Math.abs(ar[i] as number), ...Array.from(Wr[i] as Float64Array, Math.abs));
          gap = Math.max(gap, Math.abs((ar[i] as number) - (gd.a[i] as number)), ...Array.from(Wr[i] as Float64Array, (v, k) => Math.abs(v - ((gd.W[i] as Float64Array)[k] as number))));
        }
        expect(gap / scale).toBeLessThanOrEqual(TOL);
      }
    }
  });

  it('builds the starts of the premises: max ||w_i|| = max |a_i| = scale sqrt(eta); aligned starts have 1 - |cos| = 0', () => {
    const p = phase2Start({ config: cfg(0.01, 10), start: 'phase2', scale: 1, seed: 's' });
    expect(p.maxW).toBeCloseTo(0.1, 14);
    expect(p.maxA).toBeCloseTo(0.1, 14);
    const al = phase2Start({ config: cfg(0.01, 10, 2), start: 'aligned', scale: 0.5, seed: 's' });
    expect(al.maxW).toBeCloseTo(0.05, 14);
    expect(snapshot(al.gd).worstDeficit).toBeLessThan(1e-30);
    const ntk = phase2Start({ config: cfg(0.01, 10), start: 'ntk', scale: 1, seed: 's' });
    expect(ntk.maxW).toBeGreaterThan(0.3);
  });

  it('neuronAlignment: norm, |<theta*, w>| and 1 - |cos| without cancellation', () => {
    const g = neuronAlignment([3, 4], [2, 0]);
    expect(g.norm).toBeCloseTo(5, 14);
    expect(g.absInner).toBeCloseTo(6, 14);
    expect(g.deficit).toBeCloseTo(1 - 3 / 5, 14);
    expect(neuronAlignment([1, 1e-10], [1, 0]).deficit).toBeCloseTo(5e-21, 30);
  });

  it('runs are deterministic, snapshot at every checkpoint, and converge to theta* (n >= d, footnote 2)', () => {
    const c = { config: cfg(0.01, 10), start: 'aligned' as const, scale: 1, seed: 'r' };
    const r = runPhase2(c, [5, 4000]);
    expect(runPhase2(c, [5, 4000])).toEqual(r);
    expect(r.snaps.map((s) => s?.step)).toEqual([5, 4000]);
    expect(r.snaps[1]?.distance).toBeLessThan(1e-3);
    expect(r.escapeStep).toBeGreaterThan(0);
    expect(r.divergence).toBeUndefined();
  });

  it('a diverging run is reported, never NaN', () => {
    const r = runPhase2({ config: cfg(0.01, 10), start: 'ntk', scale: 1, seed: 'd' }, [2000], { bound: 1e-3 });
    expect(r.divergence).toMatch(/diverged/);
    expect(r.snaps[0]).toBeUndefined();
  });

  it('the sweep: printed and corrected times, Sigma_hat close to I at n = 1/eta^2, rate points y = q / ln(1/eta)', () => {
    expect(lemma5Times(0.01, 1)).toEqual([stepsOf(Math.log(100)), stepsOf(Math.log(100) / 0.01)]);
    expect(lemma6Times(0.01, 0.5)[0]).toBe(lemma6Times(0.01, 0.5)[1]);
    expect(lemma6Times(0.01, 2)[1]).toBeGreaterThan(lemma6Times(0.01, 2)[0] as number);
    expect(covarianceDeviation(sampleDesign(4, 10_000, 1, 'w').sigmaHat, 4)).toBeLessThan(0.2);
    expect(sampleDesign(4, 2, 1, 'x').law).toBe('explicit');
    const dom = { d: 3, etaExponents: [1.5, 2], seeds: 2, widthFactor: 1, startScale: 1, thetaStarNorms: [1] };
    const runs = runPhase2Sweep(dom, 'sw', 'phase2', lemma5Times, (eta) => 0.1 * Math.log(1 / eta) * Math.sqrt(eta));
    expect(runs.map((r) => r.config.m)).toEqual([6, 6, 10, 10]);
    const pts = ratePoints(runs, 'medianDeficit', 1, 2 ** -52);
    expect(pts[0]?.y).toBeCloseTo(Math.max(runs[0]?.run.snaps[1]?.medianDeficit ?? 0, 2 ** -52) / Math.log(10 ** 1.5), 14);
    expect(runs.some((r) => r.run.alignStep > 0)).toBe(true);
  });
});
