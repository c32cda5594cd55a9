import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import { erf64, erfPrime64 } from './erf.js';
import { scalesOf, type FcConfig, type FcParams } from './fc.js';

/**
 * The empirical NTK of the FC network at given parameters, by explicit Jacobian contraction, in
 * float64 (from the float32 parameters and inputs):
 *
 *   Theta[(i,c),(j,c')] = delta_{cc'} (s2^2 a_i . a_j + beta^2)                                   (W2, b2)
 *                       + s2^2 (s1^2 x_i . x_j + beta^2) sum_l W2[l,c] W2[l,c'] erf'(h_il) erf'(h_jl) (W1, b1)
 *
 * with h = s1 x W1 + beta b1 and a = erf(h) (see fc.ts for s1, s2, beta). Rows and columns are
 * indexed (i, c) -> i k + c, the row-major order of the n x k outputs. The traced kernel is
 * neural-tangents' `trace_axes=(-1,)`: the mean over the k logits of Theta[(i,c),(j,c)]
 * (neural-tangents divides the trace by the contracted size).
 */
export interface Ntk {
  /** (na k) x (nb k), row-major */
  full: Float64Array;
  /** na x nb, row-major */
  traced: Float64Array;
  na: number;
  nb: number;
  k: number;
}

/** Hidden activations a = erf(h) and erf'(h), n x m, float64. */
export function hiddenFeatures(cfg: FcConfig, p: FcParams, X: ArrayLike<number>, n: number): { A: Float64Array; G: Float64Array } {
  const { d, width: m } = cfg;
  const { s1, beta } = scalesOf(cfg);
  const H = new Float64Array(n * m);
  for (let i = 0; i < n; i++) {
    const row = H.subarray(i * m, (i + 1) * m);
    for (let q = 0; q < d; q++) {
      const x = X[i * d + q] as number;
      if (x === 0) continue;
      const w = p.W1.subarray(q * m, (q + 1) * m);
      for (let l = 0; l < m; l++) row[l] = (row[l] as number) + x * (w[l] as number);
    }
    for (let l = 0; l < m; l++) row[l] = s1 * (row[l] as number) + beta * (p.b1[l] as number);
  }
  const A = new Float64Array(n * m);
  const G = new Float64Array(n * m);
  for (let t = 0; t < n * m; t++) {
    A[t] = erf64(H[t] as number);
    G[t] = erfPrime64(H[t] as number);
  }
  return { A, G };
}

/** C = A B^T for row-major A (ra x inner) and B (rb x inner), float64. */
export function mulABt(A: ArrayLike<number>, ra: number, B: ArrayLike<number>, rb: number, inner: number): Float64Array {
  const C = new Float64Array(ra * rb);
  for (let i = 0; i < ra; i++) {
    const ai = i * inner;
    for (let j = 0; j < rb; j++) {
      const bj = j * inner;
      let s = 0;
      for (let q = 0; q < inner; q++) s += (A[ai + q] as number) * (B[bj + q] as number);
      C[i * rb + j] = s;
    }
  }
  return C;
}

/** Network outputs f = s2 a W2 + beta b2 from the features, n x k, float64. */
export function outputsFromFeatures(cfg: FcConfig, p: FcParams, A: Float64Array, n: number): Float64Array {
  const { width: m, k } = cfg;
  const { s2, beta } = scalesOf(cfg);
  const f = new Float64Array(n * k);
  for (let i = 0; i < n; i++)
    for (let c = 0; c < k; c++) {
      let s = 0;
      for (let l = 0; l < m; l++) s += (A[i * m + l] as number) * (p.W2[l * k + c] as number);
      f[i * k + c] = s2 * s + beta * (p.b2[c] as number);
    }
  return f;
}

