import type { ClaimRecord } from '../src/verdict/types.js';

/** Where a configuration's states come from (properties/support/lemma3Configs.ts builds them). */
export type Lemma3StateSource =
  /** Eq. (5) at width m, each w_i moved by 1/sqrt(m) (random direction in even units, towards 0 in odd ones), a_i within C_j */
  | 'constructed'
  /** label-noise SGD runs (Algorithm 1, batch 1), states visited every `every` steps while Definition 1 and C_j hold */
  | 'sgd'
  /** the `neurons` smallest-norm neurons of Eq. (5) at a width too large to hold (exact order statistics), theta(0) ~ N(0, I/d) */
  | 'extreme'
  /** no sampled state: the exact probability over Eq. (5) only (population version) */
  | 'exact-init';

export interface Lemma3Config {
  label: string;
  source: Lemma3StateSource;
  d: number;
  m: number;
  /** training-set size of the finite-set version (xi uniform on [n]) */
  n: number;
  sigma: number;
  /** SGD step size (sgd runs); the other sources do not depend on it (Condition 1 is evaluated with a nominal eta = 0.2/m) */
  eta?: number;
  /** independent states (constructed, extreme) or runs (sgd) */
  units: number;
  maxSteps?: number;
  every?: number;
  neurons?: number;
}

export interface Lemma3Domain {
  configs: Lemma3Config[];
  /** Monte Carlo draws of the population cross-check (1/4 part) */
  mcDraws: number;
  /** fast-check runs per hypothesis-violation search */
  searchRuns: number;
}

const S = 4; // sigma: the authors' synthetic setting (authors' code README: noise level 4)

/** Shared by lemma-3.nonpositive and lemma-3.positive-rare (the same probability, read from both sides). */
export const part1Domain: Record<'quick' | 'paper', Lemma3Domain> = {
  quick: {
    configs: [
      { label: 'd20-constructed', source: 'constructed', d: 20, m: 524_288, n: 100, sigma: S, units: 2 },
      { label: 'd10-constructed', source: 'constructed', d: 10, m: 32_768, n: 400, sigma: S, units: 3 },
      { label: 'd5-sgd', source: 'sgd', d: 5, m: 4096, n: 1000, sigma: S, eta: 0.2 / 4096, units: 4, maxSteps: 2000, every: 250 },
      { label: 'd20-sgd-authors', source: 'sgd', d: 20, m: 1000, n: 200, sigma: S, eta: 1e-3, units: 2, maxSteps: 1000, every: 250 },
      { label: 'd20-exact-1e12', source: 'exact-init', d: 20, m: 1e12, n: 200, sigma: S, units: 0 },
      { label: 'd10-exact-1e12', source: 'exact-init', d: 10, m: 1e12, n: 200, sigma: S, units: 0 },
    ],
    mcDraws: 0,
    searchRuns: 60,
  },
  paper: {
    configs: [
      { label: 'd20-constructed', source: 'constructed', d: 20, m: 1_048_576, n: 200, sigma: S, units: 6 },
      { label: 'd10-constructed', source: 'constructed', d: 10, m: 131_072, n: 400, sigma: S, units: 8 },
      { label: 'd5-sgd', source: 'sgd', d: 5, m: 4096, n: 1000, sigma: S, eta: 0.2 / 4096, units: 10, maxSteps: 40_000, every: 1000 },
      { label: 'd20-sgd-authors', source: 'sgd', d: 20, m: 1000, n: 200, sigma: S, eta: 1e-3, units: 4, maxSteps: 20_000, every: 1000 },
      { label: 'd20-exact-1e12', source: 'exact-init', d: 20, m: 1e12, n: 200, sigma: S, units: 0 },
      { label: 'd10-exact-1e12', source: 'exact-init', d: 10, m: 1e12, n: 200, sigma: S, units: 0 },
    ],
    mcDraws: 0,
    searchRuns: 300,
  },
};

