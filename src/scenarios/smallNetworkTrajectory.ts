import fc from 'fast-check';
import { makeDataset, type Dataset } from '../engine/data.js';
import { rows, vec } from '../engine/matrix.js';
import { initNTK, theta, type State } from '../engine/network.js';
import { Drawer } from '../engine/rules/draw.js';
import { Stepper } from '../engine/rules/stepper.js';
import type { MinibatchRule } from '../engine/rules/types.js';
import type { PaperConfig } from './config.js';

/**
 * Short label-noise SGD trajectories of small two-layer linear networks (the dynamics of long version Eqs. (15)-(16),
 * (33)-(34)): the setting of the exact identities of the paper (Eq. (3), Eqs. (35)-(41), "Insights from Theorem 2").
 * A case is a handful of integers that shrink toward m = d = n = 1, T = 1 (fast-check's doubles crowd near zero);
 * the data, the NTK initialization of Eq. (5) (a(0) scaled by aScale to reach states away from it), the sampled
 * indices and the label noise come from the engine's named streams below the case's seed.
 */
export interface SmallCase {
  m: number;
  d: number;
  n: number;
  /** eta = 10^-etaExp */
  etaExp: number;
  sigma: number;
  batch: number | 'full';
  aScale: number;
  steps: number;
  seed: number;
}

/** The ranges a claim's record declares for its small cases. */
export interface SmallDomain {
  maxM: number;
  maxD: number;
  maxN: number;
  /** eta = 10^-k for k in this integer range */
  etaExponents: [number, number];
  sigmas: number[];
  /** trajectories of T = 1..maxSteps steps (1 when absent) */
  maxSteps?: number;
  numRuns: number;
}

/** ||thetaStar|| of the small cases (A4 is not assumed by the identities). */
export const SMALL_THETA_STAR_NORM = 0.5;

/** Parameters beyond this magnitude end a trajectory as diverged (squares of cubic terms stay far from overflow). */
export const DIVERGENCE_CAP = 1e30;

/**
 * Small cases; 'single' keeps batch 1 (single-sample SGD, the identities' setting). shrink = false for a false twin's
 * search: its first failing case decides, and shrinking would only simulate new cases.
 */
export function smallCase(dom: SmallDomain, batches: 'any' | 'single' = 'single', shrink = true): fc.Arbitrary<SmallCase> {
  const one = fc.constant(1 as number | 'full');
  const arb = fc.record({
    m: fc.integer({ min: 1, max: dom.maxM }),
    d: fc.integer({ min: 1, max: dom.maxD }),
    n: fc.integer({ min: 1, max: dom.maxN }),
    etaExp: fc.integer({ min: dom.etaExponents[0], max: dom.etaExponents[1] }),
    sigma: fc.constantFrom(...dom.sigmas),
    batch: batches === 'single' ? one : fc.oneof(one, fc.constant('full' as const), fc.integer({ min: 2, max: 4 })),
    aScale: fc.constantFrom(1, 3, 10),
    steps: fc.integer({ min: 1, max: dom.maxSteps ?? 1 }),
    seed: fc.integer({ min: 0, max: 1_000_000 }),
  });
  return shrink ? arb : fc.noShrink(arb);
}

/** The case as the paper's configuration (Sec. 3.1). */
export function configOf(c: SmallCase): PaperConfig {
  return { m: c.m, d: c.d, n: c.n, eta: Math.pow(10, -c.etaExp), sigma: c.sigma, thetaStarNorm: SMALL_THETA_STAR_NORM };
}

export function materialize(c: SmallCase): { state: State; data: Dataset; rule: MinibatchRule } {
  const cfg = configOf(c);
  const data = makeDataset({ n: cfg.n, d: cfg.d, nTest: 0, thetaStarNorm: cfg.thetaStarNorm }, c.seed);
  const state = initNTK(cfg.m, cfg.d, c.seed, { aScale: c.aScale });
  return { state, data, rule: { kind: 'sgd', eta: cfg.eta, batch: c.batch, sigma: cfg.sigma } };
}

/** One single-sample step t -> t+1: the states on both sides (copies) and what the step drew. */
export interface StepRecord {
  W: Float64Array[];
  a: Float64Array;
  Wn: Float64Array[];
  an: Float64Array;
  /** theta(t) = a(t)^T W(t) and theta(t+1), recomputed from the states */
  th: Float64Array;
  thn: Float64Array;
  /** the sampled input x_{xi_t}, its label and the label noise eps_t */
  x: Float64Array;
  y: number;
  eps: number;
  /** f(theta(t); x) and the residual r = f - y - eps (the paper's "grad l", Appendix C.2) */
  f: number;
  r: number;
}

export interface Trajectory {
  case: SmallCase;
  eta: number;
  m: number;
  d: number;
  /** the steps kept (a prefix of the requested ones) */
  steps: StepRecord[];
  requested: number;
  /** the step at which the parameters left [-DIVERGENCE_CAP, DIVERGENCE_CAP] (the run is cut before it), or null */
  divergedAt: number | null;
}

