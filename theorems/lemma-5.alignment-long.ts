import type { ClaimRecord } from '../src/verdict/types.js';
import type { Phase2SweepDomain } from '../src/scenarios/phase2Sweep.js';

/**
 * The long version's Lemma 3.4 (Eq. (8)) = Lemma D.1 (Eq. (56)) prints the alignment unnormalized:
 * |<theta*, w_i(t2)>| >= 1 - |O(ln(1/eta) sqrt(eta))|. In Phase II ||w_i|| <= sqrt(eta) at t1, and
 * |<theta*, w>| <= ||theta*|| ||w||, so the printed form cannot hold unless the neurons grow to ||w_i|| >= 1/||theta*||.
 * The stated correction is the AAAI Eq. (9) (normalized by ||theta*|| ||w_i(t2)||), at the same printed t2.
 */
export const record: ClaimRecord<Phase2SweepDomain, { exponent: number; delta: number }> = {
  id: 'lemma-5.alignment-long',
  title: 'Lemma 3.4 / D.1 (long version, Eqs. (8), (56)): |<theta*, w_i(t2)>| >= 1 - |O(ln(1/eta) sqrt(eta))| for every neuron (unnormalized)',
  quote: String.raw`\textbf{Lemma 3.4} (Alignment). Suppose Condition 3.1 (A1-3, 5-6) holds and consider gradient descent for updates. Assume that phase II begins at time $t_1$, then at time $t_2 = t_1 + T_2$, $T_2 = \frac{1}{\|\theta^*\|} \cdot \ln(\frac{1}{\eta})$, for any neuron $w_i$ it holds $$|\langle \boldsymbol{\theta}^{\star}, \boldsymbol{w}_{i}(t_{2}) \rangle| \geq 1 - \left| O(\ln \frac{1}{\eta} \cdot \sqrt{\eta}) \right|. \quad (8)$$`,
  quoteLong: String.raw`\textbf{Lemma D.1} (Alignment). [...] $$\left|\langle \boldsymbol{\theta}^{\star}, \boldsymbol{w}_{i}(t_{2}) \rangle\right| \geq 1 - \left|O(\ln\frac{1}{\eta} \cdot \sqrt{\eta})\right| \quad (56)$$ [proof, last display:] $|\langle \theta^{*}, w_{i}(t_{2}) \rangle| = \left| \langle \theta^{*}, \frac{e \cdot a_{i}(t_{1})}{\|\theta^{*}\|_{2}} \theta^{*\top} + O(\ln \frac{1}{\eta} \eta^{1.5}) \rangle \right| = \frac{\left| \|\theta^{*}\| e a_{i}(t_{1}) + \theta^{*} \cdot O(\ln \frac{1}{\eta} \eta^{1.5}) \right|}{\|\theta^{*}\| \cdot \|w_{i}(t_{2})\|} = \dots$`,
  sources: {
    aaai: ['correction from Lemma 5, Eq. (9) (the normalized form)'],
    long: ['Lemma 3.4, Eq. (8) (Section 3.3)', 'Lemma D.1, Eq. (56) (Appendix D.1) and the last display of its proof (which divides by ||theta*|| ||w_i(t2)|| in its second line)'],
  },
  kind: 'asymptotic',
  hypotheses: ['A1', 'A2', 'A3', 'A5', 'A6', 'phase-2-start', 'gradient-descent'],
  uses: ['lemma-5.alignment'],
  checks:
    'The Phase II sweep of lemma-5.alignment (src/scenarios/phase2Sweep.ts: starts with max ||w_i|| = max |a_i| = sqrt(eta), m = ceil(1/sqrt(eta)), full-batch GD with Sigma_hat ~ Wishart_d(n, I)/n, n = ceil(1/eta^2), ||theta*|| = 1). ' +
    'Printed form: the worst neuron\'s deficit max(0, 1 - |<theta*, w_i(t2)>|) at the printed t2 = t1 + ceil(ln(1/eta)/||theta*||). Stated correction: the AAAI Eq. (9), the worst 1 - |<theta*, w_i>|/(||theta*|| ||w_i||), at the same t2. ' +
    'Each form by the rate rule (eta -> 0) on deficit / ln(1/eta) against eta over every (eta, seed) run, claimed O(eta^(1/2)), t interval at the per-test alpha, tolerance delta: printed holds -> holds; printed fails and correction holds -> erratum; both fail -> fails. Evidence: max_i |<theta*, w_i>| against ||theta*|| sqrt(eta). Search: phase-2-start broken (NTK-scale neurons, ||w_i|| ~ 1).',
  domain: {
    quick: { d: 5, etaExponents: [1.5, 2, 2.5, 3, 3.5, 4], seeds: 8, widthFactor: 1, startScale: 1, thetaStarNorms: [1], explore: { numRuns: 6, etaExponents: [2.5, 3, 3.5], maxWidth: 4 } },
    paper: { d: 10, etaExponents: [1.5, 2, 2.5, 3, 3.5, 4, 4.5], seeds: 12, widthFactor: 1, startScale: 1, simulator: 'common-map', thetaStarNorms: [1], explore: { numRuns: 16, etaExponents: [2.5, 3, 3.5, 4], maxWidth: 6 } },
  },
  thresholds: {
    paperBudget: {
      value: 15,
      why: "paper tier at the declared settings, nothing scaled: the sweep's and the searches' gradient descent runs in the exact common-map form (domain.simulator; Phase2CommonMap in src/scenarios/phase2Descent.ts: Eqs. (49)-(50) move every neuron by one linear map, so a step costs O(d^2) at any width and W, a are materialized only at snapshots; equal to Phase2GD within 1e-9 relative, test/scenarios/phase2CommonMap.test.ts; the quick tier keeps Phase2GD, bit for bit). Measured: 14.7 CPU s for the narrowed paper audit (about 6 of them start-up; load ~13 on 2 cores), against > 40 (the earlier wall-capped profile stopped it) CPU s before. Paper-tier verdict: fails, as at the quick tier (the unnormalized deficit ~ eta^0.155 [0.145, 0.164] against eta^0.5)",
    },
    delta: { value: 0.1, why: 'the rate rule\'s tolerance on the exponent of deficit / ln(1/eta) against eta (the ln factor divided out exactly)' },
    roundoffFloor: { value: 2 ** -52, why: 'deficits of 0 (the inequality met exactly) or below float64 epsilon are set to it before logs' },
    exploreC: { value: 1, why: 'the search tests single runs against max(0, 1 - |<theta*, w_i>|) <= C ln(1/eta) sqrt(eta) at t1 + T2/eta, C = 1' },
  },
  tests: 2,
  rule: 'rate',
  statement: { exponent: 0.5, delta: 0.1 },
  twins: [{ id: 'O(ln(1/eta) eta)', change: 'the deficit O(ln(1/eta) eta) instead of O(ln(1/eta) sqrt(eta)) (both forms)', statement: { exponent: 1 } }],
  combine: 'printed or corrected: the rate rule on the printed (unnormalized) form decides; only when it fails, the same rule on the stated correction (AAAI Eq. (9) at the same t2) is evaluated (holds -> erratum, fails -> fails)',
  searches: [{ name: 'phase-2-start', breaks: 'phase-2-start', what: 'an NTK-scale start (Eq. (5)): the worst unnormalized deficit at t1 + T2/eta against ln(1/eta) sqrt(eta)' }],
  expected: {
    verdict: 'fails',
    reason:
      'Unchanged (fails), now by the rate rule: |<theta*, w_i(t2)>| <= ||theta*|| ||w_i|| ~ sqrt(eta), so the unnormalized deficit is ~1 at every eta (exponent ~0), and the stated correction (AAAI Eq. (9) at the printed t2) fails too (lemma-5.alignment: no neuron direction changes in T2 steps).',
  },
};
export default record;
