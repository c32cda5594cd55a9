import type { ClaimRecord } from '../src/verdict/types.js';
import type { TwoPhaseExperiment, TwoPhaseStatement } from '../src/scenarios/twoPhaseDynamics.js';

/** AAAI Figure 4 and "Extension: From Label Noise SGD to SAM" (the long version has no SAM section). */
export const record: ClaimRecord<TwoPhaseExperiment, TwoPhaseStatement> = {
  id: 'experiment.figure-4-sam',
  title: 'Figure 4: SAM in place of label noise SGD shows the same two phases (the norm of W decreases first, then the alignment with theta* increases)',
  quote: String.raw`\textbf{SAM exhibits the two-phase learning dynamics under synthetic setups.} First, we focus on the exact dynamics of SAM on synthetic data. We conduct the synthetic experiments similar to previous sections except for replacing label noise SGD with SAM. In Figure 4 (b), the norm of the first-layer weights $\mathbf{W}$ initially decreases, demonstrating the progressive diminishing phenomenon; subsequently, the alignment between $\mathbf{W}$ and ground-truth interpolator $\theta^*$ increases, indicating an active feature learning process. Furthermore, in Figure 4, we visualize the learning dynamics of a single neuron, evidently confirming that the two-phase picture holds for SAM. [Update rule:] $\theta(t+1) = \theta(t) - \eta \nabla \ell_{\xi_t} \left( \theta(t) + \rho \frac{\nabla \ell_{\xi_t}(\theta(t))}{\|\nabla \ell_{\xi_t}(\theta(t))\|_2} \right)$, where $\xi_t \in [n]$ is the index sampled at iteration $t$ and $\rho$ is the perturbation radius. [Caption:] Figure 4: Two-phase dynamics of SAM under synthetic setup. (a) Loss curves. (b) Learning dynamics on average. The averaged neuron norm $\text{Avg}_{i \in [m]}(\|w_i(t)\|_2)$ and the averaged neuron alignment $\text{Avg}_{i \in [m]}(\langle w_i(t), \theta^* \rangle)$ vs. training iteration $t$. (c) Learning dynamics of $i$-th neuron.`,
  sources: {
    aaai: ['Figure 4', 'Extension: From Label Noise SGD to SAM'],
  },
  kind: 'empirical',
  hypotheses: ['rho>0', 'NTK init (Eq. (5))', 'A4 (||theta*|| = m^(-1/4))'],
  uses: ['experiment.figure-2'],
  checks:
    "Per-sample SAM as the paper's update rule prints it (batch 1, xi_t uniform on [n], no label noise): the gradient of the sampled loss over all parameters (W, a) is taken at (W, a) + rho g / ||g||, g the gradient at (W, a), and the step is taken from (W, a) (the engine's 'sam' rule), from the NTK initialization on the synthetic setup of experiment.figure-2. " +
    'rho is not printed in the paper: rho = 0.1 at both tiers, the radius at which the perturbed residual rho ||grad_(W,a) f(x)|| (about rho sqrt(m) at initialization) matches the label-noise scale of Figure 2 at the paper setting (3.2 vs sigma = 4). ' +
    'The same four effects as experiment.figure-2 (the mean norm falls; the alignment rises afterwards; the alignment rises, printed and sign-invariant; the test loss falls), each decided by the empirical-effect rule with seeds from a power computation; the sign symmetry holds for SAM too (the perturbation and the step are equivariant under (w_i, a_i) -> (-w_i, -a_i)); exploration "rho>0": the same seeds with rho = 0 (plain SGD).',
  domain: {
    quick: {
      setup: { config: { m: 100, d: 10, n: 100, eta: 1e-2, sigma: 0, thetaStarNorm: 100 ** -0.25 }, nTest: 500 },
      rule: { kind: 'sam', rho: 0.1 },
      quiet: { kind: 'plain' },
      quietBreaks: 'rho>0',
      steps: 60_000,
      logEvery: 300,
      frameSteps: [0, 5_000, 10_000, 20_000, 30_000, 60_000],
      frameNeurons: 100,
      trackNeurons: 6,
      symmetry: { setup: { config: { m: 40, d: 10, n: 100, eta: 1e-2, sigma: 0, thetaStarNorm: 40 ** -0.25 }, nTest: 10 }, steps: 3_000, flips: 20, every: 50 },
      explore: { seeds: 8, numRuns: 2, steps: 30_000 },
    },
    paper: {
      setup: { config: { m: 1000, d: 20, n: 200, eta: 1e-3, sigma: 0, thetaStarNorm: 1000 ** -0.25 }, nTest: 1000, simulator: 'common-map' },
      rule: { kind: 'sam', rho: 0.1 },
      quiet: { kind: 'plain' },
      quietBreaks: 'rho>0',
      steps: 600_000,
      logEvery: 3_000,
      frameSteps: [0, 30_000, 100_000, 200_000, 400_000, 600_000],
      frameNeurons: 200,
      trackNeurons: 6,
      symmetry: { setup: { config: { m: 1000, d: 20, n: 200, eta: 1e-3, sigma: 0, thetaStarNorm: 1000 ** -0.25 }, nTest: 10 }, steps: 10_000, flips: 500, every: 500 },
      explore: { seeds: 4, numRuns: 1, steps: 200_000 },
    },
  },
  thresholds: {
    tailFraction: { value: 0.1, why: '"the end" of a run is the mean over its last 10% of logged points' },
    smoothHalf: { value: 2, why: 'the half-fall and half-rise steps are read from a centered moving average over 5 logged points' },
    paperBudget: {
      value: 100,
      why: "paper tier at the declared settings, nothing scaled (13 seeds x 600,000 SAM steps at m = 1000, d = 20, the explorations and the sign-flip check): the SAM runs go through the exact common-map form (setup.simulator; src/engine/commonMap.ts: every neuron moves by one linear map, O(d^2) a step, equal to the full simulation within 1e-9), ~30 times the full simulation's 4,700 SAM steps per CPU s; measured 100 CPU s for the narrowed paper audit (load ~25 on 2 cores), where the full simulation would need ~1,700 s for the seeds alone. Paper-tier verdict: erratum, as at the quick tier (printed mean alignment: equivalence shown, mean rise 0.009; corrected Avg|cos|: rise 0.525 shown)",
    },
  },
  tests: 5,
  rule: 'empirical-effect',
  statement: {
    direction: 1,
    normFallFactor: 1,
    sesoiNormFall: Math.log(2),
    sdNormFall: 0.1,
    sesoiPrecedence: Math.log(1.5),
    sdPrecedence: 0.1,
    sesoiAlignment: 0.2,
    sdAlignment: 0.13,
    sesoiLossDrop: Math.log(4),
    sdLossDrop: 0.7,
    power: 0.8,
  },
  twins: [
    { id: 'direction', change: 'every direction flipped: the norm of W rises, the alignment rises before the norm falls, the alignment falls, the test loss rises', statement: { direction: -1 } },
    { id: 'norm-falls-1000x', change: 'the mean norm falls at least a thousandfold (it falls about twelvefold)', statement: { normFallFactor: 1000 } },
  ],
  combine:
    'As experiment.figure-2: every effect is claimed (combineAll over the four effects), the alignment effect erratum when the printed average is shown not to rise and Avg_i |cos(w_i, theta*)| rises. The same SESOIs as Figure 2 (the same statement with SAM in place of label noise); the standard deviations assumed for the power are those of the 6-seed pilot at commit 728459d (0.04, 0.06, 0.12, 0.6), rounded up.',
  searches: [{ name: 'rho>0', breaks: 'rho>0', what: 'the two-phase picture with rho = 0 (plain SGD, the same seeds): a seed where some effect stays below its SESOI' }],
  expected: {
    verdict: 'erratum',
    reason:
      'SAM shows Phase I (the mean norm falls about twelvefold), the later rise of the sign-invariant alignment (to ~0.9) and a ~1e5-fold fall of the test loss over the seeds; as for Figure 2 the printed Avg_i <w_i, theta*> has mean zero at every step by the sign symmetry and equivalence shows it does not rise. Unchanged from the per-seed-threshold reading.',
  },
};
export default record;