export function dot(x: ArrayLike<number>, y: ArrayLike<number>): number {
  let s = 0;
  for (let k = 0; k < x.length; k++) s += (x[k] as number) * (y[k] as number);
  return s;
}

/** sum_k |x_k y_k|: the magnitude of the terms of a dot product (its rounding scale). */
export function absDot(x: ArrayLike<number>, y: ArrayLike<number>): number {
  let s = 0;
  for (let k = 0; k < x.length; k++) s += Math.abs((x[k] as number) * (y[k] as number));
  return s;
}

function maxAbs(W: Float64Array[], a: Float64Array): number {
  let m = 0;
  for (const r of W) for (const v of r) m = Math.max(m, Math.abs(v));
  for (const v of a) m = Math.max(m, Math.abs(v));
  return m;
}

/** Runs c.steps single-sample label-noise SGD steps with the engine's Stepper and Drawer, recording every step. */
export function runTrajectory(c: SmallCase): Trajectory {
  if (c.batch !== 1) throw new RangeError(`runTrajectory: single-sample steps only (batch 1), got batch ${c.batch}`);
  const { state, data, rule } = materialize(c);
  const stepper = new Stepper(state, data, rule);
  const drawer = new Drawer(rule, data, c.m, c.seed);
  const X = rows(data.X);
  const steps: StepRecord[] = [];
  let divergedAt: number | null = null;
  for (let t = 0; t < c.steps; t++) {
    const W = rows(state.W).map((w) => w.slice());
    const a = vec(state.a).slice();
    const th = theta(state);
    const draw = drawer.next(t);
    const j = draw.idx[0] as number;
    const x = (X[j] as Float64Array).slice();
    const y = data.y[j] as number;
    const eps = draw.eps[0] as number;
    const f = dot(th, x);
    stepper.step(draw);
    const Wn = rows(state.W).map((w) => w.slice());
    const an = vec(state.a).slice();
    const mx = maxAbs(Wn, an);
    if (!Number.isFinite(mx) || mx > DIVERGENCE_CAP) {
      divergedAt = t;
      break;
    }
    steps.push({ W, a, Wn, an, th, thn: theta(state), x, y, eps, f, r: f - y - eps });
  }
  return { case: c, eta: rule.eta, m: c.m, d: c.d, steps, requested: c.steps, divergedAt };
}

/**
 * A computation on small cases, memoized by case: a claim's statement and its false twins are decided by the same
 * searches on the same cases (same fast-check seed), so each case is simulated once.
 */
export class CaseMemo<T> {
  private readonly values = new Map<string, T>();
  constructor(private readonly compute: (c: SmallCase) => T) {}
  get(c: SmallCase): T {
    const key = `${c.m},${c.d},${c.n},${c.etaExp},${c.sigma},${c.batch},${c.aScale},${c.steps},${c.seed}`;
    let v = this.values.get(key);
    if (v === undefined) {
      v = this.compute(c);
      this.values.set(key, v);
    }
    return v;
  }
  get size(): number {
    return this.values.size;
  }
  all(): IterableIterator<T> {
    return this.values.values();
  }
}

/** Trajectories memoized by case, and how many were cut by divergence. */
export function trajectoryMemo(): CaseMemo<Trajectory> {
  return new CaseMemo(runTrajectory);
}

export function divergedCount(memo: CaseMemo<Trajectory>): number {
  let k = 0;
  for (const tr of memo.all()) if (tr.divergedAt !== null) k++;
  return k;
}

export function describeCase(c: SmallCase, tr?: Trajectory): string {
  const cut = tr && tr.divergedAt !== null ? `, diverged at step ${tr.divergedAt} (cut there)` : '';
  return `m=${c.m} d=${c.d} n=${c.n} eta=1e-${c.etaExp} sigma=${c.sigma} batch=${c.batch} aScale=${c.aScale} T=${tr ? tr.steps.length : c.steps}${cut} seed=${c.seed}`;
}

/** The hypotheses line of an identity along the SGD trajectory (no part of Condition 1 is assumed). */
export const NO_HYPOTHESIS = { id: 'none', status: 'met', detail: 'an algebraic identity along the SGD trajectory: no part of Condition 1 is assumed' } as const;

/**
 * A printed form against its correction over the memoized trajectories (those with at least one step): the worst and
 * smallest gaps of the printed form, how many trajectories it meets within the tolerance, the corrected form's worst gap.
 */
export function printedVsCorrected(memo: CaseMemo<Trajectory>, printed: (tr: Trajectory) => number, corrected: (tr: Trajectory) => number, tol: number): { trajectories: Trajectory[]; evidence: Record<string, number> } {
  const trajectories = [...memo.all()].filter((tr) => tr.steps.length > 0);
  const p = trajectories.map(printed);
  const c = trajectories.map(corrected);
  return {
    trajectories,
    evidence: {
      trajectories: trajectories.length,
      printedWorstRelativeGap: Math.max(0, ...p),
      printedSmallestRelativeGap: p.length ? Math.min(...p) : 0,
      printedWithinTolerance: p.filter((g) => g <= tol).length,
      correctedWorstRelativeGap: Math.max(0, ...c),
      divergedTrajectories: divergedCount(memo),
    },
  };
}
