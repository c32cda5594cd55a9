import type { ProofRecord } from '../../src/verdict/types.js';

/** Appendix B.2, Lemma B.4: no proof is printed; the record carries the note instead of steps. */
const proof: ProofRecord = {
  id: 'proof-b4',
  proves: ['lemma-b4.se-tail'],
  sources: { long: ['Appendix B.2, Lemma B.4'] },
  cites: [],
  steps: [],
  note: 'No proof: Lemma B.4 (sub-exponential tail bound, Eq. (10)) is stated without proof or citation (it is Wainwright 2019, Prop. 2.9). Its statement is checked on exact tails by lemma-b4.se-tail.',
};
export default Object.freeze(proof);
