import { rows, vec } from '../engine/matrix.js';
import { initNTK } from '../engine/network.js';
import { initOscillation } from '../engine/oscillation.js';
import { stream, type Rng } from '../engine/rng.js';
import type { PaperConfig } from './config.js';
import { sampleDesign } from './sigmaHat.js';

/**
 * The oscillation process of AAAI Eqs. (6)-(7) (long version Eqs. (5)-(6)), the setup of Lemma 4 / 3.3, driven by
 * the sample covariance instead of the data set:
 *   w_i(t+1) = w_i(t) - eta a_i(t) g(t),  g(t) = grad_theta L_D(theta(t)) = Sigma_hat (theta(t) - theta*),
 *   a_i(t+1) = a_i(t) + delta_i(t)  (+-q -> 0; 0 -> +-q with probability 1/2 each; q = eta^0.25),  theta = sum_i a_i w_i.
 * Every draw is the engine's: W(0) by initNTK (Eq. (5)), a(0) by initOscillation, Sigma_hat and theta* by ./sigmaHat.ts,
 * the coins from the engine's 'noise' stream (rademacher). The engine's Drawer draws a coin for every neuron at every
 * step and the rule reads only those of the neurons at 0; here only those are drawn (the same law: iid fair coins, at
 * half the draws, which are most of a step's cost). Given the Drawer's coins, it is the engine's Simulation step for step
 * on an explicit data set (test/scenarios/oscillationProcess.test.ts, which also tests the coins' law).
 * `mode` breaks Eq. (7) for the 'oscillation-off' search: 'frozen' keeps every a_i at its start; 'zero' sets a = 0.
 */
export type OscillationMode = 'chain' | 'frozen' | 'zero';

export class OscillationProcess {
  readonly m: number;
  readonly d: number;
  readonly q: number;
  readonly theta: Float64Array;
  /** the gradient the last step used */
  readonly g: Float64Array;
  private readonly r: Float64Array;
  t = 0;
  constructor(
    /** m x d row-major, updated in place */
    readonly W: Float64Array,
    readonly a: Float64Array,
    readonly sigmaHat: Float64Array,
    readonly thetaStar: Float64Array,
    readonly eta: number,
    readonly mode: OscillationMode = 'chain',
  ) {
    this.m = a.length;
    this.d = thetaStar.length;
    this.q = Math.pow(eta, 0.25);
    if (mode === 'zero') a.fill(0);
    this.theta = new Float64Array(this.d);
    this.g = new Float64Array(this.d);
    this.r = new Float64Array(this.d);
    for (let i = 0; i < this.m; i++) for (let k = 0; k < this.d; k++) this.theta[k] = (this.theta[k] as number) + (a[i] as number) * (W[i * this.d + k] as number);
  }

  /** One step of Eqs. (6)-(7); a neuron whose a_i is 0 moves to c q, c = flips[i] when given (the engine Drawer's coins), else coins.rademacher(). */
  step(coins: Rng, flips?: Int8Array): void {
    const { d, m, theta: th, r, g, W, a, eta, q, sigmaHat: S } = this;
    for (let k = 0; k < d; k++) r[k] = (th[k] as number) - (this.thetaStar[k] as number);
    for (let k = 0; k < d; k++) {
      let s = 0;
      for (let l = 0; l < d; l++) s += (S[k * d + l] as number) * (r[l] as number);
      g[k] = s;
    }
    const chain = this.mode === 'chain';
    th.fill(0);
    for (let i = 0; i < m; i++) {
      const ai = a[i] as number;
      const o = i * d;
      const an = chain ? (ai !== 0 ? 0 : (flips ? (flips[i] as number) : coins.rademacher()) * q) : ai;
      if (ai !== 0) for (let k = 0; k < d; k++) W[o + k] = (W[o + k] as number) - eta * ai * (g[k] as number);
      if (an !== 0) for (let k = 0; k < d; k++) th[k] = (th[k] as number) + an * (W[o + k] as number);
      a[i] = an;
    }
    this.t++;
  }

  /** (1/m) sum_i ||w_i||^2: the quantity inside the expectation of Eq. (8). */
  meanSqNorm(): number {
    let s = 0;
    for (const x of this.W) s += x * x;
    return s / this.m;
  }
}

/** A process at t = 0 under `seed`: W(0) by Eq. (5), a(0) by the chain's start law, Sigma_hat of n samples (Wishart for n >= d). */
export function oscillationStart(c: PaperConfig, mode: OscillationMode, seed: string): { process: OscillationProcess; coins: Rng } {
  const design = sampleDesign(c.d, c.n, c.thetaStarNorm, seed);
  const s = initOscillation(initNTK(c.m, c.d, seed), c.eta, seed);
  const W = new Float64Array(c.m * c.d);
  rows(s.W).forEach((w, i) => W.set(w, i * c.d));
  return { process: new OscillationProcess(W, Float64Array.from(vec(s.a)), design.sigmaHat, design.thetaStar, c.eta, mode), coins: stream(seed, 'noise') };
}
