import { rows, vec } from '../../src/engine/matrix.js';
import { meanSquaredLoss } from '../../src/engine/metrics.js';
import type { State } from '../../src/engine/network.js';
import type { Dataset } from '../../src/engine/data.js';
import { runTrajectory, tailMean, type Setup, type Trajectory } from './experiment.js';
import type { ExperimentProgress } from './experimentProgress.js';

/**
 * Label noise SGD against plain SGD at equal steps, paired: the same data, initialization and sampled indices
 * (one seed), only eps differs. Plain SGD is stopped once it sits at an interpolating fixed point (train loss
 * below 1e-30): its state no longer changes, so its value stands for every later step.
 */
export interface PairedRun {
  seed: number;
  noise: Trajectory;
  plain: Trajectory;
  /** mean test loss over the final window (label noise), and plain SGD's at the end */
  testNoise: number;
  testPlain: number;
  trainNoise: number;
  trainPlain: number;
}

export function pairedRun(setup: Setup, sigma: number, steps: number, logEvery: number, seed: string, index: number, tail: number, progress?: ExperimentProgress): PairedRun {
  const common = { setup, seed, steps, logEvery };
  const noise = runTrajectory({ ...common, rule: { kind: 'sgd', eta: setup.eta, batch: 1, sigma }, ...(progress ? { progress } : {}) });
  const plain = runTrajectory({ ...common, rule: { kind: 'sgd', eta: setup.eta, batch: 1, sigma: 0 }, stopWhen: (r) => r.trainLoss < 1e-30, ...(progress ? { progress } : {}) });
  const from = steps * (1 - tail);
  const lastPlain = plain.rows[plain.rows.length - 1]!;
  return {
    seed: index,
    noise,
    plain,
    testNoise: tailMean(noise, from, 'testLoss'),
    testPlain: lastPlain.testLoss,
    trainNoise: tailMean(noise, from, 'trainLoss'),
    trainPlain: lastPlain.trainLoss,
  };
}

/**
 * The synthetic analogue of the pruning of Figure 1 (right): keep the fraction `keep` of the neurons with the largest
 * |a_i| ||w_i||, drop the others, and measure the test loss of theta = sum_kept a_i w_i relative to the zero predictor's
 * (1/2) E<theta*, x>^2 (1: as bad as predicting 0).
 */
export function prunedRelativeLoss(state: State, data: Dataset, keep: number): number {
  const W = rows(state.W);
  const a = vec(state.a);
  const m = W.length;
  const d = state.W.columns;
  const c = W.map((w, i) => {
    let s = 0;
    for (let k = 0; k < d; k++) s += (w[k] as number) ** 2;
    return { i, c: Math.abs(a[i] as number) * Math.sqrt(s) };
  });
  c.sort((x, y) => y.c - x.c);
  const k = Math.max(1, Math.round(keep * m));
  const th = new Float64Array(d);
  for (const { i } of c.slice(0, k)) for (let j = 0; j < d; j++) th[j] = (th[j] as number) + (a[i] as number) * ((W[i] as Float64Array)[j] as number);
  const zero = meanSquaredLoss(new Float64Array(d), data.Xtest, data.ytest);
  return zero > 0 ? meanSquaredLoss(th, data.Xtest, data.ytest) / zero : 0;
}

/** ||theta||_1^2 / ||theta||_2^2: the effective number of non-zero coordinates of theta (d for a flat vector, k for k equal entries). */
export function effectiveSupport(theta: ArrayLike<number>): number {
  let l1 = 0;
  let l2 = 0;
  for (let k = 0; k < theta.length; k++) {
    l1 += Math.abs(theta[k] as number);
    l2 += (theta[k] as number) ** 2;
  }
  return l2 > 0 ? (l1 * l1) / l2 : 0;
}
