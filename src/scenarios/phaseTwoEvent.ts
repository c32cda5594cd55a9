import { makeDataset, maxInputNorm } from '../engine/data.js';
import { rows, vec } from '../engine/matrix.js';
import { initNTK } from '../engine/network.js';
import { CommonMapSimulation } from '../engine/commonMap.js';
import { Simulation } from '../engine/simulate.js';
import { linearFit } from '../stats/regression.js';
import type { PaperConfig } from './config.js';

/**
 * "When all the neurons satisfy ||w_i||, |a_i| <= sqrt(eta), we say that Phase II begins" (AAAI, Phase II;
 * long version Section 3.3): the event E(t) = { max_i ||w_i(t)|| <= sqrt(eta) and max_i |a_i(t)| <= sqrt(eta) },
 * watched along label-noise SGD runs (Eqs. (3)-(4), batch 1, eps = +-sigma) from the NTK initialization (Eq. (5)).
 *
 * R(t) = max(max_i ||w_i(t)||, max_i |a_i(t)|) / sqrt(eta) is the event's own statistic: E(t) <=> R(t) <= 1.
 */
export interface Phase2RunSpec extends PaperConfig {
  /** steps at most */
  budget: number;
  /** the event is checked every `every` steps (t1 is the first checked step with E(t)) */
  every: number;
  /** stop the run at t1 */
  stopAtEvent: boolean;
  /** blocks of the second half of the run for the decay fit */
  blocks: number;
  /** two-sided level of the slope interval of the decay fit */
  slopeAlpha: number;
  seed: string;
  /** 'common-map': label-noise SGD in the exact common-map form (src/engine/commonMap.ts; O(d^2) a step, the state materialized at each check) */
  simulator?: 'common-map';
}

export interface Checkpoint {
  t: number;
  /** max_i ||w_i|| / sqrt(eta) */
  maxW: number;
  /** max_i |a_i| / sqrt(eta) */
  maxA: number;
  /** fraction of neurons with ||w_i|| <= sqrt(eta) */
  fracW: number;
  /** fraction of neurons with ||w_i|| <= sqrt(eta) and |a_i| <= sqrt(eta) */
  fracBoth: number;
  /** (1/m) sum_i ||w_i|| */
  meanNorm: number;
}

export interface TailFit {
  /** mean of ln R over the second half (the plateau level, in e-folds above the threshold) */
  lnLevel: number;
  /** OLS slope of the block means of ln R on t (per step), with its two-sided interval */
  slope: number;
  slopeCI: [number, number];
  blocks: number;
  /** steps the fastest decay inside the interval (-slopeCI[0]) needs to bring the level to 1; null: no decay inside the interval */
  neededSteps: number | null;
  /** min of R over the second half */
  minR: number;
  /** steps the fitted (point estimate) decay needs to bring the level to 1; null when the fitted slope is not negative */
  fittedSteps: number | null;
}

export interface Phase2RunResult {
  spec: Phase2RunSpec;
  /** first checked step with E(t), or null */
  t1: number | null;
  steps: number;
  outcome: string;
  /** checkpoints at about 12 log-spaced times and at the end (and at t1) */
  trace: Checkpoint[];
  /** min over the checks of max_i ||w_i|| / sqrt(eta), and when */
  minMaxW: number;
  minMaxWAt: number;
  /** min over the checks of R */
  minR: number;
  /** the largest fraction of neurons inside the box seen at a check */
  maxFracBoth: number;
  tail: TailFit | null;
  maxXNorm: number;
}

function checkpoint(t: number, W: Float64Array[], a: Float64Array, se: number): Checkpoint {
  const m = W.length;
  let mw = 0;
  let ma = 0;
  let fw = 0;
  let fb = 0;
  let mean = 0;
  for (let i = 0; i < m; i++) {
    const w = W[i]!;
    let s = 0;
    for (let k = 0; k < w.length; k++) s += w[k]! * w[k]!;
    const nw = Math.sqrt(s);
    const ai = Math.abs(a[i]!);
    mean += nw;
    if (nw > mw) mw = nw;
    if (ai > ma) ma = ai;
    if (nw <= se) {
      fw++;
      if (ai <= se) fb++;
    }
  }
  return { t, maxW: mw / se, maxA: ma / se, fracW: fw / m, fracBoth: fb / m, meanNorm: mean / m };
}

