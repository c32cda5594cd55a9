import fc from 'fast-check';
import { Matrix } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import {
  Simulation,
  allFinite,
  dot,
  initNTK,
  makeDataset,
  meanSquaredLoss,
  norm,
  rowVector,
  rows,
  snapshot,
  summarize,
  theta,
  vec,
} from '../../src/engine/index.js';
import { fcOpts, maxRelGap, relGap } from './helpers.js';

describe('metrics', () => {
  it('snapshot: norms, alignment, cosine, drift, theta error and losses equal direct ml-matrix computations', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10 }),
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 1, max: 15 }),
        fc.integer({ min: 0, max: 200 }),
        fc.integer({ min: 0, max: 100_000 }),
        (m, d, n, steps, seed) => {
          const data = makeDataset({ n, d, nTest: 7, thetaStarNorm: 0.8 }, seed);
          const sim = new Simulation(initNTK(m, d, seed, { aScale: 3 }), data, { kind: 'sgd', eta: 0.005, batch: 1, sigma: 1 }, seed);
          sim.run({ steps });
          const sn = snapshot(sim.t, sim.state, sim.W0, sim.theta, data);
          const W = sim.state.W;
          const ts = Matrix.columnVector(Array.from(data.thetaStar));
          const tsNorm = ts.norm();
          const align = W.mmul(ts).getColumn(0);
          const norms = Array.from({ length: m }, (_, i) => Matrix.rowVector(W.getRow(i)).norm());
          const drift = Array.from({ length: m }, (_, i) => Matrix.sub(Matrix.rowVector(W.getRow(i)), Matrix.rowVector(sim.W0.getRow(i))).norm());
          expect(sn.step).toBe(steps);
          expect(maxRelGap(sn.norms, norms)).toBeLessThan(1e-12);
          expect(maxRelGap(sn.alignment, align)).toBeLessThan(1e-12);
          expect(maxRelGap(sn.cosine, align.map((v, i) => v / (norms[i]! * tsNorm)))).toBeLessThan(1e-12);
          for (const c of sn.cosine) expect(Math.abs(c)).toBeLessThanOrEqual(1 + 1e-12);
          expect(maxRelGap(sn.drift, drift)).toBeLessThan(1e-12);
          const th = sim.state.a.mmul(W);
          expect(maxRelGap(sn.theta, th.getRow(0))).toBeLessThan(1e-12);
          expect(maxRelGap(sn.a, vec(sim.state.a))).toBe(0);
          expect(relGap(sn.thetaError, Matrix.sub(th, ts.transpose()).norm())).toBeLessThan(1e-12);
          const res = data.X.mmul(th.transpose()).sub(Matrix.columnVector(Array.from(data.y)));
          expect(relGap(sn.trainLoss, (0.5 * res.norm() ** 2) / n)).toBeLessThan(1e-12);
          const resT = data.Xtest.mmul(th.transpose()).sub(Matrix.columnVector(Array.from(data.ytest)));
          expect(relGap(sn.testLoss, (0.5 * resT.norm() ** 2) / 7)).toBeLessThan(1e-12);
          // the snapshot holds copies, not views of the live state
          expect(sn.a).not.toBe(vec(sim.state.a));
          expect(sn.theta).not.toBe(sim.theta);
        },
      ),
      fcOpts(901, 60),
    );
  });

  it('meanSquaredLoss is 0 at theta = theta*, (1/2n) sum <v, x_i>^2 at theta* + v, and 0 on an empty set', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 30 }), fc.integer({ min: 1, max: 8 }), fc.integer({ min: 0, max: 100_000 }), fc.integer({ min: -4, max: 4 }), (n, d, seed, vk) => {
        const data = makeDataset({ n, d, nTest: 0, thetaStarNorm: 1.3 }, seed);
        expect(meanSquaredLoss(data.thetaStar, data.X, data.y)).toBe(0);
        const v = Array.from({ length: d }, (_, k) => (vk * (k + 1)) / 8);
        const th = data.thetaStar.map((t, k) => t + v[k]!);
        let expected = 0;
        for (const r of rows(data.X)) expected += 0.5 * dot(v, r) ** 2;
        expected /= n;
        expect(Math.abs(meanSquaredLoss(th, data.X, data.y) - expected)).toBeLessThanOrEqual(1e-10 * (1 + expected));
        if (vk !== 0) expect(meanSquaredLoss(th, data.X, data.y)).toBeGreaterThan(0);
      }),
      fcOpts(902, 60),
    );
    const empty = makeDataset({ n: 1, d: 2, nTest: 0, thetaStarNorm: 1 }, 1);
    expect(meanSquaredLoss([5, 5], empty.Xtest, empty.ytest)).toBe(0);
  });

  it('summarize: means, max |a|, min drift and the escaped fraction (drift > 1/sqrt(m)) from a hand-made snapshot', () => {
    const row = summarize({
      step: 9,
      norms: Float64Array.from([1, 2, 3, 6]),
      alignment: Float64Array.from([0.5, -1, 2, 0.5]),
      cosine: Float64Array.from([0.1, -0.3, 0.2, -0.2]),
      drift: Float64Array.from([0.1, 0.5, 0.49, 0.8]), // 1/sqrt(4) = 0.5: only 0.8 is strictly outside
      a: Float64Array.from([0.1, -0.7, 0.3, 0]),
      theta: Float64Array.from([1, 2]),
      thetaError: 0.25,
      trainLoss: 1.5,
      testLoss: 2.5,
    });
    expect(row.step).toBe(9);
    expect(row.meanNorm).toBe(3);
    expect(row.meanAlignment).toBe(0.5);
    expect(Math.abs(row.meanAbsCosine - 0.2)).toBeLessThan(1e-15);
    expect(row.maxAbsA).toBe(0.7);
    expect(row.minDrift).toBe(0.1);
    expect(row.escaped).toBe(0.25);
    expect([row.thetaError, row.trainLoss, row.testLoss]).toEqual([0.25, 1.5, 2.5]);
  });

  it('cosine is 0 (not NaN) when theta* = 0 or a neuron is 0', () => {
    const data = makeDataset({ n: 4, d: 3, nTest: 0, thetaStarNorm: 0 }, 2);
    const s = initNTK(3, 3, 2);
    rows(s.W)[1]!.fill(0);
    const sn = snapshot(0, s, s.W.clone(), theta(s), data);
    expect(Array.from(sn.cosine)).toEqual([0, 0, 0]);
    const data2 = makeDataset({ n: 4, d: 3, nTest: 0, thetaStarNorm: 1 }, 2);
    const sn2 = snapshot(0, s, s.W.clone(), theta(s), data2);
    expect(sn2.cosine[1]).toBe(0);
    expect(sn2.cosine[0]).not.toBe(0);
  });
});

describe('matrix helpers', () => {
  it('rowVector / vec / dot / norm / allFinite', () => {
    const v = rowVector([3, 4]);
    expect([v.rows, v.columns]).toEqual([1, 2]);
    expect(Array.from(vec(v))).toEqual([3, 4]);
    expect(dot([1, 2, 3], [4, 5, 6])).toBe(32);
    expect(norm([3, 4])).toBe(5);
    expect(allFinite([1, 2, -3])).toBe(true);
    expect(allFinite([1, NaN])).toBe(false);
    expect(allFinite([Infinity])).toBe(false);
    expect(() => vec(new Matrix(0, 0))).toThrow(/empty matrix/);
  });
});
