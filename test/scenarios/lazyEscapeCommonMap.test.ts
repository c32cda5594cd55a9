import { describe, expect, it } from 'vitest';
import { measureEscape } from '../../src/scenarios/lazyEscape.js';

const cfg = { name: 'cm', m: 40, d: 5, n: 60, eta: 0.02, sigma: 4, thetaStarNorm: 0.4 };

describe('measureEscape in the common-map form (label-noise SGD: one linear map for every neuron)', () => {
  it('gives the per-neuron Simulation\'s first exits and drifts within 1e-9 relative (firstExit and atT1)', () => {
    for (const mode of ['firstExit', 'atT1'] as const) {
      const o = { seed: `esc-${mode}`, resolution: 10, budget: 200_000, mode };
      const a = measureEscape(cfg, o);
      const b = measureEscape(cfg, { ...o, simulator: 'common-map' });
      expect(b.end).toBe(a.end);
      expect(b.steps).toBe(a.steps);
      expect(b.taus).toEqual(a.taus);
      expect(a.taus.length).toBeGreaterThan(0);
      for (const k of ['maxDriftScaled', 'minDriftScaled', 'peakDriftScaled', 'escapedFraction'] as const) expect(Math.abs(b[k] - a[k])).toBeLessThanOrEqual(1e-9 * Math.abs(a[k]));
    }
  });
});
