import type { EscapeDomain, EscapeGroupSpec } from '../src/scenarios/lazyEscapeGrid.js';
import type { ClaimRecord } from '../src/verdict/types.js';

/** The statement's parameters: T1 = t1Const sqrt(log m) / (sigma^2 eta^2 sqrt(m)) (printed 384), failure probability O(m^rateExponent). */
export type EscapeStatement = { t1Const: number; rateExponent: number };

const sweepEta = (reps: number): EscapeGroupSpec => ({
  group: 'sweep-eta',
  ms: [64, 128, 256, 512, 1024],
  d: 20,
  n: 200,
  eta: 1e-3,
  sigma: 4,
  thetaScale: 1,
  reps,
  resolution: 10,
  budget: 200_000,
  mode: 'atT1',
  fit: true,
});

/** Theorem 2 (AAAI) = Theorem 3.2 = Theorem C.4 (long version), with Definition 1 / 3.1. */
export const record: ClaimRecord<EscapeDomain, EscapeStatement> = {
  id: 'theorem-2.escape-lazy',
  title: 'Theorem 2: with probability 1 - O(1/m) every neuron has left the lazy ball ||w_i(t) - w_i(0)|| <= 1/sqrt(m) at T1 = 384 sqrt(log m) / (sigma^2 eta^2 sqrt(m))',
  quote: String.raw`\textbf{Definition 1} (The lazy regime). $\forall i \in [m]$, it holds that $\|\mathbf{w}_i(t) - \mathbf{w}_i(0)\| \leq \frac{1}{\sqrt{m}}$. \quad \textbf{Theorem 2} (Escaping the lazy regime). Suppose Condition 1 (A1-2, 4-6) hold and consider the update rule in Equation (3). With probability at least $1 - O\left(\frac{1}{m}\right)$, all the neurons $\mathbf{w}_i$ ($i \in [m]$) escape from the lazy regime at time $T_1 = \frac{384\sqrt{\log m}}{\sigma^2 \eta^2 \sqrt{m}}$.`,
  quoteLong: String.raw`\textbf{Theorem 3.2 / C.4} (Escaping the lazy regime). Suppose Condition 3.1 (A1-2, 4-6) holds and consider the update rule in Equation (3). With probability at least $1 - O(\frac{1}{m})$, all the neurons $w_i$ ($i \in [m]$) escape from the lazy regime at time $T_1 = \frac{384\sqrt{\log m}}{\sigma^2 \eta^2 \sqrt{m}}$.`,
  sources: {
    aaai: ['Definition 1', 'Theorem 2', 'Proof Sketch of Theorem 2'],
    long: ['Definition 3.1', 'Theorem 3.2', 'Theorem C.4 (proof, Eqs. (45)-(46))'],
  },
  kind: 'probabilistic',
  hypotheses: ['A1', 'A2', 'A4', 'A5', 'A6', 'sigma>0'],
  uses: ['lemma-3.nonpositive', 'lemma-3.quarter', 'lemma-3.positive-rare', 'lemma-3.bounded', 'lemma-c2.a-bound', 'lemma-c2.gradient-bound', 'lemma-b6.chernoff'],
  checks:
    'Label-noise SGD (Eq. (3), batch 1, eps = +-sigma) from the NTK init (Eq. (5)) on the data of Section 3.1, over groups of configurations (m, d, n, eta, sigma, ||theta*|| <= m^(-1/4)) with several independent runs each (src/scenarios/lazyEscape.ts). ' +
    "Each run records every neuron's first exit time tau_i = first checked t with ||w_i(t) - w_i(0)|| > 1/sqrt(m) (checked every `resolution` steps: a late detection only overestimates tau). Where floor(T1) is within the budget the run is taken there and every neuron is checked outside the ball at floor(T1) (the statement's \"at time T1\"); elsewhere it stops once every neuron has left. " +
    'A run fails when some neuron is inside the ball at floor(T1) (or had not left by then); it is unresolved (left out of the counts, reported) when it diverged or stopped before T1 with a neuron inside. ' +
    "Rule high-probability (the one reading of 'with probability 1 - O(1/m)'): per setting, k failures in N runs per width with Clopper-Pearson bounds; c*(m) = p(m) m is judged by its trend over the declared range. Settings: the swept groups (two or more widths) and the wide runs (1e4 to 1e9, exact sufficient-statistic simulation on fresh inputs, K tracked neurons: a tracked neuron inside the ball at floor(T1) violates \"all the neurons\"); combined by all. Single-width groups (reach-*, paper) are reported, not deciding. " +
    'Beside it, never deciding: the rate of max tau / T1 in m per swept group (rate rule, exponent 0), the fixed reading p <= 1/m, Condition 1 per configuration, and one search per broken hypothesis (sigma>0, A4, A1, stability, A6). Each run at floor(T1) is reported as a lazy-escape observation (properties/monitors/lazyEscape.ts).',
  domain: {
    quick: {
      groups: [
        sweepEta(4),
        { group: 'sweep-etam', ms: [32, 64, 128, 256, 512], d: 20, n: 200, etaTimesM: 0.5, sigma: 4, thetaScale: 1, reps: 3, resolution: 2, budget: 120_000, mode: 'atT1', fit: true },
        { group: 'reach-a', ms: [64], d: 10, n: 100, eta: 1e-2, sigma: 4, thetaScale: 0.5, reps: 3, resolution: 5, budget: 120_000, mode: 'atT1', fit: false },
        { group: 'reach-b', ms: [128], d: 20, n: 200, eta: 4e-3, sigma: 8, thetaScale: 0.25, reps: 2, resolution: 5, budget: 120_000, mode: 'atT1', fit: false },
        { group: 'reach-c', ms: [48], d: 40, n: 400, eta: 8e-3, sigma: 6, thetaScale: 0.5, reps: 2, resolution: 5, budget: 120_000, mode: 'atT1', fit: false },
      ],
      range: [32, 1e9],
      wide: { ms: [1e4, 1e6, 1e9], d: 3, K: 64, etaTimesM: 0.3, t1Steps: 30_000, thetaScale: 0.5, reps: 2, every: 10 },
      explore: { numRuns: 6, ms: [32, 64], etaTimesM: 0.5, a4Scales: [3, 10, 30, 100], a1Etas: [0.02, 0.05, 0.1], stabilityEtaTimesM: [2, 3, 4, 6, 8], a6Ds: [1, 2, 3] },
    },
    paper: {
      groups: [
        { group: 'paper', ms: [1000], d: 20, n: 200, eta: 1e-3, sigma: 4, thetaScale: 1, reps: 20, resolution: 10, budget: 200_000, mode: 'firstExit', fit: false },
        { group: 'paper-at-T1', ms: [1000], d: 20, n: 200, eta: 1e-3, sigma: 4, thetaScale: 1, reps: 1, resolution: 10, budget: 2_100_000, mode: 'atT1', fit: false },
        sweepEta(10),
        { group: 'sweep-etam', ms: [32, 64, 128, 256, 512, 1024, 2048], d: 20, n: 200, etaTimesM: 0.5, sigma: 4, thetaScale: 1, reps: 3, resolution: 2, budget: 400_000, mode: 'atT1', fit: true },
        { group: 'reach-a', ms: [64], d: 10, n: 100, eta: 1e-2, sigma: 4, thetaScale: 0.5, reps: 10, resolution: 5, budget: 400_000, mode: 'atT1', fit: false },
        { group: 'reach-b', ms: [128], d: 20, n: 200, eta: 4e-3, sigma: 8, thetaScale: 0.25, reps: 5, resolution: 5, budget: 400_000, mode: 'atT1', fit: false },
        { group: 'reach-c', ms: [48], d: 40, n: 400, eta: 8e-3, sigma: 6, thetaScale: 0.5, reps: 5, resolution: 5, budget: 400_000, mode: 'atT1', fit: false },
        { group: 'reach-d', ms: [256], d: 20, n: 200, eta: 2.5e-3, sigma: 8, thetaScale: 1, reps: 3, resolution: 5, budget: 400_000, mode: 'atT1', fit: false },
      ],
      range: [32, 1e9],
      wide: { ms: [1e4, 1e5, 1e6, 1e7, 1e8, 1e9], d: 3, K: 200, etaTimesM: 0.3, t1Steps: 300_000, thetaScale: 0.5, reps: 3, every: 10 },
      explore: { numRuns: 16, ms: [32, 64, 128], etaTimesM: 0.5, a4Scales: [3, 10, 30, 100, 300], a1Etas: [0.01, 0.02, 0.05, 0.1], stabilityEtaTimesM: [2, 3, 4, 6, 8], a6Ds: [1, 2, 3, 4] },
    },
  },
  thresholds: {
    range: { value: 32, why: 'the declared range of widths [32, 1e9]: each setting is judged between its smallest and largest width inside it' },
    fixedConstant: { value: 1, why: 'reported only: the reading p(m) <= 1/m (c = 1) per width, which decided the old verdict' },
    ratio: {
      value: 1,
      why: 'a run is consistent with the theorem when every neuron has left the ball by floor(T1), i.e. max_i tau_i / T1 < 1 (and, where T1 is reached, every neuron is outside the ball at floor(T1))',
    },
    divergenceBound: { value: 1e8, why: 'the engine\'s default: |theta_k| > 1e8 or a non-finite theta ends a run as "diverged at step s", reported as an outcome (unresolved), never as a number' },
    stabilityEdge: {
      value: 2,
      why: 'one-sample step along x_j is stable while eta x_j^T K x_j < 2, K = ||a||^2 I + W^T W the NTK at init (~ eta m ||x||^2 / d); each configuration reports eta max_j x_j^T K(0) x_j (evidence only)',
    },
  },
  tests: 5,
  rule: 'high-probability',
  statement: { t1Const: 384, rateExponent: -1 },
  twins: [{ id: 't1/1000', change: 'T1 with its constant 384 divided by 1000 (0.384): most neurons are still inside the lazy ball then (max tau / T1 is ~1e-3..1e-2), so the event fails with probability ~1 at every width', statement: { t1Const: 0.384 } }],
  combine: "one setting per group with two or more widths (sweep-eta, sweep-etam) and one for the wide runs, each decided by the high-probability rule over the declared range; combined by 'all'",
  searches: [
    { name: 'sigma>0', breaks: 'sigma>0', what: "sigma = 0 over the noisy run's escape horizon: a neuron still in the ball" },
    { name: 'A4', breaks: 'A4', what: '||theta*|| = s m^(-1/4), s > 1: a neuron still in the ball at floor(T1)' },
    { name: 'A1', breaks: 'A1', what: 'm < 1/sqrt(eta): a neuron still in the ball at floor(T1)' },
    { name: 'stability', breaks: 'stability', what: 'eta m beyond the stability edge: divergence before every neuron left' },
    { name: 'A6', breaks: 'A6', what: 'small input dimension d: a neuron still in the ball at floor(T1)' },
  ],
  expected: {
    verdict: 'inconclusive',
    reason:
      'Was holds by the fixed reading c = 1 (no width rejected p <= 1/m). Now by the high-probability rule: no run fails, but 0 failures in a few runs per width cannot show that c*(m) = m p(m) stays bounded across [32, 1e9] (it needs runs in proportion to m); the twin T1/1000 fails everywhere and is rejected. Before: at the quick tier all 42 runs have every neuron out of the lazy ball by max tau / T1 < 0.01 and all 13 runs taken to floor(T1) have every neuron outside the ball there, so no width rejects a failure probability <= 1/m.',
  },
};
export default record;
