import betaCdf from '@stdlib/stats-base-dists-beta-cdf';
import tQuantile from '@stdlib/stats-base-dists-t-quantile';

/**
 * One-sided one-sample Student t-test on per-seed values (paired differences or log-ratios), exact p from the
 * regularized incomplete beta: P(T_nu > t) = I_{nu/(nu+t^2)}(nu/2, 1/2) / 2 for t > 0.
 */
export interface TTest {
  n: number;
  mean: number;
  sd: number;
  t: number;
  df: number;
  /** one-sided p-value of H0: mean <= mu0 (direction 'greater') or mean >= mu0 ('less') */
  p: number;
  /** the critical value of t at alpha */
  critical: number;
  alpha: number;
  rejected: boolean;
  /** the one-sided (1 - alpha) confidence bound on the mean in the tested direction */
  bound: number;
}

export function tUpperTail(t: number, df: number): number {
  if (!Number.isFinite(t)) return t > 0 ? 0 : 1;
  const x = df / (df + t * t);
  const half = 0.5 * betaCdf(x, df / 2, 0.5);
  return t > 0 ? half : 1 - half;
}

export function oneSidedT(values: readonly number[], mu0: number, alpha: number, direction: 'greater' | 'less'): TTest {
  const n = values.length;
  if (n < 2) throw new RangeError('oneSidedT needs at least 2 values');
  const mean = values.reduce((s, v) => s + v, 0) / n;
  const sd = Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / (n - 1));
  const df = n - 1;
  const se = sd / Math.sqrt(n);
  const sign = direction === 'greater' ? 1 : -1;
  const t = se > 0 ? (sign * (mean - mu0)) / se : sign * (mean - mu0) > 0 ? Infinity : sign * (mean - mu0) < 0 ? -Infinity : 0;
  const p = se > 0 ? tUpperTail(t, df) : t > 0 ? 0 : 1;
  const critical = tQuantile(1 - alpha, df);
  const bound = mean - sign * critical * se;
  return { n, mean, sd, t: Number.isFinite(t) ? t : sign * 1e300, df, p, critical, alpha, rejected: p < alpha, bound };
}

export function describeT(tt: TTest, what: string): string {
  const f = (x: number) => (Math.abs(x) >= 1e4 || (Math.abs(x) < 1e-3 && x !== 0) ? x.toExponential(3) : Number(x.toPrecision(4)).toString());
  return `${what}: mean ${f(tt.mean)} (sd ${f(tt.sd)}, ${tt.n} seeds), t = ${tt.t > 1e299 ? 'inf' : f(tt.t)} on ${tt.df} df, one-sided p = ${f(tt.p)} ${tt.rejected ? '<' : '>='} alpha = ${f(tt.alpha)}`;
}
