import type { FigureSpec } from '../verdict/types.js';
import { fmt } from '../stats/format.js';
import type { SyntheticSetup, Trajectory } from '../scenarios/syntheticTraining.js';
import { lineFigure, scatterFigure } from './lineCharts.js';
import { thinEvenly, type Datum } from './vegaLite.js';

/** The synthetic experiments' figures (Sec. 3.1 runs): the Figure 2 / 4 analogues and the authors' notebooks' plots. */

/**
 * Figure 2 / Figure 4 analogues: (a) losses, (b) mean norm, printed mean alignment and Avg|cos| (all seeds), (c) single
 * neurons' alignment vs norm (first seed), and (bottom) every neuron (down-sampled) at several steps.
 */
export function phaseFigures(prefix: string, label: string, allRuns: { seed: number; tr: Trajectory }[], setup: SyntheticSetup, maxPoints = 120, maxSeeds = 4): FigureSpec[] {
  const runs = allRuns.slice(0, maxSeeds);
  const tsn = setup.config.thetaStarNorm;
  const losses: Datum[] = [];
  const dyn: Datum[] = [];
  for (const { seed, tr } of runs) {
    for (const r of thinEvenly(tr.rows, maxPoints)) {
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
      title: `${label} (b): mean neuron norm, printed mean alignment and Avg |cos| vs step (${runs.length} seeds, ||theta*|| = ${fmt(tsn)})`,
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
      const idx = thinEvenly(
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
      title: `${label} (bottom): every neuron's alignment vs norm at several steps (seed ${first.seed}, ${first.tr.frames[0]!.neurons.length} of ${setup.config.m} neurons)`,
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

/** Test loss of label-noise SGD and plain SGD against the step, one row of panels per setting (plain SGD held at its fixed point once it interpolates). */
export function contrastLossFigure(id: string, title: string, settings: { label: string; runs: readonly { noise: Trajectory; plain: Trajectory }[] }[], maxSeeds = 3): FigureSpec {
  const values: Datum[] = [];
  for (const { label, runs } of settings) {
    runs.slice(0, maxSeeds).forEach((r, seed) => {
      const end = r.noise.rows[r.noise.rows.length - 1]!.step;
      const plain = [...r.plain.rows];
      const last = plain[plain.length - 1]!;
      if (last.step < end) plain.push({ ...last, step: end });
      for (const [method, rows] of [['label noise SGD', r.noise.rows], ['plain SGD', plain]] as const) for (const row of thinEvenly(rows, 100)) values.push({ setup: label, step: Math.max(1, row.step), loss: Math.max(row.testLoss, 1e-12), method, seed: `s${seed}` });
    });
  }
  return lineFigure({ id, title, values, x: { field: 'step', title: 'step t' }, y: { field: 'loss', title: 'test loss (log scale)', log: true }, color: { field: 'method', title: 'method' }, detail: 'seed', row: { field: 'setup' }, height: 170 });
}

/** The oscillation notebook's figures: Avg||w_i(t)|| under the oscillation and with a frozen (a few seeds), and single neurons' norms (first seed). */
export function oscillationFigures(runs: readonly { osc: Trajectory; frozen: { steps: number[]; meanNorm: number[] } }[], setupText: string): FigureSpec[] {
  const mean: Datum[] = [];
  runs.slice(0, 4).forEach((r, seed) => {
    for (const row of thinEvenly(r.osc.rows, 120)) mean.push({ step: row.step, value: row.meanNorm, process: 'oscillating a (Eqs. 6-7)', seed: `s${seed}` });
    for (const j of thinEvenly(r.frozen.steps.map((_, k) => k), 120)) mean.push({ step: r.frozen.steps[j] as number, value: r.frozen.meanNorm[j] as number, process: 'frozen a (GD on W)', seed: `s${seed}` });
  });
  const neurons: Datum[] = (runs[0]?.osc.paths ?? []).flatMap((p) => thinEvenly(p.steps.map((_, k) => k), 120).map((j) => ({ step: p.steps[j] as number, norm: p.norm[j] as number, neuron: `neuron ${p.neuron}` })));
  return [
    lineFigure({ id: 'oscillation.mean-norm', title: `Oscillation notebook: Avg ||w_i(t)|| under the three-state oscillation of a (Eqs. 6-7) and with a frozen (${setupText})`, values: mean, x: { field: 'step', title: 'step t' }, y: { field: 'value', title: 'Avg ||w_i(t)||', zero: true }, color: { field: 'process', title: 'second layer' }, detail: 'seed' }),
    lineFigure({ id: 'oscillation.neurons', title: 'Oscillation notebook: ||w_i(t)|| of single neurons under the oscillation (seed 0)', values: neurons, x: { field: 'step', title: 'step t' }, y: { field: 'norm', title: '||w_i(t)||', zero: true }, color: { field: 'neuron', title: 'neuron' } }),
  ];
}

/** The periodic notebook's figures: Avg||w_i(t)|| and a_i(t) of a few neurons, the noise-on windows shaded. */
export function periodicFigures(runs: readonly { tr: Trajectory; aTrace: { step: number; neuron: number; a: number }[] }[], bands: { start: number; end: number }[], text: string): FigureSpec[] {
  const norm: Datum[] = runs.slice(0, 3).flatMap((r, seed) => thinEvenly(r.tr.rows, 400).map((row) => ({ step: row.step, norm: row.meanNorm, seed: `s${seed}` })));
  const a: Datum[] = (runs[0]?.aTrace ?? []).map((p) => ({ step: p.step, a: p.a, neuron: `neuron ${p.neuron}` }));
  const shaded = (fig: FigureSpec): FigureSpec => {
    const spec = fig.spec as Record<string, unknown> & { layer: Record<string, unknown>[] };
    spec.layer = [{ data: { values: bands }, mark: { type: 'rect', color: '#f4c7a1', opacity: 0.35 }, encoding: { x: { field: 'start', type: 'quantitative' }, x2: { field: 'end' } } }, ...spec.layer];
    return fig;
  };
  return [
    shaded(lineFigure({ id: 'periodic.norm', title: `Periodic notebook: Avg ||w_i(t)|| with label noise on (shaded) and off, ${text}`, values: norm, x: { field: 'step', title: 'step t' }, y: { field: 'norm', title: 'Avg ||w_i(t)||' }, color: { field: 'seed', title: 'run' }, width: 620 })),
    shaded(lineFigure({ id: 'periodic.second-layer', title: 'Periodic notebook: a_i(t) of a few neurons (seed 0); noise-on windows shaded', values: a, x: { field: 'step', title: 'step t' }, y: { field: 'a', title: 'a_i(t)' }, color: { field: 'neuron', title: 'neuron' }, width: 620 })),
  ];
}
