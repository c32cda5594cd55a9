import { EigenvalueDecomposition, type Matrix } from 'ml-matrix';
import type { Dataset } from '../data.js';
import { meanSquaredLoss, type Snapshot } from '../metrics.js';
import { rows, vec } from '../matrix.js';
import type { State } from '../network.js';

/**
 * Population summaries of the m neurons of y = a^T W x (Eq. (2)) that the synthetic experiments read: the quantities of
 * Figures 2 and 4 (a, b), the sign-invariant alignment, and the neuron-level sparsity measures of Figure 1 (right).
 * Computed from a Snapshot (src/engine/metrics.ts) and the state; float64 throughout.
 */
export interface PopulationRow {
  step: number;
  /** Avg_i ||w_i|| (Figure 2 (b)) */
  meanNorm: number;
  /** Avg_i ||w_i||^2 = ||W||_F^2 / m (Lemma 4's quantity) */
  meanSqNorm: number;
  /** Avg_i <w_i, theta*> as printed in Figure 2 (b) */
  meanAlignment: number;
  /** Avg_i |cos(w_i, theta*)|: the alignment invariant under (w_i, a_i) -> (-w_i, -a_i) */
  meanAbsCos: number;
  /** Avg_i sign(a_i) cos(w_i, theta*): the alignment oriented by the neuron's output weight */
  meanOrientedCos: number;
  /** fraction of neurons with |cos(w_i, theta*)| >= ALIGNED_COS */
  alignedFraction: number;
  meanAbsA: number;
  trainLoss: number;
  testLoss: number;
  /** ||theta - theta*|| */
  thetaError: number;
  /** participation ratio of c_i = |a_i| ||w_i|| (see participationRatio) */
  participation: number;
  /** stable rank ||W||_F^2 / ||W||_2^2 */
  stableRank: number;
}

/** A neuron counts as aligned with theta* when |cos(w_i, theta*)| is at least this. */
export const ALIGNED_COS = 0.9;

/**
 * PR = (sum_i c_i)^2 / (m sum_i c_i^2) of the contributions c_i = |a_i| ||w_i||: in [1/m, 1]; m PR is the effective number
 * of active neurons (1 when one neuron carries theta, m when all contribute equally). 0 for the zero network.
 */
export function participationRatio(a: ArrayLike<number>, norms: ArrayLike<number>): number {
  let s1 = 0;
  let s2 = 0;
  for (let i = 0; i < a.length; i++) {
    const c = Math.abs(a[i] as number) * (norms[i] as number);
    s1 += c;
    s2 += c * c;
  }
  return s2 > 0 ? (s1 * s1) / (a.length * s2) : 0;
}

/** ||W||_2^2: the largest eigenvalue of the d x d Gram matrix W^T W (symmetric eigendecomposition; exact up to float64 rounding). */
export function spectralNormSquared(W: Matrix): number {
  const ev = new EigenvalueDecomposition(W.transpose().mmul(W), { assumeSymmetric: true }).realEigenvalues;
  return Math.max(0, ...ev);
}

/** The population row of a snapshot (the state is needed for the stable rank only). */
export function populationRow(sn: Snapshot, state: State): PopulationRow {
  const m = sn.norms.length;
  let meanNorm = 0;
  let meanSqNorm = 0;
  let meanAlignment = 0;
  let meanAbsCos = 0;
  let meanOrientedCos = 0;
  let aligned = 0;
  let meanAbsA = 0;
  for (let i = 0; i < m; i++) {
    const r = sn.norms[i] as number;
    const c = sn.cosine[i] as number;
    const ai = sn.a[i] as number;
    meanNorm += r / m;
    meanSqNorm += (r * r) / m;
    meanAlignment += (sn.alignment[i] as number) / m;
    meanAbsCos += Math.abs(c) / m;
    meanOrientedCos += (ai > 0 ? c : ai < 0 ? -c : 0) / m;
    if (Math.abs(c) >= ALIGNED_COS) aligned++;
    meanAbsA += Math.abs(ai) / m;
  }
  const s2 = spectralNormSquared(state.W);
  return {
    step: sn.step,
    meanNorm,
    meanSqNorm,
    meanAlignment,
    meanAbsCos,
    meanOrientedCos,
    alignedFraction: aligned / m,
    meanAbsA,
    trainLoss: sn.trainLoss,
    testLoss: sn.testLoss,
    thetaError: sn.thetaError,
    participation: participationRatio(sn.a, sn.norms),
    stableRank: s2 > 0 ? (m * meanSqNorm) / s2 : 0,
  };
}

/**
 * The synthetic analogue of the pruning of Figure 1 (right): keep the fraction `keep` of the neurons with the largest
 * c_i = |a_i| ||w_i|| (at least one), drop the others, and return the test loss of theta = sum_kept a_i w_i relative to the
 * zero predictor's (1: as bad as predicting 0; 0 when the zero predictor is exact).
 */
export function prunedRelativeLoss(state: State, data: Dataset, keep: number): number {
  const W = rows(state.W);
  const a = vec(state.a);
  const d = state.W.columns;
  const order = W.map((w, i) => {
    let s = 0;
    for (let k = 0; k < d; k++) s += (w[k] as number) ** 2;
    return { i, c: Math.abs(a[i] as number) * Math.sqrt(s) };
  }).sort((x, y) => y.c - x.c || x.i - y.i);
  const k = Math.max(1, Math.round(keep * W.length));
  const th = new Float64Array(d);
  for (const { i } of order.slice(0, k)) for (let j = 0; j < d; j++) th[j] = (th[j] as number) + (a[i] as number) * ((W[i] as Float64Array)[j] as number);
  const zero = meanSquaredLoss(new Float64Array(d), data.Xtest, data.ytest);
  return zero > 0 ? meanSquaredLoss(th, data.Xtest, data.ytest) / zero : 0;
}

/** ||v||_1^2 / ||v||_2^2: the effective number of non-zero coordinates (d for a flat vector, k for k equal entries; 0 for 0). */
export function effectiveSupport(v: ArrayLike<number>): number {
  let l1 = 0;
  let l2 = 0;
  for (let k = 0; k < v.length; k++) {
    l1 += Math.abs(v[k] as number);
    l2 += (v[k] as number) ** 2;
  }
  return l2 > 0 ? (l1 * l1) / l2 : 0;
}
