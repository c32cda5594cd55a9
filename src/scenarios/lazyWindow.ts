import { makeDataset, maxInputNorm } from '../engine/data.js';
import { rows, vec } from '../engine/matrix.js';
import { initNTK } from '../engine/network.js';
import { Simulation } from '../engine/simulate.js';
import type { PaperConfig } from './config.js';
import { OnlineLabelNoise } from './onlineLabelNoise.js';

/**
 * Lemma C.2 (long version): label-noise SGD (Eq. (3), batch 1, eps = +-sigma) from the NTK init (Eq. (5)),
 * followed while the premise "the model is still in the lazy regime" holds, i.e. up to the first step at which
 * a (tracked) neuron leaves the ball ||w_i(t) - w_i(0)|| <= 1/sqrt(m) of Definition 3.1.
 *
 * Two engines:
 *  - 'full': the engine's Simulation on the data of Section 3.1 (n samples, y = <theta*, x>), every neuron watched
 *    at every step;
 *  - 'reduced': the exact sufficient-statistic simulator at any width m on fresh inputs x ~ N(0, I_d) at every step
 *    (the online reading of the proof; src/scenarios/onlineLabelNoise.ts), K tracked neurons watched at every step.
 *
 * The lazy window is t = 0 .. tau - 1, tau the first step whose state has a watched neuron outside the ball
 * (the state at tau is no longer lazy). Over it the run records the residuals r_t = f(theta(t); x_t) - y_t - eps_t
 * (the "gradient" of Lemma C.2 (i)) and a_i(t) of the watched neurons (Lemma C.2 (ii)).
 */
export interface LazyConfig extends PaperConfig {
  /** label of the group (sweep) the configuration belongs to */
  readonly group: string;
  readonly engine: 'full' | 'reduced';
  /** reduced engine: tracked neurons (n is unused there: fresh inputs) */
  readonly K: number;
  /** the most steps a run may take */
  readonly budget: number;
}

export interface LazyOptions {
  seed: string;
  /** keep running after the lazy exit until step ceil(pastFactor * tau) (the 'lazy-premise' exploration); 0: stop at tau */
  pastFactor?: number;
  /** |theta_k| above this ends the run as diverged */
  divergenceBound?: number;
}

export interface LazyRun {
  config: LazyConfig;
  /** first step with a watched neuron outside the lazy ball; null when the run ended lazy */
  tau: number | null;
  /** steps taken */
  steps: number;
  /** 'exited lazy regime' | 'budget' | 'diverged at step N' */
  outcome: string;
  diverged: boolean;
  /** neurons watched (m for the full engine, K for the reduced one) */
  watched: number;
  /** number of steps of the lazy window (tau, or the steps of a run that stayed lazy) */
  window: number;
  /** max |r_t| over the lazy window */
  maxAbsR: number;
  /** sqrt(mean r_t^2) over the lazy window: the residual's scale, free of the window length */
  rmsR: number;
  /** max over the window and the watched neurons of a_i(t) m^(1/4) and |a_i(t)| m^(1/4) (1 = the bound of (ii)) */
  maxA: number;
  maxAbsA: number;
  /** at t = 0 */
  maxA0: number;
  maxAbsA0: number;
  /** some watched a_i(t) > m^(-1/4) (as printed) / |a_i(t)| > m^(-1/4) (event C_t of the proof) within the window */
  aExceeded: boolean;
  absExceeded: boolean;
  /** watched neurons with a_i(t) > m^(-1/4) / |a_i(t)| > m^(-1/4) at some t of the window */
  aExceededNeurons: number;
  absExceededNeurons: number;
  /** max over the lazy window of ||theta(t)|| (Eq. (32) bounds it by ||theta(0)|| + m^(1/4)) */
  maxThetaNorm: number;
  /** ||theta(0) - theta*|| and ||theta(0)|| */
  theta0Dist: number;
  theta0Norm: number;
  /** max_i ||x_i|| of the training set (full) or of the inputs drawn in the window (reduced): A5's C_data */
  maxXNorm: number;
  /** the 'lazy-premise' exploration: max_i |a_i(t)| m^(1/4) at t = tau, 2 tau, 4 tau, ... (as far as the run went) */
  pastAbsA: number[];
  /** and max_i ||w_i(t) - w_i(0)|| sqrt(m) at the same steps */
  pastDrift: number[];
  /** max |r_t| over the steps after the window (0 when the run stopped at tau) */
  pastMaxAbsR: number;
}

