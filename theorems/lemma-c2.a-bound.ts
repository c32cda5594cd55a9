import type { ClaimRecord } from '../src/verdict/types.js';
import { LAZY_DOMAIN, type LazyDomain } from './lemma-c2.gradient-bound.js';

/** Lemma C.2 (ii) (long version only). Runs the same grid as lemma-c2.gradient-bound, with its own seeds. */
export const record: ClaimRecord<LazyDomain> = {
  id: 'lemma-c2.a-bound',
  title: 'Lemma C.2 (ii): while the model is lazy (t <= T0), a_i(t) <= m^(-1/4) for every i, with probability 1 - O(1/m)',
  quote: String.raw`\textbf{Lemma C.2.} Suppose Condition 3.1 (A1-2,4-6) holds and consider the update rule in Equation (3). Given the model is still in the lazy regime within $T_0 = O(\frac{\log m}{\eta^2 \cdot m^{1/2}})$, with probability at least $1 - O(\frac{1}{m})$, we have the following two propositions hold: \ldots (ii). (Bound of $a_i$) For every $t \leq T_0$, $a_i(t) \leq m^{-1/4}$.`,
  sources: { long: ['Lemma C.2 (ii)', 'its proof: event C_t, Eqs. (25)-(31) and the union bound after Eq. (31)', 'proof of Lemma C.2 via Lemma C.1 (||w_i(0)|| <= m^(1/12))'] },
  kind: 'probabilistic',
  hypotheses: ['A1', 'A2', 'A4', 'A5', 'A6', 'lazy-premise'],
  uses: ['lemma-c1.init-norms', 'lemma-c2.gradient-bound'],
  checks:
    'Label-noise SGD (Eq. (3), batch 1, eps = +-sigma) from the NTK init (Eq. (5)), followed while the premise holds: up to the first step tau at which a watched neuron leaves the lazy ball ||w_i(t) - w_i(0)|| <= 1/sqrt(m). ' +
    'A run fails (ii) as printed when some a_i(t) > m^(-1/4) at some t < tau, and fails the proof\'s event C_t when some |a_i(t)| > m^(-1/4). With the engine\'s Simulation every neuron is watched (the event of the statement); with the reduced simulator only K tracked neurons are (a sub-event: its frequency bounds the failure probability from below). ' +
    'Per width: k failures in N runs, the exact one-sided binomial test of H0: failure probability <= c/m (c = 1) at the per-test alpha, and one-sided Clopper-Pearson bounds beside 1/m; the smallest constant c the data allow (max over widths of m x the Clopper-Pearson lower bound); the trend of the failure fraction and of max a_i(t) m^(1/4) with m. ' +
    'Exact at t = 0: Pr[some a_i(0) > m^(-1/4)] = 1 - (1 - Phi(-m^(1/4)))^m and its two-sided version, the widths from which they are <= 1/m, Eq. (25)\'s Pr[|a_i(0)| >= m^(-1/8)], and the proof\'s Pr[C_0] >= 1 - 4d/m. Also the size of the Azuma bound (29)-(31) at t = T0. One search per broken hypothesis (lazy-premise, A4).',
  domain: LAZY_DOMAIN,
  thresholds: {
    c: {
      value: 1,
      why: 'the hidden constant of O(1/m), read as 1 (as Condition 1 is evaluated and as theorem-2.escape-lazy reads it): per width, H0 "failure probability <= c/m" is rejected by an exact one-sided binomial test at the per-test alpha; a rejection at any tested width makes the verdict fails',
    },
    proofConstant: {
      value: 4,
      why: 'not deciding: the proof itself concludes Pr[C_0] >= 1 - 4d/m at t = 0; the same binomial tests are reported with c = 4d (d = 20: 80) to show whether even the proof\'s own constant is exceeded',
    },
    bound: { value: 1, why: 'max_i a_i(t) m^(1/4) > 1 at some t < tau is a failure of (ii) as printed; max_i |a_i(t)| m^(1/4) > 1 is a failure of the proof\'s event C_t (reported separately)' },
    exploreFactor: {
      value: 2,
      why: 'the hypothesis-violation searches (lazy-premise, A4) look for max_i |a_i(t)| m^(1/4) > 2: the bound broken by a factor 2, beyond every run with the hypotheses met (those reach ~1.3), so that what they find is due to the broken hypothesis and not to the failure the grid already shows',
    },
    divergenceBound: { value: 1e8, why: 'a run whose |theta_k| exceeds 1e8 ends as "diverged at step s", reported as an outcome' },
  },
  tests: 15,
  expected: {
    verdict: 'fails',
    reason:
      'At eta = 1/m (the paper\'s eta m = 1) some a_i(t) exceeds m^(-1/4) inside the lazy window in 3-6 of 12 runs at each of m = 64-512 (1/m <= 0.016; exact binomial p <= 2e-6), and exactly at t = 0 Pr[some a_i(0) > m^(-1/4)] > 1/m for m < 342, so 1 - 1/m is violated at reachable widths (a constant c ~ 20 or more is needed); no run exceeds at m = 1024.',
  },
};
export default record;
