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

describe('finalizeRuns', () => {
  it('attaches the proof status to the statement from its proof-step runs, after the cross-claim accounting', async () => {
    const { finalizeRuns } = await import('../../src/verdict/finalize.js');
    const proof = { id: 'proof-x', proves: ['B'], sources: { long: ['x'] }, cites: [], steps: [{ id: 'proof-x.step-1', equations: ['(1)'], quote: 'q', kind: 'inequality' as const, asserts: 'a', evaluable: { rule: 'inequality' as const }, uses: [] }] };
    const step = { ...run('proof-x.step-1', 'fails'), proofOf: 'proof-x' } as ClaimRun;
    const { runs } = finalizeRuns([run('A', 'holds', [c('A', 'B')]), run('B', 'holds'), step], [proof]);
    const b = runs.find((r) => r.id === 'B');
    expect(b?.verdict).toBe('fails');
    expect(b?.proofStatus?.status).toBe('broken');
    expect(b?.proofStatus?.failing).toEqual(['proof-x.step-1']);
    expect(runs.find((r) => r.id === 'proof-x.step-1')?.proofStatus).toBeUndefined();
  });
});

describe('frequency monitors (statements "with probability 1 - O(f(m))")', () => {
  it('never let one run contradict; pool runs per width over claims and decide by the high-probability rule', async () => {
    const { monitorObservations } = await import('../../src/verdict/monitor.js');
    const mon = { claim: 'B', kind: 'k', premise: 'p', inPremise: () => true, check: (o: Readonly<Record<string, number>>) => ({ violated: (o.bad ?? 0) > 0, message: 'bad' }), frequency: { width: 'm', rate: { text: '1/m', exponent: -1 }, range: [16, 4096] as const } };
    // two observations of one run count once; a failing run at a small width alone is no contradiction
    const few = monitorObservations('A', [{ kind: 'k', data: { m: 16, bad: 1 }, where: 's1', run: 'r1' }, { kind: 'k', data: { m: 16, bad: 0 }, where: 's2', run: 'r1' }], [mon]);
    expect(few.contradictions).toEqual([]);
    expect(few.tallies).toEqual([expect.objectContaining({ m: 16, failures: 1, runs: 1 })]);
    // many runs, half of them failing at every width: the constant needed grows like m, shown -> a contradiction
    const obs = [16, 4096].flatMap((m) => Array.from({ length: 200 }, (_, i) => ({ kind: 'k', data: { m, bad: i % 2 }, where: `m${m} r${i}` })));
    const many = monitorObservations('A', obs, [mon]);
    const { runs } = accountForContradictions([{ ...run('A', 'holds'), monitorTallies: many.tallies, alpha: 0.01 } as ClaimRun, { ...run('B', 'holds'), alpha: 0.01 } as ClaimRun]);
    expect(runs[1]?.verdict).toBe('fails');
    expect(runs[1]?.contradictions?.[0]?.observation).toContain('m = 4096: 100/200 runs');
    // a failure rate that falls like 1/m is no contradiction
    const fine = [16, 4096].flatMap((m) => Array.from({ length: 200 }, (_, i) => ({ kind: 'k', data: { m, bad: m === 16 && i < 10 ? 1 : 0 }, where: `m${m} r${i}` })));
    const ok = accountForContradictions([{ ...run('A', 'holds'), monitorTallies: monitorObservations('A', fine, [mon]).tallies, alpha: 0.01 } as ClaimRun, { ...run('B', 'holds'), alpha: 0.01 } as ClaimRun]);
    expect(ok.runs[1]?.verdict).toBe('holds');
  });
});
