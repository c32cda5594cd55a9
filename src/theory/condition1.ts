import chisquareCdf from '@stdlib/stats-base-dists-chisquare-cdf';
import { footnote3C, lemma3BindingWidth, lemma3QuarterWidth } from './constants.js';

/** Where a configuration stands with respect to one hypothesis. */
export type HypothesisStatus = 'met' | 'relaxed' | 'unreachable' | 'unevaluable';

export interface HypothesisCheck {
  id: string;
  status: HypothesisStatus;
  /** what the hypothesis asks, in numbers for this configuration */
  required: string;
  /** what the configuration has */
  actual: string;
  /** log10(actual / required) for inequalities (positive = on the right side), when defined */
  log10Margin?: number;
  detail: string;
}

export interface Configuration {
  m: number;
  d: number;
  n: number;
  eta: number;
  sigma: number;
  thetaStarNorm: number;
  /** max_i ||x_i|| of the training set (the C_data of A5 that the data meet) */
  maxXNorm: number;
}

/** log10 of the smallest positive float64 (subnormal): no step size below it exists in float64. */
export const LOG10_MIN_DOUBLE = Math.log10(Number.MIN_VALUE);
/** The widest network a run on this machine can hold (m x d doubles in 24 GiB at d = 20 is ~1.5e8): beyond is unreachable. */
export const REACHABLE_WIDTH = 1e8;

const fmt = (x: number): string => (Math.abs(x) >= 1e4 || (Math.abs(x) < 1e-3 && x !== 0) ? x.toExponential(3) : x.toPrecision(4));

/**
 * P(| ||x|| - sqrt(d) | >= sqrt(d)/3) for x ~ N(0, I_d): the one consequence of A6 that the proofs use
 * (long version Eq. (44) needs it <= 1/2). Exact through the chi-square CDF.
 */
export function eq44Probability(d: number): number {
  const lo = ((2 * Math.sqrt(d)) / 3) ** 2;
  const hi = ((4 * Math.sqrt(d)) / 3) ** 2;
  return chisquareCdf(lo, d) + (1 - chisquareCdf(hi, d));
}

/**
 * Evaluates Condition 1 (AAAI) / Condition 3.1 (long version) for a configuration, hypothesis by hypothesis.
 * The hidden constants of Omega(.) are read as 1 (stated in each detail); C is the smallest value footnote 3 allows.
 */
export function evaluateCondition1(c: Configuration): HypothesisCheck[] {
  const C = footnote3C(c.d, c.sigma, c.maxXNorm);
  const out: HypothesisCheck[] = [];

  const a1 = 1 / Math.sqrt(c.eta);
  out.push({
    id: 'A1',
    status: c.m >= a1 ? 'met' : 'relaxed',
    required: `m >= 1/sqrt(eta) = ${fmt(a1)} (AAAI: m = Omega(1/sqrt(eta)), hidden constant read as 1)`,
    actual: `m = ${c.m}`,
    log10Margin: Math.log10(c.m / a1),
    detail: c.m >= a1 ? 'over-parameterized as A1 asks' : `m is ${fmt(a1 / c.m)} times too small`,
  });
  const a1LongLog10 = C.log10C + Math.log10(Math.max(Math.log(1 / c.eta) ** 6, a1));
  out.push({
    id: 'A1-long',
    status: Math.log10(c.m) >= a1LongLog10 ? 'met' : a1LongLog10 > Math.log10(REACHABLE_WIDTH) ? 'unreachable' : 'relaxed',
    required: `m >= C max((ln 1/eta)^6, 1/sqrt(eta)) = 10^${a1LongLog10.toFixed(1)} (long version, C from footnote 3)`,
    actual: `m = ${c.m}`,
    log10Margin: Math.log10(c.m) - a1LongLog10,
    detail: `the long version's A1 carries the constant C >= 10^${C.log10C.toFixed(1)}`,
  });

  const a2Log10 = -96 * C.log10C;
  out.push({
    id: 'A2',
    status: a2Log10 < LOG10_MIN_DOUBLE ? 'unreachable' : c.eta <= 10 ** a2Log10 ? 'met' : 'relaxed',
    required: `eta <= C^-96 = 10^${a2Log10.toFixed(0)} (C >= 10^${C.log10C.toFixed(2)} by footnote 3)`,
    actual: `eta = ${fmt(c.eta)}`,
    log10Margin: a2Log10 - Math.log10(c.eta),
    detail:
      a2Log10 < LOG10_MIN_DOUBLE
        ? `no float64 step size is that small (the smallest positive double is 10^${LOG10_MIN_DOUBLE.toFixed(1)}); relaxed to the tested eta`
        : 'step size small enough',
  });

  const a3 = 1 / (c.eta * c.eta);
  out.push({
    id: 'A3',
    status: c.n >= a3 ? 'met' : 'relaxed',
    required: `n >= 1/eta^2 = ${fmt(a3)}`,
    actual: `n = ${c.n}`,
    log10Margin: Math.log10(c.n / a3),
    detail: c.n >= a3 ? 'enough data' : `n is ${fmt(a3 / c.n)} times too small`,
  });

  const a4 = Math.pow(c.m, -0.25);
  out.push({
    id: 'A4',
    status: c.thetaStarNorm <= a4 ? 'met' : 'relaxed',
    required: `||theta*|| <= m^(-1/4) = ${fmt(a4)}`,
    actual: `||theta*|| = ${fmt(c.thetaStarNorm)}`,
    log10Margin: Math.log10(a4 / c.thetaStarNorm),
    detail: c.thetaStarNorm <= a4 ? 'small interpolator' : `||theta*|| is ${fmt(c.thetaStarNorm / a4)} times too large`,
  });

  out.push({
    id: 'A5',
    status: 'met',
    required: 'max_i ||x_i|| <= C_data, a constant with e C_data^2 <= C',
    actual: `max_i ||x_i|| = ${fmt(c.maxXNorm)}`,
    detail: `met by taking C_data = ${fmt(c.maxXNorm)}; it enters C through e C_data^2 = 10^${(C.terms[2] as number).toFixed(2)}`,
  });

  const p44 = eq44Probability(c.d);
  out.push({
    id: 'A6',
    status: 'unevaluable',
    required: 'd >= 9 ln(2) K^4 / (2c), with K, c the unspecified constants of Lemma B.5',
    actual: `d = ${c.d}`,
    detail: `K and c are not given; the consequence the proof uses (Eq. (44): P(| ||x|| - sqrt(d) | >= sqrt(d)/3) <= 1/2) ${
      p44 <= 0.5 ? 'holds' : 'FAILS'
    } exactly at d = ${c.d}: P = ${fmt(p44)}`,
  });

  const w8 = lemma3BindingWidth(c.d);
  const wq = lemma3QuarterWidth(c.d);
  out.push({
    id: 'rho-width',
    status: c.m >= wq ? 'met' : wq > REACHABLE_WIDTH ? 'unreachable' : 'relaxed',
    required: `m >= ((1 - 3/(4 sqrt pi)) rho / (1/2 - 3/(4 sqrt pi)))^8 = ${fmt(wq)} (proof of Lemma C.3)`,
    actual: `m = ${c.m}`,
    log10Margin: Math.log10(c.m / wq),
    detail: `Lemma 3's bound rho/m^(1/8) drops below 1 only for m > rho^8 = ${fmt(w8)}`,
  });
  // a margin is reported only where it is a finite number (||theta*|| = 0 makes A4's infinite)
  return out.map((h) => (h.log10Margin !== undefined && !Number.isFinite(h.log10Margin) ? (({ log10Margin: _drop, ...rest }) => rest)(h) : h));
}
