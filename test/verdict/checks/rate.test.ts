import { describe, expect, it } from 'vitest';
import { rateRule } from '../../../src/verdict/checks/rate.js';
import { timeBoundRule } from '../../../src/verdict/checks/timeBound.js';
import { allowance, rngFor } from './support.js';

const ALPHA = 0.05;
const XS = [10, 30, 100, 300, 1000, 3000, 10000];

function points(b: number, noise: number, trial: number, truth: string): { x: number; y: number }[] {
  const rng = rngFor('rate', truth, trial);
  return XS.map((x) => ({ x, y: 2 * Math.pow(x, b) * Math.exp(noise * rng.gaussian()) }));
}

describe('rate rule', () => {
  it('exact power laws: O(x^b) holds at b and below, fails above b + delta, with looseness', () => {
    const up = (b: number) => rateRule({ quantity: 'q', variable: 'm', points: XS.map((x) => ({ x, y: Math.pow(x, b) * (1 + 1e-9 * Math.sin(x)) })), claimed: { exponent: -0.125, text: 'O(m^-1/8)', kind: 'upper' }, limit: 'infinity', delta: 0.02, alpha: ALPHA });
    expect(up(-0.125).decision.verdict).toBe('holds');
    const loose = up(-0.5);
    expect(loose.decision.verdict).toBe('holds');
    expect(loose.rate?.looseness).toMatch(/m\^0\.375/);
    expect(up(0).decision.verdict).toBe('fails');
  });
  it('limit x -> 0 flips the direction: O(eta^1) as eta -> 0 needs a slope >= 1', () => {
    const etas = [1e-4, 1e-3, 1e-2, 1e-1];
    const r = (b: number) => rateRule({ quantity: 'q', variable: 'eta', points: etas.map((x) => ({ x, y: Math.pow(x, b) * (1 + 1e-9 * x) })), claimed: { exponent: 1, text: 'O(eta)', kind: 'upper' }, limit: 'zero', delta: 0.05, alpha: ALPHA }).decision.verdict;
    expect(r(1)).toBe('holds');
    expect(r(2)).toBe('holds');
    expect(r(0.5)).toBe('fails');
  });
  it('Theta (equal) needs equivalence; less than a decade or < 3 points is inconclusive', () => {
    const eq = (b: number) => rateRule({ quantity: 'q', variable: 'm', points: XS.map((x) => ({ x, y: Math.pow(x, b) * (1 + 1e-9 * Math.cos(x)) })), claimed: { exponent: 1, text: 'Theta(m)', kind: 'equal' }, limit: 'infinity', delta: 0.05, alpha: ALPHA }).decision.verdict;
    expect(eq(1)).toBe('holds');
    expect(eq(1.5)).toBe('fails');
    expect(eq(0.5)).toBe('fails');
    const short = rateRule({ quantity: 'q', variable: 'm', points: [2, 4, 8].map((x) => ({ x, y: x })), claimed: { exponent: 1, text: 'Theta(m)', kind: 'equal' }, limit: 'infinity', delta: 0.05, alpha: ALPHA });
    expect(short.decision.verdict).toBe('inconclusive');
  });
  it('rejects non-positive points with an error naming the quantity', () => {
    expect(() => rateRule({ quantity: 'gap', variable: 'm', points: [{ x: 1, y: 0 }], claimed: { exponent: 1, text: 't', kind: 'upper' }, limit: 'infinity', delta: 0, alpha: ALPHA })).toThrow(/gap/);
  });
  const trials = 800;
  it('calibration: false fails <= alpha at the boundary of holds (true exponent = claimed + delta, noisy)', () => {
    let fails = 0;
    for (let t = 0; t < trials; t++) {
      const v = rateRule({ quantity: 'q', variable: 'm', points: points(-0.125 + 0.02, 0.3, t, 'b+delta'), claimed: { exponent: -0.125, text: 'O(m^-1/8)', kind: 'upper' }, limit: 'infinity', delta: 0.02, alpha: ALPHA }).decision.verdict;
      if (v === 'fails') fails++;
    }
    expect(fails / trials).toBeLessThanOrEqual(allowance(ALPHA, trials));
  });
  it('calibration: false holds <= alpha when the claim is false (true exponent = claimed + delta, the edge of fails)', () => {
    let holds = 0;
    let decided = 0;
    for (let t = 0; t < trials; t++) {
      const v = rateRule({ quantity: 'q', variable: 'm', points: points(1.05, 0.3, t, 'edge'), claimed: { exponent: 1, text: 'Theta(m)', kind: 'equal' }, limit: 'infinity', delta: 0.05, alpha: ALPHA }).decision.verdict;
      if (v === 'holds') holds++;
      if (v !== 'inconclusive') decided++;
    }
    expect(holds / trials).toBeLessThanOrEqual(allowance(ALPHA, trials));
    expect(decided).toBeGreaterThan(0);
  });
});

describe('time-bound rule', () => {
  const sizes = [100, 1000, 10000];
  it('holds when measured/claimed does not grow, fails when it grows like the size', () => {
    const runs = (g: number) => sizes.flatMap((s) => [1, 2, 3].map((k) => ({ size: s, measured: 0.5 * Math.pow(s, 1 + g) * (1 + 0.01 * k), claimed: s })));
    expect(timeBoundRule({ quantity: 'escape time', sizeName: 'm', claimedText: 'T1', runs: runs(0), delta: 0.05, alpha: ALPHA }).decision.verdict).toBe('holds');
    const grows = timeBoundRule({ quantity: 'escape time', sizeName: 'm', claimedText: 'T1', runs: runs(0.5), delta: 0.05, alpha: ALPHA });
    expect(grows.decision.verdict).toBe('fails');
    expect(grows.decision.rule).toBe('time-bound');
    expect(grows.perSize.map((p) => p.runs)).toEqual([3, 3, 3]);
  });
  it('withholds holds while the largest size has censored runs, but keeps a fails', () => {
    const runs = sizes.flatMap((s) => [1, 2, 3].map((k) => ({ size: s, measured: 0.5 * s * (1 + 0.01 * k), claimed: s, censored: s === 10000 && k === 1 })));
    expect(timeBoundRule({ quantity: 't', sizeName: 'm', claimedText: 'T1', runs, delta: 0.05, alpha: ALPHA }).decision.verdict).toBe('inconclusive');
    const growing = sizes.flatMap((s) => [1, 2, 3].map((k) => ({ size: s, measured: s * s * (1 + 0.01 * k), claimed: s, censored: s === 10000 })));
    expect(timeBoundRule({ quantity: 't', sizeName: 'm', claimedText: 'T1', runs: growing, delta: 0.05, alpha: ALPHA }).decision.verdict).toBe('fails');
  });
});
