import { Matrix } from 'ml-matrix';
import { InputError, requireNumber } from '../errors.js';
import { MAX_DIM, requireRows, requireSeed } from './limits.js';
import { dot, rows } from './matrix.js';
import { stream } from './rng.js';

/** Section 3.1: x_i ~ N(0, I_d), a ground-truth interpolator theta*, y_i = <theta*, x_i>. */
export interface DataConfig {
  /** training set size n (Condition 1 A3 asks n >= 1/eta^2) */
  n: number;
  /** input dimension d */
  d: number;
  /** held-out test set size */
  nTest: number;
  /** ||theta*||; Condition 1 A4 asks ||theta*|| <= m^(-1/4) */
  thetaStarNorm: number;
  /** number of non-zero coordinates of theta* (default d: a dense direction) */
  sparsity?: number;
}

export interface Dataset {
  readonly X: Matrix; // n x d
  readonly y: Float64Array; // n
  readonly Xtest: Matrix; // nTest x d
  readonly ytest: Float64Array;
  readonly thetaStar: Float64Array; // d
}

export function validateDataConfig(config: DataConfig): DataConfig {
  if (config === null || typeof config !== 'object' || Array.isArray(config)) throw new InputError('data config', 'expected an object with n, d, nTest and thetaStarNorm');
  const c = config;
  requireNumber('d', c.d, { min: 1, max: MAX_DIM, integer: true });
  requireRows('n', c.n, c.d);
  requireRows('nTest', c.nTest, c.d, 0);
  requireNumber('thetaStarNorm', c.thetaStarNorm, { min: 0 });
  if (c.sparsity !== undefined) requireNumber('sparsity', c.sparsity, { min: 1, max: c.d, integer: true });
  return c;
}

/** theta*: a uniformly random direction on the first `sparsity` coordinates (random support), scaled to the norm. */
export function makeThetaStar(d: number, normValue: number, sparsity: number, seed: string | number): Float64Array {
  const rng = stream(seed, 'data', 'thetaStar');
  const support = Array.from({ length: d }, (_, k) => k);
  for (let k = d - 1; k > 0; k--) {
    const j = rng.int(k + 1);
    const t = support[k] as number;
    support[k] = support[j] as number;
    support[j] = t;
  }
  const theta = new Float64Array(d);
  let s = 0;
  for (let k = 0; k < sparsity; k++) {
    const g = rng.gaussian();
    theta[support[k] as number] = g;
    s += g * g;
  }
  const scale = s > 0 ? normValue / Math.sqrt(s) : 0;
  for (let k = 0; k < d; k++) theta[k] = (theta[k] as number) * scale;
  return theta;
}

function gaussianMatrix(r: number, c: number, seed: string | number, name: string): Matrix {
  const rng = stream(seed, 'data', name);
  const M = new Matrix(r, c);
  for (const row of rows(M)) for (let k = 0; k < c; k++) row[k] = rng.gaussian();
  return M;
}

function labels(X: Matrix, thetaStar: Float64Array): Float64Array {
  const R = rows(X);
  const y = new Float64Array(R.length);
  for (let i = 0; i < R.length; i++) y[i] = dot(R[i] as Float64Array, thetaStar);
  return y;
}

export function makeDataset(config: DataConfig, seed: string | number): Dataset {
  const c = validateDataConfig(config);
  requireSeed('seed', seed);
  const thetaStar = makeThetaStar(c.d, c.thetaStarNorm, c.sparsity ?? c.d, seed);
  const X = gaussianMatrix(c.n, c.d, seed, 'train');
  const Xtest = gaussianMatrix(c.nTest, c.d, seed, 'test');
  const y = labels(X, thetaStar);
  const ytest = labels(Xtest, thetaStar);
  for (const v of [y, ytest]) for (const l of v) if (!Number.isFinite(l)) throw new InputError('thetaStarNorm', `${c.thetaStarNorm} makes labels overflow float64`);
  return { X, y, Xtest, ytest, thetaStar };
}

/** max_i ||x_i|| over the training set: the C_data of Condition 1 A5 that this data set meets. */
export function maxInputNorm(X: Matrix): number {
  let best = 0;
  for (const row of rows(X)) best = Math.max(best, Math.sqrt(dot(row, row)));
  return best;
}
