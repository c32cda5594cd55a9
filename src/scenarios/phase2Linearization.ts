import type { PaperConfig } from './config.js';
import { Phase2GD, phase2Start, type StartKind } from './phase2Descent.js';
import { sampleDesign } from './sigmaHat.js';

/**
 * The linearization of Phase II gradient descent (long version, Appendix D.1, Eqs. (52)-(54), and D.2, Eqs. (61)-(65)):
 * exact GD steps (Eqs. (49)-(50), Phase2GD) at constructed Phase II states, beside the printed approximations
 *   (53)  w_i(t+1) ~ w_i - eta a_i (theta - theta*)          (Sigma_hat replaced by I)
 *         a_i(t+1) ~ a_i - eta <theta - theta*, w_i>
 *   after "we have": w_i(t+1) ~ w_i + eta a_i theta*,  a_i(t+1) ~ a_i + eta <theta*, w_i>   (theta(t) dropped)
 *   (54)  z_i(t+1) ~ (I + eta M) z_i(t),  z_i = (w_i, a_i),  M = [[0, theta*^T], [theta*, 0]]
 *   (61)  w_i(t+1) ~ {gamma_i - eta a_i (s - 1)} theta*,  gamma_i = <w_i, theta*>/||theta*||^2,  s = sum_k a_k gamma_k
 * and (I + eta M)^T z computed exactly through the eigenvectors (u, +-1)/sqrt(2) of M (eigenvalues +-||theta*||, u = theta* / ||theta*||).
 */

/** What one GD step leaves beside each printed approximation: the largest remainder over the neurons. */
export interface StepRemainders {
  /** (53): max_i ||w_i(t+1) - w_i + eta a_i (theta - theta*)|| = eta |a_i| ||(Sigma_hat - I)(theta - theta*)|| */
  sigmaHatW: number;
  /** the display after (53): max_i |a_i(t+1) - a_i + eta <theta - theta*, w_i>| */
  sigmaHatA: number;
  /** after "we have": max_i ||w_i(t+1) - w_i - eta a_i theta*|| */
  dropW: number;
  /** after "Similarly": max_i |a_i(t+1) - a_i - eta <theta*, w_i>| */
  dropA: number;
  /** (54): max_i ||z_i(t+1) - (I + eta M) z_i(t)|| */
  linear: number;
  /** (61): max_i ||w_i(t+1) - {gamma_i - eta a_i (s - 1)} theta*|| */
  aligned61: number;
}

const dot = (u: ArrayLike<number>, v: ArrayLike<number>): number => {
  let s = 0;
  for (let k = 0; k < u.length; k++) s += (u[k] as number) * (v[k] as number);
  return s;
};

/** One exact GD step of `gd` (it moves), returning the remainders of the printed approximations at the state before it. */
export function gdStepRemainders(gd: Phase2GD): StepRemainders {
  const ts = gd.thetaStar;
  const d = ts.length;
  const W0 = gd.W.map((w) => Float64Array.from(w));
  const a0 = Float64Array.from(gd.a);
  const diff = Array.from(gd.theta, (v, k) => v - (ts[k] as number));
  const ss = dot(ts, ts);
  const s = W0.reduce((acc, w, i) => acc + (a0[i] as number) * (dot(w, ts) / ss), 0);
  gd.step();
  const out: StepRemainders = { sigmaHatW: 0, sigmaHatA: 0, dropW: 0, dropA: 0, linear: 0, aligned61: 0 };
  W0.forEach((w, i) => {
    const ai = a0[i] as number;
    const w1 = gd.W[i] as Float64Array;
    const gamma = dot(w, ts) / ss;
    let eW = 0;
    let dW = 0;
    let e61 = 0;
    for (let k = 0; k < d; k++) {
      const step = (w1[k] as number) - (w[k] as number);
      eW += (step + gd.eta * ai * (diff[k] as number)) ** 2;
      dW += (step - gd.eta * ai * (ts[k] as number)) ** 2;
      e61 += ((w1[k] as number) - (gamma - gd.eta * ai * (s - 1)) * (ts[k] as number)) ** 2;
    }
    const stepA = (gd.a[i] as number) - ai;
    const eA = Math.abs(stepA + gd.eta * dot(diff, w));
    const dA = Math.abs(stepA - gd.eta * dot(ts, w));
    out.sigmaHatW = Math.max(out.sigmaHatW, Math.sqrt(eW));
    out.sigmaHatA = Math.max(out.sigmaHatA, eA);
    out.dropW = Math.max(out.dropW, Math.sqrt(dW));
    out.dropA = Math.max(out.dropA, dA);
    out.linear = Math.max(out.linear, Math.hypot(Math.sqrt(dW), dA));
    out.aligned61 = Math.max(out.aligned61, Math.sqrt(e61));
  });
  return out;
}

