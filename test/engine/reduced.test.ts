import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeDataset } from '../../src/engine/data.js';
import { chiSquareDraw, gammaDraw } from '../../src/engine/gamma.js';
import { rows, vec } from '../../src/engine/matrix.js';
import { initNTK, theta } from '../../src/engine/network.js';
import { initReduced, reduceState, stepReduced } from '../../src/engine/reduced.js';
import { stream } from '../../src/engine/rng.js';
import { Simulation } from '../../src/engine/simulate.js';

describe('reduced (sufficient-statistic) simulator', () => {
  it('follows the full simulator exactly: theta, ||a||^2, W^T W and every tracked neuron agree to 1e-10', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 2, max: 4 }), // eta = 10^-2 .. 10^-4: stable over 30 steps at these sizes
        fc.integer({ min: 0, max: 1e6 }),
        (m, d, etaExp, seed) => {
          const eta = 10 ** -etaExp;
          const data = makeDataset({ n: 7, d, nTest: 0, thetaStarNorm: 0.4 }, seed);
          const st = initNTK(m, d, seed);
          const red = reduceState(rows(st.W), vec(st.a));
          const sim = new Simulation(st, data, { kind: 'sgd', eta, batch: 1, sigma: 1.5 }, seed);
          const X = rows(data.X);
          const g = new Float64Array(d);
          const scratch = new Float64Array(d);
          for (let t = 0; t < 30; t++) {
            const draw = sim.step();
            const j = draw.idx[0]!;
            let f = 0;
            for (let k = 0; k < d; k++) f += red.theta[k]! * X[j]![k]!;
            const r = f - data.y[j]! - draw.eps[0]!;
            for (let k = 0; k < d; k++) g[k] = r * X[j]![k]!;
            stepReduced(red, g, eta, scratch);
          }
          const tol = (v: number): number => 1e-10 * (1 + Math.abs(v));
          const th = theta(st);
          for (let k = 0; k < d; k++) expect(Math.abs(th[k]! - red.theta[k]!)).toBeLessThan(tol(th[k]!));
          const a = vec(st.a);
          const alpha = a.reduce((s, v) => s + v * v, 0);
          expect(Math.abs(alpha - red.alpha)).toBeLessThan(tol(alpha));
          const W = rows(st.W);
          for (let k = 0; k < d; k++)
            for (let l = 0; l < d; l++) {
              const s = W.reduce((acc, w) => acc + w[k]! * w[l]!, 0);
              expect(Math.abs(s - red.S[k * d + l]!)).toBeLessThan(tol(s));
            }
          for (let i = 0; i < m; i++) {
            expect(Math.abs(a[i]! - red.a[i]!)).toBeLessThan(tol(a[i]!));
            for (let k = 0; k < d; k++) expect(Math.abs(W[i]![k]! - red.w[i]![k]!)).toBeLessThan(tol(W[i]![k]!));
          }
        },
      ),
      { seed: 424242, numRuns: 60 },
    );
  });

  it('draws the initial statistics from their law under Eq. (5): E||a||^2 = 1, E[W^T W] = (m/d) I, E[theta theta^T] = I/d', () => {
    const R = 3000;
    const m = 1e9;
    const d = 3;
    let alpha = 0;
    let s00 = 0;
    let s01 = 0;
    let t00 = 0;
    for (let r = 0; r < R; r++) {
      const s = initReduced(m, d, 4, `moments/${r}`);
      alpha += s.alpha / R;
      s00 += s.S[0]! / (m / d) / R;
      s01 += s.S[1]! / (m / d) / R;
      t00 += s.theta[0]! ** 2 / R;
    }
    // standard errors: alpha ~ sqrt(2/m) (tiny); S00/(m/d) ~ sqrt(2d/m); theta_0^2 ~ sqrt(2)/d / sqrt(R) ~ 0.009
    expect(Math.abs(alpha - 1)).toBeLessThan(1e-3);
    expect(Math.abs(s00 - 1)).toBeLessThan(1e-3);
    expect(Math.abs(s01)).toBeLessThan(1e-3);
    expect(Math.abs(t00 - 1 / d)).toBeLessThan(0.04);
  });

  it('rejects a width of 0 or more tracked neurons than the width', () => {
    expect(() => initReduced(0, 3, 0, 1)).toThrow(/invalid m/);
    expect(() => initReduced(5, 3, 6, 1)).toThrow(/invalid K/);
  });
});

describe('gamma and chi-square draws', () => {
  it('have the right mean and variance (shape 0.5, 3, 1e6) within 5 standard errors', () => {
    for (const shape of [0.5, 3, 1e6]) {
      const rng = stream('gamma-test', shape);
      const N = 20000;
      let s = 0;
      let s2 = 0;
      for (let i = 0; i < N; i++) {
        const v = gammaDraw(rng, shape);
        s += v;
        s2 += v * v;
      }
      const mean = s / N;
      const variance = s2 / N - mean * mean;
      expect(Math.abs(mean - shape)).toBeLessThan(5 * Math.sqrt(shape / N));
      expect(Math.abs(variance / shape - 1)).toBeLessThan(0.1);
    }
    expect(chiSquareDraw(stream('c'), 4)).toBeGreaterThan(0);
    expect(() => gammaDraw(stream('c'), 0)).toThrow(RangeError);
  });
});
