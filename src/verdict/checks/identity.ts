import type { CaseResult, SearchOutcome } from '../search.js';
import type { Decision } from './decision.js';
import { fmtMargin, printedOrCorrected, type CorrectedForm } from './printedForm.js';

/**
 * Rule "identity": a printed equality between two computable sides. Each case compares the sides within a
 * float64 tolerance stated with the claim (abs + rel * scale); the search (exact grid and fast-check) looks for a
 * case outside it. Printed holds -> holds; printed fails, corrected holds -> erratum; else fails, shrunk.
 */
export interface Tolerance {
  /** absolute part */
  abs: number;
  /** relative part, times max(|lhs|, |rhs|) */
  rel: number;
}

/** The default float64 tolerance for an identity evaluated with O(100) roundings: 1e-10 relative, 1e-12 absolute. */
export const FLOAT64_TOLERANCE: Tolerance = { abs: 1e-12, rel: 1e-10 };

/** One case of an identity: violated when |lhs - rhs| exceeds the tolerance; margin = tolerance - |lhs - rhs| (relative to the tolerance). */
export function compareSides(lhs: number, rhs: number, tol: Tolerance, message: string): CaseResult {
  if (!Number.isFinite(lhs) || !Number.isFinite(rhs)) return { violated: true, margin: -1, message: `${message}: a side is not finite (lhs ${lhs}, rhs ${rhs})` };
  const allowed = tol.abs + tol.rel * Math.max(Math.abs(lhs), Math.abs(rhs));
  const gap = Math.abs(lhs - rhs);
  return { violated: gap > allowed, margin: (allowed - gap) / allowed, message: `${message}: lhs ${fmtMargin(lhs)}, rhs ${fmtMargin(rhs)}, |lhs - rhs| = ${fmtMargin(gap)} (allowed ${fmtMargin(allowed)})` };
}

export interface IdentityInput {
  /** the search on the printed form */
  printed: SearchOutcome<unknown>;
  corrected?: CorrectedForm;
  /** what the identity says, in words ("Eq. (3)'s theta step") */
  what: string;
}

export function identityRule(input: IdentityInput): Decision {
  return printedOrCorrected('identity', input.printed, input.what, input.corrected);
}
