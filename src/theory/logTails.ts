import gammaln from '@stdlib/math-base-special-gammaln';
import chisquareCdf from '@stdlib/stats-base-dists-chisquare-cdf';

/**
 * Exact numerics for the preliminaries of Appendix B (long version): moment generating functions in closed form,
 * chi-square tails in log space (accurate far into the tails, where 1 - cdf underflows), the tail of
 * Z = sum_i X_i Y_i = (A - B)/2 (A, B iid chi-square_n) in closed form (even n) or by quadrature (any n), and exact
 * Poisson-binomial distributions by dynamic programming in log space. No randomness: every check built on these is
 * exact to float64 rounding (tolerances stated in the claims' thresholds).
 */

export const LN2 = Math.LN2;

/** ||N(0,1)||_psi2^2 = 8/3 under ||X||_psi2 = inf{t > 0 : E exp(X^2/t^2) <= 2}: E exp(X^2/t^2) = (1 - 2/t^2)^(-1/2) = 2. */
export const PSI2_SQ_GAUSS = 8 / 3;
export const K4_GAUSS = PSI2_SQ_GAUSS * PSI2_SQ_GAUSS;

/** log(e^a + e^b) without overflow; -Infinity is the log of 0. */
export function logAdd(a: number, b: number): number {
  if (a === -Infinity) return b;
  if (b === -Infinity) return a;
  return Math.max(a, b) + Math.log1p(Math.exp(-Math.abs(a - b)));
}

export function logSum(xs: ArrayLike<number>): number {
  let mx = -Infinity;
  for (let i = 0; i < xs.length; i++) mx = Math.max(mx, xs[i] as number);
  if (mx === -Infinity) return -Infinity;
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += Math.exp((xs[i] as number) - mx);
  return mx + Math.log(s);
}

/**
 * log P(a, y) and log Q(a, y) = log of the regularized lower / upper incomplete gamma functions, a > 0, y >= 0.
 * Series for y < a + 1 (where Q >= ~0.08 so log Q = log1p(-P) keeps full precision), Lentz's continued fraction
 * otherwise (where P is likewise not small). Relative accuracy ~1e-13 down to e^-700 and beyond (no underflow: the
 * result is a logarithm). stdlib's gammainc loses up to ~1e-3 relative accuracy below ~1e-150 (measured), hence this.
 */
export function logRegGamma(a: number, y: number): { logP: number; logQ: number } {
  if (!(a > 0) || !(y >= 0)) throw new RangeError(`logRegGamma: need a > 0, y >= 0 (a=${a}, y=${y})`);
  if (y === 0) return { logP: -Infinity, logQ: 0 };
  if (y === Infinity) return { logP: 0, logQ: -Infinity };
  if (y < a + 1) {
    let ap = a;
    let del = 1 / a;
    let sum = del;
    for (let k = 0; k < 1_000_000; k++) {
      ap += 1;
      del *= y / ap;
      sum += del;
      if (del < sum * 1e-17) break;
    }
    const logP = -y + a * Math.log(y) - gammaln(a) + Math.log(sum);
    return { logP, logQ: Math.log1p(-Math.exp(logP)) };
  }
  const tiny = 1e-300;
  let b = y + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 1_000_000; i++) {
    const an = -i * (i - a);
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
  const logQ = -y + a * Math.log(y) - gammaln(a) + Math.log(h);
  return { logP: Math.log1p(-Math.exp(logQ)), logQ };
}

/** log P(chi2_n <= x) and log P(chi2_n >= x). */
export function logChi2(x: number, n: number): { logCdf: number; logSf: number } {
  const r = logRegGamma(n / 2, Math.max(0, x) / 2);
  return { logCdf: r.logP, logSf: r.logQ };
}

/**
 * Validation of logChi2 against stdlib's chi-square CDF (a package dependency) where the latter is accurate
 * (values of the CDF and of its complement above 1e-10): the largest relative difference.
 */
