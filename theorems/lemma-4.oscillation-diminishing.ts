import type { ClaimRecord } from '../src/verdict/types.js';

/** One step size of the sweep: m = round(1/sqrt(eta)), n = ceil(1/eta^2) (A3 met exactly through the Wishart law of Sigma_hat). */
export interface Lemma4EtaSpec {
  /** eta = 10^etaLog10 */
  etaLog10: number;
  /** independent seeds (Sigma_hat, theta* direction, W(0), the chain's start and its coins) */
  seeds: number;
  /** 'first': stop at the first logged t whose upper bound meets sqrt(eta); 'full': run every logged t <= 1/eta^2 */
  runTo: 'first' | 'full';
}

/** The hypothesis-violation explorations: integer grids that fast-check draws and shrinks. */
export interface Lemma4Explorations {
  numRuns: number;
  /** seeds per explored configuration (the same one-sided t-bounds, Bonferroni over the same grid) */
  seeds: number;
  /** 'oscillation-off': eta = 10^x for x in this list; a_i frozen at the chain's start, or a_i = 0 */
  offEtaLog10: number[];
  /** 'A1': eta = 10^x for x in this list; m = round(2^j / sqrt(eta)) for j in [1, a1MaxLog2] (the lemma fixes m = 1/sqrt(eta)) */
  a1EtaLog10: number[];
  a1MaxLog2: number;
  /** 'A3': eta = 10^x for x in this list; n = floor(2^-j / eta^2) for j in [1, a3MaxLog2] (A3 asks n >= 1/eta^2) */
  a3EtaLog10: number[];
  a3MaxLog2: number;
}

export interface Lemma4Domain {
  etas: Lemma4EtaSpec[];
  d: number;
  /** ||theta*|| (Lemma 4 does not assume A4) */
  thetaStarNorm: number;
  /** logged times: 0, round(10^(k / gridPerDecade)) below 1/eta^2, and 1/eta^2 */
  gridPerDecade: number;
  /** the engine's Stepper against the Sigma_hat-driven simulator on explicit data sets */
  crossCheck: { m: number; d: number; n: number; etaLog10: number[]; steps: number };
  explore: Lemma4Explorations;
}

