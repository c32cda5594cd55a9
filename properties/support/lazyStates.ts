import chisquareCdf from '@stdlib/stats-base-dists-chisquare-cdf';
import { makeDataset, type Dataset } from '../../src/engine/data.js';
import { rows, vec } from '../../src/engine/matrix.js';
import { initNTK, type State } from '../../src/engine/network.js';
import type { Rng } from '../../src/engine/rng.js';
import { Simulation } from '../../src/engine/simulate.js';
import { lazyRadius } from '../../src/theory/constants.js';

/**
 * States that satisfy the premise of Lemma 3 / C.3: the lazy regime of Definition 1
 * (||w_i(t) - w_i(0)|| <= 1/sqrt(m) for every i) and the event C_j of Lemma C.2 (|a_i(t)| <= m^(-1/4) for every i).
 *
 * A state is handed to the probability kernels of ./lemma3.ts as a `NeuronState`: the neurons that are
 * examined (all of them, or the extreme ones of a width too large to hold), their second-layer weights,
 * and theta = a^T W of the whole network.
 */
export interface NeuronState {
  /** the width of the network the state belongs to */
  m: number;
  d: number;
  /** the examined neurons w_i (all m of them, or the k extreme ones of an extreme-neuron state) */
  w: Float64Array[];
  /** their a_i */
  a: Float64Array;
  /** theta = a^T W of the whole network */
  theta: Float64Array;
  /** how the state was obtained, in words */
  origin: string;
}

export interface PremiseStatus {
  /** max_i ||w_i(t) - w_i(0)|| and the lazy radius 1/sqrt(m) (Definition 1) */
  maxDrift: number;
  lazyRadius: number;
  /** max_i |a_i| and the bound m^(-1/4) of the event C_j (Lemma C.2) */
  maxAbsA: number;
  aBound: number;
  lazy: boolean;
  cj: boolean;
}

export function premiseStatus(m: number, w: Float64Array[], w0: Float64Array[] | undefined, a: Float64Array): PremiseStatus {
  let maxDrift = 0;
  if (w0) {
    for (let i = 0; i < w.length; i++) {
      const x = w[i] as Float64Array;
      const y = w0[i] as Float64Array;
      let s = 0;
      for (let k = 0; k < x.length; k++) s += ((x[k] as number) - (y[k] as number)) ** 2;
      if (s > maxDrift) maxDrift = s;
    }
    maxDrift = Math.sqrt(maxDrift);
  }
  let maxAbsA = 0;
  for (let i = 0; i < a.length; i++) maxAbsA = Math.max(maxAbsA, Math.abs(a[i] as number));
  const r = lazyRadius(m);
  const aBound = Math.pow(m, -0.25);
  return { maxDrift, lazyRadius: r, maxAbsA, aBound, lazy: maxDrift <= r, cj: maxAbsA <= aBound };
}

/** theta = sum_i a_i w_i */
export function thetaOf(w: Float64Array[], a: Float64Array, d: number): Float64Array {
  const th = new Float64Array(d);
  for (let i = 0; i < w.length; i++) {
    const x = w[i] as Float64Array;
    const ai = a[i] as number;
    for (let k = 0; k < d; k++) th[k] = (th[k] as number) + ai * (x[k] as number);
  }
  return th;
}

/** How a constructed state leaves the initialization while staying in the premise. */
export type LazyMove =
  /** the initialization of Eq. (5) itself (step 0) */
  | 'init'
  /** every w_i moved by 1/sqrt(m) (less 1e-9 relative) in a uniformly random direction (the edge of Definition 1) */
  | 'random'
  /** every w_i moved by 1/sqrt(m) towards the origin: the smallest norms Definition 1 allows (the worst case for the band probability) */
  | 'shrink';

export interface ConstructOptions {
  move: LazyMove;
  /** second layer: Eq. (5) truncated to the event C_j (|a_i| <= m^(-1/4)), or every |a_i| set to the edge m^(-1/4) of C_j (sign kept) */
  a: 'init' | 'edge';
}

