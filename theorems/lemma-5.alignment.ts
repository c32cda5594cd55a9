import type { ClaimRecord } from '../src/verdict/types.js';

/**
 * The tested domain of the Phase II claims (Lemmas 5-6 / 3.4-3.5 / D.1-D.2): full-batch GD from constructed Phase II
 * start states, over a sweep of eta. Shared (as a type) by lemma-5.*, lemma-6.*.
 */
export interface Phase2Domain {
  /** input dimension */
  d: number;
  /** eta = 10^-k for k in this list (a sweep of at least a decade) */
  etaExponents: number[];
  /** independent runs (theta* direction, Sigma_hat, start state) per eta */
  seeds: number;
  /** m = ceil(widthFactor / sqrt(eta)) at each eta: A1 (m = Omega(1/sqrt(eta))) with its hidden constant read as widthFactor */
  widthFactor: number;
  /** the start has max_i ||w_i|| = max_i |a_i| = startScale * sqrt(eta) (Phase II begins at startScale <= 1) */
  startScale: number;
  /** ||theta*|| values (A4 is not assumed by Lemmas 5-6); one fit per value */
  thetaStarNorms: number[];
  /**
   * the hypothesis-violation searches: fast-check runs per search, their step sizes eta = 10^-k, the largest width of an
   * A1-breaking search, and ||theta*|| (default: the first of thetaStarNorms)
   */
  explore?: { numRuns: number; etaExponents: number[]; maxWidth: number; thetaStarNorm?: number };
}

const quote = String.raw`When all the neurons satisfy $\|\mathbf{w}_i\|, |a_i| \leq \sqrt{\eta}$, we say that Phase II begins. [...] \textbf{Lemma 5} (Alignment). \textit{Suppose Condition 1 (A1-3,5-6) holds and consider gradient descent for updates. Assume that phase II begins at time $t_1$, then at time $t_2 = t_1 + T_2$, $T_2 = \frac{1}{\|\theta^*\|} \cdot \ln(\frac{1}{\eta})$, for any neuron $w_i$ it holds} $$\frac{|\langle \theta^*, w_i(t_2) \rangle|}{\|\theta^*\| \cdot \|w_i(t_2)\|} \geq 1 - \left| O\left(\ln \frac{1}{\eta} \cdot \sqrt{\eta}\right) \right|. \quad (9)$$`;

