import * as tf from '@tensorflow/tfjs';
import { InputError, requireNumber } from '../errors.js';
import type { Rng } from '../engine/rng.js';
import { CIFAR_CLASSES, CIFAR_PIXELS } from './reader.js';

/**
 * The authors' real-world network: x (3072) -> Dense(m) -> erf -> Dense(10), trained on
 * L = 0.5 * mean over all n x 10 entries of (f(x) - y)^2.
 *
 * Written with explicit scale factors so that one code serves both parameterizations:
 *   h = s1 * x W1 + beta * b1,   a = erf(h),   f = s2 * a W2 + beta * b2.
 * - standard (the authors' code): s1 = s2 = beta = 1, W1 ~ N(0, wStd^2 / 3072), W2 ~ N(0, wStd^2 / m), biases ~ N(0, bStd^2).
 * - ntk (the paper's text, Jacot et al.): s1 = wStd / sqrt(3072), s2 = wStd / sqrt(m), beta = bStd, every parameter ~ N(0, 1).
 * At initialization both give the same distribution of functions; they differ in how fast each
 * layer moves under the same learning rate.
 */
export type Parameterization = 'standard' | 'ntk';

export interface FcConfig {
  /** hidden width m (512 in the authors' code) */
  width: number;
  parameterization: Parameterization;
  wStd: number;
  bStd: number;
  /** input dimension (3072) and classes (10) */
  d: number;
  k: number;
}

export const AUTHORS_FC: FcConfig = { width: 512, parameterization: 'standard', wStd: 1, bStd: 1, d: CIFAR_PIXELS, k: CIFAR_CLASSES };

export function validateFcConfig(c: FcConfig): FcConfig {
  requireNumber('width', c.width, { min: 1, integer: true });
  requireNumber('d', c.d, { min: 1, integer: true });
  requireNumber('k', c.k, { min: 1, integer: true });
  requireNumber('wStd', c.wStd, { min: 0, exclusiveMin: true });
  requireNumber('bStd', c.bStd, { min: 0 });
  if (c.parameterization !== 'standard' && c.parameterization !== 'ntk') throw new InputError('parameterization', `expected standard or ntk, got ${JSON.stringify(c.parameterization)}`);
  return c;
}

export interface Scales {
  s1: number;
  s2: number;
  beta: number;
  /** init standard deviations of W1, W2 and the biases */
  w1Std: number;
  w2Std: number;
  bInitStd: number;
}

export function scalesOf(c: FcConfig): Scales {
  if (c.parameterization === 'ntk') return { s1: c.wStd / Math.sqrt(c.d), s2: c.wStd / Math.sqrt(c.width), beta: c.bStd, w1Std: 1, w2Std: 1, bInitStd: 1 };
  return { s1: 1, s2: 1, beta: 1, w1Std: c.wStd / Math.sqrt(c.d), w2Std: c.wStd / Math.sqrt(c.width), bInitStd: c.bStd };
}

/** Host copies of the parameters (float32): W1 is d x m (row-major), W2 is m x k. */
export interface FcParams {
  W1: Float32Array;
  b1: Float32Array;
  W2: Float32Array;
  b2: Float32Array;
}

function gaussians(n: number, std: number, rng: Rng): Float32Array {
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = std * rng.gaussian();
  return out;
}

/** Initialization from a seeded stream (the same on every backend): W1, b1, W2, b2 in that order. */
export function initFc(c: FcConfig, rng: Rng): FcParams {
  validateFcConfig(c);
  const s = scalesOf(c);
  return {
    W1: gaussians(c.d * c.width, s.w1Std, rng),
    b1: gaussians(c.width, s.bInitStd, rng),
    W2: gaussians(c.width * c.k, s.w2Std, rng),
    b2: gaussians(c.k, s.bInitStd, rng),
  };
}

/** What is logged along a run (losses and accuracies against the clean labels). */
export interface FcSnapshot {
  step: number;
  trainLoss: number;
  testLoss: number;
  trainAcc: number;
  testAcc: number;
  /** mean and standard deviation over hidden units of the norm of each unit's incoming weight vector (column of W1, raw parameters) */
  normMean: number;
  normStd: number;
  /** ||W1||_F (raw parameters) */
  frob: number;
}

export type Update = { kind: 'gd' } | { kind: 'sam'; rho: number };

const TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);

/**
 * A network on the device: parameters as tf.Variables, the train and test inputs as constants (X
 * and its pre-transposed X^T: a transposeA matMul is far slower on wasm), full-batch steps with
 * hand-written gradients (checked against tf.grad in test/cifar). Every op is a tf op in float32,
 * so the same code runs on every backend.
 */
