import type { SearchOutcome } from '../search.js';
import type { Decision } from './decision.js';
import { printedOrCorrected, type CorrectedForm } from './printedForm.js';

/**
 * Rule "inequality": an inequality over a domain, checked on an exact grid and by a fast-check search (the search
 * returns a shrunk counterexample or the closest call). A violated case decides fails (or erratum when a stated
 * corrected form holds). With no violation the claim holds only where the bound binds somewhere tested: when the
 * bound is trivial at every tested case (a probability bound >= 1, a bound above the largest value the quantity
 * can take) the verdict is vacuous, with the size where it starts to bind. The fraction of binding cases is reported.
 */
export interface InequalityInput {
  printed: SearchOutcome<unknown>;
  corrected?: CorrectedForm;
  what: string;
  /** how many tested cases had the bound in its non-trivial range, of how many, and where it starts to bind */
  binding: { cases: number; of: number; bindsAt: string; bindsAtValue?: number | null };
}

export function inequalityRule(input: InequalityInput): Decision {
  const { binding } = input;
  if (!input.printed.counterexample && binding.cases === 0) {
    return {
      rule: 'inequality',
      verdict: 'vacuous',
      because: `${input.what} is never violated in ${input.printed.cases} cases, but the bound is trivial at all ${binding.of} tested cases; it binds ${binding.bindsAt}`,
      bindsAt: { size: binding.bindsAt, value: binding.bindsAtValue ?? null },
    };
  }
  return printedOrCorrected('inequality', input.printed, input.what, input.corrected, `; the bound binds at ${binding.cases} of ${binding.of} tested cases`);
}
