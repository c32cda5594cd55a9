import betaCdf from '@stdlib/stats-base-dists-beta-cdf';
import betaQuantile from '@stdlib/stats-base-dists-beta-quantile';
import type { Dataset } from '../../src/engine/data.js';
import { rows } from '../../src/engine/matrix.js';
import type { Rng } from '../../src/engine/rng.js';
import { deltaWLong } from '../../src/theory/deltaW.js';
import { lemma3PositiveBound } from '../../src/theory/constants.js';
import { sphereBandProbability } from '../../src/theory/sphere.js';
import type { NeuronState } from './lazyStates.js';

/**
 * The per-step conditional probabilities of Lemma 3 / C.3 given a state, computed exactly.
 *
 * Delta W_i(j) = -r^2 ((x^T w_i)^2 - a_i^2 ||x||^2), r = f(theta; x) - y - eps (long version, after Eq. (40));
 * the randomness of step j is the sampled example x = x_{xi_j} and the noise eps_j = +-sigma.
 *  - population version (as the proof takes it: x ~ N(0, I_d), so x/||x|| is uniform on the sphere and r != 0 a.s.):
 *    P(Delta W_i > 0 | state) = P(|<x/||x||, w_i>| < |a_i|) = sphereBandProbability(|a_i| / ||w_i||, d) (Eq. (43));
 *  - the algorithm's own version (xi uniform on [n], eps = +-sigma with probability 1/2 each): the exact average of
 *    the indicator over the 2n equally likely (example, sign) pairs, with Delta W computed literally (deltaWLong).
 */
export interface NeuronProbabilities {
  /**
   * the largest population P(Delta W_i > 0 | state) over the examined neurons, and its neuron: sphereBand(R, d) is
   * increasing in R = |a_i|/||w_i||, so it is sphereBand at the largest ratio
   */
  popWorst: { index: number; p: number };
  /** finite-training-set P(Delta W_i > 0 | state) */
  posFin: Float64Array;
  /** finite-training-set P(Delta W_i <= 0 | state), counted separately (its complement, to rounding of nothing: both are counts) */
  nonposFin: Float64Array;
  /** finite-training-set P(Delta W_i <= -(sigma/4)^2 | state) */
  quarterFin: Float64Array;
  /** ||w_i|| and |a_i| / ||w_i|| */
  norm: Float64Array;
  ratio: Float64Array;
}

export function neuronProbabilities(st: NeuronState, data: Dataset, sigma: number): NeuronProbabilities {
  const X = rows(data.X);
  const n = X.length;
  const d = st.d;
  // flat copies for the hot loop; per example: f(theta; x_k) - y_k, ||x_k||^2 and the two residuals' squares
  const xs = new Float64Array(n * d);
  const nx2 = new Float64Array(n);
  const rPlus2 = new Float64Array(n); // eps = +sigma: r = f - y - sigma
  const rMinus2 = new Float64Array(n); // eps = -sigma: r = f - y + sigma
  let r0Plus = 0;
  let r0Minus = 0;
  for (let k = 0; k < n; k++) {
    const x = X[k] as Float64Array;
    let f = 0;
    let s = 0;
    for (let q = 0; q < d; q++) {
      const v = x[q] as number;
      xs[k * d + q] = v;
      f += (st.theta[q] as number) * v;
      s += v * v;
    }
    const g = f - (data.y[k] as number);
    nx2[k] = s;
    const rp = g - sigma;
    const rm = g + sigma;
    rPlus2[k] = rp * rp;
    rMinus2[k] = rm * rm;
    if (k === 0) {
      r0Plus = rp;
      r0Minus = rm;
    }
  }
  const K = st.w.length;
  const posFin = new Float64Array(K);
  const nonposFin = new Float64Array(K);
  const quarterFin = new Float64Array(K);
  const norm = new Float64Array(K);
  const ratio = new Float64Array(K);
  const thr = -((sigma / 4) ** 2);
  const wbuf = new Float64Array(d);
  for (let i = 0; i < K; i++) {
    const w = st.w[i] as Float64Array;
    const ai = st.a[i] as number;
    const a2 = ai * ai;
    let ww = 0;
    for (let q = 0; q < d; q++) {
      const v = w[q] as number;
      wbuf[q] = v;
      ww += v * v;
    }
    const nw = Math.sqrt(ww);
    norm[i] = nw;
    ratio[i] = nw > 0 ? Math.abs(ai) / nw : Number.MAX_VALUE;
    let pos = 0;
    let nonpos = 0;
    let quarter = 0;
    for (let k = 0, o = 0; k < n; k++, o += d) {
      let p = 0;
      for (let q = 0; q < d; q++) p += (xs[o + q] as number) * (wbuf[q] as number);
      // Delta W = -r^2 ((x^T w_i)^2 - a_i^2 ||x||^2), as deltaWLong computes it (same operations, same rounding)
      const v = p * p - a2 * (nx2[k] as number);
      const dPlus = -(rPlus2[k] as number) * v;
      const dMinus = -(rMinus2[k] as number) * v;
      if (dPlus > 0) pos++;
      else nonpos++;
      if (dMinus > 0) pos++;
      else nonpos++;
      if (dPlus <= thr) quarter++;
      if (dMinus <= thr) quarter++;
    }
    posFin[i] = pos / (2 * n);
    nonposFin[i] = nonpos / (2 * n);
    quarterFin[i] = quarter / (2 * n);
  }
  // the inlined Delta W is deltaWLong's own arithmetic: check it bit for bit on the first neuron and example
  if (K > 0 && n > 0) {
    const w = st.w[0] as Float64Array;
    const a0 = st.a[0] as number;
    let p = 0;
    for (let q = 0; q < d; q++) p += (xs[q] as number) * (w[q] as number);
    const v = p * p - a0 * a0 * (nx2[0] as number);
    for (const [r, r2] of [[r0Plus, rPlus2[0] as number], [r0Minus, rMinus2[0] as number]] as const) {
      if (!Object.is(-r2 * v, deltaWLong(r, p, a0, nx2[0] as number))) throw new Error('the inlined Delta W differs from deltaWLong');
    }
  }
  const iw = argMax(ratio);
  const rw = ratio[iw] as number;
  return { popWorst: { index: iw, p: rw === Number.MAX_VALUE ? 1 : sphereBandProbability(rw, d) }, posFin, nonposFin, quarterFin, norm, ratio };
}

