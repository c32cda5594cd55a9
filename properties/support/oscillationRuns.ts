import tQuantile from '@stdlib/stats-base-dists-t-quantile';
import chisquareCdf from '@stdlib/stats-base-dists-chisquare-cdf';
import { stream } from '../../src/engine/rng.js';
import { chainStart, empiricalSigmaHat, ntkW, OscillationProcess, randomThetaStar, wishartSigmaHat, type OscillationMode } from './oscillationProcess.js';

/**
 * Lemma 4 (AAAI) / Lemma 3.3 (long version): runs of the oscillation process over independent seeds, in lockstep,
 * with one-sided Student-t bounds on E[(1/m) sum_i ||w_i(t)||^2] at the logged times t of a log-spaced grid.
 */

/** m = 1/sqrt(eta) rounded to the nearest integer (the lemma's "let m = 1/sqrt(eta)"). */
export function lemmaWidth(eta: number): number {
  return Math.max(1, Math.round(1 / Math.sqrt(eta)));
}

/** The horizon 1/eta^2 as a step count (floor, with a guard against 10^x rounding). */
export function horizon(eta: number): number {
  return Math.floor(1 / (eta * eta) + 1e-6);
}

/** A3's n = 1/eta^2 as an integer (ceil, with the same guard). */
export function a3Size(eta: number): number {
  return Math.ceil(1 / (eta * eta) - 1e-6);
}

/** Logged times: 0, then round(10^(k / perDecade)) for k = 0, 1, ... below T, then T itself (unique, ascending). */
export function logGrid(T: number, perDecade: number): number[] {
  const out = new Set<number>([0]);
  for (let k = 0; ; k++) {
    const t = Math.round(Math.pow(10, k / perDecade));
    if (t >= T) break;
    out.add(t);
  }
  out.add(T);
  return [...out].sort((x, y) => x - y);
}

export interface PointStat {
  t: number;
  /** sample mean over seeds of (1/m) sum_i ||w_i(t)||^2; Infinity when a seed diverged by t */
  mean: number;
  sd: number;
  /** one-sided lower / upper Student-t bounds at the per-point level */
  lo: number;
  hi: number;
  /** the t quantile used */
  tq: number;
  seeds: number;
}

/** One-sided (1 - alphaPt) t-bounds on the mean of `values` (each side at alphaPt). Non-finite values give an infinite mean. */
export function tBounds(t: number, values: readonly number[], alphaPt: number): PointStat {
  const S = values.length;
  if (S < 2) throw new RangeError('tBounds needs at least 2 seeds');
  const tq = tQuantile(1 - alphaPt, S - 1);
  if (values.some((v) => !Number.isFinite(v))) return { t, mean: Infinity, sd: Infinity, lo: Infinity, hi: Infinity, tq, seeds: S };
  const mean = values.reduce((s, v) => s + v, 0) / S;
  let ss = 0;
  for (const v of values) ss += (v - mean) ** 2;
  const sd = Math.sqrt(ss / (S - 1));
  const half = (tq * sd) / Math.sqrt(S);
  return { t, mean, sd, lo: mean - half, hi: mean + half, tq, seeds: S };
}

export interface EtaRunSpec {
  eta: number;
  m: number;
  d: number;
  /** data set size; Sigma_hat ~ Wishart_d(n, I)/n when n >= d, else (1/n) X^T X of n explicit draws */
  n: number;
  thetaStarNorm: number;
  seeds: number;
  mode: OscillationMode;
  /** logged times, ascending, the last one the horizon */
  grid: number[];
  /** the per-point level of each one-sided bound (Bonferroni over the grid) */
  alphaPt: number;
  /** stop at the first logged t whose upper bound is <= threshold ('first'), or run the whole grid ('full') */
  runTo: 'first' | 'full';
  threshold: number;
  /** seed string under which every seed's streams hang */
  seed: string;
  /** (1/m) sum ||w_i||^2 above this ends a seed as diverged */
  divergence?: number;
}

export interface EtaRunResult {
  stats: PointStat[];
  /** the first logged t with upper bound <= threshold, or null */
  firstHit: number | null;
  /** every grid point was evaluated */
  complete: boolean;
  /** number of seeds that diverged, and the first step at which one did (-1: none) */
  diverged: number;
  divergedAt: number;
  /** every seed diverged (the remaining grid points have an infinite mean) */
  allDiverged: boolean;
  steps: number;
}

function makeProcess(spec: EtaRunSpec, s: number): { p: OscillationProcess; rng: ReturnType<typeof stream> } {
  const seed = `${spec.seed}/seed${s}`;
  const sigmaHat = spec.n >= spec.d ? wishartSigmaHat(spec.d, spec.n, stream(seed, 'data', 'sigmaHat')) : empiricalSigmaHat(spec.d, spec.n, stream(seed, 'data', 'X'));
  const thetaStar = randomThetaStar(spec.d, spec.thetaStarNorm, stream(seed, 'data', 'thetaStar'));
  const W = ntkW(spec.m, spec.d, stream(seed, 'init', 'W'));
  const a = chainStart(spec.m, spec.eta, stream(seed, 'init', 'chain'));
  return { p: new OscillationProcess(W, a, sigmaHat, thetaStar, spec.eta, spec.mode), rng: stream(seed, 'noise') };
}

