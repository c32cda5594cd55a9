import { describe, expect, it } from 'vitest';
import { DeltaWSums, firstStepSums } from '../../src/scenarios/deltaWSums.js';
import { OnlineLabelNoise, type OnlineConfig } from '../../src/scenarios/onlineLabelNoise.js';
import { deltaWLong } from '../../src/theory/deltaW.js';

const c: OnlineConfig = { m: 16, d: 5, K: 4, eta: 1 / 16, sigma: 2, thetaStarNorm: 0.5 };
const STEPS = 300;

/** The same run replayed with plain loops: Delta W_i(j) from deltaWLong at the pre-step state, eps_j read back as +-sigma. */
function replay(seed: string) {
  const run = new OnlineLabelNoise(c, seed);
  const k = c.K;
  const dw: number[][] = Array.from({ length: k }, () => []);
  const flip: number[][] = Array.from({ length: k }, () => []);
  const prem: boolean[][] = Array.from({ length: k }, () => []);
  const eps: number[] = [];
  for (let j = 0; j < STEPS; j++) {
    const w = run.state.w.map((x) => Float64Array.from(x));
    const a = Float64Array.from(run.state.a);
    const theta = Float64Array.from(run.state.theta);
    const r = run.step();
    const x = run.x;
    const dot = (u: Float64Array, v: Float64Array) => u.reduce((s, ui, q) => s + ui * (v[q] as number), 0);
    const e = dot(theta, x) - c.thetaStarNorm * (x[0] as number) - r;
    eps.push(e);
    for (let i = 0; i < k; i++) {
      const wi = w[i] as Float64Array;
      const ai = a[i] as number;
      const p = dot(x, wi);
      dw[i]!.push(deltaWLong(r, p, ai, run.xx));
      flip[i]!.push(deltaWLong(r + 2 * e, p, ai, run.xx));
      const drift2 = wi.reduce((s, v, q) => s + (v - (run.state.w0[i]![q] as number)) ** 2, 0);
      prem[i]!.push(drift2 <= 1 / c.m && Math.abs(ai) <= Math.pow(c.m, -0.25));
    }
  }
  return { run, dw, flip, prem, eps };
}

describe('deltaWSums: the sums of Eq. (41) and of the proof of Theorem C.4 along label-noise SGD', () => {
  it('match a plain replay of the same run (Delta W, its parts, the Omega counts, the eps flips, the lag-1 counts)', () => {
    const s = firstStepSums(c, STEPS, c.K, 'sums-test');
    const ref = replay('sums-test');
    const thr = -((c.sigma / 4) ** 2);
    for (const e of ref.eps) expect(Math.abs(Math.abs(e) - c.sigma)).toBeLessThan(1e-12);
    expect(s.steps).toBe(STEPS);
    for (let i = 0; i < c.K; i++) {
      const d = ref.dw[i]!;
      const X: number[] = d.map((v) => (v <= thr ? 1 : 0));
      expect(s.sum[i]).toBeCloseTo(d.reduce((t, v) => t + v, 0), 9);
      expect(s.sumPos[i]).toBeCloseTo(d.filter((v) => v > 0).reduce((t, v) => t + v, 0), 9);
      expect(s.nPos[i]).toBe(d.filter((v) => v > 0).length);
      expect(s.nQuarter[i]).toBe(X.reduce((t, v) => t + v, 0));
      expect(s.sumQuarter[i]).toBeCloseTo(d.filter((v) => v <= thr).reduce((t, v) => t + v, 0), 9);
      expect(s.max[i]).toBe(Math.max(...d));
      const P = ref.prem[i]!;
      expect(s.nPrem[i]).toBe(P.filter(Boolean).length);
      expect(s.nFlipPrem[i]).toBe(d.filter((v, j) => P[j] && (v <= thr) !== ((ref.flip[i]![j] as number) <= thr)).length);
      const pairs = X.slice(1).map((x1, j) => ({ x0: X[j] as number, x1, both: (P[j] && P[j + 1]) as boolean }));
      expect(s.n1All[i]).toBe(pairs.filter((q) => q.x0 === 1).length);
      expect(s.n11All[i]).toBe(pairs.filter((q) => q.x0 === 1 && q.x1 === 1).length);
      expect(s.n01All[i]).toBe(pairs.filter((q) => q.x0 === 0 && q.x1 === 1).length);
      expect(s.nPairs[i]).toBe(pairs.filter((q) => q.both).length);
      expect(s.n11[i]).toBe(pairs.filter((q) => q.both && q.x0 === 1 && q.x1 === 1).length);
    }
  });

  it('satisfy Eq. (41) per neuron: ||w_i(T)||^2 - ||w_i(0)||^2 = eta^2 sum_j Delta W_i(j) - a_i(0)^2 + a_i(T)^2', () => {
    const s = firstStepSums(c, STEPS, c.K, 'sums-41');
    for (let i = 0; i < c.K; i++) {
      const lhs = (s.wTNorm2[i] as number) - (s.w0Norm2[i] as number);
      const rhs = c.eta ** 2 * (s.sum[i] as number) - (s.a0[i] as number) ** 2 + (s.aT[i] as number) ** 2;
      expect(Math.abs(lhs - rhs)).toBeLessThan(1e-12 * (1 + Math.abs(lhs)));
    }
  });

  it('the same seed gives the same sums bit for bit; the accumulator only reads the run', () => {
    const a = firstStepSums(c, 100, 3, 'same');
    const b = firstStepSums(c, 100, 3, 'same');
    expect(Array.from(a.sum)).toEqual(Array.from(b.sum));
    const run = new OnlineLabelNoise(c, 'same');
    const plain = new OnlineLabelNoise(c, 'same');
    const s = new DeltaWSums(run, 2);
    for (let j = 0; j < 100; j++) {
      s.before();
      s.after(run.step());
      plain.step();
    }
    expect(Array.from(run.state.theta)).toEqual(Array.from(plain.state.theta));
  });

  it('a diverging run stops at its divergence, marked, with finite sums', () => {
    const s = firstStepSums({ ...c, eta: 2 }, STEPS, c.K, 'sums-diverge', 1e6);
    expect(s.diverged).toBe(true);
    expect(s.steps).toBeLessThan(STEPS);
    for (const v of [...s.sum, ...s.main, ...s.absDa2]) expect(Number.isFinite(v)).toBe(true);
    expect(firstStepSums(c, STEPS, c.K, 'sums-test').diverged).toBe(false);
  });
});
