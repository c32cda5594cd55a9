import { Matrix } from 'ml-matrix';
import type { Dataset } from '../engine/data.js';
import { rows } from '../engine/matrix.js';
import { stream } from '../engine/rng.js';
import { Drawer } from '../engine/rules/draw.js';
import { deltaWLong } from '../theory/deltaW.js';
import { sphereBandProbability } from '../theory/sphere.js';
import type { NeuronState } from './lazyPremiseStates.js';

/**
 * The law of one step's Delta W_i(j) given the state (Lemma 3 = long Lemma C.3), computed exactly per neuron.
 * Delta W_i(j) = -r^2 ((x^T w_i)^2 - a_i^2 ||x||^2), r = f(theta; x) - y - eps (long version, after Eq. (40)); the
 * randomness of step j is the sampled example x = x_{xi_j} and the noise eps_j = +-sigma.
 *  - population version (as the proof takes it, x ~ N(0, I_d)): P(Delta W_i > 0 | state) = sphereBand(|a_i|/||w_i||, d)
 *    (Eq. (43) without its inequalities);
 *  - the algorithm's version (xi uniform on [n], eps = +-sigma with probability 1/2 each): the exact average of the
 *    indicator over the 2n equally likely (example, sign) pairs, Delta W computed as deltaWLong does.
 */
export interface StepLaw {
  /** the largest population P(Delta W_i > 0 | state) (sphereBand is increasing in |a_i|/||w_i||) and its neuron */
  popWorst: { index: number; p: number };
  /** finite-set P(Delta W_i > 0), P(Delta W_i <= 0) (counted directly) and P(Delta W_i <= -(sigma/4)^2), per neuron */
  posFin: Float64Array;
  nonposFin: Float64Array;
  quarterFin: Float64Array;
  norm: Float64Array;
  ratio: Float64Array;
}

export function stepLaw(st: NeuronState, data: Dataset, sigma: number): StepLaw {
  const X = rows(data.X);
  const n = X.length;
  const d = st.d;
  const xs = new Float64Array(n * d);
  const nx2 = new Float64Array(n);
  const r2 = new Float64Array(2 * n); // (f - y - sigma)^2, (f - y + sigma)^2
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
    r2[2 * k] = (g - sigma) ** 2;
    r2[2 * k + 1] = (g + sigma) ** 2;
  }
  const K = st.w.length;
  const law: StepLaw = { popWorst: { index: 0, p: 0 }, posFin: new Float64Array(K), nonposFin: new Float64Array(K), quarterFin: new Float64Array(K), norm: new Float64Array(K), ratio: new Float64Array(K) };
  const thr = -((sigma / 4) ** 2);
  for (let i = 0; i < K; i++) {
    const w = st.w[i] as Float64Array;
    let ww = 0;
    for (let q = 0; q < d; q++) ww += (w[q] as number) ** 2;
    const nw = Math.sqrt(ww);
    law.norm[i] = nw;
    law.ratio[i] = nw > 0 ? Math.abs(st.a[i] as number) / nw : Number.MAX_VALUE;
  }
  // the counts, four neurons at a time: their dot products are independent chains (each summed in increasing q, the
  // same bits as one neuron at a time), so a pass costs about a quarter of the latency of one chain per element
  let i = 0;
  for (; i + 4 <= K; i += 4) {
    const w1 = st.w[i] as Float64Array, w2 = st.w[i + 1] as Float64Array, w3 = st.w[i + 2] as Float64Array, w4 = st.w[i + 3] as Float64Array;
    const c1 = st.a[i] as number, c2 = st.a[i + 1] as number, c3 = st.a[i + 2] as number, c4 = st.a[i + 3] as number;
    let pos1 = 0, pos2 = 0, pos3 = 0, pos4 = 0, qu1 = 0, qu2 = 0, qu3 = 0, qu4 = 0;
    for (let k = 0, o = 0; k < n; k++, o += d) {
      let p1 = 0, p2 = 0, p3 = 0, p4 = 0;
      for (let q = 0; q < d; q++) {
        const xq = xs[o + q] as number;
        p1 += xq * (w1[q] as number);
        p2 += xq * (w2[q] as number);
        p3 += xq * (w3[q] as number);
        p4 += xq * (w4[q] as number);
      }
      const nk = nx2[k] as number;
      const v1 = p1 * p1 - c1 * c1 * nk, v2 = p2 * p2 - c2 * c2 * nk, v3 = p3 * p3 - c3 * c3 * nk, v4 = p4 * p4 - c4 * c4 * nk;
      for (let e = 0; e < 2; e++) {
        const rr = r2[2 * k + e] as number;
        const d1 = -rr * v1, d2 = -rr * v2, d3 = -rr * v3, d4 = -rr * v4;
        if (d1 > 0) pos1++;
        if (d1 <= thr) qu1++;
        if (d2 > 0) pos2++;
        if (d2 <= thr) qu2++;
        if (d3 > 0) pos3++;
        if (d3 <= thr) qu3++;
        if (d4 > 0) pos4++;
        if (d4 <= thr) qu4++;
      }
    }
    const pos = [pos1, pos2, pos3, pos4];
    const qu = [qu1, qu2, qu3, qu4];
    for (let j = 0; j < 4; j++) setCounts(law, i + j, pos[j] as number, qu[j] as number, n);
  }
  for (; i < K; i++) {
    const w = st.w[i] as Float64Array;
    const ai = st.a[i] as number;
    let pos = 0;
    let quarter = 0;
    for (let k = 0, o = 0; k < n; k++, o += d) {
      let p = 0;
      for (let q = 0; q < d; q++) p += (xs[o + q] as number) * (w[q] as number);
      // deltaWLong's own arithmetic: -r^2 (p^2 - a^2 ||x||^2), with r^2 computed once per example and sign
      const v = p * p - ai * ai * (nx2[k] as number);
      for (let e = 0; e < 2; e++) {
        const dw = -(r2[2 * k + e] as number) * v;
        if (dw > 0) pos++;
        if (dw <= thr) quarter++;
      }
    }
    setCounts(law, i, pos, quarter, n);
  }
  law.popWorst.index = argMax(law.ratio);
  const rw = law.ratio[law.popWorst.index] ?? 0;
  law.popWorst.p = K === 0 ? 0 : rw === Number.MAX_VALUE ? 1 : sphereBandProbability(rw, d);
  return law;
}

