import { eq44Probability } from './condition1.js';
import { K4_GAUSS, LN2, logAdd, logBinomialPmf, logGaussNormDeviation, threePointK4 } from './logTails.js';

/**
 * Lemma B.5 (long version, Eq. (11)): P(| ||X|| - sqrt n | >= t) <= 2 exp(-c t^2 / K^4) for independent sub-gaussian
 * coordinates with E X_i^2 = 1, K = max_i ||X_i||_psi2. For one law the statement holds with c iff
 * c <= K^4 inf_{n, t > 0} -log(P/2)/t^2; each point below carries its exact log P, so any c is judged on it.
 */
export interface DeviationPoint {
  /** 'gaussian' or 'three-point q = ...' */
  law: string;
  K4: number;
  n: number;
  t: number;
  /** log P(| ||X|| - sqrt n | >= t), exact */
  logP: number;
}

/** The largest c this point allows: K^4 (-log(P/2)/t^2) (+Infinity when P = 0). */
export function cAllowed(p: DeviationPoint): number {
  return (p.K4 * -(p.logP - LN2)) / (p.t * p.t);
}

/** Gaussian coordinates (K^4 = 64/9): P through the chi distribution (log-space incomplete gamma). */
export function gaussianPoint(n: number, t: number): DeviationPoint {
  return { law: 'gaussian', K4: K4_GAUSS, n, t, logP: logGaussNormDeviation(n, t) };
}

/**
 * Three-point coordinates X_i = +-1/sqrt(q) w.p. q/2, 0 otherwise (q = 1: Rademacher, ||X|| = sqrt n, no point):
 * ||X||^2 = B/q with B ~ Binomial(n, q); P is a step function of t and -log(P/2)/t^2 decreases between its jumps, so the
 * infimum over t is at the atoms t = | sqrt(k/q) - sqrt n |, each with P(| ||X|| - sqrt n | >= t) exactly. n = 1..nMax,
 * generated in order (the paper tier's grids are too large to hold).
 */
export function* threePointPoints(q: number, nMax: number): Generator<DeviationPoint> {
  const law = `three-point q = ${q}`;
  const K4 = threePointK4(q);
  for (let n = 1; n <= nMax && q < 1; n++) {
    const lp = logBinomialPmf(n, q);
    const atoms = Array.from({ length: n + 1 }, (_, k) => ({ t: Math.abs(Math.sqrt(k / q) - Math.sqrt(n)), k })).sort((a, b) => b.t - a.t);
    let logP = -Infinity;
    for (const { t, k } of atoms) {
      logP = logAdd(logP, lp[k] as number);
      if (t > 1e-12) yield { law, K4, n, t, logP };
    }
  }
}

/**
 * What a constant c gives for x ~ N(0, I_d) (Gaussian K): A6 (d >= 9 ln 2 K^4/(2c)); Eq. (44)'s printed bound
 * 2 exp(-4cd/(9K^4)) against the exact P(| ||x|| - sqrt d | >= sqrt(d)/3) (eq44Probability), and the bound Lemma B.5
 * gives at t = sqrt(d)/3, 2 exp(-cd/(9K^4)), for d = 1..dMax.
 */
export function eq44Consequences(c: number, dMax: number): { a6RequiredD: number; printedFails: number; printedFirstFailingD: number; correctedFails: number; printedLargestValidC: number; holdsExactlyFromD: number } {
  let printedFails = 0;
  let printedFirstFailingD = 0;
  let correctedFails = 0;
  let printedLargestValidC = Infinity;
  let holdsExactlyFromD = dMax + 1;
  for (let d = dMax; d >= 1; d--) {
    const p = eq44Probability(d);
    if (p > 2 * Math.exp((-4 * c * d) / (9 * K4_GAUSS))) {
      printedFails++;
      printedFirstFailingD = d;
    }
    if (p > 2 * Math.exp((-c * d) / (9 * K4_GAUSS)) * (1 + 1e-12)) correctedFails++;
    printedLargestValidC = Math.min(printedLargestValidC, (-Math.log(p / 2) * 9 * K4_GAUSS) / (4 * d));
    if (p <= 0.5 && holdsExactlyFromD === d + 1) holdsExactlyFromD = d;
  }
  return { a6RequiredD: (9 * LN2 * K4_GAUSS) / (2 * c), printedFails, printedFirstFailingD, correctedFails, printedLargestValidC, holdsExactlyFromD };
}
