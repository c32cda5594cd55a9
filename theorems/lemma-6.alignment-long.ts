import type { ClaimRecord } from '../src/verdict/types.js';
import type { Phase2SweepDomain } from '../src/scenarios/phase2Sweep.js';

/**
 * The long version's Lemma 3.5 (Eq. (9)) = Lemma D.2 (Eq. (58)) prints the alignment at t3 unnormalized:
 * |<theta*, w_i(t3)>| >= 1 - |O(eta ln(1/eta))| for every neuron with ||w_i(t3)|| >= sqrt(eta). Since
 * |<theta*, w>| <= ||theta*|| ||w|| and the neurons share theta = sum a_i w_i = theta*, the neurons of norm just above
 * sqrt(eta) cannot satisfy it. The stated correction is the AAAI Eq. (10) (normalized), at the same printed t3.
 */
export const record: ClaimRecord<Phase2SweepDomain, { exponent: number; delta: number }> = {
  id: 'lemma-6.alignment-long',
  title: 'Lemma 3.5 / D.2 (long version, Eqs. (9), (58)): |<theta*, w_i(t3)>| >= 1 - |O(eta ln(1/eta))| for every neuron with ||w_i(t3)|| >= sqrt(eta) (unnormalized)',
  quote: String.raw`\textbf{Lemma 3.5} (Convergence). Suppose Condition 3.1 (A1-3, 5-6) holds and consider gradient descent for updates. Assume all the neurons are perfectly aligned at step $t_2$. Let $t_3 = t_2 + \frac{1}{\|\boldsymbol{\theta}^\star\|^2} \cdot \frac{\ln(1/\eta)}{\eta}$. Using gradient descent, we have $\|\boldsymbol{\theta}(t_3) - \boldsymbol{\theta}^\star\| \leq |O(\eta \cdot \ln \frac{1}{\eta})|$. Furthermore, for any neuron $\|\boldsymbol{w}_i(t_3)\| \geq \sqrt{\eta}$ ($i \in [m]$), we have $$\left|\langle \boldsymbol{\theta}^*, \boldsymbol{w}_i(t_3) \rangle\right| \ge 1 - \left| O(\eta \cdot \ln \frac{1}{\eta}) \right|. \quad (9)$$`,
  quoteLong: String.raw`\textbf{Lemma D.2} (Convergence). [...] $$|\langle \boldsymbol{w}(t_3), \boldsymbol{\theta}^* \rangle| \ge 1 - \left| O(\eta \cdot \ln \frac{1}{\eta}) \right| \quad (58)$$ [proof, last display:] $|\langle w(t_3), \theta^* \rangle| = \left| \frac{( \sum_{k=1}^m a_k(t_3) \gamma_k(t_3) ) \|\theta^*\|^2 + O(\eta \ln \frac{1}{\eta})}{\gamma_i(t_3) \|\theta^*\|^2 + O(\eta \ln \frac{1}{\eta})} \right| \geq \dots = 1 - \left| O(\eta \ln \frac{1}{\eta}) \right|$`,
  sources: {
    aaai: ['correction from Lemma 6, Eq. (10) (the normalized form)'],
    long: ['Lemma 3.5, Eq. (9) (Section 3.3)', 'Lemma D.2, Eq. (58) (Appendix D.2) and the last display of its proof'],
  },
  kind: 'asymptotic',
  hypotheses: ['A1', 'A2', 'A3', 'A5', 'A6', 'aligned-start', 'gradient-descent'],
  uses: ['lemma-6.convergence'],
  checks:
    'The sweep of lemma-6.convergence (src/scenarios/phase2Sweep.ts: perfectly aligned starts w_i = gamma_i theta* with max ||w_i|| = max |a_i| = sqrt(eta), m = ceil(1/sqrt(eta)), full-batch GD with Sigma_hat ~ Wishart_d(n, I)/n, n = ceil(1/eta^2), ||theta*|| in the domain). ' +
    'Printed form: over the neurons with ||w_i(t3)|| >= sqrt(eta), the worst deficit max(0, 1 - |<theta*, w_i(t3)>|) at the printed t3 = t2 + ceil(ln(1/eta)/(eta ||theta*||^2)). Stated correction: the AAAI Eq. (10), the worst 1 - |<theta*, w_i>|/(||theta*|| ||w_i||) over the same neurons at the same t3. ' +
    'Per form and ||theta*||: the rate rule (eta -> 0) on deficit / ln(1/eta) against eta, claimed O(eta) (exactly O(eta ln(1/eta))), t interval at the per-test alpha, tolerance delta; the three ||theta*|| combined by all. Printed holds -> holds; printed fails and correction holds -> erratum; else fails.',
  domain: {
    quick: { d: 5, etaExponents: [1.5, 2, 2.5, 3, 3.5], seeds: 8, widthFactor: 1, startScale: 1, thetaStarNorms: [0.5, 1, 2] },
    paper: { d: 10, etaExponents: [1.5, 2, 2.5, 3, 3.5, 4], seeds: 12, widthFactor: 1, startScale: 1, simulator: 'common-map', thetaStarNorms: [0.5, 1, 2] },
  },
  thresholds: {
    paperBudget: {
      value: 18,
      why: "paper tier at the declared settings, nothing scaled: the sweep's and the searches' gradient descent runs in the exact common-map form (domain.simulator; Phase2CommonMap in src/scenarios/phase2Descent.ts: Eqs. (49)-(50) move every neuron by one linear map, so a step costs O(d^2) at any width and W, a are materialized only at snapshots; equal to Phase2GD within 1e-9 relative, test/scenarios/phase2CommonMap.test.ts; the quick tier keeps Phase2GD, bit for bit). Measured: 17.2 CPU s for the narrowed paper audit (about 6 of them start-up; load ~13 on 2 cores), against 39.6, same command and load CPU s before. Paper-tier verdict: erratum, as at the quick tier (printed form ~ eta^0.146 [0.139, 0.154] against eta^1; AAAI Eq. (10) holds); every number of the report equal to the per-neuron run within rounding (e.g. worst deficit 3.4664395446e-9 against 3.4664395454e-9)",
    },
    delta: { value: 0.1, why: 'the rate rule\'s tolerance on the exponent of deficit / ln(1/eta) against eta (the ln factor divided out exactly)' },
    roundoffFloor: { value: 2 ** -52, why: 'deficits of 0 (the inequality met exactly) or below float64 epsilon are set to it before logs' },
  },
  tests: 6,
  rule: 'rate',
  statement: { exponent: 1, delta: 0.1 },
  twins: [{ id: 'O(eta^3 ln(1/eta))', change: 'the deficit O(eta^3 ln(1/eta)) instead of O(eta ln(1/eta)) (both forms)', statement: { exponent: 3 } }],
  combine: 'printed or corrected: all over ||theta*|| in {0.5, 1, 2} for the printed (unnormalized) form; only when it fails, all over the same three for the stated correction (AAAI Eq. (10) at the same t3): holds -> erratum, fails -> fails',
  searches: [],
  expected: {
    verdict: 'erratum',
    reason:
      'Unchanged (erratum), now by the rate rule on deficit / ln(1/eta) against eta: the smallest neuron with ||w_i(t3)|| >= sqrt(eta) has |<theta*, w_i>| ~ ||theta*|| sqrt(eta), so the unnormalized deficit stays ~0.5-1 (exponent ~0), while the normalized AAAI Eq. (10) holds at every ||theta*|| (exponents ~2).',
  },
};
export default record;
