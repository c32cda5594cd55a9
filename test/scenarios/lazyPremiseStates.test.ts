import { describe, expect, it } from 'vitest';
import { rows, vec } from '../../src/engine/matrix.js';
import { initNTK } from '../../src/engine/network.js';
import { stream } from '../../src/engine/rng.js';
import { clopperPearson } from '../../src/stats/binomial.js';
import { lemma3PositiveBound } from '../../src/theory/constants.js';
import { initBreakLaw } from '../../src/theory/deltaWInitLaw.js';
import { sphereBandProbability } from '../../src/theory/sphere.js';
import { constructLazyState, extremeNeuronState, lazyTrajectory, premiseStatus } from '../../src/scenarios/lazyPremiseStates.js';
import { sampleSetting } from '../../src/scenarios/premiseStateSample.js';

describe('states inside the premise of Lemma 3 (Definition 1 and C_j)', () => {
  it('a constructed state sits at the lazy radius (1e-9 relative inside) and within C_j', () => {
    for (const move of ['random', 'shrink'] as const) {
      const { state, w0 } = constructLazyState(300, 5, 'c', { move, a: 'init' }, stream('c', 'move'));
      const p = premiseStatus(300, state.w, w0, state.a);
      expect(p.lazy && p.cj).toBe(true);
      expect(p.maxDrift / p.lazyRadius).toBeGreaterThan(1 - 2e-9);
    }
  });

  it('a label-noise SGD trajectory visits only premise states and is the same for the same seed', () => {
    const c = { m: 64, d: 5, n: 50, eta: 0.2 / 64, sigma: 4, thetaStarNorm: 64 ** -0.25 };
    const seen: number[] = [];
    const r1 = lazyTrajectory(c, 200, 20, 's', (t) => seen.push(t));
    const r2 = lazyTrajectory(c, 200, 20, 's', () => undefined);
    expect(r1).toEqual(r2);
    expect(seen).toEqual(r1.visited);
    expect(seen[0]).toBe(0);
  });

  // the order-statistic construction against the full initialization at a small width (the reduced vs the full run):
  // the mean smallest ||w_i|| over 300 draws of each agree within 5 standard errors
  it("the extreme-neuron state's smallest norm has the law of Eq. (5)'s smallest norm", () => {
    const m = 400;
    const d = 5;
    const N = 300;
    const ext = Array.from({ length: N }, (_, u) => Math.hypot(...(extremeNeuronState(m, d, 1, stream('e', u)).w[0] as Float64Array)));
    const full = Array.from({ length: N }, (_, u) => Math.min(...rows(initNTK(m, d, `f/${u}`).W).map((w) => Math.hypot(...w))));
    const mean = (x: number[]): number => x.reduce((s, v) => s + v, 0) / x.length;
    const sd = (x: number[]): number => Math.sqrt(x.reduce((s, v) => s + (v - mean(x)) ** 2, 0) / (x.length - 1));
    expect(Math.abs(mean(ext) - mean(full))).toBeLessThan(5 * Math.sqrt((sd(ext) ** 2 + sd(full) ** 2) / N));
  });

  // the exact law over Eq. (5) (F(1, d) tail) against full initializations at a small width where the bound binds
  it('initBreakLaw matches the frequency over full Eq. (5) initializations (exact Clopper-Pearson at 1e-4)', () => {
    const m = 400;
    const d = 3;
    const b = lemma3PositiveBound(m, d);
    const N = 400;
    let k = 0;
    for (let u = 0; u < N; u++) {
      const s = initNTK(m, d, `law/${u}`);
      const a = vec(s.a);
      if (rows(s.W).some((w, i) => sphereBandProbability(Math.abs(a[i] as number) / Math.hypot(...w), d) > b)) k++;
    }
    const law = initBreakLaw(m, d, b);
    const ci = clopperPearson(k, N, 1e-4);
    expect(law.pLo).toBeLessThanOrEqual(ci.hi);
    expect(law.pHi).toBeGreaterThanOrEqual(ci.lo);
    expect(k).toBeGreaterThan(0); // the law is not trivially 0 here
  });

  it('a sampled setting is deterministic and its units summarize their states', () => {
    const setting = { label: 'x', source: 'constructed' as const, config: { m: 200, d: 5, n: 40, eta: 1e-3, sigma: 4, thetaStarNorm: 200 ** -0.25 }, units: 2 };
    const a = sampleSetting(setting, 'seed', 2000);
    expect(sampleSetting(setting, 'seed', 2000)).toEqual(a);
    for (const u of a.units) {
      expect(u.states).toBe(1);
      expect(u.minNonposFin).toBeLessThanOrEqual(1 - u.worstPosFin + 1e-15);
    }
    expect(a.quarterWorst?.mcDraws).toBe(2000);
  });
});
