import chisquareCdf from '@stdlib/stats-base-dists-chisquare-cdf';
import { makeDataset, type Dataset } from '../engine/data.js';
import { rows, vec } from '../engine/matrix.js';
import { initNTK, type State } from '../engine/network.js';
import type { Rng } from '../engine/rng.js';
import { Simulation } from '../engine/simulate.js';
import { bisect } from '../stats/bisect.js';
import { lazyRadius } from '../theory/constants.js';
import type { PaperConfig } from './config.js';

/**
 * States inside the premise of Lemma 3 (= long Lemma C.3): the lazy regime of Definition 1 (||w_i(t) - w_i(0)|| <=
 * 1/sqrt(m) for every i) and the event C_j of Lemma C.2 (|a_i(t)| <= m^(-1/4) for every i). Three ways to get one:
 * Eq. (5) moved within the lazy radius (constructLazyState), the smallest-norm neurons of Eq. (5) at a width too large
 * to hold (extremeNeuronState, exact order statistics), and label-noise SGD from Eq. (5) (lazyTrajectory, the engine's
 * Simulation), visited while the premise holds.
 */
export interface NeuronState {
  /** the width of the network the state belongs to */
  m: number;
  d: number;
  /** the examined neurons w_i (all m of them, or the k extreme ones of an extreme-neuron state) */
  w: Float64Array[];
  a: Float64Array;
  /** theta = a^T W of the whole network */
  theta: Float64Array;
  /** how the state was obtained, in words */
  origin: string;
}

export interface PremiseStatus {
  /** max_i ||w_i(t) - w_i(0)|| against 1/sqrt(m) (Definition 1); max_i |a_i| against m^(-1/4) (C_j) */
  maxDrift: number;
  lazyRadius: number;
  maxAbsA: number;
  aBound: number;
  lazy: boolean;
  cj: boolean;
}

export function premiseStatus(m: number, w: readonly Float64Array[], w0: readonly Float64Array[] | undefined, a: Float64Array): PremiseStatus {
  let drift2 = 0;
  if (w0)
    for (let i = 0; i < w.length; i++) {
      const x = w[i] as Float64Array;
      const y = w0[i] as Float64Array;
      let s = 0;
      for (let k = 0; k < x.length; k++) s += ((x[k] as number) - (y[k] as number)) ** 2;
      drift2 = Math.max(drift2, s);
    }
  let maxAbsA = 0;
  for (let i = 0; i < a.length; i++) maxAbsA = Math.max(maxAbsA, Math.abs(a[i] as number));
  const r = lazyRadius(m);
  const aBound = Math.pow(m, -0.25);
  const maxDrift = Math.sqrt(drift2);
  return { maxDrift, lazyRadius: r, maxAbsA, aBound, lazy: maxDrift <= r, cj: maxAbsA <= aBound };
}

/** theta = sum_i a_i w_i */
export function thetaOf(w: readonly Float64Array[], a: Float64Array, d: number): Float64Array {
  const th = new Float64Array(d);
  for (let i = 0; i < w.length; i++) {
    const x = w[i] as Float64Array;
    const ai = a[i] as number;
    for (let k = 0; k < d; k++) th[k] = (th[k] as number) + ai * (x[k] as number);
  }
  return th;
}

/** The training set of Sec. 3.1 for a configuration (x ~ N(0, I_d), y = <theta*, x>), from the named stream `seed`. */
export function datasetOf(c: PaperConfig, seed: string): Dataset {
  return makeDataset({ n: c.n, d: c.d, nTest: 0, thetaStarNorm: c.thetaStarNorm }, seed);
}

/**
 * How a constructed state leaves Eq. (5) within the premise: 'random' moves every w_i by 1/sqrt(m) (less 1e-9
 * relative) in a uniformly random direction; 'shrink' moves it by that much towards 0 (the smallest norms Definition 1
 * allows, the worst case for the band probability of Eq. (43)). Second layer: Eq. (5) truncated to C_j ('init', a draw
 * beyond m^(-1/4) clipped to the edge and counted) or every |a_i| at the edge m^(-1/4) ('edge', signs kept).
 */
export function constructLazyState(m: number, d: number, seed: string, opts: { move: 'random' | 'shrink'; a: 'init' | 'edge' }, rng: Rng): { state: NeuronState; w0: Float64Array[]; clipped: number } {
  const s = initNTK(m, d, seed);
  const w = rows(s.W);
  const w0 = w.map((r) => r.slice());
  const a = vec(s.a);
  const edge = Math.pow(m, -0.25);
  let clipped = 0;
  for (let i = 0; i < m; i++) {
    const ai = a[i] as number;
    if (opts.a === 'edge' || Math.abs(ai) > edge) {
      if (opts.a === 'init') clipped++;
      a[i] = ai < 0 ? -edge : edge;
    }
  }
  const step0 = lazyRadius(m) * (1 - 1e-9);
  const u = new Float64Array(d);
  for (let i = 0; i < m; i++) {
    const x = w[i] as Float64Array;
    let nu = 0;
    for (let k = 0; k < d; k++) {
      const g = opts.move === 'random' ? rng.gaussian() : -(x[k] as number);
      u[k] = g;
      nu += g * g;
    }
    if (nu === 0) continue;
    const step = step0 / Math.sqrt(nu);
    for (let k = 0; k < d; k++) x[k] = (x[k] as number) + step * (u[k] as number);
  }
  const origin = `Eq. (5) at m = ${m}, every w_i moved 1/sqrt(m) ${opts.move === 'random' ? 'in a random direction' : 'towards 0'}${opts.a === 'edge' ? ', |a_i| = m^(-1/4)' : ''}`;
  return { state: { m, d, w, a, theta: thetaOf(w, a, d), origin }, w0, clipped };
}

