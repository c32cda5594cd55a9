import { describe, expect, it } from 'vitest';
import { lookAlphas, lookSizes, sequentialEffectRule, spent, type SequentialDesign } from '../../../src/verdict/checks/sequential.js';
import { empiricalEffectRule } from '../../../src/verdict/checks/empiricalEffect.js';
import { seedsForPower } from '../../../src/stats/ttest.js';
import { allowance, rngFor } from './support.js';

const ALPHA = 0.05;

function sample(mean: number, sd: number, n: number, trial: number, truth: string): number[] {
  const rng = rngFor('sequential', truth, trial);
  return Array.from({ length: n }, () => mean + sd * rng.gaussian());
}

const rule = (diffs: readonly number[], design: SequentialDesign, sesoi = 1) => sequentialEffectRule({ effect: 'e', differences: diffs, sesoi, sdAssumed: 1, alpha: ALPHA, design });

describe('sequential design (alpha spending) for the empirical-effect rule', () => {
  it('looks at ceil(k N / K) seeds and spends exactly alpha over them, increasing in t', () => {
    const d: SequentialDesign = { maxN: 13, looks: 3, spending: 'pocock' };
    expect(lookSizes(d)).toEqual([5, 9, 13]);
    const a = lookAlphas(d, ALPHA);
    expect(a.reduce((s, x) => s + x, 0)).toBeCloseTo(ALPHA, 15);
    expect(a.every((x) => x > 0)).toBe(true);
    expect(spent('pocock', 1, ALPHA)).toBeCloseTo(ALPHA, 15);
    expect(spent('power3', 0.5, ALPHA)).toBeCloseTo(ALPHA / 8, 15);
    expect(lookSizes({ maxN: 3, looks: 5, spending: 'power3' })).toEqual([2, 3]);
    expect(() => lookSizes({ maxN: 1, looks: 2, spending: 'pocock' })).toThrow(/maxN/);
    expect(() => spent('pocock', 1.5, ALPHA)).toThrow(/fraction/);
  });
  it('stops at the first deciding look, asks for the next look when undecided, and equals the fixed rule with one look', () => {
    const design: SequentialDesign = { maxN: 12, looks: 3, spending: 'pocock' };
    const strong = [5, 5.2, 4.9, 5.1, 5.05, 4.95];
    const r = rule(strong, design);
    expect(r.decision.verdict).toBe('holds');
    expect(r.used).toBe(4);
    expect(r.stoppedEarly).toBe(true);
    expect(r.decision.because).toContain('look 1 of 3');
    const weak = [0.5, -0.4, 0.3, 0.1];
    const w = rule(weak, design, 0.1);
    expect(w.decision.verdict).toBe('inconclusive');
    expect(w.nextLook).toBe(8);
    const xs = sample(0.3, 1, 10, 0, 'one-look');
    expect(rule(xs, { maxN: 10, looks: 1, spending: 'pocock' }).decision.verdict).toBe(empiricalEffectRule({ effect: 'e', differences: xs, sesoi: 1, sdAssumed: 1, alpha: ALPHA }).decision.verdict);
  });
  // calibration on constructed truths: the sampling goes on look by look as in a claim's measure, until the rule decides
  const trials = 2000;
  const run = (mean: number, design: SequentialDesign, t: number, truth: string) => {
    const xs = sample(mean, 1, design.maxN, t, truth);
    return rule(xs, design);
  };
  for (const spending of ['pocock', 'power3'] as const) {
    it(`calibration (${spending}): false holds <= alpha with no effect; false fails <= alpha at one SESOI; stops early under a large effect`, () => {
      const design: SequentialDesign = { maxN: seedsForPower(1, 1, ALPHA, 0.8), looks: 3, spending };
      let falseHolds = 0;
      let falseFails = 0;
      let holdsAtSesoi = 0;
      let seeds = 0;
      for (let t = 0; t < trials; t++) {
        if (run(0, design, t, `null-${spending}`).decision.verdict === 'holds') falseHolds++;
        const v = run(1, design, t, `sesoi-${spending}`).decision.verdict;
        if (v === 'fails') falseFails++;
        if (v === 'holds') holdsAtSesoi++;
        seeds += run(3, design, t, `large-${spending}`).used;
      }
      expect(falseHolds / trials).toBeLessThanOrEqual(allowance(ALPHA, trials));
      expect(falseFails / trials).toBeLessThanOrEqual(allowance(ALPHA, trials));
      // the union bound costs power against the fixed design's 0.8 planned at maxN: a little with power3 (alpha kept for the last
      // look), more with pocock (measured 0.56 here against 0.72 for power3, maxN = 8, 2000 trials): records that need the planned power at one SESOI declare power3
      expect(holdsAtSesoi / trials).toBeGreaterThan(spending === 'power3' ? 0.7 : 0.5);
      // ... and a large effect stops well before maxN on average
      expect(seeds / trials).toBeLessThan(0.75 * design.maxN);
    });
  }
});
