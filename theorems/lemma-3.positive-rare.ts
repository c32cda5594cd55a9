import type { PremiseStateDomain } from '../src/scenarios/premiseStateSample.js';
import type { ClaimRecord } from '../src/verdict/types.js';

const S = 4; // sigma: the authors' synthetic setting (authors' code README: noise level 4)

/** AAAI Lemma 3 part 2 (first sentence) = long Lemma C.3 item 3: the complement of lemma-3.nonpositive, its own record and verdict. */
export const record: ClaimRecord<PremiseStateDomain, { rhoFactor: number; widthExponent: number; failureExponent: number; fixedConstantPerD: number }> = {
  id: 'lemma-3.positive-rare',
  title: 'Lemma 3, part 2: Delta W_i(j) > 0 with probability at most rho/m^(1/8), for every neuron',
  quote: String.raw`Suppose Condition 1 (A1-2, 4-6) hold and consider the update rule in Equation (3). Assume the model is still under the lazy regime at step $T$, then with probability at least $1 - O\left(\frac{1}{m}\right)$, for all the iterative steps $j \leq T_1$ and for every $i \in [m]$: ` + String.raw`[...] 2. $\Delta W_i(j) > 0$ with probability at most $\frac{\rho}{m^{1/8}}$. [...] where $\rho = \frac{2\sqrt{d}}{\sqrt{\pi}}$ is a constant.`,
  quoteLong: String.raw`Lemma C.3 [...] for all the iterative steps $j \leq T_1$ and for every $i \in [m]$: [...] $\Delta W_i(j) > 0$ with probability at most $\rho/m^{1/8}$. [...] Proof: $\Delta W_i(j) > 0 \iff |\mathbf{x}^\top w_i(j)| < |a_i(j)|$ (42), $\mathbf{x} = x_{\xi_j}/\|x_{\xi_j}\|$ uniform on the sphere; $\Pr[\ldots] = \Pr[-\frac{|a_i(j)|}{\|w_i(j)\|} < x_1 < \frac{|a_i(j)|}{\|w_i(j)\|}]$ (43) $\le \frac{2\sqrt d}{\sqrt\pi}\frac{|a_i(j)|}{\|w_i(j)\|}$`,
  sources: { aaai: ['Lemma 3, part 2 (first sentence)'], long: ['Lemma C.3, item 3', 'proof of Lemma C.3, Eqs. (42)-(43)'] },
  kind: 'probabilistic',
  hypotheses: ['A1', 'A2', 'A4', 'A5', 'A6', 'lazy regime at step T (Definition 1)', 'C_j: |a_i(j)| <= m^(-1/4) for all i (Lemma C.2 (ii), conditioned on in the proof)'],
  uses: ['lemma-3.nonpositive', 'lemma-c2.a-bound'],
  checks:
    "P(Delta W_i(j) > 0 | state) over the sampled example and the noise, exactly for every neuron of a state: population version sphereBand(|a_i|/||w_i||, d) (Eq. (43) without its inequalities) and the algorithm's own version (exact average over the n training examples and eps = +-sigma, Delta W literal). Two kinds of settings, combined by 'all' (record.combine). (1) Sampled premise states (src/scenarios/premiseStateSample.ts: Eq. (5) moved by the lazy radius, label-noise SGD runs while Definition 1 and C_j hold): inequality rule on each unit's worst neuron, every unit put through a fast-check search (constantFrom), closest call and binding fraction reported. (2) 'With probability at least 1 - O(1/m)': the high-probability rule on the exact probability over Eq. (5) (step 0: m R_i^2 ~ F(1, d)) that some neuron breaks the bound, at geometric widths over the declared range per d; the constant it needs, c*(m) = P m, must not grow. The fixed-constant reading 4d/m (Lemma C.2's own Pr[C_0] >= 1 - 4d/m) is reported, never decides. Hypothesis-violation searches: small d (A6) and |a_i| at the edge m^(-1/4) of C_j.",
  domain: {
    quick: {
      settings: [
        { label: 'd20-constructed', source: 'constructed', config: { m: 524_288, d: 20, n: 100, eta: 0.2 / 524_288, sigma: S, thetaStarNorm: 524_288 ** -0.25 }, units: 2 },
        { label: 'd10-constructed', source: 'constructed', config: { m: 32_768, d: 10, n: 400, eta: 0.2 / 32_768, sigma: S, thetaStarNorm: 32_768 ** -0.25 }, units: 3 },
        { label: 'd5-sgd', source: 'sgd', config: { m: 4096, d: 5, n: 1000, eta: 0.2 / 4096, sigma: S, thetaStarNorm: 4096 ** -0.25 }, units: 4, maxSteps: 2000, every: 250 },
        { label: 'd20-sgd-authors', source: 'sgd', config: { m: 1000, d: 20, n: 200, eta: 1e-3, sigma: S, thetaStarNorm: 1000 ** -0.25 }, units: 2, maxSteps: 1000, every: 250 },
      ],
      widthRanges: [ { d: 10, range: [1e5, 1e12] }, { d: 20, range: [1e6, 1e12] } ],
      exactPoints: 8,
      mcDraws: 0,
      searchRuns: 60,
    },
    paper: {
      settings: [
        { label: 'd20-constructed', source: 'constructed', config: { m: 1_048_576, d: 20, n: 200, eta: 0.2 / 1_048_576, sigma: S, thetaStarNorm: 1_048_576 ** -0.25 }, units: 1 },
        { label: 'd10-constructed', source: 'constructed', config: { m: 131_072, d: 10, n: 400, eta: 0.2 / 131_072, sigma: S, thetaStarNorm: 131_072 ** -0.25 }, units: 2 },
        { label: 'd5-sgd', source: 'sgd', config: { m: 4096, d: 5, n: 1000, eta: 0.2 / 4096, sigma: S, thetaStarNorm: 4096 ** -0.25 }, units: 2, maxSteps: 40_000, every: 1000 },
        { label: 'd20-sgd-authors', source: 'sgd', config: { m: 1000, d: 20, n: 200, eta: 1e-3, sigma: S, thetaStarNorm: 1000 ** -0.25 }, units: 4, maxSteps: 20_000, every: 1000 },
      ],
      widthRanges: [ { d: 10, range: [1e5, 1e14] }, { d: 20, range: [1e6, 1e14] } ],
      exactPoints: 16,
      mcDraws: 0,
      searchRuns: 300,
    },
  },
  thresholds: {
    paperBudget: {
      value: 36,
      why: "paper tier, scaled for the ~350 CPU s of the remaining synthetic claims (issue 14): fewer sampled premise states at the three settings that cost, widths, n, steps, the exact law of Eq. (5) (16 widths per d over [1e5 or 1e6, 1e14]) and the searches unchanged: d20-constructed 1 state at m = 2^20 (was 6; 19.5 CPU s a state: 8.4 s to construct its 2^20 x 20 draws, 9.4 s for the exact finite-set law, m n d = 4.2e9 products x . w_i, which no reformulation removes), d10-constructed 2 at m = 2^17 (was 8; 2.9 s a state), d5-sgd 2 runs of 40,000 steps (was 10; 4.0 s a run), d20-sgd-authors 4 runs (unchanged, 0.2 s a run). Why the verdict does not rest on what was cut: at these widths the bound rho/m^(1/8) is near-vacuous for the sampled states (any P(Delta W_i > 0) below it passes); the sharp part is the exact step-0 law, kept whole. Measured one unit of each setting (tsx, process.cpuUsage, load ~8 on 2 cores): ~181 CPU s for the settings before, ~34 s after; the narrowed paper audit took 36.3 CPU s (about 6 of them start-up; before: > 150 CPU s, stopped). Paper-tier verdict: holds, as at the quick tier",
    },
    growthExponent: { value: 0.1, why: 'the high-probability rule lets c*(m) grow by at most (m_hi/m_lo)^0.1 across the declared range (the rule\'s default)' },
    fixedConstantPerD: { value: 4, why: "Lemma C.2's own constant (Pr[C_0] >= 1 - 4d/m): reported as a fixed-constant reading, never deciding (lemma-c2.a-bound reads its constant as 1; an O(.) is decided by the trend of c*)" },
  },
  tests: 3,
  rule: 'high-probability',
  statement: { rhoFactor: 1, widthExponent: 1 / 8, failureExponent: -1, fixedConstantPerD: 4 },
  twins: [
    { id: 'rho/10', change: 'the constant rho divided by 10: P(Delta W_i > 0) <= rho/(10 m^(1/8))', statement: { rhoFactor: 0.1 } },
    { id: 'O(1/m^4)', change: 'with probability at least 1 - O(1/m^4) instead of 1 - O(1/m)', statement: { failureExponent: -4 } },
  ],
  combine: "all: the exact law of Eq. (5) at d = 10 and d = 20 over the declared width ranges (high-probability rule), and the sampled premise states (inequality rule; a state outside the bound counts as a failure, since at these widths the O(1/m) allowance is below 1e-3); any fails -> fails, all hold -> holds",
  searches: [
    { name: 'states', what: 'the sampled premise states (one case per unit, its worst neuron), against the bound' },
    { name: 'A6', breaks: 'A6', what: 'd = 1..8 at widths where the bound binds, exact at step 0, against 4d/m' },
    { name: 'premise-edge', breaks: 'C_j edge', what: 'every |a_i| = m^(-1/4), exact at step 0, against 4d/m' },
  ],
  expected: {
    verdict: 'holds',
    reason:
      'Unchanged (holds), the complement of lemma-3.nonpositive (the same states, on its own streams): the exact chance that some neuron of Eq. (5) breaks the bound decays far faster than 1/m at d = 10 and 20 (c* falls), and every sampled premise state is within the bound, though near-vacuously (bounds 0.89-0.97 where tested); for d <= 5 the chance is not O(1/m) (A6 search), which A6 (unspecified constants) may exclude.',
  },
};
export default record;
