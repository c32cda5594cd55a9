import * as tf from '@tensorflow/tfjs';
import { InputError, requireNumber } from '../errors.js';
import { stream, type Rng } from '../engine/rng.js';
import { CIFAR_CLASSES } from './reader.js';
import { noisyLabels, type LabelNoise } from './noise.js';

/**
 * Figure 1, scaled: a small CNN (conv3x3 -> relu -> maxpool2 -> conv3x3 -> relu -> maxpool2 ->
 * dense 10) trained with cross-entropy by plain minibatch SGD (no momentum, no weight decay), with
 * or without label noise (Algorithm 1: flip to another class with probability tau, redrawn at
 * every step), then pruned by global magnitude (no fine-tuning) and evaluated.
 *
 * The 3x3 'same' convolution has a hand-written gradient (tf.customGrad): the wasm backend has no
 * Conv2DBackpropFilter kernel, so the filter gradient is formed from the input patches (im2col,
 * pre-transposed) and the input gradient by conv2dTranspose. The same code runs on every backend.
 */
export interface CnnConfig {
  /** channels of the two conv layers */
  c1: number;
  c2: number;
  /** input side (32, or 16 after 2x2 average pooling of the 32x32 images) */
  side: number;
  k: number;
}

export interface CnnTrainConfig {
  lr: number;
  batch: number;
  epochs: number;
}

export function validateCnn(c: CnnConfig, t: CnnTrainConfig): void {
  requireNumber('c1', c.c1, { min: 1, integer: true });
  requireNumber('c2', c.c2, { min: 1, integer: true });
  requireNumber('side', c.side, { min: 4, integer: true });
  if (c.side % 4 !== 0) throw new InputError('side', `expected a multiple of 4, got ${c.side}`);
  requireNumber('lr', t.lr, { min: 0, exclusiveMin: true });
  requireNumber('batch', t.batch, { min: 1, integer: true });
  requireNumber('epochs', t.epochs, { min: 1, integer: true });
}

/** patches(x)[b,i,j,(kh,kw,c)] = xpad[b, i+kh, j+kw, c]: the im2col of a 3x3 'same' convolution, [B, H, W, 9C]. */
function patches3x3(x: tf.Tensor4D): tf.Tensor4D {
  const [B, H, W, C] = x.shape;
  const xp = tf.pad(x, [
    [0, 0],
    [1, 1],
    [1, 1],
    [0, 0],
  ]);
  const parts: tf.Tensor4D[] = [];
  for (let kh = 0; kh < 3; kh++) for (let kw = 0; kw < 3; kw++) parts.push(tf.slice(xp, [0, kh, kw, 0], [B, H, W, C]));
  return tf.concat(parts, 3);
}

/** 3x3 'same' stride-1 convolution with a gradient that avoids Conv2DBackpropFilter. */
export function conv3x3(x: tf.Tensor4D, w: tf.Tensor4D, inputGrad: boolean): tf.Tensor4D {
  const f = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const X = args[0] as tf.Tensor4D;
    const Wt = args[1] as tf.Tensor4D;
    (args[2] as tf.GradSaveFunc)([X, Wt]);
    return {
      value: tf.conv2d(X, Wt, 1, 'same'),
      gradFunc: (dy: tf.Tensor4D, saved: tf.Tensor[]) => {
        const [Xs, Ws] = saved as [tf.Tensor4D, tf.Tensor4D];
        const [B, H, W, C] = Xs.shape;
        const O = Ws.shape[3];
        const P = patches3x3(Xs).reshape([B * H * W, 9 * C]);
        const dW = tf.matMul(tf.transpose(P), (dy as tf.Tensor4D).reshape([B * H * W, O])).reshape([3, 3, C, O]);
        const dX = inputGrad ? tf.conv2dTranspose(dy as tf.Tensor4D, Ws, [B, H, W, C], 1, 'same') : tf.zerosLike(Xs);
        return [dX, dW];
      },
    };
  });
  return f(x, w) as tf.Tensor4D;
}

export interface CnnParams {
  w1: Float32Array; // 3 x 3 x 3 x c1
  b1: Float32Array;
  w2: Float32Array; // 3 x 3 x c1 x c2
  b2: Float32Array;
  wd: Float32Array; // (side/4)^2 c2 x k
  bd: Float32Array;
}

