import { describe, expect, it } from 'vitest';
import { periodicRun } from '../../src/scenarios/periodicLabelNoise.js';
import { runTraining, type SyntheticSetup } from '../../src/scenarios/syntheticTraining.js';

const setup: SyntheticSetup = { config: { m: 20, d: 5, n: 40, eta: 0.05, sigma: 1, thetaStarNorm: 20 ** -0.25 }, nTest: 20 };
const p = { setup, on: 200, off: 200, periods: 3, sampleEvery: 5, trackNeurons: 2 };

describe('label noise switched on and off', () => {
  it('has one window per half period, and the window falls add up to the total fall (telescoping)', () => {
    const r = periodicRun(p, 'w');
    expect(r.windows.map((w) => `${w.start}-${w.end}-${w.on}`)).toEqual(['0-200-true', '200-400-false', '400-600-true', '600-800-false', '800-1000-true', '1000-1200-false']);
    const last = r.tr.rows[r.tr.rows.length - 1]!.meanNorm;
    expect(r.onFall + r.offFall).toBeCloseTo(r.normStart - last, 12);
  });

  it('runs label-noise SGD in the on windows and plain SGD in the off windows (same streams as the unscheduled runs up to the first switch)', () => {
    const r = periodicRun(p, 's');
    const always = runTraining({ setup, rule: { kind: 'label-noise' }, seed: 's', steps: 200, logEvery: 20 });
    expect(r.tr.rows.filter((x) => x.step <= 200).map((x) => x.meanNorm)).toEqual(always.rows.map((x) => x.meanNorm));
    expect(r.aVarOn).toBeGreaterThan(10 * r.aVarOffSettled);
    expect(r.aTrace.length % 2).toBe(0);
  });
});
