import { rows, vec } from '../engine/matrix.js';
import { neuronAlignment } from '../engine/metrics/neuronAlignment.js';
import { initNTK } from '../engine/network.js';
import { NeuronPropagator } from '../engine/propagator.js';
import { outputGradientPass } from '../engine/rules/outputGradientPass.js';
import { quantile } from '../stats/summary.js';
import type { PaperConfig } from './config.js';
import { covarianceDeviation, sampleDesign } from './sigmaHat.js';

/**
 * Phase II of the paper (AAAI "Phase II: Alignment and Convergence"; long version Sec. 3.3, Appendix D) from constructed
 * start states: full-batch gradient descent (sigma = 0, Eqs. (49)-(50)) on (W, a) of the two-layer linear network,
 *   w_i <- w_i - eta a_i g,  a_i <- a_i - eta <w_i, g>,  g = Sigma_hat (theta - theta*),  theta = sum_i a_i w_i,
 * with Sigma_hat from ./sigmaHat.ts (exact Wishart law). test/scenarios/phase2Descent.test.ts holds it equal to the
 * engine's Stepper ({kind: 'sgd', batch: 'full', sigma: 0}) on explicit data sets.
 */
export class Phase2GD {
  readonly theta: Float64Array;
  private readonly g: Float64Array;
  private readonly r: Float64Array;
  t = 0;
  constructor(
    readonly W: Float64Array[],
    readonly a: Float64Array,
    readonly sigmaHat: Float64Array,
    readonly thetaStar: Float64Array,
    readonly eta: number,
  ) {
    const d = thetaStar.length;
    this.theta = new Float64Array(d);
    this.g = new Float64Array(d);
    this.r = new Float64Array(d);
    for (let i = 0; i < W.length; i++) for (let k = 0; k < d; k++) this.theta[k] = (this.theta[k] as number) + (a[i] as number) * ((W[i] as Float64Array)[k] as number);
  }

  step(): void {
    const { theta: th, g, r, eta, sigmaHat: S } = this;
    const d = th.length;
    for (let k = 0; k < d; k++) r[k] = (th[k] as number) - (this.thetaStar[k] as number);
    for (let k = 0; k < d; k++) {
      let s = 0;
      for (let l = 0; l < d; l++) s += (S[k * d + l] as number) * (r[l] as number);
      g[k] = s;
    }
    // the Stepper's fused pass (Eqs. (15)-(16) through the output-space gradient g), the same code
    outputGradientPass(this.W, this.a, th, eta, g);
    this.t++;
  }

  distance(): number {
    return thetaDistance(this.theta, this.thetaStar);
  }

  diverged(bound: number): boolean {
    return thetaDiverged(this.theta, bound);
  }
}

/** ||theta - theta*|| */
function thetaDistance(theta: Float64Array, thetaStar: Float64Array): number {
  let s = 0;
  for (let k = 0; k < theta.length; k++) s += ((theta[k] as number) - (thetaStar[k] as number)) ** 2;
  return Math.sqrt(s);
}

/** a non-finite theta or a coordinate above `bound` (the run is then reported as diverged) */
function thetaDiverged(theta: Float64Array, bound: number): boolean {
  for (const v of theta) if (!Number.isFinite(v) || Math.abs(v) > bound) return true;
  return false;
}

/**
 * The same gradient descent in the common-map form (src/engine/propagator.ts): the step w_i <- w_i - eta a_i g,
 * a_i <- a_i - eta <w_i, g> is one linear map for every neuron, so z_i(t) = P_t z_i(0) and theta = P_w G0 P_a^T cost
 * O(d^2) a step at any width; W and a are materialized from P when read (snapshots). Equal to Phase2GD up to rounding,
 * not bit for bit (test/scenarios/phase2Descent.test.ts holds the gap within 1e-9 relative).
 */
export class Phase2CommonMap extends NeuronPropagator {
  private readonly h2: Float64Array;
  private readonly g: Float64Array;
  private readonly r: Float64Array;
  private readonly Wt: Float64Array[];
  private readonly at: Float64Array;
  private seen = -1;
  constructor(
    W: Float64Array[],
    a: Float64Array,
    readonly sigmaHat: Float64Array,
    readonly thetaStar: Float64Array,
    readonly eta: number,
  ) {
    super(W, a);
    this.Wt = W.map((w) => Float64Array.from(w));
    this.at = Float64Array.from(a);
    this.h2 = new Float64Array(this.d);
    this.g = new Float64Array(this.d);
    this.r = new Float64Array(this.d);
  }

