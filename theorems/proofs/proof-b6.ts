import type { ProofRecord } from '../../src/verdict/types.js';

/** Appendix B.2, Lemma B.6: no proof is printed; the record carries the note instead of steps. */
const proof: ProofRecord = {
  id: 'proof-b6',
  proves: ['lemma-b6.chernoff'],
  sources: { long: ['Appendix B.2, Lemma B.6'] },
  cites: [],
  steps: [],
  note: 'No proof: Lemma B.6 (Chernoff, Eq. (12)) is stated without proof or citation (Vershynin 2018, Theorem 2.3.1 states the upper tail P{S_N >= t}; the printed P{S_N <= t} for t > mu is false). Its statement is checked with exact Poisson-binomial laws by lemma-b6.chernoff.',
};
export default Object.freeze(proof);
