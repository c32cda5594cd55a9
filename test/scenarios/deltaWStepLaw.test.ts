import { describe, expect, it } from 'vitest';
import { rows, vec } from '../../src/engine/matrix.js';
import { initNTK } from '../../src/engine/network.js';
import { Drawer } from '../../src/engine/rules/draw.js';
import { deltaWLong } from '../../src/theory/deltaW.js';
import { sphereBandProbability } from '../../src/theory/sphere.js';
import { populationSample, quarterPopulationCount, stepLaw } from '../../src/scenarios/deltaWStepLaw.js';
import { datasetOf, thetaOf, type NeuronState } from '../../src/scenarios/lazyPremiseStates.js';

const cfg = { m: 24, d: 4, n: 30, eta: 0.01, sigma: 4, thetaStarNorm: 24 ** -0.25 };
function smallState(seed: string): NeuronState {
  const s = initNTK(cfg.m, cfg.d, seed);
  const w = rows(s.W);
  const a = vec(s.a);
  return { m: cfg.m, d: cfg.d, w, a, theta: thetaOf(w, a, cfg.d), origin: 'Eq. (5)' };
}

describe('stepLaw (Lemma 3: the one-step law of Delta W_i given the state)', () => {
  it('counts exactly what deltaWLong gives over the 2n (example, sign) pairs, bit for bit', () => {
    const st = smallState('law');
    const data = datasetOf(cfg, 'law');
    const law = stepLaw(st, data, cfg.sigma);
    const X = rows(data.X);
    for (let i = 0; i < cfg.m; i++) {
      let pos = 0;
      let quarter = 0;
      for (let k = 0; k < cfg.n; k++) {
        const x = X[k] as Float64Array;
        const f = x.reduce((s, v, q) => s + v * (st.theta[q] as number), 0);
        const p = x.reduce((s, v, q) => s + v * ((st.w[i] as Float64Array)[q] as number), 0);
        const x2 = x.reduce((s, v) => s + v * v, 0);
        for (const eps of [cfg.sigma, -cfg.sigma]) {
          const dw = deltaWLong(f - (data.y[k] as number) - eps, p, st.a[i] as number, x2);
          if (dw > 0) pos++;
          if (dw <= -((cfg.sigma / 4) ** 2)) quarter++;
        }
      }
      expect(law.posFin[i]).toBe(pos / (2 * cfg.n));
      expect(law.quarterFin[i]).toBe(quarter / (2 * cfg.n));
      expect((law.posFin[i] as number) + (law.nonposFin[i] as number)).toBe(1);
    }
    const worst = law.ratio.reduce((b, r, i) => (r > (law.ratio[b] as number) ? i : b), 0);
    expect(law.popWorst.p).toBe(sphereBandProbability(law.ratio[worst] as number, cfg.d));
  });

  // the population count draws its label noise through the engine's Drawer; on a population sample used as a finite
  // training set, stepLaw gives the exact average over both signs: the two agree within 5 binomial standard deviations,
  // and a count with sigma^2 in place of sigma (a planted noise bug) is caught
  it('the population Monte Carlo agrees with the exact average over the same sample, and catches sigma -> sigma^2', () => {
    const st = smallState('mc');
    const thetaStar = datasetOf(cfg, 'mc').thetaStar;
    const draws = 20_000;
    const one: NeuronState = { ...st, w: [st.w[0] as Float64Array], a: Float64Array.of(st.a[0] as number) };
    const exact = stepLaw(one, populationSample(thetaStar, draws, 'mc-pop/0'), cfg.sigma).quarterFin[0] as number;
    const tol = 5 * Math.sqrt((exact * (1 - exact)) / draws) + 1 / draws;
    expect(Math.abs(quarterPopulationCount(one, 0, thetaStar, cfg.sigma, draws, 'mc-pop') / draws - exact)).toBeLessThan(tol);
    // planted: the Drawer's noise at sigma^2 while the threshold stays -(sigma/4)^2
    const sample = populationSample(thetaStar, draws, 'mc-pop/0');
    const eps = new Drawer({ kind: 'sgd', eta: 1, batch: 'full', sigma: cfg.sigma ** 2 }, sample, 1, 'mc-pop/0').next(0).eps;
    const w0 = one.w[0] as Float64Array;
    const hits = rows(sample.X).filter((x, k) => {
      const f = x.reduce((s, v, q) => s + v * (one.theta[q] as number), 0);
      const p = x.reduce((s, v, q) => s + v * (w0[q] as number), 0);
      return deltaWLong(f - (sample.y[k] as number) - (eps[k] as number), p, one.a[0] as number, x.reduce((s, v) => s + v * v, 0)) <= -((cfg.sigma / 4) ** 2);
    }).length;
    expect(Math.abs(hits / draws - exact)).toBeGreaterThan(tol);
  });

  it('is deterministic: the same streams give the same count', () => {
    const st = smallState('det');
    const ts = datasetOf(cfg, 'det').thetaStar;
    expect(quarterPopulationCount(st, 1, ts, 4, 70_000, 'x')).toBe(quarterPopulationCount(st, 1, ts, 4, 70_000, 'x'));
  });
});
