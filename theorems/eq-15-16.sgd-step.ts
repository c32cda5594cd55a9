import type { SmallDomain } from '../src/scenarios/smallNetworkTrajectory.js';
import type { ClaimRecord } from '../src/verdict/types.js';

/** The statement's parameter: the factor on eta in the printed step (1: W(t+1) = W(t) - eta grad, as printed). */
export type SgdStepStatement = { stepScale: number };

/** Eqs. (1), (4), (13)-(16) (long version; (1), (3)-(4) in the AAAI text): the SGD step on (W, a) is -eta times the gradient of the per-sample loss. */
export const record: ClaimRecord<SmallDomain, SgdStepStatement> = {
  id: 'eq-15-16.sgd-step',
  title: 'The label-noise SGD step on (W, a) is minus eta times the gradient of the noisy squared loss',
  quote:
    String.raw`\hat\ell_i(\theta(t)) = \frac12 |f(\theta(t); x_i) - y_i - \epsilon|^2 \ (1);\quad W(t+1) = W(t) - \eta\, a(t) (f(\theta(t); x_{\xi_t}) - y_{\xi_t} - \epsilon_t)\, x_{\xi_t}^\top \ (15);\quad a(t+1) = a(t) - \eta (f(\theta(t); x_{\xi_t}) - y_{\xi_t} - \epsilon_t)\, W(t) x_{\xi_t} \ (16)`,
  sources: { aaai: ['Eq. (1)', 'Eq. (4)', 'Algorithm 1'], long: ['Eq. (4)', 'Eq. (13)', 'Eq. (14)', 'Eq. (15)', 'Eq. (16)', 'Eq. (33)', 'Eq. (34)', 'Eqs. (47)-(50) (GD)'] },
  kind: 'identity',
  hypotheses: [],
  uses: [],
  checks:
    'On random small states and draws (m, d, n, eta, sigma; batch 1, a minibatch, and full-batch GD), the printed step (W, a) -> (W, a) - eta (a r x^T, r W x), r = f - y - eps, implemented literally with ml-matrix, equals -eta times the central finite-difference gradient of the batch loss of Eq. (1), in every coordinate of W and a.',
  domain: {
    quick: { maxM: 6, maxD: 5, maxN: 6, etaExponents: [1, 4], sigmas: [0, 0.5, 4], numRuns: 150 },
    paper: { maxM: 12, maxD: 20, maxN: 12, etaExponents: [1, 6], sigmas: [0, 0.5, 4], numRuns: 1000 },
  },
  thresholds: {
    relTol: { value: 1e-6, why: 'central differences with h = 1e-5 (1 + |p|) on a quartic loss: truncation ~1e-10, rounding ~1e-11 relative; 1e-6 leaves four orders of margin and still catches any wrong factor or sign' },
  },
  tests: 0,
  rule: 'identity',
  statement: { stepScale: 1 },
  twins: [{ id: 'step/10', change: 'the step -eta grad divided by 10', statement: { stepScale: 0.1 } }],
  combine: 'one domain: random small states and draws (batch 1, minibatches, full batch); any coordinate outside the tolerance fails',
  searches: [{ name: 'main', what: 'a state and draw where a coordinate of the printed step differs from -eta times the finite-difference gradient of Eq. (1)' }],
  expected: { verdict: 'holds', reason: 'Decided by the identity rule (unchanged: holds). Eqs. (13)-(16) are the exact gradients of Eq. (1) for the two-layer linear network.' },
};
export default record;
