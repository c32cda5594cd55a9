import tQuantile from '@stdlib/stats-base-dists-t-quantile';

export interface LinearFit {
  slope: number;
  intercept: number;
  /** two-sided (1 - alpha) confidence interval for the slope (Student t, n - 2 degrees of freedom) */
  slopeCI: [number, number];
  /** standard error of the slope */
  slopeSE: number;
  r2: number;
  n: number;
}

/** Ordinary least squares y = intercept + slope x with a t-interval for the slope (for log-log scaling laws). */
export function linearFit(x: readonly number[], y: readonly number[], alpha: number): LinearFit {
  const n = x.length;
  if (n !== y.length || n < 3) throw new RangeError(`linearFit needs >= 3 paired points, got ${n}`);
  const mx = x.reduce((s, v) => s + v, 0) / n;
  const my = y.reduce((s, v) => s + v, 0) / n;
  let sxx = 0;
  let sxy = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = (x[i] as number) - mx;
    const dy = (y[i] as number) - my;
    sxx += dx * dx;
    sxy += dx * dy;
    syy += dy * dy;
  }
  if (!(sxx > 0)) throw new RangeError('linearFit: all x values are equal, the slope is undefined');
  const slope = sxy / sxx;
  const intercept = my - slope * mx;
  const sse = Math.max(0, syy - slope * sxy);
  const se = Math.sqrt(sse / (n - 2) / sxx);
  const q = tQuantile(1 - alpha / 2, n - 2);
  return { slope, intercept, slopeCI: [slope - q * se, slope + q * se], slopeSE: se, r2: syy > 0 ? 1 - sse / syy : 1, n };
}