export function runPhase2(spec: Phase2RunSpec): Phase2RunResult {
  const data = makeDataset({ n: spec.n, d: spec.d, nTest: 0, thetaStarNorm: spec.thetaStarNorm }, spec.seed);
  const state = initNTK(spec.m, spec.d, spec.seed);
  const rule = { kind: 'sgd', batch: 1, sigma: spec.sigma, eta: spec.eta } as const;
  const sim = spec.simulator === 'common-map' ? new CommonMapSimulation(state, data, rule, spec.seed) : new Simulation(state, data, rule, spec.seed);
  const se = Math.sqrt(spec.eta);
  const W = rows(state.W);
  const a = vec(state.a);
  const logTimes = new Set<number>();
  for (let k = 0; k <= 12; k++) logTimes.add(Math.round(Math.pow(spec.budget, k / 12) / spec.every) * spec.every);
  const trace: Checkpoint[] = [];
  const half = Math.floor(spec.budget / 2);
  const blockLen = (spec.budget - half) / spec.blocks;
  const blockSum = new Float64Array(spec.blocks);
  const blockCount = new Float64Array(spec.blocks);
  let t1: number | null = null;
  let minMaxW = Infinity;
  let minMaxWAt = 0;
  let minR = Infinity;
  let minRTail = Infinity;
  let maxFracBoth = 0;
  const observe = (t: number): boolean => {
    const c = checkpoint(t, W, a, se);
    const R = Math.max(c.maxW, c.maxA);
    if (c.maxW < minMaxW) {
      minMaxW = c.maxW;
      minMaxWAt = t;
    }
    minR = Math.min(minR, R);
    maxFracBoth = Math.max(maxFracBoth, c.fracBoth);
    if (t > half) {
      const b = Math.min(spec.blocks - 1, Math.floor((t - half - 1) / blockLen));
      blockSum[b] = blockSum[b]! + Math.log(R);
      blockCount[b] = blockCount[b]! + 1;
      minRTail = Math.min(minRTail, R);
    }
    const reached = R <= 1;
    if (reached && t1 === null) t1 = t;
    if (logTimes.has(t) || (reached && t1 === t)) trace.push(c);
    return reached;
  };
  observe(0);
  const res = sim.run({
    steps: spec.budget,
    watchEvery: spec.every,
    watch: (t) => (observe(t) && spec.stopAtEvent ? 'event reached' : undefined),
  });
  const steps = sim.t;
  if (trace.length === 0 || trace[trace.length - 1]!.t !== steps) {
    if (res.outcome.kind !== 'diverged') trace.push(checkpoint(steps, W, a, se));
  }
  const outcome = res.outcome.kind === 'completed' ? 'completed' : res.outcome.kind === 'stopped' ? `${res.outcome.reason} at step ${res.outcome.step}` : `diverged at step ${res.outcome.step} (${res.outcome.reason})`;
  let tail: TailFit | null = null;
  if (res.outcome.kind === 'completed') {
    const xs: number[] = [];
    const ys: number[] = [];
    for (let b = 0; b < spec.blocks; b++) {
      if (blockCount[b]! > 0) {
        xs.push(half + (b + 0.5) * blockLen);
        ys.push(blockSum[b]! / blockCount[b]!);
      }
    }
    if (xs.length >= 3) {
      const fit = linearFit(xs, ys, spec.slopeAlpha);
      const lnLevel = ys.reduce((s, v) => s + v, 0) / ys.length;
      const fastest = -fit.slopeCI[0];
      tail = {
        lnLevel,
        slope: fit.slope,
        slopeCI: fit.slopeCI,
        blocks: xs.length,
        neededSteps: lnLevel <= 0 ? 0 : fastest > 0 ? lnLevel / fastest : null,
        minR: minRTail,
        fittedSteps: lnLevel <= 0 ? 0 : fit.slope < 0 ? lnLevel / -fit.slope : null,
      };
    }
  }
  return {
    spec,
    t1,
    steps,
    outcome,
    trace,
    minMaxW: Number.isFinite(minMaxW) ? minMaxW : 0,
    minMaxWAt,
    minR: Number.isFinite(minR) ? minR : 0,
    maxFracBoth,
    tail,
    maxXNorm: maxInputNorm(data.X),
  };
}

/** The Phase I rate of ln ||w_i||: d||w_i||^2 ~ -eta^2 sigma^2 ||w_i||^2 per step (the label-noise term of Delta W_i), so kappa = eta^2 sigma^2 / 2. */
export function phaseOneRate(eta: number, sigma: number): number {
  return (eta * eta * sigma * sigma) / 2;
}

/**
 * A run's class: 'reached' (t1 found); 'stalled' when it completed without the event, its second half never had
 * R <= 1, the plateau level exp(lnLevel) is >= plateauMin, and even the fastest decay inside the slope interval
 * (-slopeCI[0]) is below rateFraction x kappa (the Phase I rate), i.e. bringing R to 1 would need more than the
 * horizon lnLevel / (rateFraction kappa) further steps; 'undecided' otherwise (diverged, still decaying, ...).
 */
export type RunClass = 'reached' | 'stalled' | 'undecided';
export function classify(r: Phase2RunResult, plateauMin: number, rateFraction: number): RunClass {
  if (r.t1 !== null) return 'reached';
  const tl = r.tail;
  if (!tl) return 'undecided';
  const kappa = phaseOneRate(r.spec.eta, r.spec.sigma);
  const fastest = -tl.slopeCI[0];
  if (kappa > 0 && tl.minR > 1 && Math.exp(tl.lnLevel) >= plateauMin && fastest < rateFraction * kappa) return 'stalled';
  return 'undecided';
}

/** The declared horizon of a stall: lnLevel / (rateFraction kappa) steps. */
export function stallHorizon(r: Phase2RunResult, rateFraction: number): number | null {
  const kappa = phaseOneRate(r.spec.eta, r.spec.sigma);
  return r.tail && kappa > 0 ? Math.max(0, r.tail.lnLevel) / (rateFraction * kappa) : null;
}

/** One configuration of the Phase II runs, run over `seeds` seeds. */
export interface Phase2Setting extends PaperConfig {
  readonly name: string;
  /** step budget B of one run */
  readonly budget: number;
  /** the event is checked every `every` steps */
  readonly every: number;
  readonly seeds: number;
  /** 'common-map': the runs in the exact common-map form (Phase2RunSpec.simulator) */
  readonly simulator?: 'common-map';
}

export interface Phase2Domain {
  configs: Phase2Setting[];
  /** blocks of a run's second half for the decay fit of ln R */
  blocks: number;
  /** the sigma = 0 contrast: fast-check draws (config, seed) and runs it without label noise for budget * budgetFraction steps */
  sigma0: { numRuns: number; seeds: number; budgetFraction: number };
}
