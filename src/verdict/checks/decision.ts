import type { Counterexample, RateComparison, RuleId } from '../types.js';

/**
 * What a decision rule returns: a tagged union in which each verdict carries the evidence it needs
 * (docs/ARCHITECTURE.md, "Verdicts"). The type system enforces it: a fails without a counterexample or a
 * rejected test, an erratum without both forms, or a vacuous without the size where the bound binds does not compile.
 */

/** How much room a holds had, in the claim's own units (positive: held with room), and where. */
export interface Margin {
  value: number;
  text: string;
}

/** A statistical test that rejected the statement. */
export interface RejectedTest {
  test: string;
  statistic: number;
  /** the p-value where the test has one; for a rejection made by comparing exact intervals, the level of those intervals (the rejection's error is at most it) */
  pValue: number;
  alpha: number;
  text: string;
}

interface Base {
  rule: RuleId;
  /** one sentence with the numbers that decided */
  because: string;
}

export interface Holds extends Base {
  verdict: 'holds';
  margin: Margin;
  rate?: RateComparison;
}

export type Fails = Base & { verdict: 'fails'; rate?: RateComparison } & ({ counterexample: Counterexample; rejected?: undefined } | { rejected: RejectedTest; counterexample?: undefined });

export interface Erratum extends Base {
  verdict: 'erratum';
  printed: Fails;
  corrected: Holds;
  /** the corrected form, in words or LaTeX */
  correctedForm: string;
}

export interface Vacuous extends Base {
  verdict: 'vacuous';
  /** where the bound starts to bind (the size, in words, and its value when it is one number) */
  bindsAt: { size: string; value: number | null };
}

export interface Inconclusive extends Base {
  verdict: 'inconclusive';
  /** what would decide it, in numbers */
  wouldDecide: string;
  rate?: RateComparison;
}

export type Decision = Holds | Fails | Erratum | Vacuous | Inconclusive;

/** The evidence a decision carries, flattened for claims.json (finite numbers and strings only). */
export function decisionEvidence(d: Decision): Record<string, string | number> {
  const out: Record<string, string | number> = { rule: d.rule, because: d.because };
  switch (d.verdict) {
    case 'holds':
      out.margin = d.margin.value;
      out.marginText = d.margin.text;
      break;
    case 'fails':
      if (d.counterexample) out.counterexample = d.counterexample.message;
      else out.rejectedTest = d.rejected.text;
      break;
    case 'erratum':
      out.printedFails = d.printed.because;
      out.correctedHolds = d.corrected.because;
      out.correctedForm = d.correctedForm;
      break;
    case 'vacuous':
      out.bindsAt = d.bindsAt.size;
      break;
    case 'inconclusive':
      out.wouldDecide = d.wouldDecide;
      break;
  }
  return out;
}
