import { Matrix } from 'ml-matrix';
import { makeThetaStar, maxInputNorm } from '../engine/data.js';
import { dot, norm, rows } from '../engine/matrix.js';
import type { State } from '../engine/network.js';
import { neuronOutputs, sampleGradient, sampleUpdate } from '../engine/rules/singleSamplePass.js';
import { stream, type Rng } from '../engine/rng.js';
import type { PaperConfig } from './config.js';
import { alignedInput, thetaTwoWays } from './initResidual.js';
import { constructLazyState, datasetOf, thetaOf } from './lazyPremiseStates.js';

/**
 * The increment of a_i over one label-noise SGD step (long version, proof of Lemma C.2, the display before (29)) from a
 * state inside the lemma's premise: Eq. (5) with every w_i moved 1/sqrt(m) (less 1e-9 relative; Definition 3.1) and
 * a(0) clipped to m^(-1/4) (C_t) (constructLazyState), the first K/2 tracked neurons moved outward along w_i(0) (where
 * ||w_i(t)|| = ||w_i(0)|| + 1/sqrt(m)), the others in a random direction. The step is the engine's single-sample step of
 * Eqs. (15)-(16) (src/engine/rules/singleSamplePass.ts) at every input of the training set of Sec. 3.1 and at one input of norm C_data along
 * each tracked w_i(t) (where Cauchy-Schwarz is tight), each with eps = +sigma and -sigma.
 */
export interface IncrementCase {
  /** the input's index (n + k: the input along the k-th tracked neuron) */
  xi: number;
  eps: number;
  /** r = f(theta(t); x) - y - eps */
  r: number;
  xNorm: number;
  /** x^T w_i(t) */
  xw: number;
  /** a_i(t+1) - a_i(t) of the engine's step */
  da: number;
}

export interface TrackedNeuron {
  i: number;
  /** a_i(t) */
  a: number;
  /** theta*^T w_i(0), the shift of Y_i (the o(1/sqrt m) term taken as 0) */
  c: number;
  w0Norm: number;
  wNorm: number;
  /** 'outward' | 'random' */
  move: string;
  cases: IncrementCase[];
}

export interface LazyIncrements {
  m: number;
  eta: number;
  /** max_i ||x_i|| of the training set */
  cData: number;
  neurons: TrackedNeuron[];
  /** theta(t) = a(t)^T W(t) as the ml-matrix product and as sum_j a_j(t) w_j(t) */
  thetaProduct: Float64Array;
  thetaSum: Float64Array;
}

/** The state and its increments at configuration `c`, everything drawn from the named streams under `seed` (the moves from `seed`/lazy-move). */
export function lazyIncrements(c: PaperConfig, K: number, seed: string): LazyIncrements {
  const { state, w0 } = constructLazyState(c.m, c.d, seed, { move: 'random', a: 'init' }, stream(seed, 'lazy-move'));
  const radius = (1 - 1e-9) / Math.sqrt(c.m);
  for (let i = 0; i < K / 2; i++) {
    const v = w0[i] as Float64Array;
    const s = 1 + radius / norm(v);
    (state.w[i] as Float64Array).set(v.map((x) => x * s));
  }
  const S: State = { W: new Matrix(state.w.map((w) => Array.from(w))), a: new Matrix([Array.from(state.a)]) };
  const theta = thetaOf(state.w, state.a, c.d);
  const data = datasetOf(c, seed);
  const cData = maxInputNorm(data.X);
  const extra = Array.from({ length: K }, (_, k) => alignedInput(state.w[k] as Float64Array, new Float64Array(c.d), cData)).map(({ x }) => ({ x, y: dot(x, data.thetaStar) }));
  const all = { X: [...rows(data.X), ...extra.map((e) => e.x)], y: Float64Array.from([...data.y, ...extra.map((e) => e.y)]) };
  const z = new Float64Array(c.m);
  const g = new Float64Array(c.d);
  const tracked = Array.from({ length: K }, (_, i) => new Float64Array(c.d));
  const aTracked = new Float64Array(K);
  const neurons: TrackedNeuron[] = Array.from({ length: K }, (_, i) => {
    const w = state.w[i] as Float64Array;
    const v = w0[i] as Float64Array;
    return { i, a: state.a[i] as number, c: dot(data.thetaStar, v), w0Norm: norm(v), wNorm: norm(w), move: i < K / 2 ? 'outward' : 'random', cases: [] };
  });
  all.X.forEach((x, xi) => {
    // the engine's single-sample step: pass 1 over the whole network (f = a^T W x), pass 2 on copies of the tracked
    // neurons (pass 2 treats every neuron apart from the others)
    const f = neuronOutputs(state.w, state.a, x, z);
    for (const eps of [c.sigma, -c.sigma]) {
      const rEngine = f - (all.y[xi] as number) - eps;
      sampleGradient(rEngine, x, g);
      tracked.forEach((w, k) => w.set(state.w[k] as Float64Array));
      aTracked.set(state.a.subarray(0, K));
      sampleUpdate(tracked, aTracked, z, c.eta, rEngine, g);
      const r = dot(theta, x) - (all.y[xi] as number) - eps;
      for (const n of neurons) n.cases.push({ xi, eps, r, xNorm: norm(x), xw: dot(x, state.w[n.i] as Float64Array), da: (aTracked[n.i] as number) - n.a });
    }
  });
  return { m: c.m, eta: c.eta, cData, neurons, ...thetaTwoWays(S) };
}

