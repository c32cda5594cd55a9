import { rows, vec } from '../engine/matrix.js';
import { initNTK } from '../engine/network.js';
import { hashSeed } from '../engine/rng.js';
import { Simulation } from '../engine/simulate.js';
import { deltaWLong } from '../theory/deltaW.js';
import type { PaperConfig } from './config.js';
import { datasetOf } from './lazyPremiseStates.js';
import { runTrajectory, type SmallCase, type Trajectory } from './smallNetworkTrajectory.js';

/**
 * The terms of the change of ||w_i||^2 in the derivation of Eq. (41) (long version, Appendix C.2, Eqs. (33)-(41)):
 *   ||w_i(T)||^2 - ||w_i(0)||^2 = eta^2 sum_{j < T} Delta W_i(j) - a_i(0)^2 + a_i(T)^2,
 * read on the engine's label-noise SGD: short recorded trajectories of small networks (every step's states and draw),
 * and the two terms along a longer run at a width the engine holds.
 */

/** A small network's shape for runTrajectory (batch 1), its seed derived from a run-set name. */
export type SmallShape = Omit<SmallCase, 'seed' | 'batch' | 'steps'>;

/**
 * runTrajectory on each shape for `steps` steps, the case seed hashed from `seed` and the shape's index. A trajectory
 * serializes as its case and length (a counterexample in claims.json names the run, not its recorded states).
 */
export function smallTrajectories(shapes: readonly SmallShape[], steps: number, seed: string): Trajectory[] {
  return shapes.map((s, u) => {
    const tr = runTrajectory({ ...s, batch: 1, steps, seed: (hashSeed(seed, u) >>> 0) % 1_000_000 });
    Object.defineProperty(tr, 'toJSON', { value: () => ({ case: tr.case, steps: tr.steps.length, divergedAt: tr.divergedAt }), enumerable: false });
    return tr;
  });
}

/** The two terms of the change of ||w_i||^2 summed over the neurons, at a checkpoint T. */
export interface NormChangeAt {
  T: number;
  /** sum_i |a_i(T)^2 - a_i(0)^2| */
  boundary: number;
  /** sum_i |eta^2 sum_{j < T} Delta W_i(j)| */
  deltaW: number;
  /** max_i |a_i(T)| m^{1/4} (C_j holds while it is <= 1) */
  maxAbsAScaled: number;
}

/**
 * Label-noise SGD (Algorithm 1, batch 1; the engine's Simulation on the named streams under `seed`) from Eq. (5) at
 * configuration c, every neuron's Delta W_i(j) accumulated with the step's own draw, read at the checkpoints (sorted).
 */
export function normChangeAlongSgd(c: PaperConfig, checkpoints: readonly number[], seed: string): NormChangeAt[] {
  const data = datasetOf(c, seed);
  const state = initNTK(c.m, c.d, seed);
  const sim = new Simulation(state, data, { kind: 'sgd', eta: c.eta, batch: 1, sigma: c.sigma }, seed);
  const W = rows(state.W);
  const a = vec(state.a);
  const a0 = a.slice();
  const X = rows(data.X);
  const sum = new Float64Array(c.m);
  const out: NormChangeAt[] = [];
  const read = (T: number): void => {
    let boundary = 0;
    let dw = 0;
    let maxA = 0;
    for (let i = 0; i < c.m; i++) {
      boundary += Math.abs((a[i] as number) ** 2 - (a0[i] as number) ** 2);
      dw += Math.abs(c.eta * c.eta * (sum[i] as number));
      maxA = Math.max(maxA, Math.abs(a[i] as number));
    }
    out.push({ T, boundary, deltaW: dw, maxAbsAScaled: maxA * Math.pow(c.m, 0.25) });
  };
  let next = 0;
  const last = checkpoints[checkpoints.length - 1] ?? 0;
  sim.run({
    steps: last,
    onDraw: (t, draw) => {
      while (next < checkpoints.length && checkpoints[next] === t) read(checkpoints[next++] as number);
      const j = draw.idx[0] as number;
      const x = X[j] as Float64Array;
      let f = 0;
      let x2 = 0;
      for (let k = 0; k < c.d; k++) {
        f += (sim.theta[k] as number) * (x[k] as number);
        x2 += (x[k] as number) ** 2;
      }
      const r = f - (data.y[j] as number) - (draw.eps[0] as number);
      for (let i = 0; i < c.m; i++) {
        const w = W[i] as Float64Array;
        let xw = 0;
        for (let k = 0; k < c.d; k++) xw += (w[k] as number) * (x[k] as number);
        sum[i] = (sum[i] as number) + deltaWLong(r, xw, a[i] as number, x2);
      }
    },
  });
  if (next < checkpoints.length && sim.t === last) read(last);
  return out;
}

/** One label-noise SGD run whose norm-change terms are read at checkpoints T = 2^4 ... 2^k (eta m = 1, d = 20, sigma = 4). */
export interface NormChangePreset {
  config: PaperConfig;
  checkpoints: readonly number[];
}

const powersOfTwo = (lo: number, hi: number): number[] => Array.from({ length: hi - lo + 1 }, (_, k) => 2 ** (lo + k));

/** quick: m = 128 to T = 8192; paper: m = 256 to T = 16384 (O(m d) a step for the Delta W sums). */
export const NORM_CHANGE_PRESET: Readonly<Record<'quick' | 'paper', NormChangePreset>> = Object.freeze({
  quick: { config: { m: 128, d: 20, n: 200, eta: 1 / 128, sigma: 4, thetaStarNorm: Math.pow(128, -0.25) }, checkpoints: powersOfTwo(4, 13) },
  paper: { config: { m: 256, d: 20, n: 200, eta: 1 / 256, sigma: 4, thetaStarNorm: Math.pow(256, -0.25) }, checkpoints: powersOfTwo(4, 14) },
});
