import type { SmallDomain } from '../src/scenarios/smallNetworkTrajectory.js';
import type { ClaimRecord } from '../src/verdict/types.js';

/** The statement's parameter: the coefficient of the second-order term eta^2 r^2 f x of the corrected form (1: exact). */
export type ThetaStepStatement = { secondOrder: number };

/**
 * AAAI Eq. (3) (long version Eq. (3)): "theta = a^T W ... theta(t+1) = theta(t) - eta grad_theta l_{xi_t}(theta(t))".
 *
 * Read literally with theta = a^T W, the two-layer step of Eqs. (15)-(16) (the dynamics every proof analyses) moves
 * theta by
 *   theta(t+1) - theta(t) = (a - eta r W x)^T (W - eta r a x^T) - a^T W
 *                         = -eta r (||a||^2 I + W^T W) x + eta^2 r^2 (a^T W x) x,     r = <theta, x> - y - eps,
 * not by -eta grad_theta l = -eta r x. With theta understood as all the parameters (W, a), Eq. (3) is the gradient step
 * of Eqs. (15)-(16), which eq-15-16.sgd-step checks.
 */
export const record: ClaimRecord<SmallDomain, ThetaStepStatement> = {
  id: 'eq-3.theta-step',
  title: 'Eq. (3) read with theta = a^T W: the end-to-end map moves by -eta r (||a||^2 I + W^T W) x + eta^2 r^2 f x, not -eta r x',
  quote: String.raw`\text{The network's parameters } \theta = \mathbf{a}^\top \mathbf{W} \text{ are optimized using label noise SGD with a squared loss function (see Equation (1)). The update rule is written as: } \theta(t+1) = \theta(t) - \eta \nabla_{\theta} \hat{\ell}_{\xi_t}(\theta(t)), \quad (3)`,
  quoteLong: String.raw`\text{The network's parameters } \theta = a^{\top}W \text{ are optimized using label noise SGD with a squared loss function (see Equation (2)). The update rule is written as: } \boldsymbol{\theta}(t+1) = \boldsymbol{\theta}(t) - \eta \nabla_{\boldsymbol{\theta}} \hat{\ell}_{\boldsymbol{\xi}_t}(\boldsymbol{\theta}(t)), \tag{3}`,
  sources: { aaai: ['Eq. (3)', 'Eq. (4)'], long: ['Eq. (3)', 'Eq. (4)', 'Eqs. (15)-(16) (the two-layer step the proofs use)'] },
  kind: 'identity',
  hypotheses: [],
  uses: ['eq-15-16.sgd-step'],
  checks:
    'Along single-sample label-noise SGD trajectories of the two-layer network (Eqs. (15)-(16), the engine\'s Stepper; T = 1..maxSteps steps, random m, d, n, eta = 10^-k, sigma, a(0) scale, seed), at every step the measured theta(t+1) - theta(t), theta = a^T W recomputed from the states, is compared coordinate-wise with (printed) -eta r x and (corrected) -eta r (||a||^2 I + W^T W) x + eta^2 r^2 f x, r = f - y - eps, f = <theta(t), x>. ' +
    'Reading: with theta = a^T W, as the text defines it, Eq. (3) is not the step the two-layer dynamics take (the printed form fails, the corrected form is the exact induced step); with theta understood as all parameters (W, a), Eq. (3) is the gradient step of Eqs. (15)-(16), checked by eq-15-16.sgd-step.',
  domain: {
    quick: { maxM: 6, maxD: 5, maxN: 6, etaExponents: [1, 4], sigmas: [0, 0.5, 4], maxSteps: 20, numRuns: 200 },
    paper: { maxM: 12, maxD: 20, maxN: 12, etaExponents: [1, 6], sigmas: [0, 0.5, 4], maxSteps: 60, numRuns: 1000 },
  },
  thresholds: {
    relTol: {
      value: 1e-7,
      why: 'gap = max_k |LHS_k - RHS_k| / (max_k max(|LHS_k|, |RHS_k|) + roundoffFloor * C), C the magnitude of the sums that form theta(t), theta(t+1) and the RHS; float64 rounding of those sums is <= ~(m + d) 2^-52 C, so the gap of an exact identity stays below ~1e-8 (measured ~1e-12); the printed form misses by O(1) (||a||^2 I + W^T W is not I)',
    },
    roundoffFloor: {
      value: 1e-6,
      why: 'theta(t+1) - theta(t) is a difference of two O(C) sums and can cancel to ~eta |r| C or below; increments below 1e-6 C are judged against that floor rather than their own size, which keeps float64 rounding (<= ~1e-14 C) three orders under relTol',
    },
    divergenceCap: { value: 1e30, why: 'a trajectory is cut before the first step whose parameters exceed 1e30 in magnitude (eta = 0.1 with large a(0) diverges); squares of cubic terms stay finite below it' },
  },
  tests: 0,
  rule: 'identity',
  statement: { secondOrder: 1 },
  twins: [{ id: 'no-second-order', change: 'the corrected form without its eta^2 r^2 f x term (coefficient 0)', statement: { secondOrder: 0 } }],
  combine: 'one domain: the random small single-sample SGD trajectories of the tier, every step; any case outside the tolerance fails its form',
  searches: [
    { name: 'printed', what: 'a trajectory step where theta(t+1) - theta(t) differs from -eta r x' },
    { name: 'corrected', what: 'a trajectory step where theta(t+1) - theta(t) differs from -eta r (||a||^2 I + W^T W) x + eta^2 r^2 f x' },
  ],
  expected: {
    verdict: 'erratum',
    reason: 'Decided by the identity rule (unchanged: erratum). With theta = a^T W the induced step is -eta r (||a||^2 I + W^T W) x + eta^2 r^2 f x (exact, to rounding), not the printed -eta r x; Eq. (3) is right only with theta read as all parameters (W, a).',
  },
};
export default record;
