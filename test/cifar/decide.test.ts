import { describe, expect, it } from 'vitest';
import { curveDistance, logCurveDistance, logSteps, outputDistance } from '../../src/cifar/realworld.js';

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

  it('logged steps include 0 and the last step', () => {
    expect(logSteps(500, 25)).toHaveLength(21);
    expect(logSteps(10, 4)).toEqual([0, 4, 8, 10]);
  });
});
