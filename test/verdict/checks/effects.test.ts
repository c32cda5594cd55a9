import { describe, expect, it } from 'vitest';
import { allEffects, decideEffect, effectResult, effectRow, partCounts, partRow, planEvidence, planSeeds, printedOrCorrectedEffect, seedsForEffects } from '../../../src/verdict/checks/effects.js';
import { seedsForPower, tTestPower } from '../../../src/stats/ttest.js';

const ALPHA = 4e-4;
const spec = (id: string) => ({ id, effect: id, sesoi: 0.1, sd: 0.05 });
const SHOWN = [0.3, 0.31, 0.29, 0.3, 0.32, 0.28, 0.3, 0.31];
const OPPOSITE = SHOWN.map((x) => -x);
const OPEN = [0.3, -0.2, 0.5, -0.4];

describe('effect tables (src/verdict/checks/effects.ts)', () => {
  it('the seed plan: the largest seedsForPower over the effects (at least 2), capped, and the power it asks is reached', () => {
    const p = planSeeds([{ sesoi: 0.1, sd: 0.05 }, { sesoi: 0.4, sd: 0.25 }], ALPHA, 0.8, 100);
    expect(p.needed).toBe(Math.max(seedsForPower(0.1, 0.05, ALPHA, 0.8), seedsForPower(0.4, 0.25, ALPHA, 0.8)));
    expect(tTestPower(p.needed, 0.4, 0.25, ALPHA)).toBeGreaterThanOrEqual(0.8);
    expect(tTestPower(p.needed - 1, 0.4, 0.25, ALPHA)).toBeLessThan(0.8);
    expect(planSeeds([{ sesoi: 0.1, sd: 0.05 }], ALPHA, 0.8, 3)).toMatchObject({ seeds: 3, cap: 3 });
    expect(seedsForEffects([{ sesoi: 100, sd: 0.01 }], ALPHA, 0.8)).toBe(2);
    // the capped search answers maxN + 1 when the power is out of reach
    expect(seedsForEffects([{ sesoi: 0.01, sd: 1 }], ALPHA, 0.8, 200)).toBe(201);
    expect(planEvidence(planSeeds([{ sesoi: 0.01, sd: 1 }], ALPHA, 0.8, 5)).seedPlan).toMatch(/^capped: the power computation asks 201 seeds, the tier's budget allows 5/);
  });

  it('holds when shown, fails when the opposite is shown, inconclusive otherwise; combineAll over the effects', () => {
    const [shown, opposite, open] = [decideEffect(spec('a'), SHOWN, ALPHA), decideEffect(spec('b'), OPPOSITE, ALPHA), decideEffect(spec('c'), OPEN, ALPHA)];
    expect([shown, opposite, open].map((p) => p.result.decision.verdict)).toEqual(['holds', 'fails', 'inconclusive']);
    expect(allEffects([shown, open]).verdict).toBe('inconclusive');
    expect(allEffects([shown, open, opposite]).verdict).toBe('fails');
    expect(allEffects([shown, shown]).verdict).toBe('holds');
    expect(allEffects([{ id: 'x', decision: shown.result.decision }, opposite]).verdict).toBe('fails');
    expect(partCounts([shown, open, opposite])).toBe('1 holds, 1 fails, 1 inconclusive of 3 parts');
  });

  it('a seed that is not finite is reported and leaves the effect inconclusive, never NaN', () => {
    const p = decideEffect(spec('d'), [0.3, 0.31, Number.NaN, 0.3, 0.32, 0.28], ALPHA);
    expect(p.result.decision.verdict).toBe('inconclusive');
    expect(p.result.decision.because).toMatch(/seed\(s\) 2 gave no finite difference/);
    expect(p.result.n).toBe(5);
    expect(Number.isFinite(p.result.mean)).toBe(true);
    expect(p.differences[2]).toBeNaN();
  });

  it('printed or corrected: erratum only when the printed form fails and the corrected one holds', () => {
    const holds = effectResult(spec('h'), SHOWN, ALPHA);
    const fails = effectResult(spec('f'), OPPOSITE, ALPHA);
    const open = effectResult(spec('o'), OPEN, ALPHA);
    expect(printedOrCorrectedEffect(fails, holds, 'the fix')).toMatchObject({ verdict: 'erratum', correctedForm: 'the fix' });
    expect(printedOrCorrectedEffect(holds, fails, 'the fix').verdict).toBe('holds');
    expect(printedOrCorrectedEffect(fails, open, 'the fix').verdict).toBe('fails');
    expect(printedOrCorrectedEffect(open, holds, 'the fix').verdict).toBe('inconclusive');
  });

  it('rows: the effect table and the part table (headers, order, the seeds\' numbers)', () => {
    const p = decideEffect(spec('a'), [...SHOWN, Number.POSITIVE_INFINITY], ALPHA);
    expect(Object.keys(effectRow('a', p.spec, p.result))).toEqual(['effect', 'difference', 'seeds', 'mean', 'sd', 'lower bound', 'upper bound', 'SESOI', 'sd assumed', 'power', 'decision']);
    const row = partRow(p);
    expect(Object.keys(row)).toEqual(['part', 'difference', 'seeds', 'mean', 'sd', 'lower bound (1 - alpha)', 'upper bound (1 - alpha)', 'SESOI', 'sd assumed', 'power', 'decision', 'values']);
    expect(row.values).toBe('0.3000, 0.3100, 0.2900, 0.3000, 0.3200, 0.2800, 0.3000, 0.3100, Infinity');
    expect(row.seeds).toBe(8);
  });
});