/** He-normal weights (std sqrt(2 / fan_in)), zero biases, from a seeded stream. */
export function initCnn(c: CnnConfig, rng: Rng): CnnParams {
  const g = (n: number, std: number): Float32Array => {
    const out = new Float32Array(n);
    for (let i = 0; i < n; i++) out[i] = std * rng.gaussian();
    return out;
  };
  const flat = (c.side / 4) * (c.side / 4) * c.c2;
  return {
    w1: g(27 * c.c1, Math.sqrt(2 / 27)),
    b1: new Float32Array(c.c1),
    w2: g(9 * c.c1 * c.c2, Math.sqrt(2 / (9 * c.c1))),
    b2: new Float32Array(c.c2),
    wd: g(flat * c.k, Math.sqrt(1 / flat)),
    bd: new Float32Array(c.k),
  };
}

export const PRUNED_KEYS = ['w1', 'w2', 'wd'] as const;

export class Cnn {
  readonly cfg: CnnConfig;
  readonly vars: Record<keyof CnnParams, tf.Variable>;

  constructor(cfg: CnnConfig, p: CnnParams) {
    this.cfg = cfg;
    const { c1, c2, side, k } = cfg;
    const flat = (side / 4) * (side / 4) * c2;
    this.vars = {
      w1: tf.variable(tf.tensor4d(p.w1, [3, 3, 3, c1])),
      b1: tf.variable(tf.tensor1d(p.b1)),
      w2: tf.variable(tf.tensor4d(p.w2, [3, 3, c1, c2])),
      b2: tf.variable(tf.tensor1d(p.b2)),
      wd: tf.variable(tf.tensor2d(p.wd, [flat, k])),
      bd: tf.variable(tf.tensor1d(p.bd)),
    };
  }

  logits(x: tf.Tensor4D): tf.Tensor2D {
    const v = this.vars;
    const h1 = tf.maxPool(tf.relu(tf.add(conv3x3(x, v.w1 as tf.Tensor4D, false), v.b1)) as tf.Tensor4D, 2, 2, 'valid');
    const h2 = tf.maxPool(tf.relu(tf.add(conv3x3(h1, v.w2 as tf.Tensor4D, true), v.b2)) as tf.Tensor4D, 2, 2, 'valid');
    const flat = h2.reshape([h2.shape[0], -1]) as tf.Tensor2D;
    return tf.add(tf.matMul(flat, v.wd as tf.Tensor2D), v.bd) as tf.Tensor2D;
  }

  async params(): Promise<CnnParams> {
    const out: Partial<CnnParams> = {};
    for (const [key, t] of Object.entries(this.vars)) out[key as keyof CnnParams] = (await t.data()) as Float32Array;
    return out as CnnParams;
  }

  setParams(p: CnnParams): void {
    for (const [key, t] of Object.entries(this.vars)) t.assign(tf.tensor(p[key as keyof CnnParams], t.shape));
  }

  /** Mean cross-entropy and accuracy on a set (evaluated in chunks). */
  evaluate(X: Float32Array, labels: Uint8Array, chunk = 128): { loss: number; acc: number } {
    const { side, k } = this.cfg;
    const n = labels.length;
    let loss = 0;
    let ok = 0;
    for (let s = 0; s < n; s += chunk) {
      const b = Math.min(chunk, n - s);
      const [l, pred] = tf.tidy(() => {
        const x = tf.tensor4d(X.subarray(s * side * side * 3, (s + b) * side * side * 3), [b, side, side, 3]);
        const z = this.logits(x);
        const y = tf.oneHot(tf.tensor1d(labels.subarray(s, s + b), 'int32'), k);
        const lsm = tf.logSoftmax(z);
        return [tf.neg(tf.sum(tf.mul(y, lsm))).dataSync()[0] as number, tf.argMax(z, 1).dataSync() as Int32Array];
      }) as [number, Int32Array];
      loss += l;
      for (let i = 0; i < b; i++) if (pred[i] === labels[s + i]) ok++;
    }
    return { loss: loss / n, acc: ok / n };
  }

  dispose(): void {
    Object.values(this.vars).forEach((t) => t.dispose());
  }
}

/** 2x2 average pooling of HWC images (side -> side / 2). */
export function downsampleHwc(X: Float32Array, n: number, side: number): Float32Array {
  const s2 = side / 2;
  const out = new Float32Array(n * s2 * s2 * 3);
  for (let i = 0; i < n; i++)
    for (let r = 0; r < s2; r++)
      for (let c = 0; c < s2; c++)
        for (let ch = 0; ch < 3; ch++) {
          const at = (rr: number, cc: number): number => X[((i * side + rr) * side + cc) * 3 + ch] as number;
          out[((i * s2 + r) * s2 + c) * 3 + ch] = 0.25 * (at(2 * r, 2 * c) + at(2 * r + 1, 2 * c) + at(2 * r, 2 * c + 1) + at(2 * r + 1, 2 * c + 1));
        }
  return out;
}

