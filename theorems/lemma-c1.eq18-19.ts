import type { ClaimRecord } from '../src/verdict/types.js';

export interface Eq1819Domain {
  /** input dimensions d */
  ds: number[];
  /** widths m = 10^e, e = log10MMin, log10MMin + log10MStep, ..., log10MMax */
  log10MMin: number;
  log10MMax: number;
  log10MStep: number;
  /** widths at which log10 Pr[B_0] = m log10(1 - P) is tabulated */
  moderateMs: number[];
}

/** Lemma C.1's proof (long version), the step from Eq. (18) to Eq. (19): exact chi-square probabilities at every width. */
/** The statement's parameters: the right side 2 exp(-m^(1/6) / denominator), printed with 64 K_w^4 / c = 128 (Gaussian K_w, the largest c). */
export type Eq1819Statement = { denominator: number };

export const record: ClaimRecord<Eq1819Domain, Eq1819Statement> = {
  id: 'lemma-c1.eq18-19',
  title: 'Lemma C.1, Eqs. (18)-(19): P(||w_i(0)|| >= m^{1/12}/4) <= 2 exp(-c m^{1/6}/(64 K_w^4)) "since 1 << m": true at every width, vacuous below m ~ 5e11',
  quote: String.raw`\textbf{Lemma C.1.} Let event $B_0 = \{ \| \boldsymbol{w_i}(\mathbf{0}) \| \le 1/4 \cdot m^{1/12} \text{ for all } i \in [m] \}$. Suppose Condition 3.1 (A1) holds. Under NTK initialization as in Section 3.1, we have $\Pr[B_0] \ge 1 - O(\frac{1}{m})$. \ldots $$\Pr[|\|\boldsymbol{w}_{i}(0)\| - 1| \ge \frac{m^{1/12}}{8\sqrt{d}}] \le 2\exp(-\frac{c \cdot m^{1/6}}{64K_{w}^{4}}) \tag{18}$$ Since $1 \ll m$ and $d \ge 1$, we have $$\Pr[\|\boldsymbol{w}_{i}(0)\| \ge \frac{1}{4} \cdot m^{1/12}] \le 2\exp(-\frac{c \cdot m^{1/6}}{64K_{w}^{4}}) \tag{19}$$`,
  sources: { long: ['proof of Lemma C.1: Eqs. (17)-(21), the step (18) -> (19)'] },
  kind: 'asymptotic',
  hypotheses: ['w_i(0) ~ N(0, I_d / d) (NTK initialization, Sec. 3.1)', '1 << m (A1)', 'd >= 1', 'c, K_w the constants of Lemma B.5'],
  uses: ['lemma-b5.norm-concentration'],
  checks:
    '||w_i(0)||^2 ~ chi2_d / d, so P(||w_i(0)|| >= m^{1/12}/4) = P(chi2_d >= d m^{1/6}/16) exactly (log-space incomplete gamma), and Eq. (18)\'s event is P(| ||Z|| - sqrt d | >= m^{1/12}/8), Z ~ N(0, I_d). The right-hand side is evaluated with K_w^4 = 64/9 (Gaussian) and c = 32/9, the largest c Lemma B.5 allows for Gaussian coordinates (claim lemma-b5.norm-concentration): 2 exp(-m^{1/6}/128), the smallest the bound can be; a smaller admissible c only makes it larger. ' +
    'Over d and m = 10^e (up to 10^log10MMax): violations of (18) and (19); the width from which the bound is below 1 (it binds); the width from which {||w|| >= m^{1/12}/4} is contained in Eq. (18)\'s event (m^{1/12}/4 - 1 >= m^{1/12}/(8 sqrt d), what "since 1 << m" needs); and the exact Pr[B_0] = (1 - P)^m at moderate widths. ' +
    'Rule inequality: fails if (18) or (19) is violated anywhere (the violating grid points go through a fast-check search, shrunk and replayable); vacuous if the bound is >= 1 at every tested width; holds otherwise (the widths are evaluated exactly, far beyond what a run can hold; whether the bound is >= 1 at every reachable width, REACHABLE_WIDTH of src/theory/condition1.ts, is reported).',
  domain: {
    quick: { ds: [1, 2, 5, 10, 20, 100, 1000], log10MMin: 1, log10MMax: 40, log10MStep: 0.5, moderateMs: [100, 10_000, 1_000_000, 100_000_000] },
    paper: { ds: [1, 2, 3, 5, 10, 20, 50, 100, 1000, 10_000], log10MMin: 0.5, log10MMax: 60, log10MStep: 0.05, moderateMs: [10, 100, 1000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000] },
  },
  thresholds: {
    logTol: { value: 1e-9, why: 'log-space chi-square tails are accurate to ~1e-13 relative; a width violates (18)/(19) only when log P exceeds the log bound by more than 1e-9 (1 + |log P|)' },
    cGauss: { value: 32 / 9, why: 'the largest c of Lemma B.5 for Gaussian coordinates (K^4/2): with K_w^4 = 64/9 the exponent c m^{1/6}/(64 K_w^4) is m^{1/6}/128' },
  },
  tests: 0,
  rule: 'inequality',
  statement: { denominator: 128 },
  twins: [{ id: 'denominator/10', change: "the exponent's constant 1/128 multiplied by 10 (2 exp(-m^(1/6)/12.8)): faster than Eq. (18)'s Gaussian tail exp(-m^(1/6)/128), false at large m", statement: { denominator: 12.8 } }],
  combine: 'one inequality over every (d, m) of the grid, both Eqs. (18) and (19) at each; a violation anywhere fails',
  searches: [{ name: 'main', what: 'the (d, m) grid points of Eqs. (18)-(19), the violating ones first: a violation comes back shrunk and replayable' }],
  expected: {
    verdict: 'holds',
    reason: 'Unchanged (now by the inequality rule, grid points through a replayable search): no width violates (18) or (19) and the bound binds (< 1) from m = (128 ln 2)^6 ~ 4.9e11 on, inside the exactly evaluated range; it is vacuous at every width a run can hold, where the exact probability of {||w_i(0)|| >= m^{1/12}/4} is close to 1 (m^{1/12}/4 < 1 until m = 4^12 ~ 1.7e7).',
  },
};
export default record;
