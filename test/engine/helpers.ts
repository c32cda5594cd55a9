import fc from 'fast-check';
import { expect } from 'vitest';
import {
  InputError,
  initNTK,
  makeDataset,
  rows,
  vec,
  type Dataset,
  type State,
} from '../../src/engine/index.js';

/**
 * Shared helpers of the engine's own tests. Every fast-check property runs with a fixed seed
 * (so the suite is deterministic) and draws real-valued parameters on integer grids or as
 * exponents (fc.double crowds near zero).
 */
export const fcOpts = (seed: number, numRuns: number): { seed: number; numRuns: number } => ({ seed, numRuns });

/** |x - y| / (1 + |y|): the relative gap used by every exact comparison in the suite. */
export function relGap(x: number, y: number): number {
  return Math.abs(x - y) / (1 + Math.abs(y));
}

/** Max relative gap over two equally long vectors (Infinity when the lengths differ or a value is NaN). */
export function maxRelGap(x: ArrayLike<number>, y: ArrayLike<number>): number {
  if (x.length !== y.length) return Infinity;
  let worst = 0;
  for (let k = 0; k < x.length; k++) {
    const g = relGap(x[k] as number, y[k] as number);
    if (!(g <= worst)) worst = Number.isNaN(g) ? Infinity : g;
  }
  return worst;
}

/** Max relative gap over every entry of W and a of two states. */
export function stateGap(s: State, r: State): number {
  if (s.W.rows !== r.W.rows || s.W.columns !== r.W.columns) return Infinity;
  let worst = maxRelGap(vec(s.a), vec(r.a));
  const A = rows(s.W);
  const B = rows(r.W);
  for (let i = 0; i < A.length; i++) worst = Math.max(worst, maxRelGap(A[i] as Float64Array, B[i] as Float64Array));
  return worst;
}

/** Bit-for-bit equality of two Float64Arrays (distinguishes -0 from +0 and NaN payloads). */
export function bitsEqual(x: Float64Array, y: Float64Array): boolean {
  if (x.length !== y.length) return false;
  return Buffer.from(x.buffer, x.byteOffset, x.byteLength).equals(Buffer.from(y.buffer, y.byteOffset, y.byteLength));
}

/** The state flattened (W row by row, then a), for exact comparisons. */
export function flatState(s: State): Float64Array {
  const m = s.W.rows;
  const d = s.W.columns;
  const out = new Float64Array(m * d + m);
  rows(s.W).forEach((r, i) => out.set(r, i * d));
  out.set(vec(s.a), m * d);
  return out;
}

/** Runs fn, expects an InputError whose `input` is `input` and whose message names it. */
export function expectInputError(fn: () => unknown, input: string): InputError {
  let caught: unknown;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  expect(caught, `expected an InputError naming ${input}`).toBeInstanceOf(InputError);
  const e = caught as InputError;
  expect(e.input).toBe(input);
  expect(e.message).toContain(input);
  expect(e.name).toBe('InputError');
  return e;
}

/** A small random configuration: integers only; eta = 10^-etaExp, scales from short lists. */
export interface Case {
  m: number;
  d: number;
  n: number;
  etaExp: number;
  sigma: number;
  aScale: number;
  wScale: number;
  steps: number;
  seed: number;
}

export function caseArb(o: { maxM?: number; maxD?: number; maxN?: number; etaExps?: [number, number]; maxSteps?: number } = {}): fc.Arbitrary<Case> {
  return fc.record({
    m: fc.integer({ min: 1, max: o.maxM ?? 5 }),
    d: fc.integer({ min: 1, max: o.maxD ?? 5 }),
    n: fc.integer({ min: 1, max: o.maxN ?? 6 }),
    etaExp: fc.integer({ min: (o.etaExps ?? [2, 4])[0], max: (o.etaExps ?? [2, 4])[1] }),
    sigma: fc.constantFrom(0, 0.5, 1, 4),
    aScale: fc.constantFrom(1, 3, 10),
    wScale: fc.constantFrom(0.5, 1, 2),
    steps: fc.integer({ min: 1, max: o.maxSteps ?? 6 }),
    seed: fc.integer({ min: 0, max: 1_000_000 }),
  });
}

/**
 * The case's data and state, and eta = 10^-etaExp capped at 0.25 / ((||a||^2 + ||W||_F^2) max_i ||x_i||^2),
 * a bound on the loss's curvature along the parameters, so that short trajectories stay bounded and a
 * relative comparison of two implementations stays meaningful.
 */
export function buildCase(c: Case): { state: State; data: Dataset; eta: number } {
  const data = makeDataset({ n: c.n, d: c.d, nTest: 2, thetaStarNorm: 0.7 }, c.seed);
  const state = initNTK(c.m, c.d, c.seed, { aScale: c.aScale, wScale: c.wScale });
  let S = 0;
  for (const v of vec(state.a)) S += v * v;
  for (const r of rows(state.W)) for (const v of r) S += v * v;
  let X2 = 0;
  for (const r of rows(data.X)) X2 = Math.max(X2, r.reduce((p, v) => p + v * v, 0));
  return { state, data, eta: Math.min(Math.pow(10, -c.etaExp), 0.25 / (S * X2 + 1e-300)) };
}

/** Sample mean and (unbiased) variance. */
export function meanVar(x: ArrayLike<number>): { mean: number; variance: number } {
  let s = 0;
  for (let k = 0; k < x.length; k++) s += x[k] as number;
  const mean = s / x.length;
  let v = 0;
  for (let k = 0; k < x.length; k++) v += ((x[k] as number) - mean) ** 2;
  return { mean, variance: v / (x.length - 1) };
}
