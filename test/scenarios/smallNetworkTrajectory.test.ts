import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { copyDraw, Drawer } from '../../src/engine/rules/draw.js';
import { referenceStep } from '../../src/engine/rules/reference.js';
import { rows, vec } from '../../src/engine/matrix.js';
import { CaseMemo, configOf, DIVERGENCE_CAP, divergedCount, materialize, runTrajectory, smallCase, trajectoryMemo, type SmallCase } from '../../src/scenarios/smallNetworkTrajectory.js';

const DOM = { maxM: 5, maxD: 4, maxN: 5, etaExponents: [1, 4] as [number, number], sigmas: [0, 0.5, 4], maxSteps: 12, numRuns: 40 };
const base: SmallCase = { m: 3, d: 2, n: 4, etaExp: 2, sigma: 0.5, batch: 1, aScale: 1, steps: 8, seed: 7 };

describe('small network trajectories (Eqs. (15)-(16) on small cases)', () => {
  it('the recorded trajectory equals the ml-matrix reference step chain on the same streams (to 1e-12 relative)', () => {
    fc.assert(
      fc.property(smallCase(DOM), (c) => {
        const tr = runTrajectory(c);
        const { state, data, rule } = materialize(c);
        const drawer = new Drawer(rule, data, c.m, c.seed);
        let s = state;
        for (let t = 0; t < tr.steps.length; t++) {
          const step = tr.steps[t]!;
          s = referenceStep(s, data, rule, copyDraw(drawer.next(t)));
          const Wr = rows(s.W);
          for (let i = 0; i < c.m; i++) for (let k = 0; k < c.d; k++) expect(Math.abs(step.Wn[i]![k]! - Wr[i]![k]!)).toBeLessThanOrEqual(1e-12 * (1 + Math.abs(Wr[i]![k]!)));
          for (let i = 0; i < c.m; i++) expect(Math.abs(step.an[i]! - vec(s.a)[i]!)).toBeLessThanOrEqual(1e-12 * (1 + Math.abs(vec(s.a)[i]!)));
          // consecutive records chain: the state after step t is the state before step t+1
          if (t + 1 < tr.steps.length) expect(tr.steps[t + 1]!.a).toEqual(step.an);
          expect(step.r).toBe(step.f - step.y - step.eps);
        }
      }),
      { seed: 11, numRuns: 30 },
    );
  });

  it('is deterministic bit for bit and the case maps to the paper configuration', () => {
    expect(runTrajectory(base)).toEqual(runTrajectory(base));
    expect(configOf(base)).toEqual({ m: 3, d: 2, n: 4, eta: 0.01, sigma: 0.5, thetaStarNorm: 0.5 });
    expect(runTrajectory({ ...base, seed: 8 }).steps[0]!.a).not.toEqual(runTrajectory(base).steps[0]!.a);
  });

  it('label noise enters as +-sigma (Rademacher, the engine Drawer) and is 0 at sigma = 0', () => {
    for (const s of runTrajectory(base).steps) expect(Math.abs(s.eps)).toBe(0.5);
    for (const s of runTrajectory({ ...base, sigma: 0 }).steps) expect(s.eps).toBe(0);
  });

  it('a diverging run is cut and reported, never NaN', () => {
    const tr = runTrajectory({ ...base, etaExp: -2, aScale: 10, steps: 200, m: 4, d: 4 });
    expect(tr.divergedAt).not.toBeNull();
    expect(tr.steps.length).toBe(tr.divergedAt);
    for (const s of tr.steps) for (const v of s.an) expect(Math.abs(v)).toBeLessThanOrEqual(DIVERGENCE_CAP);
    const memo = trajectoryMemo();
    memo.get({ ...base, etaExp: -2, aScale: 10, steps: 200, m: 4, d: 4 });
    memo.get(base);
    expect(divergedCount(memo)).toBe(1);
  });

  it('memoizes by case and refuses minibatches', () => {
    let calls = 0;
    const memo = new CaseMemo((c) => ++calls + c.m);
    expect(memo.get(base)).toBe(memo.get({ ...base }));
    memo.get({ ...base, seed: 9 });
    expect([calls, memo.size]).toEqual([2, 2]);
    expect(() => runTrajectory({ ...base, batch: 'full' })).toThrow(RangeError);
  });
});
