import type { SmallDomain } from '../src/scenarios/smallNetworkTrajectory.js';
import type { ClaimRecord } from '../src/verdict/types.js';

/** The statement's parameters: the power of eta on grad l^2 (x^T w_i)^2 in the printed (0) and the corrected (2) form. */
export type AIncrementStatement = { printedEtaPower: number; correctedEtaPower: number };

/**
 * Both versions' "Insights from Theorem 2 / 3.2": "by Equation (3), grad l^2 (x^T w_i(j))^2 = (a_i(j+1) - a_i(j))^2".
 * From Eq. (16)/(34), a_i(j+1) - a_i(j) = -eta r (x^T w_i(j)), so the printed form lacks eta^2; corrected:
 * eta^2 r^2 (x^T w_i(j))^2 = (a_i(j+1) - a_i(j))^2.
 */
export const record: ClaimRecord<SmallDomain, AIncrementStatement> = {
  id: 'insights-thm2.a-increment',
  title: '"Insights from Theorem 2": grad l^2 (x^T w_i(j))^2 = (a_i(j+1) - a_i(j))^2 (lacks eta^2)',
  quote: String.raw`\text{Notably, by Equation (3), we have } \nabla \hat{\ell}_{\xi_j}(\theta(j))^2 (\mathbf{x}_{\xi_j}^\top \cdot \mathbf{w}_i(j))^2 = (a_i(j+1) - a_i(j))^2.`,
  quoteLong: String.raw`\text{Notably, by Equation (3), we have } \nabla \hat{\ell}_{\xi_j}(\boldsymbol{\theta}(j))^2 (\boldsymbol{x}_{\xi_j}^\top \cdot \boldsymbol{w}_i(j))^2 = (a_i(j+1) - a_i(j))^2.`,
  sources: { aaai: ['Insights from Theorem 2'], long: ['Insights from Theorem 3.2', 'Eq. (34) and Eq. (36) (from which the corrected form follows)'] },
  kind: 'identity',
  hypotheses: [],
  uses: ['eq-15-16.sgd-step'],
  checks:
    'Along single-sample label-noise SGD trajectories (Eqs. (15)-(16), the engine\'s Stepper; T = 1..maxSteps steps, random m, d, n, eta = 10^-k with k >= 1 (eta != 1), sigma, a(0) scale, seed), at every step and for every neuron, (a_i(j+1) - a_i(j))^2 measured on the states against (printed) r^2 (x^T w_i(j))^2 and (corrected) eta^2 r^2 (x^T w_i(j))^2, with grad l = r = f(theta(j); x) - y - eps_j (Appendix C.2).',
  domain: {
    quick: { maxM: 6, maxD: 5, maxN: 6, etaExponents: [1, 4], sigmas: [0, 0.5, 4], maxSteps: 20, numRuns: 200 },
    paper: { maxM: 12, maxD: 20, maxN: 12, etaExponents: [1, 6], sigmas: [0, 0.5, 4], maxSteps: 60, numRuns: 1000 },
  },
  thresholds: {
    relTol: {
      value: 1e-7,
      why: 'gap = |LHS - RHS| / (max(LHS, RHS) + roundoffFloor (|a_i(j)| + |a_i(j+1)| + eta |r| sum_k |x_k w_ik|) (sqrt LHS + sqrt RHS)); float64 rounding of a_i(j+1) and of x^T w_i moves (a_i(j+1) - a_i(j))^2 by <= ~(d + 2) 2^-52 times that floor term, so an exact identity stays below ~1e-8; the printed form misses by the factor 1/eta^2 >= 100 (gap ~1 - eta^2)',
    },
    roundoffFloor: {
      value: 1e-6,
      why: 'a_i(j+1) - a_i(j) is a difference of two O(|a_i|) numbers; increments below 1e-6 |a_i| are judged against that floor instead of their own size, which keeps float64 rounding (~1e-16 |a_i|) two orders under relTol',
    },
    divergenceCap: { value: 1e30, why: 'a trajectory is cut before the first step whose parameters exceed 1e30 in magnitude (eta = 0.1 with large a(0) diverges); squares of cubic terms stay finite below it' },
  },
  tests: 0,
  rule: 'identity',
  statement: { printedEtaPower: 0, correctedEtaPower: 2 },
  twins: [{ id: 'eta-power-1', change: 'the corrected form with eta instead of eta^2 (exponent shifted by -1)', statement: { correctedEtaPower: 1 } }],
  combine: 'one domain: the random small single-sample SGD trajectories of the tier, every step and neuron; any case outside the tolerance fails its form',
  searches: [
    { name: 'printed', what: 'a step and neuron where grad l^2 (x^T w_i(j))^2 differs from (a_i(j+1) - a_i(j))^2' },
    { name: 'corrected', what: 'a step and neuron where eta^2 grad l^2 (x^T w_i(j))^2 differs from (a_i(j+1) - a_i(j))^2' },
  ],
  expected: {
    verdict: 'erratum',
    reason: 'Decided by the identity rule (unchanged: erratum). By Eq. (16)/(34), a_i(j+1) - a_i(j) = -eta r x^T w_i(j), so (a_i(j+1) - a_i(j))^2 = eta^2 r^2 (x^T w_i)^2, not r^2 (x^T w_i)^2: the printed form lacks eta^2 and fails for every eta != 1 with r x^T w_i != 0.',
  },
};
export default record;
