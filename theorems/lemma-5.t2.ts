import type { ClaimRecord } from '../src/verdict/types.js';
import type { Phase2SweepDomain } from '../src/scenarios/phase2Sweep.js';

/**
 * The time scale of Lemma 5 (AAAI) = 3.4 = D.1: alignment "at time t2 = t1 + T2, T2 = ln(1/eta)/||theta*||".
 * The proof (Lemma D.1) writes (I + eta M)^T2 = exp(T2 eta M) + ... = e M/||theta*||; but T2 eta ||theta*|| = eta ln(1/eta),
 * so (I + eta M)^T2 = I + O(eta ln(1/eta)). This claim separates the time scale from the worst-neuron question of
 * lemma-5.alignment: it follows the typical (median) neuron.
 */
export const record: ClaimRecord<Phase2SweepDomain, { timeExponent: number; correctedTimeExponent: number; delta: number }> = {
  id: 'lemma-5.t2',
  title: 'Lemma 5 time scale: the typical neuron aligns (1 - |cos| = O(ln(1/eta) sqrt(eta))) by t2 = t1 + ln(1/eta)/||theta*|| GD steps',
  quote: String.raw`\textbf{Lemma 5} (Alignment). \textit{[...] Assume that phase II begins at time $t_1$, then at time $t_2 = t_1 + T_2$, $T_2 = \frac{1}{\|\theta^*\|} \cdot \ln(\frac{1}{\eta})$, for any neuron $w_i$ it holds} $$\frac{|\langle \theta^*, w_i(t_2) \rangle|}{\|\theta^*\| \cdot \|w_i(t_2)\|} \geq 1 - \left| O\left(\ln \frac{1}{\eta} \cdot \sqrt{\eta}\right) \right|. \quad (9)$$`,
  quoteLong: String.raw`\begin{bmatrix} w_i(t_1 + T_2) \\ a_i(t_1 + T_2) \end{bmatrix} = (I + \eta M)^{T_2} \begin{bmatrix} w_i(t_1) \\ a_i(t_1) \end{bmatrix} + O(T_2 \eta^{1.5}) = \dots = (\exp(T_2 \eta M) + O(\frac{(T_2 \eta M)^{T+1}}{(T+1)!})) \begin{bmatrix} w_i(t_1) \\ a_i(t_1) \end{bmatrix} + O(T_2 \eta^{1.5}) \ (\text{taylor expansion}) = \frac{e \cdot M}{\|\theta^*\|} \begin{bmatrix} w_i(t_1) \\ a_i(t_1) \end{bmatrix} + O(T_2 \eta^{1.5}) \quad (\eta^{-\ln\eta} \ll (-\ln\eta)^{-\ln\eta}) \quad \text{(proof of Lemma D.1)}`,
  sources: {
    aaai: ['Lemma 5', 'Eq. (9)', 'Insights from Lemmas 5 and 6 ("rapidly align")'],
    long: ['Lemma 3.4', 'Lemma D.1 and its proof (Eqs. (54), (55), (57))'],
  },
  kind: 'asymptotic',
  hypotheses: ['A1', 'A2', 'A3', 'A5', 'A6', 'phase-2-start', 'gradient-descent'],
  uses: ['lemma-5.alignment'],
  checks:
    'The Phase II sweep of lemma-5.alignment (src/scenarios/phase2Sweep.ts: starts with max ||w_i|| = max |a_i| = sqrt(eta), m = ceil(1/sqrt(eta)), full-batch GD with Sigma_hat ~ Wishart_d(n, I)/n, n = ceil(1/eta^2)), following the median neuron (the typical neuron, which the worst-neuron failure of lemma-5.alignment does not concern). ' +
    'Per run, the alignment time: the first step (checked every 1/400 of the budget) at which the median neuron\'s 1 - |cos(w_i, theta*)| <= alignConstant ln(1/eta) sqrt(eta) (the event of Eq. (9) with the O(.) constant read as alignConstant); the budget is t1 + ceil(T2/eta) (a run not aligned by then is censored). ' +
    'Time-bound rule on measured / claimed against 1/eta, claimed T = ln(1/eta) / (||theta*|| eta^timeExponent) (printed: timeExponent 0, T = T2): holds when the ratio does not grow as eta -> 0, fails when it grows; if the printed time fails, the corrected time (eta^-correctedTimeExponent, T2/eta: where (1 + eta ||theta*||)^t, the growing mode of I + eta M, reaches ~1/eta) is decided the same way (holds -> erratum). ' +
    'Evidence: the amplification (1 + eta ||theta*||)^steps at both times against the proof\'s e. Searches: phase-2-start broken (NTK-scale start, Eq. (5)); A3 broken (n = 2d samples).',
  domain: {
    quick: { d: 5, etaExponents: [1.5, 2, 2.5, 3, 3.5, 4], seeds: 8, widthFactor: 1, startScale: 1, thetaStarNorms: [1], explore: { numRuns: 6, etaExponents: [2.5, 3, 3.5], maxWidth: 4 } },
    paper: { d: 10, etaExponents: [1.5, 2, 2.5, 3, 3.5, 4, 4.5], seeds: 12, widthFactor: 1, startScale: 1, simulator: 'common-map', thetaStarNorms: [1], explore: { numRuns: 16, etaExponents: [2.5, 3, 3.5, 4], maxWidth: 6 } },
  },
  thresholds: {
    paperBudget: {
      value: 16,
      why: "paper tier at the declared settings, nothing scaled: the sweep's and the searches' gradient descent runs in the exact common-map form (domain.simulator; Phase2CommonMap in src/scenarios/phase2Descent.ts: Eqs. (49)-(50) move every neuron by one linear map, so a step costs O(d^2) at any width and W, a are materialized only at snapshots; equal to Phase2GD within 1e-9 relative, test/scenarios/phase2CommonMap.test.ts; the quick tier keeps Phase2GD, bit for bit). Measured: 15.9 CPU s for the narrowed paper audit (about 6 of them start-up; load ~13 on 2 cores), against > 57 (the main sweep alone, earlier profile) CPU s before. Paper-tier verdict: erratum, as at the quick tier (the alignment time / T2 grows like 1/eta^0.868 [0.832, 0.903]; the corrected T2/eta holds)",
    },
    alignConstant: { value: 0.1, why: 'the alignment event is median 1 - |cos| <= 0.1 ln(1/eta) sqrt(eta): a fixed constant of the O(.) small enough that no start meets it (1 - |cos| of a random direction in d = 5 is ~0.6; the bound is 0.061 at eta = 10^-1.5)' },
    delta: { value: 0.1, why: 'the time-bound rule\'s tolerance on the growth exponent of measured / claimed time in 1/eta (ln-factor drift over 2.5 decades of eta stays below it)' },
    exploreC: { value: 1, why: 'the searches test single runs against median 1 - |cos| <= C ln(1/eta) sqrt(eta) at t1 + T2/eta, C = 1 (hidden constants read as 1)' },
    a3BrokenN: { value: 2, why: 'the A3 search uses n = 2d samples (Sigma_hat ~ Wishart_d(2d, I)/(2d), far from I) instead of n >= 1/eta^2' },
  },
  tests: 2,
  rule: 'time-bound',
  statement: { timeExponent: 0, correctedTimeExponent: 1, delta: 0.1 },
  twins: [{ id: 'corrected T2/sqrt(eta)', change: 'the corrected time ln(1/eta)/(sqrt(eta) ||theta*||) instead of ln(1/eta)/(eta ||theta*||) (the printed T2 unchanged)', statement: { correctedTimeExponent: 0.5 } }],
  combine: 'printed or corrected: the time-bound rule at the printed T2 decides; only when it fails, the same rule at T2/eta is evaluated (holds there -> erratum, fails -> fails)',
  searches: [
    { name: 'phase-2-start', breaks: 'phase-2-start', what: 'an NTK-scale start (Eq. (5)): the median neuron at t1 + T2/eta against ln(1/eta) sqrt(eta)' },
    { name: 'A3', breaks: 'A3', what: 'n = 2d samples: the median neuron at t1 + T2/eta against ln(1/eta) sqrt(eta)' },
  ],
  expected: {
    verdict: 'erratum',
    reason:
      'Unchanged (erratum), now by the time-bound rule on the median neuron\'s alignment time: measured / T2 grows like 1/eta (the growing mode is amplified by (1 + eta ||theta*||)^T2 = 1 + O(eta ln(1/eta)) in T2 steps, not by e), while measured / (T2/eta) does not grow; before, two log-log fits of the median 1 - |cos| at the two times decided.',
  },
};
export default record;
