import { describe, expect, it } from 'vitest';
import { mulAB, mulABRowwise } from '../../src/cifar/gemm.js';
import { stream } from '../../src/engine/rng.js';
import { Gemm64 } from '../../src/engine/kernels/gemm64.js';

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

// src/engine/kernels/gemm64.ts: the WebAssembly SIMD product gives mulAB's bits (the same terms in the same order),
// tiles and edges (rows mod 4, columns mod 4) included, with alpha, accumulate, and operands anywhere in its memory.
describe('Gemm64 (WebAssembly SIMD) = mulAB, bit for bit', () => {
  const rng = stream('test', 'gemm64');
  const rand = (len: number): Float64Array => Float64Array.from({ length: len }, () => rng.gaussian());
  for (const [ra, inner, cb] of [[64, 64, 512], [64, 64, 10], [7, 5, 3], [1, 3, 9], [2, 4, 1], [9, 13, 10], [8, 1, 6]] as const) {
    it(`${ra} x ${inner} by ${inner} x ${cb}`, () => {
      const g = new Gemm64(3 + ra * inner + inner * cb + ra * cb);
      g.alloc(3); // operands at offsets not multiple of 16 bytes
      const A = g.alloc(ra * inner);
      const B = g.alloc(inner * cb);
      const C = g.alloc(ra * cb);
      A.set(rand(ra * inner));
      B.set(rand(inner * cb));
      const C0 = rand(ra * cb);
      for (const [alpha, acc] of [[1, false], [-0.37, true], [2.5e-3, false]] as const) {
        C.set(C0);
        const want = mulAB(Float64Array.from(A), ra, inner, Float64Array.from(B), cb, Float64Array.from(C0), alpha, acc);
        g.mul(A, ra, inner, B, cb, C, alpha, acc);
        expect(Array.from(C)).toEqual(Array.from(want));
        expect(C.some((v, t) => v !== C0[t])).toBe(true);
      }
    });
  }
  it('operands outside its memory, too short, or too many slots: one error naming them', () => {
    const g = new Gemm64(16);
    const A = g.alloc(4);
    const B = g.alloc(4);
    expect(() => g.mul(A, 2, 2, B, 2, new Float64Array(4))).toThrow(/C is not a view/);
    expect(() => g.mul(A, 2, 3, B, 2, g.alloc(4))).toThrow(/A has 4 elements, fewer than 6/);
    expect(() => g.alloc(9)).toThrow(/Gemm64.alloc\(9\): 4 of 16 slots left/);
    expect(() => new Gemm64(0)).toThrow(/Gemm64: 0 float64 slots/);
  });
});
