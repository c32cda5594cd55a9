import type { Matrix } from 'ml-matrix';
import type { Dataset } from './data.js';
import { dot, norm, rows, vec } from './matrix.js';
import type { State } from './network.js';

/** Per-neuron quantities of Figures 2 and 4 and Definition 1, and the losses. */
export interface Snapshot {
  step: number;
  /** ||w_i|| */
  norms: Float64Array;
  /** <w_i, theta*> */
  alignment: Float64Array;
  /** <w_i, theta*> / (||w_i|| ||theta*||) */
  cosine: Float64Array;
  /** ||w_i(t) - w_i(0)|| (Definition 1) */
  drift: Float64Array;
  a: Float64Array;
  theta: Float64Array;
  thetaError: number;
  trainLoss: number;
  testLoss: number;
}

/** Summary of a snapshot: what a log row keeps. */
export interface LogRow {
  step: number;
  meanNorm: number;
  meanAlignment: number;
  meanAbsCosine: number;
  maxAbsA: number;
  minDrift: number;
  /** fraction of neurons with ||w_i(t) - w_i(0)|| > 1/sqrt(m) (outside the lazy regime of Definition 1) */
  escaped: number;
  thetaError: number;
  trainLoss: number;
  testLoss: number;
}

/** (1/N) sum_i 1/2 (<theta, x_i> - y_i)^2: the training loss L_D of Section 2 (no label noise). */
export function meanSquaredLoss(th: ArrayLike<number>, X: Matrix, y: Float64Array): number {
  const R = rows(X);
  if (R.length === 0) return 0;
  let L = 0;
  for (let i = 0; i < R.length; i++) {
    const r = dot(th, R[i] as Float64Array) - (y[i] as number);
    L += 0.5 * r * r;
  }
  return L / R.length;
}

export function snapshot(step: number, s: State, W0: Matrix, th: Float64Array, data: Dataset): Snapshot {
  const W = rows(s.W);
  const W0r = rows(W0);
  const m = W.length;
  const ts = data.thetaStar;
  const tsNorm = norm(ts);
  const norms = new Float64Array(m);
  const alignment = new Float64Array(m);
  const cosine = new Float64Array(m);
  const drift = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    const w = W[i] as Float64Array;
    const w0 = W0r[i] as Float64Array;
    norms[i] = norm(w);
    alignment[i] = dot(w, ts);
    cosine[i] = norms[i]! > 0 && tsNorm > 0 ? alignment[i]! / (norms[i]! * tsNorm) : 0;
    let dd = 0;
    for (let k = 0; k < w.length; k++) dd += ((w[k] as number) - (w0[k] as number)) ** 2;
    drift[i] = Math.sqrt(dd);
  }
  const err = th.map((v, k) => v - (ts[k] as number));
  return {
    step,
    norms,
    alignment,
    cosine,
    drift,
    a: vec(s.a).slice(),
    theta: th.slice(),
    thetaError: norm(err),
    trainLoss: meanSquaredLoss(th, data.X, data.y),
    testLoss: meanSquaredLoss(th, data.Xtest, data.ytest),
  };
}

const mean = (v: Float64Array): number => (v.length ? v.reduce((p, c) => p + c, 0) / v.length : 0);

export function summarize(sn: Snapshot): LogRow {
  const m = sn.norms.length;
  const lazyRadius = 1 / Math.sqrt(m);
  let escaped = 0;
  let minDrift = Infinity;
  let maxAbsA = 0;
  let meanAbsCos = 0;
  for (let i = 0; i < m; i++) {
    if ((sn.drift[i] as number) > lazyRadius) escaped++;
    minDrift = Math.min(minDrift, sn.drift[i] as number);
    maxAbsA = Math.max(maxAbsA, Math.abs(sn.a[i] as number));
    meanAbsCos += Math.abs(sn.cosine[i] as number) / m;
  }
  return {
    step: sn.step,
    meanNorm: mean(sn.norms),
    meanAlignment: mean(sn.alignment),
    meanAbsCosine: meanAbsCos,
    maxAbsA,
    minDrift,
    escaped: escaped / m,
    thetaError: sn.thetaError,
    trainLoss: sn.trainLoss,
    testLoss: sn.testLoss,
  };
}
