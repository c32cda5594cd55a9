import type { ClaimRecord } from '../src/verdict/types.js';
import type { LinearizationStatement, NoiseVariant, RealWorldScale } from '../src/scenarios/cifarLinearization.js';

/**
 * The authors' real-world setup (their released notebook), per tier: the first nTrain / nTest images of the shipped
 * CIFAR-10 subset, each split standardized, FC 3072 -> width -> erf -> 10 (standard parameterization: weights variance
 * 1/fan_in, biases variance 1), loss 0.5 * mean((f - y)^2), full-batch steps at learning rate eta.
 */
export interface Figure3Domain {
  scale: RealWorldScale;
  /** the noisy runs (each from the same initialization as the clean run) */
  noises: NoiseVariant[];
  /**
   * also the NTK-parameterized network the paper's text describes (clean and the first noise), its learning rate set so
   * that its exact linearization's fastest direction moves at the standard run's rate (eta lambda_max / (n k) equal)
   */
  ntkVariant: boolean;
  /** the most seeds the tier's time allows; the power computation (statement) asks for its own number */
  maxSeeds: number;
  /**
   * the seeds under a sequential design (src/verdict/checks/sequential.ts, several parts): at most the power computation's
   * seeds (capped by maxSeeds), looked at `looks` times, stopped at the first look where the combined verdict is decided
   */
  sequential?: { looks: number; spending: 'pocock' | 'power3' };
  /** train the first seed's first noisy run also in float32 (tfjs) in lockstep with the float64 Gram path over the whole horizon, and report the gap */
  float32Check: boolean;
  /** the width of that float32 run when not the scale's (the tfjs network at width 512 costs ~23 CPU ms a step: 10,000 steps do not fit the paper tier's budget) */
  float32Width?: number;
}

/** The statement's parameters (what the twins change): those of the tracking / departing parts, and the norms' threshold, ratio, SESOI and assumed sd. */
export type Figure3Statement = LinearizationStatement & {
  normFall: number;
  normRatio: number;
  sesoiNorm: number;
  sdNorm: number;
};

const NOISES: NoiseVariant[] = [
  { name: 'label noise (resample p = 0.5)', noise: { kind: 'resample', p: 0.5 } },
  { name: 'label noise (flip tau = 0.45)', noise: { kind: 'flip', tau: 0.45 } },
];

