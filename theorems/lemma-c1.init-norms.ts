import type { PaperConfig } from '../src/scenarios/config.js';
import type { InitSample } from '../src/scenarios/ntkInitNorms.js';
import type { ClaimRecord } from '../src/verdict/types.js';

export interface InitNormsDomain {
  /** input dimensions at which the exact Pr[B0] is computed (one setting each) */
  ds: number[];
  /** the widths 10^e at which the exact failure probability is evaluated (m is a real number there) */
  log10Widths: number[];
  /** the declared range [m_lo, m_hi] over which the high-probability rule judges the trend of c*(m) = m Pr[not B0] */
  range: [number, number];
  /** the paper's configuration (Sec. 5): Condition 1 is evaluated there */
  paper: PaperConfig;
  /** event B0 (all m neurons inside the radius) measured over seeds, compared with the exact (F_d)^m */
  b0Sim: InitSample[];
  /** the one-neuron event ||w_i(0)|| <= m^(1/12)/4 pooled over the m iid neurons of every seed, compared with F_d */
  neuronSim: InitSample[];
}

/** The statement's parameters: the radius c m^e of B0 and the rate m^rateExponent of its failure probability. */
export type InitNormsStatement = { radiusC: number; radiusExponent: number; rateExponent: number };

const paper: PaperConfig = { m: 1000, d: 20, n: 200, eta: 1e-3, sigma: 4, thetaStarNorm: Math.pow(1000, -0.25) };
const widths = Array.from({ length: 21 }, (_, i) => 3 * i);

/** Lemma C.1 (long version only). */
export const record: ClaimRecord<InitNormsDomain, InitNormsStatement> = {
  id: 'lemma-c1.init-norms',
  title: 'Lemma C.1: Pr[ ||w_i(0)|| <= m^(1/12)/4 for all i ] >= 1 - O(1/m) under the NTK initialization',
  quote: String.raw`\textbf{Lemma C.1.} Let event $B_0 = \{ \| \boldsymbol{w_i}(\mathbf{0}) \| \le 1/4 \cdot m^{1/12} \text{ for all } i \in [m] \}$. Suppose Condition 3.1 (A1) holds. Under NTK initialization as in Section 3.1, we have $\Pr[B_0] \ge 1 - O(\frac{1}{m})$.`,
  sources: { long: ['Lemma C.1', 'Eqs. (17)-(21) (its proof)', 'proof of Lemma C.2 (uses it)', 'Eq. (5) (NTK initialization)'] },
  kind: 'asymptotic',
  hypotheses: ['A1', 'NTK-init'],
  uses: [],
  checks:
    'Under Eq. (5), d ||w_i(0)||^2 ~ chi-square_d, iid over i, so Pr[B0] = F_d(d r(m)^2)^m EXACTLY (F_d the chi-square CDF, r(m) = m^(1/12)/4); the failure probability q(m) = 1 - Pr[B0] is computed in log space at m = 10^0, 10^3, ..., 10^60 for several d. ' +
    "Rule high-probability with exact probabilities: per d, the constant the statement needs, c*(m) = q(m) / (1/m), is judged over the declared range of widths (it may not grow faster than (m_hi/m_lo)^0.1); the settings (one per d) combine by 'all'. The fixed reading q(m) <= 1/m (c = 1) is reported per width, never deciding, with the width m*(d) from which it holds. " +
    'The exact formula is checked against the engine: NTK initializations (initNTK) over many seeds, the frequency of B0 (small m, where it is not ~0) and of the one-neuron event (pooled over neurons) each inside a two-sided Clopper-Pearson interval; a disagreement makes every setting inconclusive (the formula the decision rests on would not describe the engine).',
  domain: {
    quick: {
      ds: [1, 2, 5, 10, 20, 50, 100],
      log10Widths: widths,
      range: [1e3, 1e60],
      paper,
      b0Sim: [
        { m: 1, d: 1, seeds: 2000 },
        { m: 2, d: 1, seeds: 2000 },
        { m: 3, d: 1, seeds: 2000 },
        { m: 1, d: 2, seeds: 2000 },
        { m: 1000, d: 20, seeds: 100 },
      ],
      neuronSim: [
        { m: 1000, d: 1, seeds: 100 },
        { m: 1000, d: 2, seeds: 100 },
        { m: 1000, d: 5, seeds: 100 },
        { m: 1000, d: 20, seeds: 100 },
      ],
    },
    paper: {
      ds: [1, 2, 3, 5, 10, 20, 50, 100, 200],
      log10Widths: widths,
      range: [1e3, 1e60],
      paper,
      b0Sim: [
        { m: 1, d: 1, seeds: 20000 },
        { m: 2, d: 1, seeds: 20000 },
        { m: 3, d: 1, seeds: 20000 },
        { m: 1, d: 2, seeds: 20000 },
        { m: 1000, d: 20, seeds: 1000 },
      ],
      neuronSim: [
        { m: 1000, d: 1, seeds: 1000 },
        { m: 1000, d: 2, seeds: 1000 },
        { m: 1000, d: 5, seeds: 1000 },
        { m: 1000, d: 20, seeds: 1000 },
      ],
    },
  },
  thresholds: {
    range: {
      value: 1e3,
      why: 'the declared range of widths [1e3, 1e60]: from the paper\'s m = 1000 (where Pr[B0] ~ 0) to far beyond the width m*(d) (1e12.9 at d = 20, 1e20.8 at d = 1) where q(m) <= 1/m; the rule compares c*(m) at its two ends',
    },
    fixedConstant: { value: 1, why: 'reported only: the reading Pr[B0] >= 1 - 1/m (c = 1), per width' },
    simulation: {
      value: 0,
      why: 'the exact formula must agree with the engine: every simulated frequency must have the exact probability inside its two-sided Clopper-Pearson interval at alpha / (number of intervals) (one test of the family; 0 disagreements)',
    },
  },
  tests: 1,
  rule: 'high-probability',
  statement: { radiusC: 0.25, radiusExponent: 1 / 12, rateExponent: -1 },
  twins: [{ id: 'radius-exponent-0', change: 'the radius m^(1/12)/4 with its exponent shifted to 0 (a fixed radius 1/4): Pr[all ||w_i(0)|| <= 1/4] -> 0, so 1 - O(1/m) is false', statement: { radiusExponent: 0 } }],
  combine: "one setting per d in the domain's ds, each decided by the high-probability rule over the declared range; combined by 'all' (any fails -> fails, all hold -> holds, else inconclusive)",
  searches: [],
  expected: {
    verdict: 'holds',
    reason:
      'Was holds by a bespoke reading (m q(m) decreasing beyond m*); now decided by the high-probability rule on exact probabilities: c*(m) = m (1 - Pr[B0]) is ~1e3 at m = 1e3 and 0 (in float64) at 1e60 for every d, so it does not grow; the engine matches the exact law. Vacuous at every reachable width (log10 Pr[B0] = -4375 at m = 1000, d = 20), which the per-width rows show.',
  },
};
export default record;
