import { describe, expect, it } from 'vitest';
import { runTraining, type SyntheticSetup, type TrainingRule } from '../../src/scenarios/syntheticTraining.js';

const setup: SyntheticSetup = { config: { m: 12, d: 5, n: 20, eta: 0.03, sigma: 1, thetaStarNorm: 12 ** -0.25 }, nTest: 30 };

describe("runTraining with setup.simulator = 'common-map' (the paper tier's exact O(d^2) form)", () => {
  const rules: TrainingRule[] = [{ kind: 'label-noise' }, { kind: 'plain' }, { kind: 'sam', rho: 0.1 }, { kind: 'label-noise', schedule: { on: 40, off: 60 } }];
  for (const rule of rules) {
    it(`${JSON.stringify(rule)}: the same logged rows, paths and frames as the full simulation within 1e-9`, () => {
      const spec = { rule, seed: 'cm', steps: 2000, logEvery: 100, frameSteps: [0, 500, 2000], frameNeurons: 6, trackNeurons: 3 };
      const full = runTraining({ ...spec, setup });
      const cm = runTraining({ ...spec, setup: { ...setup, simulator: 'common-map' } });
      expect(cm.rows.map((r) => r.step)).toEqual(full.rows.map((r) => r.step));
      cm.rows.forEach((r, i) => {
        for (const [k, v] of Object.entries(r)) {
          const ref = (full.rows[i] as unknown as Record<string, number>)[k] as number;
          expect(Math.abs(v - ref)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(ref)));
        }
      });
      expect(cm.frames.map((f) => f.step)).toEqual(full.frames.map((f) => f.step));
      cm.paths.forEach((p, j) => p.norm.forEach((v, t) => expect(Math.abs(v - (full.paths[j]!.norm[t] as number))).toBeLessThan(1e-9)));
      expect(cm.outcome).toEqual(full.outcome);
    });
  }
  it('refuses the oscillation chain and a per-step observer, naming the input', () => {
    const s = { ...setup, simulator: 'common-map' as const };
    expect(() => runTraining({ setup: s, rule: { kind: 'oscillation' }, seed: 'x', steps: 10, logEvery: 5 })).toThrow(/setup.simulator/);
    expect(() => runTraining({ setup: s, rule: { kind: 'plain' }, seed: 'x', steps: 10, logEvery: 5, observe: () => undefined })).toThrow(/setup.simulator/);
  });
});