/** The chi-square_d quantile (bisection on log x; the CDF is exact through the regularized incomplete gamma). */
export function chisquareQuantile(p: number, d: number): number {
  if (!(p > 0)) return 0;
  let hi = Math.log(Math.max(10 * d, 100));
  while (chisquareCdf(Math.exp(hi), d) < p) hi += 1;
  return Math.exp(bisect((lx) => chisquareCdf(Math.exp(lx), d) - p, -80, hi, 1e-13));
}

/**
 * The k smallest-norm neurons of Eq. (5) at a width m too large to hold, drawn exactly: the lower order statistics
 * U_(1) < ... < U_(k) of m uniforms (exponential spacings) through the chi-square_d quantile, ||w_(j)||^2 =
 * F^-1(U_(j)) / d; uniform directions; a_i ~ N(0, 1/m) truncated to C_j; theta(0) ~ N(0, I/d), the law of sum_i a_i w_i
 * to O(1/sqrt(m)). A bound violated by one of these neurons is violated by the state (the converse need not hold).
 */
export function extremeNeuronState(m: number, d: number, k: number, rng: Rng): NeuronState {
  const w: Float64Array[] = [];
  const a = new Float64Array(k);
  const edge = Math.pow(m, -0.25);
  let cum = 0;
  for (let j = 0; j < k; j++) {
    cum += -Math.log(1 - rng.double()) / (m - j);
    const r2 = chisquareQuantile(-Math.expm1(-cum), d) / d;
    const dir = new Float64Array(d);
    let nn = 0;
    for (let q = 0; q < d; q++) {
      dir[q] = rng.gaussian();
      nn += (dir[q] as number) ** 2;
    }
    const sc = Math.sqrt(r2 / nn);
    for (let q = 0; q < d; q++) dir[q] = (dir[q] as number) * sc;
    w.push(dir);
    let ai = 0;
    do ai = rng.gaussian() / Math.sqrt(m);
    while (Math.abs(ai) > edge);
    a[j] = ai;
  }
  const theta = new Float64Array(d);
  for (let q = 0; q < d; q++) theta[q] = rng.gaussian() / Math.sqrt(d);
  return { m, d, w, a, theta, origin: `the ${k} smallest-norm neurons of Eq. (5) at m = ${m.toExponential(3)} (order statistics), theta(0) ~ N(0, I/d)` };
}

export interface TrajectoryResult {
  /** steps at which the state was visited (all inside the premise) */
  visited: number[];
  /** the step at which the premise first failed (-1: it held to maxSteps), and which part ended it */
  premiseEnd: number;
  premiseEndReason: string;
  diverged?: string;
}

/**
 * Label-noise SGD (Algorithm 1, batch 1, eps = +-sigma; the engine's Simulation on the named streams under `seed`) from
 * Eq. (5), its state handed to `visit` at step 0 and every `every` steps while the premise holds (checked at each
 * visit); the run stops at the first visit outside it.
 */
export function lazyTrajectory(c: PaperConfig, maxSteps: number, every: number, seed: string, visit: (t: number, st: NeuronState, data: Dataset) => void): TrajectoryResult {
  const data = datasetOf(c, seed);
  const state: State = initNTK(c.m, c.d, seed);
  const sim = new Simulation(state, data, { kind: 'sgd', eta: c.eta, batch: 1, sigma: c.sigma }, seed);
  const w0 = rows(sim.W0);
  const w = rows(state.W);
  const a = vec(state.a);
  const out: TrajectoryResult = { visited: [], premiseEnd: -1, premiseEndReason: '' };
  const check = (): boolean => {
    const p = premiseStatus(c.m, w, w0, a);
    if (!p.lazy || !p.cj) {
      out.premiseEnd = sim.t;
      out.premiseEndReason = !p.lazy ? `Definition 1 (max drift ${p.maxDrift.toExponential(2)} > ${p.lazyRadius.toExponential(2)})` : `C_j (max |a_i| ${p.maxAbsA.toExponential(2)} > ${p.aBound.toExponential(2)})`;
      return false;
    }
    out.visited.push(sim.t);
    visit(sim.t, { m: c.m, d: c.d, w, a, theta: sim.theta, origin: `label-noise SGD step ${sim.t}` }, data);
    return true;
  };
  if (check()) {
    const res = sim.run({ steps: maxSteps, watchEvery: every, watch: () => (check() ? undefined : 'premise ended') });
    if (res.outcome.kind === 'diverged') out.diverged = `diverged at step ${res.outcome.step}: ${res.outcome.reason}`;
  }
  return out;
}
