import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stream } from '../../src/engine/index.js';
import {
  FAMILY_ALPHA,
  binomialPLower,
  binomialPUpper,
  clopperPearson,
  clopperPearsonLower,
  clopperPearsonUpper,
  holmAdjust,
  linearFit,
  maxOf,
  minOf,
  perTestAlpha,
  quantile,
} from '../../src/stats/index.js';
import { fcOpts } from './helpers.js';

describe('Clopper-Pearson', () => {
  it('3 of 100 at 95%: [0.006229972, 0.08517605] (published values, to 1e-8)', () => {
    const { lo, hi } = clopperPearson(3, 100, 0.05);
    expect(Math.abs(lo - 0.006229972)).toBeLessThan(1e-8);
    expect(Math.abs(hi - 0.08517605)).toBeLessThan(1e-8);
  });

  it('boundaries: 0 of n has lower bound 0 and upper 1 - (alpha/2)^(1/n); n of n has upper 1 and lower (alpha/2)^(1/n)', () => {
    for (const n of [1, 5, 30, 1000]) {
      const z = clopperPearson(0, n, 0.05);
      expect(z.lo).toBe(0);
      expect(Math.abs(z.hi - (1 - 0.025 ** (1 / n)))).toBeLessThan(1e-10);
      const f = clopperPearson(n, n, 0.05);
      expect(f.hi).toBe(1);
      expect(Math.abs(f.lo - 0.025 ** (1 / n))).toBeLessThan(1e-10);
    }
  });

  it('the bounds are exact: the binomial tail at each bound equals alpha/2 (property over k, n)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 400 }), fc.integer({ min: 0, max: 400 }), fc.constantFrom(0.01, 0.05, 0.1), (n, kk, alpha) => {
        const k = kk % (n + 1);
        const { lo, hi } = clopperPearson(k, n, alpha);
        expect(lo).toBeLessThanOrEqual(k / n);
        expect(hi).toBeGreaterThanOrEqual(k / n);
        if (k > 0) expect(Math.abs(binomialPUpper(k, n, lo) - alpha / 2)).toBeLessThan(1e-8);
        if (k < n) expect(Math.abs(binomialPLower(k, n, hi) - alpha / 2)).toBeLessThan(1e-8);
      }),
      fcOpts(1101, 100),
    );
  });

  it('one-sided bounds: at level alpha, tails equal alpha; they are tighter than the two-sided ones; closed forms at 0 and n', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 300 }), fc.integer({ min: 0, max: 300 }), (n, kk) => {
        const k = kk % (n + 1);
        const L = clopperPearsonLower(k, n, 0.05);
        const U = clopperPearsonUpper(k, n, 0.05);
        const two = clopperPearson(k, n, 0.05);
        expect(L).toBeGreaterThanOrEqual(two.lo);
        expect(U).toBeLessThanOrEqual(two.hi);
        if (k > 0) expect(Math.abs(binomialPUpper(k, n, L) - 0.05)).toBeLessThan(1e-8);
        if (k < n) expect(Math.abs(binomialPLower(k, n, U) - 0.05)).toBeLessThan(1e-8);
      }),
      fcOpts(1102, 100),
    );
    expect(clopperPearsonLower(0, 50, 0.05)).toBe(0);
    expect(clopperPearsonUpper(50, 50, 0.05)).toBe(1);
    expect(Math.abs(clopperPearsonUpper(0, 50, 0.05) - (1 - 0.05 ** (1 / 50)))).toBeLessThan(1e-10);
    expect(Math.abs(clopperPearsonLower(50, 50, 0.05) - 0.05 ** (1 / 50))).toBeLessThan(1e-10);
  });

  it('rejects k outside [0, n] and n <= 0', () => {
    expect(() => clopperPearson(5, 4, 0.05)).toThrow(RangeError);
    expect(() => clopperPearson(-1, 4, 0.05)).toThrow(RangeError);
    expect(() => clopperPearson(0, 0, 0.05)).toThrow(RangeError);
    expect(() => clopperPearson(0, NaN, 0.05)).toThrow(RangeError);
  });
});

