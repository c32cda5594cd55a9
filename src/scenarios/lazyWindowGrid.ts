import { fmt } from '../stats/format.js';
import { quantile } from '../stats/summary.js';
import { evaluateCondition1, type HypothesisCheck, type HypothesisStatus } from '../theory/condition1.js';
import { runLazyWindow, T0, type LazyConfig, type LazyRun } from './lazyWindow.js';
import { sweepConfig, type HypothesisLine, type WidthSweep } from './widthSweep.js';

/**
 * One group of configurations of the lazy-window grid shared by the two parts of Lemma C.2: the same parameters at
 * each width m in `ms`, `reps` independent runs (data, init, sampling, noise) per width.
 */
export interface LazyGroupSpec extends WidthSweep {
  /** 'full': the engine's Simulation, every neuron watched; 'reduced': the sufficient-statistic simulator, K tracked neurons, fresh inputs */
  engine: 'full' | 'reduced';
  /** tracked neurons (reduced engine) */
  K: number;
  /** step budget of one run (the lazy window ends long before it) */
  budget: number;
  /** include the group in the log-log fits against m (one fit per group) */
  fit: boolean;
}

/** The cheap configurations of the hypothesis-violation searches (eta = etaTimesM / m, d = 20, n = 200, sigma = 4 unless broken). */
export interface LazyExplore {
  numRuns: number;
  ms: number[];
  etaTimesM: number;
  /** 'lazy-premise': runs continue to pastFactor * tau (tau the lazy exit; T0 lies a few hundred tau out) */
  pastFactor: number;
  /** 'A4': ||theta*|| = scale m^(-1/4), scale > 1 */
  a4Scales: number[];
  /** 'stability': eta m beyond the edge ~2 */
  stabilityEtaTimesM: number[];
}

export interface LazyDomain {
  groups: LazyGroupSpec[];
  explore: LazyExplore;
}


/** The lazy-window grid of Lemma C.2: every (group, m) cell run `reps` times. */
export interface LazyCell {
  spec: LazyGroupSpec;
  cfg: LazyConfig;
  runs: LazyRun[];
}

export function configOf(spec: LazyGroupSpec, m: number): LazyConfig {
  return { group: spec.group, engine: spec.engine, ...sweepConfig(spec, m), K: spec.K, budget: spec.budget };
}

export function runGrid(dom: LazyDomain, seedOf: (group: string, m: number, rep: number) => string): LazyCell[] {
  const cells: LazyCell[] = [];
  for (const spec of dom.groups)
    for (const m of spec.ms) {
      const cfg = configOf(spec, m);
      const runs: LazyRun[] = [];
      for (let rep = 0; rep < spec.reps; rep++) runs.push(runLazyWindow(cfg, { seed: seedOf(spec.group, m, rep) }));
      cells.push({ spec, cfg, runs });
    }
  return cells;
}

export const median = (v: number[]): number => (v.length === 0 ? 0 : quantile(v, 0.5));
export const maxOfList = (v: number[]): number => v.reduce((a, b) => Math.max(a, b), 0);

/** tau / T0 (T0 with its constant read as 1) of the runs that left the lazy regime. */
export function tauOverT0(c: LazyCell): number[] {
  const t0 = T0(c.cfg.m, c.cfg.eta);
  return c.runs.filter((r) => r.tau !== null).map((r) => (r.tau as number) / t0);
}

const weight: Record<HypothesisStatus, number> = { met: 0, unevaluable: 1, relaxed: 2, unreachable: 3 };

/**
 * Condition 3.1 over the grid (each hypothesis reported at its worst configuration), plus the lazy premise and the
 * stability of the step (eta m), which the lemma does not list but the runs depend on.
 */
