import gammaln from '@stdlib/math-base-special-gammaln';
import chisquareCdf from '@stdlib/stats-base-dists-chisquare-cdf';

/**
 * Exact tail probabilities for Appendix C (Lemmas C.1 and C.2), in log space so that they stay finite at
 * widths m far beyond anything a run reaches (m = 10^60 is a formula here, not a simulation).
 */

/**
 * ln Q(s, x), Q the regularized upper incomplete gamma function, for s > 0, x >= 0.
 * Below x = s + 1 the tail is >= ~0.08 and 1 - P (stdlib's chi-square CDF) is accurate; above it the Legendre
 * continued fraction (modified Lentz) gives Q = exp(-x + s ln x - ln Gamma(s)) * CF without under-flow.
 */
export function logUpperGammaQ(s: number, x: number): number {
  if (!(s > 0) || !(x >= 0)) throw new RangeError(`logUpperGammaQ: need s > 0, x >= 0 (s=${s}, x=${x})`);
  if (x === 0) return 0;
  if (x <= s + 1) return Math.log1p(-chisquareCdf(2 * x, 2 * s));
  const tiny = 1e-300;
  let b = x + 1 - s;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 10_000; i++) {
    const an = -i * (i - s);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < 1e-16) break;
  }
  return -x + s * Math.log(x) - gammaln(s) + Math.log(h);
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
