import type { PaperConfig } from './config.js';
import { Phase2GD, phase2Start } from './phase2Descent.js';

/**
 * Lemma D.2's descent (long version, Appendix D.2): gradient descent from a perfectly aligned start, w_i = gamma_i theta*
 * with max_i ||w_i|| = max_i |a_i| = sqrt(eta) (phase2Start's 'aligned' start), with Sigma_hat = I: Eq. (61) with its
 * O(eta/sqrt(n)) dropped, under which every step moves w_i along theta - theta* = (s - 1) theta*, so the premise of
 * Eqs. (62)-(69) ("all the neurons are perfectly aligned" at every t up to t3) holds exactly.
 */
export interface AlignedDescentRun {
  config: PaperConfig;
  /** the steps run, T = ceil(ln(1/eta)/(||theta*||^2 eta)) of Eq. (69) */
  steps: number;
  thetaStar: Float64Array;
  /** ||theta(t2) - theta*|| and ||theta(t3) - theta*|| */
  startDistance: number;
  endDistance: number;
  /** the extremes of sum_i a_i(t)^2 over t2 <= t <= t3 (Eqs. (67)-(68)) */
  alphaMin: number;
  alphaMax: number;
  /** (W, a) at t2, at the middle step (when 0 < middle < steps) and at t3 */
  states: { t: number; W: Float64Array[]; a: Float64Array }[];
}

const identity = (d: number): Float64Array => Float64Array.from({ length: d * d }, (_, k) => (k % (d + 1) === 0 ? 1 : 0));

/** GD with Sigma_hat = I from the aligned start of `config` and `seed`, for `steps` steps. */
export function runAlignedDescent(config: PaperConfig, seed: string, steps: number): AlignedDescentRun {
  const st = phase2Start({ config, start: 'aligned', scale: 1, seed }).gd;
  if (!(st instanceof Phase2GD)) throw new Error('runAlignedDescent: phase2Start must give the per-neuron Phase2GD');
  const gd = new Phase2GD(st.W.map((w) => Float64Array.from(w)), Float64Array.from(st.a), identity(config.d), st.thetaStar, config.eta);
  const snap = () => ({ t: gd.t, W: gd.W.map((w) => Float64Array.from(w)), a: Float64Array.from(gd.a) });
  const states = [snap()];
  const startDistance = gd.distance();
  let alphaMin = Infinity;
  let alphaMax = 0;
  const mid = Math.floor(steps / 2);
  for (;;) {
    const alpha = gd.a.reduce((acc, v) => acc + v * v, 0);
    alphaMin = Math.min(alphaMin, alpha);
    alphaMax = Math.max(alphaMax, alpha);
    if (gd.t >= steps) break;
    gd.step();
    if (gd.t === mid && mid < steps) states.push(snap());
  }
  if (gd.diverged(1e8)) throw new Error(`runAlignedDescent: diverged (eta = ${config.eta}, ||theta*|| = ${config.thetaStarNorm})`);
  states.push(snap());
  return { config, steps, thetaStar: Float64Array.from(gd.thetaStar), startDistance, endDistance: gd.distance(), alphaMin, alphaMax, states };
}

/**
 * The end-to-end step of theta (the display after Eq. (62), line 1): one exact GD step with step size eta from (W, a),
 * Sigma_hat = I, against theta - eta ||a||^2 g - eta W^T W g, g = theta - theta*; returns the norm of the difference
 * (exactly eta^2 |<theta, g>| ||g|| up to rounding: sum_i (a_i - eta <w_i, g>)(w_i - eta a_i g) expanded).
 */
export function thetaStepRemainder(W: readonly Float64Array[], a: Float64Array, thetaStar: Float64Array, eta: number): number {
  const d = thetaStar.length;
  const gd = new Phase2GD(W.map((w) => Float64Array.from(w)), Float64Array.from(a), identity(d), thetaStar, eta);
  const g = Array.from(gd.theta, (v, k) => v - (thetaStar[k] as number));
  const alpha = a.reduce((acc, v) => acc + v * v, 0);
  const Sg = new Float64Array(d);
  for (const w of W) {
    let p = 0;
    for (let k = 0; k < d; k++) p += (w[k] as number) * (g[k] as number);
    for (let k = 0; k < d; k++) Sg[k] = (Sg[k] as number) + p * (w[k] as number);
  }
  const printed = Array.from(gd.theta, (v, k) => v - eta * alpha * (g[k] as number) - eta * (Sg[k] as number));
  gd.step();
  return Math.hypot(...Array.from(gd.theta, (v, k) => v - (printed[k] as number)));
}

/** theta(t+1) after one exact GD step with step size eta from (W, a), Sigma_hat = I (Eqs. (49)-(50)). */
export function thetaAfterStep(W: readonly Float64Array[], a: Float64Array, thetaStar: Float64Array, eta: number): Float64Array {
  const gd = new Phase2GD(W.map((w) => Float64Array.from(w)), Float64Array.from(a), identity(thetaStar.length), thetaStar, eta);
  gd.step();
  return Float64Array.from(gd.theta);
}

/** An aligned state's coordinates (Eqs. (60)-(66)): gamma_i = <w_i, theta*>/||theta*||^2, s = sum_i a_i gamma_i, alpha = ||a||^2, ss = ||theta*||^2, theta = sum_i a_i w_i. */
export interface AlignedCoordinates {
  gamma: number[];
  s: number;
  alpha: number;
  ss: number;
  theta: number[];
}

export function alignedCoordinates(W: readonly Float64Array[], a: Float64Array, thetaStar: Float64Array): AlignedCoordinates {
  const dot = (u: ArrayLike<number>, v: ArrayLike<number>): number => {
    let acc = 0;
    for (let k = 0; k < u.length; k++) acc += (u[k] as number) * (v[k] as number);
    return acc;
  };
  const ss = dot(thetaStar, thetaStar);
  const gamma = W.map((w) => dot(w, thetaStar) / ss);
  const theta = Array.from(thetaStar, (_, k) => W.reduce((acc, w, i) => acc + (a[i] as number) * (w[k] as number), 0));
  return { gamma, s: gamma.reduce((acc, g, i) => acc + g * (a[i] as number), 0), alpha: dot(a, a), ss, theta };
}
