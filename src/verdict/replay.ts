import type { ReplayOutcome } from './search.js';
import type { ClaimRun } from './types.js';

/** What a replay left: what the path led to, or that the claim ran no search of that name (and the searches it ran). */
export type ReplayMeta = ReplayOutcome | { claim: string; search: string; path: string; status: 'no-such-search'; searches: string[]; message: string };

/** What a claim's vitest test hands the reporter (task.meta is JSON-serializable). */
declare module '@vitest/runner' {
  interface TaskMeta {
    claimRun?: ClaimRun;
    replay?: ReplayMeta;
  }
}
