/**
 * Dense float64 products of the float64 CIFAR paths (fc64.ts, gram.ts, direct64.ts), row-major.
 * The Gram path's step is dominated by one n x n by n x m product (K DH, gram.ts), so it is blocked:
 * two rows of C and four rows of B per pass, i.e. 8 multiply-adds per 4 loads of B and 2 loads and
 * stores of C (the unblocked loop, `mulABRowwise`, does 4 per 4 loads and 1 load and store). The sums
 * are the same terms added in another order: results differ from `mulABRowwise` by rounding only
 * (test/cifar/gemm.test.ts: within 1e-13 relative to sum |A| |B|). Measured in bench/cifar-gram-profile.ts.
 *
 * Float64Array only, so that the JIT sees one element type here (a call with a Float32Array made
 * every product of the step several times slower): convert float32 inputs once, with Float64Array.from.
 */

/** C (ra x cb) = alpha A B (+ C when `accumulate`); A is ra x inner, B is inner x cb. */
export function mulAB(A: Float64Array, ra: number, inner: number, B: Float64Array, cb: number, C: Float64Array, alpha = 1, accumulate = false): Float64Array {
  if (!accumulate) C.fill(0, 0, ra * cb);
  const ra2 = ra - (ra % 2);
  const inner4 = inner - (inner % 4);
  for (let i = 0; i < ra2; i += 2) {
    const c0 = i * cb;
    const c1 = c0 + cb;
    const a0 = i * inner;
    const a1 = a0 + inner;
    let l = 0;
    for (; l < inner4; l += 4) {
      const p0 = alpha * (A[a0 + l] as number);
      const p1 = alpha * (A[a0 + l + 1] as number);
      const p2 = alpha * (A[a0 + l + 2] as number);
      const p3 = alpha * (A[a0 + l + 3] as number);
      const q0 = alpha * (A[a1 + l] as number);
      const q1 = alpha * (A[a1 + l + 1] as number);
      const q2 = alpha * (A[a1 + l + 2] as number);
      const q3 = alpha * (A[a1 + l + 3] as number);
      const b0 = l * cb;
      const b1 = b0 + cb;
      const b2 = b1 + cb;
      const b3 = b2 + cb;
      for (let j = 0; j < cb; j++) {
        const x0 = B[b0 + j] as number;
        const x1 = B[b1 + j] as number;
        const x2 = B[b2 + j] as number;
        const x3 = B[b3 + j] as number;
        C[c0 + j] = (C[c0 + j] as number) + p0 * x0 + p1 * x1 + p2 * x2 + p3 * x3;
        C[c1 + j] = (C[c1 + j] as number) + q0 * x0 + q1 * x1 + q2 * x2 + q3 * x3;
      }
    }
    for (; l < inner; l++) {
      const p = alpha * (A[a0 + l] as number);
      const q = alpha * (A[a1 + l] as number);
      const bl = l * cb;
      for (let j = 0; j < cb; j++) {
        const x = B[bl + j] as number;
        C[c0 + j] = (C[c0 + j] as number) + p * x;
        C[c1 + j] = (C[c1 + j] as number) + q * x;
      }
    }
  }
  if (ra2 < ra) rowsAB(A, ra2, ra, inner, B, cb, C, alpha);
  return C;
}

/** The unblocked product (one row of C, four rows of B per pass): the reference `mulAB` is checked and timed against. */
export function mulABRowwise(A: Float64Array, ra: number, inner: number, B: Float64Array, cb: number, C: Float64Array, alpha = 1, accumulate = false): Float64Array {
  if (!accumulate) C.fill(0, 0, ra * cb);
  rowsAB(A, 0, ra, inner, B, cb, C, alpha);
  return C;
}

/** C[i] += alpha A[i] B for rows from <= i < to. */
function rowsAB(A: Float64Array, from: number, to: number, inner: number, B: Float64Array, cb: number, C: Float64Array, alpha: number): void {
  const inner4 = inner - (inner % 4);
  for (let i = from; i < to; i++) {
    const ci = i * cb;
    const ai = i * inner;
    let l = 0;
    for (; l < inner4; l += 4) {
      const a0 = alpha * (A[ai + l] as number);
      const a1 = alpha * (A[ai + l + 1] as number);
      const a2 = alpha * (A[ai + l + 2] as number);
      const a3 = alpha * (A[ai + l + 3] as number);
      const b0 = l * cb;
      const b1 = b0 + cb;
      const b2 = b1 + cb;
      const b3 = b2 + cb;
      for (let j = 0; j < cb; j++) C[ci + j] = (C[ci + j] as number) + a0 * (B[b0 + j] as number) + a1 * (B[b1 + j] as number) + a2 * (B[b2 + j] as number) + a3 * (B[b3 + j] as number);
    }
    for (; l < inner; l++) {
      const a = alpha * (A[ai + l] as number);
      const bl = l * cb;
      for (let j = 0; j < cb; j++) C[ci + j] = (C[ci + j] as number) + a * (B[bl + j] as number);
    }
  }
}