export function argMax(v: ArrayLike<number>): number {
  let b = 0;
  for (let i = 1; i < v.length; i++) if ((v[i] as number) > (v[b] as number)) b = i;
  return b;
}
export function argMin(v: ArrayLike<number>): number {
  let b = 0;
  for (let i = 1; i < v.length; i++) if ((v[i] as number) < (v[b] as number)) b = i;
  return b;
}

/**
 * Monte Carlo estimate of the population P(Delta W_i <= -(sigma/4)^2 | state) for one neuron:
 * fresh x ~ N(0, I_d), y = <theta*, x>, eps = +-sigma, Delta W computed literally. Returns the count of successes.
 */
export function quarterPopulationCount(st: NeuronState, i: number, thetaStar: Float64Array, sigma: number, draws: number, rng: Rng): number {
  const d = st.d;
  const w = st.w[i] as Float64Array;
  const ai = st.a[i] as number;
  const v = new Float64Array(d);
  for (let q = 0; q < d; q++) v[q] = (st.theta[q] as number) - (thetaStar[q] as number);
  const thr = -((sigma / 4) ** 2);
  let hits = 0;
  for (let t = 0; t < draws; t++) {
    let p = 0;
    let f = 0;
    let x2 = 0;
    for (let q = 0; q < d; q++) {
      const x = rng.gaussian();
      p += x * (w[q] as number);
      f += x * (v[q] as number);
      x2 += x * x;
    }
    const r = f - sigma * rng.rademacher();
    if (deltaWLong(r, p, ai, x2) <= thr) hits++;
  }
  return hits;
}

/** P(|Z| > z) <= sqrt(2/pi) exp(-z^2/2) / z (Mills' ratio), the chance that one a_i(0) ~ N(0, 1/m) leaves C_0. */
export function aLeavesC0Bound(m: number): number {
  const z = Math.pow(m, 0.25);
  return Math.min(1, (Math.sqrt(2 / Math.PI) * Math.exp(-(z * z) / 2)) / z);
}

export interface InitFailure {
  /** the bound rho / m^(1/8) */
  bound: number;
  /** the ratio |a_i|/||w_i|| above which a neuron's population P(Delta W_i > 0) exceeds the bound */
  sStar: number;
  /** P(one neuron of Eq. (5) violates the bound) (unconditioned) */
  qNeuron: number;
  /** P(some neuron of the m violates it | C_0): lower and upper bounds (the conditioning on C_0 moves it by < P(|a_i| > m^(-1/4))) */
  pFailLo: number;
  pFailHi: number;
}

/**
 * Exact, for the initialization of Eq. (5) (step 0, where the premise holds), the probability over the initialization
 * that the population bound P(Delta W_i(0) > 0 | state) <= rho/m^(1/8) fails for some neuron i.
 * P(Delta W_i > 0 | state) = sphereBand(R_i, d) is increasing in R_i = |a_i|/||w_i||, and m R_i^2 = Z^2 / (chi2_d / d)
 * ~ F(1, d) exactly, so a neuron fails iff F > m s*^2 with sphereBand(s*, d) = bound; P(F(1,d) > t) = I_{d/(d+t)}(d/2, 1/2).
 * Neurons are independent, so P(some neuron fails) = 1 - (1 - q)^m; conditioning on C_0 (all |a_i| <= m^(-1/4))
 * changes q to q_C with q - p_a <= q_C <= q / (1 - p_a), p_a = P(|a_i| > m^(-1/4)).
 */
export function initFailure(m: number, d: number): InitFailure {
  const bound = lemma3PositiveBound(m, d);
  if (bound >= 1) return { bound, sStar: 1, qNeuron: 0, pFailLo: 0, pFailHi: 0 };
  // d = 1: x/||x|| = +-1, the band probability is 0 below s = 1 and 1 above
  const s2 = d === 1 ? 1 : betaQuantile(bound, 0.5, (d - 1) / 2);
  const t = m * s2;
  const q = betaCdf(d / (d + t), d / 2, 0.5);
  const pa = aLeavesC0Bound(m);
  const all = (qq: number): number => -Math.expm1(m * Math.log1p(-Math.min(1, Math.max(0, qq))));
  return { bound, sStar: Math.sqrt(s2), qNeuron: q, pFailLo: all(q - pa), pFailHi: pa < 1 ? all(q / (1 - pa)) : 1 };
}
