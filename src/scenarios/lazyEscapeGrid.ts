import { fmt } from '../stats/format.js';
import { eq44Probability, evaluateCondition1, type HypothesisStatus } from '../theory/condition1.js';
import { T1 } from '../theory/constants.js';
import { failsAt, measureEscape, type EscapeConfig, type EscapeRun } from './lazyEscape.js';
import { OnlineLabelNoise } from './onlineLabelNoise.js';
import { sweepConfig, type HypothesisLine, type WidthSweep } from './widthSweep.js';

/**
 * Theorem 2's tested domain: sweeps over widths (widthSweep.ts) of label-noise SGD from the NTK init, and widths no
 * full run can hold, simulated exactly on fresh inputs with K tracked neurons (onlineLabelNoise.ts).
 */
export interface EscapeGroupSpec extends WidthSweep {
  /** drift checked every `resolution` steps */
  resolution: number;
  budget: number;
  /** 'atT1': run exactly floor(T1) steps when floor(T1) <= budget and check every neuron there; 'firstExit': stop when all have left */
  mode: 'atT1' | 'firstExit';
  /** a setting of the decision (the group has two or more widths) and of the rate of max tau / T1 */
  fit: boolean;
}

/**
 * Widths no full run can hold: eta = etaTimesM / m, and sigma set so that T1 = t1Steps (Theorem 2 places no condition on
 * sigma; both T1 and the escape time scale as 1/(sigma^2 eta^2)); every run taken to floor(T1).
 */
export interface WideSpec {
  ms: number[];
  d: number;
  K: number;
  etaTimesM: number;
  t1Steps: number;
  thetaScale: number;
  reps: number;
  every: number;
}

/** The cheap configurations of the hypothesis-violation searches (one hypothesis broken at a time). */
export interface EscapeExplorations {
  numRuns: number;
  ms: number[];
  etaTimesM: number;
  a4Scales: number[];
  a1Etas: number[];
  stabilityEtaTimesM: number[];
  a6Ds: number[];
}

export interface EscapeDomain {
  groups: EscapeGroupSpec[];
  wide: WideSpec;
  /** the declared range of widths [m_lo, m_hi] over which the high-probability rule judges each setting */
  range: [number, number];
  explore: EscapeExplorations;
}

export interface EscapeCell {
  spec: EscapeGroupSpec;
  cfg: EscapeConfig;
  rep: number;
  seed: string;
  run: EscapeRun;
}

export function escapeConfigs(spec: EscapeGroupSpec): EscapeConfig[] {
  return spec.ms.map((m) => ({ name: `${spec.group}/m=${m}`, ...sweepConfig(spec, m) }));
}

export function runEscapeGrid(groups: readonly EscapeGroupSpec[], seedOf: (cfg: EscapeConfig, rep: number) => string): EscapeCell[] {
  const cells: EscapeCell[] = [];
  for (const spec of groups)
    for (const cfg of escapeConfigs(spec))
      for (let rep = 0; rep < spec.reps; rep++) {
        const seed = seedOf(cfg, rep);
        cells.push({ spec, cfg, rep, seed, run: measureEscape(cfg, { seed, resolution: spec.resolution, budget: spec.budget, mode: spec.mode }) });
      }
  return cells;
}

export interface WideRun {
  m: number;
  eta: number;
  sigma: number;
  T1: number;
  /** first escape step of each tracked neuron (checked every `every` steps), -1 if still inside at the end */
  tau: Float64Array;
  steps: number;
  /** 'completed' | 'diverged at step N' */
  outcome: string;
  /** tracked neurons inside the lazy ball at the last step (floor(T1)) */
  lazyAtEnd: number;
}

