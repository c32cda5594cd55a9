import type { ClaimRecord } from '../src/verdict/types.js';
import type { LabelNoise } from '../src/cifar/noise.js';

/** One noisy run of the comparison: its name in the report and its noise. */
export interface NoiseVariant {
  name: string;
  noise: LabelNoise;
}

/**
 * The authors' real-world setup (their released notebook), scaled per tier: the first nTrain /
 * nTest images of the shipped CIFAR-10 subset (data_batch_1 and test_batch), each split
 * standardized, FC 3072 -> width -> erf -> 10 in standard parameterization (weights variance
 * 1/fan_in, biases variance 1), loss 0.5 * mean((f - y)^2), full-batch steps at learning rate eta.
 */
export interface RealWorldDomain {
  nTrain: number;
  nTest: number;
  width: number;
  eta: number;
  steps: number;
  logEvery: number;
  /** independent seeds (initialization and noise); the parts are decided over them */
  seeds: number;
  /** the noisy runs (each from the same initialization as the clean run) */
  noises: NoiseVariant[];
  /**
   * also run the NTK-parameterized network the paper's text describes (clean and the first noise),
   * with its learning rate set so that its exact linearization's fastest direction moves at the
   * standard run's rate (eta lambda_max / (n k) equal): the same speed of the kernel dynamics
   */
  ntkVariant: boolean;
  /** seeds of the NTK-parameterized variant (the first ntkSeeds of the standard run's seeds set its learning rate) */
  ntkSeeds: number;
}

export const FIGURE3_NOISES: NoiseVariant[] = [
  { name: 'label noise (resample p = 0.5)', noise: { kind: 'resample', p: 0.5 } },
  { name: 'label noise (flip tau = 0.45)', noise: { kind: 'flip', tau: 0.45 } },
];

