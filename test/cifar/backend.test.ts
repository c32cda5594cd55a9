import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { stream } from '../../src/engine/rng.js';
import { BACKENDS, backendFromEnv, initBackend, parseBackend } from '../../src/cifar/backend.js';
import { chwToHwc } from '../../src/cifar/data.js';
import { conv3x3, initCnn, trainCnn } from '../../src/cifar/cnn.js';
import { FcNet } from '../../src/cifar/fc.js';
import { fillOneHot, noisyLabels } from '../../src/cifar/noise.js';
import { maxAbs, maxAbsDiff, smallCase } from './support.js';

/**
 * The same code on wasm and cpu. Declared tolerance: 1e-4 relative to the largest output after
 * 25 full-batch steps of the FC network at eta = 0.01 (float32 on both; the backends sum in different orders and
 * their erf approximations differ in the 7th digit; measured about 5e-6), and 1e-3 on the CNN's test loss and
 * accuracies after one epoch.
 */
const FC_TOL = 1e-4;
const CNN_TOL = 1e-3;

describe('AUDIT_BACKEND', () => {
  it('parses the known backends, defaults to wasm, and rejects anything else with one line naming it', () => {
    for (const b of BACKENDS) expect(parseBackend(b)).toBe(b);
    expect(parseBackend(' WASM ')).toBe('wasm');
    expect(backendFromEnv({})).toBe('wasm');
    expect(backendFromEnv({ AUDIT_BACKEND: '' })).toBe('wasm');
    expect(backendFromEnv({ AUDIT_BACKEND: 'cpu' })).toBe('cpu');
    for (const bad of ['gpu', 'cuda', 'webgl2', 'wasm,cpu']) {
      let msg = '';
      try {
        backendFromEnv({ AUDIT_BACKEND: bad });
      } catch (e) {
        expect(e).toBeInstanceOf(InputError);
        msg = (e as Error).message;
      }
      expect(msg).toContain('AUDIT_BACKEND');
      expect(msg).toContain(JSON.stringify(bad));
      expect(msg).not.toContain('\n');
    }
  });

  it('an optional backend whose package is not installed fails with one line naming the backend and the package', async () => {
    for (const [b, pkg] of [
      ['node-gpu', '@tensorflow/tfjs-node-gpu'],
      ['node', '@tensorflow/tfjs-node'],
      ['webgpu', '@tensorflow/tfjs-backend-webgpu'],
    ] as const) {
      let installed = true;
      try {
        await import(pkg as string);
      } catch {
        installed = false;
      }
      if (installed) continue; // a user's machine with the package: nothing to check here
      const err = await initBackend(b).then(
        () => undefined,
        (e: Error) => e,
      );
      expect(err, b).toBeInstanceOf(InputError);
      expect(err?.message).toContain(`AUDIT_BACKEND=${b}`);
      expect(err?.message).toContain(pkg);
      expect(err?.message).not.toContain('\n');
    }
  });
});

describe('wasm and cpu agree', () => {
  it(`FC network: 25 full-batch label-noise steps, outputs within ${FC_TOL} (relative to the largest)`, async () => {
    const { cfg, p, train, test } = smallCase(16, 8, 32, 'standard', 'backend-agree');
    const out: Record<string, { train: Float32Array; test: Float32Array }> = {};
    const descriptions: string[] = [];
    for (const b of ['wasm', 'cpu'] as const) {
      const info = await initBackend(b);
      descriptions.push(info.description);
      expect(tf.getBackend()).toBe(b);
      const net = new FcNet(cfg, p, train, test);
      const rng = stream('agree', 'noise');
      const T = new Float32Array(16 * 10);
      for (let s = 0; s < 25; s++) net.step(0.01, fillOneHot(T, noisyLabels(train.labels, { kind: 'resample', p: 0.5 }, rng)), s % 5 === 4 ? { kind: 'sam', rho: 0.05 } : { kind: 'gd' });
      out[b] = await net.outputs();
      net.dispose();
    }
    expect(descriptions[0]).toContain('wasm');
    const w = out.wasm as { train: Float32Array; test: Float32Array };
    const c = out.cpu as { train: Float32Array; test: Float32Array };
    expect(maxAbsDiff(w.train, c.train) / maxAbs(c.train)).toBeLessThan(FC_TOL);
    expect(maxAbsDiff(w.test, c.test) / maxAbs(c.test)).toBeLessThan(FC_TOL);
    await initBackend('wasm');
  });

  it(`CNN: one epoch of label-noise SGD, test loss, accuracy and pruned accuracies within ${CNN_TOL}`, async () => {
    const { train, test } = smallCase(64, 32, 8, 'standard', 'cnn-agree');
    const Xtr = chwToHwc(train.X, 64);
    const Xte = chwToHwc(test.X, 32);
    const cfg = { c1: 4, c2: 8, side: 32, k: 10 };
    const res: number[][] = [];
    for (const b of ['wasm', 'cpu'] as const) {
      await initBackend(b);
      const r = await trainCnn(cfg, { lr: 0.02, batch: 16, epochs: 1 }, initCnn(cfg, stream('cnn-agree', 'init')), { X: Xtr, labels: train.labels }, { X: Xte, labels: test.labels }, { kind: 'flip', tau: 0.2 }, 'cnn-agree', 'ln', [1, 0.5]);
      res.push([...r.testLoss, ...r.testAcc, ...r.pruned]);
    }
    expect(maxAbsDiff(res[0] as number[], res[1] as number[])).toBeLessThan(CNN_TOL);
    await initBackend('wasm');
  });

  it('the conv3x3 custom gradient equals tf.grad of tf.conv2d (cpu backend, which has Conv2DBackpropFilter)', async () => {
    await initBackend('cpu');
    const rng = stream('conv-grad');
    const x = tf.tensor4d(Array.from({ length: 2 * 6 * 6 * 3 }, () => rng.gaussian()), [2, 6, 6, 3]);
    const w = tf.tensor4d(Array.from({ length: 3 * 3 * 3 * 5 }, () => rng.gaussian()), [3, 3, 3, 5]);
    const up = tf.tensor4d(Array.from({ length: 2 * 6 * 6 * 5 }, () => rng.gaussian()), [2, 6, 6, 5]);
    const mine = tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.sum(tf.mul(conv3x3(a as tf.Tensor4D, b as tf.Tensor4D, true), up)))([x, w]);
    const ref = tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.sum(tf.mul(tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, 1, 'same'), up)))([x, w]);
    for (let i = 0; i < 2; i++) {
      const m = (await (mine[i] as tf.Tensor).data()) as Float32Array;
      const r = (await (ref[i] as tf.Tensor).data()) as Float32Array;
      expect(maxAbsDiff(m, r) / maxAbs(r)).toBeLessThan(1e-5);
    }
    const val = await conv3x3(x, w, true).data();
    const refVal = await tf.conv2d(x, w, 1, 'same').data();
    expect(maxAbsDiff(val, refVal)).toBeLessThan(1e-5);
    [x, w, up, ...mine, ...ref].forEach((t) => t.dispose());
    await initBackend('wasm');
  });
});
