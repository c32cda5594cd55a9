import { logChiSquareSf } from '../theory/logTails.js';
import type { LazyRun } from './lazyWindow.js';

/**
 * The residual r_t = f(theta(t); x_t) - y_t - eps_t of label-noise SGD inside the lazy window (Lemma C.2 (i), long
 * version) and the quantities its proof bounds: the explicit bound of the display after Eq. (32), the law of
 * ||theta(0) - theta*|| used before Eq. (24), and Eq. (32) itself.
 */

/** The proof's explicit bound on |r_t| (display after Eq. (32)): 2 (||theta(0)|| + m^(1/4)) C_data + sigma. */
export function explicitResidualBound(r: LazyRun): number {
  return 2 * (r.theta0Norm + Math.pow(r.config.m, 0.25)) * r.maxXNorm + r.config.sigma;
}

/** max |r_t| (over the window, or the given maximum) / the explicit bound: > 1 violates it. */
export function explicitResidualRatio(r: LazyRun, maxR = r.maxAbsR): number {
  return maxR / explicitResidualBound(r);
}

/** Eq. (32)'s ||theta(t)|| <= ||theta(0)|| + m^(1/4): the largest ratio over the window. */
export function eq32Ratio(r: LazyRun): number {
  return r.maxThetaNorm / (r.theta0Norm + Math.pow(r.config.m, 0.25));
}

/**
 * log10 of an exact upper bound on Pr[||theta(0) - theta*|| > s]: theta(0) = W(0)^T a(0) has
 * ||theta(0)||^2 = (chi2_m / m)(chi2_d / d) (independent factors) under Eq. (5), so
 * Pr[||theta(0)|| > s - ||theta*||] <= min_u P(chi2_m/m > u) + P(chi2_d/d > (s - ||theta*||)^2 / u) (u on a grid e^(k/8)).
 */
export function log10Theta0TailBound(m: number, d: number, s: number, thetaStarNorm: number): number {
  const t = s - thetaStarNorm;
  if (t <= 0) return 0;
  let best = Infinity;
  for (let k = -40; k <= 80; k++) {
    const u = Math.exp(k / 8);
    const l1 = logChiSquareSf(m * u, m);
    const l2 = logChiSquareSf((d * t * t) / u, d);
    const hi = Math.max(l1, l2);
    best = Math.min(best, (hi + Math.log1p(Math.exp(Math.min(l1, l2) - hi))) / Math.LN10);
  }
  return best;
}

/** The smallest integer m >= 2 from which sqrt(8 ln m) + m^(-1/4) <= 3 sqrt(ln m) holds (the display before Eq. (24)), scanned to 1e5. */
export function displayBeforeEq24Width(): number {
  let last = 2;
  for (let m = 2; m <= 100_000; m++) if (!(Math.sqrt(8 * Math.log(m)) + Math.pow(m, -0.25) <= 3 * Math.sqrt(Math.log(m)))) last = m + 1;
  return last;
}
