import { describe, expect, it } from 'vitest';
import { normChangeAlongSgd, smallTrajectories } from '../../src/scenarios/normChangeTerms.js';

const C = { m: 8, d: 4, n: 16, eta: 0.05, sigma: 1, thetaStarNorm: 0.5 };

describe('the terms of the change of ||w_i||^2 (normChangeTerms)', () => {
  it('small trajectories: the seed comes from the run-set name, the same name gives the same run', () => {
    const shapes = [{ m: 2, d: 3, n: 5, etaExp: 2, sigma: 1, aScale: 1 }];
    const a = smallTrajectories(shapes, 5, 'x');
    expect(a[0]!.steps).toHaveLength(5);
    expect(smallTrajectories(shapes, 5, 'x')).toEqual(a);
    expect(smallTrajectories(shapes, 5, 'y')[0]!.case.seed).not.toBe(a[0]!.case.seed);
    expect(JSON.parse(JSON.stringify(a[0]))).toEqual({ case: a[0]!.case, steps: 5, divergedAt: null });
  });

  it('reads the terms at every checkpoint, non-negative, the same for the same seed', () => {
    const pts = normChangeAlongSgd(C, [1, 4, 16], 's');
    expect(pts.map((p) => p.T)).toEqual([1, 4, 16]);
    for (const p of pts) expect(p.boundary >= 0 && p.deltaW >= 0 && p.maxAbsAScaled > 0).toBe(true);
    expect(normChangeAlongSgd(C, [1, 4, 16], 's')).toEqual(pts);
  });

  it('at T = 0 both terms are 0 and the terms grow from there', () => {
    const [p] = normChangeAlongSgd(C, [0, 3], 's');
    expect(p).toMatchObject({ T: 0, boundary: 0, deltaW: 0 });
    expect(normChangeAlongSgd(C, [0, 3], 's')[1]!.deltaW).toBeGreaterThan(0);
  });
});