export class FcNet {
  readonly cfg: FcConfig;
  readonly sc: Scales;
  readonly n: number;
  readonly nTest: number;
  private readonly W1: tf.Variable;
  private readonly b1: tf.Variable;
  private readonly W2: tf.Variable;
  private readonly b2: tf.Variable;
  private readonly X: tf.Tensor2D;
  private readonly XT: tf.Tensor2D;
  private readonly Xtest: tf.Tensor2D;
  private readonly Y: tf.Tensor2D;
  private readonly Ytest: tf.Tensor2D;
  private readonly labels: Uint8Array;
  private readonly testLabels: Uint8Array;
  private readonly Yhost: Float32Array;
  private readonly YtestHost: Float32Array;

  constructor(cfg: FcConfig, p: FcParams, train: { X: Float32Array; Y: Float32Array; labels: Uint8Array; n: number }, test: { X: Float32Array; Y: Float32Array; labels: Uint8Array; n: number }) {
    this.cfg = validateFcConfig(cfg);
    this.sc = scalesOf(cfg);
    this.n = train.n;
    this.nTest = test.n;
    const { d, width: m, k } = cfg;
    this.W1 = tf.variable(tf.tensor2d(p.W1, [d, m]));
    this.b1 = tf.variable(tf.tensor1d(p.b1));
    this.W2 = tf.variable(tf.tensor2d(p.W2, [m, k]));
    this.b2 = tf.variable(tf.tensor1d(p.b2));
    this.X = tf.tensor2d(train.X, [train.n, d]);
    this.XT = tf.tidy(() => this.X.transpose() as tf.Tensor2D);
    this.Xtest = tf.tensor2d(test.X, [test.n, d]);
    this.Y = tf.tensor2d(train.Y, [train.n, k]);
    this.Ytest = tf.tensor2d(test.Y, [test.n, k]);
    this.labels = train.labels;
    this.testLabels = test.labels;
    this.Yhost = train.Y;
    this.YtestHost = test.Y;
  }

  /** f(X) for given parameter tensors. */
  private forwardWith(X: tf.Tensor2D, W1: tf.Tensor, b1: tf.Tensor, W2: tf.Tensor, b2: tf.Tensor): { h: tf.Tensor2D; a: tf.Tensor2D; f: tf.Tensor2D } {
    const { s1, s2, beta } = this.sc;
    const xw = tf.matMul(X, W1 as tf.Tensor2D);
    const h = tf.add(s1 === 1 ? xw : tf.mul(xw, s1), beta === 1 ? b1 : tf.mul(b1, beta)) as tf.Tensor2D;
    const a = tf.erf(h);
    const aw = tf.matMul(a, W2 as tf.Tensor2D);
    const f = tf.add(s2 === 1 ? aw : tf.mul(aw, s2), beta === 1 ? b2 : tf.mul(b2, beta)) as tf.Tensor2D;
    return { h, a, f };
  }

  /**
   * Gradients of 0.5 * mean((f - T)^2) over the training set at the given parameters:
   * r = (f - T) / (n k); dW2 = s2 a^T r; db2 = beta sum_i r; dh = (s2 r W2^T) * erf'(h); dW1 = s1 X^T dh; db1 = beta sum_i dh.
   */
  private gradsWith(W1: tf.Tensor, b1: tf.Tensor, W2: tf.Tensor, b2: tf.Tensor, T: tf.Tensor2D, scale = 1): tf.Tensor[] {
    // every gradient is multiplied by `scale` (a step passes eta): the constants are folded into the
    // small n x k and n x m factors, never into an op over the d x m first layer
    const { s1, s2, beta } = this.sc;
    const { h, a, f } = this.forwardWith(this.X, W1, b1, W2, b2);
    const r = tf.mul(tf.sub(f, T), scale / (this.n * this.cfg.k)) as tf.Tensor2D;
    const gW2 = tf.matMul(a, tf.mul(r, s2) as tf.Tensor2D, true, false);
    const gb2 = tf.mul(tf.sum(r, 0), beta);
    const da = tf.matMul(r, W2 as tf.Tensor2D, false, true);
    const dh = tf.mul(da, tf.mul(tf.exp(tf.neg(tf.square(h))), s2 * TWO_OVER_SQRT_PI)) as tf.Tensor2D;
    const gW1 = tf.matMul(this.XT, s1 === 1 ? dh : (tf.mul(dh, s1) as tf.Tensor2D));
    const gb1 = tf.mul(tf.sum(dh, 0), beta);
    return [gW1, gb1, gW2, gb2];
  }

  /** The gradients at the current parameters for targets T (n x k, float32 host array), as host arrays (tests). */
  async gradients(T: Float32Array): Promise<FcParams> {
    const g = tf.tidy(() => this.gradsWith(this.W1, this.b1, this.W2, this.b2, tf.tensor2d(T, [this.n, this.cfg.k])));
    const [gW1, gb1, gW2, gb2] = (await Promise.all(g.map((t) => t.data()))) as Float32Array[];
    g.forEach((t) => t.dispose());
    return { W1: gW1 as Float32Array, b1: gb1 as Float32Array, W2: gW2 as Float32Array, b2: gb2 as Float32Array };
  }

