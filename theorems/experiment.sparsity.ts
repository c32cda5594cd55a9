import type { ClaimRecord } from '../src/verdict/types.js';
import type { ContrastSetting } from '../src/scenarios/labelNoiseContrast.js';

export interface SparsityDomain extends ContrastSetting {
  logEvery: number;
  /** fractions of neurons kept in the pruning analogue of Figure 1 (right) */
  keep: number[];
  /** the sparse-theta* variant: theta* with `sparsity` non-zero coordinates and n < d (coordinate sparsity of theta), evidence only */
  sparseTheta: ContrastSetting & { seeds: number };
}

/** direction +1: label noise is sparser; per effect the SESOI and the assumed sd of the paired log-ratio; the power. */
export type SparsityStatement = { direction: number; sesoiParticipation: number; sdParticipation: number; sesoiPruned: number; sdPruned: number; power: number };

/** "Label noise SGD ... inherently favors sparser solutions" / "the model becomes sparser" (Phase II) / SAM "promotes sparsity". */
export const record: ClaimRecord<SparsityDomain, SparsityStatement> = {
  id: 'experiment.sparsity',
  title: 'Label noise yields sparser solutions: fewer effective neurons and better pruned models than plain SGD on the synthetic setup',
  quote: String.raw`Figure 1 demonstrates the observation where stochastic gradient descent (SGD) with label noise enhances model generalization capability and inherently favors sparser solutions. [...] \textbf{Phase II.} The neurons increasingly align ground-truth interpolator, and the model becomes sparser. [Figure 1 caption:] (Right). Label noise SGD leads to sparser solutions. Testing accuracy of pruned model $\text{Acc}(\theta(T; \alpha))$ vs. the percentage of remaining parameters $\alpha$. [...] models trained with label noise SGD maintain higher performance at the same sparsity level.`,
  sources: { aaai: ['Introduction', 'Figure 1'], long: ['Introduction'] },
  kind: 'empirical',
  hypotheses: ['sigma>0'],
  uses: ['experiment.figure-2'],
  checks:
    'Label-noise SGD against plain SGD at equal steps, paired over seeds (same data, initialization and sampled indices), on the synthetic setup of Figure 2. The synthetic network has no parameter-level sparsity to read directly; two neuron-level effects, each decided by the empirical-effect rule (direction and SESOI below, seeds from seedsForPower, power reported) and combined by combineAll: ' +
    "(1) fewer effective neurons: log(PR plain / PR label noise), PR = (sum_i c_i)^2 / (m sum_i c_i^2) the participation ratio of the contributions c_i = |a_i| ||w_i|| (m PR is the effective number of active neurons; label noise's over the final 10% of the run, plain SGD's at its end); " +
    "(2) the analogue of Figure 1 (right): keep the fraction keepDecisive of the neurons with the largest c_i and compare the pruned models' test losses relative to the zero predictor's: log(pruned loss plain / pruned loss label noise). " +
    'Beside it (evidence only): the stable rank of W, the pruning curve at every fraction, and a sparse-theta* variant (theta* with 2 non-zero coordinates, n < d) reporting the effective support ||theta||_1^2 / ||theta||_2^2 of the learned theta with and without label noise.',
  domain: {
    quick: {
      setup: { config: { m: 100, d: 10, n: 100, eta: 1e-2, sigma: 2.25, thetaStarNorm: 100 ** -0.25 }, nTest: 500 },
      steps: 60_000,
      logEvery: 600,
      keep: [0.05, 0.1, 0.25, 0.5, 0.75, 1],
      sparseTheta: { setup: { config: { m: 100, d: 20, n: 10, eta: 1e-2, sigma: 2.25, thetaStarNorm: 100 ** -0.25 }, nTest: 500, sparsity: 2 }, seeds: 2, steps: 60_000 },
    },
    paper: {
      setup: { config: { m: 1000, d: 20, n: 200, eta: 1e-3, sigma: 4, thetaStarNorm: 1000 ** -0.25 }, nTest: 1000, simulator: 'common-map' },
      steps: 600_000,
      logEvery: 10_000,
      keep: [0.05, 0.1, 0.25, 0.5, 0.75, 1],
      sparseTheta: { setup: { config: { m: 1000, d: 20, n: 10, eta: 1e-3, sigma: 4, thetaStarNorm: 1000 ** -0.25 }, nTest: 1000, sparsity: 2, simulator: 'common-map' }, seeds: 2, steps: 600_000 },
    },
  },
  thresholds: {
    keepDecisive: { value: 0.25, why: 'the pruning comparison that decides: 25% of the neurons kept (Figure 1 (right) compares accuracy at equal remaining fractions; one fraction is fixed in advance to avoid choosing after the fact)' },
    tailFraction: { value: 0.1, why: "label noise SGD's participation ratio is averaged over the last 10% of the run" },
    fixedPoint: { value: 1e-30, why: 'plain SGD is stopped once its train loss is below 1e-30: it interpolates and its state no longer moves' },
    paperBudget: {
      value: 100,
      why: "paper tier at the declared settings, nothing scaled (the seeds of the power computation x 600,000 steps of label-noise and plain SGD at m = 1000, d = 20, and the sparse-theta* variant): the runs go through the exact common-map form (setup.simulator; src/engine/commonMap.ts, O(d^2) a step, equal to the full simulation within 1e-9; W and a are materialized at the logged steps and at the end, where the pruning curves read them). Measured: 99.6 CPU s for the narrowed paper audit (load ~23 on 2 cores; >150 s before). Paper-tier verdict: holds, as at the quick tier",
    },
  },
  tests: 2,
  rule: 'empirical-effect',
  statement: { direction: 1, sesoiParticipation: Math.log(4 / 3), sdParticipation: 0.15, sesoiPruned: Math.log(2), sdPruned: 0.65, power: 0.8 },
  twins: [{ id: 'direction', change: 'label noise gives more effective neurons and worse pruned models (direction flipped)', statement: { direction: -1 } }],
  combine:
    'Both effects are claimed (combineAll): any fails -> fails, both hold -> holds. SESOIs: a quarter fewer effective neurons (log 4/3); a halving of the pruned relative test loss (log 2). The assumed standard deviations are the 10-seed pilot\'s at commit 728459d (0.11 and 0.60), rounded up.',
  searches: [],
  expected: {
    verdict: 'holds',
    reason:
      "Label noise leaves fewer effective neurons (participation ratio of |a_i| ||w_i|| about 0.6 of plain SGD's) and its model pruned to 25% of the neurons keeps far more of its accuracy than plain SGD's lazy solution; both effects are shown at the claim's alpha. Unchanged; now decided by the empirical-effect rule with seeds from a power computation.",
  },
};
export default record;
