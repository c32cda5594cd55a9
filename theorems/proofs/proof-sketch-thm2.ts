import type { ProofRecord } from '../../src/verdict/types.js';

/**
 * The main-text argument for Theorem 2 (AAAI: "Insights from Theorem 2", "Proof Sketch of Theorem 2" and the paragraph
 * after Lemma 3; long version: "Insights from Theorem 3.2"). No equation numbers: the displays are unnumbered. 10 steps.
 */
const proof: ProofRecord = {
  id: 'proof-sketch-thm2',
  proves: ['theorem-2.escape-lazy'],
  sources: {
    aaai: ['Insights from Theorem 2', 'Proof Sketch of Theorem 2', 'the paragraph after Lemma 3'],
    long: ['Insights from Theorem 3.2'],
  },
  cites: ['lemma-3.nonpositive', 'lemma-3.quarter', 'lemma-3.positive-rare', 'lemma-3.bounded', 'eq-41.norm-identity'],
  steps: [
    {
      id: 'proof-sketch-thm2.step-1',
      equations: ['AAAI inline, Insights from Theorem 2 (long: the first unnumbered display of Insights from Theorem 3.2)'],
      quote: String.raw`we can easily derive that  $\|\mathbf{w}_i(T)\|^2 = \|\mathbf{w}_i(0)\|^2 + \eta^2 \sum_{j=0}^{T-1} \Delta W_i(j) - a_i(0)^2 + a_i(T)^2$  and  $\Delta W_i(j) = -\nabla \hat{\ell}_{\xi_j}(\theta(j))^2 (\mathbf{x}_{\xi_j}^\top \cdot \mathbf{w}_i(j))^2 - a_i(j)^2 \cdot \|\mathbf{x}_{\xi_j}\|^2$`,
      kind: 'equality',
      asserts: 'The norm identity with the AAAI (unbracketed) Delta W; the long version brackets it (Eq. (41)), which is exact.',
      evaluable: { rule: 'identity' },
      uses: ['eq-41.norm-identity', 'insights-thm2.norm-identity-aaai'],
    },
    {
      id: 'proof-sketch-thm2.step-2',
      equations: ['AAAI inline, Insights from Theorem 2'],
      quote: String.raw`Since  $a(0)$  is initialized small, the term  $\nabla \hat{\ell}_{\xi_j}(\theta(j))^2 (\mathbf{x}_{\xi_j}^\top \cdot \mathbf{w}_i(j))^2$  dominates the evolution of the weight norm.`,
      kind: 'order',
      asserts: 'Along training the r^2 (x^T w_i)^2 term dominates the a_i^2 ||x||^2 term and the boundary terms a_i(0)^2, a_i(T)^2 in the norm identity (ratio -> 0 with m); simulation.',
      evaluable: { rule: 'rate' },
      uses: ['proof-sketch-thm2.step-1'],
    },
    {
      id: 'proof-sketch-thm2.step-3',
      equations: ['AAAI unnumbered display in Insights from Theorem 2'],
      quote: String.raw`\nabla \hat{\ell}_{\xi_j}(\theta(j))^2 (\mathbf{x}_{\xi_j}^\top \cdot \mathbf{w}_i(j))^2 = (a_i(j+1) - a_i(j))^2.`,
      kind: 'equality',
      asserts: 'The squared a-increment equals r^2 (x^T w)^2 (it is eta^2 r^2 (x^T w)^2 by Eq. (34)).',
      evaluable: { rule: 'identity' },
      uses: ['insights-thm2.a-increment', 'proof-eq41.step-2'],
    },
    {
      id: 'proof-sketch-thm2.step-4',
      equations: ['AAAI inline, Insights from Theorem 2'],
      quote: String.raw`Consequently, the evolution of the first-layer weight norm is primarily determined by the oscillations of the neurons in the second layer.`,
      kind: 'order',
      asserts: 'The norm of W falls by about the accumulated squared a-increments.',
      evaluable: { reason: 'an interpretation of steps 1-3 with no quantity named; its empirical content is what experiment.oscillation and experiment.periodic test' },
      uses: ['proof-sketch-thm2.step-2', 'proof-sketch-thm2.step-3'],
    },
    {
      id: 'proof-sketch-thm2.step-5',
      equations: ['AAAI inline, Insights from Theorem 2'],
      quote: String.raw`Intuitively, label noise accelerates the oscillations in the second layer, thereby contributing to the progressive diminishing of the first-layer weights.`,
      kind: 'order',
      asserts: 'With sigma > 0 the step-to-step movement of a is larger than with sigma = 0 (a directional effect; runs with and without label noise).',
      evaluable: { rule: 'empirical-effect' },
      uses: ['proof-sketch-thm2.step-4'],
    },
    {
      id: 'proof-sketch-thm2.step-6',
      equations: ['AAAI inline, Proof Sketch of Theorem 2'],
      quote: String.raw`**Proof Sketch of Theorem 2.** The proof relies on Lemma 3.`,
      kind: 'citation',
      asserts: 'Theorem 2 rests on Lemma 3.',
      evaluable: { reason: 'a citation: the dependency is recorded in `uses`; nothing to compute' },
      uses: ['lemma-3.nonpositive', 'lemma-3.quarter', 'lemma-3.positive-rare', 'lemma-3.bounded'],
    },
    {
      id: 'proof-sketch-thm2.step-7',
      equations: ['AAAI inline, after Lemma 3'],
      quote: String.raw`Lemma 3 states that with high probability,  $\Delta W_i(j)$  is negative at each step. Furthermore, with probability at least  $\frac{1}{4}$ , \ldots $\Delta W_i(j)$  significantly deviates from zero.`,
      kind: 'citation',
      asserts: 'A restatement of Lemma 3.',
      evaluable: { reason: 'restates Lemma 3, whose parts are claims of their own (lemma-3.*)' },
      uses: ['lemma-3.nonpositive', 'lemma-3.quarter'],
    },
    {
      id: 'proof-sketch-thm2.step-8',
      equations: ['AAAI inline, after Figure 2'],
      quote: String.raw`In our setup, we can prove that with high probability,  $|a_i(t)|$  remains small throughout training.`,
      kind: 'probability-bound',
      asserts: 'With high probability |a_i(t)| stays small for the whole run, not only in the lazy window of Lemma C.2 (ii); simulation (coverage entry aaai.a-small-throughout).',
      evaluable: { rule: 'high-probability' },
      uses: ['aaai.a-small-throughout', 'lemma-c2.a-bound'],
    },
    {
      id: 'proof-sketch-thm2.step-9',
      equations: ['AAAI inline, after Figure 2'],
      quote: String.raw`Thus,  $\Delta W_i(j)$  primarily governs the change in  $\|\mathbf{w}_i\|^2$  at each step.`,
      kind: 'order',
      asserts: 'eta^2 Delta W_i(j) dominates the change of a_i^2 in the per-step norm identity; simulation.',
      evaluable: { rule: 'rate' },
      uses: ['proof-sketch-thm2.step-8', 'proof-eq41.step-13'],
    },
    {
      id: 'proof-sketch-thm2.step-10',
      equations: ['AAAI inline, after Figure 2'],
      quote: String.raw`With Lemma 3, we can demonstrate the progressive diminishing of the first-layer weights  $\mathbf{W}$ , thereby driving the transition from lazy to rich regime.`,
      kind: 'citation',
      asserts: 'The conclusion: Theorem 2.',
      evaluable: { reason: 'the conclusion, i.e. Theorem 2 itself (decided by theorem-2.escape-lazy); the sketch gives no further argument' },
      uses: ['proof-sketch-thm2.step-9', 'theorem-2.escape-lazy'],
    },
  ],
};
export default Object.freeze(proof);
