import * as tf from '@tensorflow/tfjs';
import { Matrix, solve } from 'ml-matrix';
import { beforeAll, describe, expect, it } from 'vitest';
import { stream } from '../../src/engine/rng.js';
import { initBackend } from '../../src/cifar/backend.js';
import { erf64 } from '../../src/cifar/erf.js';
import { FcNet } from '../../src/cifar/fc.js';
import { LinearizedFcNet } from '../../src/cifar/linearizedNet.js';
import { fillOneHot, noisyLabels } from '../../src/cifar/noise.js';
import { empiricalNtk, hiddenFeatures, LinearizedPredictor, LinearizedSteps, outputsFromFeatures, symEig } from '../../src/cifar/ntk.js';
import { forwardTf, maxAbs, maxAbsDiff, paramTensors, smallCase } from './support.js';

beforeAll(async () => {
  await initBackend('wasm');
});

describe('erf64', () => {
  it('matches reference values to 1e-13', () => {
    const ref: [number, number][] = [
      [0, 0],
      [0.1, 0.1124629160182849],
      [0.5, 0.5204998778130465],
      [1, 0.8427007929497149],
      [2, 0.9953222650189527],
      [3, 0.9999779095030014],
      [3.5, 0.9999992569016276],
      [4.5, 0.9999999998033839],
      [-1.5, -0.9661051464753108],
    ];
    for (const [x, v] of ref) expect(Math.abs(erf64(x) - v), `erf(${x})`).toBeLessThan(1e-13);
  });
});

