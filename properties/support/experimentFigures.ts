import type { FigureSpec } from '../../src/verdict/types.js';
import { fmt } from '../../src/stats/format.js';
import type { SyntheticSetup, Trajectory } from '../../src/scenarios/syntheticTraining.js';

/**
 * Vega-Lite (v6) specifications with inline data for the experiment claims' figures (rendered by src/report/figures.ts).
 * Values are rounded to 4 significant digits and series thinned so that each spec stays well under 200 KB.
 */
type Datum = Record<string, number | string>;

const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

/** Chart titles left-aligned and cut at `limit` pixels (the full title is the figure's caption in the report). */
const titleOf = (text: string, limit = 760) => ({ text, anchor: 'start', fontSize: 12, limit });

function r4(x: number): number {
  if (!Number.isFinite(x) || x === 0) return 0;
  return Number(x.toPrecision(4));
}

function roundData(values: Datum[]): Datum[] {
  return values.map((d) => Object.fromEntries(Object.entries(d).map(([k, v]) => [k, typeof v === 'number' ? r4(v) : v])));
}

interface Axis {
  field: string;
  title: string | null;
  log?: boolean;
  /** 'symlog' for series that cross zero */
  symlog?: boolean;
  zero?: boolean;
}

/** Line chart of y against x, one line per `color` value (and per `detail`, e.g. a seed), optionally faceted in rows with independent y. */
export function lineFigure(o: {
  id: string;
  title: string;
  values: Datum[];
  x: Axis;
  y: Axis;
  color?: { field: string; title: string };
  detail?: string;
  row?: { field: string; title?: string };
  width?: number;
  height?: number;
  strokeDash?: { field: string; title: string };
  rules?: { x: number; label: string }[];
}): FigureSpec {
  const scale = (a: Axis) => (a.log ? { type: 'log' } : a.symlog ? { type: 'symlog' } : { zero: a.zero ?? false });
  const encoding: Record<string, unknown> = {
    x: { field: o.x.field, type: 'quantitative', title: o.x.title, scale: scale(o.x) },
    y: { field: o.y.field, type: 'quantitative', title: o.y.title, scale: scale(o.y) },
  };
  if (o.color) encoding.color = { field: o.color.field, type: 'nominal', title: o.color.title };
  if (o.detail) encoding.detail = { field: o.detail, type: 'nominal' };
  if (o.strokeDash) encoding.strokeDash = { field: o.strokeDash.field, type: 'nominal', title: o.strokeDash.title };
  const line = { mark: { type: 'line', strokeWidth: 1.4, clip: true }, encoding };
  const layers: Record<string, unknown>[] = [line];
  if (o.rules?.length) {
    layers.push({
      data: { values: o.rules.map((r) => ({ x: r.x, label: r.label })) },
      mark: { type: 'rule', strokeDash: [4, 3], color: '#555' },
      encoding: { x: { field: 'x', type: 'quantitative' } },
    });
    layers.push({
      data: { values: o.rules.map((r) => ({ x: r.x, label: r.label })) },
      mark: { type: 'text', align: 'left', dx: 3, dy: -4, baseline: 'bottom', fontSize: 10, color: '#333' },
      encoding: { x: { field: 'x', type: 'quantitative' }, y: { value: 0 }, text: { field: 'label' } },
    });
  }
  const inner = { width: o.width ?? 460, height: o.height ?? 220, layer: layers };
  const spec: Record<string, unknown> = o.row
    ? {
        $schema: SCHEMA,
        title: titleOf(o.title),
        data: { values: roundData(o.values) },
        facet: { row: { field: o.row.field, type: 'nominal', title: o.row.title ?? null } },
        spec: { ...inner, height: o.height ?? 150 },
        resolve: { scale: { y: 'independent' } },
      }
    : { $schema: SCHEMA, title: titleOf(o.title), data: { values: roundData(o.values) }, ...inner };
  return { id: o.id, title: o.title, spec };
}

