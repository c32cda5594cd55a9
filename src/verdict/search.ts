import fc from 'fast-check';
import { appendFileSync } from 'node:fs';
import type { AuditConfig } from './config.js';
import { hashSeed } from '../engine/rng.js';
import type { Counterexample } from './types.js';

/** What a case says about the claim: violated or not, and how far from the boundary (closest call). */
export interface CaseResult {
  violated: boolean;
  /** distance to violation in the claim's own units (positive: holds with room; negative: violated) */
  margin: number;
  /** the numbers behind it, one line */
  message: string;
}

export interface SearchSpec<T> {
  /** 'main' for the claim's own search, or the hypothesis a violation search breaks (e.g. 'A6') */
  name: string;
  arbitrary: fc.Arbitrary<T>;
  check: (c: T) => CaseResult;
  numRuns: number;
}

export interface SearchOutcome<T> {
  cases: number;
  counterexample?: Counterexample;
  /** the case with the smallest margin among the passing ones, and that margin */
  closest?: { case: T; margin: number; message: string };
}

/** Quotes a word for a POSIX shell when it holds anything beyond letters, digits and . _ : - (e.g. a search named "sigma>0"). */
export function shellWord(w: string): string {
  return /^[\w.:-]+$/.test(w) ? w : `'${w.replace(/'/g, `'\\''`)}'`;
}

export function replayCommand(claimId: string, cfg: Pick<AuditConfig, 'tier' | 'seed'>, search: string, path: string): string {
  return `npm run audit -- --claim ${shellWord(claimId)} --tier ${cfg.tier} --seed ${cfg.seed} --search ${shellWord(search)} --path ${path}`;
}

/** fast-check's seed for one search of one claim: a function of the run seed and the names only. */
export function searchSeed(runSeed: number, claimId: string, search: string): number {
  return hashSeed(runSeed, claimId, search);
}

/**
 * Runs one fast-check search and returns its outcome without throwing (as fast-check's `check`).
 * A failure comes back shrunk, with its seed, path and the command that replays it; when the audit
 * was started to replay this search, the given path is replayed directly.
 */
export function runSearch<T>(claimId: string, cfg: AuditConfig, spec: SearchSpec<T>): SearchOutcome<T> {
  const seed = searchSeed(cfg.seed, claimId, spec.name);
  let closest: SearchOutcome<T>['closest'];
  let cases = 0;
  const property = fc.property(spec.arbitrary, (c) => {
    const r = spec.check(c);
    cases++;
    if (!r.violated && (closest === undefined || r.margin < closest.margin)) closest = { case: c, margin: r.margin, message: r.message };
    return !r.violated;
  });
  const replaying = cfg.replay !== undefined && cfg.replay.search === spec.name;
  // `npm run explore`: AUDIT_RUNS overrides the number of cases of the explored search (of every search when none is named)
  const numRuns = cfg.runs !== undefined && (cfg.explore === undefined || cfg.explore === spec.name) ? cfg.runs : spec.numRuns;
  const params: fc.Parameters<[T]> = replaying
    ? { seed, path: (cfg.replay as { path: string }).path, endOnFailure: true, numRuns }
    : { seed, numRuns };
  const details = fc.check(property, params);
  const out: SearchOutcome<T> = { cases };
  if (closest) out.closest = closest;
  if (details.failed && details.counterexample && details.counterexamplePath !== null) {
    const c = details.counterexample[0] as T;
    const message = spec.check(c).message;
    out.counterexample = {
      search: spec.name,
      fcSeed: seed,
      path: details.counterexamplePath,
      numShrinks: details.numShrinks,
      case: JSON.parse(JSON.stringify(c)) as unknown,
      message,
      replay: replayCommand(claimId, cfg, spec.name, details.counterexamplePath),
    };
  } else if (replaying && !details.failed) {
    throw new Error(`replay of search "${spec.name}" of ${claimId} at path ${(cfg.replay as { path: string }).path} (seed ${cfg.seed}) did not reproduce a counterexample: check the path and seed printed in the report`);
  } else if (details.failed) {
    // the property threw: report as a failure of the check itself
    throw details.errorInstance ?? new Error(`search ${spec.name} of ${claimId} failed without a counterexample`);
  }
  if (cfg.searchLog) appendFileSync(cfg.searchLog, `${JSON.stringify({ claim: claimId, search: spec.name, numRuns, fcSeed: seed, ...out })}\n`);
  return out;
}

/**
 * An exhaustive search over an explicit grid of cases (exact evaluations: every case is checked, none sampled). It
 * returns the same outcome shape as a fast-check search: the first violated case in grid order as the counterexample
 * (path = its index in the grid; rerunning the step with the same seed reproduces it), or the closest call.
 */
export function gridSearch<T>(stepId: string, config: Pick<AuditConfig, 'tier' | 'seed'>, name: string, grid: readonly T[], check: (c: T) => CaseResult): SearchOutcome<T> {
  let closest: SearchOutcome<T>['closest'];
  for (let i = 0; i < grid.length; i++) {
    const c = grid[i] as T;
    const r = check(c);
    if (r.violated) {
      return {
        cases: i + 1,
        counterexample: { search: name, fcSeed: 0, path: String(i), numShrinks: 0, case: JSON.parse(JSON.stringify(c)) as unknown, message: r.message, replay: replayCommand(stepId, config, name, String(i)) },
        ...(closest ? { closest } : {}),
      };
    }
    if (closest === undefined || r.margin < closest.margin) closest = { case: c, margin: r.margin, message: r.message };
  }
  return closest ? { cases: grid.length, closest } : { cases: grid.length };
}
