import { Matrix } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import { meanSquaredLoss, norm, rows, theta } from '../../src/engine/index.js';
import { frozenSecondLayer, oscillationContrast } from '../../src/scenarios/oscillatedSecondLayer.js';
import { initialState, syntheticData, type SyntheticSetup } from '../../src/scenarios/syntheticTraining.js';

const setup: SyntheticSetup = { config: { m: 12, d: 5, n: 30, eta: 0.02, sigma: 0, thetaStarNorm: 12 ** -0.25 }, nTest: 10 };

describe('the oscillation notebook and its frozen-a contrast', () => {
  it('the reduced frozen-a run (w_i(t) = w_i(0) - a_i G(t)) equals GD on W with every neuron updated (ml-matrix), same streams, to 1e-12', () => {
    const steps = 400;
    const red = frozenSecondLayer(setup, 'z', steps, 100);
    const data = syntheticData(setup, 'z');
    const st = initialState(setup, { kind: 'oscillation' }, 'z');
    let W = st.W.clone();
    const X = data.X;
    const y = Matrix.columnVector(Array.from(data.y));
    const full: number[] = [];
    for (let t = 0; t <= steps; t++) {
      if (t % 100 === 0) full.push(rows(W).reduce((s, w) => s + norm(w), 0) / setup.config.m);
      if (t === steps) break;
      const th = theta({ W, a: st.a });
      const g = X.transpose().mmul(X.mmul(Matrix.columnVector(Array.from(th))).sub(y)).div(setup.config.n); // d x 1
      W = Matrix.sub(W, st.a.transpose().mmul(g.transpose()).mul(setup.config.eta));
    }
    expect(red.steps).toEqual([0, 100, 200, 300, 400]);
    red.meanNorm.forEach((v, k) => expect(Math.abs(v - (full[k] as number))).toBeLessThan(1e-12 * (1 + v)));
    expect(Math.abs((red.trainLoss[4] as number) - meanSquaredLoss(theta({ W, a: st.a }), data.X, data.y))).toBeLessThan(1e-12);
  });

  it('under the oscillation the first-layer norms shrink, with a frozen they do not (and each ratio is its run end over start)', () => {
    const c = oscillationContrast({ ...setup, config: { ...setup.config, eta: 0.05 } }, 'o', 6_000, 50, 0.1, 2);
    expect(c.oscRatio).toBeLessThan(0.5);
    expect(Math.abs(c.frozenRatio - 1)).toBeLessThan(0.1);
    expect(c.osc.paths.length).toBe(2);
    expect(c.oscRatio).toBeCloseTo(c.osc.rows.filter((r) => r.step >= 5_400).reduce((s, r, _, xs) => s + r.meanNorm / xs.length, 0) / c.osc.rows[0]!.meanNorm, 12);
  });
});
