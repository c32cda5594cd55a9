import type { ProofRecord } from '../../src/verdict/types.js';
import proofB2 from './proof-b2.js';
import proofB3 from './proof-b3.js';
import proofB4 from './proof-b4.js';
import proofB5 from './proof-b5.js';
import proofB6 from './proof-b6.js';
import proofEq1316 from './proof-eq13-16.js';
import proofC1 from './proof-c1.js';
import proofC2 from './proof-c2.js';
import proofEq41 from './proof-eq41.js';
import proofC3 from './proof-c3.js';
import proofC4 from './proof-c4.js';
import proofSketchThm2 from './proof-sketch-thm2.js';
import proofLemma33 from './proof-lemma-3-3.js';
import proofD1 from './proof-d1.js';
import proofD2 from './proof-d2.js';

export { COVERAGE_EXTRA, type CoverageEntry } from './coverage-extra.js';

/**
 * Every proof of both versions, in the paper's order (Appendix B, C, the main-text sketch, Lemma 4's missing proof,
 * Appendix D). Each step is a claim of its own (`proof-<label>.step-<k>`); see docs in src/verdict/proofStatus.ts.
 */
export const ALL_PROOFS: readonly ProofRecord[] = Object.freeze([
  proofB2,
  proofB3,
  proofB4,
  proofB5,
  proofB6,
  proofEq1316,
  proofC1,
  proofC2,
  proofEq41,
  proofC3,
  proofC4,
  proofSketchThm2,
  proofLemma33,
  proofD1,
  proofD2,
]);

export function proofById(id: string): ProofRecord | undefined {
  return ALL_PROOFS.find((p) => p.id === id);
}
