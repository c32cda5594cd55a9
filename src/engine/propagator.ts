/**
 * The propagator of the common-map form (long version Eqs. (15)-(16), Eqs. (49)-(50) of Phase II; the SAM update of
 * Sec. 5): when one step moves every neuron z_i = (w_i, a_i) in R^(d+1) by the same linear map M, z_i(t) = P_t z_i(0)
 * with P_t = M_t ... M_1, and theta = sum_i a_i w_i = P_w G0 P_a^T, alpha = ||a||^2 = P_a G0 P_a^T, S g = W^T W g =
 * P_w G0 P_w^T g are read from P and the constant G0 = sum_i z_i(0) z_i(0)^T: O(d^2) a step at any width m.
 * W and a are materialized from P and z_i(0) only where a caller looks. Shared by the stochastic rules
 * (./commonMap.ts) and Phase II's full-batch gradient descent (src/scenarios/phase2Descent.ts).
 */
export class NeuronPropagator {
  t = 0;
  protected readonly d: number;
  protected readonly D: number;
  /** G0 = sum_i z_i(0) z_i(0)^T and the propagator P (z_i(t) = P z_i(0)), (d+1) x (d+1) row-major; the a-coordinate is index d */
  protected readonly G0: Float64Array;
  protected readonly P: Float64Array;
  protected readonly z0: Float64Array[];
  protected readonly th: Float64Array;
  protected readonly u: Float64Array;
  protected readonly v: Float64Array;
  protected readonly wv: Float64Array;

  /** From the rows w_i of W and the second layer a (copied: z_i(0) = (w_i, a_i)). */
  constructor(W: readonly Float64Array[], a: ArrayLike<number>) {
    const d = W[0]?.length ?? 0;
    const D = d + 1;
    this.d = d;
    this.D = D;
    this.z0 = W.map((w, i) => {
      const z = new Float64Array(D);
      z.set(w);
      z[d] = a[i] as number;
      return z;
    });
    this.G0 = new Float64Array(D * D);
    for (const z of this.z0) for (let k = 0; k < D; k++) for (let l = 0; l < D; l++) this.G0[k * D + l] = (this.G0[k * D + l] as number) + (z[k] as number) * (z[l] as number);
    this.P = new Float64Array(D * D);
    for (let k = 0; k < D; k++) this.P[k * D + k] = 1;
    this.th = new Float64Array(d);
    this.u = new Float64Array(D);
    this.v = new Float64Array(D);
    this.wv = new Float64Array(D);
    this.readTheta();
  }

  /** theta = W^T a */
  get theta(): Float64Array {
    return this.th;
  }

  /** theta = sum_i a_i(t) w_i(t) = P_w G0 P_a^T (P_w: P's first d rows, P_a: its last); u = G0 P_a^T is kept for alpha */
  protected readTheta(): void {
    const { d, D, P, G0, u } = this;
    const pa = d * D;
    for (let l = 0; l < D; l++) {
      let s = 0;
      for (let j = 0; j < D; j++) s += (G0[l * D + j] as number) * (P[pa + j] as number);
      u[l] = s;
    }
    for (let k = 0; k < d; k++) {
      let s = 0;
      for (let l = 0; l < D; l++) s += (P[k * D + l] as number) * (u[l] as number);
      this.th[k] = s;
    }
  }

  /** alpha = ||a||^2 = P_a G0 P_a^T (u from readTheta) and S g = P_w G0 P_w^T g into out */
  protected alphaAndSg(g: Float64Array, out: Float64Array): number {
    const { d, D, P, G0, u, v, wv } = this;
    let alpha = 0;
    for (let l = 0; l < D; l++) alpha += (P[d * D + l] as number) * (u[l] as number);
    for (let l = 0; l < D; l++) {
      let s = 0;
      for (let k = 0; k < d; k++) s += (g[k] as number) * (P[k * D + l] as number);
      v[l] = s;
    }
    for (let l = 0; l < D; l++) {
      let s = 0;
      for (let j = 0; j < D; j++) s += (G0[l * D + j] as number) * (v[j] as number);
      wv[l] = s;
    }
    for (let k = 0; k < d; k++) {
      let s = 0;
      for (let l = 0; l < D; l++) s += (P[k * D + l] as number) * (wv[l] as number);
      out[k] = s;
    }
    return alpha;
  }

  /**
   * The map of one step in the form z_w <- z_w + g1 s, z_a <- (1 + c2) z_a + <h2, z_w>, s = c1 z_a + <h1, z_w> (s read
   * before the update), applied to every column (dir 'col': M A) or every row (dir 'row': A M^T) of a (d+1)^2 matrix.
   */
  protected apply(A: Float64Array, dir: 'col' | 'row', g1: Float64Array, c1: number, h1: Float64Array | undefined, c2: number, h2: Float64Array): void {
    const { d, D } = this;
    // element k of vector j sits at base + k * stride: columns (base j, stride D) or rows (base j D, stride 1)
    const stride = dir === 'col' ? D : 1;
    const step = dir === 'col' ? 1 : D;
    for (let j = 0, base = 0; j < D; j++, base += step) {
      const ia = base + d * stride;
      const za = A[ia] as number;
      let s = c1 * za;
      let t = (1 + c2) * za;
      if (h1)
        for (let k = 0, i = base; k < d; k++, i += stride) {
          const zk = A[i] as number;
          s += (h1[k] as number) * zk;
          t += (h2[k] as number) * zk;
        }
      else for (let k = 0, i = base; k < d; k++, i += stride) t += (h2[k] as number) * (A[i] as number);
      for (let k = 0, i = base; k < d; k++, i += stride) A[i] = (A[i] as number) + (g1[k] as number) * s;
      A[ia] = t;
    }
  }

  /** W and a at step t (z_i = P z_i(0)), written into the rows of W and into a in place. */
  materializeInto(W: readonly Float64Array[], a: { [i: number]: number }): void {
    const { d, D, P } = this;
    this.z0.forEach((z, i) => {
      const w = W[i] as Float64Array;
      for (let k = 0; k < D; k++) {
        let s = 0;
        for (let l = 0; l < D; l++) s += (P[k * D + l] as number) * (z[l] as number);
        if (k < d) w[k] = s;
        else a[i] = s;
      }
    });
  }
}
