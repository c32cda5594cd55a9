import type { Snapshot } from '../engine/metrics.js';
import { effectiveSupport, prunedRelativeLoss } from '../engine/metrics/neuronPopulation.js';
import { runTraining, tailMean, type SyntheticSetup, type Trajectory } from './syntheticTraining.js';

/**
 * Label-noise SGD against plain SGD at equal steps on the synthetic setup of Sec. 3.1, paired: one seed gives both runs the
 * same data, W(0), a(0) and sampled indices (the engine's `sampling` stream); only eps of Eqs. (3)-(4) differs. Plain SGD is
 * stopped once its train loss is below `fixedPoint`: it then interpolates, its state no longer moves, and its last logged
 * row stands for every later step. Label-noise SGD's numbers are means over the last `tailFraction` of the run (it
 * fluctuates around its noise floor).
 */
export interface ContrastSpec {
  setup: SyntheticSetup;
  steps: number;
  logEvery: number;
  tailFraction: number;
  fixedPoint: number;
  progress?: (steps: number) => void;
  /** every logged snapshot of the label-noise run (observations for other claims' premises) */
  onNoiseLog?: (sn: Snapshot) => void;
}

/** The contrast's design as a claim's domain declares it: the setup and the run length (seeds come from a power computation). */
export interface ContrastSetting {
  setup: SyntheticSetup;
  steps: number;
}

export interface PairedRun {
  noise: Trajectory;
  plain: Trajectory;
  /** mean test / train loss over the final window (label noise), and plain SGD's at its end */
  testNoise: number;
  testPlain: number;
  trainNoise: number;
  trainPlain: number;
  /** participation ratio and stable rank (src/engine/metrics/neuronPopulation.ts): final window (label noise), end (plain) */
  participationNoise: number;
  participationPlain: number;
  stableRankNoise: number;
  stableRankPlain: number;
}

export function pairedRun(spec: ContrastSpec, seed: string): PairedRun {
  const common = { setup: spec.setup, seed, steps: spec.steps, logEvery: spec.logEvery, ...(spec.progress ? { progress: spec.progress } : {}) };
  const noise = runTraining({ ...common, rule: { kind: 'label-noise' }, ...(spec.onNoiseLog ? { onLog: spec.onNoiseLog } : {}) });
  const plain = runTraining({ ...common, rule: { kind: 'plain' }, stopWhen: (r) => r.trainLoss < spec.fixedPoint });
  const from = spec.steps * (1 - spec.tailFraction);
  const end = plain.rows[plain.rows.length - 1]!;
  return {
    noise,
    plain,
    testNoise: tailMean(noise, from, 'testLoss'),
    testPlain: end.testLoss,
    trainNoise: tailMean(noise, from, 'trainLoss'),
    trainPlain: end.trainLoss,
    participationNoise: tailMean(noise, from, 'participation'),
    participationPlain: end.participation,
    stableRankNoise: tailMean(noise, from, 'stableRank'),
    stableRankPlain: end.stableRank,
  };
}

/** The pruning curve of Figure 1 (right), synthetic analogue: each method's pruned relative test loss at every kept fraction. */
export function pruningCurves(r: PairedRun, keep: readonly number[]): { noise: number[]; plain: number[] } {
  return { noise: keep.map((k) => prunedRelativeLoss(r.noise.state, r.noise.data, k)), plain: keep.map((k) => prunedRelativeLoss(r.plain.state, r.plain.data, k)) };
}

/** The effective support ||theta||_1^2 / ||theta||_2^2 of each method's theta at the end, and of theta*. */
export function thetaSupports(r: PairedRun): { noise: number; plain: number; star: number } {
  return { noise: effectiveSupport(r.noise.last.theta), plain: effectiveSupport(r.plain.last.theta), star: effectiveSupport(r.noise.data.thetaStar) };
}