/** Theta between two input sets (rows of Xa and Xb, each d wide). */
export function empiricalNtk(cfg: FcConfig, p: FcParams, Xa: ArrayLike<number>, na: number, Xb: ArrayLike<number>, nb: number): Ntk {
  const { d, width: m, k } = cfg;
  const { s1, s2, beta } = scalesOf(cfg);
  const fa = hiddenFeatures(cfg, p, Xa, na);
  const fb = Xa === Xb && na === nb ? fa : hiddenFeatures(cfg, p, Xb, nb);
  const XX = mulABt(Xa, na, Xb, nb, d);
  const AA = mulABt(fa.A, na, fb.A, nb, m);
  // Z[(i,c), l] = erf'(h_il) W2[l,c]
  const zOf = (G: Float64Array, n: number): Float64Array => {
    const Z = new Float64Array(n * k * m);
    for (let i = 0; i < n; i++)
      for (let c = 0; c < k; c++) {
        const o = (i * k + c) * m;
        for (let l = 0; l < m; l++) Z[o + l] = (G[i * m + l] as number) * (p.W2[l * k + c] as number);
      }
    return Z;
  };
  const Za = zOf(fa.G, na);
  const Zb = fa === fb ? Za : zOf(fb.G, nb);
  const ZZ = mulABt(Za, na * k, Zb, nb * k, m);
  const N = na * k;
  const M = nb * k;
  const full = new Float64Array(N * M);
  const traced = new Float64Array(na * nb);
  for (let i = 0; i < na; i++)
    for (let j = 0; j < nb; j++) {
      const first = s2 * s2 * (s1 * s1 * (XX[i * nb + j] as number) + beta * beta);
      const second = s2 * s2 * (AA[i * nb + j] as number) + beta * beta;
      let tr = 0;
      for (let c = 0; c < k; c++)
        for (let c2 = 0; c2 < k; c2++) {
          const v = first * (ZZ[(i * k + c) * M + j * k + c2] as number) + (c === c2 ? second : 0);
          full[(i * k + c) * M + j * k + c2] = v;
          if (c === c2) tr += v;
        }
      traced[i * nb + j] = tr / k;
    }
  return { full, traced, na, nb, k };
}

/** Symmetric eigendecomposition in float64 (ml-matrix): K = V diag(lambda) V^T, V row-major N x N (column r = eigenvector r). */
export function symEig(K: Float64Array, N: number): { lambda: Float64Array; V: Float64Array } {
  const M = new Matrix(N, N);
  for (let i = 0; i < N; i++) for (let j = 0; j < N; j++) M.set(i, j, 0.5 * ((K[i * N + j] as number) + (K[j * N + i] as number)));
  const e = new EigenvalueDecomposition(M, { assumeSymmetric: true });
  const Vm = e.eigenvectorMatrix;
  const V = new Float64Array(N * N);
  for (let i = 0; i < N; i++) for (let j = 0; j < N; j++) V[i * N + j] = Vm.get(i, j);
  return { lambda: Float64Array.from(e.realEigenvalues), V };
}

/** B = Ktd V (nTest x N): the test-train kernel in the eigenbasis of the train-train kernel. */
export function projectTestKernel(Ktd: ArrayLike<number>, nTest: number, V: Float64Array, N: number): Float64Array {
  const B = new Float64Array(nTest * N);
  for (let a = 0; a < nTest; a++) {
    const row = B.subarray(a * N, (a + 1) * N);
    for (let i = 0; i < N; i++) {
      const kv = Ktd[a * N + i] as number;
      if (kv === 0) continue;
      const vi = V.subarray(i * N, (i + 1) * N);
      for (let r = 0; r < N; r++) row[r] = (row[r] as number) + kv * (vi[r] as number);
    }
  }
  return B;
}

/**
 * The linearized network's predictions along gradient descent on L = 0.5 * mean((f - y)^2), in
 * closed form through the eigendecomposition of the train-train kernel K = V diag(lambda) V^T.
 *
 * Derivation. f_lin(theta) = f_0 + J (theta - theta_0) on the n k training outputs; the gradient of
 * L = (1 / (2 n k)) ||f - y||^2 is J^T (f - y) / (n k), so one step theta <- theta - eta grad moves
 * the outputs by f <- f - (eta / (n k)) J J^T (f - y) = f - (eta / (n k)) Theta (f - y). Hence
 *   train (steps):       f_t - y = (I - eta Theta / (n k))^t (f_0 - y)                 (exact for GD steps)
 *   train (gradient flow): f_t - y = exp(-eta t Theta / (n k)) (f_0 - y)              (neural-tangents)
 *   test:  f_t(x) = f_0(x) - Theta(x, X) Theta^{-1} (I - E_t) (f_0 - y), E_t either of the above,
 * with the normalization n k = y.size: neural-tangents' gradient_descent_mse divides eta t lambda by
 * y_train.size, i.e. assumes exactly this loss, 0.5 * mean over all entries. With the traced kernel
 * (Theta ~ K (x) I_k, K the logit-mean of Theta) the same formulas act on each logit column
 * separately with K in place of Theta: that is neural-tangents' predictor with trace_axes=(-1,).
 * In the eigenbasis, (I - E_t) Theta^{-1} = V diag((1 - e_t(lambda)) / lambda) V^T, whose limit at
 * lambda -> 0 is diag(eta t / (n k)) (flow) or diag(t eta/(n k)) (steps): no inverse is formed.
 * Limits: t = 0 gives f_0; t -> infinity gives y on the training points (every lambda > 0) and
 * f_0(x) + Theta(x, X) Theta^{-1} (y - f_0) on a test point (kernel regression from f_0).
 */