export function gridHypotheses(cells: LazyCell[]): HypothesisLine[] {
  const worst = new Map<string, { check: HypothesisCheck; cell: LazyCell }>();
  for (const c of cells) {
    const maxX = maxOfList(c.runs.map((r) => r.maxXNorm));
    const checks = evaluateCondition1({ m: c.cfg.m, d: c.cfg.d, n: c.cfg.n, eta: c.cfg.eta, sigma: c.cfg.sigma, thetaStarNorm: c.cfg.thetaStarNorm, maxXNorm: maxX });
    for (const h of checks) {
      const prev = worst.get(h.id);
      if (!prev || weight[h.status] > weight[prev.check.status] || (weight[h.status] === weight[prev.check.status] && (h.log10Margin ?? 0) < (prev.check.log10Margin ?? 0)))
        worst.set(h.id, { check: h, cell: c });
    }
  }
  const at = (c: LazyCell): string => `${c.cfg.group} m=${c.cfg.m}, eta=${fmt(c.cfg.eta)}`;
  const pick = (id: string): { check: HypothesisCheck; cell: LazyCell } => worst.get(id) as { check: HypothesisCheck; cell: LazyCell };
  const out: HypothesisLine[] = [];
  const a1 = pick('A1');
  out.push({ id: 'A1', status: a1.check.status, detail: `AAAI form, worst configuration (${at(a1.cell)}): ${a1.check.required}; ${a1.check.actual}. ${a1.check.detail}` });
  const a1l = pick('A1-long');
  out.push({ id: 'A1-long', status: a1l.check.status, detail: `worst configuration (${at(a1l.cell)}): ${a1l.check.required}; relaxed to the tested widths` });
  const a2 = pick('A2');
  out.push({ id: 'A2', status: a2.check.status === 'unreachable' ? 'relaxed' : a2.check.status, detail: `${a2.check.required}: ${a2.check.detail}; tested eta from ${fmt(Math.min(...cells.map((c) => c.cfg.eta)))} to ${fmt(Math.max(...cells.map((c) => c.cfg.eta)))}` });
  const a3 = pick('A3');
  out.push({ id: 'A3', status: a3.check.status, detail: `not assumed by Lemma C.2 (it lists A1-2, 4-6); ${a3.check.required} at ${at(a3.cell)}; the reduced engine draws fresh inputs (n = infinity)` });
  const a4 = pick('A4');
  out.push({ id: 'A4', status: a4.check.status, detail: `${a4.check.required} at ${at(a4.cell)}: ${a4.check.actual} (||theta*|| = m^(-1/4) everywhere; the proof also uses ||theta*|| <= m^(-1/3), which this does not meet)` });
  const a5 = pick('A5');
  out.push({ id: 'A5', status: a5.check.status, detail: `${a5.check.detail} (largest input norm over all runs)` });
  const a6 = pick('A6');
  out.push({ id: 'A6', status: a6.check.status, detail: a6.check.detail });
  const ratios = cells.flatMap(tauOverT0);
  const lazyEnded = cells.reduce((s, c) => s + c.runs.filter((r) => r.tau !== null).length, 0);
  const total = cells.reduce((s, c) => s + c.runs.length, 0);
  out.push({
    id: 'lazy-premise',
    status: 'relaxed',
    detail: `"the model is still in the lazy regime within T0 = O(log m/(eta^2 sqrt m))": ${lazyEnded}/${total} runs left the lazy ball before T0 (constant 1); tau/T0 median ${fmt(median(ratios))}, max ${fmt(maxOfList(ratios))}. The conclusion is checked on the window t < tau where the premise does hold`,
  });
  const etaM = cells.map((c) => c.cfg.eta * c.cfg.m);
  out.push({
    id: 'stability',
    status: Math.max(...etaM) < 2 ? 'met' : 'relaxed',
    detail: `not a hypothesis of the lemma (A1 bounds m from below only): eta m from ${fmt(Math.min(...etaM))} to ${fmt(Math.max(...etaM))}, below the one-sample stability edge eta m ~ 2 (x^T K x ~ m ||x||^2 / d at init); beyond it see the 'stability' exploration`,
  });
  return out;
}

/** Runs of the whole grid that diverged (reported as outcomes). */
export function divergedRuns(cells: LazyCell[]): string[] {
  return cells.flatMap((c) => c.runs.filter((r) => r.diverged).map((r) => `${c.cfg.group} m=${c.cfg.m}: ${r.outcome}`));
}

/** A configuration of the hypothesis-violation searches: d = 20, n = 200, sigma = 4, eta = etaTimesM / m, ||theta*|| = m^(-1/4), unless overridden. */
export function exploreConfig(ex: LazyExplore, m: number, over: Partial<LazyConfig> = {}): LazyConfig {
  return { group: 'explore', engine: 'full', m, d: 20, n: 200, eta: ex.etaTimesM / m, sigma: 4, thetaStarNorm: Math.pow(m, -0.25), K: 0, budget: 200_000, ...over };
}

/** What a run reports to the premise monitors (properties/monitors/): the 'lazy-window' observation at the end of its window. */
export function lazyWindowObservation(r: LazyRun): Record<string, number> {
  const c = r.config;
  return { m: c.m, eta: c.eta, etaM: c.eta * c.m, t: r.window, T0: T0(c.m, c.eta), maxAbsAScaled: r.maxAbsA, maxAScaled: r.maxA, driftScaled: 1 };
}