export function validateChi2(ns: readonly number[]): number {
  let worst = 0;
  for (const n of ns) {
    for (const f of [0.05, 0.3, 0.7, 1, 1.3, 2, 3]) {
      const x = n * f;
      const c = chisquareCdf(x, n);
      const r = logChi2(x, n);
      // 1 - c carries stdlib's absolute rounding (~1e-16): discounted before the relative comparison
      if (c > 1e-10) worst = Math.max(worst, Math.max(0, Math.abs(Math.exp(r.logCdf) - c) - 2e-16) / c);
      if (1 - c > 1e-10) worst = Math.max(worst, Math.max(0, Math.abs(Math.exp(r.logSf) - (1 - c)) - 2e-16) / (1 - c));
    }
  }
  return worst;
}

/**
 * log P(A - B >= x), A, B iid chi-square_n, n even (k = n/2): with Q_A(y) = e^{-y/2} sum_{j<k} (y/2)^j / j!,
 * P = e^{-x/2} sum_{j<k} sum_{l<=j} C(j,l) x^{j-l} Gamma(k+l) / (j! Gamma(k) 2^{k+j}) (a finite sum of positive terms).
 */
export function logDiffTailEven(n: number, x: number): number {
  if (n % 2 !== 0 || n < 2) throw new RangeError(`logDiffTailEven: n must be even >= 2 (n=${n})`);
  if (x < 0) throw new RangeError('logDiffTailEven: x >= 0');
  const k = n / 2;
  const lx = x > 0 ? Math.log(x) : -Infinity;
  const lgk = gammaln(k);
  const terms: number[] = [];
  for (let j = 0; j < k; j++) {
    for (let l = 0; l <= j; l++) {
      if (x === 0 && l < j) continue;
      const pow = j - l === 0 ? 0 : (j - l) * lx;
      terms.push(pow - gammaln(l + 1) - gammaln(j - l + 1) + gammaln(k + l) - lgk - (k + j) * LN2);
    }
  }
  return logSum(terms) - x / 2;
}

/**
 * log P(A - B >= x), A, B iid chi-square_n, any n >= 1, x >= 0, by composite Simpson on
 * P = int_0^inf 2u f_B(u^2) Q_A(u^2 + x) du (b = u^2 removes the b^{n/2-1} singularity of f_B at 0). For odd n the
 * integrand is even and smooth in u for x > 0, so the rule converges spectrally (measured against 40-digit quadrature:
 * ~1e-15); for even n >= 6 the first n-2 derivatives vanish at 0 (agreement with logDiffTailEven and self-convergence
 * under step halving are reported by the claims). Step h <= min(maxStep, sqrt(x)/8) over [0, sqrt(n + x) + 14].
 */
export function logDiffTailQuad(n: number, x: number, maxStep = 0.04): number {
  if (!(n >= 1) || x < 0) throw new RangeError(`logDiffTailQuad: n >= 1, x >= 0 (n=${n}, x=${x})`);
  // P(A >= B) = 1/2 by symmetry; for small x > 0, Q_A(u^2 + x) bends on the scale sqrt(x) near u = 0 (for odd n it
  // contains sqrt(u^2 + x)), so the step also resolves that scale
  if (x === 0) return -LN2;
  const U = Math.sqrt(n + x) + 14;
  let M = Math.ceil(U / Math.min(maxStep, Math.sqrt(x) / 8));
  if (M % 2 === 1) M++;
  const h = U / M;
  const c0 = LN2 - (n / 2) * LN2 - gammaln(n / 2);
  const vals = new Float64Array(M + 1);
  let mx = -Infinity;
  for (let i = 0; i <= M; i++) {
    const u = i * h;
    const lu = n === 1 ? 0 : u === 0 ? -Infinity : (n - 1) * Math.log(u);
    const v = lu === -Infinity ? -Infinity : c0 + lu - (u * u) / 2 + logChi2(u * u + x, n).logSf;
    vals[i] = v;
    if (v > mx) mx = v;
  }
  let s = 0;
  for (let i = 0; i <= M; i++) {
    const w = i === 0 || i === M ? 1 : i % 2 === 1 ? 4 : 2;
    s += w * Math.exp((vals[i] as number) - mx);
  }
  return mx + Math.log((s * h) / 3);
}

