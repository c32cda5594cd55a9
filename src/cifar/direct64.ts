import type { FcConfig, FcParams } from './fc.js';
import { FcNet64, sumSq } from './fc64.js';
import { mulAB } from './gemm.js';

/**
 * The FC network in float64 with its first layer W1 (d x m) held explicitly: the plain
 * reformulation-free reference for the Gram path (gram.ts). A step costs O(n d m): use it on small
 * cases (test/cifar/gram.test.ts holds the two equal to 1e-10 over hundreds of steps).
 *   H = s1 X W1 + beta 1 b1^T;  dL/dW1 = s1 X^T DH;  SAM's ascent point W1 + c dL/dW1, b1 + c dL/db1.
 */
export class DirectFcNet64 extends FcNet64 {
  private readonly W1: Float64Array;
  private readonly gW1: Float64Array;
  private readonly W1q: Float64Array;
  private readonly X: Float64Array;
  private readonly Xtest: Float64Array;
  private readonly H: Float64Array;
  private readonly Ht: Float64Array;

  constructor(cfg: FcConfig, p: FcParams, train: { X: Float32Array; Y: Float32Array; labels: Uint8Array; n: number }, test: { X: Float32Array; Y: Float32Array; labels: Uint8Array; n: number }) {
    super(cfg, p, train, test);
    this.W1 = Float64Array.from(p.W1);
    this.gW1 = new Float64Array(this.W1.length);
    this.W1q = new Float64Array(this.W1.length);
    this.X = Float64Array.from(train.X);
    this.Xtest = Float64Array.from(test.X);
    this.H = new Float64Array(train.n * cfg.width);
    this.Ht = new Float64Array(test.n * cfg.width);
  }

  /** s1 X W + beta 1 b^T into `out`. */
  private preOf(X: Float64Array, rows: number, W: Float64Array, b: ArrayLike<number>, out: Float64Array): Float64Array {
    const { d, width: m } = this.cfg;
    const { s1, beta } = this.sc;
    mulAB(X, rows, d, W, m, out, s1);
    for (let i = 0; i < rows; i++) for (let j = 0; j < m; j++) out[i * m + j] = (out[i * m + j] as number) + beta * (b[j] as number);
    return out;
  }

  /** gW1 = s1 X^T DH (unscaled or eta-scaled: whatever the head holds). */
  private firstLayerGrad(): Float64Array {
    const { d, width: m } = this.cfg;
    const { gW1, X, n, head } = this;
    const s1 = this.sc.s1;
    gW1.fill(0);
    for (let i = 0; i < n; i++)
      for (let q = 0; q < d; q++) {
        const a = s1 * (X[i * d + q] as number);
        if (a === 0) continue;
        for (let j = 0; j < m; j++) gW1[q * m + j] = (gW1[q * m + j] as number) + a * (head.DH[i * m + j] as number);
      }
    return gW1;
  }

  protected pre(): Float64Array {
    return this.preOf(this.X, this.n, this.W1, this.b1, this.H);
  }

  protected firstLayerGradSq(): number {
    return sumSq(this.firstLayerGrad());
  }

  protected perturbedPre(c: number): Float64Array {
    const { W1, gW1, W1q, head } = this;
    for (let t = 0; t < W1.length; t++) W1q[t] = (W1[t] as number) + c * (gW1[t] as number);
    const b1q = this.b1.map((v, j) => v + c * (head.gb1[j] as number));
    return this.preOf(this.X, this.n, W1q, b1q, this.H);
  }

  protected moveFirstLayer(): void {
    const g = this.firstLayerGrad();
    for (let t = 0; t < this.W1.length; t++) this.W1[t] = (this.W1[t] as number) - (g[t] as number);
  }

  protected testPre(): Float64Array {
    return this.preOf(this.Xtest, this.nTest, this.W1, this.b1, this.Ht);
  }

  neuronNorms(): Float64Array {
    const { d, width: m } = this.cfg;
    const out = new Float64Array(m);
    for (let q = 0; q < d; q++) for (let j = 0; j < m; j++) out[j] = (out[j] as number) + (this.W1[q * m + j] as number) ** 2;
    return out.map(Math.sqrt);
  }

  /** W1 (a copy). */
  firstLayer(): Float64Array {
    return Float64Array.from(this.W1);
  }
}