/** (I + eta M)^T (w, a), exactly: the eigenvalues 1 +- eta ||theta*|| raised to T in logs, the rest of w fixed (eigenvalue 1). */
export function linearMapPower(thetaStar: ArrayLike<number>, eta: number, T: number, w: ArrayLike<number>, a: number): { w: Float64Array; a: number } {
  const nt = Math.sqrt(dot(thetaStar, thetaStar));
  const p = dot(thetaStar, w) / nt;
  const up = Math.exp(T * Math.log1p(eta * nt));
  const down = Math.exp(T * Math.log1p(-eta * nt));
  // coordinates on (u, 1)/sqrt 2 and (u, -1)/sqrt 2: (p + a)/sqrt 2 and (p - a)/sqrt 2
  const along = ((p + a) * up + (p - a) * down) / 2;
  const aT = ((p + a) * up - (p - a) * down) / 2;
  const out = Float64Array.from(w, (v, k) => v + (along - p) * ((thetaStar[k] as number) / nt));
  return { w: out, a: aT };
}

export interface LinearizationCase {
  config: PaperConfig;
  /**
   * phase2Start's kinds, or 'extreme': the premise at its edge with every neuron equal, w_i = sqrt(eta) theta* / ||theta*||,
   * a_i = sqrt(eta), so that ||theta|| = m eta (the largest the premise ||w_i||, |a_i| <= sqrt(eta) allows)
   */
  start: StartKind | 'extreme';
  seed: string;
  /** steps of exact GD (T2 of Lemma D.1) */
  steps: number;
}

export interface LinearizationRun {
  config: PaperConfig;
  start: LinearizationCase['start'];
  steps: number;
  /** each remainder's largest value over the steps t < steps */
  worst: StepRemainders;
  /** max_i ||z_i(steps) - (I + eta M)^steps z_i(0)|| (the first line of the proof of Lemma D.1) */
  mapDeviation: number;
  /** per neuron: w_i(t1 + T2), a_i(t1) (the states of the last display of the proof of Lemma D.1) */
  end: { w: Float64Array[]; a0: Float64Array };
  thetaStar: Float64Array;
}

/** The 'extreme' start of LinearizationCase, with Sigma_hat and theta* of the case's design (./sigmaHat.ts). */
function extremeStart(config: PaperConfig, seed: string): Phase2GD {
  const design = sampleDesign(config.d, config.n, config.thetaStarNorm, seed);
  const w = Float64Array.from(design.thetaStar, (v) => (Math.sqrt(config.eta) * v) / config.thetaStarNorm);
  return new Phase2GD(Array.from({ length: config.m }, () => Float64Array.from(w)), new Float64Array(config.m).fill(Math.sqrt(config.eta)), design.sigmaHat, design.thetaStar, config.eta);
}

/** Exact GD from a constructed Phase II start (phase2Start: max_i ||w_i|| = max_i |a_i| = sqrt(eta)) for `steps` steps. */
export function runLinearization(c: LinearizationCase): LinearizationRun {
  const gd = c.start === 'extreme' ? extremeStart(c.config, c.seed) : phase2Start({ config: c.config, start: c.start, scale: 1, seed: c.seed }).gd;
  if (!(gd instanceof Phase2GD)) throw new Error('runLinearization: phase2Start must give the per-neuron Phase2GD');
  const W0 = gd.W.map((w) => Float64Array.from(w));
  const a0 = Float64Array.from(gd.a);
  const worst: StepRemainders = { sigmaHatW: 0, sigmaHatA: 0, dropW: 0, dropA: 0, linear: 0, aligned61: 0 };
  for (let t = 0; t < c.steps; t++) {
    const r = gdStepRemainders(gd);
    for (const k of Object.keys(worst) as (keyof StepRemainders)[]) worst[k] = Math.max(worst[k], r[k]);
  }
  let mapDeviation = 0;
  W0.forEach((w, i) => {
    const lin = linearMapPower(gd.thetaStar, gd.eta, c.steps, w, a0[i] as number);
    const wT = gd.W[i] as Float64Array;
    const e = Math.hypot(...Array.from(wT, (v, k) => v - (lin.w[k] as number)), (gd.a[i] as number) - lin.a);
    mapDeviation = Math.max(mapDeviation, e);
  });
  return { config: c.config, start: c.start, steps: c.steps, worst, mapDeviation, end: { w: gd.W.map((w) => Float64Array.from(w)), a0 }, thetaStar: Float64Array.from(gd.thetaStar) };
}

/** The remainders of one GD step at the start state of a case (no further steps): the n-sweeps of (53) and (61). */
export function startRemainders(config: PaperConfig, start: StartKind, seed: string): StepRemainders {
  const gd = phase2Start({ config, start, scale: 1, seed }).gd;
  if (!(gd instanceof Phase2GD)) throw new Error('startRemainders: phase2Start must give the per-neuron Phase2GD');
  return gdStepRemainders(gd);
}
