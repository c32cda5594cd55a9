import chisquareCdf from '@stdlib/stats-base-dists-chisquare-cdf';
import { rows } from '../engine/matrix.js';
import { initNTK } from '../engine/network.js';
import { clopperPearson } from '../stats/binomial.js';
import { logAnyOfM, logChi2, logChiSquareCdf, logChiSquareSf, logGaussNormDeviation, LN2, logNormalTwoSided, logNormalUpper } from '../theory/logTails.js';

/**
 * The norms of the first layer at the NTK initialization (Eq. (5), w_ij(0) ~ N(0, 1/d)): d ||w_i(0)||^2 ~ chi2_d, iid
 * over the m neurons. Lemma C.1's event B0 = {||w_i(0)|| <= r(m) for all i}, r(m) = c m^e (printed: c = 1/4, e = 1/12),
 * has Pr[B0] = F_d(d r(m)^2)^m EXACTLY (F_d the chi-square CDF), evaluated here in log space so that it stays finite at
 * any width (m = 10^60 is a formula, not a simulation). The engine's initNTK is checked against the same law.
 */
export interface NormRadius {
  /** r(m) = c m^exponent */
  readonly c: number;
  readonly exponent: number;
}

/** Lemma C.1's radius as printed: m^(1/12) / 4. */
export const LEMMA_C1_RADIUS: NormRadius = Object.freeze({ c: 0.25, exponent: 1 / 12 });

export interface InitNormLaw {
  /** ln P(||w_i(0)|| > r(m)), one neuron */
  logP1: number;
  /** ln Pr[B0] */
  logB0: number;
  /** ln (1 - Pr[B0]): B0's failure probability */
  logQ: number;
}

/** The exact law at width m = exp(logM) (m may be any real >= 1). */
export function initNormLaw(logM: number, d: number, r: NormRadius): InitNormLaw {
  const x = d * r.c * r.c * Math.exp(2 * r.exponent * logM); // d r(m)^2
  const logP1 = logChiSquareSf(x, d);
  const { logFail, logAll } = logAnyOfM(Math.exp(logM), logP1, logChiSquareCdf(x, d));
  return { logP1, logB0: logAll, logQ: logFail };
}

/** Lemma C.1's proof, Eq. (19)'s left side: ln P(||w_i(0)|| >= m^(1/12)/4) at m = 10^e (and ln of its complement). */
export function logEq19Lhs(d: number, e: number): { logP: number; logQ: number } {
  const r = logChi2((d * 10 ** (e / 6)) / 16, d);
  return { logP: r.logSf, logQ: r.logCdf };
}

/** Eq. (18)'s left side: ln P(| ||Z|| - sqrt d | >= m^(1/12)/8), Z ~ N(0, I_d), at m = 10^e. */
export function logEq18Lhs(d: number, e: number): number {
  return logGaussNormDeviation(d, 10 ** (e / 12) / 8);
}

/** ln of Eqs. (18)-(19)'s right side 2 exp(-m^(1/6) / D) at m = 10^e (printed: D = 64 K_w^4 / c = 128 with K_w^4 = 64/9, c = 32/9). */
export function logEq1819Rhs(e: number, denominator: number): number {
  return LN2 - 10 ** (e / 6) / denominator;
}

/** The width from which Eq. (18)'s event contains {||w|| >= m^(1/12)/4} ("since 1 << m"): m^(1/12) (1/4 - 1/(8 sqrt d)) >= 1. */
export function log10InclusionWidth(d: number): number {
  return 12 * Math.log10(1 / (0.25 - 1 / (8 * Math.sqrt(d))));
}

/** One (m, d) of the engine check: `seeds` NTK initializations. */
export interface InitSample {
  readonly m: number;
  readonly d: number;
  readonly seeds: number;
}

export interface InitAgreement {
  event: 'B0' | 'one neuron';
  m: number;
  d: number;
  trials: number;
  hits: number;
  exact: number;
  lo: number;
  hi: number;
  agrees: boolean;
}

/** Counts B0 and the one-neuron event over `seeds` initializations of the engine (initNTK, Eq. (5)). */
export function countInitNorms(s: InitSample, r: NormRadius, seedOf: (i: number) => string): { b0: number; inside: number; neurons: number } {
  const r2 = (r.c * Math.pow(s.m, r.exponent)) ** 2;
  let b0 = 0;
  let inside = 0;
  for (let i = 0; i < s.seeds; i++) {
    let all = true;
    for (const w of rows(initNTK(s.m, s.d, seedOf(i)).W)) {
      let q = 0;
      for (let k = 0; k < s.d; k++) q += (w[k] as number) ** 2;
      if (q <= r2) inside++;
      else all = false;
    }
    if (all) b0++;
  }
  return { b0, inside, neurons: s.seeds * s.m };
}

/**
 * The engine against the exact law: the frequency of B0 (at small widths, where it is not ~0) and of the one-neuron
 * event pooled over neurons, each with the exact probability inside its two-sided Clopper-Pearson interval at
 * alpha / (number of intervals) (Bonferroni).
 */
export function initLawAgreement(b0: readonly InitSample[], neuron: readonly InitSample[], alpha: number, seedOf: (s: InitSample, i: number) => string): InitAgreement[] {
  const a = alpha / (b0.length + neuron.length);
  const row = (event: InitAgreement['event'], s: InitSample, hits: number, trials: number, exact: number): InitAgreement => {
    const { lo, hi } = clopperPearson(hits, trials, a);
    return { event, m: s.m, d: s.d, trials, hits, exact, lo, hi, agrees: exact >= lo && exact <= hi };
  };
  const r = LEMMA_C1_RADIUS;
  return [
    ...b0.map((s) => row('B0', s, countInitNorms(s, r, (i) => seedOf(s, i)).b0, s.seeds, Math.exp(initNormLaw(Math.log(s.m), s.d, r).logB0))),
    ...neuron.map((s) => {
      const c = countInitNorms(s, r, (i) => seedOf(s, i));
      return row('one neuron', s, c.inside, c.neurons, chisquareCdf(s.d * (r.c * Math.pow(s.m, r.exponent)) ** 2, s.d));
    }),
  ];
}

/**
 * The second layer at the NTK initialization, a_i(0) ~ N(0, 1/m) iid (Eq. (5)): ln Pr[some a_i(0) > m^(-1/4)]
 * (Lemma C.2 (ii) as printed) or, twoSided, ln Pr[some |a_i(0)| > m^(-1/4)] (the proof's event C_0 fails), exactly.
 */
export function logSecondLayerExceeds(m: number, twoSided: boolean): number {
  const z = Math.pow(m, 0.25);
  const lp = twoSided ? logNormalTwoSided(z) : logNormalUpper(z);
  return logAnyOfM(m, lp, Math.log1p(-Math.exp(lp))).logFail;
}

/** The smallest integer width from which that exact probability stays <= c/m (scanned up to 1e5). */
export function secondLayerWidth(twoSided: boolean, c: number): number {
  let last = 1;
  for (let m = 1; m <= 100_000; m++) if (logSecondLayerExceeds(m, twoSided) > Math.log(c / m)) last = m + 1;
  return last;
}