export interface CnnRunResult {
  /** per epoch: test loss and accuracy (clean labels) */
  testAcc: number[];
  testLoss: number[];
  trainAcc: number;
  /** test accuracy after global magnitude pruning, one per kept fraction */
  pruned: number[];
  diverged?: string;
}

/**
 * Global magnitude pruning: keep the `keep` fraction of the conv and dense weights (biases kept)
 * with the largest |w| over all layers at once; the rest set to 0. No fine-tuning.
 */
export function pruneByMagnitude(p: CnnParams, keep: number): CnnParams {
  const all: number[] = [];
  for (const key of PRUNED_KEYS) for (const v of p[key]) all.push(Math.abs(v));
  const total = all.length;
  const kept = Math.max(0, Math.min(total, Math.round(keep * total)));
  const out: CnnParams = { ...p, w1: p.w1.slice(), w2: p.w2.slice(), wd: p.wd.slice() };
  if (kept >= total) return out;
  const sorted = Float64Array.from(all).sort();
  const thr = kept === 0 ? Infinity : (sorted[total - kept] as number);
  // ties at the threshold: keep in order of appearance until `kept` are kept
  let budgetAtThr = 0;
  for (let i = total - kept; i < total; i++) if (sorted[i] === thr) budgetAtThr++;
  for (const key of PRUNED_KEYS) {
    const w = out[key];
    for (let i = 0; i < w.length; i++) {
      const a = Math.abs(w[i] as number);
      if (a > thr) continue;
      if (a === thr && budgetAtThr > 0) {
        budgetAtThr--;
        continue;
      }
      w[i] = 0;
    }
  }
  return out;
}

/**
 * Trains one CNN: epochs of shuffled minibatches (order from stream `${seed}/order`, shared by
 * every noise setting of a seed so that runs are paired), noisy labels from `${seed}/noise/${name}`.
 */
export async function trainCnn(
  cfg: CnnConfig,
  tc: CnnTrainConfig,
  init: CnnParams,
  train: { X: Float32Array; labels: Uint8Array },
  test: { X: Float32Array; labels: Uint8Array },
  noise: LabelNoise,
  seed: string,
  name: string,
  keepFractions: readonly number[],
): Promise<CnnRunResult> {
  validateCnn(cfg, tc);
  const { side, k } = cfg;
  const n = train.labels.length;
  const img = side * side * 3;
  const net = new Cnn(cfg, init);
  const opt = tf.train.sgd(tc.lr);
  const order = stream(seed, 'order');
  const noiseRng = stream(seed, 'noise', name);
  const testAcc: number[] = [];
  const testLoss: number[] = [];
  const xb = new Float32Array(tc.batch * img);
  try {
    for (let e = 0; e < tc.epochs; e++) {
      const perm = Array.from({ length: n }, (_, i) => i);
      for (let i = n - 1; i > 0; i--) {
        const j = order.int(i + 1);
        [perm[i], perm[j]] = [perm[j] as number, perm[i] as number];
      }
      for (let s = 0; s + tc.batch <= n; s += tc.batch) {
        const idx = perm.slice(s, s + tc.batch);
        const lab = new Uint8Array(idx.map((i) => train.labels[i] as number));
        const noisy = noisyLabels(lab, noise, noiseRng, k);
        idx.forEach((i, r) => xb.set(train.X.subarray(i * img, (i + 1) * img), r * img));
        tf.tidy(() => {
          const x = tf.tensor4d(xb, [tc.batch, side, side, 3]);
          const y = tf.oneHot(tf.tensor1d(noisy, 'int32'), k);
          opt.minimize(() => tf.neg(tf.mean(tf.sum(tf.mul(y, tf.logSoftmax(net.logits(x))), 1))) as tf.Scalar);
        });
      }
      const ev = net.evaluate(test.X, test.labels);
      if (!Number.isFinite(ev.loss)) return { testAcc, testLoss, trainAcc: 0, pruned: [], diverged: `diverged in epoch ${e + 1}` };
      testAcc.push(ev.acc);
      testLoss.push(ev.loss);
    }
    const trainAcc = net.evaluate(train.X, train.labels).acc;
    const final = await net.params();
    const pruned: number[] = [];
    for (const keep of keepFractions) {
      net.setParams(pruneByMagnitude(final, keep));
      pruned.push(net.evaluate(test.X, test.labels).acc);
    }
    return { testAcc, testLoss, trainAcc, pruned };
  } finally {
    net.dispose();
    opt.dispose();
  }
}
