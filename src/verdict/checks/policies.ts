import type { RuleId } from '../types.js';

/** Each decision rule, stated once: the report's methods section prints these (they arrive there as data). */
export interface RulePolicy {
  id: RuleId;
  name: string;
  policy: string;
}

export const RULE_POLICIES: readonly RulePolicy[] = [
  {
    id: 'identity',
    name: 'Identity (printed vs corrected form)',
    policy:
      'Both sides are computed in float64 on an exact grid and on a fast-check search; a case is violated when |lhs - rhs| > abs + rel max(|lhs|, |rhs|) (the tolerance is stated with the claim). Printed holds: holds; printed fails and the stated corrected form holds: erratum; otherwise fails, with the shrunk counterexample and its replay command.',
  },
  {
    id: 'inequality',
    name: 'Inequality over a domain',
    policy:
      'The inequality is evaluated on an exact grid and by a fast-check search that shrinks any violation; the closest call (smallest slack) is reported. A violation: fails (erratum when a stated corrected form holds). No violation: holds if the bound is non-trivial (binds) at some tested case, vacuous otherwise, with the size where it starts to bind.',
  },
  {
    id: 'high-probability',
    name: 'High-probability event "with probability at least 1 - O(f(m))"',
    policy:
      'At each width the failure probability is computed exactly or estimated with exact Clopper-Pearson bounds; the constant the statement needs is c*(m) = p(m)/f(m). Over the declared range [m_lo, m_hi], c* may grow by at most (m_hi/m_lo)^0.1: fails when c*(m_hi)\'s lower bound exceeds that times c*(m_lo)\'s upper bound, holds when c*(m_hi)\'s upper bound stays below it, inconclusive otherwise (endpoint intervals at alpha/2 each). A fixed-constant reading is reported, never decides. The fitted decay exponent of p(m) is shown beside f\'s.',
  },
  {
    id: 'rate',
    name: 'Scaling law or rate',
    policy:
      'Least squares on log y against log x over at least a decade, with a t interval for the exponent at the claim\'s alpha. O(x^b): holds when the interval lies within b + delta, fails when it lies beyond; Omega: symmetric; Theta (scaling law): holds when the interval lies inside b +- delta (equivalence), fails when it lies outside; otherwise inconclusive. delta is declared in the record. The measured exponent and the looseness of the bound are always reported.',
  },
  {
    id: 'time-bound',
    name: 'Time bound',
    policy:
      'Per run, r = measured time / claimed time; "within O(T)" is the rate rule on r against the size with exponent 0: holds when r does not grow (its exponent interval lies below delta), fails when it grows. Censored runs (no event by the budget) enter at their lower bound, so a fails stays valid and a holds is withheld while the largest size has any. The distribution of r per size and a fixed-constant reading (r <= 1) are reported, never deciding.',
  },
  {
    id: 'empirical-effect',
    name: 'Empirical effect',
    policy:
      'The direction and the smallest effect size of interest (SESOI) are declared in the record before the run; one paired difference per seed, positive in the claimed direction. Student t at the claim\'s alpha: holds when the one-sided lower bound is > 0; fails when the upper bound is < 0 or equivalence is shown (TOST at the SESOI); otherwise inconclusive (not shown is never holds). Seeds come from a power computation against one SESOI; the power is reported. Under a sequential design declared in the record (src/verdict/checks/sequential.ts): looks at ceil(kN/K) seeds for k = 1..K, look k tested at alpha_k = A(t_k) - A(t_{k-1}) with the spending function A declared (pocock or power3, t_k = k/K), both error rates kept at or below alpha by a union bound over the looks; the run stops at the first look that decides, else inconclusive at the last.',
  },
];

export function rulePolicy(id: RuleId): RulePolicy {
  const p = RULE_POLICIES.find((r) => r.id === id);
  if (!p) throw new Error(`no policy for rule ${id}`);
  return p;
}
