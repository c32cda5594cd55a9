import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';
import { describe, expect, it } from 'vitest';
import { BOUNDARY_TRUTHS, CALIBRATED_TESTS, CALIBRATION_DEFAULTS, calibrate, decides, describeCalibration, exactFalseFailProbability } from '../../src/verdict/calibration.js';
import { clopperPearson } from '../../src/stats/binomial.js';
import { perTestAlpha } from '../../src/stats/multiplicity.js';
import { FAMILY_SIZE as FAMILY_SIZE_FROM_REGISTRY } from '../../theorems/index.js';

/**
 * Calibration: the claims' statistical decisions, run many times on truths that sit exactly on a claim's
 * boundary, fail a true claim no more often than the declared alpha.
 */

const PER_TEST_ALPHA = perTestAlpha(FAMILY_SIZE_FROM_REGISTRY);
/** boundary truths like the claims' (runs per width, failure probability bounds C/m) */
const TRUTHS: [number, number][] = [
  [20, 0.1],
  [50, 0.02],
  [200, 0.05],
  [500, 0.3],
  [1000, 0.01],
];
const ALPHAS = [0.05, 0.01, 1e-3, PER_TEST_ALPHA];

describe('the exact false-fail probability of every decision at its boundary is at most alpha', () => {
  it(`${CALIBRATED_TESTS.length} decisions x ${TRUTHS.length} truths x ${ALPHAS.length} alphas, and on a dense grid of n and p0`, () => {
    for (const test of CALIBRATED_TESTS) {
      for (const alpha of ALPHAS) {
        for (const [n, p0] of TRUTHS) {
          const size = exactFalseFailProbability((k) => decides(test, k, n, p0, alpha), n, p0);
          expect(size, `${test} n=${n} p0=${p0} alpha=${alpha}`).toBeLessThanOrEqual(alpha);
        }
        for (let n = 1; n <= 60; n += 3) {
          for (const p0 of [0.01, 0.05, 0.2, 0.5, 0.8, 0.99]) {
            const size = exactFalseFailProbability((k) => decides(test, k, n, p0, alpha), n, p0);
            expect(size, `${test} n=${n} p0=${p0} alpha=${alpha}`).toBeLessThanOrEqual(alpha * (1 + 1e-9));
          }
        }
      }
    }
  });

  it('the Clopper-Pearson and exact binomial forms make the same decision (their duality)', () => {
    // every (k, n, p0, alpha) is compared; the list of those where the two forms disagree must be empty
    const disagree: string[] = [];
    for (const alpha of ALPHAS) {
      for (const [n, p0] of TRUTHS) {
        for (let k = 0; k <= n; k++) {
          if (decides('cp-lower', k, n, p0, alpha) !== decides('binomial-upper', k, n, p0, alpha)) disagree.push(`cp-lower k=${k} n=${n} p0=${p0} alpha=${alpha}`);
          if (decides('cp-upper', k, n, p0, alpha) !== decides('binomial-lower', k, n, p0, alpha)) disagree.push(`cp-upper k=${k} n=${n} p0=${p0} alpha=${alpha}`);
        }
      }
    }
    expect(disagree).toEqual([]);
  });
});