/**
 * A state at width m built directly: W(0), a(0) per Eq. (5) (the engine's initNTK from the named stream `seed`),
 * then moved within the lazy radius. Every a_i is kept within C_j (a draw beyond m^(-1/4), probability
 * 2 P(Z > m^(1/4)) per neuron, is clipped to the edge; the count is returned).
 */
export function constructLazyState(m: number, d: number, seed: string, opts: ConstructOptions, rng: Rng): { state: NeuronState; w0: Float64Array[]; clipped: number } {
  const s = initNTK(m, d, seed);
  const w = rows(s.W);
  const w0 = opts.move === 'init' ? w : w.map((r) => r.slice());
  const a = vec(s.a);
  const edge = Math.pow(m, -0.25);
  let clipped = 0;
  for (let i = 0; i < m; i++) {
    const ai = a[i] as number;
    if (opts.a === 'edge') a[i] = ai < 0 ? -edge : edge;
    else if (Math.abs(ai) > edge) {
      a[i] = ai < 0 ? -edge : edge;
      clipped++;
    }
  }
  const rad = lazyRadius(m);
  if (opts.move !== 'init') {
    const u = new Float64Array(d);
    for (let i = 0; i < m; i++) {
      const x = w[i] as Float64Array;
      let nu = 0;
      if (opts.move === 'random') {
        for (let k = 0; k < d; k++) {
          const g = rng.gaussian();
          u[k] = g;
          nu += g * g;
        }
      } else {
        for (let k = 0; k < d; k++) {
          u[k] = -(x[k] as number);
          nu += (x[k] as number) ** 2;
        }
      }
      nu = Math.sqrt(nu);
      if (nu === 0) continue;
      // distance 1/sqrt(m) from w_i(0), less 1e-9 relative so that rounding keeps it inside Definition 1
      // (towards the origin: the norm drops by that much)
      const step = (rad * (1 - 1e-9)) / nu;
      for (let k = 0; k < d; k++) x[k] = (x[k] as number) + step * (u[k] as number);
    }
  }
  const origin = `Eq. (5) at m = ${m}${opts.move === 'init' ? '' : opts.move === 'random' ? ', every w_i moved 1/sqrt(m) in a random direction' : ', every w_i moved 1/sqrt(m) towards 0'}${
    opts.a === 'edge' ? ', |a_i| = m^(-1/4)' : ''
  }`;
  return { state: { m, d, w, a, theta: thetaOf(w, a, d), origin }, w0, clipped };
}

/** The chi-square quantile by bisection on log x (the CDF is exact through the regularized incomplete gamma). */
export function chisquareQuantile(p: number, d: number): number {
  if (!(p > 0)) return 0;
  let lo = -80;
  let hi = Math.log(Math.max(10 * d, 100));
  while (chisquareCdf(Math.exp(hi), d) < p) hi += 1;
  for (let it = 0; it < 200; it++) {
    const mid = (lo + hi) / 2;
    if (chisquareCdf(Math.exp(mid), d) < p) lo = mid;
    else hi = mid;
    if (hi - lo < 1e-13) break;
  }
  return Math.exp((lo + hi) / 2);
}

/**
 * An extreme-neuron state of a width m too large to hold: the k smallest-norm neurons of an Eq. (5)
 * initialization at width m, drawn exactly (the lower order statistics U_(1) < ... < U_(k) of m uniforms through
 * exponential spacings, mapped through the chi-square_d quantile: ||w_(j)||^2 = F^-1(U_(j)) / d; uniform directions;
 * a_i ~ N(0, 1/m) truncated to C_j), and theta(0) = sum of all m neurons' a_i w_i drawn from its distribution,
 * N(0, (1/m) W^T W) = N(0, I/d) to O(1/sqrt(m)) (central limit over the other m - k neurons).
 * Since a minimum over a subset of the neurons is at least the minimum over all of them, a bound violated by one
 * of these neurons is violated by the state.
 */