/** T0 of Lemma C.2 with its hidden constant read as 1: log m / (eta^2 sqrt(m)). */
export function T0(m: number, eta: number): number {
  return Math.log(m) / (eta * eta * Math.sqrt(m));
}

/** Accumulates the window's statistics from the watched a_i and drifts after each step. */
class Watch {
  readonly thr: number;
  readonly r2: number;
  maxAbsR = 0;
  sumR2 = 0;
  nR = 0;
  pastMaxAbsR = 0;
  maxTheta2 = 0;
  maxA = -Infinity;
  maxAbsA = 0;
  aHit: Uint8Array;
  absHit: Uint8Array;
  tau: number | null = null;
  pastAbsA: number[] = [];
  pastDrift: number[] = [];
  private nextMark = 0;
  constructor(
    readonly m: number,
    readonly K: number,
  ) {
    this.thr = Math.pow(m, -0.25);
    this.r2 = 1 / m;
    this.aHit = new Uint8Array(K);
    this.absHit = new Uint8Array(K);
  }
  /** a residual of a lazy state */
  residual(r: number): void {
    const ar = Math.abs(r);
    if (this.tau !== null) {
      if (ar > this.pastMaxAbsR) this.pastMaxAbsR = ar;
      return;
    }
    if (ar > this.maxAbsR) this.maxAbsR = ar;
    this.sumR2 += r * r;
    this.nR++;
  }
  /** the a_i and theta of a lazy state (t < tau) */
  lazyA(a: ArrayLike<number>, theta: ArrayLike<number>): void {
    let q = 0;
    for (let k = 0; k < theta.length; k++) q += (theta[k] as number) ** 2;
    if (q > this.maxTheta2) this.maxTheta2 = q;
    for (let i = 0; i < this.K; i++) {
      const v = a[i] as number;
      if (v > this.maxA) this.maxA = v;
      const av = Math.abs(v);
      if (av > this.maxAbsA) this.maxAbsA = av;
      if (v > this.thr) this.aHit[i] = 1;
      if (av > this.thr) this.absHit[i] = 1;
    }
  }
  /** after step t: returns whether the state at t is lazy (every watched neuron inside the ball); records the exit */
  check(t: number, drift2: (i: number) => number, a: ArrayLike<number>): boolean {
    let out = false;
    let mx = 0;
    for (let i = 0; i < this.K; i++) {
      const s = drift2(i);
      if (s > mx) mx = s;
      if (s > this.r2) out = true;
    }
    if (out && this.tau === null) {
      this.tau = t;
      this.nextMark = t;
    }
    if (this.tau !== null && t === this.nextMark) {
      let ma = 0;
      for (let i = 0; i < this.K; i++) ma = Math.max(ma, Math.abs(a[i] as number));
      this.pastAbsA.push(ma / this.thr);
      this.pastDrift.push(Math.sqrt(mx * this.m));
      this.nextMark *= 2;
    }
    return this.tau === null;
  }
  count(h: Uint8Array): number {
    let c = 0;
    for (let i = 0; i < h.length; i++) c += h[i] as number;
    return c;
  }
}

function finish(c: LazyConfig, w: Watch, steps: number, outcome: string, diverged: boolean, theta0: Float64Array, thetaStar: Float64Array, maxX: number, a0: ArrayLike<number>): LazyRun {
  let dist = 0;
  let nrm = 0;
  for (let k = 0; k < theta0.length; k++) {
    dist += ((theta0[k] as number) - (thetaStar[k] as number)) ** 2;
    nrm += (theta0[k] as number) ** 2;
  }
  let ma0 = -Infinity;
  let mabs0 = 0;
  for (let i = 0; i < w.K; i++) {
    ma0 = Math.max(ma0, a0[i] as number);
    mabs0 = Math.max(mabs0, Math.abs(a0[i] as number));
  }
  const aN = w.count(w.aHit);
  const absN = w.count(w.absHit);
  return {
    config: c,
    tau: w.tau,
    steps,
    outcome,
    diverged,
    watched: w.K,
    window: w.tau ?? steps,
    maxAbsR: w.maxAbsR,
    rmsR: w.nR > 0 ? Math.sqrt(w.sumR2 / w.nR) : 0,
    maxA: w.maxA / w.thr,
    maxAbsA: w.maxAbsA / w.thr,
    maxA0: ma0 / w.thr,
    maxAbsA0: mabs0 / w.thr,
    aExceeded: aN > 0,
    absExceeded: absN > 0,
    aExceededNeurons: aN,
    absExceededNeurons: absN,
    maxThetaNorm: Math.sqrt(w.maxTheta2),
    theta0Dist: Math.sqrt(dist),
    theta0Norm: Math.sqrt(nrm),
    maxXNorm: maxX,
    pastAbsA: w.pastAbsA,
    pastDrift: w.pastDrift,
    pastMaxAbsR: w.pastMaxAbsR,
  };
}

