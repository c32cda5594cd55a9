import type { ClaimRecord } from '../src/verdict/types.js';
import eq1516 from './eq-15-16.sgd-step.js';

/** Every claim record, in the report's order. Adding a claim: its file here and its property in properties/. */
export const ALL_CLAIMS: readonly ClaimRecord<any>[] = [eq1516];

export function claimById(id: string): ClaimRecord<any> | undefined {
  return ALL_CLAIMS.find((c) => c.id === id);
}
