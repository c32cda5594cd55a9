import type { Dataset } from '../data.js';

/** sigma(t): the label-noise level at step t (Eqs. 3-4), constant or switched on and off in periods. */
export interface NoiseSchedule {
  /** noise on for `on` steps, then off for `off` steps, repeating; starts with the on period */
  on: number;
  off: number;
}

/**
 * SGD on the squared loss of Eq. (1) with a batch of B indices drawn uniformly from [n]^B
 * (Algorithm 1, line 2) and label noise eps in {-sigma, +sigma} (Eqs. 3-4), or N(0, sigma^2).
 * batch 'full' is gradient descent over all n samples (each with its own eps when sigma > 0).
 * sigma = 0 is plain SGD / GD.
 */
export interface MinibatchRule {
  kind: 'sgd';
  eta: number;
  batch: number | 'full';
  sigma: number;
  noise?: 'rademacher' | 'gaussian';
  schedule?: NoiseSchedule;
}

/**
 * SAM (Foret et al. 2021) as in the paper's extension section: theta <- theta - eta * grad l(theta + rho g/||g||),
 * g = grad l(theta) over all parameters (W, a); per-sample (batch 1) or full batch. Optional label noise.
 */
export interface SamRule {
  kind: 'sam';
  eta: number;
  rho: number;
  batch: number | 'full';
  sigma: number;
}

/**
 * The oscillation process of Eqs. (6)-(7) (long version Eqs. (5)-(6)), the setup of Lemma 4:
 * W follows full-batch GD, w_i <- w_i - eta a_i grad_theta L_D(theta); a_i is a three-state Markov chain
 * on {-q, 0, +q}, q = eta^0.25 (+-q -> 0, 0 -> +-q with probability 1/2 each).
 */
export interface OscillationRule {
  kind: 'oscillation';
  eta: number;
}

export type Rule = MinibatchRule | SamRule | OscillationRule;

/** The randomness one step consumes: the sampled indices xi and their label noise eps (Algorithm 1), or the chain's coin flips. */
export interface Draw {
  idx: Int32Array;
  eps: Float64Array;
  /** oscillation rule: +-1 per neuron, used by neurons whose a_i is 0 */
  flips?: Int8Array;
}

export function batchSize(rule: { batch: number | 'full' }, data: Dataset): number {
  return rule.batch === 'full' ? data.y.length : rule.batch;
}

export function sigmaAt(rule: MinibatchRule | SamRule, t: number): number {
  if (rule.kind === 'sgd' && rule.schedule) {
    const period = rule.schedule.on + rule.schedule.off;
    return t % period < rule.schedule.on ? rule.sigma : 0;
  }
  return rule.sigma;
}