/**
 * The term the proof of Lemma C.2 calls o(eta/sqrt(m)) (the display before (27), line 4), over eta: replacing w_j(t)
 * by w_j(0) in sum_j a_j(t) w_j^T w_i and in theta*^T w_i costs
 *   R_i = |sum_j a_j(t) (w_j(t)^T w_i(t) - w_j(0)^T w_i(0)) - theta*^T (w_i(t) - w_i(0))|
 *       = |theta(t)^T w_i(t) - (W(0)^T a(t))^T w_i(0) - theta*^T (w_i(t) - w_i(0))|.
 * At two states of the premise (Definition 3.1 and C_t) at width m (d = c.d, ||theta*|| = c.thetaStarNorm):
 *  - 'random': constructLazyState (every w_j moved 1/sqrt(m) in a random direction, a(0) clipped to m^(-1/4));
 *    the root mean square of R_i over the m neurons;
 *  - 'aligned': the premise's worst case for neuron 0: every |a_j| = m^(-1/4) with the sign of a_j(0), every w_j moved
 *    1/sqrt(m) (less 1e-9 relative) along sign(a_j) w_0(0)/||w_0(0)||; R_0 / ||w_0(0)|| (about m^(1/4): the neuron's
 *    norm, O(1), divided out so that its spread from width to width does not blur the exponent).
 */
export function replacementTerm(c: PaperConfig, state: 'random' | 'aligned', seed: string, rng: Rng): number {
  // the aligned state's moves are set below: 'shrink' draws nothing from rng
  const { state: st, w0 } = constructLazyState(c.m, c.d, seed, state === 'random' ? { move: 'random', a: 'init' } : { move: 'shrink', a: 'edge' }, rng);
  if (state === 'aligned') {
    const radius = (1 - 1e-9) / Math.sqrt(c.m);
    const u = (w0[0] as Float64Array).map((x, _, v) => x / norm(v));
    st.w.forEach((w, j) => w.set((w0[j] as Float64Array).map((x, k) => x + Math.sign(st.a[j] as number) * radius * (u[k] as number))));
  }
  const theta = thetaOf(st.w, st.a, c.d);
  const theta0a = thetaOf(w0, st.a, c.d);
  const thetaStar = makeThetaStar(c.d, c.thetaStarNorm, c.d, seed); // the theta* of datasetOf(c, seed)
  const R = (i: number): number => {
    const w = st.w[i] as Float64Array;
    const v = w0[i] as Float64Array;
    return Math.abs(dot(theta, w) - dot(theta0a, v) - dot(thetaStar, w.map((x, k) => x - (v[k] as number))));
  };
  if (state === 'aligned') return R(0) / norm(w0[0] as Float64Array);
  let s2 = 0;
  for (let i = 0; i < c.m; i++) s2 += R(i) ** 2;
  return Math.sqrt(s2 / c.m);
}
