import type { SearchOutcome } from './search.js';
import type { Exploration } from './types.js';

/** Tracks the smallest margin over an exact grid, with where it happened, and the violations. */
export class GridTally {
  cases = 0;
  violations = 0;
  worst = Infinity;
  where = '';
  firstViolation = '';
  add(margin: number, violated: boolean, where: () => string): void {
    this.cases++;
    if (violated) {
      this.violations++;
      if (!this.firstViolation) this.firstViolation = where();
    }
    if (margin < this.worst) {
      this.worst = margin;
      this.where = where();
    }
  }
}

/** An exploration entry from a search that breaks one hypothesis. */
export function exploration<T>(hypothesis: string, violation: string, s: SearchOutcome<T>, extra = ''): Exploration {
  const e: Exploration = {
    hypothesis,
    violation,
    found: s.counterexample !== undefined,
    note: s.counterexample
      ? `${s.cases} cases (with shrinking); shrunk: ${s.counterexample.message}${extra ? `; ${extra}` : ''}`
      : `${s.cases} cases, none violates; closest: ${s.closest?.message ?? '-'}${extra ? `; ${extra}` : ''}`,
  };
  if (s.counterexample) e.counterexample = s.counterexample;
  return e;
}

