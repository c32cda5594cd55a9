import { describe, expect, it } from 'vitest';
import { mulAB, mulABRowwise } from '../../src/cifar/gemm.js';
import { stream } from '../../src/engine/rng.js';

// gemm.ts: the blocked product equals the unblocked one up to rounding (the same terms in another order),
// |difference| <= 1e-13 * (alpha |A| |B|)_ij, at odd and even sizes (the row and inner remainders), with alpha and accumulate.
describe('mulAB (blocked) against mulABRowwise', () => {
  const rng = stream('test', 'gemm');
  const rand = (len: number): Float64Array => Float64Array.from({ length: len }, () => rng.gaussian());
  for (const [ra, inner, cb] of [[64, 64, 512], [7, 5, 3], [1, 3, 9], [2, 4, 1], [9, 13, 10]] as const) {
    it(`${ra} x ${inner} by ${inner} x ${cb}`, () => {
      const A = rand(ra * inner);
      const B = rand(inner * cb);
      const C0 = rand(ra * cb);
      for (const [alpha, acc] of [[1, false], [-0.37, true]] as const) {
        const want = mulABRowwise(A, ra, inner, B, cb, Float64Array.from(C0), alpha, acc);
        const got = mulAB(A, ra, inner, B, cb, Float64Array.from(C0), alpha, acc);
        const absA = A.map(Math.abs);
        const absB = B.map(Math.abs);
        const scale = mulABRowwise(absA, ra, inner, absB, cb, new Float64Array(ra * cb), Math.abs(alpha));
        let worst = 0;
        for (let t = 0; t < ra * cb; t++) worst = Math.max(worst, Math.abs((got[t] as number) - (want[t] as number)) / ((scale[t] as number) + (acc ? Math.abs(C0[t] as number) : 0)));
        expect(worst).toBeLessThanOrEqual(1e-13);
        // not the same array by accident: the product moved C
        if (acc) expect(got.some((v, t) => v !== C0[t])).toBe(true);
      }
    });
  }
});