describe('exact binomial p-values', () => {
  it('boundaries and hand values', () => {
    expect(binomialPUpper(0, 10, 0.3)).toBe(1);
    expect(binomialPLower(10, 10, 0.3)).toBe(1);
    expect(Math.abs(binomialPLower(0, 10, 0.3) - 0.7 ** 10)).toBeLessThan(1e-15);
    expect(Math.abs(binomialPUpper(10, 10, 0.3) - 0.3 ** 10)).toBeLessThan(1e-15);
    // Binomial(10, 1/2): P(X <= 2) = P(X >= 8) = (1 + 10 + 45)/1024
    expect(Math.abs(binomialPLower(2, 10, 0.5) - 56 / 1024)).toBeLessThan(1e-15);
    expect(Math.abs(binomialPUpper(8, 10, 0.5) - 56 / 1024)).toBeLessThan(1e-15);
    expect(binomialPLower(0, 10, 0)).toBe(1);
    expect(binomialPUpper(1, 10, 0)).toBe(0);
  });

  it('P(X <= k) + P(X >= k + 1) = 1 (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 500 }), fc.integer({ min: 0, max: 500 }), fc.integer({ min: 1, max: 99 }), (n, kk, pk) => {
        const k = kk % n;
        const p = pk / 100;
        expect(Math.abs(binomialPLower(k, n, p) + binomialPUpper(k + 1, n, p) - 1)).toBeLessThan(1e-12);
      }),
      fcOpts(1103, 100),
    );
  });
});

describe('multiplicity', () => {
  it('Holm on a known example: [0.01, 0.04, 0.03, 0.005] -> [0.03, 0.06, 0.06, 0.02]', () => {
    const adj = holmAdjust([0.01, 0.04, 0.03, 0.005]);
    [0.03, 0.06, 0.06, 0.02].forEach((v, i) => expect(Math.abs(adj[i]! - v)).toBeLessThan(1e-15));
    expect(holmAdjust([])).toEqual([]);
    expect(holmAdjust([0.5, 0.6])).toEqual([1, 1]); // capped at 1
    expect(holmAdjust([0.2])).toEqual([0.2]);
  });

  it('Holm: adjusted >= raw, <= 1, at most Bonferroni, and order-preserving (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 1, maxLength: 12 }), (ks) => {
        const p = ks.map((k) => k / 1000);
        const adj = holmAdjust(p);
        p.forEach((v, i) => {
          expect(adj[i]!).toBeGreaterThanOrEqual(v);
          expect(adj[i]!).toBeLessThanOrEqual(Math.min(1, p.length * v) + 1e-15);
          p.forEach((w, j) => {
            if (v < w) expect(adj[i]!).toBeLessThanOrEqual(adj[j]!);
          });
        });
      }),
      fcOpts(1104, 100),
    );
  });

  it('perTestAlpha splits the family alpha (Bonferroni) and rejects family sizes below 1', () => {
    expect(FAMILY_ALPHA).toBe(0.05);
    expect(perTestAlpha(10)).toBe(0.005);
    expect(perTestAlpha(4, 0.1)).toBe(0.025);
    expect(() => perTestAlpha(0)).toThrow(RangeError);
    expect(() => perTestAlpha(NaN)).toThrow(RangeError);
  });
});

