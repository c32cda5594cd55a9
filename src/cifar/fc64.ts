import { InputError } from '../errors.js';
import { erfAndPrime } from './erf.js';
import { ErfKernel } from './erfKernel.js';
import { BackwardKernel } from './backwardKernel.js';
import { mulAB } from './gemm.js';
import { Gemm64, gemm64Available } from '../engine/kernels/gemm64.js';
import { scalesOf, snapshotOf, validateFcConfig, type FcConfig, type FcParams, type FcSnapshot, type Scales, type Update } from './fc.js';

/**
 * The FC 3072-m-erf-10 network of fc.ts in float64 on plain typed arrays, with the first layer left
 * abstract: the same forward pass, loss, gradients, full-batch GD and full-batch SAM steps as
 * `FcNet` (fc.ts), written once here. Two first layers implement it:
 * - `GramFcNet` (gram.ts): the exact row-space reformulation, O(n^2 m) a step;
 * - `DirectFcNet64` (direct64.ts): W1 itself (d x m), O(n d m) a step; the check of the first.
 *
 * Notation (fc.ts): h = s1 x W1 + beta b1, a = erf(h), f = s2 a W2 + beta b2, loss
 * L = 0.5 * mean over the n x k entries of (f - T)^2 (the authors' notebook). Its gradients, with
 * r = (f - T) / (n k) and DH = s2 (r W2^T) .* erf'(H) (n x m):
 *   dL/dW2 = s2 A^T r,   dL/db2 = beta 1^T r,   dL/dW1 = s1 X^T DH,   dL/db1 = beta 1^T DH.
 * A step multiplies every gradient by eta (folded into r, as fc.ts does).
 */

/** sum of squares */
export function sumSq(v: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += (v[i] as number) * (v[i] as number);
  return s;
}

/**
 * The part of a pass that does not touch W1: from pre-activations H (rows x m) to outputs, and
 * from outputs and targets back to the second layer's gradients and DH. Buffers allocated once.
 */
export class FcHead64 {
  readonly A: Float64Array;
  readonly G: Float64Array;
  readonly f: Float64Array;
  readonly DH: Float64Array;
  readonly gW2: Float64Array;
  readonly gb2: Float64Array;
  readonly gb1: Float64Array;
  private readonly r: Float64Array;
  /** with WebAssembly SIMD: a copy of W2 and of the pre-activations in the kernels' memory, and erf's kernel on it */
  private readonly wasm: { gm: Gemm64; W2: Float64Array; H: Float64Array; erf: ErfKernel; back: BackwardKernel } | undefined;

  constructor(
    readonly rows: number,
    readonly m: number,
    readonly k: number,
    private readonly sc: Scales,
    /** the WebAssembly kernels (erfKernel.ts, gemm64.ts, backwardKernel.ts) where SIMD is available, else the JavaScript loops: the same bits */
    kernels: 'wasm' | 'js' = 'wasm',
  ) {
    if (kernels !== 'wasm' && kernels !== 'js') throw new InputError('kernels', `expected 'wasm' or 'js', got ${String(kernels)}`);
    if (kernels === 'wasm' && gemm64Available()) {
      // the arrays of a pass and copies of W2 and H in the WebAssembly kernels' memory: A and G from H by erfKernel.ts
      // (erfAndPrime's bits), f = s2 A W2 by gemm64.ts (mulAB's bits), the backward's pairs of rows by backwardKernel.ts
      const gm = new Gemm64(4 * rows * m + 2 * m * k + 2 * rows * k + m);
      this.wasm = { gm, W2: gm.alloc(m * k), H: gm.alloc(rows * m), erf: new ErfKernel(gm.memory), back: new BackwardKernel(gm.memory, m, k) };
      this.A = gm.alloc(rows * m);
      this.G = gm.alloc(rows * m);
      this.f = gm.alloc(rows * k);
      this.DH = gm.alloc(rows * m);
      this.r = gm.alloc(rows * k);
      this.gW2 = gm.alloc(m * k);
      this.gb1 = gm.alloc(m);
    } else {
      this.wasm = undefined;
      this.A = new Float64Array(rows * m);
      this.G = new Float64Array(rows * m);
      this.f = new Float64Array(rows * k);
      this.DH = new Float64Array(rows * m);
      this.r = new Float64Array(rows * k);
      this.gW2 = new Float64Array(m * k);
      this.gb1 = new Float64Array(m);
    }
    this.gb2 = new Float64Array(k);
  }

