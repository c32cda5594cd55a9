import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FcHead64 } from '../../src/cifar/fc64.js';
import type { Scales } from '../../src/cifar/fc.js';
import { stream } from '../../src/engine/rng.js';

/**
 * The backward pass before it ran along rows (fc64.ts FcHead64.backward): one element at a time. The current
 * backward must give the same bits (the same terms in the same order), so the audit's numbers are unchanged.
 */
function backwardReference(A: Float64Array, G: Float64Array, f: Float64Array, W2: Float64Array, T: Float64Array, scale: number, rows: number, m: number, k: number, sc: Scales) {
  const { s2, beta } = sc;
  const r = new Float64Array(rows * k);
  const gW2 = new Float64Array(m * k);
  const gb2 = new Float64Array(k);
  const gb1 = new Float64Array(m);
  const DH = new Float64Array(rows * m);
  const c0 = scale / (rows * k);
  for (let t = 0; t < rows * k; t++) r[t] = c0 * ((f[t] as number) - (T[t] as number));
  for (let i = 0; i < rows; i++) {
    const ri = i * k;
    for (let c = 0; c < k; c++) gb2[c] = (gb2[c] as number) + beta * (r[ri + c] as number);
    for (let l = 0; l < m; l++) {
      const a = s2 * (A[i * m + l] as number);
      let da = 0;
      for (let c = 0; c < k; c++) {
        const rc = r[ri + c] as number;
        gW2[l * k + c] = (gW2[l * k + c] as number) + a * rc;
        da += rc * (W2[l * k + c] as number);
      }
      const dh = s2 * da * (G[i * m + l] as number);
      DH[i * m + l] = dh;
      gb1[l] = (gb1[l] as number) + beta * dh;
    }
  }
  return { gW2, gb2, gb1, DH };
}

describe('FcHead64.backward (along rows) = the per-element loop, bit for bit', () => {
  const rng = stream('test', 'fc64-backward');
  const rand = (len: number): Float64Array => Float64Array.from({ length: len }, () => rng.gaussian());
  for (const [rows, m, k, sc] of [
    [64, 512, 10, { s1: 1, s2: 1, beta: 1, w1Std: 1, w2Std: 1, bInitStd: 1 }],
    [5, 7, 3, { s1: 0.3, s2: 0.17, beta: 0.1, w1Std: 1, w2Std: 1, bInitStd: 1 }],
  ] as const) {
    it(`${rows} rows, width ${m}, ${k} outputs`, () => {
      const head = new FcHead64(rows, m, k, sc);
      const H = rand(rows * m);
      const W2 = rand(m * k);
      const b2 = rand(k);
      const T = rand(rows * k);
      head.forward(H, W2, b2);
      for (const scale of [1, 1e-3]) {
        head.backward(W2, T, scale);
        const want = backwardReference(head.A, head.G, head.f, W2, T, scale, rows, m, k, sc);
        expect(Array.from(head.gW2)).toEqual(Array.from(want.gW2));
        expect(Array.from(head.gb2)).toEqual(Array.from(want.gb2));
        expect(Array.from(head.gb1)).toEqual(Array.from(want.gb1));
        expect(Array.from(head.DH)).toEqual(Array.from(want.DH));
        expect(want.DH.some((v) => v !== 0)).toBe(true);
      }
    });
  }
});

// The head on the WebAssembly kernels (erfKernel.ts, gemm64.ts, backwardKernel.ts) against the same head on the
// JavaScript loops: forward (A, G, f) and backward (gW2, gb2, gb1, DH) bit for bit, odd and even rows, k and widths.
describe('FcHead64 on the WebAssembly kernels = on the JavaScript loops, bit for bit', () => {
  const same = (a: Float64Array, b: Float64Array): boolean => a.length === b.length && a.every((v, t) => Object.is(v, b[t]));
  it('random shapes (rows 1-9, width 1-40, k 1-12), scales and inputs', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 9 }), fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 12 }), fc.double({ min: 0.05, max: 2, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 0, max: 1e6 }), (rows, m, k, s2, beta, seed) => {
        const rng = stream('test', 'fc64-kernels', seed);
        const rand = (len: number, scale = 1): Float64Array => Float64Array.from({ length: len }, () => scale * rng.gaussian());
        const sc = { s1: 1, s2, beta, w1Std: 1, w2Std: 1, bInitStd: 1 };
        const [wasm, js] = [new FcHead64(rows, m, k, sc, 'wasm'), new FcHead64(rows, m, k, sc, 'js')];
        const H = rand(rows * m, 3);
        const W2 = rand(m * k);
        const b2 = rand(k);
        const T = rand(rows * k);
        wasm.forward(H, W2, b2);
        js.forward(H, W2, b2);
        if (!same(wasm.A, js.A) || !same(wasm.G, js.G) || !same(wasm.f, js.f)) return false;
        wasm.backward(W2, T, 0.37);
        js.backward(W2, T, 0.37);
        return same(wasm.gW2, js.gW2) && same(wasm.gb2, js.gb2) && same(wasm.gb1, js.gb1) && same(wasm.DH, js.DH);
      }),
      { seed: 20261205, numRuns: 150 },
    );
  });
});
