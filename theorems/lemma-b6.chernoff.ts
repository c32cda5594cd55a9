import type { ClaimRecord } from '../src/verdict/types.js';

/** The statement's parameter: the factor on the bound e^{-mu}(e mu/t)^t (1 as printed). */
export type ChernoffStatement = { boundFactor: number };


export interface ChernoffDomain {
  /** exact binomial grid: N = 1..gridNMax, p = k / gridPDen (k = 1..gridPDen - 1), t on gridTSteps fractions */
  gridNMax: number;
  gridPDen: number;
  gridTSteps: number;
  /** Poisson-binomial searches: N = 1..searchNMax, p_i = k_i / pDen (k_i = 1..pDen - 1), t on tSteps fractions */
  searchNMax: number;
  pDen: number;
  tSteps: number;
  numRuns: number;
  /** Theorem C.4's use: T1 (N = T1 trials with p = 1/4, mu = T1/4, t = T1/8) */
  c4T1s: number[];
}

/** Lemma B.6 (long version, Appendix B), Eq. (12): the printed event P{S_N <= t} with t > mu is the wrong tail. */
export const record: ClaimRecord<ChernoffDomain, ChernoffStatement> = {
  id: 'lemma-b6.chernoff',
  title: 'Lemma B.6 (Chernoff): printed P{S_N <= t} <= e^{-mu}(e mu/t)^t for t > mu fails; the lower tail for t < mu (the form Theorem C.4 uses) and the upper tail P{S_N >= t} for t > mu hold',
  quote: String.raw`\textbf{Lemma B.6.} (\textit{Chernoff's inequality}) Let $X_i$ be independent Bernoulli random variables with parameters $p_i$. Consider their sum $S_N = \sum_{i=1}^N X_i$ and denote its mean by $\mu = \mathbb{E}[S_N]$. Then, for any $t > \mu$, we have $$\mathbb{P}\{S_N \le t\} \le e^{-\mu} \left(\frac{e\mu}{t}\right)^t. \tag{12}$$`,
  sources: { long: ['Lemma B.6', 'Eq. (12)', 'used in: proof of Theorem C.4 (P[sum_j X_j >= T1/8] >= 1 - exp(-T1/4) (e (T1/4)/(T1/8))^{T1/8} = 1 - (2/e)^{T1/8})'] },
  kind: 'identity',
  hypotheses: ['X_i independent Bernoulli(p_i)', 't > mu (printed); t < mu (corrected, lower tail)'],
  uses: [],
  checks:
    'Exact distributions: S_N is Poisson-binomial, its pmf computed by dynamic programming in log space (binomial pmf through log-gamma on the equal-p grid); the bound in logs, -mu + t (1 + log mu - log t). Three forms, each on an exact binomial grid and by a fast-check search over unequal p_i on a rational grid: ' +
    'printed P{S_N <= t} for t > mu (t = mu + (N - mu) j/J); corrected, lower tail P{S_N <= t} for 0 < t < mu (t = mu j/J) — the stated correction, being the form Theorem C.4 applies (mu = T1/4, t = T1/8); and the upper tail P{S_N >= t} for t > mu, the other standard reading, reported. A case violates when log P > log bound + tol (1 + |log P|). ' +
    'Verdict by the inequality rule (printed holds -> holds; printed fails and the lower-tail correction holds -> erratum; else fails); a grid violation is replayed through fast-check as a counterexample. Theorem C.4\'s use is checked exactly for a range of T1 (Binomial(T1, 1/4)).',
  domain: {
    quick: { gridNMax: 40, gridPDen: 20, gridTSteps: 20, searchNMax: 30, pDen: 20, tSteps: 20, numRuns: 1000, c4T1s: [8, 16, 32, 64, 128, 256, 1024, 4096] },
    paper: { gridNMax: 200, gridPDen: 50, gridTSteps: 50, searchNMax: 150, pDen: 100, tSteps: 100, numRuns: 3000, c4T1s: [8, 16, 32, 64, 128, 256, 512, 1024, 4096, 16_384, 65_536] },
  },
  thresholds: {
    logTol: {
      value: 1e-9,
      why: 'the log-space dynamic programme and log-gamma pmf are exact to ~1e-13 relative in log; a case violates only when log P exceeds the log bound by more than 1e-9 (1 + |log P|)',
    },
  },
  tests: 0,
  rule: 'inequality',
  statement: { boundFactor: 1 },
  twins: [{ id: 'bound/10', change: 'the bound e^{-mu}(e mu/t)^t divided by 10', statement: { boundFactor: 0.1 } }],
  combine: 'one domain per form: the exact binomial grid and the Poisson-binomial search; the printed form decides, the stated lower-tail correction makes an erratum',
  searches: [
    { name: 'printed', what: 'Bernoulli p_i and t > mu where P{S_N <= t} exceeds the bound' },
    { name: 'printed-grid', what: 'the violating binomial grid points of the printed form, replayed' },
    { name: 'corrected-lower', what: 'Bernoulli p_i and 0 < t < mu where P{S_N <= t} exceeds the bound' },
    { name: 'corrected-lower-grid', what: 'the violating grid points of the lower-tail form, replayed' },
    { name: 'corrected-upper', what: 'Bernoulli p_i and t > mu where P{S_N >= t} exceeds the bound (reported)' },
    { name: 'corrected-upper-grid', what: 'the violating grid points of the upper-tail form, replayed' },
  ],
  expected: {
    verdict: 'erratum',
    reason: 'Decided by the inequality rule with the stated correction (unchanged: erratum). for t > mu the event {S_N <= t} is the likely one while the bound is < 1 (shrunk: N = 1, p = 0.05, t = 0.145 gives P = 0.95 > 0.942; t >= N gives P = 1), so the printed form fails on most grid cases; the lower-tail form (t < mu, the one Theorem C.4 applies) holds on every case, as does the upper-tail form P{S_N >= t} (t > mu).',
  },
};
export default record;