export class LinearizedPredictor {
  readonly N: number;
  readonly q: number;
  readonly nTest: number;
  readonly lambda: Float64Array;
  readonly mode: 'flow' | 'steps';
  private readonly V: Float64Array;
  private readonly R0: Float64Array; // V^T (f0 - y): N x q
  private readonly B: Float64Array; // Ktd V: nTest x N
  private readonly y: Float64Array;
  private readonly f0test: Float64Array;
  private readonly c: number;

  /**
   * @param K N x N train-train kernel; Ktd nTest x N test-train kernel
   * @param f0, y N x q (train outputs at init and targets); f0test nTest x q
   * @param normalization n k (y.size) for the loss 0.5 * mean over all entries
   */
  constructor(
    K: Float64Array,
    N: number,
    Ktd: Float64Array,
    nTest: number,
    f0: ArrayLike<number>,
    y: ArrayLike<number>,
    f0test: ArrayLike<number>,
    q: number,
    eta: number,
    normalization: number,
    mode: 'flow' | 'steps' = 'flow',
    eig?: { lambda: Float64Array; V: Float64Array; B?: Float64Array },
  ) {
    this.N = N;
    this.q = q;
    this.nTest = nTest;
    this.mode = mode;
    this.c = eta / normalization;
    const { lambda, V } = eig ?? symEig(K, N);
    this.lambda = lambda;
    this.V = V;
    this.y = Float64Array.from(y);
    this.f0test = Float64Array.from(f0test);
    const R0 = new Float64Array(N * q);
    for (let r = 0; r < N; r++)
      for (let j = 0; j < q; j++) {
        let s = 0;
        for (let i = 0; i < N; i++) s += (V[i * N + r] as number) * ((f0[i * q + j] as number) - (y[i * q + j] as number));
        R0[r * q + j] = s;
      }
    this.R0 = R0;
    this.B = eig?.B ?? projectTestKernel(Ktd, nTest, V, N);
  }

  /** e_t(lambda): the fraction of the eigen-direction's residual left at time t. */
  decay(lam: number, t: number): number {
    const l = Math.max(lam, 0);
    return this.mode === 'flow' ? Math.exp(-this.c * l * t) : Math.pow(1 - this.c * l, t);
  }

  /** (1 - e_t(lambda)) / lambda, with its limit c t at lambda = 0. */
  private gain(lam: number, t: number): number {
    const l = Math.max(lam, 0);
    if (this.mode === 'flow') return l * this.c * t < 1e-12 ? this.c * t : -Math.expm1(-this.c * l * t) / l;
    if (l * this.c * t < 1e-12) return this.c * t;
    return (1 - Math.pow(1 - this.c * l, t)) / l;
  }

  /** Predictions at time t (t = 0 gives f_0; t = Infinity the limits). */
  at(t: number): { train: Float64Array; test: Float64Array } {
    const { N, q, nTest, V, R0, B } = this;
    const e = new Float64Array(N);
    const g = new Float64Array(N);
    for (let r = 0; r < N; r++) {
      const lam = this.lambda[r] as number;
      if (t === Infinity) {
        e[r] = lam > 0 ? 0 : 1;
        g[r] = lam > 0 ? 1 / lam : 0;
      } else {
        e[r] = this.decay(lam, t);
        g[r] = this.gain(lam, t);
      }
    }
    const train = new Float64Array(N * q);
    for (let i = 0; i < N; i++)
      for (let j = 0; j < q; j++) {
        let s = 0;
        for (let r = 0; r < N; r++) s += (V[i * N + r] as number) * (e[r] as number) * (R0[r * q + j] as number);
        train[i * q + j] = (this.y[i * q + j] as number) + s;
      }
    const test = new Float64Array(nTest * q);
    for (let a = 0; a < nTest; a++)
      for (let j = 0; j < q; j++) {
        let s = 0;
        for (let r = 0; r < N; r++) s += (B[a * N + r] as number) * (g[r] as number) * (R0[r * q + j] as number);
        test[a * q + j] = (this.f0test[a * q + j] as number) - s;
      }
    return { train, test };
  }

  /** Largest eta lambda / (n k): gradient descent on the linearized model is stable iff it is < 2. */
  maxRate(): number {
    let m = 0;
    for (const l of this.lambda) m = Math.max(m, l);
    return this.c * m;
  }
}

/**
 * Explicit steps of the linearized model in function space with the full kernel, towards targets
 * that may change at every step (label noise): f <- f - (eta / (n k)) Theta (f - y_s) on the train
 * outputs and f(x) <- f(x) - (eta / (n k)) Theta(x, X) (f - y_s) on the test outputs. This is exactly
 * what gradient steps on the linearized network's parameters do to its outputs. Run in the
 * eigenbasis of Theta (u = V^T f): a step costs O(N) plus O(N) per changed label, and the test
 * outputs are formed only when asked for, from the running sum of the residuals.
 */
