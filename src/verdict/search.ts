import fc from 'fast-check';
import { appendFileSync } from 'node:fs';
import type { AuditConfig } from './config.js';
import { hashSeed } from '../engine/rng.js';
import type { Counterexample } from './types.js';
import { shellWord } from '../shell.js';
import { progressEnabled, startProgress } from './progress.js';

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

/** What a replay (`--search NAME --path P`) found: the audit prints it and writes no report. */
export interface ReplayOutcome {
  claim: string;
  search: string;
  path: string;
  /** reproduced: the path leads to a counterexample; not-violated: to a case that satisfies the claim; no-such-path: to no case */
  status: 'reproduced' | 'not-violated' | 'no-such-path';
  counterexample?: Counterexample;
  /** for not-violated: the case at the path and its margin */
  case?: unknown;
  margin?: number;
  message: string;
}

/** Thrown by the replayed search once it has run, to end the claim there: a replay runs that search alone. */
export class ReplayFinished extends Error {
  constructor(readonly outcome: ReplayOutcome) {
    super(`replay of ${outcome.claim} search "${outcome.search}" at path ${outcome.path}: ${outcome.status}`);
    this.name = 'ReplayFinished';
  }
}

export interface SearchOutcome<T> {
  cases: number;
  counterexample?: Counterexample;
  /** the case with the smallest margin among the passing ones, and that margin */
  closest?: { case: T; margin: number; message: string };
}

export { shellWord } from '../shell.js';

export function replayCommand(claimId: string, cfg: Pick<AuditConfig, 'tier' | 'seed'>, search: string, path: string): string {
  return `npm run audit -- --claim ${shellWord(claimId)} --tier ${cfg.tier} --seed ${cfg.seed} --search ${shellWord(search)} --path ${path}`;
}

/** fast-check's seed for one search of one claim: a function of the run seed and the names only. */
export function searchSeed(runSeed: number, claimId: string, search: string): number {
  return hashSeed(runSeed, claimId, search);
}

/**
 * Runs one fast-check search and returns its outcome without throwing (as fast-check's `check`).
 * A failure comes back shrunk, with its seed, path and the command that replays it; when the audit was started to
 * replay this search, the given path is replayed directly (a path that leads to no counterexample throws). The claim
 * context (context.ts) runs a replayed search alone and ends the claim with ReplayFinished.
 */
export function runSearch<T>(claimId: string, cfg: AuditConfig, spec: SearchSpec<T>): SearchOutcome<T> {
  if (cfg.replay !== undefined && cfg.replay.search === spec.name) {
    const r = replaySearch(claimId, cfg, spec, cfg.replay.path);
    if (r.counterexample) return { cases: 1, counterexample: r.counterexample };
    throw new Error(`replay of search "${spec.name}" of ${claimId} did not reproduce a counterexample: ${r.message}`);
  }
  const seed = searchSeed(cfg.seed, claimId, spec.name);
  // `npm run explore`: AUDIT_RUNS overrides the number of cases of the explored search (of every search when none is named)
  const numRuns = cfg.runs !== undefined && (cfg.explore === undefined || cfg.explore === spec.name) ? cfg.runs : spec.numRuns;
  const progress = startProgress(`${claimId} search ${spec.name}`, numRuns, 'runs', { enabled: progressEnabled(cfg.tier) });
  let closest: SearchOutcome<T>['closest'];
  let cases = 0;
  const property = fc.property(spec.arbitrary, (c) => {
    const r = spec.check(c);
    cases++;
    progress.tick();
    if (!r.violated && (closest === undefined || r.margin < closest.margin)) closest = { case: c, margin: r.margin, message: r.message };
    return !r.violated;
  });
  const details = fc.check(property, { seed, numRuns });
  progress.done();
  const out: SearchOutcome<T> = { cases };
  if (closest) out.closest = closest;
  if (details.failed && details.counterexample && details.counterexamplePath !== null) {
    out.counterexample = counterexampleOf(claimId, cfg, spec, seed, details.counterexample[0] as T, details.counterexamplePath, details.numShrinks);
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

function counterexampleOf<T>(claimId: string, cfg: AuditConfig, spec: SearchSpec<T>, fcSeed: number, c: T, path: string, numShrinks: number): Counterexample {
  const r = spec.check(c);
  return { search: spec.name, fcSeed, path, numShrinks, case: JSON.parse(JSON.stringify(c)) as unknown, message: r.message, replay: replayCommand(claimId, cfg, spec.name, path), margin: r.margin };
}

/** Replays one search at one path: what the path leads to (a counterexample, a case that holds, or no case). */
export function replaySearch<T>(claimId: string, cfg: AuditConfig, spec: SearchSpec<T>, path: string): ReplayOutcome {
  const seed = searchSeed(cfg.seed, claimId, spec.name);
  const numRuns = cfg.runs ?? spec.numRuns;
  let first: { case: T; result: CaseResult } | undefined;
  const property = fc.property(spec.arbitrary, (c) => {
    const result = spec.check(c);
    first ??= { case: c, result };
    return !result.violated;
  });
  const base = { claim: claimId, search: spec.name, path };
  let details: fc.RunDetails<[T]>;
  try {
    details = fc.check(property, { seed, path, endOnFailure: true, numRuns });
  } catch (e) {
    if (e instanceof Error && /wrong path/i.test(e.message)) {
      return { ...base, status: 'no-such-path', message: `path ${path} does not lead to a case of search "${spec.name}" of ${claimId} at seed ${cfg.seed} (tier ${cfg.tier}): check the path, seed and tier printed in the report` };
    }
    throw e;
  }
  if (details.failed && details.counterexample && details.counterexamplePath !== null) {
    const counterexample = counterexampleOf(claimId, cfg, spec, seed, details.counterexample[0] as T, details.counterexamplePath, details.numShrinks);
    return { ...base, status: 'reproduced', counterexample, message: counterexample.message };
  }
  if (details.failed) throw details.errorInstance ?? new Error(`search ${spec.name} of ${claimId} failed without a counterexample`);
  return {
    ...base,
    status: 'not-violated',
    ...(first ? { case: JSON.parse(JSON.stringify(first.case)) as unknown, margin: first.result.margin } : {}),
    message: `path ${path} of search "${spec.name}" of ${claimId} (seed ${cfg.seed}, tier ${cfg.tier}) leads to a case that does not violate the claim${first ? ` (margin ${first.result.margin}: ${first.result.message})` : ''}: check the path, seed and tier printed in the report`,
  };
}
