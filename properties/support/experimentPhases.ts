import { Simulation } from '../../src/engine/simulate.js';
import { dataOf, fallStep, initialState, riseStep, smooth, tailMean, thetaStarNormOf, thin, type Setup, type Trajectory } from './experiment.js';
import type { Rule } from '../../src/engine/rules/types.js';
import type { FigureSpec } from '../../src/verdict/types.js';
import { lineFigure, scatterFigure, type Datum } from './experimentFigures.js';
import { norm, dot, rows } from '../../src/engine/matrix.js';

/**
 * The two-phase picture of Figures 2 and 4 turned into numbers: per run, the mean norm's fall, the step of its
 * half-fall, the step of the alignment's half-rise, the per-neuron falls, the losses, and the printed average
 * alignment Avg_i <w_i, theta*> beside the sign-invariant Avg_i |cos(w_i, theta*)|.
 */
export interface PhaseThresholds {
  /** Avg||w_i||(T) / Avg||w_i||(0) at most this */
  normFall: number;
  /** a neuron "fell" when ||w_i(T)|| <= ||w_i(0)|| / neuronFallFactor ... */
  neuronFallFactor: number;
  /** ... and at least this fraction of neurons fell */
  neuronFallFraction: number;
  /** (step of the alignment's half-rise) / (step of the mean norm's half-fall) at least this */
  precedence: number;
  /** rise of the smoothed Avg|cos| from t = 0 to its peak, at least this (cosine units) */
  alignmentRise: number;
  /** mean test loss over the last tailFraction of the run / test loss at t = 0, at most this */
  lossDrop: number;
  /** smoothing half-width (logged points) of the change-point series */
  smoothHalf: number;
  /** the final window, as a fraction of the run */
  tailFraction: number;
}

export interface PhaseMeasure {
  seed: number;
  steps: number;
  normStart: number;
  normEnd: number;
  normRatio: number;
  neuronFellFraction: number;
  tNormHalf: number;
  tAlignHalf: number;
  precedenceRatio: number;
  absCosStart: number;
  absCosPeak: number;
  absCosRise: number;
  absCosEnd: number;
  orientedCosEnd: number;
  alignedFractionEnd: number;
  /** the printed quantity Avg_i <w_i, theta*>, at t = 0 and over the final window */
  printedStart: number;
  printedEnd: number;
  /** the printed quantity in cosine units, Avg<w_i, theta*> / (||theta*|| Avg||w_i||): its change from t = 0 to the final window */
  printedChangeCos: number;
  testLossStart: number;
  testLossEnd: number;
  trainLossEnd: number;
  lossRatio: number;
  thetaErrorEnd: number;
  participationEnd: number;
  violations: string[];
  /** smallest relative slack over the thresholds (negative: violated) */
  margin: number;
  outcome: string;
}

