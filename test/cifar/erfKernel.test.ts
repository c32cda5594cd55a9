import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { erfAndPrime } from '../../src/cifar/erf.js';
import { ErfKernel, FAST_LIMIT, erfKernelAvailable } from '../../src/cifar/erfKernel.js';
import { Gemm64 } from '../../src/engine/kernels/gemm64.js';

// src/cifar/erfKernel.ts: erf and erf' in WebAssembly SIMD give erf.ts erfAndPrime's bits (and so Math.exp's): every
// branch of fdlibm's exp (|v| < 2^-28, k = 0, k = -1, reduced), of Cephes' erf (|h| <= 1, < 8, beyond), the values at
// and around each threshold, the pairs left to JavaScript (|h| >= 26, NaN, infinities), odd lengths, any offset.
const same = (a: number, b: number): boolean => Object.is(a, b);

/** the kernel and the JavaScript loop on the same H; the first index where they differ, or -1 */
function firstDifference(values: number[], offset: number): number {
  const n = values.length;
  const gm = new Gemm64(offset + 3 * n + 1);
  gm.alloc(offset);
  const H = gm.alloc(n);
  const A = gm.alloc(n);
  const G = gm.alloc(n);
  H.set(values);
  new ErfKernel(gm.memory).erfAndPrime(H, A, G);
  const A2 = new Float64Array(n);
  const G2 = new Float64Array(n);
  erfAndPrime(Float64Array.from(values), A2, G2);
  for (let t = 0; t < n; t++) if (!same(A[t] as number, A2[t] as number) || !same(G[t] as number, G2[t] as number)) return t;
  return -1;
}

/** the thresholds of exp's branches in h (v = -h^2) and of erf's, and their neighbours */
const THRESHOLDS = [2 ** -14, Math.sqrt(0.5 * Math.LN2), Math.sqrt(1.5 * Math.LN2), 1, 8, FAST_LIMIT].flatMap((h) => {
  const around = [h, h * (1 - 2e-16), h * (1 + 2e-16), h * (1 - 1e-9), h * (1 + 1e-9)];
  return [...around, ...around.map((x) => -x)];
});

describe.skipIf(!erfKernelAvailable())('erf and erf\' in WebAssembly SIMD = erf.ts erfAndPrime, bit for bit', () => {
  it('at and around every threshold, zeros, infinities, NaN and the largest doubles', () => {
    const special = [0, -0, NaN, Infinity, -Infinity, Number.MAX_VALUE, -Number.MAX_VALUE, Number.MIN_VALUE, 5e-324, 1e-300, 30, -30, 27, 25.99];
    expect(firstDifference([...THRESHOLDS, ...special], 0)).toBe(-1);
    expect(firstDifference([...special, ...THRESHOLDS, 0.5], 1)).toBe(-1);
  });

  it('random pre-activations of every scale, odd and even lengths, any offset in the memory', () => {
    const h = fc.oneof(
      fc.double({ min: -1.2, max: 1.2, noNaN: true }),
      fc.double({ min: -9, max: 9, noNaN: true }),
      fc.double({ min: -30, max: 30, noNaN: true }),
      fc.double({ min: -1e-6, max: 1e-6, noNaN: true }),
      fc.constantFrom(...THRESHOLDS),
      fc.double(),
    );
    fc.assert(fc.property(fc.array(h, { minLength: 1, maxLength: 41 }), fc.integer({ min: 0, max: 3 }), (values, offset) => firstDifference(values, offset) === -1), { seed: 20261205, numRuns: 400 });
  });

  it('a million standard normal draws scaled by 1 to 9 (the Gram path\'s pre-activations), against Math.exp through erf\'', () => {
    let s = 7;
    const u = (): number => {
      s = (Math.imul(s, 1103515245) + 12345) >>> 1;
      return s / 0x80000000;
    };
    const values = Array.from({ length: 1 << 20 }, (_, t) => (u() + u() + u() + u() - 2) * (1 + (t % 9)));
    expect(firstDifference(values, 2)).toBe(-1);
  });

  it('refuses arrays outside its memory or shorter than the length', () => {
    const gm = new Gemm64(8);
    const k = new ErfKernel(gm.memory);
    const [H, A] = [gm.alloc(4), gm.alloc(4)];
    expect(() => k.erfAndPrime(H, A, new Float64Array(4))).toThrow(/G is not a view/);
    expect(() => k.erfAndPrime(H, A, A, 5)).toThrow(/H has 4 elements/);
  });
});
