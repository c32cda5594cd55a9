import { makeDataset, maxInputNorm } from '../engine/data.js';
import { rows, vec } from '../engine/matrix.js';
import { initNTK } from '../engine/network.js';
import { Simulation } from '../engine/simulate.js';
import { fmt } from '../stats/format.js';
import { T1, lazyRadius } from '../theory/constants.js';
import type { PaperConfig } from './config.js';

/**
 * Escape from the lazy regime (Definition 1 / Theorem 2): first exit times of every neuron from the
 * ball ||w_i(t) - w_i(0)|| <= 1/sqrt(m), measured on one label-noise SGD run from the NTK init.
 */

/** One configuration of the tested domain (A4 asks ||theta*|| <= m^(-1/4)). */
export interface EscapeConfig extends PaperConfig {
  readonly name: string;
}

export interface EscapeOptions {
  /** the engine seed (data, init, sampling and noise streams hang below it) */
  seed: string;
  /** drift is checked every `resolution` steps (a first exit is detected up to resolution - 1 steps late) */
  resolution: number;
  /** the most steps the run may take */
  budget: number;
  /**
   * 'atT1': when floor(T1) <= budget, run exactly floor(T1) steps and check every neuron's drift there
   * (Theorem 2's "at time T1"); otherwise run until every neuron has left the ball or the budget is spent.
   * 'firstExit': stop as soon as every neuron has left the ball (or at min(floor(T1), budget)).
   */
  mode: 'atT1' | 'firstExit';
  /** run exactly this many steps with no early stop (the sigma = 0 contrast over a noisy run's horizon) */
  horizon?: number;
  /** override the configuration's sigma (0 for the contrast) */
  sigma?: number;
}

export type EscapeStatus = 'escaped' | 'failed' | 'unresolved';

export interface EscapeRun {
  m: number;
  /** T1 of Theorem 2 (Infinity when sigma = 0) */
  T1: number;
  /** the integer step at which "at time T1" is checked: floor(T1) (the stricter integer reading) */
  T1steps: number;
  steps: number;
  /** the run ended: every neuron left, the step budget / T1 / horizon was reached, or it diverged */
  end: 'all-escaped' | 'budget' | 'T1' | 'horizon' | 'diverged';
  divergedAt?: number;
  /** first exit times (at the declared resolution) of the neurons that left the ball, ascending */
  taus: number[];
  /** fraction of neurons that left the ball at some checked step */
  escapedFraction: number;
  /** set when the run was taken to floor(T1): fraction of neurons outside the ball at t = floor(T1) */
  escapedAtT1?: number;
  /** max_i and min_i ||w_i(t) - w_i(0)|| sqrt(m) at the last step (1 = the lazy radius) */
  maxDriftScaled: number;
  minDriftScaled: number;
  /** max over the checked steps of max_i ||w_i(t) - w_i(0)|| sqrt(m) */
  peakDriftScaled: number;
  /** eta * max_j (||W(0) x_j||^2 + ||a(0)||^2 ||x_j||^2): the one-sample curvature along x_j at init times eta (< 2: a stable step) */
  stabilityIndex: number;
  /** max_i ||x_i|| of the training set (A5's C_data) */
  maxXNorm: number;
}

/** eta * max_j x_j^T K(0) x_j, K = ||a||^2 I + W^T W (the NTK of y = a^T W x at initialization). */
function stabilityIndexOf(W: Float64Array[], a: Float64Array, X: Float64Array[], eta: number): number {
  let aa = 0;
  for (let i = 0; i < a.length; i++) aa += (a[i] as number) ** 2;
  let best = 0;
  for (const x of X) {
    let xx = 0;
    for (let k = 0; k < x.length; k++) xx += (x[k] as number) ** 2;
    let wx2 = 0;
    for (const w of W) {
      let p = 0;
      for (let k = 0; k < x.length; k++) p += (w[k] as number) * (x[k] as number);
      wx2 += p * p;
    }
    best = Math.max(best, wx2 + aa * xx);
  }
  return eta * best;
}