export const record: ClaimRecord<RealWorldDomain> = {
  id: 'figure-3.label-noise-rich',
  title: 'Figure 3: without label noise the network tracks its linearization (lazy); with label noise its loss curves depart from it (rich) and the first-layer norms fall',
  quote: String.raw`\textbf{Figure 3}: Label noise SGD induces the rich regime. (a, b). Training $\mathcal{L}_{\mathcal{D}_{\text{train}}}(\theta(t))$ and test loss $\mathcal{L}_{\mathcal{D}_{\text{test}}}(\theta(t))$ vs. training epochs $t$. Label noise SGD induces the progressively diminishing phenomenon. (c). The first-layer weight norm $\|\mathbf{W}(t)\|_F$ vs. training epochs $t$. We use GD to train the models with NTK parameterization (Jacot, Gabriel, and Hongler 2018), both with and without label noise. We also train a linearized model with GD as baseline. \ldots In Figure 3 (a) and (b), the model trained without label noise behaves similarly to its linearized counterparts, indicating the lazy regime; whereas the model trained with label noise follows a distinctly different training trajectory, suggesting the rich regime. \ldots In Figure 3 (c), when training with label noise, the first-layer weight norm notably decreases, especially compared to the case without label noise.`,
  quoteLong: String.raw`\textbf{Figure 2}: Label noise SGD induces the rich regime. (a, b) \ldots (c). The first-layer weight norm $\|\boldsymbol{W}(t)\|_F$ vs. training epochs t. \ldots Results are presented for WideResNets trained on a small subset of CIFAR-10. (Text: the model trained without label noise behaves similarly to its linearized counterparts, indicating the lazy regime; whereas the model trained with label noise follows a distinctly different training trajectory, suggesting the rich regime.)`,
  sources: {
    aaai: ['Figure 3 (caption)', 'Experiments: "The transition from the lazy to rich regime under real-world setups"'],
    long: ['Figure 2 (caption)', 'Section 4, "The transition from the lazy to rich regime under real-world setups"'],
  },
  kind: 'empirical',
  hypotheses: ['real-world setup of the authors\' notebook (FC 3072-512-erf-10, 64 + 64 CIFAR-10 images)', 'NTK parameterization (text) / standard parameterization (code)', 'label noise (code: resample p = 0.5; Algorithm 1: flip tau)'],
  uses: [],
  checks:
    "The authors' released real-world experiment, run in TensorFlow.js (float32) on the shipped CIFAR-10 images: from one initialization per seed, full-batch GD on the clean labels and full-batch label-noise GD (the authors' resample p = 0.5, and Algorithm 1's flip with tau = 0.45, the same probability of a changed label), logged every logEvery steps against the clean labels. " +
    "Baselines (float64): the exact linearization (gradient steps with the full empirical NTK at initialization, n k x n k, by explicit Jacobian contraction; closed form through its eigendecomposition), the authors' baseline (neural-tangents' gradient_descent_mse with the logit-traced kernel, gradient flow, normalization n k), and, for each noisy run, the linearized model driven by the same noisy labels step by step (the control: what label noise does to the kernel model). " +
    'Curve distance: max over logged steps of |ln((L_a(t) + eps) / (L_b(t) + eps))| with eps = 1e-3 L(0) (what a log-scale loss plot shows; the linear-scale distance max |L_a - L_b| / L(0) is reported beside it). ' +
    'Parts, each a per-seed quantity decided over the seeds by one-sided t bounds at the per-test alpha: ' +
    '(lazy) the clean run tracks the exact linearization: distance <= log 1.25 on train and on test; (departs) each noisy run departs from the linearization: max(train, test) distance >= log 2; ' +
    '(rich) each noisy run departs from the linearized model under the same label noise: max(train, test) distance >= log 2; (norms) the mean first-layer per-neuron norm falls by >= 1% under label noise, and the clean run\'s fall is at most a third of it. ' +
    'A part is met (shown at alpha, every seed on the claimed side), consistent (every seed on the claimed side, too few seeds to show it), contradicted (the claimed side rejected at alpha) or undecided. ' +
    'Verdict: fails when a part is contradicted (the summary says which); holds when every part is met or consistent; inconclusive otherwise. The NTK-parameterized variant (clean + the first noise) is decided the same way. ' +
    'A fast-check search over the seeds reports the first seed whose numbers violate a part (replayable). ' +
    "The backend used (AUDIT_BACKEND: wasm by default) is in the evidence. Tests: lazy train + lazy test per parameterization (4) and 4 per noisy run (3 noisy runs): 16.",
  domain: {
    quick: {
      nTrain: 64,
      nTest: 64,
      width: 128,
      eta: 2e-2,
      steps: 500,
      logEvery: 25,
      seeds: 3,
      noises: FIGURE3_NOISES,
      ntkVariant: true,
      ntkSeeds: 3,
    },
    paper: {
      nTrain: 64,
      nTest: 64,
      width: 512,
      eta: 1e-3,
      steps: 10_000,
      logEvery: 100,
      seeds: 3,
      // the authors' noise only: Algorithm 1's flip (tau = 0.45) is indistinguishable from it in the
      // quick tier (and was, to 3 digits, in a measured paper-tier run), and a third run per seed would not fit the hour
      noises: FIGURE3_NOISES.slice(0, 1),
      ntkVariant: true,
      ntkSeeds: 1,
    },
  },
  thresholds: {
    floor: { value: 1e-3, why: 'eps = 1e-3 L(0) in the log-scale curve distance: losses three decades below the initial loss read as zero (a log plot spanning the training shows nothing finer)' },
    track: { value: Math.log(1.25), why: 'tracks: the two loss curves stay within a factor 1.25 of each other at every logged step (ln 1.25 = 0.223), on train and on test' },
    depart: { value: Math.log(2), why: 'departs ("a distinctly different training trajectory"): a factor >= 2 between the curves at some logged step, on train or on test (ln 2 = 0.693)' },
    normFall: { value: 0.01, why: '"the first-layer weight norm notably decreases": the mean per-neuron norm (the quantity the authors log) falls by at least 1% of its initial value by the last step' },
    normRatio: { value: 3, why: '"especially compared to the case without label noise": the clean run\'s fall is at most a third of the noisy run\'s (quantity tested: fall_clean - fall_noisy / 3 <= 0)' },
    paperBudget: {
      value: 3600,
      why: 'paper tier: the authors\' full setup (width 512, 10,000 steps at 1e-3) for 3 seeds of the standard parameterization (clean + the authors\' resample noise) and 1 seed of the NTK variant (clean + noise): 8 runs of 10,000 steps, about 30 ms a step on wasm (one core, logging included), about 42 minutes, within the hour a claim may take (measured: the same with the flip variant too, 11 runs, took 3,842 s on a shared 2-core machine); one NTK seed decides nothing alone (its parts are at best consistent)',
    },
    quickScale: {
      value: 10,
      why: 'quick tier: width 128 and 500 steps at eta = 2e-2 (eta t = 10, as the paper tier\'s 10,000 steps at 1e-3; the largest eta lambda / (n k) is about 0.8 < 2, stable); a larger eta per step only strengthens label noise\'s implicit regularization (its drift scales as eta^2 per step)',
    },
  },
  tests: 16,
  expected: {
    verdict: 'fails',
    reason:
      'Reviewed: in the authors\' own setup the clean run is lazy and the noisy runs do depart from the clean linearization (their train loss stops at the label-noise floor while the linearization goes to 0), but the linearized model driven by the same noisy labels reproduces the noisy runs within a factor ~1.1 (log-distance 0.09-0.13, for both noise models and both parameterizations), and the first-layer per-neuron norms do not fall (they move by < 0.05%, against the 1% the claim asks): the departure is label noise acting on the kernel model, not an escape from the lazy regime, at this width and horizon.',
  },
};

export default record;
