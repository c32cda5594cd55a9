import { moveRow } from './outputGradientPass.js';

/**
 * The oscillation process, Eqs. (6)-(7): one GD step on W with the chain's a_i(t) (w_i <- w_i - eta a_i g, g the
 * full-batch gradient in output space), then a_i moves one state along the chain (0 if it was +-q, else
 * flips_i q with q = eta^0.25); theta = a^T W of the new state in the same pass. In place, in a fixed order.
 */
export function oscillationPass(W: readonly Float64Array[], a: Float64Array, th: Float64Array, eta: number, g: Float64Array, flips: ArrayLike<number>): void {
  const q = Math.pow(eta, 0.25);
  th.fill(0);
  for (let i = 0; i < W.length; i++) {
    const w = W[i] as Float64Array;
    const ai = a[i] as number;
    const an = ai > 0 || ai < 0 ? 0 : (flips[i] as number) * q;
    moveRow(w, eta * ai, g, an, th);
    a[i] = an;
  }
}
