import { makeDataset, makeThetaStar } from '../engine/data.js';
import { rows } from '../engine/matrix.js';
import { stream } from '../engine/rng.js';
import { wishartSigmaHat } from '../engine/wishart.js';

/**
 * The sample covariance of the synthetic setup (Sec. 3.1): x_j ~ N(0, I_d), y_j = <theta*, x_j>. The full-batch
 * gradient of L_D(theta) = (1/2n) sum_j (<theta, x_j> - y_j)^2 is Sigma_hat (theta - theta*), Sigma_hat = (1/n) X^T X,
 * so full-batch dynamics (GD of Phase II, the oscillation process of Eqs. (6)-(7)) see the data only through it.
 * For n >= d, n Sigma_hat ~ Wishart_d(n, I) exactly (Bartlett, the engine's wishartSigmaHat): A3 (n >= 1/eta^2) is met
 * exactly without holding n samples. For n < d (singular) an explicit engine data set is drawn.
 */
export interface SampleDesign {
  /** Sigma_hat, row-major d x d */
  sigmaHat: Float64Array;
  thetaStar: Float64Array;
  /** 'wishart' (exact law) or 'explicit' (n < d: (1/n) X^T X of the engine's data set) */
  law: 'wishart' | 'explicit';
}

/** Sigma_hat = (1/n) sum_j x_j x_j^T of explicit rows x_j. */
export function sampleCovariance(X: readonly Float64Array[]): Float64Array {
  const n = X.length;
  const d = X[0]?.length ?? 0;
  const S = new Float64Array(d * d);
  for (const x of X) for (let k = 0; k < d; k++) for (let l = 0; l < d; l++) S[k * d + l] = (S[k * d + l] as number) + (x[k] as number) * (x[l] as number);
  for (let k = 0; k < d * d; k++) S[k] = (S[k] as number) / n;
  return S;
}

/** Sigma_hat and theta* of a data set of size n under `seed` (theta* from the engine's 'data/thetaStar' stream either way). */
export function sampleDesign(d: number, n: number, thetaStarNorm: number, seed: string): SampleDesign {
  if (n >= d) return { sigmaHat: wishartSigmaHat(d, n, stream(seed, 'data', 'wishart')), thetaStar: makeThetaStar(d, thetaStarNorm, d, seed), law: 'wishart' };
  const data = makeDataset({ n, d, nTest: 0, thetaStarNorm }, seed);
  return { sigmaHat: sampleCovariance(rows(data.X)), thetaStar: data.thetaStar, law: 'explicit' };
}

/** Max-row-sum bound on ||Sigma_hat - I||_2 (Eq. (61) reads it as O(eta^2); with n = 1/eta^2 it is O(eta)). */
export function covarianceDeviation(S: Float64Array, d: number): number {
  let worst = 0;
  for (let k = 0; k < d; k++) {
    let s = 0;
    for (let l = 0; l < d; l++) s += Math.abs((S[k * d + l] as number) - (k === l ? 1 : 0));
    worst = Math.max(worst, s);
  }
  return worst;
}
