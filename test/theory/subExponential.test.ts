import chisqCdf from '@stdlib/stats-base-dists-chisquare-cdf';
import { describe, expect, it } from 'vitest';
import { chiSquareSlackPerUnit, lambdaGrid, logMgfChiSquare, logMgfProduct, logSeBound, productStepSlack, seInequalityAt } from '../../src/theory/subExponential.js';

/** E e^{lambda (X - n)} for X ~ chi-square_n by the trapezoid rule on the stdlib CDF's increments (an independent route). */
function mgfByQuadrature(n: number, lambda: number): number {
  let s = 0;
  const h = 4e-3;
  for (let x = h / 2; x < 120; x += h) s += Math.exp(lambda * (x - n)) * (chisqCdf(x + h / 2, n) - chisqCdf(x - h / 2, n));
  return s;
}

describe('sub-exponential MGFs of Appendix B', () => {
  it('the chi-square log MGF matches an independent quadrature, and is infinite from lambda = 1/2', () => {
    for (const [n, lambda] of [[1, 0.2], [3, -0.3], [5, 0.1]] as const) expect(logMgfChiSquare(n, lambda).value).toBeCloseTo(Math.log(mgfByQuadrature(n, lambda)), 4);
    expect(logMgfChiSquare(2, 0.5).value).toBe(Infinity);
    expect(logMgfProduct(2, 1).value).toBe(Infinity);
  });

  it('Z = sum X_i Y_i: -(n/2) log(1 - lambda^2), the variance n at second order', () => {
    const l = 1e-4;
    expect((2 * logMgfProduct(7, l).value) / (l * l)).toBeCloseTo(7, 6);
    expect(logMgfProduct(4, 0.5).value).toBeCloseTo(-2 * Math.log(0.75), 14);
  });

  it('Lemma B.2 slack per unit: 0 at 0, positive on (-1/4, 1/4], negative near 1/2; the proof step of B.3 is second order at 0', () => {
    expect(chiSquareSlackPerUnit(0)).toBe(0);
    for (const l of [-0.25, -0.1, 0.1, 0.2, 0.25]) expect(chiSquareSlackPerUnit(l)).toBeGreaterThan(0);
    expect(chiSquareSlackPerUnit(0.45)).toBeLessThan(0);
    expect(logSeBound(4, 0.5)).toBe(0.5);
    const l = 1e-3;
    expect(productStepSlack(l).slack / (l * l)).toBeCloseTo(0.5, 2);
    expect(productStepSlack(-0.6).slack).toBeLessThan(0);
  });

  it('the grid covers |lambda| < 1/b strictly, every n, in a fixed order; the inequality at a point flags a too small nu', () => {
    const g = [...lambdaGrid([1, 5], 3, 4)];
    expect(g.length).toBe(10);
    expect(g[0]).toEqual({ n: 1, k: -2, L: 3, b: 4 });
    expect(Math.max(...g.map((c) => Math.abs(c.k / (c.b * c.L))))).toBeLessThan(0.25);
    expect(seInequalityAt(logMgfChiSquare, { n: 10, k: 2, L: 3, b: 4 }, 4, 1e-12).violated).toBe(false);
    expect(seInequalityAt(logMgfChiSquare, { n: 10, k: 2, L: 3, b: 4 }, 0.4, 1e-12).violated).toBe(true);
  });
});
