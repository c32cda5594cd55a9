import betaQuantile from '@stdlib/stats-base-dists-beta-quantile';
import binomialCdf from '@stdlib/stats-base-dists-binomial-cdf';

/**
 * Exact (Clopper-Pearson) two-sided interval for a binomial proportion at confidence 1 - alpha:
 * never a normal approximation, so it stays valid at k = 0 or k = n.
 */
export function clopperPearson(k: number, n: number, alpha: number): { lo: number; hi: number } {
  if (!(n > 0) || k < 0 || k > n) throw new RangeError(`clopperPearson: need 0 <= k <= n, n > 0 (k=${k}, n=${n})`);
  const lo = k === 0 ? 0 : betaQuantile(alpha / 2, k, n - k + 1);
  const hi = k === n ? 1 : betaQuantile(1 - alpha / 2, k + 1, n - k);
  return { lo, hi };
}

/** One-sided exact bounds at level 1 - alpha: lower bound L with P(p < L) <= alpha, upper bound U likewise. */
export function clopperPearsonLower(k: number, n: number, alpha: number): number {
  return k === 0 ? 0 : betaQuantile(alpha, k, n - k + 1);
}
export function clopperPearsonUpper(k: number, n: number, alpha: number): number {
  return k === n ? 1 : betaQuantile(1 - alpha, k + 1, n - k);
}

/** Exact one-sided p-value of k successes in n under H0: p >= p0 (small k is evidence against H0). */
export function binomialPLower(k: number, n: number, p0: number): number {
  return binomialCdf(k, n, p0);
}

/** Exact one-sided p-value of k successes in n under H0: p <= p0 (large k is evidence against H0). */
export function binomialPUpper(k: number, n: number, p0: number): number {
  return k <= 0 ? 1 : 1 - binomialCdf(k - 1, n, p0);
}