/** AAAI Lemma 4 = long version Lemma 3.3, with the simulation setup of AAAI Eqs. (6)-(7) (long version Eqs. (5)-(6)). */
export const record: ClaimRecord<Lemma4Domain> = {
  id: 'lemma-4.oscillation-diminishing',
  title: 'Lemma 4: under the three-state oscillation of a, some t0 <= 1/eta^2 has E[(1/m) sum_i ||w_i(t0)||^2] <= sqrt(eta) (m = 1/sqrt(eta))',
  quote: String.raw`\textbf{Lemma 4} (Progressively diminishing under simulation setup). \textit{Suppose Condition 1 (A1-3, 5-6) holds (let $m = \frac{1}{\sqrt{\eta}}$) and consider the update rule in Equations (6) and (7), there exists a step $t_0 \leq \frac{1}{\eta^2}$ such that}$^4$ $\mathbb{E}\left[\frac{1}{m} \sum_{i=1}^m \|\mathbf{w}_i(t_0)\|^2\right] \leq \sqrt{\eta}. \quad (8)$ \quad with $\mathbf{w}_i(t+1) = \mathbf{w}_i(t) - \eta \cdot a_i(t) \nabla \mathcal{L}_{\mathcal{D}}(\theta(t)) \mathbf{x}_i$ (6), $a_i(t+1) = a_i(t) + \delta_i(t)$ (7), $\delta_i(t) = -\eta^{0.25}$ if $a_i(t) = \eta^{0.25}$, $\eta^{0.25}$ if $a_i(t) = -\eta^{0.25}$, $\sim \{-\eta^{0.25}, \eta^{0.25}\}$ if $a_i(t) = 0$; $a_i(0) = \pm\eta^{0.25}$ w.p. $1/4$ each, $0$ w.p. $1/2$; $\mathbf{w}_i(0)$ as in Eq. (5). Footnote 4: $\mathbb{E}$ is over the sampled data and the noise.`,
  quoteLong: String.raw`\textbf{Lemma 3.3} (Progressively diminishing under simulation setup). Suppose Condition 3.1 (A1-3, 5-6) holds (let $m = \frac{1}{\sqrt{\eta}}$) and consider the update rule in Equations (5) and (6), there exists a step $t_0 \le \frac{1}{\eta^2}$ such that $\mathbb{E}\left[\frac{1}{m}\sum_{i=1}^{m}\|\boldsymbol{w}_{i}(t_{0})\|^{2}\right] \leq \sqrt{\eta}. \ (7)$`,
  sources: {
    aaai: ['Simulation Setup: Oscillation Induces Progressive Diminishing', 'Eq. (6)', 'Eq. (7)', 'Lemma 4', 'Eq. (8)', 'footnote 4'],
    long: ['Section 3.2.1', 'Eq. (5)', 'Eq. (6)', 'Lemma 3.3', 'Eq. (7)', 'footnote 4'],
  },
  kind: 'probabilistic',
  hypotheses: ['A1 (m = 1/sqrt(eta))', 'A2', 'A3', 'A5', 'A6', 'oscillation (Eq. (7))'],
  uses: [],
  checks:
    'Eq. (6) read as w_i <- w_i - eta a_i(t) grad_theta L_D(theta(t)) (the gradient of L_D in w_i; the engine\'s OscillationRule), theta = sum_i a_i w_i, y = <theta*, x>. ' +
    'The gradient is Sigma_hat (theta - theta*) with Sigma_hat = (1/n) sum_j x_j x_j^T, which for x_j ~ N(0, I_d) is exactly Wishart_d(n, I)/n: A3 (n >= 1/eta^2) is met exactly at n = ceil(1/eta^2) by drawing Sigma_hat from that law (Bartlett decomposition) and running the process on it (properties/support/oscillationProcess.ts). ' +
    "That simulator is first compared step by step with the engine's Stepper (rule 'oscillation') on explicit data sets (Sigma_hat = (1/n) X^T X of the engine's data set), with the engine's own coins: same gradient and same trajectory to 1e-12, the chains equal bit for bit; if not, no verdict (inconclusive). " +
    'For each eta of the sweep (m = round(1/sqrt(eta))), independent seeds each draw Sigma_hat, the direction of theta*, W(0) (Eq. (5)), the chain\'s start and its coins; the expectation of (1/m) sum_i ||w_i(t)||^2 is bounded by one-sided Student-t bounds over the seeds at every logged t of a log-spaced grid of [0, 1/eta^2], each at ctx.alpha / (grid size) (Bonferroni over the grid; one test of the family per eta). ' +
    'Per eta: holds when some logged t0 <= 1/eta^2 has its upper bound <= sqrt(eta); fails when every logged t has its lower bound above sqrt(eta); inconclusive otherwise. The claim holds when every eta holds, fails when some eta fails. ' +
    'Beside it: the fitted decay rate of the mean against eta^1.5 (the rate E[d||w_i||^2] ~ -eta q^2 ||w_i||^2 of the self term, q = eta^0.25), Condition 1 per eta, and the explorations oscillation-off (a frozen / a = 0), A1 (m up to 2^a1MaxLog2 / sqrt(eta)) and A3 (n down to 2^-a3MaxLog2 / eta^2, explicit data below d).',
  domain: {
    quick: {
      etas: [
        { etaLog10: -1.5, seeds: 12, runTo: 'first' },
        { etaLog10: -2, seeds: 12, runTo: 'first' },
        { etaLog10: -2.5, seeds: 12, runTo: 'first' },
        { etaLog10: -3, seeds: 12, runTo: 'first' },
      ],
      d: 10,
      thetaStarNorm: 1,
      gridPerDecade: 10,
      crossCheck: { m: 6, d: 5, n: 40, etaLog10: [-1, -2], steps: 200 },
      explore: { numRuns: 12, seeds: 8, offEtaLog10: [-1.5, -2], a1EtaLog10: [-1, -1.5], a1MaxLog2: 8, a3EtaLog10: [-1.5, -2], a3MaxLog2: 13 },
    },
    paper: {
      etas: [
        { etaLog10: -1, seeds: 24, runTo: 'full' },
        { etaLog10: -1.5, seeds: 24, runTo: 'full' },
        { etaLog10: -2, seeds: 24, runTo: 'full' },
        { etaLog10: -2.5, seeds: 24, runTo: 'full' },
        { etaLog10: -3, seeds: 16, runTo: 'first' },
        { etaLog10: -3.5, seeds: 12, runTo: 'first' },
      ],
      d: 10,
      thetaStarNorm: 1,
      gridPerDecade: 10,
      crossCheck: { m: 12, d: 8, n: 60, etaLog10: [-1, -2, -3], steps: 500 },
      explore: { numRuns: 30, seeds: 12, offEtaLog10: [-1, -1.5, -2, -2.5], a1EtaLog10: [-1, -1.5], a1MaxLog2: 9, a3EtaLog10: [-1.5, -2, -2.5], a3MaxLog2: 16 },
    },
  },
  thresholds: {
    bound: { value: 0.5, why: 'Eq. (8): E[(1/m) sum_i ||w_i(t0)||^2] <= eta^bound = sqrt(eta)' },
    gridAlphaSplit: {
      value: 1,
      why: 'each eta is one test of the family at ctx.alpha; inside it each one-sided bound at each logged t gets ctx.alpha / G (G = grid size, Bonferroni over the grid), so P(some bound at some logged t is wrong) <= gridAlphaSplit * ctx.alpha per eta',
    },
    horizonPower: { value: 2, why: 'the step t0 must satisfy t0 <= 1/eta^horizonPower = 1/eta^2; the logged grid ends at floor(1/eta^2)' },
    crossCheckTol: {
      value: 1e-12,
      why: "relative gap allowed between the engine's full-batch gradient (read off the step of a probe neuron w = 0, a = 1 added to the engine's state) and Sigma_hat (theta - theta*), and between the two trajectories (max |W_engine - W| / max(1, max |W|)); both sides are the same float64 arithmetic in a different order, so only rounding separates them",
    },
    a5Tail: {
      value: 1e-6,
      why: 'A5 for the Wishart draw: C_data is the smallest C with n P(||x|| > C) <= 1e-6, so the law used is within total variation 1e-6 of the law given max_j ||x_j|| <= C_data',
    },
    divergence: { value: 1e12, why: 'a seed whose (1/m) sum ||w_i||^2 exceeds 1e12 (or is not finite) is stopped as diverged; its later values count as infinite and are reported as strings' },
  },
  tests: 6,
  expected: {
    verdict: 'holds',
    reason:
      'At every eta of the quick sweep (10^-1.5 .. 10^-3) the mean decays like exp(-eta^1.5 t) (fitted rate 0.9-1.0 eta^1.5) and its upper bound meets sqrt(eta) at t ~ 0.13-0.4 / eta^2 (at eta = 1e-3: t = 125893 <= 1e6, upper bound 0.021 <= 0.032).',
  },
};
export default record;
