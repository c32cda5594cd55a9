import type { ClaimRecord } from '../src/verdict/types.js';
import { lemma3Quote, part1Domain, part1Hypotheses, type Lemma3Config, type Lemma3Domain } from './lemma-3.nonpositive.js';

const S = 4;
const sampled = (tier: 'quick' | 'paper'): Lemma3Config[] => part1Domain[tier].configs.filter((c) => c.source !== 'exact-init');

/** AAAI Lemma 3 part 1 (second sentence) = long Lemma C.3 item 2. */
export const record: ClaimRecord<Lemma3Domain> = {
  id: 'lemma-3.quarter',
  title: 'Lemma 3, part 1: Delta W_i(j) <= -(sigma/4)^2 with probability at least 1/4, for every neuron',
  quote: lemma3Quote + String.raw`1. [...] Furthermore, $\Delta W_i(j) \leq -\left(\frac{\sigma}{4}\right)^2$ with probability at least $\frac{1}{4}$.`,
  quoteLong: String.raw`Lemma C.3 [...] for all the iterative steps $j \leq T_1$ and for every $i \in [m]$: [...] $\Delta W_i(j) \le -(\sigma/4)^2$ with probability at least 1/4. [...] Proof (end): $\Pr[|\frac{x_{\xi_j}^\top}{\|x_{\xi_j}\|} w_i(j)| \le \frac{3}{8\sqrt d}] \le \rho \cdot \frac{3}{8\sqrt d}$; by Condition 3.1(A1), $m \ge ((1 - \frac{3}{4\sqrt\pi}) \rho / (\frac12 - \frac{3}{4\sqrt\pi}))^8$; therefore $\Pr[\Delta W_i(j) \le -(\frac{\sigma}{4})^2] \ge (1 - \frac{\rho}{m^{1/8}}) \cdot \frac12 \cdot (1 - \frac{3}{4\sqrt\pi}) \ge \frac14$`,
  sources: { aaai: ['Lemma 3, part 1 (second sentence)'], long: ['Lemma C.3, item 2', 'proof of Lemma C.3 (last two displays)', 'Eq. (44)'] },
  kind: 'probabilistic',
  hypotheses: [...part1Hypotheses, "the proof's width m >= ((1 - 3/(4 sqrt pi)) rho / (1/2 - 3/(4 sqrt pi)))^8 (part of the long version's A1 through C)"],
  uses: ['lemma-3.nonpositive', 'lemma-c2.a-bound'],
  checks:
    "The per-step conditional probability P(Delta W_i(j) <= -(sigma/4)^2 | state) for every neuron of a state: exactly over the algorithm's own randomness (xi uniform on the n training examples, eps = +-sigma; Delta W computed literally), and for the worst neuron of each configuration a Monte Carlo estimate of the population version (x ~ N(0, I_d)) with an exact one-sided Clopper-Pearson bound at alpha. States: Eq. (5) moved by the lazy radius at widths up to 2^20; states along label-noise SGD runs while Definition 1 and C_j hold; and, at the proof's own width ((1 - 3/(4 sqrt pi)) rho / (1/2 - 3/(4 sqrt pi)))^8, the 64 smallest-norm neurons of Eq. (5) drawn exactly as order statistics (a neuron violating the bound makes the state violate it). A state or run with a neuron below 1/4 counts against the lemma's 1 - O(1/m), read as at most 4d/m (exact binomial test); a configuration fails only if that test rejects and the population bound of its worst neuron is also below 1/4. Hypothesis-violation searches: sigma = 0 and small d (A6).",
  domain: {
    quick: {
      configs: [
        ...sampled('quick'),
        { label: 'd20-extreme-proofwidth', source: 'extreme', d: 20, m: 4.24e12, n: 400, sigma: S, units: 3, neurons: 64 },
        { label: 'd10-extreme-proofwidth', source: 'extreme', d: 10, m: 2.65e11, n: 400, sigma: S, units: 3, neurons: 64 },
        { label: 'd5-extreme-proofwidth', source: 'extreme', d: 5, m: 1.66e10, n: 400, sigma: S, units: 2, neurons: 64 },
      ],
      mcDraws: 100_000,
      searchRuns: 30,
    },
    paper: {
      configs: [
        ...sampled('paper'),
        { label: 'd20-extreme-proofwidth', source: 'extreme', d: 20, m: 4.24e12, n: 1000, sigma: S, units: 10, neurons: 256 },
        { label: 'd10-extreme-proofwidth', source: 'extreme', d: 10, m: 2.65e11, n: 1000, sigma: S, units: 10, neurons: 256 },
        { label: 'd5-extreme-proofwidth', source: 'extreme', d: 5, m: 1.66e10, n: 1000, sigma: S, units: 6, neurons: 256 },
      ],
      mcDraws: 1_000_000,
      searchRuns: 150,
    },
  },
  thresholds: {
    quarter: { value: 0.25, why: 'the printed lower bound 1/4 on P(Delta W_i(j) <= -(sigma/4)^2 | state) (never vacuous: it does not depend on m)' },
    allowancePerD: {
      value: 4,
      why: "the lemma's 'with probability at least 1 - O(1/m)' is read with the constant of Lemma C.2's own bound Pr[C_0] >= 1 - 4d/m: a state (or run) may have a neuron below 1/4 with probability at most 4d/m",
    },
  },
  tests: 14,
  expected: {
    verdict: 'fails',
    reason:
      "The proof bounds P(|<x/||x||, w_i>| <= 3/(8 sqrt d)) by rho 3/(8 sqrt d), dropping the factor 1/||w_i||: the smallest-norm neurons (||w_i|| ~ 0.2 at d = 10, m = 32768; ~0.08 along SGD at d = 5, m = 4096; ~0.13 at d = 20 at the proof's own width 4.2e12) have P(Delta W_i <= -(sigma/4)^2) of 0.19, 0.003 and 0.07 < 1/4, finite-set and population alike; it holds at d = 20 for m <= 5e5 (worst 0.44).",
  },
};
export default record;