export const record: ClaimRecord<Figure3Domain, Figure3Statement> = {
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
    "The authors' released real-world experiment on the shipped CIFAR-10 images, trained on the exact row-space (Gram) path in float64 (src/cifar/gram.ts; AUDIT_CIFAR_ENGINE=tfjs trains the float32 TensorFlow.js network instead; the engine is in the evidence): from one initialization per seed, full-batch GD on the clean labels and full-batch label-noise GD (the authors' resample p = 0.5, and Algorithm 1's flip with tau = 0.45, the same probability of a changed label), logged every logEvery steps against the clean labels. " +
    "Baselines (float64): the exact linearization (gradient steps with the full empirical NTK at initialization, closed form through its eigendecomposition), the authors' baseline (neural-tangents' gradient_descent_mse with the logit-traced kernel, gradient flow; reported), and, for each noisy run, the linearized model driven by the same noisy labels step by step (the control: what label noise does to the kernel model). " +
    'Curve distance: max over logged steps of |ln((L_a(t) + eps) / (L_b(t) + eps))|, eps = 1e-3 L(0) (what a log-scale loss plot shows); beside it, in function space, max_t ||f_net(t) - f_lin(t)||_2 / ||f_lin(0) - y||_2 on the train and the test outputs (reported, not decided: the paper speaks of loss curves). ' +
    'Parts, each one effect decided by the empirical-effect rule on one number per seed, positive in the claimed direction (times `direction`): (lazy) ln 1.25 - distance(clean, linearization), on train and on test; per noise (departs) distance(noisy, linearization) - ln 2, max of train and test; (rich) distance(noisy, linearized model under the same noise) - ln 2; (norms) the fall of the mean per-neuron norm - 1%; (norms vs clean) fall(noisy) / 3 - fall(clean). ' +
    'SESOIs and the standard deviations assumed for the power are the statement (sd from the 3-seed quick-tier pilot at commit f18f197, rounded up); the seeds are the largest seedsForPower over the parts at power 0.8 and the claim\'s alpha, capped by maxSeeds (the cap and each part\'s power are reported); at the paper tier those seeds are the most a sequential design may take (domain.paper.sequential: it stops at the first look where the combined verdict is decided). ' +
    'Every part at every configuration (standard parameterization, each noise; the NTK-parameterized variant with the first noise) is claimed: combineAll. A fast-check search over the seeds reports the first seed whose own numbers fall on the wrong side of a threshold (replayable). Tests: 2 lazy per parameterization and 4 per noisy run (3 at the quick tier): 16.',
  domain: {
    quick: {
      scale: { nTrain: 32, nTest: 32, width: 128, eta: 2e-2, steps: 500, logEvery: 25 },
      noises: NOISES,
      ntkVariant: true,
      maxSeeds: 8,
      float32Check: true,
    },
    paper: {
      scale: { nTrain: 64, nTest: 64, width: 512, eta: 1e-3, steps: 10_000, logEvery: 100 },
      // the authors' noise only and the standard parameterization only, for time (paperBudget)
      noises: NOISES.slice(0, 1),
      ntkVariant: false,
      // the 12 seeds the power computation asks, under a sequential design: looks at 4, 8 and 12 seeds, Pocock-type
      // spending (a seed costs ~30 CPU s: early looks get a fair share of alpha), stopped when decided (thresholds.paperBudget)
      maxSeeds: 12,
      sequential: { looks: 3, spending: 'pocock' },
      // the float32 lockstep run over all 10,000 steps at width 32 (64 + 64 images, eta 1e-3): at width 512 the tfjs
      // network costs ~23 CPU ms a step on wasm (X W1 and X^T DH, 64 x 3072 x 512 each), 230 CPU s for one run; width 64
      // cost ~25 CPU s more than 32, which the paper tier's 15 minutes on 2 cores could not spare
      float32Check: true,
      float32Width: 32,
    },
  },
  thresholds: {
    floor: { value: 1e-3, why: 'eps = 1e-3 L(0) in the log-scale curve distance: losses three decades below the initial loss read as zero (a log plot spanning the training shows nothing finer)' },
    paperBudget: {
      value: 413,
      why: "paper tier, the power computation's 12 seeds under a sequential design (domain.paper.sequential; src/verdict/checks/sequential.ts runMultiPart): looks at 4, 8 and 12 seeds, alpha spent by the Pocock-type A(t) = alpha ln(1 + (e - 1) t) (chosen for the cost: a seed ~30 CPU s (20,000 GD steps at ~1.15 ms, the NTK and its eigendecomposition ~6 s); an O'Brien-Fleming-type spending would keep early looks near alpha / 27), every part decided at a look by the empirical-effect rule at that look's alpha, the claim stopped at the first look where the combined verdict is decided (each part's error rates are bounded over the looks as for one effect: test/verdict/checks/sequential.test.ts calibrates two null parts). Declared before the paper-tier run of 2026-12-05 (evening); the Gram step had become ~1.75x faster (erf, erf' and the head's backward in WebAssembly SIMD, the same bits; bench/cifar-gram-speedup.ts against ca9ba7c: GD 2.03 -> 1.15 CPU ms, SAM 4.03 -> 2.33). Measured with Figure 5 in one narrowed audit (another job running beside it, load 2-5): 413 CPU s for the two claims together (the value; 405.4 user + 8.1 system), 400 s wall; both stopped at look 1 with 4 seeds (fails: a part shows the opposite of the claimed effect at the look's alpha 2.1e-4). Before: paper tier, 5 seeds: the full paper-tier audit with 6 (commit e24a438, 2026-12-05, nothing else running) took 916.4 s of wall time on 2 cores (1,819 CPU s), over its 15 minutes; this claim took 315 s of it (402 s Figure 5), so one seed less (about 52 CPU s). Set before the 5-seed run; its cost and verdict are in the committed paper-tier report. Before, 6 seeds (2026-12-05, commit 667a9f2): the Gram step is ~1.55x faster than when 4 seeds fit (K DH and the head's A W2 on the WebAssembly SIMD kernel src/engine/kernels/gemm64.ts, the head's backward two rows a pass; the same bits, so every number at the same seed is unchanged; bench/cifar-gram-speedup.ts against 99923c2 in one process: GD step 4.74 -> 2.97 CPU ms, SAM 9.51 -> 5.99 at load ~15; 3.15 -> 2.02 (1.55x) and 6.15 -> 4.17 (1.47x) at load ~4.5), so by the issue's rule (k times faster, up to k times the seeds: 4 x 1.55 = 6.2) this claim runs 6 seeds and Figure 5 4 (was 3); still not the 12 the power computation asks. Measured with Figure 5 in one narrowed audit, twice (the same evidence bit for bit): 804 CPU seconds for the two claims together (the value; 794.4 user + 9.6 system), 434 s wall side by side (this claim 354 s, Figure 5 429 s) at load average 0.2-4.5 on the 2-core machine; the first run 750 CPU s (736.7 + 13.1), 1,617 s wall at load 4-18; against 302 + 473 = 775 CPU s for 4 + 3 seeds before, and 251 + 383 = 634 s inside the full paper audit (to be measured there by the lead). Verdict at 6 seeds: fails (4 holds, 2 fails of 6 parts): lazy train and test shown (mean log-distance 0.021 and 0.021, below ln 1.25), departs from the clean linearization shown (mean 1.9 - ln 2 > 0), but the opposite of rich is shown (within a factor 1.02 of the linearized model under the same noise) and the norms do not fall (the opposite of the 1% fall shown); norms vs clean now holds (fall(noisy) / 3 - fall(clean) = 3.7e-5 > 0 shown with 6 seeds, where 4 showed equivalence within the SESOI). The float32 lockstep gap is the 4-seed run's (the same seed 0). Before, at 4 seeds: paper tier: the authors' full setup (width 512, 10,000 full-batch steps at 1e-3, 64 + 64 images) on the Gram path, clean + the authors' resample noise, 4 seeds (in worker threads, one seed per task), and the float32 lockstep run over all 10,000 steps at width 32 (width 64 until the full paper-tier audit of 2026-12-05 ran 16.4 minutes on 2 cores; the gap at width 32 is in the evidence). Measured with width 64: 302 CPU seconds for the narrowed audit process (296.9 user + 4.7 system; 982 s wall on the shared 2-core machine at load average 7-15, beside Figure 5's paper run), 2026-12-05, commit 369264e (projected 315 from the per-step profile, bench/cifar-gram-profile.ts: GD step 3.0 CPU ms with the blocked K DH product against 3.7 before; kernels 4.2 CPU s a seed). Verdict at the paper tier: fails (3 holds, 3 fails of 6 parts): the clean run tracks its linearization (log-distance 0.015-0.026 train, 0.019-0.032 test, shown below ln 1.25; outputs within 1.2-1.5% (train) and 3.5-4.3% (test) of the initial residual), the noisy run departs from the clean linearization (log-distance 2.2-2.8, shown above ln 2), but it stays within a factor 1.03 of the linearized model under the same noise (log-distance 0.020-0.027, shown below ln 2; outputs within 1.0-1.4% of the initial residual) and its mean unit norm moves by < 0.006% (shown below the 1% fall; equivalence to the clean run's shown). Float32 vs float64 over all 10,000 steps (seed 0, width 64): train outputs 8.4e-6, test outputs 5.0e-6, unit norms 1.5e-6 of their scale, the run moving 1.02 / 0.89 / 0.016. Before this change: 3 seeds, no float32 run, measured 271 CPU s. 4 seeds, not the 12 the power computation asks: at the claim's alpha (4.6e-4) the lazy and departs parts have power ~0.001 with 3-5 seeds (12 needed), the norm parts 0.525 with 4 (5 needed); 12 seeds would take ~790 CPU s for this claim alone, over the ~900 the three CIFAR claims share. The paper tier measures the authors' scale (curves, function-space distances, the float32 gap) and the quick tier (8 seeds) decides. Algorithm 1's flip variant and the NTK-parameterized variant run at the quick tier only. Measured at the paper tier with 3 seeds (commit 5a87036): fails as at the quick tier: the clean run tracks its linearization (log-distance 0.02 train / 0.03 test, shown below ln 1.25; outputs within 1.2-1.5% (train) and 3.5-4.3% (test) of the initial residual), the noisy run departs from the clean linearization (log-distance 2.2-2.8, above ln 2 at every seed but not shown at alpha with 3 seeds) but stays within a factor 1.02 of the linearized model under the same noise (shown below ln 2; outputs within 1.0-1.4% of the initial residual), the norms move by < 0.005%",
    },
    quickScale: {
      value: 10,
      why: 'quick tier: 32 + 32 images, width 128 and 500 steps at eta = 2e-2 (eta t = 10, as the paper tier\'s 10,000 steps at 1e-3; the largest eta lambda / (n k) stays below 2, stable); a larger eta per step only strengthens label noise\'s implicit regularization (its drift scales as eta^2 per step); 32 images rather than 64 because the kernel work (the n k x n k NTK, its eigendecomposition, the linearized runs) is about 3/4 of a quick seed and falls ~4x, so that the seeds the power computation asks (8 here) fit the ~30 s of a quick claim',
    },
  },
  tests: 16,
  rule: 'empirical-effect',
  statement: {
    direction: 1,
    track: Math.log(1.25),
    depart: Math.log(2),
    normFall: 0.01,
    normRatio: 3,
    sesoiTrack: Math.log(1.1),
    sdTrack: 0.06,
    sesoiDepart: Math.log(1.5),
    sdDepart: 0.25,
    sesoiNorm: 0.002,
    sdNorm: 3e-4,
    power: 0.8,
  },
  twins: [
    { id: 'direction', change: 'every direction flipped: the clean run departs from its linearization, the noisy runs track theirs, the norms rise with label noise', statement: { direction: -1 } },
    { id: 'depart*10', change: 'each noisy run departs from its linearization by a factor 2^10 = 1024 (ln 2 times 10) at some logged step', statement: { depart: 10 * Math.log(2) } },
  ],
  combine:
    'Declared before the run: every part (lazy train, lazy test; per noise: departs, rich, norms fall, norms vs clean) at every configuration (standard parameterization with each noise of the tier; the NTK-parameterized variant with the first noise when the tier runs it) is claimed, combined by combineAll (any fails -> fails; all hold -> holds; otherwise inconclusive, each part named). Thresholds (statement): tracks = a factor 1.25 at every logged step, departs = a factor 2 at some logged step ("a distinctly different training trajectory"), the mean per-neuron norm falls by >= 1% ("notably decreases"), the clean run falls by at most a third of that ("especially compared to the case without label noise").',
  searches: [{ name: 'main', what: 'the first seed (standard parameterization) whose own numbers fall on the wrong side of a threshold of some part' }],
  expected: {
    verdict: 'fails',
    reason:
      'Reviewed (the empirical-effect rule replaces the met/consistent/contradicted reading; the quick tier now runs 32 + 32 images and 8 seeds; the verdict is unchanged): the clean run tracks its linearization (test part shown; train part mean log-distance ~0.12, not shown at power 0.15) and the noisy runs do depart from the clean linearization by far more than a factor 2 (shown: their train loss stops at the label-noise floor while the linearization goes to 0), but the linearized model driven by the same noisy labels reproduces the noisy runs within a factor ~1.11 (log-distance ~0.105 against ln 2, shown below it for both noise models and both parameterizations), and the first-layer per-neuron norms do not fall (they rise by ~0.02%, shown below the 1% the claim asks): the departure is label noise acting on the kernel model, not an escape from the lazy regime, at this width and horizon.',
  },
};

export default record;