/** The finite-set probabilities of neuron i from its counts over the 2 n (example, noise sign) pairs. */
function setCounts(law: StepLaw, i: number, pos: number, quarter: number, n: number): void {
  law.posFin[i] = pos / (2 * n);
  law.nonposFin[i] = (2 * n - pos) / (2 * n);
  law.quarterFin[i] = quarter / (2 * n);
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

/** A population sample of Sec. 3.1 for a given theta*: x ~ N(0, I_d) from the named stream, y = <theta*, x>. */
export function populationSample(thetaStar: Float64Array, size: number, seed: string): Dataset {
  const d = thetaStar.length;
  const rng = stream(seed, 'population', 'x');
  const X = new Matrix(size, d);
  const y = new Float64Array(size);
  rows(X).forEach((row, k) => {
    let f = 0;
    for (let q = 0; q < d; q++) {
      row[q] = rng.gaussian();
      f += (row[q] as number) * (thetaStar[q] as number);
    }
    y[k] = f;
  });
  return { X, y, Xtest: new Matrix(0, d), ytest: new Float64Array(0), thetaStar };
}

/** Population samples are drawn in chunks of this many examples (memory), each on its own named stream. */
export const POPULATION_CHUNK = 65_536;

/**
 * Monte Carlo count of the population event Delta W_i <= -(sigma/4)^2 for neuron i of a state: fresh x ~ N(0, I_d),
 * y = <theta*, x> (populationSample), and the label noise eps drawn by the engine's Drawer (full batch over the sample:
 * one eps = +-sigma per example from the run's 'noise' stream, the generator every simulation uses). Returns the hits.
 */
export function quarterPopulationCount(st: NeuronState, i: number, thetaStar: Float64Array, sigma: number, draws: number, seed: string): number {
  const w = st.w[i] as Float64Array;
  const ai = st.a[i] as number;
  const thr = -((sigma / 4) ** 2);
  let hits = 0;
  for (let c = 0; c * POPULATION_CHUNK < draws; c++) {
    const size = Math.min(POPULATION_CHUNK, draws - c * POPULATION_CHUNK);
    const sample = populationSample(thetaStar, size, `${seed}/${c}`);
    const eps = new Drawer({ kind: 'sgd', eta: 1, batch: 'full', sigma }, sample, st.w.length, `${seed}/${c}`).next(0).eps;
    rows(sample.X).forEach((x, k) => {
      let p = 0;
      let f = 0;
      let x2 = 0;
      for (let q = 0; q < st.d; q++) {
        const v = x[q] as number;
        p += v * (w[q] as number);
        f += v * (st.theta[q] as number);
        x2 += v * v;
      }
      if (deltaWLong(f - (sample.y[k] as number) - (eps[k] as number), p, ai, x2) <= thr) hits++;
    });
  }
  return hits;
}
