import { describe, expect, it } from 'vitest';
import { highProbabilityRule, type WidthEvidence } from '../../../src/verdict/checks/highProbability.js';
import { allowance, binomial, rngFor } from './support.js';

const ONE_OVER_M = { text: '1/m', f: (m: number) => 1 / m, exponent: -1 };
const ALPHA = 0.05;

describe('high-probability rule: exact probabilities', () => {
  it('holds when the needed constant stays bounded (p = 3/m)', () => {
    const r = highProbabilityRule({ event: 'E', rate: ONE_OVER_M, widths: [64, 256, 1024, 4096].map((m) => ({ m, exact: 3 / m })), range: [64, 4096], alpha: ALPHA });
    expect(r.decision.verdict).toBe('holds');
    expect(r.rate?.measuredExponent).toBeCloseTo(-1, 10);
    expect(r.rows.every((row) => Math.abs(row.cNeeded - 3) < 1e-12)).toBe(true);
  });
  it('fails when the constant grows (p = m^-1/2 against 1/m), with the rejected test', () => {
    const r = highProbabilityRule({ event: 'E', rate: ONE_OVER_M, widths: [64, 4096].map((m) => ({ m, exact: Math.pow(m, -0.5) })), range: [64, 4096], alpha: ALPHA });
    expect(r.decision.verdict).toBe('fails');
    if (r.decision.verdict === 'fails') expect(r.decision.rejected?.statistic).toBeGreaterThan(1);
  });
  it('tolerates growth slower than the declared allowance (c* ~ log-like) but not faster', () => {
    const slow = highProbabilityRule({ event: 'E', rate: ONE_OVER_M, widths: [64, 4096].map((m) => ({ m, exact: (2 - 1 / Math.log(m)) / m })), range: [64, 4096], alpha: ALPHA });
    expect(slow.decision.verdict).toBe('holds');
    const fast = highProbabilityRule({ event: 'E', rate: ONE_OVER_M, widths: [64, 4096].map((m) => ({ m, exact: Math.pow(m, -0.8) })), range: [64, 4096], alpha: ALPHA });
    expect(fast.decision.verdict).toBe('fails');
  });
  it('a fixed constant is reported but never decides', () => {
    const r = highProbabilityRule({ event: 'E', rate: ONE_OVER_M, widths: [64, 4096].map((m) => ({ m, exact: 20 / m })), range: [64, 4096], alpha: ALPHA, fixedConstant: 1 });
    expect(r.decision.verdict).toBe('holds');
    expect(r.decision.because).toContain('not deciding');
    expect(r.rows.every((row) => row.fixedConstantExceeded === 'yes (shown)')).toBe(true);
  });
  it('is inconclusive with fewer than two widths in the declared range, and widths outside it do not decide', () => {
    const r = highProbabilityRule({ event: 'E', rate: ONE_OVER_M, widths: [{ m: 16, exact: 0.5 }, { m: 64, exact: 1 / 64 }], range: [64, 4096], alpha: ALPHA });
    expect(r.decision.verdict).toBe('inconclusive');
  });
  it('rejects malformed evidence with an error naming the width', () => {
    expect(() => highProbabilityRule({ event: 'E', rate: ONE_OVER_M, widths: [{ m: 8, failures: 3, runs: 2 }, { m: 64, exact: 0 }], range: [8, 64], alpha: ALPHA })).toThrow(/m = 8/);
    expect(() => highProbabilityRule({ event: 'E', rate: ONE_OVER_M, widths: [{ m: 8, exact: 1.5 }, { m: 64, exact: 0 }], range: [8, 64], alpha: ALPHA })).toThrow(/m = 8/);
  });
});

describe('high-probability rule: sampled failures, calibrated on constructed truths', () => {
  const widths = [64, 1024];
  const runs = [400, 4000];
  const trials = 600;
  function decide(p: (m: number) => number, trial: number, truth: string): string {
    const rng = rngFor('hp', truth, trial);
    const ws: WidthEvidence[] = widths.map((m, i) => ({ m, failures: binomial(rng, runs[i] as number, p(m)), runs: runs[i] as number }));
    return highProbabilityRule({ event: 'E', rate: ONE_OVER_M, widths: ws, range: [64, 1024], alpha: ALPHA }).decision.verdict;
  }
  it('false fails <= alpha when the statement is true (p = 4/m: the constant does not grow)', () => {
    let fails = 0;
    let holds = 0;
    for (let t = 0; t < trials; t++) {
      const v = decide((m) => 4 / m, t, 'true');
      if (v === 'fails') fails++;
      if (v === 'holds') holds++;
    }
    expect(fails / trials).toBeLessThanOrEqual(allowance(ALPHA, trials));
    // and holds is reachable with these runs
    expect(holds).toBeGreaterThan(0);
  });
  it('false holds <= alpha when the statement is false (p = m^-1/2: the constant grows like m^1/2)', () => {
    let holds = 0;
    let fails = 0;
    for (let t = 0; t < trials; t++) {
      const v = decide((m) => 0.5 * Math.pow(m, -0.5), t, 'false');
      if (v === 'holds') holds++;
      if (v === 'fails') fails++;
    }
    expect(holds / trials).toBeLessThanOrEqual(allowance(ALPHA, trials));
    expect(fails).toBeGreaterThan(0);
  });
});

describe('high-probability rule: exact intervals', () => {
  it('uses both ends of an exact interval (a conditioned law)', () => {
    const r = highProbabilityRule({ event: 'E', rate: ONE_OVER_M, widths: [64, 4096].map((m) => ({ m, exactInterval: [1 / m, 2 / m] as const })), range: [64, 4096], alpha: ALPHA });
    expect(r.decision.verdict).toBe('holds');
    expect(r.rows[0]?.cLower).toBeCloseTo(1, 12);
    expect(r.rows[0]?.cUpper).toBeCloseTo(2, 12);
    expect(() => highProbabilityRule({ event: 'E', rate: ONE_OVER_M, widths: [{ m: 8, exactInterval: [0.5, 0.2] }, { m: 64, exact: 0 }], range: [8, 64], alpha: ALPHA })).toThrow(/m = 8/);
  });
});