for (const parameterization of ['standard', 'ntk'] as const) {
  describe(`FC network, ${parameterization} parameterization`, () => {
    const { cfg, p, train, test } = smallCase(6, 4, 24, parameterization, `ntk-test/${parameterization}`);

    it('hand-written gradients equal tf.grad of 0.5 * mean((f - y)^2)', async () => {
      const net = new FcNet(cfg, p, train, test);
      const T = fillOneHot(new Float32Array(6 * 10), noisyLabels(train.labels, { kind: 'resample', p: 0.5 }, stream('g', parameterization)));
      const mine = await net.gradients(T);
      net.dispose();
      const P = paramTensors(cfg, p);
      const X = tf.tensor2d(train.X, [6, 3072]);
      const Tt = tf.tensor2d(T, [6, 10]);
      const g = tf.grads((W1: tf.Tensor, b1: tf.Tensor, W2: tf.Tensor, b2: tf.Tensor) => tf.mul(0.5, tf.mean(tf.square(tf.sub(forwardTf(cfg, X, W1, b1, W2, b2), Tt)))))(P);
      const auto = await Promise.all(g.map((t) => t.data()));
      const names = ['W1', 'b1', 'W2', 'b2'] as const;
      names.forEach((nm, i) => {
        const a = auto[i] as Float32Array;
        expect(maxAbsDiff(mine[nm], a) / (maxAbs(a) + 1e-30), nm).toBeLessThan(2e-4);
      });
      [...P, X, Tt, ...g].forEach((t) => t.dispose());
    });

    it('the float32 forward pass agrees with the float64 one', async () => {
      const net = new FcNet(cfg, p, train, test);
      const o = await net.outputs();
      net.dispose();
      const f64 = outputsFromFeatures(cfg, p, hiddenFeatures(cfg, p, train.X, 6).A, 6);
      expect(maxAbsDiff(o.train, f64) / maxAbs(f64)).toBeLessThan(1e-5);
    });

    it('the explicit-contraction NTK equals inner products of tf.grad Jacobian rows', async () => {
      const ntk = empiricalNtk(cfg, p, test.X, 4, train.X, 6);
      const P = paramTensors(cfg, p);
      const grad = async (X: Float32Array, i: number, c: number): Promise<Float32Array> => {
        const x = tf.tensor2d(X.subarray(i * 3072, (i + 1) * 3072), [1, 3072]);
        const g = tf.grads((W1: tf.Tensor, b1: tf.Tensor, W2: tf.Tensor, b2: tf.Tensor) => tf.sum(tf.slice(forwardTf(cfg, x, W1, b1, W2, b2), [0, c], [1, 1])))(P);
        const parts = await Promise.all(g.map((t) => t.data()));
        g.forEach((t) => t.dispose());
        x.dispose();
        const out = new Float32Array(parts.reduce((s, q) => s + q.length, 0));
        let o = 0;
        for (const q of parts) {
          out.set(q as Float32Array, o);
          o += q.length;
        }
        return out;
      };
      const pairs: [number, number, number, number][] = [
        [0, 0, 0, 0],
        [1, 3, 2, 3],
        [2, 4, 5, 7],
        [3, 9, 1, 9],
        [0, 2, 4, 6],
      ];
      for (const [i, c, j, c2] of pairs) {
        const gi = await grad(test.X, i, c);
        const gj = await grad(train.X, j, c2);
        let dot = 0;
        for (let q = 0; q < gi.length; q++) dot += (gi[q] as number) * (gj[q] as number);
        const mine = ntk.full[(i * 10 + c) * 60 + j * 10 + c2] as number;
        const scale = Math.abs(ntk.full[(i * 10 + c) * 60 + j * 10 + c] as number) + Math.abs(mine);
        expect(Math.abs(mine - dot) / scale, `Theta[(${i},${c}),(${j},${c2})] = ${mine} vs autodiff ${dot}`).toBeLessThan(1e-4);
      }
      P.forEach((t) => t.dispose());
      // the traced kernel is the logit-mean of the diagonal blocks
      let tr = 0;
      for (let c = 0; c < 10; c++) tr += ntk.full[(2 * 10 + c) * 60 + 5 * 10 + c] as number;
      expect(Math.abs((ntk.traced[2 * 6 + 5] as number) - tr / 10)).toBeLessThan(1e-12 * Math.abs(tr));
    });

    it('closed form (steps) = explicit function-space steps = explicit parameter-space steps of the linearized model (with label noise, GD and SAM steps); flow within its bound; t = 0 and t -> infinity limits', async () => {
      const n = 6;
      const k = 10;
      const N = n * k;
      const tt = empiricalNtk(cfg, p, train.X, n, train.X, n);
      const dt = empiricalNtk(cfg, p, test.X, 4, train.X, n);
      const f0 = outputsFromFeatures(cfg, p, hiddenFeatures(cfg, p, train.X, n).A, n);
      const f0t = outputsFromFeatures(cfg, p, hiddenFeatures(cfg, p, test.X, 4).A, 4);
      const { lambda } = symEig(tt.full, N);
      const lmax = Math.max(...lambda);
      expect(Math.min(...lambda)).toBeGreaterThan(-1e-9 * lmax); // PSD up to rounding
      const eta = (0.5 * N) / lmax; // the fastest direction decays by 1/2 per step
      const steps = new LinearizedPredictor(tt.full, N, dt.full, 4 * k, f0, train.Y, f0t, 1, eta, N, 'steps');
      const flow = new LinearizedPredictor(tt.full, N, dt.full, 4 * k, f0, train.Y, f0t, 1, eta, N, 'flow');
      const fs = new LinearizedSteps(tt.full, dt.full, f0, f0t, train.labels, k, eta);
      const pnet = new LinearizedFcNet(cfg, p, train.X, n, test.X, 4);
      const rng1 = stream('lin', parameterization);
      const rng2 = stream('lin', parameterization);
      const noisyFs = new LinearizedSteps(tt.full, dt.full, f0, f0t, train.labels, k, eta);
      // the same with full-batch SAM steps (rho = 0.05) on every third step, in both spaces
      const rho = (t: number): number => (t % 3 === 2 ? 0.05 : 0);
      const T = new Float32Array(N);
      const R = Math.sqrt(f0.reduce((s, v, i) => s + (v - (train.Y[i] as number)) ** 2, 0));
      const a = 0.5;
      const flowBound = (a / (2 * Math.E * (1 - a))) * R;
      for (let t = 0; t <= 40; t++) {
        if (t % 10 === 0) {
          const cs = steps.at(t);
          const ex = fs.outputs();
          expect(maxAbsDiff(cs.train, ex.train), `train, t = ${t}`).toBeLessThan(1e-9 * (1 + maxAbs(cs.train)));
          expect(maxAbsDiff(cs.test, ex.test), `test, t = ${t}`).toBeLessThan(1e-9 * (1 + maxAbs(cs.test)));
          const fl = flow.at(t);
          let d2 = 0;
          for (let i = 0; i < N; i++) d2 += ((fl.train[i] as number) - (cs.train[i] as number)) ** 2;
          expect(Math.sqrt(d2), `flow vs steps at t = ${t}`).toBeLessThanOrEqual(flowBound * (1 + 1e-9) + 1e-12);
          const pn = await pnet.outputs();
          const nf = noisyFs.outputs();
          expect(maxAbsDiff(pn.train, nf.train) / maxAbs(nf.train), `parameter vs function space, train, t = ${t}`).toBeLessThan(2e-4);
          expect(maxAbsDiff(pn.test, nf.test) / maxAbs(nf.test), `parameter vs function space, test, t = ${t}`).toBeLessThan(2e-4);
        }
        fs.step(train.labels);
        const noisy = noisyLabels(train.labels, { kind: 'resample', p: 0.5 }, rng1);
        noisyFs.step(noisy, rho(t));
        pnet.step(eta, fillOneHot(T, noisyLabels(train.labels, { kind: 'resample', p: 0.5 }, rng2)), rho(t));
      }
      pnet.dispose();
      // t = 0: f_0; t -> infinity: y on the training points, kernel regression from f_0 on the test points
      const z = flow.at(0);
      expect(maxAbsDiff(z.train, f0)).toBeLessThan(1e-10);
      expect(maxAbsDiff(z.test, f0t)).toBeLessThan(1e-12);
      const inf = flow.at(Infinity);
      expect(maxAbsDiff(inf.train, train.Y)).toBeLessThan(1e-6);
      const K = new Matrix(N, N);
      for (let i = 0; i < N; i++) for (let j = 0; j < N; j++) K.set(i, j, tt.full[i * N + j] as number);
      const rhs = Matrix.columnVector(Array.from(train.Y, (v, i) => v - (f0[i] as number)));
      const alpha = solve(K, rhs);
      for (let q = 0; q < 4 * k; q++) {
        let s = f0t[q] as number;
        for (let i = 0; i < N; i++) s += (dt.full[q * N + i] as number) * alpha.get(i, 0);
        expect(Math.abs((inf.test[q] as number) - s), `test output ${q} at t = infinity`).toBeLessThan(1e-5 * (1 + Math.abs(s)));
      }
      // a long time approaches the limit
      expect(maxAbsDiff(steps.at(1e6).train, train.Y)).toBeLessThan(1e-4);
    });
  });
}
