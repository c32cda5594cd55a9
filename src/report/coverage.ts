import type { ClaimRun, Verdict } from '../verdict/types.js';
import { STATEMENTS, type Statement } from './statements.js';

export interface CoverageRow extends Statement {
  claims: { id: string; verdict: Verdict }[];
}

/** True when a `sources` entry names the statement: "Lemma 3" matches "Lemma 3" and "Lemma 3 (part 1)", not "Lemma 3.3". */
export function namesStatement(source: string, label: string): boolean {
  if (!source.startsWith(label)) return false;
  const next = source.charAt(label.length);
  return next === '' || !/[0-9A-Za-z.]/.test(next) || (next === '.' && !/[0-9]/.test(source.charAt(label.length + 1)));
}

/** Maps every numbered statement of both versions to the claims (and their verdicts) whose sources name it. */
export function coverage(runs: readonly ClaimRun[]): CoverageRow[] {
  return STATEMENTS.map((s) => ({
    ...s,
    claims: runs
      .filter((r) => (r.sources[s.version] ?? []).some((src) => namesStatement(src, s.label)))
      .map((r) => ({ id: r.id, verdict: r.verdict })),
  }));
}