export class LinearizedSteps {
  readonly N: number;
  private readonly V: Float64Array;
  private readonly lambda: Float64Array;
  private readonly B: Float64Array;
  private readonly u: Float64Array;
  private readonly wClean: Float64Array;
  private readonly S: Float64Array;
  private readonly f0test: Float64Array;
  private readonly nTestOut: number;
  private readonly c: number;
  private readonly k: number;
  private readonly labels: Uint8Array;
  steps = 0;

  /**
   * @param ntkTrain full Theta (N x N, N = n k); ntkTestTrain full Theta(test, train) (nTest k x N)
   * @param f0, f0test outputs at init (n x k and nTest x k); labels the clean training labels
   */
  constructor(ntkTrain: Float64Array, ntkTestTrain: Float64Array, f0: ArrayLike<number>, f0test: ArrayLike<number>, labels: Uint8Array, k: number, eta: number, eig?: { lambda: Float64Array; V: Float64Array; B?: Float64Array }) {
    const N = labels.length * k;
    this.N = N;
    this.k = k;
    this.labels = labels;
    this.c = eta / N;
    const { lambda, V } = eig ?? symEig(ntkTrain, N);
    this.lambda = lambda;
    this.V = V;
    this.nTestOut = f0test.length;
    this.B = eig?.B ?? projectTestKernel(ntkTestTrain, this.nTestOut, V, N);
    this.u = new Float64Array(N);
    this.wClean = new Float64Array(N);
    for (let r = 0; r < N; r++) {
      let s = 0;
      let w = 0;
      for (let i = 0; i < N; i++) s += (V[i * N + r] as number) * (f0[i] as number);
      for (let i = 0; i < labels.length; i++) w += V[(i * k + (labels[i] as number)) * N + r] as number;
      this.u[r] = s;
      this.wClean[r] = w;
    }
    this.S = new Float64Array(N);
    this.f0test = Float64Array.from(f0test);
  }

  /**
   * One step towards the one-hot targets of `noisy` (the clean labels where they are equal).
   * With `rho` > 0, a full-batch SAM step on the linearized model: with r = f - y_s and
   * g = J^T r / (n k), ||g||^2 = r^T Theta r / (n k)^2, the perturbed residual is
   * r + J (rho g / ||g||) = r + rho Theta r / (n k ||g||), and f <- f - (eta / (n k)) Theta (that residual).
   */
  step(noisy: ArrayLike<number>, rho = 0): void {
    const { N, V, k, u, lambda, S, c } = this;
    const w = Float64Array.from(this.wClean);
    for (let i = 0; i < this.labels.length; i++) {
      const y = this.labels[i] as number;
      const z = noisy[i] as number;
      if (y === z) continue;
      const ry = (i * k + y) * N;
      const rz = (i * k + z) * N;
      for (let r = 0; r < N; r++) w[r] = (w[r] as number) - (V[ry + r] as number) + (V[rz + r] as number);
    }
    let samScale = 0;
    if (rho > 0) {
      let g2 = 0;
      for (let r = 0; r < N; r++) g2 += Math.max(lambda[r] as number, 0) * ((u[r] as number) - (w[r] as number)) ** 2;
      const gNorm = Math.sqrt(g2) / N;
      samScale = gNorm > 0 ? rho / (N * gNorm) : 0;
    }
    for (let r = 0; r < N; r++) {
      const lam = Math.max(lambda[r] as number, 0);
      const res0 = (u[r] as number) - (w[r] as number);
      const res = res0 + samScale * lam * res0;
      S[r] = (S[r] as number) + res;
      u[r] = (u[r] as number) - c * lam * res;
    }
    this.steps++;
  }

  /** Current train (n x k) and test (nTest x k) outputs. */
  outputs(): { train: Float64Array; test: Float64Array } {
    const { N, V, u, B, S, c } = this;
    const train = new Float64Array(N);
    for (let i = 0; i < N; i++) {
      let s = 0;
      for (let r = 0; r < N; r++) s += (V[i * N + r] as number) * (u[r] as number);
      train[i] = s;
    }
    const test = new Float64Array(this.nTestOut);
    for (let a = 0; a < this.nTestOut; a++) {
      let s = 0;
      for (let r = 0; r < N; r++) s += (B[a * N + r] as number) * (S[r] as number);
      test[a] = (this.f0test[a] as number) - c * s;
    }
    return { train, test };
  }
}
