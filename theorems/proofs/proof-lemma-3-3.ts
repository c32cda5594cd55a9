import type { ProofRecord } from '../../src/verdict/types.js';

/** AAAI Lemma 4 = long-version Lemma 3.3: no proof in either version. */
const proof: ProofRecord = {
  id: 'proof-lemma-3-3',
  proves: ['lemma-4.oscillation-diminishing'],
  sources: { aaai: ['Lemma 4 (Simulation Setup: Oscillation Induces Progressive Diminishing)'], long: ['Lemma 3.3 (Section 3.2.1)'] },
  cites: [],
  steps: [],
  note:
    'No proof in either version: neither the AAAI main text nor the long version (Appendices B-E) proves Lemma 4 / Lemma 3.3, and no appendix section treats the three-state oscillation process of Eqs. (6)-(7) (AAAI) / (5)-(6) (long). The "Insights into Lemma 4" paragraph is interpretation, not an argument. The statement itself is checked by lemma-4.oscillation-diminishing (exact Wishart data) and experiment.oscillation.',
};
export default Object.freeze(proof);
