import { FAMILY_SIZE } from '../../theorems/index.js';
import { compareSides, FLOAT64_TOLERANCE, type Tolerance } from '../../src/verdict/checks/identity.js';
import { highProbabilityRule, identityRule, inequalityRule, fmtMargin, type Decision } from '../../src/verdict/checks/index.js';
import type { ClaimContext } from '../../src/verdict/context.js';
import { COVERAGE_EXTRA } from '../../theorems/proofs/coverage-extra.js';
import { coverageCheck, gridSearch, proofStep, type EvaluableTarget, type ProofStepSpec } from '../../src/verdict/proofTest.js';
import type { SearchOutcome } from '../../src/verdict/search.js';
import type { ProofRecord, StatementParams } from '../../src/verdict/types.js';

/**
 * Shared glue for the proof-step properties (properties/proofs/): registration with the suite's family size, and the
 * two exact sweeps most steps need (an identity or an inequality evaluated on every case of a declared grid).
 */
export type Ctx = ClaimContext<Record<string, never>>;

export function step<S extends StatementParams, M>(proof: ProofRecord, id: string, spec: ProofStepSpec<S, M>): void {
  proofStep(proof, id, spec, FAMILY_SIZE);
}

/** Registers a coverage entry of theorems/proofs/coverage-extra.ts (a claim of its own, with no proof) by its id. */
export function coverage<S extends StatementParams, M>(id: string, spec: ProofStepSpec<S, M>): void {
  const e = COVERAGE_EXTRA.find((x) => x.id === id);
  if (!e || !('rule' in e.evaluable)) throw new Error(`coverage entry ${id} is missing or not evaluable`);
  const target: EvaluableTarget = { id: e.id, quote: e.quote, asserts: e.asserts, kind: e.kind === 'remark' || e.kind === 'condition' ? 'identity' : 'probabilistic', sources: e.sources, uses: e.uses, rule: e.evaluable.rule };
  coverageCheck(target, spec, FAMILY_SIZE);
}

const SHARED = new Map<string, unknown>();

/**
 * A measurement several steps of one proof file share (simulations): computed once per (name, tier, seed) in the file's
 * worker, its seeds named after `name` rather than after a step, so a step's result does not depend on which steps
 * ran or in which order (`npm run audit -- --claim <one step>` gives the same verdict as the full audit).
 */
export function shared<M>(ctx: Ctx, name: string, measure: (seedOf: (...names: (string | number)[]) => string) => M): M {
  const key = `${name}/${ctx.tier}/${ctx.seed}`;
  if (!SHARED.has(key)) SHARED.set(key, measure((...n) => [ctx.seed, name, ...n].join('/')));
  return SHARED.get(key) as M;
}

/** "with probability 1 - O(1/m)" decided by rule high-probability from failures in runs per width, over a declared range of widths. */
export function oneMinusOOneOverM(ctx: Ctx, event: string, widths: readonly { m: number; failures: number; runs: number }[], range: readonly [number, number]): Decision {
  return highProbabilityRule({ event, rate: { text: '1/m', f: (m) => 1 / m, exponent: -1 }, widths, range, alpha: ctx.alpha }).decision;
}

export { FLOAT64_TOLERANCE, type Tolerance };

/** One evaluated case: the two sides and the numbers behind them. */
export interface Sides {
  lhs: number;
  rhs: number;
  message: string;
  /** inequalities: false when the bound is trivial at this case (a probability bound >= 1, ...) */
  binding?: boolean;
}

function identitySearch<C>(ctx: Ctx, name: string, grid: readonly C[], f: (c: C) => Sides, tol: Tolerance): SearchOutcome<C> {
  return gridSearch(ctx.record.id, ctx.config, name, grid, (c) => {
    const s = f(c);
    return compareSides(s.lhs, s.rhs, tol, s.message);
  });
}

/** lhs <= rhs within the tolerance (abs + rel * max(|lhs|, |rhs|)); margin (rhs - lhs) relative to max(|lhs|, |rhs|). */
function inequalitySearch<C>(ctx: Ctx, name: string, grid: readonly C[], f: (c: C) => Sides, tol: Tolerance): SearchOutcome<C> {
  return gridSearch(ctx.record.id, ctx.config, name, grid, (c) => {
    const s = f(c);
    if (Number.isNaN(s.lhs) || Number.isNaN(s.rhs)) return { violated: true, margin: -1, message: `${s.message}: a side is NaN` };
    const scale = Math.max(Math.abs(s.lhs), Math.abs(s.rhs));
    const allowed = tol.abs + tol.rel * (Number.isFinite(scale) ? scale : 0);
    const gap = s.lhs - s.rhs;
    const margin = s.lhs === s.rhs ? 0 : Number.isFinite(scale) && scale > 0 ? -gap / scale : gap > 0 ? -1 : 1;
    return { violated: gap > allowed, margin, message: `${s.message}: lhs ${fmtMargin(s.lhs)} vs rhs ${fmtMargin(s.rhs)}` };
  });
}