  /** A = erf(H), G = erf'(H), f = s2 A W2 + beta b2 (rows x k). */
  forward(H: Float64Array, W2: Float64Array, b2: Float64Array): Float64Array {
    const { rows, m, k, A, G, f } = this;
    const { s2, beta } = this.sc;
    if (this.wasm) {
      const Hw = this.wasm.H;
      if (H.length === rows * m) Hw.set(H);
      else Hw.set(H.subarray(0, rows * m));
      this.wasm.erf.erfAndPrime(Hw, A, G, rows * m);
      this.wasm.W2.set(W2);
      this.wasm.gm.mul(A, rows, m, this.wasm.W2, k, f, s2);
    } else {
      erfAndPrime(H, A, G, rows * m);
      mulAB(A, rows, m, W2, k, f, s2);
    }
    for (let i = 0; i < rows; i++) for (let c = 0; c < k; c++) f[i * k + c] = (f[i * k + c] as number) + beta * (b2[c] as number);
    return f;
  }

  /**
   * After `forward`: scale times the gradients of 0.5 * mean((f - T)^2) (T rows x k),
   * r = scale (f - T) / (rows k); gW2 = s2 A^T r; gb2 = beta 1^T r; DH = s2 (r W2^T) .* G; gb1 = beta 1^T DH.
   */
  backward(W2: Float64Array, T: ArrayLike<number>, scale: number): void {
    const { rows, m, k, A, G, f, r, DH, gW2, gb2, gb1 } = this;
    const { s2, beta } = this.sc;
    const c0 = scale / (rows * k);
    for (let t = 0; t < rows * k; t++) r[t] = c0 * ((f[t] as number) - (T[t] as number));
    gW2.fill(0);
    gb2.fill(0);
    gb1.fill(0);
    const rows2 = rows - (rows % 2);
    if (this.wasm && rows2 > 0) {
      // gb2 over the pairs' rows in order (as the loop below adds them), the rest of the pairs in backwardKernel.ts
      for (let t = 0; t < rows2 * k; t++) gb2[t % k] = (gb2[t % k] as number) + beta * (r[t] as number);
      this.wasm.W2.set(W2);
      this.wasm.back.pairs({ A, G, r, W2: this.wasm.W2, gW2, DH, gb1 }, rows2 / 2, s2, beta);
      for (let i = rows2; i < rows; i++) this.backwardRow(i, W2);
      return;
    }
    // two rows a pass (W2 and gW2 loaded once for both); per element the same terms in the same order as one row a pass
    for (let i = 0; i < rows2; i += 2) {
      const ri = i * k;
      const rj = ri + k;
      const im = i * m;
      const jm = im + m;
      for (let c = 0; c < k; c++) gb2[c] = (gb2[c] as number) + beta * (r[ri + c] as number);
      for (let c = 0; c < k; c++) gb2[c] = (gb2[c] as number) + beta * (r[rj + c] as number);
      for (let l = 0; l < m; l++) {
        const a = s2 * (A[im + l] as number);
        const b = s2 * (A[jm + l] as number);
        const wl = l * k;
        let da = 0;
        let db = 0;
        for (let c = 0; c < k; c++) {
          const rc = r[ri + c] as number;
          const sc = r[rj + c] as number;
          const w = W2[wl + c] as number;
          gW2[wl + c] = (gW2[wl + c] as number) + a * rc + b * sc;
          da += rc * w;
          db += sc * w;
        }
        const dh = s2 * da * (G[im + l] as number);
        const dj = s2 * db * (G[jm + l] as number);
        DH[im + l] = dh;
        DH[jm + l] = dj;
        gb1[l] = (gb1[l] as number) + beta * dh + beta * dj;
      }
    }
    for (let i = rows2; i < rows; i++) this.backwardRow(i, W2);
  }

