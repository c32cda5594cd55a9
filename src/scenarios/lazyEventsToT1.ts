import { T1 } from '../theory/constants.js';
import type { PaperConfig } from './config.js';
import { DeltaWSums, type StepSums } from './deltaWSums.js';
import { T0 } from './lazyWindow.js';
import { OnlineLabelNoise } from './onlineLabelNoise.js';
import type { LazyGroupSpec } from './lazyWindowGrid.js';
import { sweepConfig, type WidthSweep } from './widthSweep.js';

/**
 * The quantities of Lemma C.2 along label-noise SGD (Eq. (3), batch 1, eps = +-sigma, fresh inputs: the online reading
 * of src/scenarios/onlineLabelNoise.ts) beyond the lazy window, up to T1 of Theorem C.4 (= Theorem 2):
 *  - max_i |a_i(t)| m^(1/4) (event C_t of the proof of Lemma C.2 (ii): 1 is the bound |a_i(t)| <= m^(-1/4)), which
 *    the proofs of Lemma C.3 (first sentence) and Theorem C.4 (first paragraph) use for every t <= T1, and the AAAI
 *    text ("|a_i(t)| remains small throughout training");
 *  - the residual r_t = f(theta(t); x_t) - y_t - eps_t (the gradient of Lemma C.2 (i), Eqs. (13)-(16));
 *  - ||theta(t)|| against Eq. (32), ||theta(0)|| + m^(1/4);
 *  - the largest input norm drawn (A5's C_data for the steps taken).
 * Each is kept as a prefix maximum and read at three horizons: the lazy window (states t < tau, tau the first state
 * with a tracked neuron outside the ball of Definition 3.1), T0 = log m/(eta^2 sqrt m) of Lemma C.2 (constant 1) and
 * floor(T1). State t is the state after t steps; the residual of step t is taken at state t.
 */
export interface ToT1Config extends PaperConfig {
  /** tracked neurons, a uniformly random subset (m: every neuron, as "for all i in [m]" needs) */
  readonly K: number;
  /** the first sumsK tracked neurons also get the sums of src/scenarios/deltaWSums.ts (default 0) */
  readonly sumsK?: number;
}

/** The prefix maxima over states 0..steps and the residuals taken at states 0..steps-1 (the lazy window: at all of its states 0..tau-1). */
export interface Segment {
  /** the horizon's last state (fewer than asked when the run diverged first) */
  steps: number;
  /** the horizon was reached */
  complete: boolean;
  maxAbsAScaled: number;
  maxAbsR: number;
  rmsR: number;
  maxThetaNorm: number;
  maxXNorm: number;
}

export interface ToT1Run {
  config: ToT1Config;
  /** first state with a tracked neuron outside the lazy ball; null when none left it within the run */
  tau: number | null;
  T0steps: number;
  T1steps: number;
  lazy: Segment;
  toT0: Segment;
  toT1: Segment;
  theta0Norm: number;
  /** the sums of Eq. (41) and of the proof of Theorem C.4 over the steps j < floor(T1) (to the divergence, if first), for the first sumsK tracked neurons */
  sums: StepSums;
  /** 'T1 reached' or 'diverged at step N' (a reported outcome, never a NaN) */
  outcome: string;
  diverged: boolean;
}

class Prefix {
  maxAbsA = 0;
  maxAbsR = 0;
  sumR2 = 0;
  nR = 0;
  maxTheta2 = 0;
  maxX2 = 0;
  constructor(readonly scale: number) {}
  state(a: Float64Array, theta: Float64Array): void {
    for (let i = 0; i < a.length; i++) this.maxAbsA = Math.max(this.maxAbsA, Math.abs(a[i] as number));
    let q = 0;
    for (let k = 0; k < theta.length; k++) q += (theta[k] as number) ** 2;
    this.maxTheta2 = Math.max(this.maxTheta2, q);
  }
  residual(r: number, xx: number): void {
    this.maxAbsR = Math.max(this.maxAbsR, Math.abs(r));
    this.sumR2 += r * r;
    this.nR++;
    this.maxX2 = Math.max(this.maxX2, xx);
  }
  segment(steps: number, complete: boolean): Segment {
    return { steps, complete, maxAbsAScaled: this.maxAbsA * this.scale, maxAbsR: this.maxAbsR, rmsR: this.nR > 0 ? Math.sqrt(this.sumR2 / this.nR) : 0, maxThetaNorm: Math.sqrt(this.maxTheta2), maxXNorm: Math.sqrt(this.maxX2) };
  }
}

