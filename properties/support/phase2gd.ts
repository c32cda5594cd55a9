import { wishartSigmaHat } from '../../src/engine/wishart.js';
import { makeDataset, makeThetaStar } from '../../src/engine/data.js';
import { rows, vec } from '../../src/engine/matrix.js';
import { cloneState, initNTK } from '../../src/engine/network.js';
import { stream, type Rng } from '../../src/engine/rng.js';
import { Stepper } from '../../src/engine/rules/stepper.js';
import type { Draw } from '../../src/engine/rules/types.js';

/**
 * Phase II of the paper (AAAI "Phase II: Alignment and Convergence", long version Section 3.3 and Appendix D):
 * full-batch gradient descent on (W, a) of the two-layer linear network with y = <theta*, x> (sigma = 0).
 *
 * The full-batch gradient of L(theta) = (1/2n) sum_j (<theta, x_j> - y_j)^2 in theta is
 *   g = (1/n) sum_j (<theta, x_j> - <theta*, x_j>) x_j = Sigma_hat (theta - theta*),   Sigma_hat = (1/n) sum_j x_j x_j^T,
 * so GD (long version Eqs. (49)-(50); the engine's Stepper with rule {kind: 'sgd', batch: 'full', sigma: 0}) depends on
 * the data only through Sigma_hat. For x_j ~ N(0, I_d), n Sigma_hat ~ Wishart_d(n, I) exactly, drawn here by the Bartlett
 * decomposition: A3 (n >= 1/eta^2) is then met exactly at any n without holding n samples.
 */

/** Sigma_hat drawn exactly as Wishart_d(n, I)/n (Bartlett decomposition; src/engine/wishart.ts). Row-major d x d. */
export const wishartCovariance = (d: number, n: number, rng: Rng): Float64Array => wishartSigmaHat(d, n, rng);

/** Sigma_hat = (1/n) X^T X of an explicit data set (rows x_j). */
export function empiricalCovariance(X: readonly Float64Array[]): Float64Array {
  const n = X.length;
  const d = X[0]?.length ?? 0;
  const S = new Float64Array(d * d);
  for (const x of X) for (let k = 0; k < d; k++) for (let l = 0; l < d; l++) S[k * d + l] = S[k * d + l]! + x[k]! * x[l]!;
  for (let k = 0; k < d * d; k++) S[k] = S[k]! / n;
  return S;
}

/** Spectral-norm proxy of Sigma_hat - I: max over rows of the absolute row sum (an upper bound on ||Sigma_hat - I||_2). */
export function covarianceDeviation(S: Float64Array, d: number): number {
  let worst = 0;
  for (let k = 0; k < d; k++) {
    let s = 0;
    for (let l = 0; l < d; l++) s += Math.abs(S[k * d + l]! - (k === l ? 1 : 0));
    worst = Math.max(worst, s);
  }
  return worst;
}

/** GD on (W, a) with g = Sigma_hat (theta - theta*): w_i <- w_i - eta a_i g, a_i <- a_i - eta <w_i, g> (old values on the right). */
export class Phase2GD {
  readonly theta: Float64Array;
  private readonly g: Float64Array;
  private readonly r: Float64Array;
  t = 0;
  constructor(
    readonly W: Float64Array[],
    readonly a: Float64Array,
    readonly Sigma: Float64Array,
    readonly thetaStar: Float64Array,
    readonly eta: number,
  ) {
    const d = thetaStar.length;
    this.theta = new Float64Array(d);
    this.g = new Float64Array(d);
    this.r = new Float64Array(d);
    this.resync();
  }

  get m(): number {
    return this.W.length;
  }
  get d(): number {
    return this.thetaStar.length;
  }

  resync(): void {
    const th = this.theta;
    th.fill(0);
    for (let i = 0; i < this.W.length; i++) {
      const w = this.W[i]!;
      const ai = this.a[i]!;
      for (let k = 0; k < th.length; k++) th[k] = th[k]! + ai * w[k]!;
    }
  }

  step(): void {
    const d = this.d;
    const { theta: th, g, r, Sigma: S, eta } = this;
    for (let k = 0; k < d; k++) r[k] = th[k]! - this.thetaStar[k]!;
    for (let k = 0; k < d; k++) {
      let s = 0;
      for (let l = 0; l < d; l++) s += S[k * d + l]! * r[l]!;
      g[k] = s;
    }
    th.fill(0);
    for (let i = 0; i < this.W.length; i++) {
      const w = this.W[i]!;
      const ai = this.a[i]!;
      let p = 0;
      for (let k = 0; k < d; k++) p += w[k]! * g[k]!;
      const an = ai - eta * p;
      const c = eta * ai;
      for (let k = 0; k < d; k++) {
        const wn = w[k]! - c * g[k]!;
        w[k] = wn;
        th[k] = th[k]! + an * wn;
      }
      this.a[i] = an;
    }
    this.t++;
  }