export function measurePhases(tr: Trajectory, seed: number, th: PhaseThresholds, thetaStarNorm: number): PhaseMeasure {
  const steps = tr.rows.map((r) => r.step);
  const T = steps[steps.length - 1] as number;
  const from = T * (1 - th.tailFraction);
  const normS = smooth(
    tr.rows.map((r) => r.meanNorm),
    th.smoothHalf,
  );
  const cosS = smooth(
    tr.rows.map((r) => r.meanAbsCos),
    th.smoothHalf,
  );
  const r0 = tr.rows[0]!;
  const normEnd = tailMean(tr, from, 'meanNorm');
  const tNormHalf = fallStep(steps, [r0.meanNorm, ...normS.slice(1)], 0.5);
  const tAlignHalf = riseStep(steps, [r0.meanAbsCos, ...cosS.slice(1)], 0.5);
  const absCosPeak = Math.max(...cosS);
  let fell = 0;
  const m = tr.first.norms.length;
  for (let i = 0; i < m; i++) if ((tr.last.norms[i] as number) <= (tr.first.norms[i] as number) / th.neuronFallFactor) fell++;
  const printedEnd = tailMean(tr, from, 'meanAlignment');
  const testLossEnd = tailMean(tr, from, 'testLoss');
  const me: PhaseMeasure = {
    seed,
    steps: T,
    normStart: r0.meanNorm,
    normEnd,
    normRatio: normEnd / r0.meanNorm,
    neuronFellFraction: fell / m,
    tNormHalf,
    tAlignHalf,
    precedenceRatio: tNormHalf > 0 ? tAlignHalf / tNormHalf : 0,
    absCosStart: r0.meanAbsCos,
    absCosPeak,
    absCosRise: absCosPeak - r0.meanAbsCos,
    absCosEnd: tailMean(tr, from, 'meanAbsCos'),
    orientedCosEnd: tailMean(tr, from, 'meanOrientedCos'),
    alignedFractionEnd: tailMean(tr, from, 'alignedFraction'),
    printedStart: r0.meanAlignment,
    printedEnd,
    printedChangeCos: printedEnd / (thetaStarNorm * normEnd) - r0.meanAlignment / (thetaStarNorm * r0.meanNorm),
    testLossStart: r0.testLoss,
    testLossEnd,
    trainLossEnd: tailMean(tr, from, 'trainLoss'),
    lossRatio: testLossEnd / r0.testLoss,
    thetaErrorEnd: tailMean(tr, from, 'thetaError'),
    participationEnd: tailMean(tr, from, 'participation'),
    violations: [],
    margin: 0,
    outcome: tr.outcome.kind === 'diverged' ? `diverged at step ${tr.outcome.step}` : tr.outcome.kind,
  };
  const slack: number[] = [];
  const check = (ok: boolean, s: number, what: string) => {
    slack.push(s);
    if (!ok) me.violations.push(what);
  };
  if (tr.outcome.kind === 'diverged') {
    me.violations.push(me.outcome);
    slack.push(-1);
  }
  check(me.normRatio <= th.normFall, (th.normFall - me.normRatio) / th.normFall, `mean norm fell only to ${f(me.normRatio)} of its start (needs <= ${th.normFall})`);
  check(me.neuronFellFraction >= th.neuronFallFraction, (me.neuronFellFraction - th.neuronFallFraction) / th.neuronFallFraction, `${f(100 * me.neuronFellFraction)}% of neurons fell by ${th.neuronFallFactor}x (needs >= ${100 * th.neuronFallFraction}%)`);
  check(me.absCosRise >= th.alignmentRise, (me.absCosRise - th.alignmentRise) / th.alignmentRise, `Avg|cos| rose by ${f(me.absCosRise)} (needs >= ${th.alignmentRise})`);
  check(me.precedenceRatio >= th.precedence, (me.precedenceRatio - th.precedence) / th.precedence, `alignment half-rise at step ${tAlignHalf} vs norm half-fall at ${tNormHalf}: ratio ${f(me.precedenceRatio)} (needs >= ${th.precedence})`);
  check(me.lossRatio <= th.lossDrop, (th.lossDrop - me.lossRatio) / th.lossDrop, `final test loss ${f(me.testLossEnd)} is ${f(me.lossRatio)} of its start (needs <= ${th.lossDrop})`);
  me.margin = Math.min(...slack);
  return me;
}

export function describePhase(me: PhaseMeasure): string {
  return (
    `seed ${me.seed}: mean norm ${f(me.normStart)} -> ${f(me.normEnd)} (x${f(me.normRatio)}), ${f(100 * me.neuronFellFraction)}% of neurons fell; ` +
    `norm half-fall at step ${me.tNormHalf}, Avg|cos| half-rise at step ${me.tAlignHalf} (ratio ${f(me.precedenceRatio)}); Avg|cos| ${f(me.absCosStart)} -> peak ${f(me.absCosPeak)}; ` +
    `test loss ${f(me.testLossStart)} -> ${f(me.testLossEnd)}; printed Avg<w_i,theta*> ${f(me.printedStart)} -> ${f(me.printedEnd)}` +
    (me.violations.length ? `; VIOLATED: ${me.violations.join('; ')}` : '')
  );
}

export const f = (x: number): string => (x === 0 ? '0' : Math.abs(x) >= 1e4 || Math.abs(x) < 1e-3 ? x.toExponential(3) : Number(x.toPrecision(4)).toString());

/**
 * The exact sign symmetry of the dynamics: flipping (w_i, a_i) -> (-w_i, -a_i) for some neurons at initialization leaves
 * theta(t) unchanged and flips <w_i(t), theta*> for those neurons, for the same data, sampling and noise. Since Eq. (5)'s
 * initialization is symmetric under each flip, E[<w_i(t), theta*>] = 0 for every t: the printed average alignment has
 * mean zero at every step. Returns the largest deviations seen (0 when the symmetry is exact in floating point).
 */
export function symmetryGap(setup: Setup, rule: Rule, seed: string, steps: number, flips: readonly number[], every: number): { thetaGap: number; flippedGap: number; keptGap: number; checks: number } {
  const data = dataOf(setup, seed);
  const a = new Simulation(initialState({ setup, seed, rule }), data, rule, seed);
  const b = new Simulation(initialState({ setup, seed, rule, flip: flips }), data, rule, seed);
  const flipped = new Set(flips);
  let thetaGap = 0;
  let flippedGap = 0;
  let keptGap = 0;
  let checks = 0;
  const ts = data.thetaStar;
  const compare = () => {
    checks++;
    for (let k = 0; k < a.theta.length; k++) thetaGap = Math.max(thetaGap, Math.abs((a.theta[k] as number) - (b.theta[k] as number)));
    const Wa = rows(a.state.W);
    const Wb = rows(b.state.W);
    for (let i = 0; i < Wa.length; i++) {
      const x = dot(Wa[i] as Float64Array, ts);
      const y = dot(Wb[i] as Float64Array, ts);
      if (flipped.has(i)) flippedGap = Math.max(flippedGap, Math.abs(x + y));
      else keptGap = Math.max(keptGap, Math.abs(x - y));
    }
  };
  compare();
  for (let t = 1; t <= steps; t++) {
    a.step();
    b.step();
    if (t % every === 0 || t === steps) compare();
  }
  return { thetaGap, flippedGap, keptGap, checks };
}

