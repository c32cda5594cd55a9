import { requireNumber } from '../errors.js';
import { chiSquareDraw } from './gamma.js';
import { PROFILING, profileAdd, profileSlot } from './profile.js';
import { stream } from './rng.js';
import { bartlettGram } from './wishart.js';

/**
 * The two-layer linear network at any width m, simulated exactly through sufficient statistics.
 *
 * Every rule of the paper moves (W, a) by w_i <- w_i - eta a_i g, a_i <- a_i - eta <w_i, g> for an
 * output-space gradient g that depends on the state only through theta = W^T a. The triple
 * (theta, S = W^T W, alpha = ||a||^2) is therefore closed under the dynamics:
 *   theta' = theta - eta (S + alpha I) g + eta^2 <theta, g> g
 *   S'     = S - eta (theta g^T + g theta^T) + eta^2 alpha g g^T
 *   alpha' = alpha - 2 eta <theta, g> + eta^2 g^T S g
 * so a run costs O(d^2) per step whatever m is, and any K neurons can be followed exactly beside it.
 * The initial triple is drawn from its exact joint law under Eq. (5) (Bartlett decomposition of the
 * Wishart part), with the K tracked neurons drawn explicitly and included.
 */
export interface ReducedState {
  readonly m: number;
  readonly d: number;
  theta: Float64Array;
  /** W^T W, d x d row-major */
  S: Float64Array;
  alpha: number;
  /** the tracked neurons: rows w_i and their a_i */
  readonly w: Float64Array[];
  readonly a: Float64Array;
  /** the tracked neurons at t = 0 (for Definition 1's drift) */
  readonly w0: Float64Array[];
}

/** Draws (theta, S, alpha) of an NTK-initialized width-m network (Eq. (5)) together with K explicit neurons. */
export function initReduced(m: number, d: number, K: number, seed: string | number): ReducedState {
  requireNumber('m', m, { min: 1, integer: true });
  requireNumber('d', d, { min: 1, integer: true });
  requireNumber('K', K, { min: 0, max: m, integer: true });
  const rng = stream(seed, 'init', 'reduced');
  const sw = 1 / Math.sqrt(d);
  const sa = 1 / Math.sqrt(m);
  const w: Float64Array[] = [];
  const a = new Float64Array(K);
  const theta = new Float64Array(d);
  const S = new Float64Array(d * d);
  let alpha = 0;
  for (let i = 0; i < K; i++) {
    const row = new Float64Array(d);
    for (let k = 0; k < d; k++) row[k] = sw * rng.gaussian();
    a[i] = sa * rng.gaussian();
    w.push(row);
    alpha += a[i]! * a[i]!;
    for (let k = 0; k < d; k++) {
      theta[k] = theta[k]! + a[i]! * row[k]!;
      for (let l = 0; l < d; l++) S[k * d + l] = S[k * d + l]! + row[k]! * row[l]!;
    }
  }
  const R = m - K;
  if (R > 0) {
    // a_rest = sqrt(alpha_rest) u with u uniform; rotating W_rest so that u is its first direction:
    // v = W_rest^T u ~ N(0, I/d), and the other R - 1 rows give S' ~ Wishart_d(R - 1, I/d), independent.
    const alphaRest = chiSquareDraw(rng, R) / m;
    const v = new Float64Array(d);
    for (let k = 0; k < d; k++) v[k] = sw * rng.gaussian();
    // Bartlett: S' = (1/d) L L^T ~ Wishart_d(R - 1, I/d)
    const G = bartlettGram(d, R - 1, rng);
    const ra = Math.sqrt(alphaRest);
    alpha += alphaRest;
    for (let k = 0; k < d; k++) {
      theta[k] = theta[k]! + ra * v[k]!;
      for (let l = 0; l < d; l++) {
        S[k * d + l] = S[k * d + l]! + G[k * d + l]! / d + v[k]! * v[l]!;
      }
    }
  }
  return { m, d, theta, S, alpha, w, a, w0: w.map((r) => r.slice()) };
}

/** One step of the dynamics driven by g (see the header), in place. Scratch: a d-vector. */
export function stepReduced(s: ReducedState, g: Float64Array, eta: number, scratch: Float64Array): void {
  if (PROFILING) {
    const t0 = performance.now();
    stepReducedOnce(s, g, eta, scratch);
    const slot = profileSlot(`reduced m=${s.m} d=${s.d} K=${s.a.length}`);
    if (slot) profileAdd(slot, performance.now() - t0);
  } else stepReducedOnce(s, g, eta, scratch);
}

function stepReducedOnce(s: ReducedState, g: Float64Array, eta: number, scratch: Float64Array): void {
  const d = s.d;
  const th = s.theta;
  const S = s.S;
  let tg = 0;
  let gSg = 0;
  for (let k = 0; k < d; k++) {
    tg += th[k]! * g[k]!;
    let sk = 0;
    for (let l = 0; l < d; l++) sk += S[k * d + l]! * g[l]!;
    scratch[k] = sk;
    gSg += g[k]! * sk;
  }
  const alpha = s.alpha;
  // S' uses the old theta: update S before theta
  for (let k = 0; k < d; k++) {
    for (let l = 0; l < d; l++) {
      S[k * d + l] = S[k * d + l]! - eta * (th[k]! * g[l]! + g[k]! * th[l]!) + eta * eta * alpha * g[k]! * g[l]!;
    }
  }
  for (let k = 0; k < d; k++) th[k] = th[k]! - eta * (scratch[k]! + alpha * g[k]!) + eta * eta * tg * g[k]!;
  s.alpha = alpha - 2 * eta * tg + eta * eta * gSg;
  for (let i = 0; i < s.a.length; i++) {
    const w = s.w[i]!;
    const ai = s.a[i]!;
    let p = 0;
    for (let k = 0; k < d; k++) p += w[k]! * g[k]!;
    for (let k = 0; k < d; k++) w[k] = w[k]! - eta * ai * g[k]!;
    s.a[i] = ai - eta * p;
  }
}

/** The statistics of a full state, to start the reduced dynamics from it (all its neurons tracked). */
export function reduceState(W: Float64Array[], a: Float64Array): ReducedState {
  const m = W.length;
  const d = W[0]?.length ?? 0;
  const theta = new Float64Array(d);
  const S = new Float64Array(d * d);
  let alpha = 0;
  for (let i = 0; i < m; i++) {
    const w = W[i]!;
    alpha += a[i]! * a[i]!;
    for (let k = 0; k < d; k++) {
      theta[k] = theta[k]! + a[i]! * w[k]!;
      for (let l = 0; l < d; l++) S[k * d + l] = S[k * d + l]! + w[k]! * w[l]!;
    }
  }
  return { m, d, theta, S, alpha, w: W.map((r) => r.slice()), a: a.slice(), w0: W.map((r) => r.slice()) };
}
