import { bisect } from '../stats/bisect.js';
import { logChiSquareSf } from './logTails.js';

/**
 * Condition 1 (A5) for data that are drawn only through Sigma_hat: for n inputs x_j ~ N(0, I_d), the smallest C_data with
 * n P(||x|| > C_data) <= tail (union bound). tail = 1e-6: the law of Sigma_hat is within total variation 1e-6 of its law
 * given max_j ||x_j|| <= C_data; tail = ln 2: C_data is about the median of max_j ||x_j||. ||x||^2 ~ chi2_d.
 */
export function gaussianInputBound(d: number, n: number, tail: number): number {
  const excess = (c: number): number => Math.log(n) + logChiSquareSf(c * c, d) - Math.log(tail);
  let hi = Math.sqrt(d) + 10;
  while (excess(hi) > 0) hi *= 2;
  return bisect(excess, 0, hi, 1e-10);
}
