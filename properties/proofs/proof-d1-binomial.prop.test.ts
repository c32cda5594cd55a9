// Over ~80 lines: three exact matrix steps of Appendix D.1 ((55) and the proof's lines 2-3), each with its own grid and twin.
import { describe } from 'vitest';
import { EigenvalueDecomposition, Matrix, type AbstractMatrix } from 'ml-matrix';
import proof from '../../theorems/proofs/proof-d1.js';
import { stepsOf } from '../../src/scenarios/phase2Sweep.js';
import { T2 } from '../../src/theory/constants.js';
import { identityOver, type Ctx, step, type Tolerance } from './support.js';

/**
 * Eq. (55) and the binomial expansion of (I + eta M)^T2 (the proof of Lemma D.1, lines 2-3), in float64 matrices of
 * size d + 1 = 21 (ml-matrix): M = [[0, theta*^T], [theta*, 0]] with theta* a random direction of the context's stream
 * scaled to ||theta*||, T2 = ceil(ln(1/eta)/||theta*||).
 */
const D = 20;
/** entries of order 1 built from <= 15 products and sums of 21 terms: float64 rounding ~1e-14; 1e-10 relative leaves room */
const MATRIX: Tolerance = { abs: 1e-13, rel: 1e-10 };

function mOf(ctx: Ctx, norm: number): Matrix {
  const rng = ctx.rng('theta-star', norm);
  const t = Array.from({ length: D }, () => rng.gaussian());
  const nt = Math.hypot(...t);
  const M = Matrix.zeros(D + 1, D + 1);
  t.forEach((v, i) => {
    M.set(i, D, (v / nt) * norm);
    M.set(D, i, (v / nt) * norm);
  });
  return M;
}
const entries = (A: AbstractMatrix, B: AbstractMatrix, at: string) => A.to2DArray().flatMap((row, i) => row.map((v, j) => ({ lhs: v, rhs: B.get(i, j), message: `${at}, entry (${i}, ${j})` })));
/** the entry where A and B differ most (one case per matrix pair; the tolerance is relative to that entry) */
const worstEntry = (A: AbstractMatrix, B: AbstractMatrix, at: string) => entries(A, B, at).reduce((w, c) => (Math.abs(c.lhs - c.rhs) > Math.abs(w.lhs - w.rhs) ? c : w));
const binom = (T: number, k: number): number => {
  let c = 1;
  for (let i = 1; i <= k; i++) c = (c * (T - k + i)) / i;
  return c;
};