/** AAAI Lemma 5, Eq. (9) (normalized cosine), "for any neuron", at the printed t2 = t1 + T2 and at t1 + T2/eta. */
export const record: ClaimRecord<Phase2Domain> = {
  id: 'lemma-5.alignment',
  title: 'Lemma 5 (Eq. (9)): from a Phase II start, every neuron has 1 - |cos(w_i, theta*)| <= O(ln(1/eta) sqrt(eta)) at t2 = t1 + ln(1/eta)/||theta*|| under GD',
  quote,
  sources: {
    aaai: ['Phase II: Alignment and Convergence', 'Lemma 5', 'Eq. (9)'],
    long: ['Section 3.3', 'Lemma 3.4 (Eq. (8), unnormalized: claim lemma-5.alignment-long)', 'Lemma D.1 (Eq. (56)) and its proof, Eqs. (47)-(55), (57)'],
  },
  kind: 'asymptotic',
  hypotheses: ['A1', 'A2', 'A3', 'A5', 'A6', 'phase-2-start', 'gradient-descent'],
  uses: ['eq-15-16.sgd-step'],
  checks:
    'Phase II start states are built directly: NTK directions (Eq. (5), engine initNTK) with W and a rescaled so that max_i ||w_i|| = max_i |a_i| = sqrt(eta) (the premise "||w_i||, |a_i| <= sqrt(eta)", at its edge); theta* a random direction of norm ||theta*||; ' +
    'full-batch GD (sigma = 0, Eqs. (49)-(50)) with the exact gradient Sigma_hat (theta - theta*), Sigma_hat = Wishart_d(n, I)/n drawn by the Bartlett decomposition with n = ceil(1/eta^2) (A3 met exactly; the support simulator is checked against the engine\'s Stepper on real small data sets). ' +
    'Width m = ceil(1/sqrt(eta)) at each eta (A1 with constant 1, the smallest width A1 allows). ' +
    'Measured: the worst neuron\'s 1 - |cos(w_i, theta*)| ("for any neuron") at the printed t2 = t1 + ceil(T2), T2 = ln(1/eta)/||theta*||, and at the corrected time t1 + ceil(T2/eta) = t1 + ceil(ln(1/eta)/(eta ||theta*||)), the time at which the proof\'s exp(T2 eta M) would be exp(ln(1/eta) M/||theta*||) (in T2 steps (I + eta M)^T2 = I + O(eta ln(1/eta)): the proof\'s replacement of it by e M/||theta*|| does not hold). ' +
    'Per time: OLS of ln(worst 1 - |cos|) on ln(ln(1/eta) sqrt(eta)) over all (eta, seed) runs, t interval for the exponent at the per-test alpha; the O(.) bound allows exponent >= 1. ' +
    'Evidence only: the median neuron and the worst neuron among those with ||w_i|| >= sqrt(eta) (Lemma 6\'s proviso), the implied constants, and the amplification (1 + eta ||theta*||)^steps of the growing mode against the proof\'s e. ' +
    'Verdict: printed time consistent -> holds; printed inconsistent and corrected consistent -> erratum; both inconsistent -> fails. Exploration: A1 broken (m below 1/sqrt(eta)).',
  domain: {
    quick: { d: 5, etaExponents: [1.5, 2, 2.5, 3, 3.5, 4], seeds: 8, widthFactor: 1, startScale: 1, thetaStarNorms: [1], explore: { numRuns: 6, etaExponents: [2.5, 3, 3.5], maxWidth: 4 } },
    paper: { d: 10, etaExponents: [1.5, 2, 2.5, 3, 3.5, 4, 4.5], seeds: 12, widthFactor: 1, startScale: 1, thetaStarNorms: [1], explore: { numRuns: 16, etaExponents: [2.5, 3, 3.5, 4], maxWidth: 6 } },
  },
  thresholds: {
    claimedExponent: {
      value: 1,
      why: 'q = O(r) as eta -> 0 allows q/r to stay bounded: in ln q = b0 + b ln r (r -> 0) that is b >= 1; a fit is inconsistent with the claim when the upper end of its t interval (at the per-test alpha) is below 1 (q/r grows as eta -> 0)',
    },
    minLower: {
      value: 0,
      why: 'a fit whose interval reaches 1 counts as consistent only if its lower end is above 0 (the quantity demonstrably shrinks with eta); otherwise it is undecided (too noisy) and the verdict inconclusive',
    },
    roundoffFloor: {
      value: 2 ** -52,
      why: '1 - |cos| is computed without cancellation as (||w_perp||^2/||w||^2)/(1 + |cos|); values below float64 epsilon are set to it before taking logs (a fit with every value there is consistent)',
    },
    stepperTol: {
      value: 1e-12,
      why: 'the support GD (gradient Sigma_hat (theta - theta*)) must reproduce the engine\'s full-batch Stepper on real data (Sigma_hat from the data) to 1e-12 relative over 50-80 steps (measured ~1e-16); otherwise the verdict is inconclusive',
    },
    exploreC: {
      value: 1,
      why: 'explorations test single runs against 1 - |cos| <= C ln(1/eta) sqrt(eta) at the corrected time, the O(.) constant read as C = 1 (as Condition 1\'s hidden constants are)',
    },
    divergenceBound: { value: 1e8, why: '|theta_k| > 1e8 or a non-finite theta ends a run, reported as "diverged at step N" and left out of the fits' },
  },
  tests: 2,
  expected: {
    verdict: 'fails',
    reason:
      'At the quick tier the worst neuron does not align at either time (exponent ~-0.03 at the printed t2 and ~-0.2 at t1 + T2/eta, both intervals below 1): with m >= 1/sqrt(eta) some neuron starts with a tiny component on the growing mode (w, a) ~ (theta*/||theta*||, 1) and keeps its O(sqrt(eta)) orthogonal part, although the median neuron aligns at rate ~sqrt(eta) at t1 + T2/eta.',
  },
};
export default record;
