import type { RuleId } from '../../src/verdict/types.js';

/**
 * Statements of the paper that no claim record covered before issue #11 (Condition 1 as a whole, footnote 3, the long
 * version's printed A1 and A3, the remarks on Condition 1, Table 1, the AAAI sentence on |a_i(t)|, Lemma 4's missing
 * proof): each is an entry that is either evaluable (with the decision rule that will decide it) or not (with why).
 * Declarative only, like the claim records.
 */
export interface CoverageEntry {
  /** stable id, usable in a proof step's `uses` */
  readonly id: string;
  readonly title: string;
  /** verbatim (LaTeX as converted) */
  readonly quote: string;
  readonly sources: { readonly aaai?: readonly string[]; readonly long?: readonly string[] };
  readonly kind: 'condition' | 'remark' | 'table-row' | 'statement' | 'missing-proof';
  /** what it asserts, in one sentence */
  readonly asserts: string;
  readonly evaluable: { readonly rule: RuleId } | { readonly reason: string };
  /** claim ids (theorems/) or other entries it rests on or is decided by */
  readonly uses: readonly string[];
}

const entries: readonly CoverageEntry[] = [
  {
    id: 'condition-1.satisfiable',
    title: 'Condition 1 / 3.1: are A1-A6 jointly satisfiable, at which sizes, in float64 or only in exact arithmetic?',
    quote: String.raw`**Condition 1.** *Suppose there exists a sufficiently large constant  $^3 C$  such that the following holds:* 1. **(A1) Model width.** *The width of the network  $m$  satisfies  $m = \Omega\left(\frac{1}{\sqrt{\eta}}\right)$ .* 2. **(A2) Learning rate.** *The learning rate satisfies  $\eta \leq \frac{1}{C^{96}}$ .* 3. **(A3) Dataset size.** *The training set size satisfies  $n \geq \frac{1}{\eta^2}$ .* 4. **(A4) Scale of the optimal parameter.** *The ground-truth interpolator satisfies  $\|\theta^*\| \leq m^{-1/4}$ .* 5. **(A5) Input magnitude.** *The maximum norm of the input samples satisfies  $\max_i \|\mathbf{x}_i\| \leq C_{data}$ .* 6. **(A6) Dimension of sample.** *The dimension of a single sample  $d$  satisfies  $d \geq \frac{9(\ln 2) \cdot K^4}{2c}$ .*`,
    sources: { aaai: ['Condition 1', 'footnote 3'], long: ['Condition 3.1', 'footnote 3'] },
    kind: 'condition',
    asserts:
      'There are (m, d, n, eta, theta*, C_data, C) meeting A1-A6 with C at least footnote 3\'s bound: computed in log10 (A2 puts eta at or below 10^(-96 log10 C), C >= 10^16.6 at d = 20); the sizes are reported, and whether they are float64 numbers.',
    evaluable: { rule: 'inequality' },
    uses: ['condition-1.footnote-3', 'lemma-b5.norm-concentration'],
  },
  {
    id: 'condition-1.footnote-3',
    title: 'Footnote 3: the constant C, its three terms, against the width the proof of Lemma C.3 needs',
    quote: String.raw`<sup>3</sup>  $C \geq \max\left(e^{-\frac{(\sigma C_{data})^2}{3}}, \left(\frac{(1-3/(4\sqrt{\pi})) \cdot 2\sqrt{d}}{1/2-3/(4\sqrt{\pi})} \sqrt{\pi}\right)^8, eC_{data}^2\right)$ , where  $C_{data}$  is a constant defined in Condition 1A(5)`,
    sources: { aaai: ['footnote 3'], long: ['footnote 3 (converted with the minus sign of 1/2 - 3/(4 sqrt pi) lost)'] },
    kind: 'condition',
    asserts:
      'The middle term equals the width ((1 - k) rho/(1/2 - k))^8 of the proof of Lemma C.3 (k = 3/(4 sqrt pi), rho = 2 sqrt(d)/sqrt(pi)): as printed it multiplies by sqrt(pi) where rho divides, a factor pi^8 ~ 9.5e3 larger (safe direction); the first term e^{-(sigma C_data)^2/3} is < 1 for every sigma C_data > 0, so it never binds (a lost sign?).',
    evaluable: { rule: 'identity' },
    uses: ['proof-c3.step-36'],
  },
  {
    id: 'condition-3-1.a1-printed',
    title: 'Long version A1 as printed: m = C Omega(max((ln 1/n)^6, 1/sqrt(eta))), against the audit\'s reading (ln 1/eta)^6',
    quote: String.raw`1. (A1) Model width. The width of the network m satisfies  $m = C \cdot \Omega\left(\max\left(\left(\ln \frac{1}{n}\right)^6, \frac{1}{\sqrt{\eta}}\right)\right)$ .`,
    sources: { long: ['Condition 3.1 (A1)'] },
    kind: 'condition',
    asserts:
      'As printed the width depends on the training-set size n through (ln 1/n)^6 = (ln n)^6; src/theory/condition1.ts reads it as (ln 1/eta)^6. Evaluated: which term binds under each reading at the tested configurations and at the sizes of condition-1.satisfiable (with A3, n >= 1/eta^2, (ln n)^6 = 64 (ln 1/eta)^6: the printed reading asks 64 times more).',
    evaluable: { rule: 'inequality' },
    uses: ['condition-1.satisfiable'],
  },
  {
    id: 'condition-3-1.a3-printed',
    title: 'Long version A3 as printed: n >= 1/n^2 (vacuous), against the AAAI n >= 1/eta^2 the audit uses',
    quote: String.raw`3. (A3) Dataset size. The training set size satisfies  $n \ge \frac{1}{n^2}$ .`,
    sources: { long: ['Condition 3.1 (A3)'] },
    kind: 'condition',
    asserts: 'n >= 1/n^2 holds for every integer n >= 1, so the printed A3 asks nothing; the AAAI A3 (n >= 1/eta^2) is what Lemma D.2\'s proof uses ("by ... Condition 3.1(A3)").',
    evaluable: { rule: 'inequality' },
    uses: [],
  },
  {
    id: 'condition-1.remark-m-gg-d',
    title: 'Remark on Condition 1: "A1 ensures over-parameterization, where m >> d"',
    quote: String.raw`Specifically, A1 ensures over-parameterization, where  $m \gg d$ , which is important for enabling the progressively diminishing of weight norm in Phase I.`,
    sources: { aaai: ['Remarks on Condition 1'] },
    kind: 'remark',
    asserts: 'A1 (m >= 1/sqrt(eta)) does not mention d; m >> d follows only through A2 (1/sqrt(eta) >= C^48) and footnote 3 (C grows like d^4): evaluated in log space, as the ratio log10(m/d) implied at the smallest admissible sizes.',
    evaluable: { rule: 'inequality' },
    uses: ['condition-1.satisfiable'],
  },
  {
    id: 'condition-1.remark-cdata',
    title: 'Remark on Condition 1: "C_data <= C << m"',
    quote: String.raw`In A5,  $C_{data}$  is a constant and by definition of  $C$  in A1, we have  $C_{data} \leq C \ll m$ .`,
    sources: { aaai: ['Remarks on Condition 1'] },
    kind: 'remark',
    asserts: 'C >= e C_data^2 >= C_data iff C_data >= 1/e; C << m needs A2 and A1 together (m >= 1/sqrt(eta) >= C^48) or the long A1\'s factor C; AAAI A1 carries no C ("by definition of C in A1" refers to the long version).',
    evaluable: { rule: 'inequality' },
    uses: ['condition-1.footnote-3', 'condition-1.satisfiable'],
  },
  {
    id: 'condition-1.remark-a2',
    title: 'Remark on Condition 1: A2 lets Phase I persist over a long range of iterations',
    quote: String.raw`A2 ensures the step size is small enough to allow Phase I to persist over a long range of iterations.`,
    sources: { aaai: ['Remarks on Condition 1'] },
    kind: 'remark',
    asserts: 'A motivation for A2.',
    evaluable: { reason: 'a motivation with no quantity ("a long range"); the time scale it refers to is T1, checked by theorem-2.escape-lazy' },
    uses: ['theorem-2.escape-lazy'],
  },
  {
    id: 'condition-1.remark-a3',
    title: 'Remark on Condition 1: with gradient descent a substantial volume of data is required',
    quote: String.raw`A3 addresses the dataset size: when using gradient descent, a substantial volume of training data is typically required.`,
    sources: { aaai: ['Remarks on Condition 1'] },
    kind: 'remark',
    asserts: 'A motivation for A3.',
    evaluable: { reason: 'a motivation with no quantity ("typically required"); A3 itself enters through Sigma_hat = I + O(1/sqrt(n)) (proof-d1.step-5, proof-d2.step-5)' },
    uses: ['proof-d1.step-5', 'proof-d2.step-5'],
  },
  {
    id: 'condition-1.remark-a4-sparse',
    title: 'Remark on Condition 1: "A4 assumes the sparse ground-truth interpolator"',
    quote: String.raw`A4 assumes the sparse ground-truth interpolator.`,
    sources: { aaai: ['Remarks on Condition 1'], long: ['Condition 3.1 (A4) "Sparse interpolator"'] },
    kind: 'remark',
    asserts: 'A4 bounds the norm ||theta*|| <= m^{-1/4}; it says nothing about the number of non-zero coordinates.',
    evaluable: { reason: 'a naming: "sparse" is not defined anywhere in the paper and A4 is a norm bound, so there is no sparsity statement to evaluate' },
    uses: [],
  },
  {
    id: 'condition-1.remark-a6-reference',
    title: 'Remark on Condition 1: K and c of A6 "defined in Appendix (Lemma A.5)"',
    quote: String.raw`In A6, both  $K$  and  $c$  are constant and defined in Appendix (Lemma A.5).`,
    sources: { aaai: ['Remarks on Condition 1'], long: ['Condition 3.1 (A6): "where K and c are defined in Lemma B.5"'] },
    kind: 'remark',
    asserts: 'The AAAI text points to a Lemma A.5 that exists in neither version (the long version\'s Lemma B.5); K and c are the unspecified constants of Lemma B.5.',
    evaluable: { reason: 'a cross-reference; the constants themselves are evaluated by lemma-b5.norm-concentration (largest c = K^4/2 for Gaussian coordinates) and condition-1.satisfiable' },
    uses: ['lemma-b5.norm-concentration'],
  },
  {
    id: 'table-1.phase-1',
    title: 'AAAI Table 1, row I: weights progressively diminish; the model escapes the lazy regime and enters the rich regime (Lemma 3, Theorem 2)',
    quote: String.raw`| <b>I</b>  | <i>The magnitudes of model weights progressively diminish; The model escapes the lazy regime; enters the rich regime.</i> | <b>Lemma 3<br/>Theorem 2</b> |`,
    sources: { aaai: ['Table 1'] },
    kind: 'table-row',
    asserts:
      'The row is the conjunction of the statements it cites; decided by their verdicts (lemma-3.*, theorem-2.escape-lazy) and the synthetic run experiment.figure-2 (the norm falls first). Lemma 4 (the oscillation process), also a Phase I result, is not cited in the row.',
    evaluable: {
      reason:
        'a summary row with no content beyond its cited statements: "weights progressively diminish" is experiment.figure-2 (norm phase) and lemma-4.oscillation-diminishing, "escapes the lazy regime" is theorem-2.escape-lazy, "enters the rich regime" is experiment.figure-2 (alignment phase); a verdict of its own would re-decide the same runs. Read its status from the claims in `uses`',
    },
    uses: ['lemma-3.nonpositive', 'lemma-3.quarter', 'lemma-3.positive-rare', 'lemma-3.bounded', 'theorem-2.escape-lazy', 'experiment.figure-2'],
  },
  {
    id: 'table-1.phase-2',
    title: 'AAAI Table 1, row II: alignment with the interpolator increases; the model converges (Lemma 5, Lemma 6)',
    quote: String.raw`| <b>II</b> | <i>The alignment between model weights and the ground-truth interpolator increases; the model eventually converges.</i>   | <b>Lemma 5<br/>Lemma 6</b>   |`,
    sources: { aaai: ['Table 1'] },
    kind: 'table-row',
    asserts: 'The conjunction of Lemmas 5 and 6 and the Phase II part of experiment.figure-2 (the mean alignment rises after the norm drop, the loss converges); the transition between the rows is phase-2.start.',
    evaluable: {
      reason:
        'a summary row with no content beyond its cited statements: "the alignment increases" is lemma-5.alignment and experiment.figure-2 (alignment phase), "eventually converges" is lemma-6.convergence, the passage between the rows is phase-2.start; a verdict of its own would re-decide the same runs. Read its status from the claims in `uses`',
    },
    uses: ['lemma-5.alignment', 'lemma-6.convergence', 'experiment.figure-2', 'phase-2.start'],
  },
  {
    id: 'aaai.a-small-throughout',
    title: '"With high probability, |a_i(t)| remains small throughout training" (beyond the lazy window)',
    quote: String.raw`In our setup, we can prove that with high probability,  $|a_i(t)|$  remains small throughout training. Thus,  $\Delta W_i(j)$  primarily governs the change in  $\|\mathbf{w}_i\|^2$  at each step.`,
    sources: { aaai: ['paragraph after Lemma 3 (after Figure 2)'] },
    kind: 'statement',
    asserts:
      'max_i |a_i(t)| stays below m^{-1/4} (the proof\'s "small", event C_t) for the whole run, with probability 1 - O(1/m); the paper proves it (Lemma C.2 (ii)) only while the model is lazy (t <= T0), and Phase II (convergence, Lemma 6) needs sum_i a_i gamma_i -> 1, i.e. a growing. Decided on label-noise SGD runs to T1 of Theorem 2, past the lazy exit (src/scenarios/lazyEventsToT1.ts: exact reduced simulator, fresh inputs, a tracked subset of the neurons, so failures seen are a lower bound on the event over all m).',
    evaluable: { rule: 'high-probability' },
    uses: ['lemma-c2.a-bound', 'lemma-6.convergence'],
  },
  {
    id: 'lemma-3-3.no-proof',
    title: 'AAAI Lemma 4 = long-version Lemma 3.3 has no proof in either version',
    quote: String.raw`**Lemma 4** (Progressively diminishing under simulation setup). *Suppose Condition 1 (A1-3, 5-6) holds (let  $m = \frac{1}{\sqrt{\eta}}$ ) and consider the update rule in Equations (6) and (7), there exists a step  $t_0 \leq \frac{1}{\eta^2}$  such that<sup>4</sup>*`,
    sources: { aaai: ['Lemma 4'], long: ['Lemma 3.3'] },
    kind: 'missing-proof',
    asserts: 'No proof of Lemma 4 / 3.3 is printed in the main text or in Appendices B-E (proof-lemma-3-3 records it with a note).',
    evaluable: { reason: 'there is no proof to evaluate; the statement is checked by lemma-4.oscillation-diminishing' },
    uses: ['lemma-4.oscillation-diminishing'],
  },
  {
    id: 'definition-1.lazy',
    title: 'Definition 1 / 3.1 (the lazy regime)',
    quote: String.raw`**Definition 1** (The lazy regime).  $\forall i \in [m]$ , it holds that  $\|\mathbf{w}_i(t) - \mathbf{w}_i(0)\| \leq \frac{1}{\sqrt{m}}$ .`,
    sources: { aaai: ['Definition 1'], long: ['Definition 3.1'] },
    kind: 'statement',
    asserts: 'Defines the lazy ball of radius 1/sqrt(m) around the initialization.',
    evaluable: { reason: 'a definition (used as the premise of Lemmas C.2, C.3 and the negation of Theorem 2)' },
    uses: [],
  },
];

export const COVERAGE_EXTRA: readonly CoverageEntry[] = Object.freeze(entries);
export default COVERAGE_EXTRA;
