import type { ProofRecord } from '../../src/verdict/types.js';

/** Appendix B.2, Lemma B.5: no proof is printed; the record carries the note instead of steps. */
const proof: ProofRecord = {
  id: 'proof-b5',
  proves: ['lemma-b5.norm-concentration'],
  sources: { long: ['Appendix B.2, Lemma B.5'] },
  cites: [],
  steps: [],
  note: 'No proof: Lemma B.5 (concentration of the norm, Eq. (11)) is stated without proof or citation (it is Vershynin 2018, Theorem 3.1.1, where the event is | ||X|| - sqrt(n) | >= t; the printed absolute value is misplaced). Its statement is checked with the exact chi distribution by lemma-b5.norm-concentration.',
};
export default Object.freeze(proof);