/** One wide run to floor(T1): label-noise SGD on fresh inputs, K tracked neurons watched every `every` steps. */
export function runWide(w: WideSpec, m: number, seed: string): WideRun {
  const eta = w.etaTimesM / m;
  const sigma = Math.sqrt((384 * Math.sqrt(Math.log(m))) / (eta * eta * Math.sqrt(m) * w.t1Steps));
  const t1 = T1(m, eta, sigma);
  const run = new OnlineLabelNoise({ m, d: w.d, K: w.K, eta, sigma, thetaStarNorm: w.thetaScale * Math.pow(m, -0.25) }, seed);
  const tau = new Float64Array(w.K).fill(-1);
  const r2 = 1 / m;
  const lazyCount = (): number => tau.reduce((s, _, i) => s + (run.drift2(i) <= r2 ? 1 : 0), 0);
  const budget = Math.floor(t1);
  while (run.t < budget) {
    run.step();
    if (run.diverged(1e12)) return { m, eta, sigma, T1: t1, tau, steps: run.t, outcome: `diverged at step ${run.t}`, lazyAtEnd: lazyCount() };
    if (run.t % w.every === 0) for (let i = 0; i < w.K; i++) if (tau[i]! < 0 && run.drift2(i) > r2) tau[i] = run.t;
  }
  return { m, eta, sigma, T1: t1, tau, steps: run.t, outcome: 'completed', lazyAtEnd: lazyCount() };
}

/** Whether a wide run fails "every tracked neuron out of the ball at step T" (the state at floor(T1), else the exit times); undefined when it diverged. */
export function wideFailsAt(r: WideRun, T: number): boolean | undefined {
  if (r.outcome !== 'completed') return undefined;
  if (T >= r.steps) return r.lazyAtEnd > 0;
  return Array.from(r.tau).some((t) => t < 0 || t > T);
}

const statusWeight: Record<HypothesisStatus, number> = { met: 0, unevaluable: 1, relaxed: 2, unreachable: 3 };
const LEADS: Record<string, string> = {
  A2: 'cannot be met in float64: relaxed to the tested step sizes. ',
  A3: 'not assumed by Theorem 2 (Condition 1 A1-2, 4-6); reported for completeness. ',
  'A1-long': "the long version's constant C of footnote 3 puts this out of reach; relaxed. ",
  'rho-width': "the long version's constant C of footnote 3 puts this out of reach; relaxed. ",
};

/** Condition 1 per configuration of the grid, aggregated per hypothesis (worst status, where, log10 margins). */
export function escapeHypotheses(cells: readonly EscapeCell[]): HypothesisLine[] {
  const byCfg = new Map<string, { d: number; checks: ReturnType<typeof evaluateCondition1> }>();
  for (const c of cells) if (!byCfg.has(c.cfg.name)) byCfg.set(c.cfg.name, { d: c.cfg.d, checks: evaluateCondition1({ ...c.cfg, maxXNorm: Math.max(...cells.filter((x) => x.cfg.name === c.cfg.name).map((x) => x.run.maxXNorm)) }) });
  const ds = [...new Set([...byCfg.values()].map((v) => v.d))].sort((a, b) => a - b);
  const a6 = `K and c of Lemma B.5 are not given; the consequence the proof uses, Eq. (44) P(| ||x|| - sqrt d | >= sqrt(d)/3) <= 1/2, exactly: ${ds.map((d) => `d=${d}: P = ${fmt(eq44Probability(d))}`).join(', ')}. `;
  return ['A1', 'A1-long', 'A2', 'A3', 'A4', 'A5', 'A6', 'rho-width'].map((id) => {
    let worst: HypothesisStatus = 'met';
    const names = new Map<HypothesisStatus, string[]>();
    let sample = '';
    for (const [name, { checks }] of byCfg) {
      const h = checks.find((x) => x.id === id);
      if (!h) continue;
      if (statusWeight[h.status] > statusWeight[worst]) worst = h.status;
      names.set(h.status, [...(names.get(h.status) ?? []), name]);
      if (!sample || h.status === worst) sample = `${h.required}; ${h.actual}: ${h.detail}`;
    }
    const counts = [...names].map(([s, n]) => `${s} in ${n.length}${n.length <= 3 ? ` (${n.join(', ')})` : ''}`).join('; ');
    return { id, status: worst, detail: `${id === 'A6' ? a6 : (LEADS[id] ?? '')}${counts}. e.g. ${sample}` };
  });
}
