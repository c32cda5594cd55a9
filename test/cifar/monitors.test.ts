import { describe, expect, it } from 'vitest';
import { monitorObservations } from '../../src/verdict/monitor.js';
import { CIFAR_LINEARIZATION_MONITORS } from '../../properties/monitors/cifarLinearization.js';

const obs = (data: Record<string, number>, where = 'run') => ({ kind: 'cifar-linearization', data: { ntk: 0, noisy: 0, sam: 0, rho: 0, width: 128, steps: 500, eta: 0.02, seeds: 8, meanLogDist: 0.1, lowerLogDist: 0.05, upperLogDist: 0.15, ...data }, where });

describe("premise monitors of the real-world figures' statements", () => {
  it('clean GD shown beyond a factor 1.25 of its linearization (lower bound over the seeds) contradicts figure-3 (seen from figure-5) and figure-5 (seen from figure-3)', () => {
    const far = [obs({ meanLogDist: 0.5, lowerLogDist: 0.3, upperLogDist: 0.7 })];
    const from5 = monitorObservations('figure-5.sam-rich', far, CIFAR_LINEARIZATION_MONITORS).contradictions;
    expect(from5.map((c) => c.against)).toEqual(['figure-3.label-noise-rich']);
    expect(from5[0]!.message).toMatch(/shown above ln 1.25.*lower bound 0.3/);
    expect(monitorObservations('figure-3.label-noise-rich', far, CIFAR_LINEARIZATION_MONITORS).contradictions.map((c) => c.against)).toEqual(['figure-5.sam-rich']);
  });

  it('agreeing runs, runs not shown beyond the threshold (one seed\'s excursion), and runs outside the premise (NTK parameterization, SAM) are not contradictions', () => {
    const r = monitorObservations('other', [obs({}), obs({ meanLogDist: 0.25, lowerLogDist: 0.2, upperLogDist: 0.3 }), obs({ ntk: 1, lowerLogDist: 0.9 }), obs({ sam: 1, rho: 0.05, lowerLogDist: 0.3 }), obs({ noisy: 1, meanLogDist: 2, lowerLogDist: 1.8, upperLogDist: 2.2 })], CIFAR_LINEARIZATION_MONITORS);
    expect(r.contradictions).toEqual([]);
    // two clean runs, each read by the figure-3 and the figure-5 monitor, and one noisy run
    expect(r.checked).toBe(5);
    expect(monitorObservations('other', [obs({ noisy: 1, meanLogDist: 0.3, lowerLogDist: 0.2, upperLogDist: 0.4 })], CIFAR_LINEARIZATION_MONITORS).contradictions[0]!.message).toMatch(/shown below ln 2.*upper bound 0.4/);
  });
});
