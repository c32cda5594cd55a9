/**
 * How well a neuron w_i is aligned with theta* (Lemmas 5-6, AAAI Eqs. (9)-(10); long version Eqs. (8)-(9), (56), (58)):
 * ||w_i||, |<theta*, w_i>| and 1 - |cos(w_i, theta*)|, the last computed without cancellation as
 * (||w_perp||^2 / ||w||^2) / (1 + |cos|) so that values far below float64 epsilon keep their digits.
 */
export interface NeuronAlignment {
  norm: number;
  absInner: number;
  deficit: number;
}

export function neuronAlignment(w: ArrayLike<number>, thetaStar: ArrayLike<number>): NeuronAlignment {
  const d = w.length;
  let ts = 0;
  let ww = 0;
  let wt = 0;
  for (let k = 0; k < d; k++) {
    const t = thetaStar[k] as number;
    const x = w[k] as number;
    ts += t * t;
    ww += x * x;
    wt += x * t;
  }
  const tn = Math.sqrt(ts);
  const norm = Math.sqrt(ww);
  const proj = wt / tn;
  let perp = 0;
  for (let k = 0; k < d; k++) perp += ((w[k] as number) - (proj * (thetaStar[k] as number)) / tn) ** 2;
  const cos = norm > 0 ? Math.min(1, Math.abs(proj) / norm) : 0;
  const sin2 = norm > 0 ? Math.min(1, perp / ww) : 1;
  return { norm, absInner: Math.abs(wt), deficit: sin2 / (1 + cos) };
}