export const part1Thresholds = {
  allowancePerD: {
    value: 4,
    why: "the lemma's 'with probability at least 1 - O(1/m)' is read with the constant of Lemma C.2's own bound Pr[C_0] >= 1 - 4d/m: a state (or run) may violate the per-neuron bound with probability at most 4d/m",
  },
  binding: {
    value: 1,
    why: 'rho/m^(1/8) >= 1 says nothing (a probability is at most 1): such a configuration is vacuous and reported with the width m > rho^8 where the bound binds',
  },
} as const;

export const part1Hypotheses = ['A1', 'A2', 'A4', 'A5', 'A6', 'lazy regime at step T (Definition 1)', 'C_j: |a_i(j)| <= m^(-1/4) for all i (Lemma C.2 (ii), conditioned on in the proof)'] as const;

export const lemma3Quote = String.raw`Suppose Condition 1 (A1-2, 4-6) hold and consider the update rule in Equation (3). Assume the model is still under the lazy regime at step $T$, then with probability at least $1 - O\left(\frac{1}{m}\right)$, for all the iterative steps $j \leq T_1$ and for every $i \in [m]$: `;

export const record: ClaimRecord<Lemma3Domain> = {
  id: 'lemma-3.nonpositive',
  title: 'Lemma 3, part 1: Delta W_i(j) <= 0 with probability at least 1 - rho/m^(1/8), for every neuron',
  quote: lemma3Quote + String.raw`1. $\Delta W_i(j) \leq 0$ with probability at least $1 - \frac{\rho}{m^{1/8}}$. [...] where $\rho = \frac{2\sqrt{d}}{\sqrt{\pi}}$ is a constant.`,
  quoteLong: String.raw`Lemma C.3 (Progressively diminishing at each step). Suppose Condition 3.1 (A1-2,4-6) holds [...] Given the model is still under the lazy regime at step T, then with probability at least $1 - O(\frac{1}{m})$, for all the iterative steps $j \leq T_1$ and for every $i \in [m]$: $\Delta W_i(j) \le 0$ with probability at least $1 - \rho/m^{1/8}$. [...] where $\rho = \frac{2\sqrt{d}}{\sqrt{\pi}}$; $\Delta W_i(j) = -\nabla \hat\ell_{\xi_j}(\theta(j))^2 \{(x_{\xi_j}^\top w_i(j))^2 - a_i(j)^2 \|x_{\xi_j}\|^2\}$ (before Eq. (41))`,
  sources: { aaai: ['Lemma 3, part 1 (first sentence)'], long: ['Lemma C.3, item 1', 'proof of Lemma C.3, Eqs. (42)-(43)', 'Delta W_i(j) before Eq. (41)'] },
  kind: 'probabilistic',
  hypotheses: part1Hypotheses,
  uses: ['lemma-c2.a-bound'],
  checks:
    'The per-step conditional probability P(Delta W_i(j) <= 0 | state) over the sampled example and the noise, computed exactly for every neuron of a state: in the population version of the proof (x ~ N(0, I_d): 1 - sphereBand(|a_i|/||w_i||, d), Eq. (43) without its inequalities) and in the algorithm\'s own version (exact average over the n training examples and eps = +-sigma, Delta W computed literally). States: Eq. (5) at widths where rho/m^(1/8) < 1, moved by the full lazy radius 1/sqrt(m) (random or towards 0), a_i in C_j; states visited along label-noise SGD runs (engine Simulation) while Definition 1 and C_j hold; and, exactly, the probability over Eq. (5) that some neuron violates the bound (m R_i^2 ~ F(1, d)). The worst neuron decides each state; a state or run violating the bound counts against the lemma\'s 1 - O(1/m), read as at most 4d/m (exact binomial test). Hypothesis-violation searches: small d (A6) and |a_i| at the edge m^(-1/4) of C_j.',
  domain: part1Domain,
  thresholds: part1Thresholds,
  tests: 3,
  expected: {
    verdict: 'holds',
    reason:
      'At d = 10 and 20 (and d = 5 at m = 4096) the worst neuron stays far inside the bound and the exact chance that some neuron of Eq. (5) violates it is far below 4d/m; the A6 search shows that for d <= 5 this chance is not O(1/m) (m*P grows as m^(2-3d/8)), which A6 (unspecified constants) may exclude.',
  },
};
export default record;