  /** Runs `steps` steps; returns a divergence message (string) or undefined. Finiteness is checked every 256 steps and at the end. */
  run(steps: number, bound = 1e8): string | undefined {
    for (let s = 0; s < steps; s++) {
      this.step();
      if ((s & 255) === 255 || s === steps - 1) {
        for (let k = 0; k < this.d; k++) {
          const v = this.theta[k]!;
          if (!Number.isFinite(v) || Math.abs(v) > bound) return `diverged at step ${this.t} (|theta_${k}| > ${bound})`;
        }
      }
    }
    return undefined;
  }

  /** ||theta - theta*|| */
  distance(): number {
    let s = 0;
    for (let k = 0; k < this.d; k++) s += (this.theta[k]! - this.thetaStar[k]!) ** 2;
    return Math.sqrt(s);
  }
}

export interface NeuronGeometry {
  /** ||w_i|| */
  norm: number;
  /** |<theta*, w_i>| (the long version's unnormalized Eqs. (8)/(9), (56)/(58)) */
  absInner: number;
  /** 1 - |cos(w_i, theta*)|, computed as (||w_perp||^2 / ||w||^2) / (1 + |cos|) (no cancellation) */
  deficit: number;
}

export function neuronGeometry(w: Float64Array, thetaStar: Float64Array): NeuronGeometry {
  const d = w.length;
  let ts = 0;
  for (let k = 0; k < d; k++) ts += thetaStar[k]! * thetaStar[k]!;
  const tn = Math.sqrt(ts);
  let ww = 0;
  let wt = 0;
  for (let k = 0; k < d; k++) {
    ww += w[k]! * w[k]!;
    wt += w[k]! * thetaStar[k]!;
  }
  const norm = Math.sqrt(ww);
  const proj = wt / tn; // <w, theta*/||theta*||>
  let perp = 0;
  for (let k = 0; k < d; k++) perp += (w[k]! - (proj * thetaStar[k]!) / tn) ** 2;
  const cos = norm > 0 ? Math.min(1, Math.abs(proj) / norm) : 0;
  const sin2 = norm > 0 ? Math.min(1, perp / ww) : 1;
  return { norm, absInner: Math.abs(wt), deficit: sin2 / (1 + cos) };
}

export interface WorstNeuron {
  /** largest 1 - |cos| over the neurons considered, and its index (-1: none considered) */
  deficit: number;
  index: number;
  /** largest max(0, 1 - |<theta*, w_i>|) over the neurons considered (the unnormalized printed form's deficit) */
  unnormalizedDeficit: number;
  /** largest |<theta*, w_i>| over the neurons considered */
  maxAbsInner: number;
  /** neurons considered (all, or those with ||w_i|| >= minNorm) */
  considered: number;
}

export function worstNeuron(W: readonly Float64Array[], thetaStar: Float64Array, minNorm = 0): WorstNeuron {
  let deficit = -1;
  let index = -1;
  let un = 0;
  let maxIn = 0;
  let considered = 0;
  for (let i = 0; i < W.length; i++) {
    const g = neuronGeometry(W[i]!, thetaStar);
    if (g.norm < minNorm) continue;
    considered++;
    if (g.deficit > deficit) {
      deficit = g.deficit;
      index = i;
    }
    un = Math.max(un, Math.max(0, 1 - g.absInner));
    maxIn = Math.max(maxIn, g.absInner);
  }
  return { deficit: Math.max(0, deficit), index, unnormalizedDeficit: un, maxAbsInner: maxIn, considered };
}

/** How the Phase II start state is built. */
export type StartKind =
  /** NTK directions (Eq. (5)) with W and a each rescaled so that max_i ||w_i|| = max_i |a_i| = scale * sqrt(eta) (AAAI: "||w_i||, |a_i| <= sqrt(eta)") */
  | 'phase2'
  /** w_i = gamma_i theta* (Lemma 6's "perfectly aligned"), gamma_i and a_i from NTK draws, rescaled so that max ||w_i|| = max |a_i| = scale * sqrt(eta) */
  | 'aligned'
  /** the NTK initialization itself (Eq. (5)): the Phase II premise broken */
  | 'ntk';

export interface Phase2Case {
  m: number;
  d: number;
  eta: number;
  /** n of A3 for the Wishart draw of Sigma_hat; 'identity' = the population covariance I (n = infinity) */
  n: number | 'identity';
  thetaStarNorm: number;
  start: StartKind;
  /** max ||w_i|| = max |a_i| = scale * sqrt(eta) (<= 1 inside the premise) */
  scale: number;
  /** the engine's seed string for this run */
  seed: string;
}

