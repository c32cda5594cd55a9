import { describe, expect, it } from 'vitest';
import { makeDataset } from '../../src/engine/data.js';
import { rows } from '../../src/engine/matrix.js';
import { initNTK } from '../../src/engine/network.js';
import { Simulation } from '../../src/engine/simulate.js';
import { classify, failsAt, maxTau, measureEscape, type EscapeConfig, type EscapeRun } from '../../src/scenarios/lazyEscape.js';
import { escapeConfigs, runWide, wideFailsAt } from '../../src/scenarios/lazyEscapeGrid.js';
import { OnlineLabelNoise } from '../../src/scenarios/onlineLabelNoise.js';
import { T1 } from '../../src/theory/constants.js';

const cfg: EscapeConfig = { name: 't', m: 24, d: 10, n: 100, eta: 1e-2, sigma: 4, thetaStarNorm: 0.5 * Math.pow(24, -0.25) };

/** Every neuron's first exit step, checked every step, by an independent replay of the same run. */
function exits(c: EscapeConfig, seed: string, steps: number): number[] {
  const data = makeDataset({ n: c.n, d: c.d, nTest: 0, thetaStarNorm: c.thetaStarNorm }, seed);
  const st = initNTK(c.m, c.d, seed);
  const sim = new Simulation(st, data, { kind: 'sgd', eta: c.eta, batch: 1, sigma: c.sigma }, seed);
  const W0 = rows(sim.W0);
  const tau = new Array<number>(c.m).fill(-1);
  for (let t = 1; t <= steps; t++) {
    sim.step();
    rows(st.W).forEach((w, i) => {
      if (tau[i]! < 0 && w.reduce((s, v, k) => s + (v - W0[i]![k]!) ** 2, 0) > 1 / c.m) tau[i] = t;
    });
  }
  return tau;
}

describe('lazyEscape: first exits from the lazy ball (Definition 1, Theorem 2)', () => {
  it('the first exit times at resolution 1 match an independent replay, and at floor(T1) the state decides', () => {
    const T = Math.floor(T1(cfg.m, cfg.eta, cfg.sigma));
    const r = measureEscape(cfg, { seed: 'x', resolution: 1, budget: T + 10, mode: 'atT1' });
    expect(r.end).toBe('T1');
    const ref = exits(cfg, 'x', T);
    expect(ref.every((t) => t > 0)).toBe(true);
    expect(r.taus).toEqual([...ref].sort((a, b) => a - b));
    expect(failsAt(r, T)).toBe((r.escapedAtT1 as number) < 1);
    expect(classify(r)).toBe(failsAt(r, T) ? 'failed' : 'escaped');
  });

  it('failsAt reads the exit times for an earlier T, and leaves a diverged run undecided', () => {
    const r = measureEscape(cfg, { seed: 'y', resolution: 1, budget: 100_000, mode: 'firstExit' });
    const mt = maxTau(r) as number;
    expect(failsAt(r, mt - 1)).toBe(true);
    expect(failsAt(r, mt)).toBe(false);
    const diverged: EscapeRun = { ...r, end: 'diverged', divergedAt: 3 };
    expect(failsAt(diverged, mt)).toBeUndefined();
  });

  it('a wide run is the online run to floor(T1): its exits and the lazy count at the end match a direct replay', () => {
    const w = { ms: [1e5], d: 3, K: 8, etaTimesM: 0.3, t1Steps: 3000, thetaScale: 0.5, reps: 1, every: 1 };
    const r = runWide(w, 1e5, 'wide');
    const run = new OnlineLabelNoise({ m: 1e5, d: 3, K: 8, eta: r.eta, sigma: r.sigma, thetaStarNorm: 0.5 * Math.pow(1e5, -0.25) }, 'wide');
    const tau = new Array<number>(8).fill(-1);
    while (run.t < Math.floor(r.T1)) {
      run.step();
      for (let i = 0; i < 8; i++) if (tau[i]! < 0 && run.drift2(i) > 1e-5) tau[i] = run.t;
    }
    expect(Array.from(r.tau)).toEqual(tau);
    expect(r.steps).toBe(Math.floor(r.T1));
    expect(wideFailsAt(r, r.steps)).toBe(r.lazyAtEnd > 0);
    expect(wideFailsAt(r, 0)).toBe(true);
  });

  it('escapeConfigs: eta = etaTimesM / m and ||theta*|| = thetaScale m^(-1/4)', () => {
    const [c] = escapeConfigs({ group: 'g', ms: [64], d: 20, n: 200, etaTimesM: 0.5, sigma: 4, thetaScale: 2, reps: 1, resolution: 1, budget: 1, mode: 'atT1', fit: true });
    expect(c!.eta).toBe(0.5 / 64);
    expect(c!.thetaStarNorm).toBeCloseTo(2 * Math.pow(64, -0.25), 15);
  });
});
