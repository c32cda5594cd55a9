import { describe, expect, it } from 'vitest';
import { makeDataset } from '../../src/engine/data.js';
import { rows, vec } from '../../src/engine/matrix.js';
import { initNTK } from '../../src/engine/network.js';
import { initOscillation } from '../../src/engine/oscillation.js';
import { Simulation } from '../../src/engine/simulate.js';
import { logGrid, runEnsemble } from '../../src/scenarios/oscillationEnsemble.js';
import { stream } from '../../src/engine/rng.js';
import { OscillationProcess, oscillationStart } from '../../src/scenarios/oscillationProcess.js';
import { sampleCovariance } from '../../src/scenarios/sigmaHat.js';

/** Relative gap allowed between the engine's data-set gradient and Sigma_hat (theta - theta*): the same float64 sums in another order. */
const TOL = 1e-12;

describe('the oscillation process of Eqs. (6)-(7) driven by Sigma_hat', () => {
  it("given the engine Drawer's coins, is the engine's Simulation (rule 'oscillation') on an explicit data set, step for step", () => {
    for (const [m, d, n, eta] of [[6, 5, 40, 0.1], [9, 3, 7, 0.01]] as const) {
      const seed = `osc-${m}-${n}`;
      const data = makeDataset({ n, d, nTest: 0, thetaStarNorm: 1 }, seed);
      const state = initOscillation(initNTK(m, d, seed), eta, seed);
      const W = new Float64Array(m * d);
      rows(state.W).forEach((w, i) => W.set(w, i * d));
      const proc = new OscillationProcess(W, Float64Array.from(vec(state.a)), sampleCovariance(rows(data.X)), data.thetaStar, eta);
      const sim = new Simulation(state, data, { kind: 'oscillation', eta }, seed);
      const unused = stream(seed, 'unused');
      for (let t = 0; t < 300; t++) {
        proc.step(unused, sim.step().flips);
        expect(Array.from(proc.a)).toEqual(Array.from(vec(state.a)));
        const We = rows(state.W);
        let gap = 0;
        for (let i = 0; i < m; i++) for (let k = 0; k < d; k++) gap = Math.max(gap, Math.abs(((We[i] as Float64Array)[k] as number) - (W[i * d + k] as number)));
        expect(gap).toBeLessThanOrEqual(TOL * Math.max(1, ...Array.from(W, Math.abs)));
      }
    }
  });

  it('keeps a on {-q, 0, q}, moves every zero to +-q and every +-q to 0; frozen keeps a, zero never moves W', () => {
    const c = { m: 40, d: 4, n: 100, eta: 0.01, sigma: 0, thetaStarNorm: 1 };
    const { process: p, coins } = oscillationStart(c, 'chain', 's');
    const q = 0.01 ** 0.25;
    const before = Array.from(p.a);
    p.step(coins);
    before.forEach((a, i) => expect(a === 0 ? Math.abs(p.a[i] as number) : p.a[i]).toBeCloseTo(a === 0 ? q : 0, 15));
    const f = oscillationStart(c, 'frozen', 's');
    const a0 = Array.from(f.process.a);
    for (let t = 0; t < 20; t++) f.process.step(f.coins);
    expect(Array.from(f.process.a)).toEqual(a0);
    const z = oscillationStart(c, 'zero', 's');
    const w0 = Array.from(z.process.W);
    for (let t = 0; t < 20; t++) z.process.step(z.coins);
    expect(Array.from(z.process.W)).toEqual(w0);
  });

  it("its own coins have the Drawer's law: a neuron at 0 moves to +q or -q with probability 1/2 each (4 standard deviations)", () => {
    const { process: p, coins } = oscillationStart({ m: 50, d: 3, n: 100, eta: 0.01, sigma: 0, thetaStarNorm: 1 }, 'chain', 'law');
    let up = 0;
    let moves = 0;
    for (let t = 0; t < 400; t++) {
      const zero = Array.from(p.a, (a) => a === 0);
      p.step(coins);
      zero.forEach((z, i) => {
        if (!z) return;
        moves++;
        if ((p.a[i] as number) > 0) up++;
      });
    }
    expect(moves).toBeGreaterThan(5000);
    expect(Math.abs(up - moves / 2)).toBeLessThanOrEqual(4 * Math.sqrt(moves / 4));
  });

  it('meanSqNorm is (1/m) sum_i ||w_i||^2', () => {
    const p = new OscillationProcess(Float64Array.from([3, 4, 0, 1]), Float64Array.from([0, 0]), Float64Array.from([1, 0, 0, 1]), Float64Array.from([1, 0]), 0.1);
    expect(p.meanSqNorm()).toBeCloseTo(13, 14);
  });
});

describe('ensembles of the oscillation process', () => {
  it('the log grid starts at 0, ends at the horizon and is strictly increasing', () => {
    const g = logGrid(1000, 10);
    expect(g[0]).toBe(0);
    expect(g[g.length - 1]).toBe(1000);
    expect(g.every((t, i) => i === 0 || t > (g[i - 1] as number))).toBe(true);
  });

  const spec = (mode: 'chain' | 'zero') => ({ config: { m: 10, d: 5, n: 10_000, eta: 0.01, sigma: 0, thetaStarNorm: 1 }, seeds: 4, mode, horizon: 10_000, threshold: 0.1, grid: logGrid(10_000, 10), alphaPt: 0.001, every: 5, divergence: 1e12, stop: 'all' as const, seed: 'e' });

  it('is deterministic, and every run of the chain meets sqrt(eta) within 1/eta^2 at eta = 0.01 (m = 10)', () => {
    const r = runEnsemble(spec('chain'));
    expect(runEnsemble(spec('chain'))).toEqual(r);
    expect(r.times.every((t) => !t.censored && t.step > 0 && t.step <= 10_000)).toBe(true);
    expect(r.firstHit).not.toBeNull();
  });

  it('with a = 0 (Eq. (7) off) nothing moves: every run is censored at the horizon and the mean stays at its start', () => {
    const r = runEnsemble(spec('zero'));
    expect(r.reachedHorizon).toBe(true);
    expect(r.times.every((t) => t.censored && t.step === 10_000)).toBe(true);
    expect(r.stats[r.stats.length - 1]?.mean).toBeCloseTo(r.stats[0]?.mean ?? NaN, 14);
  });
});
