import type { ClaimRecord } from '../src/verdict/types.js';
import type { SyntheticSetup } from '../src/scenarios/syntheticTraining.js';

export interface OscillationDomain {
  setup: SyntheticSetup;
  steps: number;
  logEvery: number;
  trackNeurons: number;
}

/** direction +1 as printed; the norm falls at least normFallFactor (1: "diminish"); per effect the SESOI and assumed sd; the power. */
export type OscillationStatement = { direction: number; normFallFactor: number; sesoiFall: number; sdFall: number; sesoiContrast: number; sdContrast: number; power: number };

/** The authors' oscillation notebook, with AAAI "Simulation Setup" Eqs. (6)-(7) (long version Eqs. (5)-(6)). */
export const record: ClaimRecord<OscillationDomain, OscillationStatement> = {
  id: 'experiment.oscillation',
  title: 'Oscillation notebook: GD on W with the second layer oscillated by the three-state chain of Eqs. (6)-(7) shrinks the first-layer norms; with a frozen they do not shrink',
  quote: String.raw`\textbf{oscillation.ipynb}: To investigate the cause of Phase I, we conducted experiments using GD while \textbf{directly oscillating the second-layer network weights} under the same setting. We also observed that the first-layer network weights progressively diminish to very small values. This further demonstrates that label noise accelerates the oscillations in the second layer, thereby contributing to the progressive diminishing of the first-layer weights. [AAAI, Simulation Setup:] $\mathbf{w}_i(t+1) = \mathbf{w}_i(t) - \eta \cdot a_i(t) \nabla \mathcal{L}_{\mathcal{D}}(\theta(t)) \mathbf{x}_i$ (6), $a_i(t+1) = a_i(t) + \delta_i(t)$ (7), $\delta_i(t) = -\eta^{0.25}$ if $a_i(t) = \eta^{0.25}$, $\eta^{0.25}$ if $a_i(t) = -\eta^{0.25}$, $\sim \{-\eta^{0.25}, \eta^{0.25}\}$ if $a_i(t) = 0$. The initialization of $a_i$ is set to $\eta^{0.25}$ or $-\eta^{0.25}$, each with probability $1/4$ and set to $0$ with probability $1/2$. [...] With this design, the neurons in the second layer exhibit strong oscillations within a small range.`,
  sources: {
    aaai: ['Simulation Setup: Oscillation Induces Progressive Diminishing', 'Eq. (6)', 'Eq. (7)'],
    long: ['Section 3.2.1', 'Eq. (5)', 'Eq. (6)'],
  },
  kind: 'empirical',
  hypotheses: ['oscillation (Eq. (7))', 'GD on W (Eq. (6))', 'NTK init of W (Eq. (5))'],
  uses: ['lemma-4.oscillation-diminishing'],
  checks:
    "The oscillation process (the engine's 'oscillation' rule: w_i <- w_i - eta a_i(t) grad_theta L_D(theta(t)), full batch, no label noise; a_i a three-state chain on {-q, 0, +q}, q = eta^0.25, started at +-q w.p. 1/4 each and 0 w.p. 1/2) on the synthetic setup of Figure 2 (the notebook's \"same setting\"), independent seeds; " +
    'the contrast is GD on W with a frozen at the same chain start (the same data, W(0) and a(0); run exactly through w_i(t) = w_i(0) - a_i G(t), src/scenarios/oscillatedSecondLayer.ts). ' +
    'Two effects, each decided by the empirical-effect rule (direction and SESOI below, seeds from seedsForPower, power reported) and combined by combineAll: (1) under the oscillation the first-layer norms diminish: log(Avg||w_i||(0) / Avg||w_i||(end)) - log(normFallFactor); (2) the oscillation causes it: log(frozen end/start) - log(oscillation end/start) of the mean norm. ' +
    "Avg||w_i||^2 at the end is reported beside sqrt(eta) (Lemma 4's level; that lemma is its own claim, and this setup has m = 100 != 1/sqrt(eta), outside its premise).",
  domain: {
    quick: { setup: { config: { m: 100, d: 10, n: 100, eta: 1e-2, sigma: 0, thetaStarNorm: 100 ** -0.25 }, nTest: 100 }, steps: 30_000, logEvery: 150, trackNeurons: 6 },
    paper: { setup: { config: { m: 1000, d: 20, n: 200, eta: 1e-3, sigma: 0, thetaStarNorm: 1000 ** -0.25 }, nTest: 200 }, steps: 300_000, logEvery: 3_000, trackNeurons: 6 },
  },
  thresholds: {
    tailFraction: { value: 0.1, why: 'the end of a run is the mean over its last 10% of logged points' },
    paperBudget: {
      value: 21,
      why: "paper tier at the paper's horizon again (2026-12-05, evening): 300,000 steps (eta t = 300, as the quick tier), logged every 3,000 (100 points, as before), now that the oscillation process runs in the WebAssembly kernel (src/engine/kernels/oscKernel.ts, the JavaScript loops' bits; bench/oscillation-speedup.ts: 157 -> 10.4 CPU us a step at m = 1000, d = 20) and the coins are drawn in bulk: 150,000 steps cost 19.4 CPU s for the narrowed paper audit (88.5 with the loops). Measured at 300,000 steps: 21.4 CPU s for the narrowed paper audit (19.3 user + 2.1 system, 19 s wall, nothing else running), verdict holds. Before: paper tier, scaled for the ~750 CPU s of the synthetic claims (issue 14): 150,000 steps (eta t = 150) instead of 300,000 (eta t = 300, the quick tier's horizon) at the paper's m = 1000, d = 20, eta = 1e-3: the oscillation process runs the engine's JavaScript loops at ~10 CPU s per 100,000 steps a seed (measured: one seed, 100,000 steps, 10.2 CPU s, load ~25 on 2 cores; its mean norm had already fallen to 0.29 of its start, the frozen contrast's to 0.9997), so 5 seeds at 300,000 steps cost ~155 CPU s; no exact O(d^2) form exists (each neuron's a_i follows its own chain). A shorter horizon only weakens both effects (the fall and the contrast grow with t), so a holds here is not bought by the scaling. Measured: 89.0 CPU s for the narrowed paper audit (load ~23 on 2 cores; >150 s before). Paper-tier verdict: holds, as at the quick tier (contrast log ratio mean 1.85, sd 0.031, 5 seeds)",
    },
  },
  tests: 2,
  rule: 'empirical-effect',
  statement: { direction: 1, normFallFactor: 1, sesoiFall: Math.log(2), sdFall: 0.1, sesoiContrast: Math.log(2), sdContrast: 0.1, power: 0.8 },
  twins: [
    { id: 'direction', change: 'the first-layer norms grow under the oscillation, and more than with a frozen (direction flipped)', statement: { direction: -1 } },
    { id: 'norm-falls-1000x', change: 'the mean norm falls at least a thousandfold (it falls about fiftyfold)', statement: { normFallFactor: 1000 } },
  ],
  combine:
    'Both effects are claimed (combineAll): any fails -> fails, both hold -> holds. SESOIs: a halving of the mean norm ("diminish to very small values"), and a halving relative to the frozen contrast (log 2 each). The assumed sds are the 6-seed pilot\'s at commit 728459d (0.08 and 0.08), rounded up.',
  searches: [],
  expected: {
    verdict: 'holds',
    reason: 'Under the oscillation the mean first-layer norm falls about fiftyfold in every seed, while with a frozen it stays within a percent; both effects are shown at the claim\'s alpha. Unchanged; now decided by the empirical-effect rule with seeds from a power computation (the per-seed thresholds are gone).',
  },
};
export default record;
