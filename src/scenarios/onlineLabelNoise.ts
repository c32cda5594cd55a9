import { Matrix } from 'ml-matrix';
import type { Dataset } from '../engine/data.js';
import { initReduced, stepReduced, type ReducedState } from '../engine/reduced.js';
import { stream, type Rng } from '../engine/rng.js';
import { Drawer } from '../engine/rules/draw.js';
import type { MinibatchRule } from '../engine/rules/types.js';

/**
 * Label-noise SGD (Eqs. (3)-(4), batch 1, eps = +-sigma) at any width m, exactly, through the sufficient statistics
 * (theta, W^T W, ||a||^2) of src/engine/reduced.ts with K tracked neurons, on a fresh input x_t ~ N(0, I_d) at every
 * step (the online reading the proofs of Lemma C.2 and Theorem C.4 use; the n -> infinity end of A3), y_t = <theta*, x_t>
 * with theta* = ||theta*|| e_1. The inputs come from the run's 'data' stream, d Gaussians per step in order; the label
 * noise eps_t is the engine's own draw (the Drawer of src/engine/rules/draw.ts, the run's 'noise' stream), the same
 * draw the full simulator makes, so a run here can be replayed step by step by the full simulator (test/scenarios).
 */
export interface OnlineConfig {
  readonly m: number;
  readonly d: number;
  /** tracked neurons */
  readonly K: number;
  readonly eta: number;
  readonly sigma: number;
  readonly thetaStarNorm: number;
}

/** The Drawer reads only the number of training samples; the online run has no training set (index 0 of one sample). */
function oneSample(d: number, thetaStar: Float64Array): Dataset {
  return { X: new Matrix(1, d), y: new Float64Array(1), Xtest: new Matrix(0, d), ytest: new Float64Array(0), thetaStar };
}

export class OnlineLabelNoise {
  readonly state: ReducedState;
  readonly thetaStar: Float64Array;
  /** the input of the last step and its squared norm */
  readonly x: Float64Array;
  xx = 0;
  t = 0;
  private readonly data: Rng;
  private readonly drawer: Drawer;
  private readonly g: Float64Array;
  private readonly scratch: Float64Array;

  /** `init` starts from a given state (e.g. a full network's statistics, reduceState); default: Eq. (5) drawn exactly. */
  constructor(
    readonly config: OnlineConfig,
    seed: string,
    init?: ReducedState,
  ) {
    const { m, d, K } = config;
    this.state = init ?? initReduced(m, d, K, `${seed}/init`);
    this.thetaStar = new Float64Array(d);
    this.thetaStar[0] = config.thetaStarNorm;
    this.x = new Float64Array(d);
    this.g = new Float64Array(d);
    this.scratch = new Float64Array(d);
    this.data = stream(seed, 'data');
    const rule: MinibatchRule = { kind: 'sgd', eta: config.eta, batch: 1, sigma: config.sigma };
    this.drawer = new Drawer(rule, oneSample(d, this.thetaStar), m, seed);
  }

  /** Draws x_t and eps_t, applies one step; returns the residual r_t = f(theta(t); x_t) - y_t - eps_t (the loss gradient of Eqs. (13)-(16)). */
  step(): number {
    const s = this.state;
    const d = this.config.d;
    let f = 0;
    let y = 0;
    let xx = 0;
    for (let k = 0; k < d; k++) {
      const v = this.data.gaussian();
      this.x[k] = v;
      xx += v * v;
      f += (s.theta[k] as number) * v;
      y += (this.thetaStar[k] as number) * v;
    }
    this.xx = xx;
    const r = f - y - (this.drawer.next(this.t).eps[0] as number);
    for (let k = 0; k < d; k++) this.g[k] = r * (this.x[k] as number);
    stepReduced(s, this.g, this.config.eta, this.scratch);
    this.t++;
    return r;
  }

  /** A non-finite ||a||^2 or a |theta_k| above the bound: the run has diverged. */
  diverged(bound: number): boolean {
    if (!Number.isFinite(this.state.alpha) || this.state.alpha > bound) return true;
    for (let k = 0; k < this.config.d; k++) if (!(Math.abs(this.state.theta[k] as number) <= bound)) return true;
    return false;
  }

  /** ||w_i(t) - w_i(0)||^2 of tracked neuron i (Definition 1's drift). */
  drift2(i: number): number {
    const w = this.state.w[i] as Float64Array;
    const w0 = this.state.w0[i] as Float64Array;
    let q = 0;
    for (let k = 0; k < this.config.d; k++) q += ((w[k] as number) - (w0[k] as number)) ** 2;
    return q;
  }
}
