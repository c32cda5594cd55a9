import { dot, rows } from '../engine/matrix.js';
import { Simulation } from '../engine/simulate.js';
import type { Snapshot } from '../engine/metrics.js';
import { fmt } from '../stats/format.js';
import { engineRule, initialState, outcomeText, runTraining, syntheticData, tailMean, type SyntheticSetup, type Trajectory, type TrainingRule } from './syntheticTraining.js';

/**
 * The two-phase picture of Figures 2 and 4 (Theorem 2's Phase I, Lemmas 5-6's Phase II) read off one training run as
 * effects, each positive when the run shows what the paper describes:
 *   normFall     log(Avg||w_i||(0) / Avg||w_i||(end))                 Phase I: "the averaged neuron norm initially drops"
 *   precedence   log(t_align / t_norm): the step at which the smoothed Avg|cos(w_i, theta*)| has done half its rise over the
 *                step at which the smoothed mean norm has done half its fall ("Afterwards, the ... alignment rapidly increases")
 *   absCosRise   Avg_i |cos(w_i, theta*)| (end) - (0): the sign-invariant alignment's rise (cosine units)
 *   printedRise  the printed Avg_i <w_i, theta*> in cosine units, Avg<w_i, theta*> / (||theta*|| Avg||w_i||), end - start
 *   lossDrop     log(L_test(0) / L_test(end)): "convergence to the global solution"
 * "end" is the mean over the last tailFraction of the run; change points use a centered moving average over 2 smoothHalf + 1
 * logged points (the label-noise series fluctuate step to step).
 */
export interface PhaseReading {
  tailFraction: number;
  smoothHalf: number;
}

export interface PhaseMeasure {
  normStart: number;
  normEnd: number;
  normFall: number;
  tNormHalf: number;
  tAlignHalf: number;
  precedence: number;
  absCosStart: number;
  absCosEnd: number;
  absCosRise: number;
  printedStart: number;
  printedEnd: number;
  printedRise: number;
  testLossStart: number;
  testLossEnd: number;
  lossDrop: number;
  /** fraction of neurons whose norm at the end is at most half their norm at t = 0 (Figure 2 (bottom): each neuron moves left) */
  neuronsHalved: number;
  trainLossEnd: number;
  thetaErrorEnd: number;
  outcome: string;
}

/** Centered moving average over `half` points on each side (shrinking at the ends). */
export function smooth(v: readonly number[], half: number): number[] {
  return v.map((_, i) => {
    let s = 0;
    let k = 0;
    for (let j = Math.max(0, i - half); j <= Math.min(v.length - 1, i + half); j++) {
      s += v[j] as number;
      k++;
    }
    return s / k;
  });
}

/** The first logged step where the series has done `frac` of its move from v(0) towards its extreme (min when falling, max when rising). */
export function halfwayStep(steps: readonly number[], v: readonly number[], frac: number, dir: 'fall' | 'rise'): number {
  const v0 = v[0] as number;
  const target = dir === 'fall' ? v0 - frac * (v0 - Math.min(...v)) : v0 + frac * (Math.max(...v) - v0);
  for (let i = 0; i < v.length; i++) if (dir === 'fall' ? (v[i] as number) <= target : (v[i] as number) >= target) return steps[i] as number;
  return steps[steps.length - 1] as number;
}