/** Even n up to this size use the closed form; beyond it (and every odd n) the quadrature. */
export const CLOSED_FORM_MAX_N = 64;

/** log P(Z >= z), Z = sum_{i<=n} X_i Y_i = (A - B)/2 (X_i Y_i = (U^2 - V^2)/2 with U, V iid N(0,1)), z >= 0. */
export function logProductTail(n: number, z: number): number {
  return n % 2 === 0 && n <= CLOSED_FORM_MAX_N ? logDiffTailEven(n, 2 * z) : logDiffTailQuad(n, 2 * z);
}

/** log P(| ||X|| - sqrt(n) | >= t), X ~ N(0, I_n), t >= 0: through the chi distribution. */
export function logGaussNormDeviation(n: number, t: number): number {
  const s = Math.sqrt(n);
  const lower = t <= s ? logChi2((s - t) * (s - t), n).logCdf : -Infinity;
  const upper = logChi2((s + t) * (s + t), n).logSf;
  return t === 0 ? 0 : logAdd(lower, upper);
}

/** log pmf of the Poisson-binomial law of sum_i Bernoulli(p_i), by dynamic programming in log space (exact to rounding). */
export function logPoissonBinomialPmf(ps: readonly number[]): Float64Array {
  let cur = new Float64Array([0]);
  for (const p of ps) {
    const lp = Math.log(p);
    const lq = Math.log1p(-p);
    const next = new Float64Array(cur.length + 1).fill(-Infinity);
    for (let k = 0; k < cur.length; k++) {
      const v = cur[k] as number;
      if (v === -Infinity) continue;
      next[k] = logAdd(next[k] as number, v + lq);
      next[k + 1] = logAdd(next[k + 1] as number, v + lp);
    }
    cur = next;
  }
  return cur;
}

/** log pmf of Binomial(N, p) through log-gamma (exact to rounding). */
export function logBinomialPmf(N: number, p: number): Float64Array {
  const out = new Float64Array(N + 1);
  const lp = Math.log(p);
  const lq = Math.log1p(-p);
  const lgN = gammaln(N + 1);
  for (let k = 0; k <= N; k++) out[k] = lgN - gammaln(k + 1) - gammaln(N - k + 1) + (k === 0 ? 0 : k * lp) + (k === N ? 0 : (N - k) * lq);
  return out;
}

/** log P(S <= t) for real t from a log pmf on 0..N. */
export function logCdfAt(logPmf: Float64Array, t: number): number {
  const kmax = Math.min(logPmf.length - 1, Math.floor(t + 1e-12));
  if (kmax < 0) return -Infinity;
  return logSum(logPmf.subarray(0, kmax + 1));
}

/** log P(S >= t) for real t from a log pmf on 0..N. */
export function logSfAt(logPmf: Float64Array, t: number): number {
  const kmin = Math.max(0, Math.ceil(t - 1e-12));
  if (kmin > logPmf.length - 1) return -Infinity;
  return logSum(logPmf.subarray(kmin));
}

/** Three-point law X = +-1/sqrt(q) w.p. q/2 each, 0 otherwise (E X^2 = 1): ||X||_psi2^4 = 1/(q log(1 + 1/q))^2. */
export function threePointK4(q: number): number {
  const K2 = 1 / (q * Math.log1p(1 / q));
  return K2 * K2;
}

/**
 * The largest c Lemma B.5 allows for the three-point law as n -> infinity along the atom ||X|| = 0 (t = sqrt n,
 * P = (1 - q)^n): -log(P/2)/t^2 -> -log(1 - q), so c <= -K^4 log(1 - q). Minimized over q on a grid of step 1e-3:
 * an upper bound on any absolute constant c.
 */
export function threePointAbsoluteCBound(): { c: number; q: number } {
  let best = { c: Infinity, q: NaN };
  for (let i = 1; i < 1000; i++) {
    const q = i / 1000;
    const c = -threePointK4(q) * Math.log1p(-q);
    if (c < best.c) best = { c, q };
  }
  return best;
}

// ---- chi-square, normal and 'any of m' tails in log space (Appendix C's exact pieces)

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
