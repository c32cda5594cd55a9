import { describe, expect, it } from 'vitest';
import { alignedInput, initResidualState } from '../../src/scenarios/initResidual.js';

const c = { m: 50, d: 4, n: 10, eta: 1e-3, sigma: 2, thetaStarNorm: 50 ** -0.25 };
const norm = (v: ArrayLike<number>): number => Math.hypot(...Array.from(v));

describe('the base case of Lemma C.2 at Eq. (5) (initResidual)', () => {
  it('theta(0) two ways, Z = sqrt(d m) theta(0), and the residual cases at every input and both noise signs', () => {
    const st = initResidualState(c, 's');
    expect(st.cases).toHaveLength(2 * (c.n + 1));
    st.thetaProduct.forEach((v, k) => {
      expect(v).toBeCloseTo(st.thetaSum[k] as number, 12);
      expect((st.Z[k] as number) / Math.sqrt(c.d * c.m)).toBeCloseTo(v, 12);
    });
    for (const r of st.cases) expect(r.lossResidual).toBeCloseTo(Math.abs(r.f - r.y - r.eps), 12);
    expect(new Set(st.cases.map((r) => r.eps))).toEqual(new Set([2, -2]));
    expect(norm(st.thetaStar)).toBeCloseTo(c.thetaStarNorm, 12);
    expect(initResidualState(c, 's')).toEqual(st);
    expect(initResidualState(c, 't').thetaSum).not.toEqual(st.thetaSum);
  });

  it('the aligned input has the requested norm, lies along theta(0) - theta*, and is labelled by theta*', () => {
    const st = initResidualState(c, 's');
    const last = st.cases[st.cases.length - 1]!;
    expect(last.xNorm).toBeCloseTo(st.cData, 12);
    const diff = st.thetaProduct.map((v, k) => v - (st.thetaStar[k] as number));
    // Cauchy-Schwarz is tight there: |f - y| = ||theta(0) - theta*|| ||x||
    expect(Math.abs(last.f - last.y)).toBeCloseTo(norm(diff) * st.cData, 10);
    const { x, y } = alignedInput(Float64Array.of(3, 4), Float64Array.of(0, 0), 10);
    expect(Array.from(x)).toEqual([6, 8]);
    expect(y).toBe(0);
  });
});
