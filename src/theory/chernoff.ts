import { logCdfAt, logSfAt } from './logTails.js';

/**
 * Lemma B.6 (long version, Eq. (12)), Chernoff's inequality for S_N = sum of independent Bernoulli(p_i), mu = E S_N:
 * the bound e^{-mu} (e mu / t)^t, in logs -mu + t (1 + log mu - log t), against the exact tails of S_N from its
 * log pmf (binomial or Poisson-binomial, src/theory/logTails.ts). Three forms:
 *   'printed': P{S_N <= t} for t > mu (as printed; the likely event, so it fails);
 *   'lower':   P{S_N <= t} for 0 < t < mu (the form Theorem C.4 applies: mu = T1/4, t = T1/8);
 *   'upper':   P{S_N >= t} for t > mu (the textbook upper tail).
 */
export type ChernoffForm = 'printed' | 'lower' | 'upper';

export function logChernoff(mu: number, t: number): number {
  return -mu + t * (1 + Math.log(mu) - Math.log(t));
}

/** t of a form on a grid: lower t = mu j/J (0 < j < J); printed and upper t = mu + (N - mu) j/J (0 < j <= J). */
export function chernoffT(form: ChernoffForm, N: number, mu: number, j: number, J: number): number {
  return form === 'lower' ? (mu * j) / J : mu + ((N - mu) * j) / J;
}

/** log P of the form's event at t. */
export function chernoffLogP(form: ChernoffForm, logPmf: Float64Array, t: number): number {
  return form === 'upper' ? logSfAt(logPmf, t) : logCdfAt(logPmf, t);
}
