import type { Rng } from '../../src/engine/rng.js';

/**
 * The oscillation process of AAAI Eqs. (6)-(7) (long version Eqs. (5)-(6)), the setup of Lemma 4 / 3.3,
 * driven by the sample covariance instead of the data set.
 *
 *   w_i(t+1) = w_i(t) - eta a_i(t) g(t),   g(t) = grad_theta L_D(theta(t)) = Sigma_hat (theta(t) - theta*),
 *   a_i(t+1) = a_i(t) + delta_i(t)         (+-q -> 0; 0 -> +-q with probability 1/2 each; q = eta^0.25),
 *   theta(t) = sum_i a_i(t) w_i(t).
 *
 * With y_j = <theta*, x_j>, L_D(theta) = (1/2n) sum_j (<theta, x_j> - y_j)^2 has gradient
 * (1/n) sum_j x_j x_j^T (theta - theta*) = Sigma_hat (theta - theta*): the process sees the data only through
 * Sigma_hat. For x_j ~ N(0, I_d) i.i.d., n Sigma_hat ~ Wishart_d(n, I) exactly, so a run at any n (A3: n >= 1/eta^2)
 * costs O(d^2 + m d) per step once Sigma_hat is drawn (Bartlett decomposition, `wishartSigmaHat`).
 * The engine's Stepper ('oscillation' rule) computes the same gradient from an explicit data set; the two are
 * compared step by step in properties/lemma-4.oscillation-diminishing.prop.test.ts (`engineCrossCheck`).
 *
 * `mode` breaks the oscillation for the hypothesis-violation exploration 'oscillation-off':
 * 'chain' is Eqs. (6)-(7); 'frozen' keeps every a_i at its initial value (+-q or 0) and runs the same GD on W;
 * 'zero' sets every a_i = 0 (W never moves).
 */
export type OscillationMode = 'chain' | 'frozen' | 'zero';

export { wishartSigmaHat } from '../../src/engine/wishart.js';

/** Sigma_hat = (1/n) X^T X of n explicit draws x_j ~ N(0, I_d) (any n >= 1; singular when n < d). */
export function empiricalSigmaHat(d: number, n: number, rng: Rng): Float64Array {
  const S = new Float64Array(d * d);
  const x = new Float64Array(d);
  for (let j = 0; j < n; j++) {
    for (let k = 0; k < d; k++) x[k] = rng.gaussian();
    for (let k = 0; k < d; k++) for (let l = 0; l <= k; l++) S[k * d + l] = S[k * d + l]! + x[k]! * x[l]!;
  }
  for (let k = 0; k < d; k++) {
    for (let l = 0; l <= k; l++) {
      S[k * d + l] = S[k * d + l]! / n;
      S[l * d + k] = S[k * d + l]!;
    }
  }
  return S;
}

/** Sigma_hat of an explicit design matrix given by its rows. */
export function sigmaHatOf(X: readonly Float64Array[]): Float64Array {
  const n = X.length;
  const d = X[0]?.length ?? 0;
  const S = new Float64Array(d * d);
  for (const x of X) for (let k = 0; k < d; k++) for (let l = 0; l < d; l++) S[k * d + l] = S[k * d + l]! + x[k]! * x[l]!;
  for (let k = 0; k < d * d; k++) S[k] = S[k]! / n;
  return S;
}

/** theta*: a uniformly random direction scaled to the given norm. */
export function randomThetaStar(d: number, normValue: number, rng: Rng): Float64Array {
  const v = new Float64Array(d);
  let s = 0;
  for (let k = 0; k < d; k++) {
    v[k] = rng.gaussian();
    s += v[k]! * v[k]!;
  }
  const c = s > 0 ? normValue / Math.sqrt(s) : 0;
  for (let k = 0; k < d; k++) v[k] = v[k]! * c;
  return v;
}

/** Eq. (5) for W: w_ij ~ N(0, 1/d), row-major m x d. */
export function ntkW(m: number, d: number, rng: Rng): Float64Array {
  const W = new Float64Array(m * d);
  const s = 1 / Math.sqrt(d);
  for (let k = 0; k < m * d; k++) W[k] = s * rng.gaussian();
  return W;
}

