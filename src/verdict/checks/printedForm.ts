import type { SearchOutcome } from '../search.js';
import type { RuleId } from '../types.js';
import type { Decision, Fails, Holds } from './decision.js';

/** A stated corrected form and the outcome of the same search on it. */
export interface CorrectedForm {
  outcome: SearchOutcome<unknown>;
  /** the corrected form, in words or LaTeX */
  form: string;
}

/** The failing side of a printed-or-corrected search. */
export function failsFrom(rule: RuleId, outcome: SearchOutcome<unknown>, what: string): Fails | undefined {
  const cx = outcome.counterexample;
  if (!cx) return undefined;
  return { rule, verdict: 'fails', because: `${what} fails at a shrunk case (${cx.numShrinks} shrinks): ${cx.message}`, counterexample: cx };
}

/** The holding side: no counterexample in `cases` cases; the margin is the closest call's. */
export function holdsFrom(rule: RuleId, outcome: SearchOutcome<unknown>, what: string, extra = ''): Holds {
  const closest = outcome.closest;
  const margin = closest ? closest.margin : Number.POSITIVE_INFINITY;
  return {
    rule,
    verdict: 'holds',
    because: `${what} holds in all ${outcome.cases} cases${closest ? `; closest call (margin ${fmtMargin(margin)}): ${closest.message}` : ''}${extra}`,
    margin: { value: Number.isFinite(margin) ? margin : 0, text: closest ? closest.message : 'no case evaluated' },
  };
}

export function fmtMargin(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  if (x === 0) return '0';
  const a = Math.abs(x);
  return a >= 1e-3 && a < 1e5 ? String(Number(x.toPrecision(3))) : x.toExponential(2);
}

/**
 * printed holds -> holds; printed fails and the stated corrected form holds -> erratum; otherwise fails
 * (the printed counterexample). Shared by the identity and inequality rules.
 */
export function printedOrCorrected(rule: RuleId, printed: SearchOutcome<unknown>, what: string, corrected?: CorrectedForm, holdsExtra = ''): Decision {
  const failing = failsFrom(rule, printed, `${what} as printed`);
  if (!failing) return holdsFrom(rule, printed, what, holdsExtra);
  if (!corrected) return failing;
  if (corrected.outcome.counterexample) return failing;
  const fixed = holdsFrom(rule, corrected.outcome, `the corrected form (${corrected.form})`);
  return {
    rule,
    verdict: 'erratum',
    because: `${failing.because}; ${fixed.because}`,
    printed: failing,
    corrected: fixed,
    correctedForm: corrected.form,
  };
}
