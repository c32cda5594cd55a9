import { chiSquareDraw } from './gamma.js';
import type { Rng } from './rng.js';

/**
 * The Bartlett decomposition: G = L L^T with L lower triangular, L_kk^2 ~ chi2(dof - k) (0 when dof <= k),
 * L_kl ~ N(0, 1) for k > l, is exactly Wishart_d(dof, I). Drawn row by row (diagonal first), row-major d x d.
 */
export function bartlettGram(d: number, dof: number, rng: Rng): Float64Array {
  const L = new Float64Array(d * d);
  for (let k = 0; k < d; k++) {
    L[k * d + k] = dof - k > 0 ? Math.sqrt(chiSquareDraw(rng, dof - k)) : 0;
    for (let l = 0; l < k; l++) L[k * d + l] = rng.gaussian();
  }
  const G = new Float64Array(d * d);
  for (let k = 0; k < d; k++) {
    for (let l = 0; l <= k; l++) {
      let s = 0;
      for (let j = 0; j <= l; j++) s += L[k * d + j]! * L[l * d + j]!;
      G[k * d + l] = s;
      G[l * d + k] = s;
    }
  }
  return G;
}

/**
 * Sigma_hat = (1/n) sum_j x_j x_j^T for n inputs x_j ~ N(0, I_d), drawn exactly as Wishart_d(n, I)/n without
 * holding the n samples: full-batch GD depends on the data only through it, so A3 (n >= 1/eta^2) can be met at any n.
 */
export function wishartSigmaHat(d: number, n: number, rng: Rng): Float64Array {
  if (!(Number.isInteger(n) && n >= d)) throw new RangeError(`wishartSigmaHat: need an integer n >= d (n = ${n}, d = ${d})`);
  const G = bartlettGram(d, n, rng);
  for (let i = 0; i < G.length; i++) G[i] = G[i]! / n;
  return G;
}