export interface Corrected<C> {
  f: (c: C) => Sides;
  form: string;
}

/** Rule "identity" over an exact grid, with an optional stated corrected form (erratum when it holds and the printed does not). */
export function identityOver<C>(ctx: Ctx, grid: readonly C[], f: (c: C) => Sides, what: string, tol: Tolerance = FLOAT64_TOLERANCE, corrected?: Corrected<C>): Decision {
  const printed = identitySearch(ctx, 'printed', grid, f, tol);
  if (!corrected) return identityRule({ printed, what });
  return identityRule({ printed, what, corrected: { outcome: identitySearch(ctx, 'corrected', grid, corrected.f, tol), form: corrected.form } });
}

/** Rule "inequality" over an exact grid (vacuous when the bound is trivial at every case), with an optional corrected form. */
export function inequalityOver<C>(ctx: Ctx, grid: readonly C[], f: (c: C) => Sides, what: string, bindsAt: string, tol: Tolerance = FLOAT64_TOLERANCE, corrected?: Corrected<C>): Decision {
  const printed = inequalitySearch(ctx, 'printed', grid, f, tol);
  const cases = grid.filter((c) => f(c).binding !== false).length;
  const binding = { cases, of: grid.length, bindsAt };
  if (!corrected) return inequalityRule({ printed, what, binding });
  return inequalityRule({ printed, what, binding, corrected: { outcome: inequalitySearch(ctx, 'corrected', grid, corrected.f, tol), form: corrected.form } });
}

/** Composite Simpson rule on [a, b] with an even number of panels. */
export function simpson(f: (x: number) => number, a: number, b: number, panels: number): number {
  const n = panels % 2 === 0 ? panels : panels + 1;
  const h = (b - a) / n;
  let s = f(a) + f(b);
  for (let i = 1; i < n; i++) s += (i % 2 === 1 ? 4 : 2) * f(a + i * h);
  return (s * h) / 3;
}

/** log-spaced grid of `k` values from lo to hi (inclusive). */
export function logGrid(lo: number, hi: number, k: number): number[] {
  return Array.from({ length: k }, (_, i) => Math.exp(Math.log(lo) + ((Math.log(hi) - Math.log(lo)) * i) / (k - 1)));
}

/** The same tolerance written once: float64 sums of O(1e5) terms (Simpson) are good to ~1e-12 relative; 1e-8 leaves room. */
export const QUADRATURE_TOLERANCE: Tolerance = { abs: 1e-12, rel: 1e-8 };

/** Composite trapezoid rule on [a, b] with `panels` panels: spectrally accurate for the rapidly decaying analytic integrands here. */
export function trapezoid(f: (x: number) => number, a: number, b: number, panels: number): number {
  const h = (b - a) / panels;
  let s = (f(a) + f(b)) / 2;
  for (let i = 1; i < panels; i++) s += f(a + i * h);
  return s * h;
}

/** Trapezoid rule over the square [-L, L]^2 with `panels` panels per side. */
export function trapezoid2(f: (x: number, y: number) => number, L: number, panels: number): number {
  const h = (2 * L) / panels;
  let s = 0;
  for (let i = 0; i <= panels; i++) {
    const x = -L + i * h;
    const wx = i === 0 || i === panels ? 0.5 : 1;
    for (let j = 0; j <= panels; j++) {
      const wy = j === 0 || j === panels ? 0.5 : 1;
      s += wx * wy * f(x, -L + j * h);
    }
  }
  return s * h * h;
}

/** Sigma_hat = (1/n) sum_j x_j x_j^T from n explicit draws x_j ~ N(0, I_d) of the context's stream (row-major d x d). */
export function sampleSigmaHat(d: number, n: number, rng: { gaussian(): number }): Float64Array {
  const S = new Float64Array(d * d);
  const x = new Float64Array(d);
  for (let j = 0; j < n; j++) {
    for (let k = 0; k < d; k++) x[k] = rng.gaussian();
    for (let a = 0; a < d; a++) {
      const xa = x[a] as number;
      for (let b = a; b < d; b++) S[a * d + b] = (S[a * d + b] as number) + xa * (x[b] as number);
    }
  }
  for (let a = 0; a < d; a++) {
    for (let b = a; b < d; b++) {
      const v = (S[a * d + b] as number) / n;
      S[a * d + b] = v;
      S[b * d + a] = v;
    }
  }
  return S;
}