  /** One full-batch step with learning rate eta towards targets T (null: the clean one-hot labels). GD or full-batch SAM. */
  step(eta: number, T: Float32Array | null, update: Update = { kind: 'gd' }): void {
    tf.tidy(() => {
      const target = T === null ? this.Y : tf.tensor2d(T, [this.n, this.cfg.k]);
      const P = [this.W1, this.b1, this.W2, this.b2];
      let g: tf.Tensor[];
      if (update.kind === 'sam') {
        // full-batch SAM: g' = grad L(theta + rho g / ||g||), theta <- theta - eta g'
        const g0 = this.gradsWith(this.W1, this.b1, this.W2, this.b2, target);
        const norm = tf.sqrt(tf.addN(g0.map((t) => tf.sum(tf.square(t)))));
        const scale = tf.div(update.rho, tf.maximum(norm, 1e-30));
        const Q = P.map((p, i) => tf.add(p, tf.mul(g0[i] as tf.Tensor, scale)));
        g = this.gradsWith(Q[0] as tf.Tensor, Q[1] as tf.Tensor, Q[2] as tf.Tensor, Q[3] as tf.Tensor, target, eta);
      } else g = this.gradsWith(this.W1, this.b1, this.W2, this.b2, target, eta);
      P.forEach((p, i) => p.assign(tf.sub(p, g[i] as tf.Tensor)));
    });
  }

  /** Train and test outputs (n x k row-major). */
  async outputs(): Promise<{ train: Float32Array; test: Float32Array }> {
    const [a, b] = tf.tidy(() => [this.forwardWith(this.X, this.W1, this.b1, this.W2, this.b2).f, this.forwardWith(this.Xtest, this.W1, this.b1, this.W2, this.b2).f]);
    const train = (await (a as tf.Tensor).data()) as Float32Array;
    const test = (await (b as tf.Tensor).data()) as Float32Array;
    a?.dispose();
    b?.dispose();
    return { train, test };
  }

  async params(): Promise<FcParams> {
    const [W1, b1, W2, b2] = (await Promise.all([this.W1.data(), this.b1.data(), this.W2.data(), this.b2.data()])) as Float32Array[];
    return { W1: W1 as Float32Array, b1: b1 as Float32Array, W2: W2 as Float32Array, b2: b2 as Float32Array };
  }

  /** Per-unit norms of the first layer (columns of W1, raw parameters). */
  async neuronNorms(): Promise<Float32Array> {
    const t = tf.tidy(() => tf.sqrt(tf.sum(tf.square(this.W1), 0)));
    const v = (await t.data()) as Float32Array;
    t.dispose();
    return v;
  }

  async snapshot(step: number): Promise<FcSnapshot> {
    const { train, test } = await this.outputs();
    return snapshotOf(step, train, test, await this.neuronNorms(), { Y: this.Yhost, labels: this.labels }, { Y: this.YtestHost, labels: this.testLabels }, this.cfg.k);
  }

  dispose(): void {
    [this.W1, this.b1, this.W2, this.b2, this.X, this.XT, this.Xtest, this.Y, this.Ytest].forEach((t) => t.dispose());
  }
}

/**
 * The logged quantities from outputs and per-unit norms (whatever computed them: the tfjs network,
 * the Gram path, the float64 direct network): losses and accuracies against the clean labels, mean
 * and standard deviation of the per-unit norms, ||W1||_F. Sums in float64.
 */
export function snapshotOf(step: number, train: ArrayLike<number>, test: ArrayLike<number>, norms: ArrayLike<number>, trainSplit: { Y: ArrayLike<number>; labels: ArrayLike<number> }, testSplit: { Y: ArrayLike<number>; labels: ArrayLike<number> }, k: number): FcSnapshot {
  let s = 0;
  let s2 = 0;
  for (let j = 0; j < norms.length; j++) {
    const v = norms[j] as number;
    s += v;
    s2 += v * v;
  }
  const m = norms.length;
  const mean = s / m;
  return {
    step,
    trainLoss: mseHalfMean(train, trainSplit.Y),
    testLoss: mseHalfMean(test, testSplit.Y),
    trainAcc: accuracy(train, trainSplit.labels, k),
    testAcc: accuracy(test, testSplit.labels, k),
    normMean: mean,
    normStd: Math.sqrt(Math.max(0, s2 / m - mean * mean)),
    frob: Math.sqrt(s2),
  };
}

/** 0.5 * mean over all entries of (f - y)^2, in float64. */
export function mseHalfMean(f: ArrayLike<number>, y: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < f.length; i++) {
    const d = (f[i] as number) - (y[i] as number);
    s += d * d;
  }
  return (0.5 * s) / f.length;
}

/** Fraction of rows whose arg-max equals the label. */
export function accuracy(f: ArrayLike<number>, labels: ArrayLike<number>, k: number): number {
  let ok = 0;
  for (let i = 0; i < labels.length; i++) {
    let best = 0;
    for (let c = 1; c < k; c++) if ((f[i * k + c] as number) > (f[i * k + best] as number)) best = c;
    if (best === labels[i]) ok++;
  }
  return ok / labels.length;
}