  /** backward's loop for one row i (the last one of an odd count), after r is formed */
  private backwardRow(i: number, W2: Float64Array): void {
    const { m, k, A, G, r, DH, gW2, gb2, gb1 } = this;
    const { s2, beta } = this.sc;
    const ri = i * k;
    for (let c = 0; c < k; c++) gb2[c] = (gb2[c] as number) + beta * (r[ri + c] as number);
    for (let l = 0; l < m; l++) {
      const a = s2 * (A[i * m + l] as number);
      const wl = l * k;
      let da = 0;
      for (let c = 0; c < k; c++) {
        const rc = r[ri + c] as number;
        gW2[wl + c] = (gW2[wl + c] as number) + a * rc;
        da += rc * (W2[wl + c] as number);
      }
      const dh = s2 * da * (G[i * m + l] as number);
      DH[i * m + l] = dh;
      gb1[l] = (gb1[l] as number) + beta * dh;
    }
  }
}

interface Split64 {
  X: Float32Array;
  Y: Float32Array;
  labels: Uint8Array;
  n: number;
}

/**
 * A float64 FC network whose first layer a subclass holds. The step is fc.ts's exactly:
 * GD: theta <- theta - eta grad L(theta);
 * full-batch SAM (Algorithm 1's SAM step without noise, the notebook's update): g = grad L(theta),
 * theta <- theta - eta grad L(theta + rho g / max(||g||, 1e-30)), ||g|| over all four parameters.
 */
export abstract class FcNet64 {
  readonly cfg: FcConfig;
  readonly sc: Scales;
  readonly n: number;
  readonly nTest: number;
  protected readonly b1: Float64Array;
  protected readonly W2: Float64Array;
  protected readonly b2: Float64Array;
  protected readonly head: FcHead64;
  private readonly testHead: FcHead64;
  private readonly W2q: Float64Array;
  private readonly b2q: Float64Array;
  private readonly train: Split64;
  private readonly test: Split64;

  constructor(cfg: FcConfig, p: FcParams, train: Split64, test: Split64) {
    this.cfg = validateFcConfig(cfg);
    this.sc = scalesOf(cfg);
    const { d, width: m, k } = cfg;
    checkSplit('train', train, d, k);
    checkSplit('test', test, d, k);
    if (p.W1.length !== d * m || p.b1.length !== m || p.W2.length !== m * k || p.b2.length !== k) throw new InputError('params', `shapes W1 ${p.W1.length}, b1 ${p.b1.length}, W2 ${p.W2.length}, b2 ${p.b2.length} do not fit d = ${d}, width = ${m}, k = ${k}`);
    this.n = train.n;
    this.nTest = test.n;
    this.train = train;
    this.test = test;
    this.b1 = Float64Array.from(p.b1);
    this.W2 = Float64Array.from(p.W2);
    this.b2 = Float64Array.from(p.b2);
    this.W2q = new Float64Array(m * k);
    this.b2q = new Float64Array(k);
    this.head = new FcHead64(train.n, m, k, this.sc);
    this.testHead = new FcHead64(test.n, m, k, this.sc);
  }

