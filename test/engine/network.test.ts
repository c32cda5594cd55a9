import fc from 'fast-check';
import { Matrix } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import { cloneState, initNTK, predict, rows, theta, vec, widthOf } from '../../src/engine/index.js';
import { bitsEqual, expectInputError, fcOpts, flatState, maxRelGap, meanVar } from './helpers.js';

describe('network (Eq. (2)) and NTK initialization (Eq. (5))', () => {
  it('Eq. (5): w_ij ~ N(0, 1/d) and a_i ~ N(0, 1/m) at m = 2000, d = 20 within stated tolerances', () => {
    const m = 2000;
    const d = 20;
    const s = initNTK(m, d, 17);
    const w = new Float64Array(m * d);
    rows(s.W).forEach((r, i) => w.set(r, i * d));
    const W = meanVar(w);
    const A = meanVar(vec(s.a));
    // W: 40000 entries; sd of the mean sqrt(1/d/N) = 7.9e-4, of the variance (1/d) sqrt(2/N) = 3.5e-4; 5 sd each
    expect(Math.abs(W.mean)).toBeLessThan(5 * Math.sqrt(1 / d / w.length));
    expect(Math.abs(W.variance * d - 1)).toBeLessThan(5 * Math.sqrt(2 / w.length));
    // a: 2000 entries; relative sd of the variance sqrt(2/m) = 0.032; 5 sd
    expect(Math.abs(A.mean)).toBeLessThan(5 * Math.sqrt(1 / m / m));
    expect(Math.abs(A.variance * m - 1)).toBeLessThan(5 * Math.sqrt(2 / m));
  });

  it('aScale and wScale multiply the standard deviations exactly (same underlying draws)', () => {
    const base = initNTK(7, 4, 3);
    const scaled = initNTK(7, 4, 3, { aScale: 3, wScale: 0.5 });
    const bw = flatState(base);
    const sw = flatState(scaled);
    for (let k = 0; k < 28; k++) expect(Math.abs(sw[k]! - 0.5 * bw[k]!)).toBeLessThanOrEqual(1e-15 * Math.abs(bw[k]!));
    for (let k = 28; k < 35; k++) expect(Math.abs(sw[k]! - 3 * bw[k]!)).toBeLessThanOrEqual(1e-15 * 3 * Math.abs(bw[k]!));
  });

  it('is reproducible from the seed; W and a come from separate streams', () => {
    expect(bitsEqual(flatState(initNTK(5, 3, 'x')), flatState(initNTK(5, 3, 'x')))).toBe(true);
    expect(bitsEqual(flatState(initNTK(5, 3, 'x')), flatState(initNTK(5, 3, 'y')))).toBe(false);
    // a's draws do not depend on d (W's stream is separate) and scale with 1/sqrt(m) only
    const a3 = vec(initNTK(5, 3, 'x').a);
    const a9 = vec(initNTK(5, 9, 'x').a);
    expect(bitsEqual(a3, a9)).toBe(true);
  });

  it('theta() equals a^T W computed with ml-matrix mmul (to 1e-12), also into a given buffer; predict = <theta, x>', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 30 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 0, max: 1_000_000 }),
        fc.constantFrom(1, 10, 100),
        (m, d, seed, aScale) => {
          const s = initNTK(m, d, seed, { aScale });
          const ref = s.a.mmul(s.W).getRow(0);
          expect(maxRelGap(theta(s), ref)).toBeLessThan(1e-12);
          const out = new Float64Array(d).fill(123);
          const same = theta(s, out);
          expect(same).toBe(out);
          expect(maxRelGap(out, ref)).toBeLessThan(1e-12);
          const x = Array.from({ length: d }, (_, k) => (k % 3) - 1 + 0.25 * k);
          const px = Matrix.rowVector(ref).mmul(Matrix.columnVector(x)).get(0, 0);
          expect(Math.abs(predict(s, x) - px)).toBeLessThan(1e-12 * (1 + Math.abs(px)));
        },
      ),
      fcOpts(301, 60),
    );
  });

  it('widthOf is m, and cloneState is a deep copy', () => {
    const s = initNTK(6, 2, 1);
    expect(widthOf(s)).toBe(6);
    const c = cloneState(s);
    expect(bitsEqual(flatState(c), flatState(s))).toBe(true);
    rows(c.W)[0]![0] = 99;
    vec(c.a)[0] = 99;
    expect(rows(s.W)[0]![0]).not.toBe(99);
    expect(vec(s.a)[0]).not.toBe(99);
  });

  it('m = 0 or d = 0 (or non-integer, NaN) is rejected with an InputError naming m / d', () => {
    expectInputError(() => initNTK(0, 3, 1), 'm');
    expectInputError(() => initNTK(2.5, 3, 1), 'm');
    expectInputError(() => initNTK(NaN, 3, 1), 'm');
    expectInputError(() => initNTK(-1, 3, 1), 'm');
    expectInputError(() => initNTK(4, 0, 1), 'd');
    expectInputError(() => initNTK(4, 1.5, 1), 'd');
    expectInputError(() => initNTK(4, NaN, 1), 'd');
  });
});
