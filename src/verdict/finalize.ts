import { accountForContradictions } from './crossClaim.js';
import { proofStatuses } from './proofStatus.js';
import type { ClaimRun, Contradiction, ProofRecord } from './types.js';

/**
 * What an audit does with all its runs before the report is written (passed to the reporter as its `finalize`):
 * contradictions move to the claims they contradict (whose verdicts account for them), then each statement gets its
 * proof status from the proof-step runs and the catalogue (theorems/proofs, passed in as data).
 */
export function finalizeRuns(runs: readonly ClaimRun[], proofs: readonly ProofRecord[]): { runs: ClaimRun[]; contradictions: Contradiction[]; unassigned: Contradiction[] } {
  const crossed = accountForContradictions(runs);
  const statuses = proofStatuses(crossed.runs, proofs);
  const out = crossed.runs.map((r) => {
    const st = r.proofOf === undefined ? statuses[r.id] : undefined;
    return st ? { ...r, proofStatus: st } : r;
  });
  return { runs: out, contradictions: crossed.all, unassigned: crossed.unassigned };
}
