import { describe, expect, it } from 'vitest';
import { lookAlphas, lookSizes, replayMultiPart, runMultiPart, sequentialEffectRule, spent, type SequentialDesign } from '../../../src/verdict/checks/sequential.js';
import { allEffects, decideEffect } from '../../../src/verdict/checks/effects.js';
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

// The multi-part form (the CIFAR figures' parts under one design): the claim stops at the first look where the combined
// verdict is decided, only the seeds of the looks reached are run, a replay over the seeds at hand gives the same look,
// and each part keeps its alpha whatever stops the sampling (calibrated below with two null parts).
describe('sequential design over several parts (replayMultiPart, runMultiPart)', () => {
  const design: SequentialDesign = { maxN: 12, looks: 3, spending: 'pocock' };
  const partsAt = (parts: number[][], n: number, a: number) =>
    allEffects(parts.map((xs, j) => decideEffect({ id: `part ${j}`, effect: `part ${j}`, sesoi: 1, sd: 1 }, xs.slice(0, n), a)));

  it('stops at the first deciding look and runs only its seeds; replays give the same look; too few seeds ask for the next look', async () => {
    const clear = [Array.from({ length: 12 }, (_, i) => 5 + 0.01 * i), Array.from({ length: 12 }, (_, i) => 6 - 0.01 * i)];
    const asked: number[] = [];
    const run = await runMultiPart(design, ALPHA, async (n) => void asked.push(n), (n, a) => partsAt(clear, n, a));
    expect(run.look).toBe(0);
    expect(run.n).toBe(4);
    expect(asked).toEqual([4]);
    expect(run.decision.verdict).toBe('holds');
    expect(run.decision.because).toMatch(/; at sequential look 1 of 3 \(4 of at most 12 seeds[^;]*$/);
    expect(replayMultiPart(design, ALPHA, 12, (n, a) => partsAt(clear, n, a)).look).toBe(0);
    // a part that needs every seed: noisy around a positive mean
    const slow = [clear[0]!, [3, -2, 2.5, -1, 2, 1.8, 2.2, 1.9, 2.1, 2, 1.7, 2.3]];
    const asked2: number[] = [];
    const run2 = await runMultiPart(design, ALPHA, async (n) => void asked2.push(n), (n, a) => partsAt(slow, n, a));
    expect(asked2).toEqual(lookSizes(design).slice(0, run2.look + 1));
    expect(run2.look).toBeGreaterThan(0);
    const short = replayMultiPart(design, ALPHA, 5, (n, a) => partsAt(slow, n, a));
    expect(short.decision.verdict).toBe('inconclusive');
    expect(short.decision.because).toMatch(/look 2 of 3 needs 8 seeds, 5 at hand/);
  });

  it('two null parts: the combined false "fails" and false "holds" rates stay within alpha', async () => {
    const trials = 1500;
    let falseFails = 0;
    let falseHolds = 0;
    for (let t = 0; t < trials; t++) {
      // part 0 true effect 0 (neither holds nor fails is true beyond the SESOI: a "holds" is false), part 1 as well
      const parts = [sample(0, 1, 12, t, 'multi-a'), sample(0, 1, 12, t, 'multi-b')];
      const r = await runMultiPart(design, ALPHA, async () => undefined, (n, a) => partsAt(parts, n, a));
      if (r.decision.verdict === 'holds') falseHolds++;
      const opposite = [sample(1, 1, 12, t, 'multi-c'), sample(1, 1, 12, t, 'multi-d')];
      const r2 = await runMultiPart(design, ALPHA, async () => undefined, (n, a) => partsAt(opposite, n, a));
      if (r2.decision.verdict === 'fails') falseFails++;
    }
    expect(falseHolds / trials).toBeLessThanOrEqual(ALPHA + allowance(ALPHA, trials));
    expect(falseFails / trials).toBeLessThanOrEqual(ALPHA + allowance(ALPHA, trials));
  });
});
