import type { ClaimRecord } from '../src/verdict/types.js';
import type { ContrastSetting } from '../src/scenarios/labelNoiseContrast.js';

export interface GeneralizationDomain {
  /** the paper's synthetic setup (n >= d: theta* is the only interpolator): reported, not deciding; `seeds` paired runs */
  paper: ContrastSetting & { seeds: number };
  /** the underdetermined variant (n < d: many interpolators, so the implicit bias decides the test loss): decides */
  under: ContrastSetting;
  logEvery: number;
  /** the n < d seeds under a sequential design (src/verdict/checks/sequential.ts), at most the fixed design's seeds; absent: the fixed design */
  sequential?: SequentialDomain;
}

/** K looks equally spaced in seeds, alpha spent by the named Lan-DeMets function */
export interface SequentialDomain {
  looks: number;
  spending: 'pocock' | 'power3';
}

/** direction +1: label noise lowers the test loss; the SESOI and assumed sd of log(test plain / test label noise); the power. */
export type GeneralizationStatement = { direction: number; sesoi: number; sd: number; power: number };

/** "Label noise improves generalization" (AAAI abstract, Introduction and Figure 1; the synthetic setup is offered as its minimal explanation). */
export const record: ClaimRecord<GeneralizationDomain, GeneralizationStatement> = {
  id: 'experiment.generalization',
  title: 'Label noise SGD generalizes better than plain SGD: what the synthetic setup can say (test loss at equal steps, paired over seeds)',
  quote: String.raw`Motivated by empirical observations that training with noisy labels improves model generalization, we delve into the underlying mechanisms behind stochastic gradient descent (SGD) with label noise. [...] Our analysis highlights the critical role of label noise in driving the transition from the lazy to the rich regime and minimally explains its empirical success. [Introduction:] Figure 1 demonstrates the observation where stochastic gradient descent (SGD) with label noise enhances model generalization capability and inherently favors sparser solutions.`,
  sources: { aaai: ['Abstract', 'Introduction', 'Figure 1'], long: ['Abstract', 'Introduction'] },
  kind: 'empirical',
  hypotheses: ['sigma>0', 'n < d (more than one interpolator)'],
  uses: ['experiment.figure-2'],
  checks:
    "Label-noise SGD (batch 1, eps = +-sigma) against plain SGD (sigma = 0) at equal steps, paired over seeds (the same data, initialization and sampled indices; only eps differs), on the synthetic setup of Sec. 3.1. Test loss: label-noise SGD's mean over the final 10% of the run; plain SGD's at the end (it is stopped at an interpolating fixed point, train loss < 1e-30). " +
    "(1) The paper's setup (n = 200 >= d = 20, x ~ N(0, I)): theta* is the only interpolator, so any method that fits the data reaches it and no implicit bias can show in the test loss; the comparison there only measures label noise's fluctuation floor. It is run and reported, and does not decide. " +
    '(2) The underdetermined variant (n < d, otherwise the same): the data leave a (d - n)-dimensional family of interpolators, and which one a method reaches decides its test loss. There the effect log(test loss of plain SGD / test loss of label-noise SGD) is decided by the empirical-effect rule (direction and SESOI below, seeds from seedsForPower, power reported).',
  domain: {
    quick: {
      paper: { setup: { config: { m: 100, d: 10, n: 100, eta: 1e-2, sigma: 2.25, thetaStarNorm: 100 ** -0.25 }, nTest: 500 }, steps: 60_000, seeds: 2 },
      under: { setup: { config: { m: 100, d: 20, n: 10, eta: 1e-2, sigma: 2.25, thetaStarNorm: 100 ** -0.25 }, nTest: 500 }, steps: 60_000 },
      logEvery: 600,
    },
    paper: {
      paper: { setup: { config: { m: 1000, d: 20, n: 200, eta: 1e-3, sigma: 4, thetaStarNorm: 1000 ** -0.25 }, nTest: 1000 , simulator: 'common-map' }, steps: 600_000, seeds: 3 },
      under: { setup: { config: { m: 1000, d: 20, n: 10, eta: 1e-3, sigma: 4, thetaStarNorm: 1000 ** -0.25 }, nTest: 1000 , simulator: 'common-map' }, steps: 1_000_000 },
      logEvery: 10_000,
      sequential: { looks: 3, spending: 'power3' },
    },
  },
  thresholds: {
    tailFraction: { value: 0.1, why: "label noise SGD's test loss is averaged over the last 10% of the run (it fluctuates around its noise floor)" },
    fixedPoint: { value: 1e-30, why: 'plain SGD is stopped once its train loss is below 1e-30: it interpolates and its state no longer moves' },
    paperBudget: {
      value: 98,
      why: "paper tier at the declared settings, nothing scaled: the runs go through the exact common-map form (setup.simulator; src/engine/commonMap.ts, O(d^2) a step, equal to the full simulation within 1e-9), and the n < d seeds follow the declared sequential design (domain.paper.sequential: 3 looks at 5, 9 and 13 seeds, the fixed design's 13, alpha spent by A(t) = alpha t^3; src/verdict/checks/sequential.ts, calibrated in test/verdict/checks/sequential.test.ts). Measured: 97.6 CPU s for the narrowed paper audit (load ~25 on 2 cores; ~300 s before). Paper-tier verdict: holds, as at the quick tier, at look 2 (9 seeds): log ratio mean 2.4 (sd 0.79), one-sided bounds [0.77, 4.0]",
    },
  },
  tests: 1,
  rule: 'empirical-effect',
  statement: { direction: 1, sesoi: Math.log(2), sd: 0.45, power: 0.8 },
  twins: [{ id: 'direction', change: 'label noise raises the test loss (direction flipped)', statement: { direction: -1 } }],
  combine:
    "Decided on the underdetermined variant alone, declared before any run: the paper's setup (n >= d) has one interpolator and cannot show an implicit-bias effect, so it is reported beside the verdict, never combined into it. SESOI: a halving of the test loss (log 2), the smallest difference a log-scale test-loss figure such as Figure 1 would show; the assumed sd 0.45 is the 10-seed pilot's (0.40 at commit 728459d), rounded up.",
  searches: [],
  expected: {
    verdict: 'holds',
    reason:
      "In the paper's setup (n >= d) plain SGD reaches theta* and label noise only adds its fluctuation floor, so that setup cannot speak; with n < d label-noise SGD's test loss is several times lower than plain SGD's (plain SGD keeps the initialization's null-space component, label noise shrinks it), and the effect is shown at the claim's alpha. Unchanged; now decided by the empirical-effect rule with seeds from a power computation.",
  },
};
export default record;
