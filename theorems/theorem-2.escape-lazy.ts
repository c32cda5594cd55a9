import type { ClaimRecord } from '../src/verdict/types.js';

/**
 * One group of configurations of the grid: the same parameters at each width m in `ms`, `reps` runs
 * (independent data, init, sampling and noise) per width.
 */
export interface EscapeGroupSpec {
  /** label: 'sweep-eta' (eta fixed, m varies), 'sweep-etam' (eta = etaTimesM / m), 'reach-*' (T1 within the budget), 'paper*' */
  group: string;
  ms: number[];
  d: number;
  n: number;
  /** a fixed step size, or ... */
  eta?: number;
  /** ... eta = etaTimesM / m (a fixed distance to the stability edge eta m ||x||^2 / d ~ 2) */
  etaTimesM?: number;
  sigma: number;
  /** ||theta*|| = thetaScale * m^(-1/4); A4 asks thetaScale <= 1 */
  thetaScale: number;
  reps: number;
  /** drift checked every `resolution` steps */
  resolution: number;
  /** step budget of one run */
  budget: number;
  /** 'atT1': run exactly floor(T1) steps when floor(T1) <= budget and check every neuron there; else stop when all neurons have left the ball */
  mode: 'atT1' | 'firstExit';
  /** include the group in the log-log fit of max tau / T1 against m */
  fit: boolean;
}

/** The cheap configurations of the hypothesis-violation searches (one hypothesis broken at a time). */
export interface EscapeExplorations {
  numRuns: number;
  /** widths of the sigma = 0, A4, A6 and stability searches; eta = etaTimesM / m with the grid's d = 20, n = 200, sigma = 4 unless broken */
  ms: number[];
  etaTimesM: number;
  /** A4: ||theta*|| = scale * m^(-1/4) with scale > 1 */
  a4Scales: number[];
  /** A1: m < 1/sqrt(eta) for these eta (m from 2 up to ceil(1/sqrt(eta)) - 1) */
  a1Etas: number[];
  /** stability: eta * m beyond the edge */
  stabilityEtaTimesM: number[];
  /** A6: input dimensions where Eq. (44)'s consequence fails or nearly fails */
  a6Ds: number[];
}

/**
 * Widths no full run can hold (up to 1e9), simulated exactly through the sufficient statistics
 * (theta, W^T W, ||a||^2) with K tracked neurons (src/engine/reduced.ts), on fresh Gaussian inputs.
 * eta = etaTimesM / m (the stability edge), and sigma is set so that T1 = t1Steps: Theorem 2 places
 * no condition on sigma, and both T1 and the escape time scale as 1/(sigma^2 eta^2).
 */
export interface LargeWidthSpec {
  ms: number[];
  d: number;
  K: number;
  etaTimesM: number;
  t1Steps: number;
  thetaScale: number;
  reps: number;
  every: number;
}

