import type { ProofRecord } from '../../src/verdict/types.js';

/** Appendix B.2, Lemma B.2: no proof is printed; the record carries the note instead of steps. */
const proof: ProofRecord = {
  id: 'proof-b2',
  proves: ['lemma-b2.chi-square-se'],
  sources: { long: ['Appendix B.2, Lemma B.2'] },
  cites: [],
  steps: [],
  note: 'No proof in the long version: Lemma B.2 is stated as a preliminary (a standard fact about the chi-square MGF, e.g. Wainwright 2019, Example 2.8, not cited by the paper). The only argument near it is the centred chi-square MGF inside the proof of Corollary B.3 (proof-b3, steps 1-2). Its statement is checked exactly by lemma-b2.chi-square-se.',
};
export default Object.freeze(proof);
