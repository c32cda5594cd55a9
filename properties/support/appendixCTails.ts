import { logRegGamma } from './appendixB.js';
import chisquareCdf from '@stdlib/stats-base-dists-chisquare-cdf';

/**
 * Exact tail probabilities for Appendix C (Lemmas C.1 and C.2), in log space so that they stay finite at
 * widths m far beyond anything a run reaches (m = 10^60 is a formula here, not a simulation).
 */

/** ln Q(s, x), Q the regularized upper incomplete gamma function, for s > 0, x >= 0 (log space; appendixB's logRegGamma). */
export function logUpperGammaQ(s: number, x: number): number {
  if (!(s > 0) || !(x >= 0)) throw new RangeError(`logUpperGammaQ: need s > 0, x >= 0 (s=${s}, x=${x})`);
  return logRegGamma(s, x).logQ;
}

/** ln P(chi2_k > x). */
export function logChiSquareSf(x: number, k: number): number {
  return logUpperGammaQ(k / 2, x / 2);
}

/** ln P(chi2_k <= x), accurate when the CDF is small (it is computed directly) and when it is near 1 (through the tail). */
export function logChiSquareCdf(x: number, k: number): number {
  const cdf = chisquareCdf(x, k);
  if (cdf < 0.5) return Math.log(cdf);
  return Math.log1p(-Math.exp(logChiSquareSf(x, k)));
}

/** ln P(|Z| >= z), Z ~ N(0, 1). */
export function logNormalTwoSided(z: number): number {
  return logChiSquareSf(z * z, 1);
}

/** ln P(Z >= z), Z ~ N(0, 1), z >= 0. */
export function logNormalUpper(z: number): number {
  return Math.log(0.5) + logNormalTwoSided(z);
}

/**
 * The failure probability of an event that asks m iid trials to all succeed, each failing with probability p,
 * given ln p and ln(1 - p): returns ln(1 - (1 - p)^m) and ln((1 - p)^m), both finite for any m >= 1.
 */
export function logAnyOfM(m: number, logP: number, logOneMinusP: number): { logFail: number; logAll: number } {
  const logAll = m * logOneMinusP;
  // (1 - p)^m = exp(m ln(1 - p)); 1 - that = -expm1(logAll); when m p is below ~1e-8 that is m p to 1e-8 relative
  const logFail = -logAll > 1e-8 ? Math.log(-Math.expm1(logAll)) : Math.log(m) + logP;
  return { logFail, logAll };
}

export const LN10 = Math.LN10;
export const log10 = (lnValue: number): number => lnValue / LN10;
