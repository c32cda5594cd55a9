import { InputError } from '../errors.js';
import { validateFcConfig, type FcConfig, type FcParams } from './fc.js';
import { FcNet64 } from './fc64.js';
import { mulAB } from './gemm.js';
import { mulABt } from './ntk.js';
import { Gemm64, gemm64Available } from '../engine/kernels/gemm64.js';

/** Which code forms K DH each step: `wasm`, the WebAssembly SIMD kernel (src/engine/kernels/gemm64.ts; plain JavaScript where the engine has no SIMD), or `js`, gemm.ts's mulAB. Both give the same bits. */
export type GramKernel = 'wasm' | 'js';

/**
 * The exact row-space (Gram) reformulation of full-batch training of the FC network (fc.ts) on a
 * fixed set of n images X (n x d). Every update of W1 is W1 <- W1 - s1 X^T D for an n x m matrix D
 * (D = eta DH for GD, the DH at the ascent point for SAM; fc64.ts), so
 *   W1(t) = W1(0) - s1 X^T S(t),   S(t) = sum of the D's so far (n x m),
 * and with K = X X^T (n x n), P0 = X W1(0), Pt0 = X_test W1(0), Kt = X_test X^T:
 *   H <- H - (s1^2 K D + beta 1 gb1^T),  gb1 = beta 1^T D       (train pre-activations, the issue's
 *                                                               H <- H - lr (K + 1 1^T) Delta at s1 = beta = 1)
 *   H_test(t) = s1 (Pt0 - s1 Kt S) + beta 1 b1(t)^T                (test pre-activations)
 *   ||w_j(t)||^2 = ||w_j(0)||^2 - 2 s1 S_j . (P0)_j + s1^2 S_j . (K S)_j   (per-unit norms, column j)
 *   ||dL/dW1||_F^2 = s1^2 sum_j DH_j . (K DH)_j                          (SAM's gradient norm)
 * and SAM's ascent point W1 + c s1 X^T DH has pre-activations H + c (s1^2 K DH + beta 1 gb1^T).
 * Label noise only changes the targets. Nothing else of W1 enters the loss, the gradients, the
 * outputs or the logged norms, so the trajectory is the network's exactly (up to rounding), at
 * O(n^2 m) a step (one n x n by n x m product; two for SAM) instead of O(n d m).
 */

/** What the Gram path needs from the data and the initial W1 (computed once per initialization, shared by the runs from it). */
export interface GramSetup {
  n: number;
  nTest: number;
  m: number;
  /** K = X X^T (n x n) */
  K: Float64Array;
  /** Kt = X_test X^T (nTest x n) */
  Kt: Float64Array;
  /** P0 = X W1(0) (n x m) and Pt0 = X_test W1(0) (nTest x m) */
  P0: Float64Array;
  Pt0: Float64Array;
  /** ||w_j(0)||^2 per unit (m) */
  norm0Sq: Float64Array;
}

/** K, Kt, P0, Pt0 and the initial squared unit norms, in float64 from the float32 inputs and parameters. O((n + nTest) d (n + m)). */
export function gramSetup(cfg: FcConfig, p: FcParams, X: Float32Array, n: number, Xtest: Float32Array, nTest: number): GramSetup {
  const { d, width: m } = validateFcConfig(cfg);
  if (X.length !== n * d) throw new InputError('X', `length ${X.length} is not n d = ${n} x ${d}`);
  if (Xtest.length !== nTest * d) throw new InputError('Xtest', `length ${Xtest.length} is not nTest d = ${nTest} x ${d}`);
  if (p.W1.length !== d * m) throw new InputError('W1', `length ${p.W1.length} is not d m = ${d} x ${m}`);
  const X64 = Float64Array.from(X);
  const Xt64 = Float64Array.from(Xtest);
  const W1 = Float64Array.from(p.W1);
  const norm0Sq = new Float64Array(m);
  for (let q = 0; q < d; q++)
    for (let j = 0; j < m; j++) {
      const w = p.W1[q * m + j] as number;
      norm0Sq[j] = (norm0Sq[j] as number) + w * w;
    }
  return {
    n,
    nTest,
    m,
    K: mulABt(X64, n, X64, n, d),
    Kt: mulABt(Xt64, nTest, X64, n, d),
    P0: mulAB(X64, n, d, W1, m, new Float64Array(n * m)),
    Pt0: mulAB(Xt64, nTest, d, W1, m, new Float64Array(nTest * m)),
    norm0Sq,
  };
}

/** The FC network trained full-batch on the Gram path (float64); the same steps, outputs and snapshots as FcNet. */
export class GramFcNet extends FcNet64 {
  readonly setup: GramSetup;
  private readonly H: Float64Array;
  private readonly S: Float64Array;
  private readonly KD: Float64Array;
  private readonly Hq: Float64Array;
  private readonly Ht: Float64Array;
  /** the n x n by n x m product of every step on the `js` kernel (gemm.ts); a bench swaps in the unblocked one to time the two in one command */
  protected readonly mm: typeof mulAB = mulAB;
  /** the `wasm` kernel: K and a copy of each step's DH live in its memory, and so do H and KD */
  private readonly wasm: { g: Gemm64; K: Float64Array; D: Float64Array } | undefined;