/** One run with the engine's Simulation: every neuron watched at every step. */
function runFull(c: LazyConfig, o: LazyOptions): LazyRun {
  const data = makeDataset({ n: c.n, d: c.d, nTest: 0, thetaStarNorm: c.thetaStarNorm }, o.seed);
  const state = initNTK(c.m, c.d, o.seed);
  const sim = new Simulation(state, data, { kind: 'sgd', eta: c.eta, batch: 1, sigma: c.sigma }, o.seed);
  const d = c.d;
  const W0 = rows(sim.W0);
  const X = rows(data.X);
  const a = vec(state.a);
  const a0 = a.slice();
  const theta0 = sim.theta.slice();
  const w = new Watch(c.m, c.m);
  w.lazyA(a, sim.theta);
  const past = o.pastFactor ?? 0;
  const W = rows(state.W);
  const drift2 = (i: number): number => {
    const wi = W[i] as Float64Array;
    const w0 = W0[i] as Float64Array;
    let s = 0;
    for (let k = 0; k < d; k++) s += ((wi[k] as number) - (w0[k] as number)) ** 2;
    return s;
  };
  const res = sim.run({
    steps: c.budget,
    divergenceBound: o.divergenceBound ?? 1e8,
    onDraw: (_t, draw, s) => {
      const j = draw.idx[0] as number;
      const x = X[j] as Float64Array;
      let f = 0;
      for (let k = 0; k < d; k++) f += (s.theta[k] as number) * (x[k] as number);
      w.residual(f - (data.y[j] as number) - (draw.eps[0] as number));
    },
    watch: (t) => {
      const lazy = w.check(t, drift2, a);
      if (lazy) {
        w.lazyA(a, sim.theta);
        return undefined;
      }
      return t >= Math.ceil(past * (w.tau as number)) ? 'left the lazy regime' : undefined;
    },
  });
  const oc = res.outcome;
  const diverged = oc.kind === 'diverged';
  const outcome = diverged ? `diverged at step ${oc.step}` : w.tau !== null ? 'exited lazy regime' : 'budget';
  return finish(c, w, sim.t, outcome, diverged, theta0, data.thetaStar, maxInputNorm(data.X), a0);
}

/** One run with the reduced simulator: K tracked neurons, fresh Gaussian inputs at every step (onlineLabelNoise). */
function runReduced(c: LazyConfig, o: LazyOptions): LazyRun {
  const run = new OnlineLabelNoise({ m: c.m, d: c.d, K: c.K, eta: c.eta, sigma: c.sigma, thetaStarNorm: c.thetaStarNorm }, o.seed);
  const s = run.state;
  const theta0 = s.theta.slice();
  const a0 = s.a.slice();
  const w = new Watch(c.m, c.K);
  w.lazyA(s.a, s.theta);
  const past = o.pastFactor ?? 0;
  const bound = o.divergenceBound ?? 1e8;
  const drift2 = (i: number): number => run.drift2(i);
  let maxX2 = 0;
  let outcome = 'budget';
  let diverged = false;
  while (run.t < c.budget) {
    const lazyBefore = w.tau === null;
    w.residual(run.step());
    if (lazyBefore && run.xx > maxX2) maxX2 = run.xx;
    if (run.diverged(bound)) {
      outcome = `diverged at step ${run.t}`;
      diverged = true;
      break;
    }
    const lazy = w.check(run.t, drift2, s.a);
    if (lazy) w.lazyA(s.a, s.theta);
    else if (run.t >= Math.ceil(past * (w.tau as number))) {
      outcome = 'exited lazy regime';
      break;
    }
  }
  if (!diverged && w.tau !== null) outcome = 'exited lazy regime';
  return finish(c, w, run.t, outcome, diverged, theta0, run.thetaStar, Math.sqrt(maxX2), a0);
}

export function runLazyWindow(c: LazyConfig, o: LazyOptions): LazyRun {
  return c.engine === 'full' ? runFull(c, o) : runReduced(c, o);
}