export interface Phase2Setup {
  gd: Phase2GD;
  thetaStar: Float64Array;
  Sigma: Float64Array;
  /** max_i ||w_i(t1)||, max_i |a_i(t1)|, and sqrt(eta) */
  maxW: number;
  maxA: number;
  sqrtEta: number;
}

/** Builds the start state (t1 or t2) and Sigma_hat of a case; all randomness from the case's seed (engine streams). */
export function setupPhase2(c: Phase2Case): Phase2Setup {
  const { m, d, eta } = c;
  const thetaStar = makeThetaStar(d, c.thetaStarNorm, d, c.seed);
  const Sigma =
    c.n === 'identity'
      ? Float64Array.from({ length: d * d }, (_, j) => (Math.floor(j / d) === j % d ? 1 : 0))
      : wishartCovariance(d, c.n, stream(c.seed, 'data', 'wishart'));
  const ntk = initNTK(m, d, c.seed);
  const W = rows(ntk.W).map((r) => Float64Array.from(r));
  const a = Float64Array.from(vec(ntk.a));
  if (c.start === 'aligned') {
    // gamma_i from the first NTK coordinate: w_i = gamma_i theta*
    const tn = c.thetaStarNorm;
    for (let i = 0; i < m; i++) {
      const gamma = W[i]![0]! / tn;
      for (let k = 0; k < d; k++) W[i]![k] = gamma * thetaStar[k]!;
    }
  }
  if (c.start !== 'ntk') {
    const target = c.scale * Math.sqrt(eta);
    let mw = 0;
    let ma = 0;
    for (let i = 0; i < m; i++) {
      let s = 0;
      for (let k = 0; k < d; k++) s += W[i]![k]! ** 2;
      mw = Math.max(mw, Math.sqrt(s));
      ma = Math.max(ma, Math.abs(a[i]!));
    }
    for (let i = 0; i < m; i++) {
      for (let k = 0; k < d; k++) W[i]![k] = (W[i]![k]! * target) / mw;
      a[i] = (a[i]! * target) / ma;
    }
  }
  let maxW = 0;
  let maxA = 0;
  for (let i = 0; i < m; i++) {
    let s = 0;
    for (let k = 0; k < d; k++) s += W[i]![k]! ** 2;
    maxW = Math.max(maxW, Math.sqrt(s));
    maxA = Math.max(maxA, Math.abs(a[i]!));
  }
  return { gd: new Phase2GD(W, a, Sigma, thetaStar, eta), thetaStar, Sigma, maxW, maxA, sqrtEta: Math.sqrt(eta) };
}

/**
 * Checks the support simulator against the engine's Stepper (rule {kind: 'sgd', batch: 'full', sigma: 0}) on a real
 * small data set, Sigma_hat computed from that data: the largest relative gap in (W, a) over `steps` steps.
 */
export function stepperAgreement(seed: string, m = 5, d = 4, n = 12, eta = 0.05, steps = 50): number {
  const data = makeDataset({ n, d, nTest: 0, thetaStarNorm: 1 }, seed);
  const state = initNTK(m, d, seed);
  const ref = cloneState(state);
  const rule = { kind: 'sgd' as const, eta, batch: 'full' as const, sigma: 0 };
  const stepper = new Stepper(ref, data, rule);
  const draw: Draw = { idx: Int32Array.from({ length: n }, (_, j) => j), eps: new Float64Array(n) };
  const Sigma = empiricalCovariance(rows(data.X));
  const gd = new Phase2GD(
    rows(state.W).map((r) => Float64Array.from(r)),
    Float64Array.from(vec(state.a)),
    Sigma,
    data.thetaStar,
    eta,
  );
  let worst = 0;
  for (let t = 0; t < steps; t++) {
    stepper.step(draw);
    gd.step();
    const Wr = rows(ref.W);
    const ar = vec(ref.a);
    let scale = 0;
    let diff = 0;
    for (let i = 0; i < m; i++) {
      for (let k = 0; k < d; k++) {
        scale = Math.max(scale, Math.abs(Wr[i]![k]!));
        diff = Math.max(diff, Math.abs(Wr[i]![k]! - gd.W[i]![k]!));
      }
      scale = Math.max(scale, Math.abs(ar[i]!));
      diff = Math.max(diff, Math.abs(ar[i]! - gd.a[i]!));
    }
    worst = Math.max(worst, diff / scale);
  }
  return worst;
}

