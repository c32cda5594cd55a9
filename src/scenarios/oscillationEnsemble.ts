import { summarize, tMeanBounds } from '../stats/ttest.js';
import type { PaperConfig } from './config.js';
import { oscillationStart, type OscillationMode } from './oscillationProcess.js';

/**
 * Independent runs of the oscillation process (Lemma 4 / 3.3) in lockstep: per run, the first step (checked every
 * `every` steps) at which X(t) = (1/m) sum_i ||w_i(t)||^2 <= threshold (censored at the horizon or at a divergence), and
 * at the logged times of a log grid one-sided Student-t bounds on E[X(t)] over the runs (Eq. (8)'s expectation).
 * The runs stop at the horizon, or earlier: with stop 'all' when every run has met the threshold (or diverged) and the
 * upper bound has met it; with stop 'mean' as soon as the upper bound has met it (Eq. (8) shown; runs not yet at the
 * threshold are then censored there).
 */
export interface EnsembleSpec {
  config: PaperConfig;
  seeds: number;
  mode: OscillationMode;
  horizon: number;
  threshold: number;
  /** logged times, ascending, ending at the horizon */
  grid: readonly number[];
  /** per-bound level of the t-bounds */
  alphaPt: number;
  every: number;
  /** X(t) above this, or not finite, ends a run as diverged */
  divergence: number;
  stop: 'all' | 'mean';
  seed: string;
}

export interface RunTime {
  /** first step with X <= threshold; the step it stopped at when censored */
  step: number;
  censored: boolean;
  diverged: boolean;
}

export interface MeanBound {
  t: number;
  /** mean over runs, and its one-sided bounds; Infinity when a run diverged by t */
  mean: number;
  lo: number;
  hi: number;
}

export interface EnsembleResult {
  times: RunTime[];
  stats: MeanBound[];
  /** the first logged t whose upper bound is <= threshold (Eq. (8) shown at that t), or null */
  firstHit: number | null;
  reachedHorizon: boolean;
  steps: number;
}

/** Logged times: 0, round(10^(k / perDecade)) below T, then T (unique, ascending). */
export function logGrid(T: number, perDecade: number): number[] {
  const out = new Set<number>([0]);
  for (let k = 0; Math.round(Math.pow(10, k / perDecade)) < T; k++) out.add(Math.round(Math.pow(10, k / perDecade)));
  out.add(T);
  return [...out].sort((x, y) => x - y);
}

export function runEnsemble(spec: EnsembleSpec): EnsembleResult {
  const runs = Array.from({ length: spec.seeds }, (_, s) => oscillationStart(spec.config, spec.mode, `${spec.seed}/seed${s}`));
  const times: (RunTime | undefined)[] = runs.map(() => undefined);
  const dead = runs.map(() => false);
  const stats: MeanBound[] = [];
  let firstHit: number | null = null;
  let steps = 0;
  for (const t of spec.grid) {
    runs.forEach((r, s) => {
      const p = r.process;
      while (!dead[s] && p.t < t) {
        p.step(r.coins);
        steps++;
        if (p.t % spec.every !== 0 && p.t !== t) continue;
        const x = p.meanSqNorm();
        if (!Number.isFinite(x) || x > spec.divergence) {
          dead[s] = true;
          times[s] ??= { step: p.t, censored: true, diverged: true };
        } else if (x <= spec.threshold) times[s] ??= { step: p.t, censored: false, diverged: false };
      }
    });
    const xs = runs.map((r, s) => (dead[s] ? Infinity : r.process.meanSqNorm()));
    if (xs.every(Number.isFinite)) {
      const b = tMeanBounds(summarize(xs), spec.alphaPt);
      stats.push({ t, mean: summarize(xs).mean, lo: b.lower, hi: b.upper });
      if (firstHit === null && b.upper <= spec.threshold) firstHit = t;
    } else stats.push({ t, mean: Infinity, lo: Infinity, hi: Infinity });
    if (firstHit !== null && (spec.stop === 'mean' || times.every((x) => x !== undefined))) break;
  }
  const last = stats[stats.length - 1]?.t ?? 0;
  return { times: times.map((x) => x ?? { step: last, censored: true, diverged: false }), stats, firstHit, reachedHorizon: last >= spec.horizon, steps };
}
