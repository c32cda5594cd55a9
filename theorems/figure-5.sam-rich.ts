import type { ClaimRecord } from '../src/verdict/types.js';
import type { LinearizationStatement, RealWorldScale } from '../src/scenarios/cifarLinearization.js';

/** The real-world setup of Figure 3 (figure-3.label-noise-rich.ts) with full-batch SAM in place of label noise. */
export interface Figure5Domain {
  scale: RealWorldScale;
  /** SAM perturbation radii (the paper does not state its rho): every one is claimed */
  rhos: number[];
  /** the most seeds the tier's time allows; the power computation (statement) asks for its own number */
  maxSeeds: number;
  /** the seeds under a sequential design (src/verdict/checks/sequential.ts, several parts), as in Figure 3 */
  sequential?: { looks: number; spending: 'pocock' | 'power3' };
  /** train the first seed's SAM run at the first rho also in float32 (tfjs) in lockstep with the float64 Gram path over the whole horizon, and report the gap */
  float32Check: boolean;
}

/** The statement's parameters (what the twins change): +1 GD tracks and SAM departs, -1 flipped; thresholds, SESOIs, assumed sds. */
export type Figure5Statement = LinearizationStatement;

export const record: ClaimRecord<Figure5Domain, Figure5Statement> = {
  id: 'figure-5.sam-rich',
  title: 'Figure 5: full-batch GD tracks its linearization (lazy) while full-batch SAM departs from it (rich)',
  quote: String.raw`\textbf{Figure 5}: SAM induces the rich regime. Training $\mathcal{L}_{\mathcal{D}_{\text{train}}}(\theta(t))$ and test loss $\mathcal{L}_{\mathcal{D}_{\text{test}}}(\theta(t))$ vs. training epochs $t$. We use both GD and full-batch SAM to train the models with NTK parameterization (Jacot, Gabriel, and Hongler 2018). We also train a linearized model with GD as baseline. \ldots In Figure 5, the model trained with GD shows loss curves that closely align with its linearized approximations, a hallmark of the lazy regime. In contrast, training with SAM results in loss curves that deviate significantly from GD trajectories, signaling entry into the rich regime.`,
  sources: {
    aaai: ['Figure 5 (caption)', 'Extension: From Label Noise SGD to SAM, "SAM promotes feature learning in practice"'],
  },
  kind: 'empirical',
  hypotheses: ["real-world setup of the authors' notebook (FC 3072-512-erf-10, 64 + 64 CIFAR-10 images)", 'full-batch SAM, rho not stated by the paper'],
  uses: ['figure-3.label-noise-rich'],
  checks:
    "The setup of figure-3.label-noise-rich (the authors' released notebook: FC 3072-width-erf-10, standard parameterization, 0.5 * mean MSE, full-batch steps, trained on the exact row-space Gram path in float64; the engine is in the evidence), with full-batch SAM (theta <- theta - eta grad L(theta + rho grad L / ||grad L||)) in place of label noise, from the GD run's initialization. The authors' SAM notebook is not public and the paper states no rho: rho = 0.05 (Foret et al.'s CIFAR default) and rho = 0.5 are both claimed. " +
    "Baselines (float64): the exact linearization (GD steps with the full empirical NTK at initialization), the authors' traced-kernel gradient-flow baseline (reported), and, for each rho, the linearized model trained by the same full-batch SAM (in function space: the perturbed residual is r + rho Theta r / (n k ||g||), ||g||^2 = r^T Theta r / (n k)^2; checked against parameter-space SAM steps of the linearized network in test/cifar). " +
    'Curve distance as in figure-3 (log scale, floor 1e-3 L(0)); function-space distances (outputs) reported beside it. Parts, each one effect decided by the empirical-effect rule on one number per seed (times `direction`): (lazy) ln 1.25 - distance(GD, linearization), on train and on test; per rho: (departs) distance(SAM, linearization) - ln 2 and (rich) distance(SAM, linearized model trained by the same SAM) - ln 2, max of train and test. ' +
    "SESOIs and the standard deviations assumed for the power are the statement (sd from the 3-seed quick-tier pilot at commit f18f197, rounded up); seeds: the largest seedsForPower over the parts at power 0.8 and the claim's alpha, capped by maxSeeds (reported); at the paper tier, the most a sequential design may take (domain.paper.sequential, as in Figure 3). Every part at every rho is claimed (combineAll): the verdict is never the one of the favourable radius. The first-layer norms are reported (the figure has no norm panel). Tests: 2 lazy + 2 per rho (2 radii): 6.",
  domain: {
    quick: { scale: { nTrain: 32, nTest: 32, width: 128, eta: 2e-2, steps: 500, logEvery: 25 }, rhos: [0.05, 0.5], maxSeeds: 10, float32Check: true },
    // the 12 seeds the power computation asks, under a sequential design: looks at 4, 8 and 12 seeds, Pocock-type spending
    // (a seed costs ~65 CPU s: early looks get a fair share of alpha), stopped when decided (thresholds.paperBudget)
    paper: { scale: { nTrain: 64, nTest: 64, width: 512, eta: 1e-3, steps: 10_000, logEvery: 100 }, rhos: [0.05, 0.5], maxSeeds: 12, sequential: { looks: 3, spending: 'pocock' }, float32Check: false },
  },
  thresholds: {
    floor: { value: 1e-3, why: 'as in figure-3: eps = 1e-3 L(0) in the log-scale curve distance' },
    paperBudget: {
      value: 413,
      why: "paper tier, the power computation's 12 seeds under a sequential design (domain.paper.sequential; src/verdict/checks/sequential.ts runMultiPart): looks at 4, 8 and 12 seeds, alpha spent by the Pocock-type A(t) = alpha ln(1 + (e - 1) t) (chosen for the cost: a seed ~65 CPU s (10,000 GD and 20,000 SAM steps at ~1.15 and ~2.3 ms, the NTK ~6 s); an O'Brien-Fleming-type spending would keep early looks near alpha / 27), every part decided at a look by the empirical-effect rule at that look's alpha, the claim stopped at the first look where the combined verdict is decided (each part's error rates are bounded over the looks as for one effect: test/verdict/checks/sequential.test.ts calibrates two null parts). Declared before the paper-tier run of 2026-12-05 (evening); the Gram step had become ~1.75x faster (erf, erf' and the head's backward in WebAssembly SIMD, the same bits; bench/cifar-gram-speedup.ts against ca9ba7c: GD 2.03 -> 1.15 CPU ms, SAM 4.03 -> 2.33). Measured with Figure 3 in one narrowed audit (another job running beside it, load 2-5): 413 CPU s for the two claims together (the value; 405.4 user + 8.1 system), 400 s wall; both stopped at look 1 with 4 seeds (fails: a part shows the opposite of the claimed effect at the look's alpha 2.1e-4). Before: paper tier, 4 seeds (2026-12-05, commit 667a9f2): the Gram step is ~1.5x faster (GD 4.74 -> 2.97 CPU ms, SAM 9.51 -> 5.99 at load ~15; 3.15 -> 2.02 and 6.15 -> 4.17 at load ~4.5, so a seed of this claim, 10,000 GD + 20,000 SAM steps, 1.49x; bench/cifar-gram-speedup.ts against 99923c2 in one process; the same bits: src/engine/kernels/gemm64.ts for K DH and the head's A W2, the head's backward two rows a pass), so by the issue's rule (k times faster, up to k times the seeds: 3 x 1.49 = 4.5) this claim runs 4 seeds (was 3) and Figure 3 6 (was 4); the power computation asks 12. Measured with Figure 3 in one narrowed audit, twice (the same evidence bit for bit): 804 CPU seconds for the two claims together (the value; 794.4 user + 9.6 system), 434 s wall side by side (this claim 429 s, Figure 3 354 s) at load average 0.2-4.5; the first run 750 CPU s, 1,617 s wall at load 4-18; against 473 + 302 = 775 CPU s for 3 + 4 seeds (this claim + Figure 3) before. Verdict at 4 seeds: fails (2 holds, 1 fails, 3 inconclusive of 6 parts): GD tracks its linearization, train and test both shown now (mean log-distance 0.039 and 0.027, below ln 1.25); at rho = 0.05 the opposite of rich is shown (SAM within a factor 1.1 of the linearized model trained by the same SAM: mean log-distance 0.096) and departs is not shown (mean 0.41, its bound reaching ln 2); at rho = 0.5 departs (mean 0.82) and rich (2.06) are above ln 2 on average but not shown with 4 seeds at the claim's alpha; SAM's mean unit norm rises by 0.025% (rho 0.05) and 0.42% (rho 0.5). Before, at 3 seeds: paper tier: width 512, 10,000 full-batch steps at 1e-3 (the authors' real-world scale) on the Gram path, GD and SAM at both declared radii (a SAM step costs two gradients), 3 seeds in worker threads (one seed per task). Measured 473 CPU seconds for the narrowed audit process (468.4 user + 4.7 system; 1,136 s wall on the shared 2-core machine at load average 7-15, beside Figure 3's paper run), 2026-12-05, commit 369264e (projected 485 from the per-step profile: GD step 3.0 and SAM step 6.1 CPU ms with the blocked K DH product, against 3.7 and 7.4 before). Verdict at the paper tier: fails (1 holds, 1 fails, 4 inconclusive of 6 parts): GD tracks its linearization (train log-distance 0.043-0.045, shown; test 0.005-0.040, not shown with 3 seeds; outputs within 1.3-1.6% / 4-5% of the initial residual); at rho = 0.05 SAM stays within a factor 1.6 of the linearization (0.40-0.47, not shown) and within a factor 1.14 of the linearized model trained by the same SAM (0.09-0.13: the opposite of the rich part is shown, so it fails); at rho = 0.5 it departs from the same-SAM linearized model (1.9-2.3) and from the linearization (0.6-1.0) at every seed, not shown with 3 seeds, and its mean unit norm rises by 0.4%. Before: 2 seeds, measured 406 CPU s. 3 seeds is the fewest at which the rule can show anything at the claim's alpha (t quantile ~35 with 2 degrees of freedom); the power computation asks for 12 (power ~0.001 with 3), ~1,900 CPU s: the paper tier measures the authors' scale (curves, function-space distances, power) and the quick tier (10 seeds) decides. Both radii are kept: dropping rho = 0.05 here would decide at the favourable radius. No float32 run at this tier: float32 SAM is not a reliable reference late in training (src/cifar/README.md), and the tfjs SAM step at width 512 costs two gradients of the ~23 CPU ms GD step (an estimated ~460 CPU s for one run). Measured at the paper tier with 2 seeds (commit 5a87036): inconclusive on every part; GD tracks (log-distance 0.04-0.05, outputs within 1.4% / 4-5% of the initial residual), SAM at rho = 0.05 stays within a factor 1.5 of the linearization (log-distance 0.40-0.42) and within a factor 1.1 of the linearized model trained by the same SAM (0.09-0.10; its outputs within 9% of the initial residual from the GD linearization's): at the CIFAR default radius and the authors' scale SAM does not leave the kernel regime; at rho = 0.5 it departs from the same-SAM linearized model (1.9-2.2) and from the linearization (0.6-1.0), and its first-layer norms rise by 0.4%",
    },
    quickScale: { value: 10, why: 'quick tier: 32 + 32 images, width 128, 500 steps at eta = 2e-2 (eta t = 10 as in the paper tier, largest eta lambda / (n k) below 2); 32 images rather than 64 so that 10 seeds fit the ~30 s of a quick claim (the kernel work falls ~4x)' },
  },
  tests: 6,
  rule: 'empirical-effect',
  statement: {
    direction: 1,
    track: Math.log(1.25),
    depart: Math.log(2),
    sesoiTrack: Math.log(1.1),
    sdTrack: 0.06,
    sesoiDepart: Math.log(1.5),
    sdDepart: 0.25,
    power: 0.8,
  },
  twins: [
    { id: 'direction', change: 'flipped: GD departs from its linearization and SAM tracks it', statement: { direction: -1 } },
    { id: 'depart*10', change: 'SAM departs from the linearization and from the same-SAM linearized model by a factor 2^10 = 1024 (ln 2 times 10) at some logged step', statement: { depart: 10 * Math.log(2) } },
  ],
  combine:
    'Declared before the run: the lazy parts (GD vs its linearization, train and test) and, at every rho of the tier (0.05, the CIFAR default, and 0.5), the departs and rich parts are all claimed, combined by combineAll (any fails -> fails; all hold -> holds; otherwise inconclusive, each part and radius named). "SAM" with an unstated rho is not decided at the radius where it fares best.',
  searches: [{ name: 'main', what: 'the first seed whose own numbers fall on the wrong side of a threshold of some part (any rho)' }],
  expected: {
    verdict: 'fails',
    reason:
      'Changed from holds (issue 10: the radii are combined by combineAll, no longer decided at the favourable one; the quick tier now runs 32 + 32 images and 10 seeds): GD tracks its linearization (test part shown; train part mean log-distance 0.14 below ln 1.25 but not shown, power 0.53), and at rho = 0.5 full-batch SAM leaves both the GD linearization and the linearized model trained by the same SAM by far more than a factor 2 (shown). At the CIFAR default rho = 0.05 SAM stays within a factor ~1.7 of the linearization (log-distance ~0.55 against ln 2 = 0.69; 2 of 10 seeds above ln 2): equivalence to the threshold within the SESOI ln 1.5 is shown by TOST, i.e. no departure of interest beyond a factor 2, so the part fails and with it the claim at the declared radii.',
  },
};

export default record;
