import { describe, expect, it } from 'vitest';
import { rows } from '../../src/engine/index.js';
import { pairedRun } from '../../src/scenarios/labelNoiseContrast.js';
import type { SyntheticSetup } from '../../src/scenarios/syntheticTraining.js';

const setup: SyntheticSetup = { config: { m: 10, d: 6, n: 4, eta: 0.05, sigma: 1, thetaStarNorm: 10 ** -0.25 }, nTest: 40 };
const spec = { setup, steps: 4_000, logEvery: 100, tailFraction: 0.1, fixedPoint: 1e-30 };

describe('label-noise SGD against plain SGD, paired', () => {
  it('shares the data and W(0) between the two runs and differs only by the label noise', () => {
    const r = pairedRun(spec, 'c');
    expect(r.noise.data.thetaStar).toEqual(r.plain.data.thetaStar);
    expect(r.noise.rows[0]).toEqual(r.plain.rows[0]);
    expect(r.noise.rows[5]!.meanNorm).not.toBe(r.plain.rows[5]!.meanNorm);
    const quiet = pairedRun({ ...spec, setup: { ...setup, config: { ...setup.config, sigma: 0 } }, fixedPoint: 0 }, 'c');
    expect(Array.from(rows(quiet.noise.state.W)[0]!)).toEqual(Array.from(rows(quiet.plain.state.W)[0]!));
  });

  it('stops plain SGD at an interpolating fixed point (n < d) and reads label noise over its final window', () => {
    const r = pairedRun({ ...spec, steps: 200_000, fixedPoint: 1e-20 }, 'f');
    expect(r.plain.outcome.kind).toBe('stopped');
    expect(r.trainPlain).toBeLessThan(1e-20);
    const tail = r.noise.rows.filter((x) => x.step >= 180_000);
    expect(r.testNoise).toBeCloseTo(tail.reduce((s, x) => s + x.testLoss, 0) / tail.length, 14);
    expect(r.participationPlain).toBe(r.plain.rows[r.plain.rows.length - 1]!.participation);
  });
});
