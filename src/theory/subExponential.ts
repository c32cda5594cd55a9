import { logChi2, logProductTail } from './logTails.js';

/**
 * Sub-exponential variables of Appendix B (Definition B.1: X in SE(nu, b) when E e^{lambda (X - mu)} <= e^{nu^2 lambda^2 / 2}
 * for |lambda| < 1/b), with the exact log moment generating functions of the two the paper uses:
 *   Lemma B.2:      X = chi-square_n (sum of n squared N(0,1)), log E e^{lambda (X - n)} = -lambda n - (n/2) log(1 - 2 lambda), lambda < 1/2;
 *   Corollary B.3:  Z = sum_{i<=n} X_i Y_i (X_i, Y_i iid N(0,1)), log E e^{lambda Z} = -(n/2) log(1 - lambda^2), |lambda| < 1.
 * Each comes with the magnitude of its float64 terms (the scale a rounding tolerance is stated against).
 */
export interface LogMgf {
  /** log E e^{lambda (X - mu)}; +Infinity where the MGF does not exist */
  value: number;
  /** sum of the magnitudes of the terms that form it */
  scale: number;
}

export function logMgfChiSquare(n: number, lambda: number): LogMgf {
  if (!(lambda < 0.5)) return { value: Infinity, scale: Infinity };
  const l1p = Math.log1p(-2 * lambda);
  return { value: -lambda * n - (n / 2) * l1p, scale: n * (Math.abs(lambda) + Math.abs(l1p) / 2) };
}

export function logMgfProduct(n: number, lambda: number): LogMgf {
  if (!(Math.abs(lambda) < 1)) return { value: Infinity, scale: Infinity };
  const l1p = Math.log1p(-lambda * lambda);
  return { value: -(n / 2) * l1p, scale: (n / 2) * Math.abs(l1p) };
}

/** The SE bound's exponent nu^2 lambda^2 / 2. */
export function logSeBound(nuSq: number, lambda: number): number {
  return (nuSq * lambda * lambda) / 2;
}

/**
 * The step of the proof of Corollary B.3: log E e^{lambda X Y} = -log(1 - lambda^2)/2 against
 * log E e^{lambda (X^2 - 1)} = -lambda - log(1 - 2 lambda)/2 (slack = right - left; +Infinity from lambda = 1/2).
 */
export function productStepSlack(lambda: number): { lhs: number; rhs: number; slack: number; scale: number } {
  const lhs = logMgfProduct(1, lambda).value;
  const r = logMgfChiSquare(1, lambda);
  return { lhs, rhs: r.value, slack: r.value - lhs, scale: r.scale + Math.abs(lhs) };
}

/** Per-unit slack of Lemma B.2 with nu^2 = 4n: 2 lambda^2 + lambda + log(1 - 2 lambda)/2 (slack = n times it). */
export function chiSquareSlackPerUnit(lambda: number): number {
  return logSeBound(4, lambda) - logMgfChiSquare(1, lambda).value;
}

/** The two SE(2 sqrt n, 4) variables of Appendix B: 'chi2' = chi-square_n (mu = n), 'Z' = sum_{i<=n} X_i Y_i (mu = 0). */
export type SeVariable = 'chi2' | 'Z';

/** log P[V >= mu + t], exactly (log-space incomplete gamma; Z through its closed form or quadrature, src/theory/logTails.ts). */
export function logSeTail(v: SeVariable, n: number, t: number): number {
  return v === 'chi2' ? logChi2(n + t, n).logSf : logProductTail(n, t);
}

/**
 * Definition B.1's inequality at lambda = k / (b L) for a variable of size n with nu^2 = nuSqPerN n: slack =
 * nu^2 lambda^2 / 2 - log MGF; violated when the slack is below -relTol times the magnitude of the terms (float64
 * rounding); margin = slack / (nu^2 lambda^2 / 2), the relative room (1 at lambda = 0).
 */
export function seInequalityAt(mgf: (n: number, lambda: number) => LogMgf, c: { n: number; k: number; L: number; b: number }, nuSqPerN: number, relTol: number): { violated: boolean; margin: number; lambda: number; lhs: number; rhs: number; slack: number } {
  const lambda = c.k / (c.b * c.L);
  const lhs = mgf(c.n, lambda);
  const rhs = logSeBound(nuSqPerN * c.n, lambda);
  const slack = rhs - lhs.value;
  return { violated: !(slack >= -relTol * (lhs.scale + rhs)), margin: rhs > 0 ? slack / rhs : 1, lambda, lhs: lhs.value, rhs, slack };
}

/** The exact grid of Lemma B.2 and Corollary B.3 in a fixed order: lambda = k / (bL) for |k| < L, every n in ns. */
export function* lambdaGrid(ns: readonly number[], L: number, b: number): Generator<{ n: number; k: number; L: number; b: number }> {
  for (let k = -(L - 1); k < L; k++) for (const n of ns) yield { n, k, L, b };
}
