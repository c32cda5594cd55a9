import type { ClaimRecord } from '../src/verdict/types.js';
import type { TwoPhaseExperiment, TwoPhaseStatement } from '../src/scenarios/twoPhaseDynamics.js';

/** AAAI Figure 2 = long version Figure 1, with the text of "Experiments: Synthetic and Real-World Setups". */
export const record: ClaimRecord<TwoPhaseExperiment, TwoPhaseStatement> = {
  id: 'experiment.figure-2',
  title: 'Figure 2: under label noise SGD the mean neuron norm drops first (Phase I), then the mean alignment with theta* rises and the model converges (Phase II)',
  quote: String.raw`In Figure 2 (b), the averaged neuron norm $\frac{1}{m} \sum_{i=1}^m \|w_i(t)\|$ initially drops as $t$ increases, suggesting the progressive diminishing phenomenon in Phase I. Afterwards, the averaged neuron alignment $\frac{1}{m} \sum_{i=1}^m \langle w_i(t), \theta^* \rangle$ rapidly increases, implying the convergence to the global solution in Phase II. Additionally, in Figure 2 (c) and (bottom), we visualize the dynamics of each neuron in the training process, where a clear two-phase pattern is observed. [Caption:] Figure 2: Two-phase dynamics of label noise SGD under synthetic setup. (a) Loss curves. Training $\mathcal{L}_{\mathcal{D}_{\text{train}}}(\theta(t))$ and test loss $\mathcal{L}_{\mathcal{D}_{\text{test}}}(\theta(t))$ vs. training iteration $t$. (b) Learning dynamics on average. The mean neuron norm $\text{Avg}_{i \in [m]}(\|\mathbf{w}_i(t)\|_2)$ and the mean neuron alignment $\text{Avg}_{i \in [m]}(\langle \mathbf{w}_i(t), \theta^* \rangle)$ vs. training iteration $t$. (c) Learning dynamics of $i$-th neuron. The alignment of the $i$-th neuron $\langle \mathbf{w}_i(t), \theta^* \rangle$ vs. its weight norm $\|\mathbf{w}_i(t)\|_2$, with darker points indicating larger $t$. (Bottom) Complete view of dynamics of each neuron.`,
  quoteLong: String.raw`Section 3.4: In Figure 1 (b), the averaged neuron norm $\frac{1}{m} \sum_{i=1}^{m} || \boldsymbol{w}_i(t) ||$ initially drops as t increases, suggesting the progressive diminishing phenomenon in Phase I. Afterwards, the averaged neuron alignment $\frac{1}{m} \sum_{i=1}^{m} \langle \boldsymbol{w}_i(t), \boldsymbol{\theta}^* \rangle$ rapidly increases, implying the convergence to the global solution in Phase II. Additionally, in Figure 1 (b) and (bottom), we visualize the dynamics of each neuron in the training process, where a clear two-phase pattern is observed. Authors' README (sgd_label_noise.ipynb): 200 samples from standard normal distribution, network width 1000, input dimension 20, learning rate 0.001, and noise level 4.`,
  sources: {
    aaai: ['Figure 2', 'Experiments: Synthetic and Real-World Setups', 'Table 1'],
    long: ['Figure 1', 'Section 3.4'],
  },
  kind: 'empirical',
  hypotheses: ['sigma>0', 'NTK init (Eq. (5))', 'A4 (||theta*|| = m^(-1/4))'],
  uses: ['theorem-2.escape-lazy', 'lemma-5.alignment', 'lemma-6.convergence'],
  checks:
    'Label-noise SGD (Eqs. (3)-(4): batch 1, eps = +-sigma) from the NTK initialization (Eq. (5)) on the synthetic setup of Sec. 3.1 (x ~ N(0, I_d), y = <theta*, x>, ||theta*|| = m^(-1/4): A4 at its bound, the paper does not print the value it used), independent seeds (data, init, sampling, noise). ' +
    'Four effects, each one paired difference per seed decided by the empirical-effect rule at the claim\'s alpha with its direction and smallest effect of interest declared below: (1) Phase I, the mean norm falls: log(Avg||w_i||(0) / Avg||w_i||(end)); (2) "Afterwards": log of the step at which the smoothed Avg|cos(w_i, theta*)| has done half its rise over the step at which the smoothed mean norm has done half its fall; (3) the mean alignment rises (end minus start, cosine units), as printed (Avg_i <w_i, theta*>, in cosine units) and with the sign-invariant Avg_i |cos(w_i, theta*)| as the corrected form; (4) convergence: log(L_test(0) / L_test(end)). ' +
    'The seeds are the fewest that give every effect the declared power against one SESOI (seedsForPower). The exact sign symmetry (w_i, a_i) -> (-w_i, -a_i) of Eq. (5) and the update, which makes E[Avg_i <w_i(t), theta*>] = 0 at every t, is checked step by step on a small run. ' +
    'Exploration "sigma>0": the same seeds with sigma = 0 (plain SGD). Quick tier: m d 20x smaller with eta m = 1 as in the paper, and sigma = 2.25 so that eta sigma^2 / ||theta*||^2 equals the paper setting\'s 1e-3 * 16 / 1000^(-1/2) = 0.51.',
  domain: {
    quick: {
      setup: { config: { m: 100, d: 10, n: 100, eta: 1e-2, sigma: 2.25, thetaStarNorm: 100 ** -0.25 }, nTest: 500 },
      rule: { kind: 'label-noise' },
      quiet: { kind: 'plain' },
      quietBreaks: 'sigma>0',
      steps: 60_000,
      logEvery: 300,
      frameSteps: [0, 2_000, 5_000, 10_000, 20_000, 60_000],
      frameNeurons: 100,
      trackNeurons: 6,
      symmetry: { setup: { config: { m: 40, d: 10, n: 100, eta: 1e-2, sigma: 2.25, thetaStarNorm: 40 ** -0.25 }, nTest: 10 }, steps: 3_000, flips: 20, every: 50 },
      explore: { seeds: 8, numRuns: 2, steps: 30_000 },
    },
    paper: {
      setup: { config: { m: 1000, d: 20, n: 200, eta: 1e-3, sigma: 4, thetaStarNorm: 1000 ** -0.25 }, nTest: 1000, simulator: 'common-map' },
      rule: { kind: 'label-noise' },
      quiet: { kind: 'plain' },
      quietBreaks: 'sigma>0',
      steps: 1_500_000,
      logEvery: 5_000,
      frameSteps: [0, 50_000, 150_000, 300_000, 600_000, 1_500_000],
      frameNeurons: 200,
      trackNeurons: 6,
      symmetry: { setup: { config: { m: 1000, d: 20, n: 200, eta: 1e-3, sigma: 4, thetaStarNorm: 1000 ** -0.25 }, nTest: 10 }, steps: 20_000, flips: 500, every: 500 },
      explore: { seeds: 4, numRuns: 1, steps: 200_000 },
    },
  },
  thresholds: {
    tailFraction: { value: 0.1, why: '"the end" of a run is the mean over its last 10% of logged points (the label-noise series fluctuate around their floor)' },
    smoothHalf: { value: 2, why: 'the half-fall and half-rise steps are read from a centered moving average over 5 logged points' },
    paperBudget: {
      value: 110,
      why: "paper tier at the declared settings, nothing scaled (the seeds of the power computation x 1,500,000 label-noise SGD steps at m = 1000, d = 20, the explorations and the sign-flip check): the runs go through the exact common-map form (setup.simulator; src/engine/commonMap.ts: every neuron moves by one linear map, O(d^2) a step, equal to the full simulation within 1e-9; ~1.9 times the WebAssembly kernel's steps per CPU s at this size). Measured: 109.7 CPU s for the narrowed paper audit (load ~25 on 2 cores; >150 s before). Paper-tier verdict: erratum, as at the quick tier (printed mean alignment: equivalence shown, mean rise -0.006 over 11 seeds; the corrected Avg|cos| rises)",
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
    sdPrecedence: 0.2,
    sesoiAlignment: 0.2,
    sdAlignment: 0.08,
    sesoiLossDrop: Math.log(4),
    sdLossDrop: 0.8,
    power: 0.8,
  },
  twins: [
    { id: 'direction', change: 'every direction flipped: the mean norm rises, the alignment rises before the norm falls, the alignment falls, the test loss rises', statement: { direction: -1 } },
    { id: 'norm-falls-1000x', change: 'the mean norm falls at least a thousandfold (it falls about tenfold)', statement: { normFallFactor: 1000 } },
  ],
  combine:
    'Every effect is claimed (combineAll over the four effects): any fails -> fails; all hold -> holds; the alignment effect is erratum when the printed Avg_i <w_i, theta*> is shown not to rise (opposite or TOST equivalence) and Avg_i |cos(w_i, theta*)| rises, and the claim is then erratum when the other three hold. SESOIs: a halving of the mean norm (log 2); the half-rise 1.5 times later than the half-fall (log 1.5); 0.2 in cosine units (Avg|cos| starts near sqrt(2/(pi d)) = 0.25 for a random direction); a fourfold fall of the test loss (log 4). The standard deviations assumed for the power are those of the 8-seed pilot at commit 728459d (0.04, 0.19, 0.07, 0.74), rounded up.',
  searches: [{ name: 'sigma>0', breaks: 'sigma>0', what: 'the two-phase picture with the label noise off (plain SGD, the same seeds): a seed where some effect stays below its SESOI' }],
  expected: {
    verdict: 'erratum',
    reason:
      'Phase I (the mean norm falls about tenfold), the later rise of the sign-invariant alignment and the fall of the test loss are each shown over the seeds; the printed Avg_i <w_i, theta*> has mean zero at every step by the exact sign symmetry of Eq. (5) and the update, and equivalence (TOST at 0.2 cosine units) shows it does not rise: erratum, with Avg_i |cos(w_i, theta*)| as the corrected form. Unchanged from the per-seed-threshold reading, now decided by the empirical-effect rule with seeds from a power computation.',
  },
};
export default record;
