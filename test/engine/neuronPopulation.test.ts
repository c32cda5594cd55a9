import fc from 'fast-check';
import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import { Simulation, initNTK, makeDataset, meanSquaredLoss, rows, snapshot, theta, vec } from '../../src/engine/index.js';
import { effectiveSupport, participationRatio, populationRow, prunedRelativeLoss, spectralNormSquared } from '../../src/engine/metrics/neuronPopulation.js';
import { fcOpts, relGap } from './helpers.js';

/** Tolerance of the float64 comparisons below (sums of at most a few thousand terms): 1e-12 relative. */
const TOL = 1e-12;

describe('neuron population metrics', () => {
  it('participation ratio: 1 when every neuron contributes equally, 1/m when one does, in [1/m, 1] always', () => {
    expect(participationRatio([1, -1, 1, -1], [2, 2, 2, 2])).toBe(1);
    expect(participationRatio([0, 3, 0, 0], [1, 1, 1, 1])).toBe(0.25);
    expect(participationRatio([0, 0], [1, 1])).toBe(0);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -50, max: 50 }), { minLength: 1, maxLength: 30 }), (as) => {
        const pr = participationRatio(as, as.map(() => 1));
        return as.every((a) => a === 0) ? pr === 0 : pr >= 1 / as.length - TOL && pr <= 1 + TOL;
      }),
      fcOpts(11, 200),
    );
  });

  it('||W||_2^2 equals the largest eigenvalue of the other Gram matrix W W^T and bounds every squared row norm', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 20 }), fc.integer({ min: 1, max: 8 }), fc.integer({ min: 0, max: 1000 }), (m, d, seed) => {
        const W = initNTK(m, d, seed).W;
        const s2 = spectralNormSquared(W);
        const outer = Math.max(...new EigenvalueDecomposition(W.mmul(W.transpose()), { assumeSymmetric: true }).realEigenvalues);
        return relGap(s2, outer) < 1e-10 && rows(W).every((w) => w.reduce((s, x) => s + x * x, 0) <= s2 * (1 + TOL));
      }),
      fcOpts(12, 60),
    );
  });

  it('populationRow equals direct computations from the state (means, cosines, losses, stable rank)', () => {
    const data = makeDataset({ n: 30, d: 5, nTest: 40, thetaStarNorm: 0.4 }, 's');
    const st = initNTK(12, 5, 's');
    const sim = new Simulation(st, data, { kind: 'sgd', eta: 0.05, batch: 1, sigma: 1 }, 's');
    sim.run({ steps: 300 });
    const row = populationRow(snapshot(300, st, sim.W0, sim.theta, data), st);
    const W = rows(st.W);
    const a = vec(st.a);
    const ts = data.thetaStar;
    const tsn = Math.hypot(...ts);
    const norms = W.map((w) => Math.hypot(...w));
    const cos = W.map((w, i) => w.reduce((s, x, k) => s + x * (ts[k] as number), 0) / ((norms[i] as number) * tsn));
    const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
    expect(relGap(row.meanNorm, mean(norms))).toBeLessThan(TOL);
    expect(relGap(row.meanSqNorm, mean(norms.map((r) => r * r)))).toBeLessThan(TOL);
    expect(relGap(row.meanAbsCos, mean(cos.map(Math.abs)))).toBeLessThan(TOL);
    expect(relGap(row.meanOrientedCos, mean(cos.map((c, i) => Math.sign(a[i] as number) * c)))).toBeLessThan(TOL);
    expect(relGap(row.testLoss, meanSquaredLoss(theta(st), data.Xtest, data.ytest))).toBeLessThan(TOL);
    expect(relGap(row.stableRank, (12 * row.meanSqNorm) / spectralNormSquared(st.W))).toBeLessThan(TOL);
    expect(row.stableRank).toBeGreaterThanOrEqual(1 - TOL);
  });

  it('pruning: keeping every neuron gives the model itself, keeping one gives its largest contribution', () => {
    const data = makeDataset({ n: 20, d: 4, nTest: 50, thetaStarNorm: 0.5 }, 'p');
    const st = initNTK(10, 4, 'p');
    const zero = meanSquaredLoss(new Float64Array(4), data.Xtest, data.ytest);
    expect(relGap(prunedRelativeLoss(st, data, 1), meanSquaredLoss(theta(st), data.Xtest, data.ytest) / zero)).toBeLessThan(TOL);
    const c = rows(st.W).map((w, i) => Math.abs(vec(st.a)[i] as number) * Math.hypot(...w));
    const top = c.indexOf(Math.max(...c));
    const only = new Matrix(1, 10);
    vec(only)[top] = vec(st.a)[top] as number;
    expect(relGap(prunedRelativeLoss(st, data, 0.01), meanSquaredLoss(theta({ W: st.W, a: only }), data.Xtest, data.ytest) / zero)).toBeLessThan(TOL);
  });

  it('effective support: k for k equal entries, 0 for the zero vector', () => {
    expect(effectiveSupport([0, 2, -2, 0, 2])).toBeCloseTo(3, 12);
    expect(effectiveSupport([0, 0])).toBe(0);
    expect(effectiveSupport([5])).toBe(1);
  });
});