  /** `setup` from gramSetup for the same cfg, parameters and data (computed here when absent). */
  /** `kernel`: which code forms K DH (GramKernel; the same bits either way). */
  constructor(cfg: FcConfig, p: FcParams, train: { X: Float32Array; Y: Float32Array; labels: Uint8Array; n: number }, test: { X: Float32Array; Y: Float32Array; labels: Uint8Array; n: number }, setup?: GramSetup, kernel: GramKernel = 'wasm') {
    super(cfg, p, train, test);
    const m = cfg.width;
    const g = setup ?? gramSetup(cfg, p, train.X, train.n, test.X, test.n);
    if (g.n !== train.n || g.nTest !== test.n || g.m !== m) throw new InputError('setup', `made for n = ${g.n}, nTest = ${g.nTest}, width = ${g.m}, used with ${train.n}, ${test.n}, ${m}`);
    this.setup = g;
    const { s1, beta } = this.sc;
    const n = train.n;
    if (kernel === 'wasm' && gemm64Available()) {
      const gm = new Gemm64(n * n + 3 * n * m);
      this.wasm = { g: gm, K: gm.alloc(n * n), D: gm.alloc(n * m) };
      this.wasm.K.set(g.K);
      this.H = gm.alloc(n * m);
      this.KD = gm.alloc(n * m);
    } else {
      if (kernel !== 'wasm' && kernel !== 'js') throw new InputError('kernel', `expected 'wasm' or 'js', got ${String(kernel)}`);
      this.wasm = undefined;
      this.H = new Float64Array(n * m);
      this.KD = new Float64Array(n * m);
    }
    for (let i = 0; i < train.n; i++) for (let j = 0; j < m; j++) this.H[i * m + j] = s1 * (g.P0[i * m + j] as number) + beta * (this.b1[j] as number);
    this.S = new Float64Array(train.n * m);
    this.Hq = new Float64Array(train.n * m);
    this.Ht = new Float64Array(test.n * m);
  }

  /** out = alpha K DH (+ out when `accumulate`): the product of every step */
  private kTimes(DH: Float64Array, out: Float64Array, alpha: number, accumulate: boolean): void {
    const { n, wasm } = this;
    const m = this.cfg.width;
    if (wasm) {
      wasm.D.set(DH);
      wasm.g.mul(wasm.K, n, n, wasm.D, m, out, alpha, accumulate);
    } else this.mm(this.setup.K, n, n, DH, m, out, alpha, accumulate);
  }

  protected pre(): Float64Array {
    return this.H;
  }

  protected firstLayerGradSq(): number {
    const { n, head, KD } = this;
    const m = this.cfg.width;
    this.kTimes(head.DH, KD, 1, false);
    let s = 0;
    for (let t = 0; t < n * m; t++) s += (head.DH[t] as number) * (KD[t] as number);
    return this.sc.s1 * this.sc.s1 * s;
  }

  /** H + c (s1^2 K DH + beta 1 gb1^T); K DH is the one firstLayerGradSq just formed. */
  protected perturbedPre(c: number): Float64Array {
    const { n, H, Hq, KD, head } = this;
    const m = this.cfg.width;
    const { s1, beta } = this.sc;
    for (let i = 0; i < n; i++)
      for (let j = 0; j < m; j++) {
        const t = i * m + j;
        Hq[t] = (H[t] as number) + c * (s1 * s1 * (KD[t] as number) + beta * (head.gb1[j] as number));
      }
    return Hq;
  }

  protected moveFirstLayer(): void {
    const { n, H, S, head } = this;
    const m = this.cfg.width;
    const { s1, beta } = this.sc;
    for (let t = 0; t < n * m; t++) S[t] = (S[t] as number) + (head.DH[t] as number);
    this.kTimes(head.DH, H, -s1 * s1, true);
    for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) H[i * m + j] = (H[i * m + j] as number) - beta * (head.gb1[j] as number);
  }

  protected testPre(): Float64Array {
    const { nTest, n, S, Ht } = this;
    const m = this.cfg.width;
    const { s1, beta } = this.sc;
    mulAB(this.setup.Kt, nTest, n, S, m, Ht, -s1 * s1);
    for (let a = 0; a < nTest; a++) for (let j = 0; j < m; j++) Ht[a * m + j] = (Ht[a * m + j] as number) + s1 * (this.setup.Pt0[a * m + j] as number) + beta * (this.b1[j] as number);
    return Ht;
  }

  neuronNorms(): Float64Array {
    const { n, S } = this;
    const m = this.cfg.width;
    const s1 = this.sc.s1;
    const KS = mulAB(this.setup.K, n, n, S, m, new Float64Array(n * m));
    const out = new Float64Array(m);
    for (let j = 0; j < m; j++) {
      let sp = 0;
      let sks = 0;
      for (let i = 0; i < n; i++) {
        const s = S[i * m + j] as number;
        sp += s * (this.setup.P0[i * m + j] as number);
        sks += s * (KS[i * m + j] as number);
      }
      out[j] = Math.sqrt(Math.max(0, (this.setup.norm0Sq[j] as number) - 2 * s1 * sp + s1 * s1 * sks));
    }
    return out;
  }

  /** S(t): the accumulated first-layer coefficients, W1(t) = W1(0) - s1 X^T S(t) (a copy). */
  rowSpaceCoefficients(): Float64Array {
    return Float64Array.from(this.S);
  }
}