/** Runs `seeds` independent processes in lockstep along the grid; see EtaRunSpec. */
export function runEta(spec: EtaRunSpec): EtaRunResult {
  const runs = Array.from({ length: spec.seeds }, (_, s) => makeProcess(spec, s));
  const dead = new Array<boolean>(spec.seeds).fill(false);
  const bound = spec.divergence ?? 1e12;
  const stats: PointStat[] = [];
  let firstHit: number | null = null;
  let diverged = 0;
  let divergedAt = -1;
  let steps = 0;
  for (const t of spec.grid) {
    const values: number[] = [];
    runs.forEach((r, s) => {
      if (!dead[s]) {
        while (r.p.t < t) {
          r.p.step(r.rng);
          steps++;
          if ((r.p.t & 63) === 0 || r.p.t === t) {
            const v = r.p.meanSqNorm();
            if (!Number.isFinite(v) || v > bound || r.p.diverged()) {
              dead[s] = true;
              diverged++;
              if (divergedAt < 0 || r.p.t < divergedAt) divergedAt = r.p.t;
              break;
            }
          }
        }
      }
      values.push(dead[s] ? Infinity : r.p.meanSqNorm());
    });
    const st = tBounds(t, values, spec.alphaPt);
    stats.push(st);
    if (firstHit === null && st.hi <= spec.threshold) {
      firstHit = t;
      if (spec.runTo === 'first') break;
    }
    if (dead.every(Boolean)) break;
  }
  const complete = stats.length === spec.grid.length;
  return { stats, firstHit, complete, diverged, divergedAt, allDiverged: dead.every(Boolean), steps };
}

/**
 * The decision of one eta: 'holds' when some logged t <= 1/eta^2 has an upper bound <= threshold;
 * 'fails' when the whole grid was evaluated and every lower bound exceeds the threshold; else 'inconclusive'.
 */
export type EtaDecision = 'holds' | 'fails' | 'inconclusive';
export function decideEta(r: EtaRunResult, threshold: number): EtaDecision {
  if (r.firstHit !== null) return 'holds';
  const allAbove = r.stats.every((s) => s.lo > threshold);
  if (allAbove && (r.complete || r.allDiverged)) return 'fails';
  return 'inconclusive';
}

/** The logged point with the smallest upper bound (the best candidate t0). */
export function bestPoint(r: EtaRunResult): PointStat {
  let best = r.stats[0]!;
  for (const s of r.stats) if (s.hi < best.hi) best = s;
  return best;
}

/**
 * What would decide an inconclusive eta, in seeds: at the point with the smallest mean, the number of seeds at which
 * the same mean and sd would put the upper bound at the threshold (mean < threshold), or the lower bound above it.
 */
export function seedsToDecide(r: EtaRunResult, threshold: number): { t: number; seeds: number | null; side: 'upper' | 'lower' } {
  let best = r.stats[0]!;
  for (const s of r.stats) if (s.mean < best.mean) best = s;
  const gap = Math.abs(threshold - best.mean);
  const side = best.mean < threshold ? 'upper' : 'lower';
  if (!(gap > 0) || !Number.isFinite(best.sd)) return { t: best.t, seeds: null, side };
  return { t: best.t, seeds: Math.ceil(((best.tq * best.sd) / gap) ** 2), side };
}

/**
 * A5 for the Wishart draw: the smallest C with n P(||x|| > C) <= delta for x ~ N(0, I_d), so that the unconditioned
 * Wishart law used is within total variation delta of the law of Sigma_hat given max_j ||x_j|| <= C.
 */
export function a5Constant(d: number, n: number, delta: number): number {
  const tail = (c: number): number => n * (1 - chisquareCdf(c * c, d));
  let lo = Math.sqrt(d);
  let hi = Math.sqrt(d) + 20;
  while (tail(hi) > delta) hi *= 2;
  for (let k = 0; k < 80; k++) {
    const mid = (lo + hi) / 2;
    if (tail(mid) > delta) lo = mid;
    else hi = mid;
  }
  return hi;
}

/**
 * Fitted exponential decay rate of the mean: OLS slope of ln(mean) on t over the logged points with
 * threshold / 4 < mean < 0.8 mean(0) (the decay window); null with fewer than 3 such points.
 */
export function decayRate(r: EtaRunResult, threshold: number): { rate: number; points: number } | null {
  const m0 = r.stats[0]?.mean ?? NaN;
  const pts = r.stats.filter((s) => Number.isFinite(s.mean) && s.mean > 0 && s.mean < 0.8 * m0 && s.mean > threshold / 4);
  if (pts.length < 3) return null;
  const n = pts.length;
  const xs = pts.map((s) => s.t);
  const ys = pts.map((s) => Math.log(s.mean));
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    sxx += (xs[i]! - mx) ** 2;
    sxy += (xs[i]! - mx) * (ys[i]! - my);
  }
  return { rate: -sxy / sxx, points: n };
}