/**
 * out[i] = ||w_i - w0_i||^2, each a sum over k in increasing order. Four rows at a time: their four sums are independent
 * chains, so a check costs about a quarter of the latency of one chain per element (the same bits as one row at a time).
 */
export function driftSquares(W: readonly Float64Array[], W0: readonly Float64Array[], d: number, out: Float64Array): void {
  const m = out.length;
  let i = 0;
  for (; i + 4 <= m; i += 4) {
    const w1 = W[i] as Float64Array, w2 = W[i + 1] as Float64Array, w3 = W[i + 2] as Float64Array, w4 = W[i + 3] as Float64Array;
    const v1 = W0[i] as Float64Array, v2 = W0[i + 1] as Float64Array, v3 = W0[i + 2] as Float64Array, v4 = W0[i + 3] as Float64Array;
    let s1 = 0, s2 = 0, s3 = 0, s4 = 0;
    for (let k = 0; k < d; k++) {
      const e1 = (w1[k] as number) - (v1[k] as number);
      const e2 = (w2[k] as number) - (v2[k] as number);
      const e3 = (w3[k] as number) - (v3[k] as number);
      const e4 = (w4[k] as number) - (v4[k] as number);
      s1 += e1 * e1;
      s2 += e2 * e2;
      s3 += e3 * e3;
      s4 += e4 * e4;
    }
    out[i] = s1;
    out[i + 1] = s2;
    out[i + 2] = s3;
    out[i + 3] = s4;
  }
  for (; i < m; i++) {
    const w = W[i] as Float64Array;
    const w0 = W0[i] as Float64Array;
    let s = 0;
    for (let k = 0; k < d; k++) {
      const e = (w[k] as number) - (w0[k] as number);
      s += e * e;
    }
    out[i] = s;
  }
}

/** One run: label-noise SGD (batch 1, Rademacher noise of size sigma) from the NTK init of Eq. (5). */
export function measureEscape(c: EscapeConfig, o: EscapeOptions): EscapeRun {
  const sigma = o.sigma ?? c.sigma;
  const data = makeDataset({ n: c.n, d: c.d, nTest: 0, thetaStarNorm: c.thetaStarNorm }, o.seed);
  const state = initNTK(c.m, c.d, o.seed);
  const sim = new Simulation(state, data, { kind: 'sgd', batch: 1, sigma, eta: c.eta }, o.seed);
  const m = c.m;
  const d = c.d;
  const r2 = lazyRadius(m) ** 2;
  const t1 = sigma > 0 ? T1(m, c.eta, sigma) : Infinity;
  const T1steps = Number.isFinite(t1) ? Math.floor(t1) : Infinity;
  const W0 = rows(sim.W0);
  const stabilityIndex = stabilityIndexOf(W0, vec(state.a), rows(data.X), c.eta);

  const tau = new Float64Array(m).fill(-1);
  let left = m;
  let peak = 0;
  const drift2 = new Float64Array(m);
  const measure = (t: number): void => {
    driftSquares(rows(sim.state.W), W0, d, drift2);
    let mx = 0;
    for (let i = 0; i < m; i++) {
      const s = drift2[i] as number;
      if (s > mx) mx = s;
      if (tau[i]! < 0 && s > r2) {
        tau[i] = t;
        left--;
      }
    }
    peak = Math.max(peak, Math.sqrt(mx * m));
  };

  let target: number;
  let stopWhenAllOut: boolean;
  let toT1 = false;
  if (o.horizon !== undefined) {
    target = o.horizon;
    stopWhenAllOut = false;
  } else if (o.mode === 'atT1' && T1steps <= o.budget) {
    target = T1steps;
    stopWhenAllOut = false;
    toT1 = true;
  } else {
    target = Math.min(o.budget, T1steps);
    stopWhenAllOut = true;
  }

  measure(0);
  let end: EscapeRun['end'];
  let divergedAt: number | undefined;
  if (left === 0 && stopWhenAllOut) end = 'all-escaped';
  else {
    const res = sim.run({
      steps: target,
      watchEvery: o.resolution,
      watch: (t) => {
        measure(t);
        return stopWhenAllOut && left === 0 ? 'all escaped' : undefined;
      },
    });
    if (res.outcome.kind === 'diverged') {
      end = 'diverged';
      divergedAt = res.outcome.step;
    } else if (res.outcome.kind === 'stopped') end = 'all-escaped';
    else {
      if (sim.t % o.resolution !== 0) measure(sim.t);
      end = o.horizon !== undefined ? 'horizon' : toT1 ? 'T1' : left === 0 ? 'all-escaped' : target === T1steps ? 'T1' : 'budget';
    }
  }

  const taus = Array.from(tau)
    .filter((v) => v >= 0)
    .sort((x, y) => x - y);
  let maxD = 0;
  let minD = Infinity;
  let outside = 0;
  if (end !== 'diverged') {
    for (let i = 0; i < m; i++) {
      const s = drift2[i] as number;
      maxD = Math.max(maxD, s);
      minD = Math.min(minD, s);
      if (s > r2) outside++;
    }
  }
  const run: EscapeRun = {
    m,
    T1: t1,
    T1steps,
    steps: sim.t,
    end,
    taus,
    escapedFraction: taus.length / m,
    maxDriftScaled: end === 'diverged' ? 0 : Math.sqrt(maxD * m),
    minDriftScaled: end === 'diverged' ? 0 : Math.sqrt(minD * m),
    peakDriftScaled: peak,
    stabilityIndex,
    maxXNorm: maxInputNorm(data.X),
  };
  if (divergedAt !== undefined) run.divergedAt = divergedAt;
  if (toT1 && end === 'T1') run.escapedAtT1 = outside / m;
  return run;
}

