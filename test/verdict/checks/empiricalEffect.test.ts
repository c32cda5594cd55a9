import { describe, expect, it } from 'vitest';
import { empiricalEffectRule } from '../../../src/verdict/checks/empiricalEffect.js';
import { combineAll } from '../../../src/verdict/checks/combine.js';
import { seedsForPower, tTestPower } from '../../../src/stats/ttest.js';
import { allowance, fakeCounterexample, rngFor } from './support.js';

const ALPHA = 0.05;

function sample(mean: number, sd: number, n: number, trial: number, truth: string): number[] {
  const rng = rngFor('effect', truth, trial);
  return Array.from({ length: n }, () => mean + sd * rng.gaussian());
}

describe('empirical-effect rule', () => {
  it('holds when the effect is shown, fails when the opposite is, inconclusive when neither', () => {
    const rule = (diffs: number[]) => empiricalEffectRule({ effect: 'e', differences: diffs, sesoi: 0.1, sdAssumed: 0.1, alpha: ALPHA }).decision.verdict;
    expect(rule([1, 1.1, 0.9, 1.05])).toBe('holds');
    expect(rule([-1, -1.1, -0.9, -1.05])).toBe('fails');
    expect(rule([0.5, -0.4, 0.3])).toBe('inconclusive');
  });
  it('fails by equivalence (TOST) when the effect is shown smaller than the SESOI', () => {
    const r = empiricalEffectRule({ effect: 'e', differences: [0.001, -0.001, 0.002, 0, -0.0005, 0.0015], sesoi: 0.1, sdAssumed: 0.01, alpha: ALPHA });
    expect(r.decision.verdict).toBe('fails');
    expect(r.decision.because).toContain('equivalence');
  });
  it('n < 2 is inconclusive; a constant sample decides by its sign', () => {
    expect(empiricalEffectRule({ effect: 'e', differences: [1], sesoi: 0.1, sdAssumed: 1, alpha: ALPHA }).decision.verdict).toBe('inconclusive');
    expect(empiricalEffectRule({ effect: 'e', differences: [2, 2, 2], sesoi: 0.1, sdAssumed: 1, alpha: ALPHA }).decision.verdict).toBe('holds');
    expect(() => empiricalEffectRule({ effect: 'e', differences: [Number.NaN, 1], sesoi: 0.1, sdAssumed: 1, alpha: ALPHA })).toThrow(/not finite/);
  });
  it('power grows with n, and seedsForPower gives the smallest n reaching it', () => {
    const n = seedsForPower(1, 1, ALPHA, 0.8);
    expect(tTestPower(n, 1, 1, ALPHA)).toBeGreaterThanOrEqual(0.8);
    expect(tTestPower(n - 1, 1, 1, ALPHA)).toBeLessThan(0.8);
    expect(n).toBeGreaterThan(4);
    expect(n).toBeLessThan(12);
  });
  const trials = 1000;
  it('calibration: false holds <= alpha when there is no effect (mean 0)', () => {
    let holds = 0;
    for (let t = 0; t < trials; t++) if (empiricalEffectRule({ effect: 'e', differences: sample(0, 1, 8, t, 'null'), sesoi: 1, sdAssumed: 1, alpha: ALPHA }).decision.verdict === 'holds') holds++;
    expect(holds / trials).toBeLessThanOrEqual(allowance(ALPHA, trials));
  });
  it('calibration: false fails <= alpha when the effect is exactly one SESOI; holds reachable at the planned power', () => {
    const n = seedsForPower(1, 1, ALPHA, 0.8);
    let fails = 0;
    let holds = 0;
    for (let t = 0; t < trials; t++) {
      const v = empiricalEffectRule({ effect: 'e', differences: sample(1, 1, n, t, 'sesoi'), sesoi: 1, sdAssumed: 1, alpha: ALPHA }).decision.verdict;
      if (v === 'fails') fails++;
      if (v === 'holds') holds++;
    }
    expect(fails / trials).toBeLessThanOrEqual(allowance(ALPHA, trials));
    // the shifted-t power approximation is within a few points of the achieved power
    expect(holds / trials).toBeGreaterThan(0.7);
  });
});

describe('combineAll (settings declared before the run)', () => {
  const holds = (v: number) => ({ rule: 'empirical-effect' as const, verdict: 'holds' as const, because: `h${v}`, margin: { value: v, text: '' } });
  const inconclusive = { rule: 'empirical-effect' as const, verdict: 'inconclusive' as const, because: 'i', wouldDecide: 'more' };
  it('never takes the favourable setting: holds at one, inconclusive at the other -> inconclusive, naming both', () => {
    const d = combineAll([{ setting: 'rho = 0.5', decision: holds(1) }, { setting: 'rho = 0.05', decision: inconclusive }]);
    expect(d.verdict).toBe('inconclusive');
    expect(d.because).toContain('holds at rho = 0.5');
    expect(d.because).toContain('inconclusive at rho = 0.05');
  });
  it('all hold -> holds with the tightest margin; any fails -> fails with its evidence', () => {
    const d = combineAll([{ setting: 'a', decision: holds(2) }, { setting: 'b', decision: holds(0.5) }]);
    expect(d.verdict).toBe('holds');
    if (d.verdict === 'holds') expect(d.margin.value).toBe(0.5);
    const f = combineAll([{ setting: 'a', decision: holds(2) }, { setting: 'b', decision: { rule: 'empirical-effect', verdict: 'fails', because: 'f', counterexample: fakeCounterexample('cx') } }]);
    expect(f.verdict).toBe('fails');
    if (f.verdict === 'fails') expect(f.counterexample?.message).toBe('cx');
    // the deciding setting and its evidence first (a report's table cell shows the head), then every setting's verdict
    expect(f.because).toBe('fails at b: f; all settings: holds at a, fails at b');
  });
});

describe('combineAll across rules', () => {
  it('does not compare margins of different rules; names every setting with its rule', () => {
    const d = combineAll([
      { setting: 'exact', decision: { rule: 'high-probability', verdict: 'holds', because: 'c* bounded', margin: { value: 5, text: '' } } },
      { setting: 'sampled', decision: { rule: 'inequality', verdict: 'holds', because: 'no violation', margin: { value: 0.01, text: '' } } },
    ]);
    expect(d.verdict).toBe('holds');
    expect(d.because).toContain('[exact, high-probability] c* bounded');
    expect(d.because).toContain('[sampled, inequality] no violation');
  });
});

describe('combineAll when undecided', () => {
  it('gives each open setting its reason and what would decide it', () => {
    const d = combineAll([
      { setting: 'a', decision: { rule: 'rate', verdict: 'holds', because: 'ok', margin: { value: 1, text: '' } } },
      { setting: 'b', decision: { rule: 'rate', verdict: 'inconclusive', because: 'interval too wide', wouldDecide: '30 more points' } },
    ]);
    expect(d.verdict).toBe('inconclusive');
    expect(d.because).toContain('at b: interval too wide');
    if (d.verdict === 'inconclusive') expect(d.wouldDecide).toBe('at b: 30 more points');
  });
});
