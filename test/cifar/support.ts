import * as tf from '@tensorflow/tfjs';
import { stream, type Rng } from '../../src/engine/rng.js';
import { fillOneHot, noisyLabels } from '../../src/cifar/noise.js';
import { loadCifar, type CifarSplit } from '../../src/cifar/data.js';
import { initFc, scalesOf, type FcConfig, type FcParams, type Update } from '../../src/cifar/fc.js';

/** Small real cases: the first n training and nTest test images of the shipped folder. */
export function smallCase(n: number, nTest: number, width: number, parameterization: FcConfig['parameterization'], seed: string): { cfg: FcConfig; p: FcParams; train: CifarSplit; test: CifarSplit } {
  const data = loadCifar(n, nTest, {});
  const cfg: FcConfig = { width, parameterization, wStd: 1, bStd: 1, d: 3072, k: 10 };
  return { cfg, p: initFc(cfg, stream(seed, 'init')), train: data.train, test: data.test };
}

/** An independent forward pass with tf ops on parameter tensors (for tf.grad). */
export function forwardTf(cfg: FcConfig, X: tf.Tensor2D, W1: tf.Tensor, b1: tf.Tensor, W2: tf.Tensor, b2: tf.Tensor): tf.Tensor2D {
  const { s1, s2, beta } = scalesOf(cfg);
  const h = tf.add(tf.mul(tf.matMul(X, W1 as tf.Tensor2D), s1), tf.mul(b1, beta));
  return tf.add(tf.mul(tf.matMul(tf.erf(h), W2 as tf.Tensor2D), s2), tf.mul(b2, beta)) as tf.Tensor2D;
}

export function paramTensors(cfg: FcConfig, p: FcParams): tf.Tensor[] {
  return [tf.tensor2d(p.W1, [cfg.d, cfg.width]), tf.tensor1d(p.b1), tf.tensor2d(p.W2, [cfg.width, cfg.k]), tf.tensor1d(p.b2)];
}

export function maxAbs(a: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] as number));
  return m;
}

export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Infinity;
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs((a[i] as number) - (b[i] as number)));
  return m;
}

/** Step s of the tests' mixed run: resample label noise (p = 0.5) from `rng` into T, and SAM (rho = 0.05) every third step, GD otherwise. */
export function noisySamStep(s: number, labels: Uint8Array, T: Float32Array, rng: Rng): { targets: Float32Array; update: Update } {
  return { targets: fillOneHot(T, noisyLabels(labels, { kind: 'resample', p: 0.5 }, rng)), update: s % 3 === 0 ? { kind: 'sam', rho: 0.05 } : { kind: 'gd' } };
}