export function extremeNeuronState(m: number, d: number, k: number, rng: Rng): NeuronState {
  const w: Float64Array[] = [];
  const a = new Float64Array(k);
  let cum = 0;
  const edge = Math.pow(m, -0.25);
  for (let j = 0; j < k; j++) {
    cum += -Math.log(1 - rng.double()) / (m - j);
    const u = -Math.expm1(-cum);
    const r2 = chisquareQuantile(u, d) / d;
    const dir = new Float64Array(d);
    let nn = 0;
    for (let q = 0; q < d; q++) {
      const g = rng.gaussian();
      dir[q] = g;
      nn += g * g;
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

export function datasetFor(n: number, d: number, m: number, seed: string): Dataset {
  return makeDataset({ n, d, nTest: 0, thetaStarNorm: Math.pow(m, -0.25) }, seed);
}

export interface TrajectoryOptions {
  m: number;
  d: number;
  n: number;
  eta: number;
  sigma: number;
  /** at most this many steps */
  maxSteps: number;
  /** evaluate the state every `every` steps (and at step 0) */
  every: number;
}

export interface TrajectoryResult {
  /** steps at which the state was evaluated (all inside the premise) */
  evaluated: number[];
  /** the step at which the premise (Definition 1 and C_j) first failed, or -1 if it held up to maxSteps */
  premiseEnd: number;
  /** which part of the premise ended it */
  premiseEndReason: string;
  diverged: string | undefined;
  steps: number;
}

/**
 * A label-noise SGD run (Algorithm 1, batch 1, eps = +-sigma) from Eq. (5), with the engine's Simulation,
 * its state handed to `visit` at step 0 and every `every` steps while the premise of Lemma 3 holds
 * (Definition 1 and C_j, checked at each visit); the run stops at the first visit outside the premise.
 * `onStep` (optional) sees every step's draw before it is applied, with the state it is applied to.
 */
export function lazyTrajectory(
  o: TrajectoryOptions,
  seed: string,
  visit: (t: number, st: NeuronState, data: Dataset) => void,
  onStep?: (t: number, sim: Simulation, idx: number, eps: number) => void,
): TrajectoryResult {
  const data = datasetFor(o.n, o.d, o.m, seed);
  const state: State = initNTK(o.m, o.d, seed);
  const sim = new Simulation(state, data, { kind: 'sgd', eta: o.eta, batch: 1, sigma: o.sigma }, seed);
  const w0 = rows(sim.W0);
  const w = rows(state.W);
  const a = vec(state.a);
  const evaluated: number[] = [];
  let premiseEnd = -1;
  let premiseEndReason = '';
  let diverged: string | undefined;
  const check = (): boolean => {
    const p = premiseStatus(o.m, w, w0, a);
    if (!p.lazy || !p.cj) {
      premiseEnd = sim.t;
      premiseEndReason = !p.lazy ? `Definition 1 (max drift ${p.maxDrift.toExponential(2)} > ${p.lazyRadius.toExponential(2)})` : `C_j (max |a_i| ${p.maxAbsA.toExponential(2)} > ${p.aBound.toExponential(2)})`;
      return false;
    }
    evaluated.push(sim.t);
    visit(sim.t, { m: o.m, d: o.d, w, a, theta: sim.theta, origin: `label-noise SGD step ${sim.t}` }, data);
    return true;
  };
  if (check()) {
    const res = sim.run({
      steps: o.maxSteps,
      watchEvery: o.every,
      watch: () => (check() ? undefined : 'premise ended'),
      ...(onStep ? { onDraw: (t: number, draw: { idx: Int32Array; eps: Float64Array }, s: Simulation) => onStep(t, s, draw.idx[0] as number, draw.eps[0] as number) } : {}),
    });
    if (res.outcome.kind === 'diverged') diverged = `diverged at step ${res.outcome.step}: ${res.outcome.reason}`;
  }
  return { evaluated, premiseEnd, premiseEndReason, diverged, steps: sim.t };
}