/** Integer step counts of a real-valued time: ceil (the statement's time is reached or passed). */
export function stepsOf(T: number): number {
  return Math.max(1, Math.ceil(T - 1e-9));
}

/** What one checkpoint of a Phase II run measured. */
export interface Snapshot {
  step: number;
  /** ||theta - theta*|| */
  distance: number;
  /** max over all neurons of 1 - |cos(w_i, theta*)| */
  worstDeficit: number;
  /** median over all neurons of 1 - |cos(w_i, theta*)| (the typical neuron) */
  medianDeficit: number;
  /** max of 1 - |cos| over the neurons with ||w_i|| >= sqrt(eta) (Lemma 6's proviso), 0 when none */
  worstDeficitBig: number;
  /** how many neurons have ||w_i|| >= sqrt(eta) */
  bigCount: number;
  /** max over all neurons of max(0, 1 - |<theta*, w_i>|) (the long version's unnormalized Eqs. (8), (56)) */
  worstUnnormalized: number;
  /** the same over the neurons with ||w_i|| >= sqrt(eta) (the long version's Eqs. (9), (58)) */
  worstUnnormalizedBig: number;
  /** max_i |<theta*, w_i>| and max_i ||w_i|| */
  maxAbsInner: number;
  maxNorm: number;
}

export function snapshot(gd: Phase2GD): Snapshot {
  const sq = Math.sqrt(gd.eta);
  const all = worstNeuron(gd.W, gd.thetaStar, 0);
  const big = worstNeuron(gd.W, gd.thetaStar, sq);
  const defs = gd.W.map((w) => neuronGeometry(w, gd.thetaStar).deficit).sort((x, y) => x - y);
  const mid = defs.length >> 1;
  const median = defs.length % 2 === 1 ? defs[mid]! : (defs[mid - 1]! + defs[mid]!) / 2;
  let maxNorm = 0;
  for (const w of gd.W) maxNorm = Math.max(maxNorm, neuronGeometry(w, gd.thetaStar).norm);
  return {
    step: gd.t,
    distance: gd.distance(),
    worstDeficit: all.deficit,
    medianDeficit: median,
    worstDeficitBig: big.considered > 0 ? big.deficit : 0,
    bigCount: big.considered,
    worstUnnormalized: all.unnormalizedDeficit,
    worstUnnormalizedBig: big.considered > 0 ? big.unnormalizedDeficit : 0,
    maxAbsInner: all.maxAbsInner,
    maxNorm,
  };
}

export interface Phase2Run {
  /** one snapshot per requested checkpoint (in the order given), or fewer when the run diverged */
  snaps: Snapshot[];
  /** undefined, or 'diverged at step N (...)' */
  divergence: string | undefined;
  /** first step with ||theta - theta*|| <= ||theta*|| / 2 (-1: not within the run) */
  escapeStep: number;
  /** the start state's max_i ||w_i||, max_i |a_i| (the Phase II premise asks <= sqrt(eta)) */
  maxW0: number;
  maxA0: number;
  /** the start's worst 1 - |cos| (Lemma 6's "perfectly aligned": 0 up to rounding) */
  startWorstDeficit: number;
  /** ||Sigma_hat - I||, max-row-sum bound */
  covDeviation: number;
}

/** Runs GD from the case's start to each checkpoint (step counts, any order), taking a snapshot at each. */
export function runPhase2(c: Phase2Case, checkpoints: readonly number[]): Phase2Run {
  const st = setupPhase2(c);
  const gd = st.gd;
  const order = checkpoints.map((s, j) => [s, j] as const).sort((x, y) => x[0] - y[0]);
  const snaps = new Array<Snapshot>(checkpoints.length);
  const half = c.thetaStarNorm / 2;
  let escapeStep = gd.distance() <= half ? 0 : -1;
  const startWorstDeficit = worstNeuron(gd.W, gd.thetaStar, 0).deficit;
  let divergence: string | undefined;
  let got = 0;
  for (const [target, j] of order) {
    while (gd.t < target) {
      if (escapeStep < 0) {
        const chunk = Math.min(target - gd.t, 16);
        divergence = gd.run(chunk);
        if (gd.distance() <= half) escapeStep = gd.t;
      } else divergence = gd.run(target - gd.t);
      if (divergence) break;
    }
    if (divergence) break;
    snaps[j] = snapshot(gd);
    got++;
  }
  return {
    snaps: got === checkpoints.length ? snaps : snaps.filter((s) => s !== undefined),
    divergence,
    escapeStep,
    maxW0: st.maxW,
    maxA0: st.maxA,
    startWorstDeficit,
    covDeviation: covarianceDeviation(st.Sigma, c.d),
  };
}
