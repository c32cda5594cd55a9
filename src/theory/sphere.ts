import betaCdf from '@stdlib/stats-base-dists-beta-cdf';

/**
 * For x uniform on the unit sphere in R^d, P(|x_1| < s): x_1^2 ~ Beta(1/2, (d-1)/2).
 * This is the exact value of the probability the proof of Lemma C.3 bounds by rho * s (Eq. (43)):
 * P(Delta W_i(j) > 0 | state) = P(|<x/||x||, w_i>| < |a_i|) with s = |a_i| / ||w_i|| (when r != 0).
 */
export function sphereBandProbability(s: number, d: number): number {
  if (s <= 0) return 0;
  if (s >= 1) return 1;
  if (d === 1) return 0; // x_1 = +-1
  return betaCdf(s * s, 0.5, (d - 1) / 2);
}
