import { initReduced, stepReduced } from '../../src/engine/reduced.js';
import { stream } from '../../src/engine/rng.js';

/**
 * Label-noise SGD (Eqs. (3)-(4), batch 1, eps = +-sigma) at any width m through the exact
 * sufficient-statistic simulator, following K tracked neurons. Inputs are fresh draws x ~ N(0, I_d)
 * at every step (the online reading the proofs of Lemma C.2 and Theorem C.4 use, and the n -> infinity
 * end of A3), with y = <theta*, x>.
 */
export interface LargeWidthRun {
  m: number;
  d: number;
  K: number;
  eta: number;
  sigma: number;
  thetaStarNorm: number;
  /** steps simulated at most */
  budget: number;
  /** escape checked every `every` steps */
  every: number;
  /** end the run as soon as every tracked neuron has escaped (else run the whole budget, e.g. to T1) */
  stopWhenAllEscaped: boolean;
  seed: string;
}

export interface LargeWidthResult {
  /** first escape step of each tracked neuron, -1 if still lazy when the run ended */
  tau: Float64Array;
  /** steps simulated */
  steps: number;
  /** 'completed' | 'all escaped' | 'diverged at step N' */
  outcome: string;
  /** tracked neurons inside the lazy radius at the last step */
  lazyAtEnd: number;
}

export function runLargeWidth(c: LargeWidthRun): LargeWidthResult {
  const s = initReduced(c.m, c.d, c.K, `${c.seed}/init`);
  const dataRng = stream(c.seed, 'data');
  const noiseRng = stream(c.seed, 'noise');
  const thetaStar = new Float64Array(c.d);
  thetaStar[0] = c.thetaStarNorm;
  const x = new Float64Array(c.d);
  const g = new Float64Array(c.d);
  const scratch = new Float64Array(c.d);
  const tau = new Float64Array(c.K).fill(-1);
  const radius2 = 1 / c.m;
  let escaped = 0;
  const lazyCount = (): number => {
    let lazy = 0;
    for (let i = 0; i < c.K; i++) {
      let dd = 0;
      for (let k = 0; k < c.d; k++) dd += (s.w[i]![k]! - s.w0[i]![k]!) ** 2;
      if (dd <= radius2) lazy++;
    }
    return lazy;
  };
  for (let t = 1; t <= c.budget; t++) {
    let f = 0;
    let y = 0;
    for (let k = 0; k < c.d; k++) {
      const v = dataRng.gaussian();
      x[k] = v;
      f += s.theta[k]! * v;
      y += thetaStar[k]! * v;
    }
    const r = f - y - c.sigma * noiseRng.rademacher();
    for (let k = 0; k < c.d; k++) g[k] = r * x[k]!;
    stepReduced(s, g, c.eta, scratch);
    if (!Number.isFinite(s.alpha) || s.alpha > 1e12) return { tau, steps: t, outcome: `diverged at step ${t}`, lazyAtEnd: lazyCount() };
    if (t % c.every === 0) {
      for (let i = 0; i < c.K; i++) {
        if (tau[i]! >= 0) continue;
        let dd = 0;
        for (let k = 0; k < c.d; k++) dd += (s.w[i]![k]! - s.w0[i]![k]!) ** 2;
        if (dd > radius2) {
          tau[i] = t;
          escaped++;
        }
      }
      if (escaped === c.K && c.stopWhenAllEscaped) return { tau, steps: t, outcome: 'all escaped', lazyAtEnd: lazyCount() };
    }
  }
  return { tau, steps: c.budget, outcome: 'completed', lazyAtEnd: lazyCount() };
}
