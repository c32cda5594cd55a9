import fc from 'fast-check';
import type { ClaimContext } from '../src/verdict/context.js';
import type { CaseResult, SearchOutcome } from '../src/verdict/search.js';

/**
 * An exact grid and a fast-check search decided together (the identity and inequality rules read one outcome):
 * the grid points are scanned in order; the violating points (the first MAX_REPLAYED: the scan stops there) go through
 * ctx.search as fc.constantFrom under the name `${name}-grid`, so a grid violation comes back shrunk and replayable
 * like a searched one. With no grid violation the fast-check search runs on the same check; the closest call is the
 * smaller of the grid's and the search's. Transitional: proposed as a verdict helper (src/verdict).
 */
const MAX_REPLAYED = 100;

export interface GridAndSearch<P, C> {
  name: string;
  /** the exact grid, in a fixed order (a generator keeps large grids out of memory) */
  points: Iterable<P>;
  check: (p: P) => CaseResult;
  /** the same test without its message, for scanning large grids (defaults to check) */
  scan?: (p: P) => { violated: boolean; margin: number };
  search?: { arbitrary: fc.Arbitrary<C>; check: (c: C) => CaseResult; numRuns: number };
}

export interface GridAndSearchOutcome extends SearchOutcome<unknown> {
  /** violating grid points found (the scan stops at MAX_REPLAYED: then "at least") */
  violations: number;
  violationsCapped: boolean;
}

export function gridAndSearch<P, C>(ctx: ClaimContext<unknown>, spec: GridAndSearch<P, C>): GridAndSearchOutcome {
  const scan = spec.scan ?? spec.check;
  const bad: P[] = [];
  let scanned = 0;
  let near: { case: P; margin: number } | undefined;
  for (const p of spec.points) {
    scanned++;
    const r = scan(p);
    if (r.violated) {
      if (bad.push(p) >= MAX_REPLAYED) break;
    } else if (!near || r.margin < near.margin) near = { case: p, margin: r.margin };
  }
  const out: GridAndSearchOutcome = { cases: scanned, violations: bad.length, violationsCapped: bad.length >= MAX_REPLAYED };
  if (bad.length > 0) {
    const grid = ctx.search({ name: `${spec.name}-grid`, arbitrary: fc.constantFrom(...bad), check: spec.check, numRuns: bad.length });
    out.cases += grid.cases;
    if (grid.counterexample) out.counterexample = grid.counterexample;
    return out;
  }
  const closest = near && { ...near, message: spec.check(near.case).message };
  const main: SearchOutcome<unknown> = spec.search ? ctx.search({ name: spec.name, ...spec.search }) : { cases: 0 };
  out.cases += main.cases;
  if (main.counterexample) out.counterexample = main.counterexample;
  const best = [closest, main.closest].filter((c) => c !== undefined).sort((a, b) => a.margin - b.margin)[0];
  if (best) out.closest = best;
  return out;
}