export function measurePhases(tr: Trajectory, thetaStarNorm: number, reading: PhaseReading): PhaseMeasure {
  const steps = tr.rows.map((r) => r.step);
  const T = steps[steps.length - 1] as number;
  const from = T * (1 - reading.tailFraction);
  const r0 = tr.rows[0]!;
  // the smoothed series start at their exact t = 0 value: the change is measured from the initialization
  const normS = smooth(tr.rows.map((r) => r.meanNorm), reading.smoothHalf);
  const cosS = smooth(tr.rows.map((r) => r.meanAbsCos), reading.smoothHalf);
  const tNormHalf = halfwayStep(steps, [r0.meanNorm, ...normS.slice(1)], 0.5, 'fall');
  const tAlignHalf = halfwayStep(steps, [r0.meanAbsCos, ...cosS.slice(1)], 0.5, 'rise');
  const normEnd = tailMean(tr, from, 'meanNorm');
  const absCosEnd = tailMean(tr, from, 'meanAbsCos');
  const printedEnd = tailMean(tr, from, 'meanAlignment');
  const testLossEnd = tailMean(tr, from, 'testLoss');
  let halved = 0;
  const m = tr.first.norms.length;
  for (let i = 0; i < m; i++) if ((tr.last.norms[i] as number) <= (tr.first.norms[i] as number) / 2) halved++;
  return {
    normStart: r0.meanNorm,
    normEnd,
    normFall: Math.log(r0.meanNorm / normEnd),
    tNormHalf,
    tAlignHalf,
    // a half-fall at the first logged step leaves the ratio undefined: the earliest logged step stands for it
    precedence: Math.log(Math.max(tAlignHalf, steps[1] ?? 1) / Math.max(tNormHalf, steps[1] ?? 1)),
    absCosStart: r0.meanAbsCos,
    absCosEnd,
    absCosRise: absCosEnd - r0.meanAbsCos,
    printedStart: r0.meanAlignment,
    printedEnd,
    printedRise: printedEnd / (thetaStarNorm * normEnd) - r0.meanAlignment / (thetaStarNorm * r0.meanNorm),
    testLossStart: r0.testLoss,
    testLossEnd,
    lossDrop: Math.log(r0.testLoss / testLossEnd),
    neuronsHalved: halved / m,
    trainLossEnd: tailMean(tr, from, 'trainLoss'),
    thetaErrorEnd: tailMean(tr, from, 'thetaError'),
    outcome: outcomeText(tr.outcome),
  };
}

/**
 * The exact sign symmetry of the dynamics: flipping (w_i, a_i) -> (-w_i, -a_i) for some neurons at t = 0 leaves theta(t)
 * unchanged and flips <w_i(t), theta*> for those neurons, for the same data, sampling and noise (every rule of the paper
 * moves w_i by a_i g and a_i by <w_i, g> with g a function of theta, and SAM's perturbation is equivariant too). Since
 * Eq. (5) is symmetric under each flip, E[<w_i(t), theta*>] = 0 at every t: the printed Avg_i <w_i, theta*> has mean zero.
 * Returns the largest deviations seen; negation is exact in float64, so all three are 0 when the symmetry holds.
 */
export function signFlipGap(setup: SyntheticSetup, rule: TrainingRule, seed: string, steps: number, flips: readonly number[], every: number): { thetaGap: number; flippedGap: number; keptGap: number; checks: number } {
  const data = syntheticData(setup, seed);
  const r = engineRule(setup.config, rule);
  const a = new Simulation(initialState(setup, rule, seed), data, r, seed);
  const b = new Simulation(initialState(setup, rule, seed, flips), data, r, seed);
  const flipped = new Set(flips);
  const gap = { thetaGap: 0, flippedGap: 0, keptGap: 0, checks: 0 };
  const compare = () => {
    gap.checks++;
    for (let k = 0; k < a.theta.length; k++) gap.thetaGap = Math.max(gap.thetaGap, Math.abs((a.theta[k] as number) - (b.theta[k] as number)));
    const Wa = rows(a.state.W);
    const Wb = rows(b.state.W);
    for (let i = 0; i < Wa.length; i++) {
      const x = dot(Wa[i] as Float64Array, data.thetaStar);
      const y = dot(Wb[i] as Float64Array, data.thetaStar);
      if (flipped.has(i)) gap.flippedGap = Math.max(gap.flippedGap, Math.abs(x + y));
      else gap.keptGap = Math.max(gap.keptGap, Math.abs(x - y));
    }
  };
  compare();
  for (let t = 1; t <= steps; t++) {
    a.step();
    b.step();
    if (t % every === 0 || t === steps) compare();
  }
  return gap;
}

