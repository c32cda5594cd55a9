import type { ClaimRecord } from '../src/verdict/types.js';
import { lemma3Quote, part1Domain, part1Hypotheses, part1Thresholds, type Lemma3Domain } from './lemma-3.nonpositive.js';

/** AAAI Lemma 3 part 2 (first sentence) = long Lemma C.3 item 3: the complement of part 1, with its own record and verdict. */
export const record: ClaimRecord<Lemma3Domain> = {
  id: 'lemma-3.positive-rare',
  title: 'Lemma 3, part 2: Delta W_i(j) > 0 with probability at most rho/m^(1/8), for every neuron',
  quote: lemma3Quote + String.raw`[...] 2. $\Delta W_i(j) > 0$ with probability at most $\frac{\rho}{m^{1/8}}$. [...] where $\rho = \frac{2\sqrt{d}}{\sqrt{\pi}}$ is a constant.`,
  quoteLong: String.raw`Lemma C.3 [...] for all the iterative steps $j \leq T_1$ and for every $i \in [m]$: [...] $\Delta W_i(j) > 0$ with probability at most $\rho/m^{1/8}$. [...] Proof: $\Delta W_i(j) > 0 \iff |\mathbf{x}^\top w_i(j)| < |a_i(j)|$ (42), $\mathbf{x} = x_{\xi_j}/\|x_{\xi_j}\|$ uniform on the sphere; $\Pr[\ldots] = \Pr[-\frac{|a_i(j)|}{\|w_i(j)\|} < x_1 < \frac{|a_i(j)|}{\|w_i(j)\|}]$ (43) $\le \frac{2\sqrt d}{\sqrt\pi}\frac{|a_i(j)|}{\|w_i(j)\|}$`,
  sources: { aaai: ['Lemma 3, part 2 (first sentence)'], long: ['Lemma C.3, item 3', 'proof of Lemma C.3, Eqs. (42)-(43)'] },
  kind: 'probabilistic',
  hypotheses: part1Hypotheses,
  uses: ['lemma-3.nonpositive', 'lemma-c2.a-bound'],
  checks:
    "The per-step conditional probability P(Delta W_i(j) > 0 | state) over the sampled example and the noise, computed exactly for every neuron of a state: population version sphereBand(|a_i|/||w_i||, d) (Eq. (43) without its inequalities) and the algorithm's finite-training-set version (exact average over the n examples and eps = +-sigma, Delta W literal). The same states, widths and decisions as lemma-3.nonpositive (support/lemma3Part1.ts, on this claim's own streams), read from the other side: the largest probability of a positive step over all neurons against rho/m^(1/8); plus the exact probability over Eq. (5) that some neuron exceeds it. Hypothesis-violation searches: small d (A6) and |a_i| at the edge m^(-1/4) of C_j.",
  domain: part1Domain,
  thresholds: part1Thresholds,
  tests: 3,
  expected: {
    verdict: 'holds',
    reason:
      'The complement of lemma-3.nonpositive: at d = 10 and 20 (and d = 5 at m = 4096) the worst neuron has P(Delta W > 0) <= 0.32 against bounds 0.89-0.97, and the exact chance that some neuron of Eq. (5) exceeds the bound is far below 4d/m; for d <= 5 that chance is not O(1/m) (A6 search).',
  },
};
export default record;
