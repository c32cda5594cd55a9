import type { ClaimRecord } from '../src/verdict/types.js';
import type { PeriodicSetting } from '../src/scenarios/periodicLabelNoise.js';

/**
 * direction +1 as printed; offShareMax: the noise-off windows account for less than this share of the on windows' fall
 * ("the norm reduction stops"); per effect the SESOI and assumed sd; the power.
 */
export type PeriodicStatement = { direction: number; offShareMax: number; sesoiOnFall: number; sdOnFall: number; sesoiOffShare: number; sdOffShare: number; sesoiSettle: number; sdSettle: number; power: number };

/** The authors' sgd_label_noise_periodic / oscillation_periodic notebooks (README of the authors' code). */
export const record: ClaimRecord<PeriodicSetting, PeriodicStatement> = {
  id: 'experiment.periodic',
  title: 'Periodic notebook: with label noise switched on and off every 5,000 steps, the first-layer norms fall only while the noise is on, and a_i oscillates near zero with noise and settles without',
  quote: String.raw`\textbf{oscillation\_periodic.ipynb} \& \textbf{sgd\_label\_noise\_periodic.ipynb}: To more intuitively understand the role of label noise, we trained the model using SGD while \textbf{alternating} label noise every 5,000 steps (adding label noise for 5,000 steps and then removing label noise for 5,000 steps). This experiment reveals two key phenomena: The norms of first-layer neurons gradually decrease when adding label noise, and the norm reduction stops when removing label noise. The second-layer neuron weights oscillate near zero under noise but stabilize when noise is removed.`,
  sources: { aaai: ['Experiments: Synthetic and Real-World Setups'], long: ['Section 3.4'] },
  kind: 'empirical',
  hypotheses: ['sigma>0 while on', 'NTK init (Eq. (5))'],
  uses: ['experiment.figure-2'],
  checks:
    "Label-noise SGD (batch 1, eps = +-sigma) on the synthetic setup of Figure 2 with the engine's noise schedule: sigma for `on` steps, 0 for `off` steps, repeating from t = 0, independent seeds (src/scenarios/periodicLabelNoise.ts). " +
    'Three effects, each decided by the empirical-effect rule (direction and SESOI below, seeds from seedsForPower, power reported) and combined by combineAll: (1) the norms decrease with label noise: the total fall of Avg||w_i|| over the noise-on windows, as a fraction of its start; (2) the reduction stops without it: offShareMax minus the share (off-window fall) / (on-window fall); (3) a oscillates under noise and settles without: log(mean Avg_i |a_i(t+1) - a_i(t)| over the on windows / the same over the settled second halves of the off windows). ' +
    'Mean |a_i| over the on windows (oscillating "near zero") and over the off windows are reported beside them. Quick tier: eta m = 1 as in the paper, and sigma and the window length chosen so that one noise-on window shrinks the norm by about as much as in the paper (~10%) and one noise-off window is ~5 times the time GD needs to settle, as 5,000 steps are at the paper setting.',
  domain: {
    quick: { setup: { config: { m: 100, d: 10, n: 100, eta: 1e-2, sigma: 1.5, thetaStarNorm: 100 ** -0.25 }, nTest: 200 }, on: 500, off: 500, periods: 16, sampleEvery: 5, trackNeurons: 4 },
    paper: { setup: { config: { m: 1000, d: 20, n: 200, eta: 1e-3, sigma: 4, thetaStarNorm: 1000 ** -0.25 }, nTest: 1000 }, on: 5_000, off: 5_000, periods: 20, sampleEvery: 25, trackNeurons: 4 },
  },
  thresholds: {},
  tests: 3,
  rule: 'empirical-effect',
  statement: { direction: 1, offShareMax: 0.1, sesoiOnFall: 0.1, sdOnFall: 0.02, sesoiOffShare: 0.05, sdOffShare: 0.01, sesoiSettle: Math.log(10), sdSettle: 0.3, power: 0.8 },
  twins: [
    { id: 'direction', change: 'the norms grow with label noise, the off windows carry more than offShareMax of the fall, and a moves more without noise (direction flipped)', statement: { direction: -1 } },
    { id: 'off-share-1e-3', change: 'the noise-off windows account for less than 0.1% of the fall (they account for about 3.5%)', statement: { offShareMax: 0.001 } },
  ],
  combine:
    'All three effects are claimed (combineAll): any fails -> fails, all hold -> holds. SESOIs: a fall of 10% of the starting mean norm over the on windows; 5 percentage points of the share carried by the off windows; a tenfold drop of the movement of a (log 10). The assumed sds are the 6-seed pilot\'s at commit 728459d (0.011, 0.0054, 0.25), rounded up.',
  searches: [],
  expected: {
    verdict: 'holds',
    reason: 'In every seed the norms fall by ~60% of their start during the noise-on windows and the off windows carry ~3.5% of that fall, and the step-to-step movement of a drops by ~700x once the noise is off; the three effects are shown at the claim\'s alpha. Unchanged; now decided by the empirical-effect rule with seeds from a power computation (the per-seed thresholds are gone).',
  },
};
export default record;