/** The largest first exit time when every neuron left the ball; undefined otherwise. */
export function maxTau(r: EscapeRun): number | undefined {
  return r.taus.length === r.m ? (r.taus[r.m - 1] as number) : undefined;
}

/**
 * Whether a run fails "every neuron has left the lazy ball at time T" for an integer step T (Theorem 2 with T = floor(T1)):
 * true/false when the run decides it, undefined when it does not (it diverged, or stopped before T with a neuron inside).
 * At the run's own floor(T1) in 'atT1' mode the state there decides; otherwise the first exit times (at the run's resolution:
 * a late detection only makes a failure likelier).
 */
export function failsAt(r: EscapeRun, T: number): boolean | undefined {
  if (r.end === 'diverged') return undefined;
  if (r.escapedAtT1 !== undefined && T === r.T1steps) return r.escapedAtT1 < 1;
  const mt = maxTau(r);
  if (mt !== undefined) return mt > T;
  return r.steps >= T ? true : undefined;
}

/** What one run says about Theorem 2 at its own floor(T1): escaped, failed, or unresolved (diverged, or T1 beyond the budget with a neuron inside). */
export function classify(r: EscapeRun): EscapeStatus {
  const f = failsAt(r, r.T1steps);
  return f === undefined ? 'unresolved' : f ? 'failed' : 'escaped';
}

/** One line describing a run. */
export function describeRun(c: EscapeConfig, r: EscapeRun): string {
  const head = `m=${c.m} d=${c.d} n=${c.n} eta=${fmt(c.eta)} sigma=${c.sigma} ||theta*||=${fmt(c.thetaStarNorm)}: T1=${fmt(r.T1)}`;
  if (r.end === 'diverged') return `${head}; diverged at step ${r.divergedAt} (stability index ${fmt(r.stabilityIndex)}) with ${fmt(100 * r.escapedFraction)}% of neurons out`;
  const mt = maxTau(r);
  const tauPart = mt !== undefined ? `max tau = ${mt} (ratio ${fmt(mt / r.T1)})` : `${r.taus.length}/${r.m} neurons left the ball within ${r.steps} steps`;
  const atT1 = r.escapedAtT1 !== undefined ? `; at t = floor(T1) = ${r.T1steps}: ${fmt(100 * r.escapedAtT1)}% outside, min drift*sqrt(m) = ${fmt(r.minDriftScaled)}` : '';
  return `${head}; ${tauPart}${atT1}`;
}
