import { describe, expect, it } from 'vitest';
import { runPhase2, type Phase2RunSpec } from '../../src/scenarios/phaseTwoEvent.js';

const spec: Phase2RunSpec = { m: 20, d: 5, n: 400, eta: 0.05, sigma: 2, thetaStarNorm: 0.05, budget: 40_000, every: 10, stopAtEvent: true, blocks: 10, slopeAlpha: 0.01, seed: 'p2' };

describe('phaseTwoEvent in the common-map form (label-noise SGD: one linear map for every neuron, Eqs. (15)-(16))', () => {
  it('finds the same t1 and the same trace as the per-neuron Simulation within 1e-9 relative (reached and not reached)', () => {
    for (const s of [spec, { ...spec, sigma: 0.5, budget: 3_000, stopAtEvent: false, seed: 'p2-stall' }]) {
      const a = runPhase2(s);
      const b = runPhase2({ ...s, simulator: 'common-map' });
      expect(b.t1).toBe(a.t1);
      expect(b.steps).toBe(a.steps);
      expect(b.outcome).toBe(a.outcome);
      expect(b.trace.map((c) => c.t)).toEqual(a.trace.map((c) => c.t));
      b.trace.forEach((c, j) => {
        const r = a.trace[j]!;
        for (const k of ['maxW', 'maxA', 'meanNorm', 'fracW', 'fracBoth'] as const) expect(Math.abs(c[k] - r[k])).toBeLessThanOrEqual(1e-9 * Math.abs(r[k]));
      });
      expect(Math.abs(b.minR - a.minR)).toBeLessThanOrEqual(1e-9 * a.minR);
      if (a.tail) expect(Math.abs(b.tail!.lnLevel - a.tail.lnLevel)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(a.tail.lnLevel)));
    }
  });
});