  /** the rows w_i(t), materialized from P at the first read after a step */
  get W(): Float64Array[] {
    if (this.seen !== this.t) {
      this.materializeInto(this.Wt, this.at);
      this.seen = this.t;
    }
    return this.Wt;
  }

  /** the second layer a(t), materialized with W */
  get a(): Float64Array {
    void this.W;
    return this.at;
  }

  step(): void {
    const { th, g, r, h2, eta, sigmaHat: S, d } = this;
    for (let k = 0; k < d; k++) r[k] = (th[k] as number) - (this.thetaStar[k] as number);
    for (let k = 0; k < d; k++) {
      let s = 0;
      for (let l = 0; l < d; l++) s += (S[k * d + l] as number) * (r[l] as number);
      g[k] = s;
      h2[k] = -eta * s;
    }
    // Eqs. (49)-(50): z_w <- z_w - eta z_a g, z_a <- z_a - eta <g, z_w>, applied to P's columns
    this.apply(this.P, 'col', g, -eta, undefined, 0, h2);
    this.readTheta();
    this.t++;
  }

  distance(): number {
    return thetaDistance(this.th, this.thetaStar);
  }

  diverged(bound: number): boolean {
    return thetaDiverged(this.th, bound);
  }
}

/** What runPhase2 and snapshot read of either form. */
export type Phase2Dynamics = Pick<Phase2GD, 't' | 'eta' | 'thetaStar' | 'W' | 'step' | 'distance' | 'diverged'>;

/**
 * The start: 'phase2' = Eq. (5) directions rescaled so that max_i ||w_i|| = max_i |a_i| = scale sqrt(eta) (the premise
 * "||w_i||, |a_i| <= sqrt(eta)" at its edge when scale = 1); 'aligned' = Lemma 6's w_i = gamma_i theta* (gamma_i from the
 * first coordinate of Eq. (5)'s w_i), rescaled the same way; 'ntk' = Eq. (5) itself (the premise broken).
 */
export type StartKind = 'phase2' | 'aligned' | 'ntk';

export interface Phase2Case {
  config: PaperConfig;
  start: StartKind;
  scale: number;
  seed: string;
  /** 'common-map': Phase2CommonMap (O(d^2) a step; the paper tier's sweeps); default: Phase2GD (O(m d)) */
  simulator?: 'common-map';
}

export function phase2Start(c: Phase2Case): { gd: Phase2Dynamics; maxW: number; maxA: number; covDeviation: number } {
  const { m, d, n, eta, thetaStarNorm } = c.config;
  const design = sampleDesign(d, n, thetaStarNorm, c.seed);
  const s0 = initNTK(m, d, c.seed);
  const W = rows(s0.W).map((w) => Float64Array.from(w));
  const a = Float64Array.from(vec(s0.a));
  if (c.start === 'aligned') for (const w of W) {
    const gamma = (w[0] as number) / thetaStarNorm;
    for (let k = 0; k < d; k++) w[k] = gamma * (design.thetaStar[k] as number);
  }
  const norms = (): number => Math.max(...W.map((w) => Math.hypot(...w)));
  const amax = (): number => Math.max(...a.map(Math.abs));
  if (c.start !== 'ntk') {
    const target = c.scale * Math.sqrt(eta);
    const sw = target / norms();
    const sa = target / amax();
    for (const w of W) for (let k = 0; k < d; k++) w[k] = (w[k] as number) * sw;
    for (let i = 0; i < m; i++) a[i] = (a[i] as number) * sa;
  }
  const gd = c.simulator === 'common-map' ? new Phase2CommonMap(W, a, design.sigmaHat, design.thetaStar, eta) : new Phase2GD(W, a, design.sigmaHat, design.thetaStar, eta);
  return { gd, maxW: norms(), maxA: amax(), covDeviation: covarianceDeviation(design.sigmaHat, d) };
}

