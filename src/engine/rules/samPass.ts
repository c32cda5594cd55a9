import { moveRow } from './outputGradientPass.js';

/** Scratch vectors of the SAM step: g1, g2 and theta at the perturbed point (d), u_i = <w_i, g1> (m). */
export interface SamScratch {
  g1: Float64Array;
  g2: Float64Array;
  thP: Float64Array;
  u: Float64Array;
}

/**
 * SAM (long version Eqs. (47)-(50)): perturb (W, a) by rho * grad/||grad|| (grad over all parameters: a_i g for
 * w_i and <w_i, g> for a_i), take the gradient there, and step from the unperturbed point; theta = a^T W of the
 * new state in the same pass. `gradient(th, out)` writes the batch gradient in output space at theta = th.
 * In place; the order of the operations is fixed (the Stepper's SAM step).
 */
export function samPass(
  W: readonly Float64Array[],
  a: Float64Array,
  th: Float64Array,
  sc: SamScratch,
  eta: number,
  rho: number,
  gradient: (th: Float64Array, out: Float64Array) => void,
): void {
  const m = W.length;
  const d = th.length;
  const { g1, g2, thP, u } = sc;
  gradient(th, g1);
  let gg = 0;
  for (let k = 0; k < d; k++) gg += (g1[k] as number) * (g1[k] as number);
  let aa = 0;
  let uu = 0;
  for (let i = 0; i < m; i++) {
    const w = W[i] as Float64Array;
    let p = 0;
    for (let k = 0; k < d; k++) p += (w[k] as number) * (g1[k] as number);
    u[i] = p;
    uu += p * p;
    const ai = a[i] as number;
    aa += ai * ai;
  }
  const gradNorm = Math.sqrt(aa * gg + uu);
  const s = gradNorm > 0 ? rho / gradNorm : 0;
  // theta at the perturbed point: sum_i (a_i + s u_i) (w_i + s a_i g)
  thP.fill(0);
  for (let i = 0; i < m; i++) {
    const w = W[i] as Float64Array;
    const ai = a[i] as number;
    const ap = ai + s * (u[i] as number);
    const c = s * ai;
    for (let k = 0; k < d; k++) thP[k] = (thP[k] as number) + ap * ((w[k] as number) + c * (g1[k] as number));
  }
  // the batch gradient at the perturbed point
  gradient(thP, g2);
  // fused update from the unperturbed point with the perturbed parameters' gradient
  th.fill(0);
  for (let i = 0; i < m; i++) {
    const w = W[i] as Float64Array;
    const ai = a[i] as number;
    const c = s * ai;
    let p = 0; // <w_i + s a_i g1, g2>
    for (let k = 0; k < d; k++) p += ((w[k] as number) + c * (g1[k] as number)) * (g2[k] as number);
    const ap = ai + s * (u[i] as number);
    const an = ai - eta * p;
    moveRow(w, eta * ap, g2, an, th);
    a[i] = an;
  }
}