describe('Appendix D.1: Eq. (55) and the binomial expansion in the proof of Lemma D.1 (proof-d1)', () => {
  step(proof, 'proof-d1.step-14', {
    checks: 'Eq. (55): Q_M^T diag(k ||theta*||, 0, ..., 0, -k ||theta*||) Q_M against M entry by entry, Q_M the eigenvectors of M (ml-matrix, rows, in the order of the printed diagonal), k = 1, and Q_M Q_M^T against I; ||theta*|| in {0.01, 1, 10}.',
    statement: { k: 1 },
    twins: [{ id: 'k=2', change: 'diag(2 ||theta*||, 0, ..., -2 ||theta*||)', statement: { k: 2 } }],
    expected: { verdict: 'holds', reason: 'M is symmetric of rank 2 with eigenvalues +-||theta*|| (step 13)' },
    measure: (ctx) =>
      [0.01, 1, 10].map((norm) => {
        const M = mOf(ctx, norm);
        const e = new EigenvalueDecomposition(M, { assumeSymmetric: true });
        const order = e.realEigenvalues.map((v, i) => ({ v, i })).sort((x, y) => y.v - x.v).map((x) => x.i);
        const Q = new Matrix(order.map((i) => e.eigenvectorMatrix.getColumn(i)));
        return { norm, M, Q };
      }),
    decide: (g, s, ctx) =>
      identityOver(
        ctx,
        g.flatMap(({ norm, M, Q }) => {
          const diag = Matrix.diag(Array.from({ length: D + 1 }, (_, i) => (i === 0 ? s.k * norm : i === D ? -s.k * norm : 0)));
          return [...entries(Q.transpose().mmul(diag).mmul(Q), M, `||theta*|| = ${norm}, Q^T diag Q vs M`), ...entries(Q.mmul(Q.transpose()), Matrix.eye(D + 1), `||theta*|| = ${norm}, Q Q^T vs I`)];
        }),
        (c) => c,
        'Eq. (55)',
        MATRIX,
      ),
    cases: (g) => g.length * 2 * (D + 1) ** 2,
  });

  const powers = (ctx: Ctx) =>
    [1e-2, 1e-3, 1e-4].flatMap((eta) => [0.5, 1, 2].map((norm) => {
      const T = stepsOf(T2(eta, norm));
      const A = mOf(ctx, norm).mul(eta);
      const pow: Matrix[] = [Matrix.eye(D + 1)];
      for (let k = 1; k <= T + 1; k++) pow.push((pow[k - 1] as Matrix).mmul(A));
      let P = Matrix.eye(D + 1);
      for (let t = 0; t < T; t++) P = P.mmul(Matrix.add(Matrix.eye(D + 1), A));
      return { at: `eta = ${eta}, ||theta*|| = ${norm}, T2 = ${T}`, T, pow, P };
    }));
  type Power = ReturnType<typeof powers>[number];
  const sum = (terms: [number, Matrix][]) => terms.reduce((acc, [c, X]) => acc.add(X.clone().mul(c)), Matrix.zeros(D + 1, D + 1));

  step(proof, 'proof-d1.step-16', {
    checks: 'The proof of Lemma D.1, line 2: (I + eta M)^T2 (T2 products) against sum_{k=0}^{T2 + dT} C(T2 + dT, k) (eta M)^k, dT = 0, at the entry where they differ most; eta in {1e-2, 1e-3, 1e-4}, ||theta*|| in {0.5, 1, 2}.',
    statement: { dT: 0 },
    twins: [{ id: 'dT=1', change: 'the expansion of (I + eta M)^{T2 + 1}', statement: { dT: 1 } }],
    expected: { verdict: 'holds', reason: 'the binomial theorem (I and eta M commute)' },
    measure: powers,
    decide: (g, s, ctx) => identityOver(ctx, g.map((p: Power) => worstEntry(p.P, sum(Array.from({ length: p.T + s.dT + 1 }, (_, k) => [binom(p.T + s.dT, k), p.pow[k] as Matrix])), p.at)), (c) => c, 'line 2', MATRIX),
    cases: (g) => g.length,
  });

  step(proof, 'proof-d1.step-17', {
    checks: 'The proof of Lemma D.1, line 3, with its printed coefficients: I + T2 eta M + c T2 (T2 - 1) (eta M)^2 + [the binomial terms k = 3 ... T2 - 1] + (eta M)^T2, c = 1/2, against (I + eta M)^T2, at the entry where they differ most, on the grid of line 2 (T2 >= 3 there).',
    statement: { c: 0.5 },
    twins: [{ id: 'c=1', change: 'T2 (T2 - 1) (eta M)^2 without the 1/2', statement: { c: 1 } }],
    expected: { verdict: 'holds', reason: 'C(T2, 1) = T2, C(T2, 2) = T2 (T2 - 1)/2, C(T2, T2) = 1 (the last term printed (eta M)^T is (eta M)^T2)' },
    measure: powers,
    decide: (g, s, ctx) =>
      identityOver(ctx, g.map((p: Power) => {
        const middle: [number, Matrix][] = Array.from({ length: Math.max(0, p.T - 3) }, (_, j) => [binom(p.T, j + 3), p.pow[j + 3] as Matrix]);
        return worstEntry(sum([[1, p.pow[0] as Matrix], [p.T, p.pow[1] as Matrix], [s.c * p.T * (p.T - 1), p.pow[2] as Matrix], ...middle, [1, p.pow[p.T] as Matrix]]), p.P, p.at);
      }), (c) => c, 'line 3', MATRIX),
    cases: (g) => g.length,
  });
});
