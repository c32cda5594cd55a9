import { Matrix } from 'ml-matrix';
import { requireNumber } from '../errors.js';
import { MAX_DIM, requireOptions, requireRows, requireSeed } from './limits.js';
import { dot, rows, vec } from './matrix.js';
import { stream } from './rng.js';

/**
 * The two-layer linear network y = a^T W x of Eq. (2): W is m x d (row i is neuron w_i),
 * a is held as a 1 x m matrix. theta = a^T W is the end-to-end linear map.
 */
export interface State {
  readonly W: Matrix;
  readonly a: Matrix;
}

export function widthOf(s: State): number {
  return s.W.rows;
}

/**
 * NTK initialization, Eq. (5): w_ij(0) ~ N(0, 1/d), a_i(0) ~ N(0, 1/m), from the `init` stream.
 * `aScale`/`wScale` multiply the standard deviations (1 = the paper's Eq. 5).
 */
export function initNTK(m: number, d: number, seed: string | number, opts: { aScale?: number; wScale?: number } = {}): State {
  requireNumber('d', d, { min: 1, max: MAX_DIM, integer: true });
  requireRows('m', m, d);
  requireSeed('seed', seed);
  const o = requireOptions<{ aScale: number; wScale: number }>('init options', opts);
  const wScale = o.wScale === undefined ? 1 : requireNumber('wScale', o.wScale, { min: 0 });
  const aScale = o.aScale === undefined ? 1 : requireNumber('aScale', o.aScale, { min: 0 });
  const rngW = stream(seed, 'init', 'W');
  const rngA = stream(seed, 'init', 'a');
  const sw = wScale / Math.sqrt(d);
  const sa = aScale / Math.sqrt(m);
  const W = new Matrix(m, d);
  for (const row of rows(W)) for (let k = 0; k < d; k++) row[k] = sw * rngW.gaussian();
  const a = new Matrix(1, m);
  const av = vec(a);
  for (let i = 0; i < m; i++) av[i] = sa * rngA.gaussian();
  return { W, a };
}

export function cloneState(s: State): State {
  return { W: s.W.clone(), a: s.a.clone() };
}

/** theta = a^T W (into `out` when given). */
export function theta(s: State, out?: Float64Array): Float64Array {
  const Wr = rows(s.W);
  const a = vec(s.a);
  const d = s.W.columns;
  const th = out ?? new Float64Array(d);
  th.fill(0);
  for (let i = 0; i < Wr.length; i++) {
    const w = Wr[i] as Float64Array;
    const ai = a[i] as number;
    for (let k = 0; k < d; k++) th[k] = (th[k] as number) + ai * (w[k] as number);
  }
  return th;
}

/** f(theta; x) = a^T W x. */
export function predict(s: State, x: ArrayLike<number>): number {
  return dot(theta(s), x);
}