describe('linearFit (OLS with a t interval)', () => {
  it('recovers slope and intercept of exact lines, with r2 = 1 and a degenerate interval (property over integer lines)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -20, max: 20 }), fc.integer({ min: -50, max: 50 }), fc.integer({ min: 3, max: 40 }), fc.integer({ min: 1, max: 4 }), (a, b, n, step) => {
        const x = Array.from({ length: n }, (_, i) => i * step - 7);
        const y = x.map((v) => b + a * v);
        const f = linearFit(x, y, 0.05);
        expect(Math.abs(f.slope - a)).toBeLessThan(1e-10);
        expect(Math.abs(f.intercept - b)).toBeLessThan(1e-9);
        expect(f.r2).toBeGreaterThan(1 - 1e-12);
        expect(f.slopeCI[1] - f.slopeCI[0]).toBeLessThan(1e-6);
        expect(f.n).toBe(n);
      }),
      fcOpts(1105, 100),
    );
  });

  it('a hand-computed fit: x = 1..5, y = [2, 4, 5, 4, 5] gives slope 0.6, intercept 2.2, r2 0.6, se sqrt(0.08), t(0.975, 3) = 3.182446', () => {
    // sxx = 10, sxy = 6, syy = 6, SSE = 2.4, se = sqrt(SSE / (n - 2) / sxx) = sqrt(0.08)
    const f = linearFit([1, 2, 3, 4, 5], [2, 4, 5, 4, 5], 0.05);
    expect(Math.abs(f.slope - 0.6)).toBeLessThan(1e-12);
    expect(Math.abs(f.intercept - 2.2)).toBeLessThan(1e-12);
    expect(Math.abs(f.r2 - 0.6)).toBeLessThan(1e-12);
    const half = 3.182446305284263 * Math.sqrt(0.08);
    expect(Math.abs(f.slopeCI[0] - (0.6 - half))).toBeLessThan(1e-8);
    expect(Math.abs(f.slopeCI[1] - (0.6 + half))).toBeLessThan(1e-8);
  });

  it('on noisy data from a fixed seed the interval covers the true slope; at alpha = 0.1 the coverage over 400 data sets is 0.9 within 3 sd', () => {
    const fit = (seed: number, alpha: number): ReturnType<typeof linearFit> => {
      const r = stream(seed, 'ols');
      const x = Array.from({ length: 30 }, (_, i) => i / 3);
      const y = x.map((v) => 2 + 0.5 * v + 0.3 * r.gaussian());
      return linearFit(x, y, alpha);
    };
    const one = fit(1, 0.05);
    expect(one.slopeCI[0]).toBeLessThan(0.5);
    expect(one.slopeCI[1]).toBeGreaterThan(0.5);
    expect(Math.abs(one.slope - 0.5)).toBeLessThan(0.1);
    expect(one.r2).toBeGreaterThan(0.5);
    expect(one.r2).toBeLessThan(1);
    let covered = 0;
    for (let s = 0; s < 400; s++) {
      const f = fit(1000 + s, 0.1);
      if (f.slopeCI[0] <= 0.5 && 0.5 <= f.slopeCI[1]) covered++;
    }
    expect(Math.abs(covered / 400 - 0.9)).toBeLessThan(3 * Math.sqrt((0.9 * 0.1) / 400));
  });

  it('a flat line has r2 = 1 and slope 0; fewer than 3 points or unequal lengths are rejected', () => {
    const f = linearFit([1, 2, 3], [4, 4, 4], 0.05);
    expect(f.slope).toBe(0);
    expect(f.intercept).toBe(4);
    expect(f.r2).toBe(1);
    expect(() => linearFit([1, 2], [1, 2], 0.05)).toThrow(RangeError);
    expect(() => linearFit([1, 2, 3], [1, 2], 0.05)).toThrow(RangeError);
  });
});

describe('summary helpers', () => {
  it('quantile interpolates linearly on the sorted values (numeric sort); empty gives NaN', () => {
    expect(quantile([5, 1, 4, 2, 3], 0.5)).toBe(3);
    expect(quantile([5, 1, 4, 2, 3], 0)).toBe(1);
    expect(quantile([5, 1, 4, 2, 3], 1)).toBe(5);
    expect(quantile([10, 2, 1], 0.25)).toBe(1.5);
    expect(quantile([100, 9, 20], 0.5)).toBe(20); // numeric, not lexicographic
    expect(quantile([], 0.5)).toBeNaN();
  });

  it('maxOf / minOf, with -Infinity / Infinity on empty input', () => {
    expect(maxOf([3, -1, 7, 2])).toBe(7);
    expect(minOf(Float64Array.from([3, -1, 7, 2]))).toBe(-1);
    expect(maxOf([])).toBe(-Infinity);
    expect(minOf([])).toBe(Infinity);
  });
});