export interface EscapeDomain {
  groups: EscapeGroupSpec[];
  largeWidth: LargeWidthSpec;
  /** the sigma = 0 contrast runs for the noisy run's horizon (its all-escaped step), at most this many steps */
  contrastCap: number;
  explore: EscapeExplorations;
}

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
export const record: ClaimRecord<EscapeDomain> = {
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
    'Label-noise SGD (Eq. (3), batch 1, eps = +-sigma) from the NTK init (Eq. (5)) on the data of Section 3.1, over a grid of configurations (m, d, n, eta, sigma, ||theta*|| <= m^(-1/4)) with several independent runs each. ' +
    "Each run records every neuron's first exit time tau_i = first checked t with ||w_i(t) - w_i(0)|| > 1/sqrt(m) (checked every `resolution` steps: a late detection only overestimates tau), and reports max_i tau_i / T1. " +
    'Where floor(T1) is within the budget the run is taken to t = floor(T1) and every neuron is checked outside the ball there (the statement\'s "at time T1"); elsewhere it stops once every neuron has left the ball, and "at T1" is not checked. ' +
    'A run fails when T1 was reached with a neuron inside the ball (or never out by T1); it is unresolved when T1 lies beyond the budget and some neuron had not left, or it diverged. ' +
    'Per width m, the failures are tested exactly against a failure probability c/m (binomial, one-sided, at the per-test alpha) with a Clopper-Pearson upper bound beside 1/m; unresolved runs are counted as failures for the inconclusive check. ' +
    'The fast-check search "main" draws grid cells (each run once, cached) and shrinks a failing one. ' +
    'Beside it: the same runs without label noise (sigma = 0) for the noisy run\'s escape horizon; log-log fits of max tau / T1 and of max tau against m (t intervals) with the extrapolated width where max tau would reach T1; Condition 1 per configuration; and one search per broken hypothesis (sigma>0, A4, A1, stability, A6). ' +
    'Widths beyond a full run (1e4 to 1e9) are simulated exactly through the sufficient statistics (theta, W^T W, ||a||^2) with K tracked neurons, a uniformly random subset of the m: a tracked neuron inside the ball at floor(T1) is a direct violation of "all the neurons", and the runs per width are tested against c/m as above. ' +
    'Tests: one exact binomial test (with its Clopper-Pearson bound) per distinct width of the grid (at most 10 over both tiers), two slope intervals per fitted group (2 groups), and one binomial test per large width (at most 6): 20.',
  domain: {
    quick: {
      groups: [
        sweepEta(4),
        { group: 'sweep-etam', ms: [32, 64, 128, 256, 512], d: 20, n: 200, etaTimesM: 0.5, sigma: 4, thetaScale: 1, reps: 3, resolution: 2, budget: 120_000, mode: 'atT1', fit: true },
        { group: 'reach-a', ms: [64], d: 10, n: 100, eta: 1e-2, sigma: 4, thetaScale: 0.5, reps: 3, resolution: 5, budget: 120_000, mode: 'atT1', fit: false },
        { group: 'reach-b', ms: [128], d: 20, n: 200, eta: 4e-3, sigma: 8, thetaScale: 0.25, reps: 2, resolution: 5, budget: 120_000, mode: 'atT1', fit: false },
        { group: 'reach-c', ms: [48], d: 40, n: 400, eta: 8e-3, sigma: 6, thetaScale: 0.5, reps: 2, resolution: 5, budget: 120_000, mode: 'atT1', fit: false },
      ],
      contrastCap: 200_000,
      largeWidth: { ms: [1e4, 1e6, 1e9], d: 3, K: 64, etaTimesM: 0.3, t1Steps: 30_000, thetaScale: 0.5, reps: 2, every: 10 },
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
      contrastCap: 400_000,
      largeWidth: { ms: [1e4, 1e5, 1e6, 1e7, 1e8, 1e9], d: 3, K: 200, etaTimesM: 0.3, t1Steps: 300_000, thetaScale: 0.5, reps: 3, every: 10 },
      explore: { numRuns: 16, ms: [32, 64, 128], etaTimesM: 0.5, a4Scales: [3, 10, 30, 100, 300], a1Etas: [0.01, 0.02, 0.05, 0.1], stabilityEtaTimesM: [2, 3, 4, 6, 8], a6Ds: [1, 2, 3, 4] },
    },
  },
  thresholds: {
    c: {
      value: 1,
      why: 'the hidden constant of O(1/m), read as 1 (as Condition 1 is evaluated): per width, H0 "failure probability <= c/m" is rejected by an exact one-sided binomial test at the per-test alpha',
    },
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
  tests: 20,
  expected: {
    verdict: 'holds',
    reason:
      'At the quick tier all 42 runs have every neuron out of the lazy ball by max tau / T1 < 0.01 and all 13 runs taken to floor(T1) have every neuron outside the ball there, so no width rejects a failure probability <= 1/m.',
  },
};
export default record;
