import { describe } from 'vitest';
import proof from '../../theorems/proofs/proof-c2.js';
import { inequalityOver, step, type Tolerance } from './support.js';

/**
 * Proof of Lemma C.2 after Eq. (31): the union bound over time (P(not C_t) <= O(1/m)) and the induction step for (i),
 * Eq. (32) and the gradient bound after it.
 */
const EXACT_TOL: Tolerance = { abs: 1e-12, rel: 1e-10 };

describe('proof of Lemma C.2 (proof-c2), after Eq. (31)', () => {
  step(proof, 'proof-c2.step-53', {
    checks: 'O(eta) = O(1/m) over A1\'s domain: eta m <= k, k = 1, for eta in {1e-3, 1e-6, 1e-9} and m in {eta^{-1/2}, eta^{-1}, eta^{-3/2}} (each allowed by A1, m >= 1/sqrt(eta)).',
    statement: { k: 1 },
    twins: [{ id: 'k=1e-6', change: 'eta m <= 1e-6', statement: { k: 1e-6 } }],
    expected: { verdict: 'fails', reason: 'A1 bounds m from below only: at m = eta^{-3/2}, eta m = eta^{-1/2} is unbounded' },
    measure: () => [1e-3, 1e-6, 1e-9].flatMap((eta) => [-0.5, -1, -1.5].map((p) => ({ eta, m: Math.pow(eta, p) }))),
    decide: (g, s, ctx) => inequalityOver(ctx, g, ({ eta, m }) => ({ lhs: eta * m, rhs: s.k, message: `eta = ${eta}, m = ${m.toExponential(2)}` }), 'eta = O(1/m)', 'everywhere', EXACT_TOL),
    cases: (g) => g.length,
  });

  step(proof, 'proof-c2.step-55', {
    checks: 'Definition 3.1 allows w_i(t) = w_i(0) + u/sqrt(m), w_i(t+1) = w_i(0) - u/sqrt(m) (||u|| = 1): ||w_i(t+1) - w_i(t)|| against m^{-1/2}; corrected: k m^{-1/2}, k = 2 (the triangle inequality).',
    statement: { k: 2 },
    twins: [{ id: 'k=1.5', change: 'corrected with 1.5 m^{-1/2}', statement: { k: 1.5 } }],
    expected: { verdict: 'erratum', reason: 'two points of the lazy ball can be 2/sqrt(m) apart' },
    measure: () => [4, 100, 1e4, 1e8],
    decide: (g, s, ctx) =>
      inequalityOver(ctx, g, (m) => ({ lhs: 2 / Math.sqrt(m), rhs: 1 / Math.sqrt(m), message: `m = ${m}: the two extreme points` }), 'lazy => one step <= m^{-1/2}', 'everywhere', EXACT_TOL, {
        f: (m) => ({ lhs: 2 / Math.sqrt(m), rhs: s.k / Math.sqrt(m), message: `m = ${m}` }),
        form: '||w_i(t+1) - w_i(t)|| <= 2 m^{-1/2}',
      }),
    cases: (g) => g.length,
  });
});