/** What one checkpoint measured (worst: max over neurons; big: over the neurons with ||w_i|| >= sqrt(eta), Lemma 6's proviso). */
export interface Snapshot {
  step: number;
  distance: number;
  worstDeficit: number;
  medianDeficit: number;
  worstDeficitBig: number;
  bigCount: number;
  /** max_i max(0, 1 - |<theta*, w_i>|): the long version's unnormalized Eqs. (8)/(56) and, over big neurons, (9)/(58) */
  worstUnnormalized: number;
  worstUnnormalizedBig: number;
  maxAbsInner: number;
  maxNorm: number;
}
export type SnapshotStat = Exclude<keyof Snapshot, 'step'>;

export function snapshot(gd: Phase2Dynamics): Snapshot {
  const sq = Math.sqrt(gd.eta);
  const al = gd.W.map((w) => neuronAlignment(w, gd.thetaStar));
  const big = al.filter((x) => x.norm >= sq);
  const maxOf = (xs: number[]): number => xs.reduce((u, v) => Math.max(u, v), 0);
  return {
    step: gd.t,
    distance: gd.distance(),
    worstDeficit: maxOf(al.map((x) => x.deficit)),
    medianDeficit: quantile(al.map((x) => x.deficit), 0.5),
    worstDeficitBig: maxOf(big.map((x) => x.deficit)),
    bigCount: big.length,
    worstUnnormalized: maxOf(al.map((x) => 1 - x.absInner)),
    worstUnnormalizedBig: maxOf(big.map((x) => 1 - x.absInner)),
    maxAbsInner: maxOf(al.map((x) => x.absInner)),
    maxNorm: maxOf(al.map((x) => x.norm)),
  };
}

export interface Phase2Run {
  /** one snapshot per checkpoint reached (in the order given); fewer when the run diverged */
  snaps: (Snapshot | undefined)[];
  divergence?: string;
  /** first step with ||theta - theta*|| <= ||theta*|| / 2 (-1: not within the run) */
  escapeStep: number;
  /** first step (checked every `watch.every`) with median 1 - |cos| <= watch.below (-1: not by the last checkpoint) */
  alignStep: number;
  maxW0: number;
  maxA0: number;
  startWorstDeficit: number;
  covDeviation: number;
}

/** GD from the case's start to each checkpoint (step counts), watching the escape and (optionally) the median alignment. */
export function runPhase2(c: Phase2Case, checkpoints: readonly number[], opts: { bound?: number; watch?: { every: number; below: number } } = {}): Phase2Run {
  const st = phase2Start(c);
  const gd = st.gd;
  const bound = opts.bound ?? 1e8;
  const half = c.config.thetaStarNorm / 2;
  const snaps: (Snapshot | undefined)[] = checkpoints.map(() => undefined);
  const out: Phase2Run = { snaps, escapeStep: gd.distance() <= half ? 0 : -1, alignStep: -1, maxW0: st.maxW, maxA0: st.maxA, startWorstDeficit: snapshot(gd).worstDeficit, covDeviation: st.covDeviation };
  const last = Math.max(...checkpoints);
  const watch = opts.watch;
  // step in segments to the next event (checkpoint, watch point, escape probe every 16 steps, divergence probe every 256)
  while (!out.divergence) {
    checkpoints.forEach((cp, j) => {
      if (cp === gd.t) snaps[j] = snapshot(gd);
    });
    if (out.escapeStep < 0 && gd.distance() <= half) out.escapeStep = gd.t;
    if (watch && out.alignStep < 0 && gd.t % watch.every === 0 && snapshot(gd).medianDeficit <= watch.below) out.alignStep = gd.t;
    if (gd.t >= last) break;
    let next = Math.min(last, ...checkpoints.filter((cp) => cp > gd.t), (Math.floor(gd.t / 256) + 1) * 256);
    if (out.escapeStep < 0) next = Math.min(next, gd.t + 16);
    if (watch && out.alignStep < 0) next = Math.min(next, (Math.floor(gd.t / watch.every) + 1) * watch.every);
    while (gd.t < next) gd.step();
    if (gd.diverged(bound)) out.divergence = `diverged by step ${gd.t} (|theta_k| > ${bound} or not finite)`;
  }
  return out;
}