/** The chain's start (text after Eq. (7)): +q or -q with probability 1/4 each, 0 with probability 1/2. */
export function chainStart(m: number, eta: number, rng: Rng): Float64Array {
  const q = Math.pow(eta, 0.25);
  const a = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    const u = rng.double();
    a[i] = u < 0.25 ? q : u < 0.5 ? -q : 0;
  }
  return a;
}

export class OscillationProcess {
  readonly m: number;
  readonly d: number;
  readonly q: number;
  readonly theta: Float64Array;
  /** the last gradient g = Sigma_hat (theta - theta*) used by `step` */
  readonly g: Float64Array;
  private readonly r: Float64Array;
  t = 0;

  constructor(
    /** m x d row-major, updated in place */
    readonly W: Float64Array,
    /** the second layer, updated in place */
    readonly a: Float64Array,
    readonly sigmaHat: Float64Array,
    readonly thetaStar: Float64Array,
    readonly eta: number,
    readonly mode: OscillationMode = 'chain',
  ) {
    this.m = a.length;
    this.d = thetaStar.length;
    if (W.length !== this.m * this.d) throw new RangeError(`W has ${W.length} entries, expected m d = ${this.m * this.d}`);
    if (sigmaHat.length !== this.d * this.d) throw new RangeError('Sigma_hat must be d x d');
    this.q = Math.pow(eta, 0.25);
    if (mode === 'zero') a.fill(0);
    this.theta = new Float64Array(this.d);
    this.g = new Float64Array(this.d);
    this.r = new Float64Array(this.d);
    this.resync();
  }

  /** theta = sum_i a_i w_i from the current state. */
  resync(): void {
    const th = this.theta;
    const d = this.d;
    th.fill(0);
    for (let i = 0; i < this.m; i++) {
      const ai = this.a[i]!;
      if (ai === 0) continue;
      const o = i * d;
      for (let k = 0; k < d; k++) th[k] = th[k]! + ai * this.W[o + k]!;
    }
  }

  /**
   * One step of Eqs. (6)-(7). The coin of a neuron whose a_i is 0 is flips[i] (+-1) when `flips` is given
   * (the engine's Draw.flips, for the cross-check), else a fresh rademacher draw of `rng`.
   */
  step(rng: Rng | null, flips?: ArrayLike<number>): void {
    const d = this.d;
    const m = this.m;
    const th = this.theta;
    const r = this.r;
    const g = this.g;
    const S = this.sigmaHat;
    const ts = this.thetaStar;
    for (let k = 0; k < d; k++) r[k] = th[k]! - ts[k]!;
    for (let k = 0; k < d; k++) {
      let s = 0;
      const o = k * d;
      for (let l = 0; l < d; l++) s += S[o + l]! * r[l]!;
      g[k] = s;
    }
    const eta = this.eta;
    const W = this.W;
    const a = this.a;
    const chain = this.mode === 'chain';
    const q = this.q;
    th.fill(0);
    for (let i = 0; i < m; i++) {
      const ai = a[i]!;
      const o = i * d;
      let an = ai;
      if (chain) an = ai !== 0 ? 0 : (flips ? (flips[i]! as number) : (rng as Rng).rademacher()) * q;
      if (ai !== 0) {
        const c = eta * ai;
        for (let k = 0; k < d; k++) W[o + k] = W[o + k]! - c * g[k]!;
      }
      if (an !== 0) for (let k = 0; k < d; k++) th[k] = th[k]! + an * W[o + k]!;
      a[i] = an;
    }
    this.t++;
  }

  /** (1/m) sum_i ||w_i||^2: the quantity inside the expectation of Eq. (8). */
  meanSqNorm(): number {
    let s = 0;
    for (let k = 0; k < this.W.length; k++) s += this.W[k]! * this.W[k]!;
    return s / this.m;
  }

  /** max_i ||w_i||. */
  maxNorm(): number {
    let best = 0;
    for (let i = 0; i < this.m; i++) {
      let s = 0;
      for (let k = 0; k < this.d; k++) s += this.W[i * this.d + k]! ** 2;
      best = Math.max(best, s);
    }
    return Math.sqrt(best);
  }

  /** true when theta or W holds a non-finite value or a coordinate above `bound`. */
  diverged(bound = 1e8): boolean {
    for (let k = 0; k < this.d; k++) {
      const v = this.theta[k]!;
      if (!Number.isFinite(v) || Math.abs(v) > bound) return true;
    }
    return false;
  }
}
