/**
 * The fused pass of every rule whose step moves (W, a) through an output-space gradient g (Eqs. (15)-(16)):
 * a_i <- a_i - eta <w_i, g>, w_i <- w_i - eta a_i g (both from the old values), and theta = sum_i a_i w_i recomputed
 * in the same pass. In place over the rows; the order of the operations is fixed (results are bit for bit the same
 * wherever it is called).
 */
export function outputGradientPass(W: readonly Float64Array[], a: Float64Array, theta: Float64Array, eta: number, g: Float64Array): void {
  const d = theta.length;
  theta.fill(0);
  for (let i = 0; i < W.length; i++) {
    const w = W[i] as Float64Array;
    const ai = a[i] as number;
    let p = 0;
    for (let k = 0; k < d; k++) p += (w[k] as number) * (g[k] as number);
    const an = ai - eta * p;
    moveRow(w, eta * ai, g, an, theta);
    a[i] = an;
  }
}

/**
 * One neuron's part of a fused pass: w <- w - c g, then theta += an w (the new w; an the neuron's new a_i), in
 * increasing k. Shared by the fused passes of the SGD/GD, SAM and oscillation steps.
 */
export function moveRow(w: Float64Array, c: number, g: Float64Array, an: number, theta: Float64Array): void {
  for (let k = 0; k < theta.length; k++) {
    const wn = (w[k] as number) - c * (g[k] as number);
    w[k] = wn;
    theta[k] = (theta[k] as number) + an * wn;
  }
}
