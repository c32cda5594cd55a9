import { Matrix } from 'ml-matrix';
import { maxInputNorm, type Dataset } from '../engine/data.js';
import { dot, norm, rows, vec } from '../engine/matrix.js';
import { initNTK, type State } from '../engine/network.js';
import { batchLoss } from '../engine/rules/loss.js';
import type { PaperConfig } from './config.js';
import { datasetOf, thetaOf } from './lazyPremiseStates.js';

/**
 * The base case of the proof of Lemma C.2 (long version, Appendix C.1, the displays after Eq. (24)): the network of
 * Eq. (5) on the training set of Sec. 3.1 (x ~ N(0, I_d), y = <theta*, x>, ||theta*|| = m^(-1/4), A4 at its bound),
 * theta(0) computed two ways, the standardized sums Z_j = sum_i X_ij Y_i (X = sqrt(d) W(0), Y = sqrt(m) a(0)), and the
 * residual r_0 = f(theta(0); x) - y - eps of Eq. (4) at every input and both signs of the label noise.
 */
export interface ResidualCase {
  /** index of the input (n: the input aligned with theta(0) - theta*, see `alignedInput`) */
  xi: number;
  eps: number;
  /** a(0)^T (W(0) x): the printed order of the product */
  f: number;
  y: number;
  /** ||x|| */
  xNorm: number;
  /** |r_0| read from the engine's loss of Eq. (4): sqrt(2 l), l = (1/2) (f - y - eps)^2 (batchLoss) */
  lossResidual: number;
}

export interface InitResidualState {
  m: number;
  d: number;
  sigma: number;
  /** a(0)^T W(0) as the ml-matrix product (1 x m times m x d) */
  thetaProduct: Float64Array;
  /** sum_i a_i(0) w_i(0), the explicit sum over neurons */
  thetaSum: Float64Array;
  /** Z_j = sum_i X_ij Y_i in the standardized variables */
  Z: Float64Array;
  thetaStar: Float64Array;
  /** max_i ||x_i|| of the training set (A5's C_data as sampled) */
  cData: number;
  /**
   * every (xi, eps): the n training inputs, then one input of norm C_data along theta(0) - theta* (where
   * Cauchy-Schwarz is tight), each with eps = +sigma and -sigma (where the triangle inequality is tight)
   */
  cases: ResidualCase[];
}

/** The input of norm `length` along theta(0) - theta*, with its label <theta*, x>. */
export function alignedInput(theta0: Float64Array, thetaStar: Float64Array, length: number): { x: Float64Array; y: number } {
  const x = theta0.map((v, k) => v - (thetaStar[k] as number));
  const s = length / norm(x);
  for (let k = 0; k < x.length; k++) x[k] = (x[k] as number) * s;
  return { x, y: dot(x, thetaStar) };
}

/** theta = a^T W two ways: the ml-matrix product (1 x m times m x d) and the explicit sum over neurons sum_i a_i w_i. */
export function thetaTwoWays(s: State): { thetaProduct: Float64Array; thetaSum: Float64Array } {
  return { thetaProduct: Float64Array.from(s.a.mmul(s.W).getRow(0)), thetaSum: thetaOf(rows(s.W), vec(s.a), s.W.columns) };
}

/** The state of Eq. (5) at configuration `c` (its eta is unused) from the named stream `seed`. */
export function initResidualState(c: PaperConfig, seed: string): InitResidualState {
  const s = initNTK(c.m, c.d, seed);
  const data = datasetOf(c, seed);
  const W = rows(s.W);
  const a = vec(s.a);
  const { thetaProduct, thetaSum } = thetaTwoWays(s);
  const Z = new Float64Array(c.d);
  for (let i = 0; i < c.m; i++) {
    const Y = Math.sqrt(c.m) * (a[i] as number);
    const w = W[i] as Float64Array;
    for (let j = 0; j < c.d; j++) Z[j] = (Z[j] as number) + Math.sqrt(c.d) * (w[j] as number) * Y;
  }
  const cData = maxInputNorm(data.X);
  const aligned = alignedInput(thetaProduct, data.thetaStar, cData);
  // the training set with the aligned input appended as sample n, so that the engine's loss reads every input
  const all: Dataset = { ...data, X: new Matrix([...rows(data.X).map((x) => Array.from(x)), Array.from(aligned.x)]), y: Float64Array.from([...data.y, aligned.y]) };
  const cases: ResidualCase[] = [];
  rows(all.X).forEach((x, xi) => {
    const f = dot(a, W.map((w) => dot(w, x)));
    const y = all.y[xi] as number;
    for (const eps of [c.sigma, -c.sigma]) {
      const l = batchLoss(s, all, { idx: Int32Array.of(xi), eps: Float64Array.of(eps) });
      cases.push({ xi, eps, f, y, xNorm: norm(x), lossResidual: Math.sqrt(2 * l) });
    }
  });
  return { m: c.m, d: c.d, sigma: c.sigma, thetaProduct, thetaSum, Z, thetaStar: data.thetaStar, cData, cases };
}
