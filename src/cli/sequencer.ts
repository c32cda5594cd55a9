/**
 * The order in which an audit starts its claim files: the most expensive first (longest-processing-time first), so that
 * on a few workers the longest claim does not start last and set the wall time alone (issue 14: the paper tier in
 * 15 minutes on 2 cores). The cost of a file is the `seconds` its claims took in the last report of the same tier
 * (reports/claims.json or reports/paper/claims.json, the quick tier's before the paper tier's first run); a file with no cost on record (a new claim) counts as the most
 * expensive known one, so it starts early rather than last. Order changes the wall time only, never a result: each
 * claim's randomness comes from its own seeded streams.
 */
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { BaseSequencer, type TestSpecification, type Vitest } from 'vitest/node';
import { registersClaim } from './options.js';

interface ReportedClaim {
  id: string;
  seconds?: number;
}

/** A proof file's text, to find the steps it registers (a file that cannot be read registers none). */
function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

/**
 * Seconds per claim file: `<id>.prop.test.ts` of a record costs its claim's seconds; a proof file under proofs/ costs the
 * sum over the steps and coverage entries it registers (their ids quoted in its text, as src/cli/options.ts finds them).
 */
export function fileCosts(files: readonly string[], claims: readonly ReportedClaim[], read: (file: string) => string = readText): Map<string, number> {
  const costs = new Map<string, number>();
  for (const f of files) {
    const stem = basename(f).replace(/\.prop\.test\.ts$/, '');
    const text = /[\\/]proofs[\\/]/.test(f) ? read(f) : '';
    let s = 0;
    let known = false;
    for (const c of claims) {
      if (c.id === stem || (text !== '' && registersClaim(text, c.id))) {
        s += c.seconds ?? 0;
        known = true;
      }
    }
    if (known) costs.set(f, s);
  }
  return costs;
}

/** Most expensive first; unknown files as expensive as the most expensive known one; ties by path (a fixed order). */
export function costOrder<T>(items: readonly T[], path: (t: T) => string, costs: ReadonlyMap<string, number>): T[] {
  const top = Math.max(0, ...costs.values());
  const cost = (t: T): number => costs.get(path(t)) ?? top;
  return [...items].sort((x, y) => cost(y) - cost(x) || (path(x) < path(y) ? -1 : path(x) > path(y) ? 1 : 0));
}

export function reportedClaims(reportDir: string): ReportedClaim[] {
  try {
    const rep = JSON.parse(readFileSync(join(reportDir, 'claims.json'), 'utf8')) as { claims?: ReportedClaim[] };
    return Array.isArray(rep.claims) ? rep.claims : [];
  } catch {
    return [];
  }
}

/**
 * A vitest sequencer ordering by the costs of the last report in the first of `reportDirs` that has one (the paper tier
 * falls back on the quick tier's report before its own first run); sharding stays vitest's own.
 */
export function costSequencer(...reportDirs: string[]): new (ctx: Vitest) => BaseSequencer {
  return class CostSequencer extends BaseSequencer {
    override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
      const claims = reportDirs.map(reportedClaims).find((c) => c.length > 0) ?? [];
      const costs = fileCosts(files.map((f) => f.moduleId), claims);
      return costOrder(files, (f) => f.moduleId, costs);
    }
  };
}
