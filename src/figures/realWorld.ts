import type { RealWorldSeedResult } from '../cifar/realworld.js';
import type { FigureSpec } from '../verdict/types.js';
import { thinByStride, vegaLite } from './vegaLite.js';

/** The real-world (CIFAR-10) figures: loss and norm curves of Figures 3 and 5 against their linearizations, Figure 1's mean bands. */

export interface CurvePoint {
  step: number;
  value: number;
  /** the curve's name (run), e.g. "clean GD", "label noise (resample p = 0.5)", "linearized (NTK, GD)" */
  run: string;
  /** panel, e.g. "train loss" / "test loss" */
  panel: string;
  seed: string;
}

/**
 * Line charts in panels side by side, one line per (run, seed): color by run, dashed for the
 * linearized baselines, a log y scale where every value is positive.
 */
export function curvesFigure(id: string, title: string, points: CurvePoint[], yTitle: string, opts: { logY?: boolean; dashed?: (run: string) => boolean } = {}): FigureSpec {
  const positive = points.every((p) => p.value > 0);
  const logY = (opts.logY ?? true) && positive;
  const values = points.map((p) => ({ ...p, value: Number(p.value.toPrecision(5)), dashed: opts.dashed ? opts.dashed(p.run) : p.run.includes('linearized') }));
  const panels = [...new Set(points.map((p) => p.panel))];
  return vegaLite(id, title, {
    data: { values },
    facet: { column: { field: 'panel', type: 'nominal', title: null, sort: panels } },
    resolve: { scale: { y: 'independent' } },
    spec: {
      width: 300,
      height: 220,
      mark: { type: 'line', strokeWidth: 1.5 },
      encoding: {
        x: { field: 'step', type: 'quantitative', title: 'full-batch step t' },
        y: { field: 'value', type: 'quantitative', title: yTitle, scale: logY ? { type: 'log' } : { zero: false } },
        color: { field: 'run', type: 'nominal', title: 'run (dashed: linearized models)', legend: { labelLimit: 480, titleLimit: 480, orient: 'right' } },
        strokeDash: { field: 'dashed', type: 'nominal', legend: null, scale: { domain: [false, true], range: [[1, 0], [5, 3]] } },
        detail: { field: 'seed', type: 'nominal' },
        tooltip: [
          { field: 'run', type: 'nominal' },
          { field: 'seed', type: 'nominal' },
          { field: 'step', type: 'quantitative' },
          { field: 'value', type: 'quantitative', format: '.4g' },
        ],
      },
    },
  });
}

/** Grouped points with error bars: e.g. accuracy after pruning against the kept fraction, one line per method (mean over seeds, min-max band). */
export function meanBandFigure(id: string, title: string, rows: { x: number; value: number; method: string; seed: string }[], xTitle: string, yTitle: string, logX = false): FigureSpec {
  const x = { field: 'x', type: 'quantitative', scale: logX ? { type: 'log' } : {} };
  return vegaLite(id, title, {
    width: 380,
    height: 240,
    data: { values: rows.map((r) => ({ ...r, value: Number(r.value.toPrecision(6)) })) },
    layer: [
      { mark: { type: 'errorband', extent: 'ci', opacity: 0.2 }, encoding: { x: { field: 'x', type: 'quantitative', title: xTitle, scale: x.scale }, y: { field: 'value', type: 'quantitative', title: yTitle }, color: { field: 'method', type: 'nominal' } } },
      { mark: { type: 'line', point: true }, encoding: { x, y: { aggregate: 'mean', field: 'value', type: 'quantitative' }, color: { field: 'method', type: 'nominal', title: 'method', legend: { labelLimit: 320 } } } },
    ],
  });
}

/** Curve points of every run and baseline of one seed result, for the loss figures. */
export function lossPoints(r: RealWorldSeedResult, seedLabel: string, prefix: string, maxPoints: number): CurvePoint[] {
  const pts: CurvePoint[] = [];
  const keep = thinByStride(r.steps.length, maxPoints);
  const add = (run: string, tr: readonly number[], te: readonly number[]): void => {
    r.steps.forEach((step, i) => {
      if (!keep(i)) return;
      if (i < tr.length) pts.push({ step, value: tr[i] as number, run: `${prefix}${run}`, panel: 'train loss', seed: seedLabel });
      if (i < te.length) pts.push({ step, value: te[i] as number, run: `${prefix}${run}`, panel: 'test loss', seed: seedLabel });
    });
  };
  for (const [name, run] of Object.entries(r.runs))
    add(
      name,
      run.snapshots.map((s) => s.trainLoss),
      run.snapshots.map((s) => s.testLoss),
    );
  add('linearized (exact: full NTK, GD steps)', r.linSteps.train, r.linSteps.test);
  add("linearized (authors' baseline: traced NTK, flow)", r.lin.train, r.lin.test);
  for (const [name, c] of Object.entries(r.linSame)) add(`linearized, trained like: ${name}`, c.train, c.test);
  return pts;
}

/** Curve points of the first-layer norms (mean and std of the per-neuron norms, ||W||_F), relative to step 0. */
export function normPoints(r: RealWorldSeedResult, seedLabel: string, prefix: string, maxPoints: number): CurvePoint[] {
  const pts: CurvePoint[] = [];
  const keep = thinByStride(r.steps.length, maxPoints);
  for (const [name, run] of Object.entries(r.runs)) {
    const s0 = run.snapshots[0];
    if (!s0) continue;
    for (const [i, s] of run.snapshots.entries()) {
      if (!keep(i)) continue;
      pts.push({ step: s.step, value: s.normMean / s0.normMean, run: `${prefix}${name}`, panel: 'mean per-neuron norm / its initial value', seed: seedLabel });
      pts.push({ step: s.step, value: s.normStd / s0.normStd, run: `${prefix}${name}`, panel: 'std of per-neuron norms / its initial value', seed: seedLabel });
      pts.push({ step: s.step, value: s.frob / s0.frob, run: `${prefix}${name}`, panel: '||W||_F / its initial value', seed: seedLabel });
    }
  }
  return pts;
}
