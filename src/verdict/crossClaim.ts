import type { ClaimRun, Contradiction } from './types.js';

/**
 * Cross-claim consistency at the end of an audit: every contradiction a claim's runs found against another claim's
 * statement (premise monitors, src/verdict/monitor.ts) moves to that claim's run, and its verdict accounts for it:
 * a claim whose own check said holds, vacuous or inconclusive but which another claim's run contradicts inside its
 * premise is reported as fails, with the contradicting run named (its own check's sentence is kept beside it).
 * A claim whose verdict already says it fails (fails, erratum) keeps it and lists the contradictions as evidence.
 * Contradictions against a claim that did not run in this audit are returned in `unassigned` (a narrowed audit).
 */
export function accountForContradictions(runs: readonly ClaimRun[]): { runs: ClaimRun[]; all: Contradiction[]; unassigned: Contradiction[] } {
  const all = runs.flatMap((r) => r.contradictions ?? []);
  const ids = new Set(runs.map((r) => r.id));
  const out = runs.map((r): ClaimRun => {
    const against = all.filter((c) => c.against === r.id);
    const next: ClaimRun = { ...r, contradictions: against };
    if (against.length === 0) return next;
    const first = against[0] as Contradiction;
    const line = `contradicted inside its premise (${first.premise}) by ${against.length} run(s) of ${[...new Set(against.map((c) => c.observedIn))].join(', ')}: ${first.observation}: ${first.message}`;
    next.evidence = { ...r.evidence, crossClaim: line };
    if (r.verdict === 'holds' || r.verdict === 'vacuous' || r.verdict === 'inconclusive') {
      next.verdict = 'fails';
      next.because = `${line} (its own check: ${r.verdict}: ${r.because ?? r.summary})`;
      next.summary = next.because;
    }
    return next;
  });
  return { runs: out, all, unassigned: all.filter((c) => !ids.has(c.against)) };
}
