import fc from 'fast-check';
import type { ClaimContext } from '../src/verdict/context.js';
import type { CaseResult, SearchOutcome } from '../src/verdict/search.js';

/**
 * An exact grid and a fast-check search decided together (the identity and inequality rules read one outcome):
 * every grid point is checked; the violating points (at most MAX_REPLAYED) go through ctx.search as fc.constantFrom
 * under the name `${name}-grid`, so a grid violation comes back shrunk and replayable like a searched one; the closest
 * call is the smaller of the grid's and the search's. Transitional: proposed as a verdict helper (src/verdict).
 */
const MAX_REPLAYED = 1000;

export interface GridAndSearch<P, C> {
  name: string;
  points: readonly P[];
  check: (p: P) => CaseResult;
  /** the same test without its message, for scanning large grids (defaults to check) */
  scan?: (p: P) => { violated: boolean; margin: number };
  search?: { arbitrary: fc.Arbitrary<C>; check: (c: C) => CaseResult; numRuns: number };
}

export function gridAndSearch<P, C>(ctx: ClaimContext<unknown>, spec: GridAndSearch<P, C>): SearchOutcome<unknown> & { violations: number } {
  const scan = spec.scan ?? spec.check;
  const bad: P[] = [];
  let near: { case: P; margin: number } | undefined;
  for (const p of spec.points) {
    const r = scan(p);
    if (r.violated) bad.push(p);
    else if (!near || r.margin < near.margin) near = { case: p, margin: r.margin };
  }
  const closest = near && { ...near, message: spec.check(near.case).message };
  const main: SearchOutcome<unknown> = spec.search ? ctx.search({ name: spec.name, ...spec.search }) : { cases: 0 };
  const out: SearchOutcome<unknown> & { violations: number } = { cases: spec.points.length + main.cases, violations: bad.length };
  if (bad.length > 0) {
    const replayed = bad.slice(0, MAX_REPLAYED);
    const grid = ctx.search({ name: `${spec.name}-grid`, arbitrary: fc.constantFrom(...replayed), check: spec.check, numRuns: Math.min(replayed.length, 100) });
    if (grid.counterexample) out.counterexample = grid.counterexample;
  } else if (main.counterexample) out.counterexample = main.counterexample;
  const best = [closest, main.closest].filter((c) => c !== undefined).sort((a, b) => a.margin - b.margin)[0];
  if (best) out.closest = best;
  return out;
}