// ------------------------------------------------------------------ figures of the two-phase picture

/**
 * Figure 2 / Figure 4 analogues: (a) losses, (b) mean norm, printed mean alignment and Avg|cos| (all seeds), (c) single
 * neurons' alignment vs norm (first seed), and (bottom) every neuron (down-sampled) at several steps.
 */
export function phaseFigures(prefix: string, label: string, allRuns: { seed: number; tr: Trajectory }[], setup: Setup, maxPoints = 120, maxSeeds = 4): FigureSpec[] {
  const runs = allRuns.slice(0, maxSeeds);
  const tsn = thetaStarNormOf(setup);
  const losses: Datum[] = [];
  const dyn: Datum[] = [];
  for (const { seed, tr } of runs) {
    for (const r of thin(tr.rows, maxPoints)) {
      const step = Math.max(r.step, 1);
      losses.push({ step, loss: Math.max(r.trainLoss, 1e-12), series: 'train', seed: `s${seed}` });
      losses.push({ step, loss: Math.max(r.testLoss, 1e-12), series: 'test', seed: `s${seed}` });
      dyn.push({ step: r.step, value: r.meanNorm, measure: 'b1 Avg||w_i||', seed: `seed ${seed}` });
      dyn.push({ step: r.step, value: r.meanAlignment, measure: 'b2 Avg<w_i,theta*> (printed)', seed: `seed ${seed}` });
      dyn.push({ step: r.step, value: r.meanAbsCos, measure: 'b3 Avg|cos(w_i,theta*)|', seed: `seed ${seed}` });
    }
  }
  const first = runs[0];
  const figs: FigureSpec[] = [
    lineFigure({
      id: `${prefix}.a-losses`,
      title: `${label} (a): train and test loss vs step (${runs.length} seeds)`,
      values: losses,
      x: { field: 'step', title: 'step t' },
      y: { field: 'loss', title: 'loss (log scale)', log: true },
      color: { field: 'series', title: 'loss' },
      detail: 'seed',
    }),
    lineFigure({
      id: `${prefix}.b-dynamics`,
      title: `${label} (b): mean neuron norm, printed mean alignment and Avg |cos| vs step (${runs.length} seeds, ||theta*|| = ${f(tsn)})`,
      values: dyn,
      x: { field: 'step', title: 'step t' },
      y: { field: 'value', title: null },
      color: { field: 'seed', title: 'run' },
      row: { field: 'measure' },
      height: 130,
    }),
  ];
  if (first && first.tr.paths.length) {
    const pts: Datum[] = [];
    for (const p of first.tr.paths) {
      const idx = thin(
        p.steps.map((_, j) => j),
        120,
      );
      for (const j of idx) pts.push({ neuron: `neuron ${p.neuron}`, norm: p.norm[j] as number, alignment: p.alignment[j] as number, step: p.steps[j] as number });
    }
    figs.push(
      scatterFigure({
        id: `${prefix}.c-neurons`,
        title: `${label} (c): alignment <w_i, theta*> vs norm ||w_i|| of single neurons (seed ${first.seed}; darker = later)`,
        values: pts,
        x: { field: 'norm', title: '||w_i(t)||' },
        y: { field: 'alignment', title: '<w_i(t), theta*>' },
        color: { field: 'step', title: 'step' },
        column: { field: 'neuron', columns: 3 },
        path: true,
        width: 190,
        height: 150,
      }),
    );
  }
  if (first && first.tr.frames.length) {
    const pts: Datum[] = [];
    for (const fr of first.tr.frames) for (let j = 0; j < fr.neurons.length; j++) pts.push({ frame: `t = ${fr.step}`, order: fr.step, norm: fr.norm[j] as number, alignment: fr.alignment[j] as number, step: fr.step });
    const fig = scatterFigure({
      id: `${prefix}.bottom-all-neurons`,
      title: `${label} (bottom): every neuron's alignment vs norm at several steps (seed ${first.seed}, ${first.tr.frames[0]!.neurons.length} of ${setup.m} neurons)`,
      values: pts,
      x: { field: 'norm', title: '||w_i(t)||' },
      y: { field: 'alignment', title: '<w_i(t), theta*>' },
      color: { field: 'step', title: 'step', ordinal: true },
      width: 460,
      height: 260,
    });
    figs.push(fig);
  }
  return figs;
}

export { norm };
