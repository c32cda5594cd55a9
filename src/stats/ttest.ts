import tCdf from '@stdlib/stats-base-dists-t-cdf';
import tQuantile from '@stdlib/stats-base-dists-t-quantile';

/** Mean, sample standard deviation and standard error of a sample (n >= 1; sd = 0 when n = 1). */
export interface SampleSummary {
  n: number;
  mean: number;
  sd: number;
  se: number;
}

export function summarize(xs: readonly number[]): SampleSummary {
  const n = xs.length;
  if (n === 0) throw new RangeError('summarize: empty sample');
  const mean = xs.reduce((s, v) => s + v, 0) / n;
  const ss = xs.reduce((s, v) => s + (v - mean) ** 2, 0);
  const sd = n > 1 ? Math.sqrt(ss / (n - 1)) : 0;
  return { n, mean, sd, se: sd / Math.sqrt(n) };
}

/** One-sided (1 - alpha) bounds of a mean by Student's t with n - 1 degrees of freedom (needs n >= 2). */
export function tMeanBounds(s: SampleSummary, alpha: number): { lower: number; upper: number; q: number } {
  if (s.n < 2) throw new RangeError(`tMeanBounds needs n >= 2, got ${s.n}`);
  const q = tQuantile(1 - alpha, s.n - 1);
  return { lower: s.mean - q * s.se, upper: s.mean + q * s.se, q };
}

/**
 * Power of the one-sided one-sample t test at level alpha against a true mean `effect` with standard deviation `sd`,
 * with n observations. Approximation by the shifted central t: P(T_{n-1} > t_{1-alpha} - effect sqrt(n)/sd)
 * (the noncentral t's standard approximation; slightly optimistic for n < 5).
 */
export function tTestPower(n: number, effect: number, sd: number, alpha: number): number {
  if (n < 2) return 0;
  if (!(sd > 0)) return effect > 0 ? 1 : 0;
  const q = tQuantile(1 - alpha, n - 1);
  return 1 - tCdf(q - (effect * Math.sqrt(n)) / sd, n - 1);
}

/** The smallest n (2..maxN) with tTestPower(n) >= power; maxN + 1 when none reaches it. */
export function seedsForPower(effect: number, sd: number, alpha: number, power: number, maxN = 10_000): number {
  for (let n = 2; n <= maxN; n++) if (tTestPower(n, effect, sd, alpha) >= power) return n;
  return maxN + 1;
}
