import fc from 'fast-check';
import { rows, vec } from '../../src/engine/matrix.js';
import { theta } from '../../src/engine/network.js';
import { Drawer } from '../../src/engine/rules/draw.js';
import { Stepper } from '../../src/engine/rules/stepper.js';
import type { CaseResult } from '../../src/verdict/search.js';
import { materialize, smallCase, type SmallCase, type SmallDomain } from './smallCases.js';

/**
 * Shared machinery of the exact-identity claims that read along single-sample label-noise SGD
 * trajectories (Eq. (3), Eqs. (35)-(41), the "Insights from Theorem 2/3.2" identities):
 * a short trajectory run by the engine's Stepper, every step's states and draw kept, and a
 * scale-aware relative gap.
 */

export interface IdentityDomain extends SmallDomain {
  /** longest trajectory T (steps 1..maxSteps are drawn) */
  maxSteps: number;
  numRuns: number;
}

/** A small single-sample SGD case (batch 1): integers that shrink toward m = d = n = 1, T = 1, eta = 10^-etaExponents[0]. */
export function trajectoryCase(dom: IdentityDomain): fc.Arbitrary<SmallCase> {
  return smallCase(dom, 'single');
}

/** One step t -> t+1 of a trajectory: the states on both sides and what the step drew. */
export interface StepRecord {
  /** rows w_i(t) (copies) */
  W: Float64Array[];
  /** a(t) (copy) */
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
  /** f(theta(t); x) = <theta(t), x> and the residual r = f - y - eps (the paper's "grad l") */
  f: number;
  r: number;
}

export interface Trajectory {
  eta: number;
  m: number;
  d: number;
  /** the steps actually kept (a prefix of the requested ones; see truncatedAt) */
  steps: StepRecord[];
  requested: number;
  /** the step at which the run left the range where squares of cubic terms stay finite (|value| > CAP), or null */
  truncatedAt: number | null;
}

/** Parameters beyond this magnitude are treated as a diverged run: the trajectory is cut before that step (r^2 (x^T w)^2 stays far from overflow). */
export const DIVERGENCE_CAP = 1e30;

function maxAbs(xs: Float64Array[], a: Float64Array): number {
  let m = 0;
  for (const r of xs) for (let k = 0; k < r.length; k++) m = Math.max(m, Math.abs(r[k]!));
  for (let k = 0; k < a.length; k++) m = Math.max(m, Math.abs(a[k]!));
  return m;
}

/** Runs c.steps single-sample label-noise SGD steps (Eqs. (15)-(16)) with the engine's Stepper, recording every step. */
export function runTrajectory(c: SmallCase): Trajectory {
  const { state, data, rule } = materialize(c);
  const stepper = new Stepper(state, data, rule);
  const drawer = new Drawer(rule, data, c.m, c.seed);
  const X = rows(data.X);
  const steps: StepRecord[] = [];
  let truncatedAt: number | null = null;
  for (let t = 0; t < c.steps; t++) {
    const W = rows(state.W).map((w) => w.slice());
    const a = vec(state.a).slice();
    const th = theta(state);
    const draw = drawer.next(t);
    const j = draw.idx[0]!;
    const x = (X[j] as Float64Array).slice();
    const y = data.y[j]!;
    const eps = draw.eps[0]!;
    let f = 0;
    for (let k = 0; k < c.d; k++) f += th[k]! * x[k]!;
    const r = f - y - eps;
    stepper.step(draw);
    const Wn = rows(state.W).map((w) => w.slice());
    const an = vec(state.a).slice();
    const mx = maxAbs(Wn, an);
    if (!Number.isFinite(mx) || mx > DIVERGENCE_CAP) {
      truncatedAt = t;
      break;
    }
    steps.push({ W, a, Wn, an, th, thn: theta(state), x, y, eps, f, r });
  }
  return { eta: rule.eta, m: c.m, d: c.d, steps, requested: c.steps, truncatedAt };
}

export function dot(x: ArrayLike<number>, y: ArrayLike<number>): number {
  let s = 0;
  for (let k = 0; k < x.length; k++) s += x[k]! * y[k]!;
  return s;
}

/** sum_k |x_k y_k|: the magnitude of the terms of a dot product (its rounding scale) */
export function absDot(x: ArrayLike<number>, y: ArrayLike<number>): number {
  let s = 0;
  for (let k = 0; k < x.length; k++) s += Math.abs(x[k]! * y[k]!);
  return s;
}

/** |lhs - rhs| / scale, 0 when both sides and the scale vanish. */
export function gapOver(lhs: number, rhs: number, scale: number): number {
  const diff = Math.abs(lhs - rhs);
  if (diff === 0) return 0;
  return diff / scale;
}

/** Running statistics of a gap over the cases a check has seen (search cases and shrinks alike). */
export class GapStats {
  evaluations = 0;
  over = 0;
  worst = 0;
  best = Number.POSITIVE_INFINITY;
  truncated = 0;
  constructor(readonly tol: number) {}
  add(gap: number): void {
    this.evaluations++;
    if (gap > this.tol) this.over++;
    this.worst = Math.max(this.worst, gap);
    this.best = Math.min(this.best, gap);
  }
  /** finite numbers for evidence */
  get bestOrZero(): number {
    return Number.isFinite(this.best) ? this.best : 0;
  }
}

/** The CaseResult of a gap against a tolerance (margin in the gap's own units). */
export function gapResult(gap: number, tol: number, message: string): CaseResult {
  return { violated: !(gap <= tol), margin: tol - gap, message };
}

export function fmt(v: number): string {
  return v.toPrecision(6);
}

export function describeCase(c: SmallCase, tr: Trajectory): string {
  const cut = tr.truncatedAt !== null ? `, cut at step ${tr.truncatedAt} (divergence)` : '';
  return `m=${c.m} d=${c.d} n=${c.n} eta=1e-${c.etaExp} sigma=${c.sigma} aScale=${c.aScale} T=${tr.steps.length}${cut} seed=${c.seed}`;
}
