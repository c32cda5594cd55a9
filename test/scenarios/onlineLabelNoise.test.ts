import { Matrix } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import type { Dataset } from '../../src/engine/data.js';
import { rows, vec } from '../../src/engine/matrix.js';
import { initNTK, theta } from '../../src/engine/network.js';
import { reduceState } from '../../src/engine/reduced.js';
import { stream } from '../../src/engine/rng.js';
import { Drawer } from '../../src/engine/rules/draw.js';
import { Stepper } from '../../src/engine/rules/stepper.js';
import type { MinibatchRule } from '../../src/engine/rules/types.js';
import { OnlineLabelNoise, type OnlineConfig } from '../../src/scenarios/onlineLabelNoise.js';

/**
 * The online run replayed by the full simulator at a small width, with the same streams: the T inputs the online run
 * draws from 'data' become a T-sample training set visited in order (idx_t = t), the label noise is the engine's Drawer
 * on the run's 'noise' stream, and the full Stepper steps every neuron. Any private noise (a wrong scale, another
 * stream) or input law in the scenario makes the trajectories part.
 */
function fullReplay(c: OnlineConfig, seed: string, T: number): { theta: Float64Array; a: Float64Array; W: Float64Array[]; residuals: number[] } {
  const st = initNTK(c.m, c.d, seed);
  const data = stream(seed, 'data');
  const X = new Matrix(T, c.d);
  const y = new Float64Array(T);
  for (let t = 0; t < T; t++)
    for (let k = 0; k < c.d; k++) {
      const v = data.gaussian();
      X.set(t, k, v);
      if (k === 0) y[t] = c.thetaStarNorm * v;
    }
  const thetaStar = new Float64Array(c.d);
  thetaStar[0] = c.thetaStarNorm;
  const ds: Dataset = { X, y, Xtest: new Matrix(0, c.d), ytest: new Float64Array(0), thetaStar };
  const rule: MinibatchRule = { kind: 'sgd', eta: c.eta, batch: 1, sigma: c.sigma };
  const stepper = new Stepper(st, ds, rule, { kernel: 'js' });
  const drawer = new Drawer(rule, ds, c.m, seed);
  const Xr = rows(X);
  const residuals: number[] = [];
  for (let t = 0; t < T; t++) {
    const draw = drawer.next(t);
    draw.idx[0] = t;
    let f = 0;
    for (let k = 0; k < c.d; k++) f += (stepper.theta[k] as number) * ((Xr[t] as Float64Array)[k] as number);
    residuals.push(f - (y[t] as number) - (draw.eps[0] as number));
    stepper.step(draw);
  }
  return { theta: theta(st), a: vec(st.a).slice(), W: rows(st.W).map((r) => r.slice()), residuals };
}

describe('onlineLabelNoise: label-noise SGD on fresh inputs at any width', () => {
  it('equals the full simulator at a small width (same streams): residuals, theta and every neuron to 1e-10', () => {
    for (const [m, d, sigma, eta] of [
      [6, 3, 1.5, 0.01],
      [10, 5, 4, 0.005],
    ] as const) {
      const c: OnlineConfig = { m, d, K: m, eta, sigma, thetaStarNorm: 0.4 };
      const seed = `online/${m}/${d}`;
      const st = initNTK(m, d, seed);
      const run = new OnlineLabelNoise(c, seed, reduceState(rows(st.W), vec(st.a)));
      const T = 200;
      const res: number[] = [];
      for (let t = 0; t < T; t++) res.push(run.step());
      const full = fullReplay(c, seed, T);
      const tol = (v: number): number => 1e-10 * (1 + Math.abs(v));
      res.forEach((r, t) => expect(Math.abs(r - (full.residuals[t] as number))).toBeLessThan(tol(r)));
      for (let k = 0; k < d; k++) expect(Math.abs((run.state.theta[k] as number) - (full.theta[k] as number))).toBeLessThan(tol(full.theta[k] as number));
      for (let i = 0; i < m; i++) {
        expect(Math.abs((run.state.a[i] as number) - (full.a[i] as number))).toBeLessThan(tol(full.a[i] as number));
        for (let k = 0; k < d; k++) expect(Math.abs((run.state.w[i] as Float64Array)[k]! - (full.W[i] as Float64Array)[k]!)).toBeLessThan(1e-10);
      }
    }
  });

  it('the label noise has the declared scale: r_t + <theta* - theta, x_t> = -eps_t = +-sigma exactly', () => {
    const c: OnlineConfig = { m: 1e6, d: 4, K: 2, eta: 1e-7, sigma: 3, thetaStarNorm: 0.1 };
    const run = new OnlineLabelNoise(c, 'noise-scale');
    for (let t = 0; t < 50; t++) {
      const th = run.state.theta.slice();
      const r = run.step();
      let f = 0;
      for (let k = 0; k < c.d; k++) f += ((th[k] as number) - (run.thetaStar[k] as number)) * (run.x[k] as number);
      expect(Math.abs(Math.abs(r - f) - c.sigma)).toBeLessThan(1e-12 * (1 + Math.abs(r)));
    }
  });

  it('is deterministic: the same seed gives the same run bit for bit', () => {
    const c: OnlineConfig = { m: 1e9, d: 3, K: 4, eta: 3e-10, sigma: 100, thetaStarNorm: 1e-3 };
    const a = new OnlineLabelNoise(c, 's');
    const b = new OnlineLabelNoise(c, 's');
    for (let t = 0; t < 100; t++) expect(a.step()).toBe(b.step());
    expect(Array.from(a.state.theta)).toEqual(Array.from(b.state.theta));
  });
});
