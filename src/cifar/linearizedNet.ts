import * as tf from '@tensorflow/tfjs';
import { scalesOf, type FcConfig, type FcParams } from './fc.js';

/**
 * The linearized FC network in parameter space, on the device (float32):
 *   f_lin(x; theta) = f(x; theta_0) + J(x) (theta - theta_0),
 * with the Jacobian-vector product written out for delta = theta - theta_0 = (dW1, db1, dW2, db2):
 *   J delta = s2 [erf'(h0) * (s1 x dW1 + beta db1)] W2_0 + s2 a0 dW2 + beta db2,
 * and full-batch gradient steps on 0.5 * mean((f_lin - T)^2), whose gradient is the network's
 * gradient formula with the features frozen at theta_0. Used to check the function-space
 * recursion and the closed form (test/cifar): explicit steps of the linearized model.
 */
export class LinearizedFcNet {
  private readonly cfg: FcConfig;
  private readonly n: number;
  private readonly dW1: tf.Variable;
  private readonly db1: tf.Variable;
  private readonly dW2: tf.Variable;
  private readonly db2: tf.Variable;
  private readonly X: tf.Tensor2D;
  private readonly XT: tf.Tensor2D;
  private readonly G0: tf.Tensor2D; // erf'(h0), n x m
  private readonly A0: tf.Tensor2D; // erf(h0)
  private readonly A0T: tf.Tensor2D;
  private readonly W20: tf.Tensor2D;
  private readonly f0: tf.Tensor2D;
  private readonly Xtest: tf.Tensor2D;
  private readonly G0test: tf.Tensor2D;
  private readonly A0test: tf.Tensor2D;
  private readonly f0test: tf.Tensor2D;

  constructor(cfg: FcConfig, p: FcParams, X: Float32Array, n: number, Xtest: Float32Array, nTest: number) {
    this.cfg = cfg;
    this.n = n;
    const { d, width: m, k } = cfg;
    const { s1, s2, beta } = scalesOf(cfg);
    this.dW1 = tf.variable(tf.zeros([d, m]));
    this.db1 = tf.variable(tf.zeros([m]));
    this.dW2 = tf.variable(tf.zeros([m, k]));
    this.db2 = tf.variable(tf.zeros([k]));
    const W1 = tf.tensor2d(p.W1, [d, m]);
    const b1 = tf.tensor1d(p.b1);
    this.W20 = tf.tensor2d(p.W2, [m, k]);
    const b2 = tf.tensor1d(p.b2);
    const feats = (Xh: Float32Array, rows: number): [tf.Tensor2D, tf.Tensor2D, tf.Tensor2D, tf.Tensor2D] => {
      const Xt = tf.tensor2d(Xh, [rows, d]);
      const [G, A, f] = tf.tidy(() => {
        const h = tf.add(tf.mul(tf.matMul(Xt, W1), s1), tf.mul(b1, beta));
        const A = tf.erf(h) as tf.Tensor2D;
        const G = tf.mul(tf.exp(tf.neg(tf.square(h))), 2 / Math.sqrt(Math.PI)) as tf.Tensor2D;
        const f = tf.add(tf.mul(tf.matMul(A, this.W20), s2), tf.mul(b2, beta)) as tf.Tensor2D;
        return [G, A, f];
      });
      return [Xt, G as tf.Tensor2D, A as tf.Tensor2D, f as tf.Tensor2D];
    };
    [this.X, this.G0, this.A0, this.f0] = feats(X, n);
    [this.Xtest, this.G0test, this.A0test, this.f0test] = feats(Xtest, nTest);
    this.XT = tf.tidy(() => this.X.transpose() as tf.Tensor2D);
    this.A0T = tf.tidy(() => this.A0.transpose() as tf.Tensor2D);
    W1.dispose();
    b1.dispose();
    b2.dispose();
  }

  private apply(X: tf.Tensor2D, G: tf.Tensor2D, A: tf.Tensor2D, f0: tf.Tensor2D): tf.Tensor2D {
    return this.applyWith(X, G, A, f0, [this.dW1, this.db1, this.dW2, this.db2]);
  }

  /** f_0 + J delta for delta = (dW1, db1, dW2, db2). */
  private applyWith(X: tf.Tensor2D, G: tf.Tensor2D, A: tf.Tensor2D, f0: tf.Tensor2D, D: tf.Tensor[]): tf.Tensor2D {
    const { s1, s2, beta } = scalesOf(this.cfg);
    const [dW1, db1, dW2, db2] = D as [tf.Tensor2D, tf.Tensor, tf.Tensor2D, tf.Tensor];
    const dh = tf.add(tf.mul(tf.matMul(X, dW1), s1), tf.mul(db1, beta));
    const jd = tf.add(tf.add(tf.mul(tf.matMul(tf.mul(G, dh) as tf.Tensor2D, this.W20), s2), tf.mul(tf.matMul(A, dW2), s2)), tf.mul(db2, beta));
    return tf.add(f0, jd) as tf.Tensor2D;
  }

  /** Gradient of 0.5 * mean((f_lin - T)^2) with respect to delta, at the given delta. */
  private grads(D: tf.Tensor[], T: tf.Tensor2D): tf.Tensor[] {
    const { s1, s2, beta } = scalesOf(this.cfg);
    const k = this.cfg.k;
    const f = this.applyWith(this.X, this.G0, this.A0, this.f0, D);
    const r = tf.mul(tf.sub(f, T), 1 / (this.n * k)) as tf.Tensor2D;
    const gW2 = tf.mul(tf.matMul(this.A0T, r), s2);
    const gb2 = tf.mul(tf.sum(r, 0), beta);
    const dh = tf.mul(tf.mul(tf.matMul(r, this.W20, false, true), this.G0), s2) as tf.Tensor2D;
    const gW1 = tf.mul(tf.matMul(this.XT, dh), s1);
    const gb1 = tf.mul(tf.sum(dh, 0), beta);
    return [gW1, gb1, gW2, gb2];
  }

  /** One full-batch gradient step on the linearized model towards targets T (n x k); with rho > 0 a full-batch SAM step. */
  step(eta: number, T: Float32Array, rho = 0): void {
    tf.tidy(() => {
      const target = tf.tensor2d(T, [this.n, this.cfg.k]);
      const D = [this.dW1, this.db1, this.dW2, this.db2];
      let g = this.grads(D, target);
      if (rho > 0) {
        const norm = tf.sqrt(tf.addN(g.map((t) => tf.sum(tf.square(t)))));
        const scale = tf.div(rho, tf.maximum(norm, 1e-30));
        g = this.grads(D.map((p, i) => tf.add(p, tf.mul(g[i] as tf.Tensor, scale))), target);
      }
      D.forEach((p, i) => p.assign(tf.sub(p, tf.mul(g[i] as tf.Tensor, eta))));
    });
  }

  async outputs(): Promise<{ train: Float32Array; test: Float32Array }> {
    const a = tf.tidy(() => this.apply(this.X, this.G0, this.A0, this.f0));
    const b = tf.tidy(() => this.apply(this.Xtest, this.G0test, this.A0test, this.f0test));
    const out = { train: (await a.data()) as Float32Array, test: (await b.data()) as Float32Array };
    a.dispose();
    b.dispose();
    return out;
  }

  dispose(): void {
    [this.dW1, this.db1, this.dW2, this.db2, this.X, this.XT, this.G0, this.A0, this.A0T, this.W20, this.f0, this.Xtest, this.G0test, this.A0test, this.f0test].forEach((t) => t.dispose());
  }
}
