import type { SmallDomain } from '../src/scenarios/smallNetworkTrajectory.js';
import type { ClaimRecord } from '../src/verdict/types.js';

/** The statement's parameter: the factor on the a_i^2 ||x||^2 term of the corrected (bracketed) Delta W_i(j) (1 as printed in the long version). */
export type NormIdentityAaaiStatement = { correctedATermFactor: number };

/**
 * AAAI "Insights from Theorem 2": the norm identity of long version Eq. (41), but with Delta W_i(j) printed without
 * the bracket, -grad l^2 (x^T w_i)^2 - a_i^2 ||x||^2, so the second term is not multiplied by grad l^2 and has the
 * wrong sign. Corrected form: the long version's bracketed Delta W (Eq. (41), claim eq-41.norm-identity).
 */
export const record: ClaimRecord<SmallDomain, NormIdentityAaaiStatement> = {
  id: 'insights-thm2.norm-identity-aaai',
  title: 'AAAI "Insights from Theorem 2": the neuron-norm identity with the unbracketed Delta W_i(j) = -grad l^2 (x^T w_i)^2 - a_i^2 ||x||^2',
  quote: String.raw`\|\mathbf{w}_i(T)\|^2 = \|\mathbf{w}_i(0)\|^2 + \eta^2 \sum_{j=0}^{T-1} \Delta W_i(j) - a_i(0)^2 + a_i(T)^2 \text{ and } \Delta W_i(j) = -\nabla \hat{\ell}_{\xi_j}(\theta(j))^2 (\mathbf{x}_{\xi_j}^\top \cdot \mathbf{w}_i(j))^2 - a_i(j)^2 \cdot \|\mathbf{x}_{\xi_j}\|^2`,
  quoteLong: String.raw`\Delta W_{i}(j) = -\nabla \hat{\ell}_{\xi_{j}}(\boldsymbol{\theta}(j))^{2} ((\boldsymbol{x}_{\xi_{j}}^{\top} \cdot \boldsymbol{w}_{i}(j))^{2} - a_{i}(j)^{2} \cdot \|\boldsymbol{x}_{\xi_{j}}\|^{2}) \text{ (Insights from Theorem 3.2; Eq. (41)): the bracketed form, used here as the corrected form}`,
  sources: { aaai: ['Insights from Theorem 2'], long: ['Insights from Theorem 3.2 (bracketed)', 'Eq. (41) and the Delta W_i(j) defined before it (bracketed)'] },
  kind: 'identity',
  hypotheses: [],
  uses: ['eq-41.norm-identity'],
  checks:
    'Along single-sample label-noise SGD trajectories (Eqs. (15)-(16), the engine\'s Stepper; T = 1..maxSteps steps, random m, d, n, eta = 10^-k, sigma, a(0) scale, seed), for every neuron: ||w_i(T)||^2 against ||w_i(0)||^2 + eta^2 sum_{j<T} Delta W_i(j) - a_i(0)^2 + a_i(T)^2 with grad l = r_j = f - y - eps_j and (printed) the AAAI Delta W_i(j) = -r^2 (x^T w_i)^2 - a_i^2 ||x||^2 (src/theory/deltaW.ts deltaWAaai), (corrected) the long version\'s -r^2 ((x^T w_i)^2 - a_i^2 ||x||^2) (deltaWLong). The two differ by eta^2 sum_j (1 + r_j^2) a_i(j)^2 ||x_j||^2 > 0.',
  domain: {
    quick: { maxM: 6, maxD: 5, maxN: 6, etaExponents: [1, 4], sigmas: [0, 0.5, 4], maxSteps: 20, numRuns: 200 },
    paper: { maxM: 12, maxD: 20, maxN: 12, etaExponents: [1, 6], sigmas: [0, 0.5, 4], maxSteps: 60, numRuns: 1000 },
  },
  thresholds: {
    relTol: {
      value: 1e-10,
      why: 'gap = |LHS - RHS| / S, S = max_j (||w_i(j)||^2 + a_i(j)^2) + eta^2 sum_j |terms of Delta W_i(j)|: float64 rounding of a T-step trajectory moves the balance by ~T 2^-52 S <= ~1e-13 S (T <= 60); the printed form misses by eta^2 sum (1 + r^2) a_i^2 ||x||^2, >= ~1e-9 S for eta >= 1e-4 at the drawn a(0) scales (it can hide below the tolerance only for eta <= 1e-5, the paper tier\'s smallest steps)',
    },
    divergenceCap: { value: 1e30, why: 'a trajectory is cut before the first step whose parameters exceed 1e30 in magnitude (eta = 0.1 with large a(0) diverges); the identity is checked on the kept prefix' },
  },
  tests: 0,
  rule: 'identity',
  statement: { correctedATermFactor: 1 },
  twins: [{ id: 'a-term/10', change: 'the bracketed Delta W_i(j) with its a_i(j)^2 ||x||^2 term divided by 10', statement: { correctedATermFactor: 0.1 } }],
  combine: 'one domain: the random small single-sample SGD trajectories of the tier, every neuron at the end; any case outside the tolerance fails its form',
  searches: [
    { name: 'printed', what: 'a trajectory and neuron where the identity with the AAAI (unbracketed) Delta W misses by more than relTol' },
    { name: 'corrected', what: 'a trajectory and neuron where the identity with the bracketed Delta W misses by more than relTol' },
  ],
  expected: {
    verdict: 'erratum',
    reason: 'Decided by the identity rule (unchanged: erratum). Without the bracket the a_i^2 ||x||^2 term loses its factor grad l^2 and its sign, so the identity misses by eta^2 sum (1 + r^2) a_i^2 ||x||^2; the long version\'s bracketed Delta W makes it exact (Eq. (41)).',
  },
};
export default record;
