import { describe, expect, it } from 'vitest';
import { T1 } from '../../src/theory/constants.js';
import { eq32Bound, residualBound, runToT1, type ToT1Config } from '../../src/scenarios/lazyEventsToT1.js';
import { T0 } from '../../src/scenarios/lazyWindow.js';
import { OnlineLabelNoise } from '../../src/scenarios/onlineLabelNoise.js';

const base: ToT1Config = { m: 16, d: 5, n: 0, eta: 1 / 16, sigma: 2, thetaStarNorm: Math.pow(16, -0.25), K: 16, sumsK: 4 };

/** The same run replayed step by step with plain loops: tau, and the maxima at the horizons. */
function replay(c: ToT1Config, seed: string) {
  const run = new OnlineLabelNoise({ m: c.m, d: c.d, K: c.K, eta: c.eta, sigma: c.sigma, thetaStarNorm: c.thetaStarNorm }, seed);
  const T1s = Math.floor(T1(c.m, c.eta, c.sigma));
  const a: number[] = [Math.max(...Array.from(run.state.a, Math.abs))];
  const th: number[] = [Math.hypot(...run.state.theta)];
  const r: number[] = [];
  let tau: number | null = null;
  while (run.t < Math.max(T1s, Math.floor(T0(c.m, c.eta)))) {
    r.push(run.step());
    if (tau === null && run.state.w.some((_, i) => run.drift2(i) > 1 / c.m)) tau = run.t;
    a.push(Math.max(...Array.from(run.state.a, Math.abs)));
    th.push(Math.hypot(...run.state.theta));
  }
  // states 0..h, residuals taken at states 0..h-1 (the lazy window: at every one of its states 0..tau-1)
  const upTo = (h: number, residuals = h) => ({ a: Math.max(...a.slice(0, h + 1)) * Math.pow(c.m, 0.25), r: Math.max(...r.slice(0, residuals).map(Math.abs)), th: Math.max(...th.slice(0, h + 1)) });
  return { tau, T1s, atT1: upTo(T1s), lazy: tau === null ? undefined : upTo(tau - 1, tau) };
}

describe('lazyEventsToT1: Lemma C.2\'s quantities along label-noise SGD up to T1', () => {
  it('the lazy exit and the prefix maxima at the lazy window and at T1 match a plain replay of the same run', () => {
    const run = runToT1(base, 'to-t1-test');
    const ref = replay(base, 'to-t1-test');
    expect(run.outcome).toBe('T1 reached');
    expect(run.T1steps).toBe(ref.T1s);
    expect(run.tau).toBe(ref.tau);
    expect(run.tau).not.toBeNull();
    expect(run.toT1.complete).toBe(true);
    expect(run.toT1.maxAbsAScaled).toBeCloseTo(ref.atT1.a, 12);
    expect(run.toT1.maxAbsR).toBeCloseTo(ref.atT1.r, 12);
    expect(run.toT1.maxThetaNorm).toBeCloseTo(ref.atT1.th, 12);
    expect(run.lazy.maxAbsAScaled).toBeCloseTo(ref.lazy!.a, 12);
    expect(run.lazy.maxAbsR).toBeCloseTo(ref.lazy!.r, 12);
    expect(run.lazy.steps).toBe(run.tau! - 1);
  });
  it('the horizons nest and the bounds of Eq. (32) and after it are read from the run', () => {
    const run = runToT1(base, 'to-t1-nest');
    expect(run.lazy.maxAbsAScaled).toBeLessThanOrEqual(run.toT1.maxAbsAScaled);
    expect(run.toT0.steps).toBe(Math.floor(T0(base.m, base.eta)));
    expect(run.sums.steps).toBe(run.T1steps);
    expect(eq32Bound(run)).toBeCloseTo(run.theta0Norm + 2, 12);
    expect(residualBound(run, run.toT1)).toBeCloseTo(2 * eq32Bound(run) * run.toT1.maxXNorm + base.sigma, 12);
  });
  it('same seed, same run bit for bit; another seed, another run', () => {
    expect(runToT1(base, 's1')).toEqual(runToT1(base, 's1'));
    expect(runToT1(base, 's2').toT1.maxAbsR).not.toBe(runToT1(base, 's1').toT1.maxAbsR);
  });
  it('a diverging run is a reported outcome with finite numbers, its horizons marked incomplete', () => {
    const run = runToT1({ ...base, eta: 2 }, 'to-t1-diverge', 1e6);
    expect(run.diverged).toBe(true);
    expect(run.outcome).toMatch(/^diverged at step \d+$/);
    expect(run.toT1.complete).toBe(false);
    for (const v of [run.toT1.maxAbsAScaled, run.toT1.maxAbsR, run.toT1.maxThetaNorm]) expect(Number.isFinite(v)).toBe(true);
  });
});
