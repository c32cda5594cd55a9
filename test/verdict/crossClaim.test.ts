import { describe, expect, it } from 'vitest';
import { accountForContradictions } from '../../src/verdict/crossClaim.js';
import type { ClaimRun, Contradiction } from '../../src/verdict/types.js';

const run = (id: string, verdict: ClaimRun['verdict'], contradictions: Contradiction[] = []): ClaimRun =>
  ({ id, verdict, summary: `${id} summary`, because: `${id} because`, evidence: {}, hypotheses: [], cases: 1, contradictions }) as unknown as ClaimRun;

const c = (observedIn: string, against: string): Contradiction => ({ observedIn, against, premise: 'lazy', observation: `${observedIn} run`, message: 'a_i too large' });

describe('cross-claim consistency', () => {
  it('moves each contradiction to the claim it contradicts, and a holds becomes fails naming the run', () => {
    const { runs, all } = accountForContradictions([run('A', 'holds', [c('A', 'B')]), run('B', 'holds')]);
    expect(all).toHaveLength(1);
    const [a, b] = runs;
    expect(a?.contradictions).toEqual([]);
    expect(a?.verdict).toBe('holds');
    expect(b?.contradictions).toHaveLength(1);
    expect(b?.verdict).toBe('fails');
    expect(b?.because).toContain('A run');
    expect(b?.because).toContain('its own check: holds');
  });
  it('keeps fails and erratum, adding the evidence; reports contradictions against claims that did not run', () => {
    const { runs, unassigned } = accountForContradictions([run('A', 'holds', [c('A', 'B'), c('A', 'Z')]), run('B', 'erratum')]);
    expect(runs[1]?.verdict).toBe('erratum');
    expect(runs[1]?.evidence.crossClaim).toContain('a_i too large');
    expect(unassigned.map((x) => x.against)).toEqual(['Z']);
  });
  it('changes nothing when no run contradicts another claim', () => {
    const input = [run('A', 'holds'), run('B', 'inconclusive')];
    const { runs } = accountForContradictions(input);
    expect(runs.map((r) => r.verdict)).toEqual(['holds', 'inconclusive']);
  });
});