  /** The current training pre-activations H = s1 X W1 + beta 1 b1^T (n x m; a live buffer). */
  protected abstract pre(): Float64Array;
  /** ||dL/dW1||_F^2 = s1^2 ||X^T DH||_F^2 for the head's DH (unscaled gradient). */
  protected abstract firstLayerGradSq(): number;
  /** Pre-activations at W1 + c dL/dW1, b1 + c dL/db1 (the SAM ascent point), from the head's DH and gb1. */
  protected abstract perturbedPre(c: number): Float64Array;
  /** W1 <- W1 - s1 X^T DH (DH already scaled by eta) and the matching change of H through b1 <- b1 - gb1. */
  protected abstract moveFirstLayer(): void;
  /** Test pre-activations (nTest x m). */
  protected abstract testPre(): Float64Array;
  /** ||w_j|| for each unit j (column j of the raw W1). */
  abstract neuronNorms(): Float64Array;

  /** One full-batch step with learning rate eta towards targets T (n x k; null: the clean one-hot labels). */
  step(eta: number, T: ArrayLike<number> | null, update: Update = { kind: 'gd' }): void {
    const target = T ?? this.train.Y;
    const { head, W2, b2, b1 } = this;
    if (update.kind === 'sam') {
      head.forward(this.pre(), W2, b2);
      head.backward(W2, target, 1);
      const norm = Math.sqrt(this.firstLayerGradSq() + sumSq(head.gb1) + sumSq(head.gW2) + sumSq(head.gb2));
      const c = update.rho / Math.max(norm, 1e-30);
      for (let t = 0; t < W2.length; t++) this.W2q[t] = (W2[t] as number) + c * (head.gW2[t] as number);
      for (let t = 0; t < b2.length; t++) this.b2q[t] = (b2[t] as number) + c * (head.gb2[t] as number);
      head.forward(this.perturbedPre(c), this.W2q, this.b2q);
      head.backward(this.W2q, target, eta);
    } else {
      head.forward(this.pre(), W2, b2);
      head.backward(W2, target, eta);
    }
    // the first layer before b1: a subclass may read b1's old value
    this.moveFirstLayer();
    for (let t = 0; t < W2.length; t++) W2[t] = (W2[t] as number) - (head.gW2[t] as number);
    for (let t = 0; t < b2.length; t++) b2[t] = (b2[t] as number) - (head.gb2[t] as number);
    for (let t = 0; t < b1.length; t++) b1[t] = (b1[t] as number) - (head.gb1[t] as number);
  }

  /** Current train (n x k) and test (nTest x k) outputs (fresh arrays). */
  outputs(): { train: Float64Array; test: Float64Array } {
    const train = Float64Array.from(this.head.forward(this.pre(), this.W2, this.b2));
    const test = Float64Array.from(this.testHead.forward(this.testPre(), this.W2, this.b2));
    return { train, test };
  }

  /** The current training pre-activations (a copy). */
  preActivations(): Float64Array {
    return Float64Array.from(this.pre());
  }

  /** Copies of b1, W2, b2. */
  secondLayer(): { b1: Float64Array; W2: Float64Array; b2: Float64Array } {
    return { b1: Float64Array.from(this.b1), W2: Float64Array.from(this.W2), b2: Float64Array.from(this.b2) };
  }

  snapshot(step: number): FcSnapshot {
    const { train, test } = this.outputs();
    return snapshotOf(step, train, test, this.neuronNorms(), this.train, this.test, this.cfg.k);
  }

  dispose(): void {
    // plain arrays: nothing to free (the same interface as FcNet)
  }
}

function checkSplit(name: string, s: Split64, d: number, k: number): void {
  if (!Number.isInteger(s.n) || s.n < 1) throw new InputError(`${name}.n`, `expected a positive integer, got ${s.n}`);
  if (s.X.length !== s.n * d) throw new InputError(`${name}.X`, `length ${s.X.length} is not n d = ${s.n} x ${d}`);
  if (s.Y.length !== s.n * k) throw new InputError(`${name}.Y`, `length ${s.Y.length} is not n k = ${s.n} x ${k}`);
  if (s.labels.length !== s.n) throw new InputError(`${name}.labels`, `length ${s.labels.length} is not n = ${s.n}`);
}
