import { describe, expect, it } from 'vitest';
import { curveDistance, logCurveDistance, logSteps, outputDistance } from '../../src/cifar/realworld.js';
import { seedsForPower, tTestPower } from '../../src/stats/ttest.js';
import { combineParts, decideEffect, partCounts, planSeeds } from '../../properties/support/cifarStats.js';
import { thin } from '../../properties/support/cifarFigures.js';

const ALPHA = 4e-4;
const spec = (id: string) => ({ id, effect: id, sesoi: 0.1, sd: 0.05 });

describe('the CIFAR parts as effects', () => {
  it('the seed plan: the largest seedsForPower over the effects, capped, and the power it asks is reached', () => {
    const p = planSeeds([{ sesoi: 0.1, sd: 0.05 }, { sesoi: 0.4, sd: 0.25 }], ALPHA, 0.8, 100);
    expect(p.needed).toBe(Math.max(seedsForPower(0.1, 0.05, ALPHA, 0.8), seedsForPower(0.4, 0.25, ALPHA, 0.8)));
    expect(tTestPower(p.needed, 0.4, 0.25, ALPHA)).toBeGreaterThanOrEqual(0.8);
    expect(tTestPower(p.needed - 1, 0.4, 0.25, ALPHA)).toBeLessThan(0.8);
    expect(planSeeds([{ sesoi: 0.1, sd: 0.05 }], ALPHA, 0.8, 3)).toMatchObject({ seeds: 3, cap: 3 });
  });

  it('holds when shown, fails when the opposite is shown, inconclusive otherwise; combineAll over parts', () => {
    const shown = decideEffect(spec('a'), [0.3, 0.31, 0.29, 0.3, 0.32, 0.28, 0.3, 0.31], ALPHA);
    const opposite = decideEffect(spec('b'), [-0.3, -0.31, -0.29, -0.3, -0.32, -0.28, -0.3, -0.31], ALPHA);
    const open = decideEffect(spec('c'), [0.3, -0.2, 0.5, -0.4], ALPHA);
    expect([shown, opposite, open].map((p) => p.result.decision.verdict)).toEqual(['holds', 'fails', 'inconclusive']);
    expect(combineParts([shown, open]).verdict).toBe('inconclusive');
    expect(combineParts([shown, open, opposite]).verdict).toBe('fails');
    expect(combineParts([shown, shown]).verdict).toBe('holds');
    expect(partCounts([shown, open, opposite])).toBe('1 holds, 1 fails, 1 inconclusive of 3 parts');
  });

  it('a diverged seed (not finite) is reported and leaves the part inconclusive, never NaN', () => {
    const p = decideEffect(spec('d'), [0.3, 0.31, Number.NaN, 0.3, 0.32, 0.28], ALPHA);
    expect(p.result.decision.verdict).toBe('inconclusive');
    expect(p.result.decision.because).toMatch(/seed\(s\) 2 diverged/);
    expect(Number.isFinite(p.result.mean)).toBe(true);
  });
});

describe('curve and output distances, logging', () => {
  it('log distance with a floor; linear distance relative to the initial value', () => {
    expect(logCurveDistance([1, 0.5, 0.01], [1, 0.5, 0.01], 1e-3)).toBe(0);
    expect(logCurveDistance([1, 0.2], [1, 0.1], 0)).toBeCloseTo(Math.log(2), 12);
    expect(logCurveDistance([1, 1e-9], [1, 1e-12], 1e-3)).toBeLessThan(1e-5);
    expect(curveDistance([2, 1.5], [2, 1])).toBeCloseTo(0.25, 12);
  });

  it('output distance: max over steps of the l2 gap relative to the reference initial residual', () => {
    const Y = [1, 0, 0, 1];
    const b = [{ train: [0, 0, 0, 0], test: [0, 0] }, { train: [0.5, 0, 0, 0.5], test: [0, 0] }];
    const a = [{ train: [0, 0, 0, 0], test: [0, 0] }, { train: [0.5, 0.3, 0.4, 0.5], test: [0, 0.6] }];
    const d = outputDistance(a, b, Y, [1, 0]);
    expect(d.train).toBeCloseTo(0.5 / Math.SQRT2, 12);
    expect(d.test).toBeCloseTo(0.6, 12);
    expect(outputDistance(b, b, Y, [1, 0])).toEqual({ train: 0, test: 0 });
  });

  it('logged steps include 0 and the last step; thinning keeps the ends', () => {
    expect(logSteps(500, 25)).toHaveLength(21);
    expect(logSteps(10, 4)).toEqual([0, 4, 8, 10]);
    const kept = Array.from({ length: 101 }, (_, i) => i).filter(thin(101, 41));
    expect(kept[0]).toBe(0);
    expect(kept.at(-1)).toBe(100);
    expect(kept.length).toBeLessThanOrEqual(41);
  });
});