describe('the measured false-fail rate on boundary truths', () => {
  it('is consistent with the exact size and gives no evidence of exceeding alpha (every decision, truth and alpha)', () => {
    for (const test of CALIBRATED_TESTS) {
      for (const alpha of [0.05, PER_TEST_ALPHA]) {
        for (const [n, p0] of TRUTHS) {
          const r = calibrate({ test, alpha, n, p0, trials: 50_000, seed: 11 });
          const ci = clopperPearson(r.falseFails, r.trials, 1e-4);
          const where = `${test} n=${n} p0=${p0} alpha=${alpha}: ${r.falseFails}/${r.trials}, exact ${r.exactSize}`;
          // the sampler and the decisions agree with the exact size (a 99.99% interval)
          expect(ci.lo, where).toBeLessThanOrEqual(r.exactSize);
          expect(ci.hi, where).toBeGreaterThanOrEqual(r.exactSize);
          // nothing says the rate exceeds alpha: the rate's lower bound is below it
          expect(r.lower, where).toBeLessThanOrEqual(alpha);
        }
      }
    }
  });

  it('the default run (for the methods section), at the suite\'s per-test alpha and at the family\'s: rate and its 95% upper bound both at most alpha', () => {
    let first: ReturnType<typeof calibrate> | undefined;
    for (const alpha of [PER_TEST_ALPHA, 0.05, 0.01, 1e-3]) {
      const r = calibrate({ alpha });
      first ??= r;
      const where = describeCalibration(r);
      expect(r).toMatchObject({ alpha, trials: CALIBRATION_DEFAULTS.trials, test: 'binomial-upper' });
      expect(r.truths.map(({ n, p0 }) => ({ n, p0 }))).toEqual(BOUNDARY_TRUTHS);
      expect(r.maxExactSize, where).toBeLessThanOrEqual(alpha);
      expect(r.rate, where).toBeLessThanOrEqual(alpha);
      expect(r.upper, where).toBeLessThanOrEqual(alpha);
      expect(r.falseFails, where).toBeGreaterThan(0); // the boundary is tight: false fails do occur
      // the measured rate agrees with the exact pooled size (a 99.99% interval)
      const ci = clopperPearson(r.falseFails, r.trials, 1e-4);
      expect(ci.lo, where).toBeLessThanOrEqual(r.exactSize);
      expect(ci.hi, where).toBeGreaterThanOrEqual(r.exactSize);
      expect(where).toMatch(/^Calibration: the binomial-upper decision at alpha = .* upper bound .* \(<= alpha\); exact false-fail probability .* at any truth\.$/);
    }
    expect(calibrate({ alpha: PER_TEST_ALPHA })).toEqual(first); // seeded: deterministic (a second run equals the loop's first)
  });

  it('Bernoulli data (n draws per trial) give the same rate as the inverse-CDF sampler', () => {
    const a = calibrate({ sampler: 'bernoulli', n: 100, p0: 0.1, alpha: 0.05, trials: 20_000, seed: 3 });
    const b = calibrate({ sampler: 'binomial', n: 100, p0: 0.1, alpha: 0.05, trials: 20_000, seed: 3 });
    expect(a.exactSize).toBe(b.exactSize);
    for (const r of [a, b]) {
      const ci = clopperPearson(r.falseFails, r.trials, 1e-4);
      expect(ci.lo).toBeLessThanOrEqual(r.exactSize);
      expect(ci.hi).toBeGreaterThanOrEqual(r.exactSize);
      expect(r.rate).toBeLessThanOrEqual(0.05);
    }
  });

  it('detects a miscalibrated decision: the normal-approximation (Wald) test over-rejects at a small p0', () => {
    const z = normalQuantile(1 - 0.01, 0, 1);
    const wald = (k: number, n: number, p0: number): boolean => (k / n - p0) / Math.sqrt((p0 * (1 - p0)) / n) > z;
    const r = calibrate({ reject: wald, n: 100, p0: 0.01, alpha: 0.01, trials: 50_000, seed: 5 });
    expect(r.test).toBe('custom');
    expect(r.exactSize).toBeGreaterThan(0.01);
    expect(r.lower).toBeGreaterThan(0.01);
  });

  it('refuses bad options, naming them', () => {
    expect(() => calibrate({ alpha: 0 })).toThrow(/invalid alpha/);
    expect(() => calibrate({ alpha: NaN })).toThrow(/invalid alpha/);
    expect(() => calibrate({ n: 1.5, p0: 0.1 })).toThrow(/invalid n/);
    expect(() => calibrate({ truths: [] })).toThrow(/invalid truths/);
    expect(() => calibrate({ n: 10, p0: 1 })).toThrow(/invalid p0/);
    expect(() => calibrate({ trials: -1 })).toThrow(/invalid trials/);
    expect(() => calibrate({ test: 'z-test' as never })).toThrow(/invalid test/);
    expect(() => calibrate({ sampler: 'x' as never })).toThrow(/invalid sampler/);
  });
});
