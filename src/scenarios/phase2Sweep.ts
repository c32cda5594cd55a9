import { T2, T3 } from '../theory/constants.js';
import { quantile } from '../stats/summary.js';
import type { PaperConfig } from './config.js';
import { runPhase2, type Phase2Run, type SnapshotStat, type StartKind } from './phase2Descent.js';

/**
 * A sweep over eta of Phase II runs (Lemmas 5-6 = 3.4-3.5 = D.1-D.2): at each eta = 10^-k, width m = ceil(widthFactor /
 * sqrt(eta)) (A1 with its hidden constant read as widthFactor), n = ceil(1/eta^2) (A3 exactly), sigma = 0, and `seeds`
 * independent runs per ||theta*|| from the declared start, snapshots at the printed and corrected times.
 */
export interface Phase2SweepDomain {
  d: number;
  /** eta = 10^-k for k in this list (at least a decade) */
  etaExponents: number[];
  seeds: number;
  widthFactor: number;
  /** the start has max_i ||w_i|| = max_i |a_i| = startScale sqrt(eta) */
  startScale: number;
  /** ||theta*|| values (A4 is not assumed by Lemmas 5-6) */
  thetaStarNorms: number[];
  /** hypothesis-violation searches: fast-check runs, their eta = 10^-k, the largest width of an A1-breaking search */
  explore?: { numRuns: number; etaExponents: number[]; maxWidth: number; thetaStarNorm?: number };
  /** 'common-map': the runs in the O(d^2)-a-step form (Phase2CommonMap; equal to Phase2GD up to rounding) */
  simulator?: 'common-map';
}

/** Which time a checkpoint is: the printed one (index 0) or the corrected one (index 1). */
export const PRINTED = 0;
export const CORRECTED = 1;

/** Step count of a real time: ceil (the statement's time is reached or passed). */
export const stepsOf = (T: number): number => Math.max(1, Math.ceil(T - 1e-9));

/** Lemma 5: printed t1 + T2, corrected t1 + T2/eta (where (1 + eta ||theta*||)^t, the growing mode of I + eta M, reaches ~1/eta). */
export const lemma5Times = (eta: number, s: number): number[] => [stepsOf(T2(eta, s)), stepsOf(T2(eta, s) / eta)];
/** Lemma 6: printed t2 + T3, corrected t2 + max(T3, ln(1/eta)/(eta ||theta*||)) (the escape from a sqrt(eta)-scale start runs at rate eta ||theta*||). */
export const lemma6Times = (eta: number, s: number): number[] => [stepsOf(T3(eta, s)), stepsOf(Math.max(T3(eta, s), Math.log(1 / eta) / (eta * s)))];

export const widthAt = (eta: number, widthFactor: number): number => Math.ceil(widthFactor / Math.sqrt(eta) - 1e-9);
export const dataSizeAt = (eta: number): number => Math.ceil(1 / (eta * eta) - 1e-6);
export const sweepConfig = (dom: Pick<Phase2SweepDomain, 'd' | 'widthFactor'>, eta: number, thetaStarNorm: number, n = dataSizeAt(eta), m = widthAt(eta, dom.widthFactor)): PaperConfig => ({ m, d: dom.d, n, eta, sigma: 0, thetaStarNorm });

export interface SweepRun {
  eta: number;
  etaExponent: number;
  seedIndex: number;
  thetaStarNorm: number;
  config: PaperConfig;
  checkpoints: number[];
  run: Phase2Run;
}

/** Every (||theta*||, eta, seed) of the domain from `start`; `watchBelow(eta)` turns on the median-alignment watch. */
export function runPhase2Sweep(dom: Phase2SweepDomain, seed: string, start: StartKind, times: (eta: number, s: number) => number[], watchBelow?: (eta: number) => number): SweepRun[] {
  const out: SweepRun[] = [];
  for (const s of dom.thetaStarNorms) {
    for (const k of dom.etaExponents) {
      const eta = 10 ** -k;
      const checkpoints = times(eta, s);
      const watch = watchBelow ? { every: Math.max(1, Math.floor(Math.max(...checkpoints) / 400)), below: watchBelow(eta) } : undefined;
      for (let j = 0; j < dom.seeds; j++) {
        const config = sweepConfig(dom, eta, s);
        const run = runPhase2({ config, start, scale: dom.startScale, seed: `${seed}/sweep/${s}/${k}/${j}`, ...(dom.simulator ? { simulator: dom.simulator } : {}) }, checkpoints, watch ? { watch } : {});
        out.push({ eta, etaExponent: k, seedIndex: j, thetaStarNorm: s, config, checkpoints, run });
      }
    }
  }
  return out;
}

/**
 * The rate points of one statistic at one checkpoint for the rate rule: x = eta, y = max(q, floor) / ln(1/eta), so that
 * "q = O(ln(1/eta) eta^b)" (Lemma 5: b = 1/2; Lemma 6: b = 1) is exactly "y = O(eta^b)" as eta -> 0. Diverged runs are left out.
 */
export function ratePoints(runs: readonly SweepRun[], stat: SnapshotStat, at: number, floor: number): { x: number; y: number }[] {
  return runs.flatMap((r) => {
    const v = r.run.snaps[at]?.[stat];
    return v === undefined || !Number.isFinite(v) ? [] : [{ x: r.eta, y: Math.max(v, floor) / Math.log(1 / r.eta) }];
  });
}

/** One row per (||theta*||, eta): medians over the seeds of named statistics, and the diverged runs. */
export function sweepTable(runs: readonly SweepRun[], cols: Record<string, (r: SweepRun) => number | undefined>): Record<string, number | string>[] {
  const groups = new Map<string, SweepRun[]>();
  for (const r of runs) groups.set(`${r.thetaStarNorm}|${r.etaExponent}`, [...(groups.get(`${r.thetaStarNorm}|${r.etaExponent}`) ?? []), r]);
  return [...groups.values()].map((g) => {
    const r0 = g[0] as SweepRun;
    const row: Record<string, number | string> = { thetaStarNorm: r0.thetaStarNorm, eta: r0.eta, m: r0.config.m, n: r0.config.n, seeds: g.length, stepsPrinted: r0.checkpoints[PRINTED] as number, stepsCorrected: r0.checkpoints[CORRECTED] as number };
    const div = g.filter((r) => r.run.divergence);
    if (div.length) row.diverged = `${div.length} of ${g.length}: ${div[0]?.run.divergence}`;
    for (const [name, f] of Object.entries(cols)) {
      const v = g.map(f).filter((x): x is number => x !== undefined && Number.isFinite(x));
      row[name] = v.length ? quantile(v, 0.5) : 'n/a';
    }
    return row;
  });
}
