/**
 * The single-sample step (batch 1) of the SGD rule in two passes over the neurons, without theta.
 *
 * With one sample x the output-space gradient is g = r x (Eq. (1): r = f(x) - y - eps), so every quantity the
 * step of Eqs. (15)-(16) needs is a neuron's output z_i = <w_i, x>:
 *   pass 1:  z_i = <w_i, x>,  f(x) = sum_i a_i z_i          (f = a^T W x = <theta, x>, Eq. (3))
 *   pass 2:  a_i <- a_i - eta r z_i,  w_i <- w_i - eta a_i g  (both from the old values: <w_i, g> = r z_i)
 * that is 2 + 2 float64 operations per element of W, where the fused pass that keeps theta = a^T W at hand
 * (outputGradientPass.ts) needs 6. theta is then computed from (W, a) when it is asked for (network.ts `theta`,
 * the same operations as the fused pass's running sum, so the same bits).
 *
 * The order of the operations is fixed, and the WebAssembly kernel (kernels/sampleKernel.ts) performs exactly
 * these: each dot product <w, x> is summed in two chains, e over the even k and o over the odd k, each from 0 in
 * increasing k, then z = e + o (two f64x2 lanes, no shuffles); f sums a_i z_i from 0 in increasing i;
 * p_i = r z_i, a_i' = a_i - eta p_i, c_i = eta a_i, w_ik' = w_ik - c_i g_k.
 */

/** <w, x> in the pass's order: even and odd k summed apart, then added. */
export function sampleDot(w: Float64Array, x: Float64Array, d: number): number {
  let e = 0;
  let o = 0;
  let k = 0;
  for (; k + 1 < d; k += 2) {
    e += (w[k] as number) * (x[k] as number);
    o += (w[k + 1] as number) * (x[k + 1] as number);
  }
  if (k < d) e += (w[k] as number) * (x[k] as number);
  return e + o;
}

/** Pass 1: z_i = <w_i, x> into z; returns f(x) = sum_i a_i z_i. */
export function neuronOutputs(W: readonly Float64Array[], a: Float64Array, x: Float64Array, z: Float64Array): number {
  const d = x.length;
  let f = 0;
  for (let i = 0; i < W.length; i++) {
    const zi = sampleDot(W[i] as Float64Array, x, d);
    z[i] = zi;
    f += (a[i] as number) * zi;
  }
  return f;
}

/** g = r x (the output-space gradient of one sample, Eq. (1)). */
export function sampleGradient(r: number, x: Float64Array, g: Float64Array): void {
  for (let k = 0; k < x.length; k++) g[k] = r * (x[k] as number);
}

/** Pass 2: a_i <- a_i - eta (r z_i), w_i <- w_i - (eta a_i) g, with z from pass 1 and g = r x. */
export function sampleUpdate(W: readonly Float64Array[], a: Float64Array, z: Float64Array, eta: number, r: number, g: Float64Array): void {
  const d = g.length;
  for (let i = 0; i < W.length; i++) {
    const w = W[i] as Float64Array;
    const ai = a[i] as number;
    const p = r * (z[i] as number);
    const c = eta * ai;
    for (let k = 0; k < d; k++) w[k] = (w[k] as number) - c * (g[k] as number);
    a[i] = ai - eta * p;
  }
}
