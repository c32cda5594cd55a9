import { describe, expect, it } from 'vitest';
import { rows } from '../../src/engine/matrix.js';
import { deltaWLong } from '../../src/theory/deltaW.js';
import { deltaWRun, maxDeltaWAt, proofBound, runSweep } from '../../src/scenarios/deltaWAlongSgd.js';
import { datasetOf } from '../../src/scenarios/lazyPremiseStates.js';
import { initNTK } from '../../src/engine/network.js';
import { vec } from '../../src/engine/matrix.js';

describe('Delta W along label-noise SGD (Lemma 3 part 2, O(1))', () => {
  it('maxDeltaWAt is the maximum of deltaWLong over neurons', () => {
    const s = initNTK(30, 4, 'x');
    const W = rows(s.W);
    const a = vec(s.a);
    const theta = new Float64Array([0.1, -0.2, 0.3, 0]);
    const x = new Float64Array([1, 2, -1, 0.5]);
    const got = maxDeltaWAt(W, a, theta, x, 0.7);
    const r = 0.1 - 0.4 - 0.3 - 0.7;
    const want = Math.max(...W.map((w, i) => deltaWLong(r, w.reduce((t, v, k) => t + v * (x[k] as number), 0), a[i] as number, 1 + 4 + 1 + 0.25)));
    expect(got.max).toBeCloseTo(want, 12);
    expect(got.r).toBeCloseTo(r, 14);
  });

  it('proofBound is (2(||theta(0)|| + m^(1/4)) C_data + sigma)^2 C_data^2 / sqrt(m)', () => {
    expect(proofBound(16, 1, 2, 4).dwBound).toBeCloseTo((2 * 3 * 2 + 4) ** 2 * 4 / 4, 12);
  });

  it('a run is deterministic, measures only premise steps and stays finite', () => {
    const c = { m: 64, d: 5, n: 60, eta: 0.1 / 64, sigma: 4, thetaStarNorm: 64 ** -0.25 };
    const r = deltaWRun(c, 300, 'r');
    expect(deltaWRun(c, 300, 'r')).toEqual(r);
    expect(r.premiseSteps).toBeGreaterThan(0);
    expect(Number.isFinite(r.maxDeltaW)).toBe(true);
    expect(datasetOf(c, 'r').y.length).toBe(60);
  });

  it('the pruned run (bounds skip the O(m d) passes) equals the unpruned one exactly, inside and at the end of the premise', () => {
    const cases = [
      { m: 256, d: 5, n: 200, eta: 0.1 / 256, sigma: 4, thetaStarNorm: 256 ** -0.25 },
      { m: 250, d: 20, n: 200, eta: 1e-3, sigma: 4, thetaStarNorm: 250 ** -0.25 },
      { m: 4096, d: 5, n: 200, eta: 1e-2, sigma: 4, thetaStarNorm: 4096 ** -0.25 },
      { m: 64, d: 3, n: 50, eta: 0.3, sigma: 4, thetaStarNorm: 64 ** -0.25 },
    ];
    const ends: string[] = [];
    for (const c of cases) {
      const pruned = deltaWRun(c, 1500, `p/${c.m}`);
      expect(pruned).toEqual(deltaWRun(c, 1500, `p/${c.m}`, { prune: false }));
      ends.push(pruned.premiseEnd);
    }
    // the cases reach both a held premise and an ended one
    expect(ends.some((e) => e === '')).toBe(true);
    expect(ends.some((e) => e !== '')).toBe(true);
  });

  it('a sweep runs every width and run on its own streams', () => {
    const runs = runSweep({ label: 's', role: 'exponent', d: 3, n: 30, sigma: 4, etaTimesM: 0.1, widths: [16, 32], runs: 2, maxSteps: 50 }, 'sw');
    expect(runs.map((r) => r.m)).toEqual([16, 16, 32, 32]);
    expect(runs[0]).not.toEqual(runs[1]);
  });
});