/** Scatter of y against x coloured by a quantitative field (darker = later), optionally faceted in columns. */
function scatterFigure(o: {
  id: string;
  title: string;
  values: Datum[];
  x: Axis;
  y: Axis;
  color: { field: string; title: string; ordinal?: boolean };
  column?: { field: string; title?: string; columns?: number };
  path?: boolean;
  width?: number;
  height?: number;
}): FigureSpec {
  const enc = {
    x: { field: o.x.field, type: 'quantitative', title: o.x.title, scale: o.x.log ? { type: 'log' } : { zero: o.x.zero ?? false } },
    y: { field: o.y.field, type: 'quantitative', title: o.y.title, scale: o.y.symlog ? { type: 'symlog' } : { zero: o.y.zero ?? false } },
    color: { field: o.color.field, type: o.color.ordinal ? 'ordinal' : 'quantitative', title: o.color.title, scale: { scheme: { name: 'blues', extent: [0.3, 1] } } },
  };
  const layers: Record<string, unknown>[] = [];
  if (o.path) layers.push({ mark: { type: 'line', color: '#bbb', strokeWidth: 0.7 }, encoding: { x: enc.x, y: enc.y, order: { field: o.color.field, type: 'quantitative' } } });
  layers.push({ mark: { type: 'circle', size: 14, opacity: 0.85 }, encoding: enc });
  const inner = { width: o.width ?? 220, height: o.height ?? 180, layer: layers };
  const spec: Record<string, unknown> = o.column
    ? {
        $schema: SCHEMA,
        title: titleOf(o.title),
        data: { values: roundData(o.values) },
        facet: { field: o.column.field, type: 'ordinal', title: o.column.title ?? null },
        columns: o.column.columns ?? 3,
        spec: inner,
        resolve: { scale: { x: 'independent', y: 'independent' } },
      }
    : { $schema: SCHEMA, title: titleOf(o.title), data: { values: roundData(o.values) }, ...inner };
  return { id: o.id, title: o.title, spec };
}

/** Thins a list to at most k evenly spaced entries, keeping the first and the last. */
function thin<T>(xs: readonly T[], k: number): T[] {
  if (xs.length <= k) return [...xs];
  const out: T[] = [];
  for (let j = 0; j < k; j++) out.push(xs[Math.round((j * (xs.length - 1)) / (k - 1))] as T);
  return out;
}

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
      for (const [method, rows] of [['label noise SGD', r.noise.rows], ['plain SGD', plain]] as const) for (const row of thin(rows, 100)) values.push({ setup: label, step: Math.max(1, row.step), loss: Math.max(row.testLoss, 1e-12), method, seed: `s${seed}` });
    });
  }
  return lineFigure({ id, title, values, x: { field: 'step', title: 'step t' }, y: { field: 'loss', title: 'test loss (log scale)', log: true }, color: { field: 'method', title: 'method' }, detail: 'seed', row: { field: 'setup' }, height: 170 });
}

/** The oscillation notebook's figures: Avg||w_i(t)|| under the oscillation and with a frozen (a few seeds), and single neurons' norms (first seed). */
export function oscillationFigures(runs: readonly { osc: Trajectory; frozen: { steps: number[]; meanNorm: number[] } }[], setupText: string): FigureSpec[] {
  const mean: Datum[] = [];
  runs.slice(0, 4).forEach((r, seed) => {
    for (const row of thin(r.osc.rows, 120)) mean.push({ step: row.step, value: row.meanNorm, process: 'oscillating a (Eqs. 6-7)', seed: `s${seed}` });
    for (const j of thin(r.frozen.steps.map((_, k) => k), 120)) mean.push({ step: r.frozen.steps[j] as number, value: r.frozen.meanNorm[j] as number, process: 'frozen a (GD on W)', seed: `s${seed}` });
  });
  const neurons: Datum[] = (runs[0]?.osc.paths ?? []).flatMap((p) => thin(p.steps.map((_, k) => k), 120).map((j) => ({ step: p.steps[j] as number, norm: p.norm[j] as number, neuron: `neuron ${p.neuron}` })));
  return [
    lineFigure({ id: 'oscillation.mean-norm', title: `Oscillation notebook: Avg ||w_i(t)|| under the three-state oscillation of a (Eqs. 6-7) and with a frozen (${setupText})`, values: mean, x: { field: 'step', title: 'step t' }, y: { field: 'value', title: 'Avg ||w_i(t)||', zero: true }, color: { field: 'process', title: 'second layer' }, detail: 'seed' }),
    lineFigure({ id: 'oscillation.neurons', title: 'Oscillation notebook: ||w_i(t)|| of single neurons under the oscillation (seed 0)', values: neurons, x: { field: 'step', title: 'step t' }, y: { field: 'norm', title: '||w_i(t)||', zero: true }, color: { field: 'neuron', title: 'neuron' } }),
  ];
}

/** The periodic notebook's figures: Avg||w_i(t)|| and a_i(t) of a few neurons, the noise-on windows shaded. */
export function periodicFigures(runs: readonly { tr: Trajectory; aTrace: { step: number; neuron: number; a: number }[] }[], bands: { start: number; end: number }[], text: string): FigureSpec[] {
  const norm: Datum[] = runs.slice(0, 3).flatMap((r, seed) => thin(r.tr.rows, 400).map((row) => ({ step: row.step, norm: row.meanNorm, seed: `s${seed}` })));
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
