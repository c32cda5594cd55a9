import type { SearchOutcome } from './search.js';
import type { Verdict } from './types.js';

/**
 * The verdict of a printed identity or inequality that has a stated corrected form:
 * printed holds -> holds; printed fails and corrected holds -> erratum; both fail -> fails.
 */
export function identityVerdict(printed: SearchOutcome<unknown>, corrected?: SearchOutcome<unknown>): Verdict {
  if (!printed.counterexample) return 'holds';
  if (corrected && !corrected.counterexample) return 'erratum';
  return 'fails';
}

/** A probability bound p_bound is vacuous when it is >= 1 (lower bounds on a probability: when <= 0). */
export function isVacuousUpper(bound: number): boolean {
  return bound >= 1;
}
export function isVacuousLower(bound: number): boolean {
  return bound <= 0;
}