/** One run from the NTK initialization (Eq. (5), drawn exactly) to max(T0, floor(T1)) steps, or to its divergence. */
export function runToT1(c: ToT1Config, seed: string, divergenceBound = 1e8): ToT1Run {
  const run = new OnlineLabelNoise({ m: c.m, d: c.d, K: c.K, eta: c.eta, sigma: c.sigma, thetaStarNorm: c.thetaStarNorm }, seed);
  const s = run.state;
  const T0steps = Math.floor(T0(c.m, c.eta));
  const T1steps = Math.floor(T1(c.m, c.eta, c.sigma));
  const horizon = Math.max(T0steps, T1steps);
  const p = new Prefix(Math.pow(c.m, 0.25));
  const theta0Norm = Math.hypot(...s.theta);
  const r2 = 1 / c.m;
  p.state(s.a, s.theta);
  let tau: number | null = null;
  let lazy: Segment | undefined;
  let toT0: Segment | undefined = T0steps === 0 ? p.segment(0, true) : undefined;
  let toT1: Segment | undefined = T1steps === 0 ? p.segment(0, true) : undefined;
  let outcome = 'T1 reached';
  const sums = new DeltaWSums(run, c.sumsK ?? 0);
  while (run.t < horizon) {
    const inT1 = run.t < T1steps;
    if (inT1) sums.before();
    const r = run.step();
    if (inT1) sums.after(r);
    if (run.t === T1steps) sums.finish();
    p.residual(r, run.xx);
    if (run.diverged(divergenceBound)) {
      outcome = `diverged at step ${run.t}`;
      break;
    }
    if (tau === null) {
      for (let i = 0; i < c.K; i++)
        if (run.drift2(i) > r2) {
          tau = run.t;
          // the lazy window: states 0..tau-1 and the residuals taken at them
          lazy = p.segment(tau - 1, true);
          break;
        }
    }
    p.state(s.a, s.theta);
    if (run.t === T0steps) toT0 = p.segment(T0steps, true);
    if (run.t === T1steps) toT1 = p.segment(T1steps, true);
  }
  const diverged = outcome !== 'T1 reached';
  if (diverged && run.t < T1steps) sums.finish();
  return {
    config: c,
    tau,
    T0steps,
    T1steps,
    lazy: lazy ?? p.segment(run.t, false),
    toT0: toT0 ?? p.segment(run.t, false),
    toT1: toT1 ?? p.segment(run.t, false),
    theta0Norm,
    sums: sums.snapshot(),
    outcome,
    diverged,
  };
}

/** Eq. (32)'s right side at a run: ||theta(0)|| + m^(1/4). */
export function eq32Bound(r: ToT1Run): number {
  return r.theta0Norm + Math.pow(r.config.m, 0.25);
}

/** The explicit residual bound after Eq. (32), 2 (||theta(0)|| + m^(1/4)) C_data + sigma, with C_data the largest input norm of the segment. */
export function residualBound(r: ToT1Run, seg: Segment): number {
  return 2 * eq32Bound(r) * seg.maxXNorm + r.config.sigma;
}

/**
 * The runs to T1 per tier: the paper's d = 20, sigma = 4, ||theta*|| = m^(-1/4) (A4 at its bound), eta = 1/m (T1 grows
 * like 1/eta^2, so eta m = 1, half the one-sample stability edge, keeps T1 within reach; at m = 32 it diverges),
 * K tracked neurons (a random subset: "some |a_i(t)| > m^(-1/4)" seen on them is a lower bound on the event over all
 * m neurons), and the range of widths a "1 - O(1/m)" statement is decided over.
 */
export interface ToT1Preset {
  sweeps: WidthSweep[];
  K: number;
  /** of the K, those whose Delta W_i(j) is accumulated step by step (DeltaWSums; a random subset: sound for "fails" only) */
  sumsK: number;
  range: [number, number];
}

const edge = (ms: number[], reps: number): WidthSweep => ({ group: 'edge', ms, d: 20, n: 0, etaTimesM: 1, sigma: 4, thetaScale: 1, reps });

export const TO_T1_PRESET: Readonly<Record<'quick' | 'paper', ToT1Preset>> = Object.freeze({
  quick: { sweeps: [edge([64], 8), edge([128], 16)], K: 16, sumsK: 8, range: [64, 128] },
  // half the runs per width of the first paper-tier audit (16 / 24 / 24 / 16, 112 s of its 16.4 minutes on 2 cores)
  paper: { sweeps: [edge([64], 8), edge([128, 256], 12), edge([512], 8)], K: 64, sumsK: 4, range: [64, 512] },
});

/** Every run of a preset: (sweep, width, rep) in order, each from its own seed. */
export function runPreset(p: ToT1Preset, seedOf: (group: string, m: number, rep: number) => string): ToT1Run[] {
  return p.sweeps.flatMap((s) => s.ms.flatMap((m) => Array.from({ length: s.reps }, (_, rep) => runToT1({ ...sweepConfig(s, m), K: Math.min(p.K, m), sumsK: p.sumsK }, seedOf(s.group, m, rep)))));
}

/**
 * The lazy-window grid on which the proof of Lemma C.2's steps after Eq. (31) are read (its premise, Definition 3.1,
 * holds there): the full engine on the Sec. 3.1 data (d = 20, n = 200, sigma = 4, ||theta*|| = m^(-1/4)), a fixed-eta
 * sweep and an eta m = 1 sweep, m = 64 ... 1024.
 */
const window = (group: string, reps: number, step: { eta: number } | { etaTimesM: number }, ms = [64, 128, 256, 512, 1024]): LazyGroupSpec => ({ group, engine: 'full', ms, d: 20, n: 200, sigma: 4, thetaScale: 1, K: 0, budget: 2_000_000, fit: true, reps, ...step });

export const PROOF_C2_WINDOW: Readonly<Record<'quick' | 'paper', LazyGroupSpec[]>> = Object.freeze({
  quick: [window('fixed-eta', 4, { eta: 1e-3 }), window('edge', 12, { etaTimesM: 1 })],
  paper: [window('fixed-eta', 10, { eta: 1e-3 }), window('edge', 24, { etaTimesM: 1 }, [64, 128, 256, 512, 1024, 2048])],
});