/** A two-phase experiment (Figure 2 with label-noise SGD; Figure 4 with SAM): the runs and the checks beside them. */
export interface TwoPhaseExperiment {
  setup: SyntheticSetup;
  rule: TrainingRule;
  /** the same runs with the rule's noise source off (the hypothesis-violation exploration) */
  quiet: TrainingRule;
  /** the hypothesis `quiet` breaks ('sigma>0', 'rho>0') */
  quietBreaks: string;
  steps: number;
  logEvery: number;
  /** steps at which every neuron (down-sampled to frameNeurons) is drawn: Figure 2 (bottom) */
  frameSteps: number[];
  frameNeurons: number;
  /** neurons whose paths are drawn: Figure 2 (c) */
  trackNeurons: number;
  /** the exact sign-symmetry check of the printed alignment (a small run compared step by step) */
  symmetry: { setup: SyntheticSetup; steps: number; flips: number; every: number };
  /** the exploration: `numRuns` draws of the first `seeds` seeds, run `steps` long with `quiet` */
  explore: { seeds: number; numRuns: number; steps: number };
}

/**
 * What a two-phase claim states, as the decide function reads it: the direction of every effect (+1 as printed), how far
 * the mean norm falls at least (1: "drops"), and per effect its smallest effect of interest and the standard deviation the
 * power assumes; `power` is the power every effect is given against one SESOI (it sets the number of seeds).
 */
export type TwoPhaseStatement = {
  direction: number;
  normFallFactor: number;
  sesoiNormFall: number;
  sdNormFall: number;
  sesoiPrecedence: number;
  sdPrecedence: number;
  sesoiAlignment: number;
  sdAlignment: number;
  sesoiLossDrop: number;
  sdLossDrop: number;
  power: number;
};

/** One seed of a two-phase experiment (Figure 2 / 4): the run and its reading; the first seed (s = 0) also logs the frames and paths of the figures. */
export function twoPhaseSeed(e: TwoPhaseExperiment, s: number, seed: string, reading: PhaseReading, hooks: { progress?: (steps: number) => void; onLog?: (sn: Snapshot) => void } = {}): { seed: number; tr: Trajectory; me: PhaseMeasure } {
  const tr = runTraining({ setup: e.setup, rule: e.rule, seed, steps: e.steps, logEvery: e.logEvery, frameSteps: s === 0 ? e.frameSteps : [], frameNeurons: e.frameNeurons, trackNeurons: s === 0 ? e.trackNeurons : 0, ...hooks });
  return { seed: s, tr, me: measurePhases(tr, e.setup.config.thetaStarNorm, reading) };
}

/** The same seed with the noise source off (`quiet`), `explore.steps` long, logged as densely per step as the main runs. */
export function quietPhases(e: TwoPhaseExperiment, seed: string, reading: PhaseReading, progress?: (steps: number) => void): PhaseMeasure {
  const logEvery = Math.max(1, Math.round((e.logEvery * e.explore.steps) / e.steps));
  return measurePhases(runTraining({ setup: e.setup, rule: e.quiet, seed, steps: e.explore.steps, logEvery, ...(progress ? { progress } : {}) }), e.setup.config.thetaStarNorm, reading);
}

/** The experiment's symmetry check: signFlipGap with `symmetry.flips` neurons spread evenly over the width. */
export function twoPhaseSymmetry(e: TwoPhaseExperiment, seed: string): ReturnType<typeof signFlipGap> {
  const { setup, steps, flips, every } = e.symmetry;
  return signFlipGap(setup, e.rule, seed, steps, Array.from({ length: flips }, (_, j) => Math.floor((j * setup.config.m) / flips)), every);
}

/** A run's reading in words, for a search's messages. */
export function phaseText(me: PhaseMeasure): string {
  return `mean norm ${fmt(me.normStart)} -> ${fmt(me.normEnd)}, half-fall at ${me.tNormHalf}, Avg|cos| ${fmt(me.absCosStart)} -> ${fmt(me.absCosEnd)} (half-rise at ${me.tAlignHalf}), test loss ${fmt(me.testLossStart)} -> ${fmt(me.testLossEnd)}, printed Avg<w_i,theta*> ${fmt(me.printedStart)} -> ${fmt(me.printedEnd)}`;
}
