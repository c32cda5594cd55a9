import { describe, expect, it } from 'vitest';
import { monitorObservations } from '../../src/verdict/monitor.js';
import { CIFAR_LINEARIZATION_MONITORS } from '../../properties/monitors/cifarLinearization.js';

const obs = (data: Record<string, number>, where = 'run') => ({ kind: 'cifar-linearization', data: { ntk: 0, noisy: 0, sam: 0, rho: 0, width: 128, steps: 500, eta: 0.02, logDistTrain: 0, logDistTest: 0, logDistMax: 0.1, sameRuleDistMax: -1, normFall: 0, ...data }, where });

describe("premise monitors of the real-world figures' statements", () => {
  it('a clean GD run beyond a factor 1.25 of its linearization contradicts figure-3 (seen from figure-5) and figure-5 (seen from figure-3)', () => {
    const far = [obs({ logDistMax: 0.5 })];
    const from5 = monitorObservations('figure-5.sam-rich', far, CIFAR_LINEARIZATION_MONITORS).contradictions;
    expect(from5.map((c) => c.against)).toEqual(['figure-3.label-noise-rich']);
    expect(from5[0]!.message).toMatch(/0.5 > ln 1.25/);
    expect(monitorObservations('figure-3.label-noise-rich', far, CIFAR_LINEARIZATION_MONITORS).contradictions.map((c) => c.against)).toEqual(['figure-5.sam-rich']);
  });

  it('runs inside the premise that agree, runs outside it (NTK parameterization, SAM) and a claim\'s own runs are not contradictions', () => {
    const r = monitorObservations('other', [obs({ logDistMax: 0.1 }), obs({ ntk: 1, logDistMax: 0.9 }), obs({ sam: 1, rho: 0.05, logDistMax: 0.3 }), obs({ noisy: 1, logDistMax: 2 })], CIFAR_LINEARIZATION_MONITORS);
    expect(r.contradictions).toEqual([]);
    expect(r.checked).toBe(3);
    expect(monitorObservations('other', [obs({ noisy: 1, logDistMax: 0.3 })], CIFAR_LINEARIZATION_MONITORS).contradictions[0]!.message).toMatch(/< ln 2/);
  });
});
