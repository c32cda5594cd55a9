import { describe } from 'vitest';
import proof from '../../theorems/proofs/proof-d1.js';
import proofD2 from '../../theorems/proofs/proof-d2.js';
import type { ProofRecord } from '../../src/verdict/types.js';
import { materialize, type SmallCase } from '../../src/scenarios/smallNetworkTrajectory.js';
import { stepVsGradient } from '../../src/scenarios/stepIdentities.js';
import { identityOver, step, type Tolerance } from './support.js';

/**
 * Appendix D, Eqs. (47)-(50) and (59): the full-batch gradients and the GD step of the two-layer network, evaluated at small
 * cases of the Sec. 3.1 setup (the engine's GD step, batch 'full', sigma = 0; its gradient by central differences of
 * the loss, src/scenarios/stepIdentities.ts). The printed sums run to m; over the n samples is the corrected form (the
 * cases have m < n, where the printed partial sum is defined and differs).
 */
const CASES: SmallCase[] = [3, 4].flatMap((m) => [6, 11].flatMap((n) => [2, 5].map((d) => ({ m, d, n, etaExp: 2, sigma: 0, batch: 'full' as const, aScale: 1, steps: 1, seed: 100 * m + 10 * n + d }))));
/** central differences with h = 1e-5 (1 + |p|) of a quadratic loss: error ~1e-10 of the scale; 1e-7 leaves room */
const FD_TOL: Tolerance = { abs: 1e-9, rel: 1e-7 };
/** the step against a formula evaluated in a different order: float64 rounding of sums of ~n d terms */
const STEP_TOL: Tolerance = { abs: 1e-13, rel: 1e-11 };

interface Coordinate { c: SmallCase; i: number; k: number; before: number; stepOverEta: number; fd: number; printed: (upTo: number) => number; eta: number }

/** Every coordinate (w_i[k], k < d, or a_i at k = -1) with the printed gradient (1/n) sum_{j <= upTo} r_j x_j (times a_i, or . w_i). */
function coordinates(c: SmallCase): Coordinate[] {
  const { state, data } = materialize(c);
  const s = stepVsGradient(c);
  const W = Array.from({ length: c.m }, (_, i) => state.W.getRow(i));
  const a = state.a.getRow(0); // a is 1 x m
  const X = Array.from({ length: c.n }, (_, j) => data.X.getRow(j));
  const theta = Array.from({ length: c.d }, (_, k) => W.reduce((acc, w, i) => acc + (a[i] as number) * (w[k] as number), 0));
  const r = X.map((x, j) => x.reduce((acc, v, k) => acc + v * (theta[k] as number), 0) - (data.y[j] as number));
  const g = (upTo: number, k: number) => r.slice(0, upTo).reduce((acc, rj, j) => acc + rj * ((X[j] as number[])[k] as number), 0) / c.n;
  return s.names.map((name, q) => {
    // names are 'W[i][k]' or 'a[i]'
    const [i, k] = (name.match(/\d+/g) as string[]).map(Number).concat(-1) as [number, number];
    const w = W[i] as number[];
    const printed = (upTo: number) => (k >= 0 ? (a[i] as number) * g(upTo, k) : w.reduce((acc, wk, kk) => acc + wk * g(upTo, kk), 0));
    return { c, i, k, before: k >= 0 ? (w[k] as number) : (a[i] as number), stepOverEta: s.stepOverEta[q] as number, fd: s.gradient[q] as number, printed, eta: Math.pow(10, -c.etaExp) };
  });
}
const at = (p: Coordinate) => `m = ${p.c.m}, n = ${p.c.n}, d = ${p.c.d}, ${p.k >= 0 ? `w_${p.i}[${p.k}]` : `a_${p.i}`}`;

describe('Appendix D, Eqs. (47)-(50) and (59): the GD step (proof-d1, proof-d2)', () => {
  const gradient = (eq: string, kind: 'w' | 'a', id: string) =>
    step(proof, id, {
      checks: `Eq. (${eq}): the printed gradient with respect to ${kind === 'w' ? 'w_i' : 'a_i'}, (1/n) sum_{j=1}^{J} (a^T W x_j - y_j) x_j${kind === 'w' ? ' times a_i' : ' . w_i'}, J = m as printed, against the loss's central-difference gradient at 8 small cases (m in {3, 4} < n in {6, 11}, d in {2, 5}); corrected: J = n.`,
      statement: { J: 0 },
      twins: [{ id: 'J=n-1', change: 'corrected sum to n - 1', statement: { J: -1 } }],
      expected: { verdict: 'erratum', reason: 'the sum runs over the n samples; the printed upper limit m is a misprint (with m < n the printed partial sum differs)' },
      measure: () => CASES.flatMap(coordinates).filter((p) => (kind === 'w' ? p.k >= 0 : p.k < 0)),
      decide: (ps, s, ctx) => identityOver(ctx, ps, (p) => ({ lhs: p.fd, rhs: p.printed(p.c.m), message: at(p) }), `Eq. (${eq})`, FD_TOL, { f: (p) => ({ lhs: p.fd, rhs: p.printed(p.c.n + s.J), message: at(p) }), form: 'the sum over j = 1 ... n' }),
      cases: (ps) => ps.length,
    });
  gradient('47', 'w', 'proof-d1.step-1');
  gradient('48', 'a', 'proof-d1.step-2');

  const gdStep = (eq: string, kind: 'w' | 'a', id: string, of: ProofRecord = proof) =>
    step(of, id, {
      checks: `Eq. (${eq}): the engine's GD step on ${kind === 'w' ? 'w_i' : 'a_i'} against the printed ${kind === 'w' ? 'w_i' : 'a_i'} - eta (gradient with the sum to J), J = m as printed, at the same cases; corrected: J = n.`,
      statement: { J: 0 },
      twins: [{ id: 'J=n-1', change: 'corrected sum to n - 1', statement: { J: -1 } }],
      expected: { verdict: 'erratum', reason: 'the GD step sums over the n samples; the printed upper limit m is a misprint' },
      measure: () => CASES.flatMap(coordinates).filter((p) => (kind === 'w' ? p.k >= 0 : p.k < 0)),
      decide: (ps, s, ctx) => identityOver(ctx, ps, (p) => ({ lhs: p.before - p.eta * p.stepOverEta, rhs: p.before - p.eta * p.printed(p.c.m), message: at(p) }), `Eq. (${eq})`, STEP_TOL, { f: (p) => ({ lhs: p.before - p.eta * p.stepOverEta, rhs: p.before - p.eta * p.printed(p.c.n + s.J), message: at(p) }), form: 'the sum over j = 1 ... n' }),
      cases: (ps) => ps.length,
    });
  gdStep('49', 'w', 'proof-d1.step-3');
  gdStep('50', 'a', 'proof-d1.step-4');
  // Eq. (59) is Eq. (49) printed again at t = t2 (the proof of Lemma D.2): an identity of the GD step at any state
  gdStep('59', 'w', 'proof-d2.step-2', proofD2);
});
