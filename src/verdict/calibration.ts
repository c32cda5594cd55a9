import binomialCdf from '@stdlib/stats-base-dists-binomial-cdf';
import { InputError, requireNumber } from '../errors.js';
import { stream } from '../engine/rng.js';
import { binomialPLower, binomialPUpper, clopperPearsonLower, clopperPearsonUpper } from '../stats/binomial.js';
import { FAMILY_ALPHA } from '../stats/multiplicity.js';

/**
 * Calibration of the suite's statistical decisions: the tests are run many times on synthetic truths that
 * sit exactly on a claim's boundary, where every rejection is a false fail, and the measured false-fail
 * rate is compared with the declared alpha, with its own Clopper-Pearson bound.
 *
 * The decisions are the ones the claims make (properties/*):
 *   binomial-upper  H0: p <= p0, fails when binomialPUpper(k, n, p0) < alpha  (theorem-2, lemma-c2, lemma-3)
 *   cp-lower        H0: p <= p0, fails when clopperPearsonLower(k, n, alpha) > p0
 *   binomial-lower  H0: p >= p0, fails when binomialPLower(k, n, p0) < alpha
 *   cp-upper        H0: p >= p0, fails when clopperPearsonUpper(k, n, alpha) < p0
 * Each trial draws k ~ Binomial(n, p0) (the truth at the boundary), from n Bernoulli(p0) draws or, equivalently
 * and faster, by inverting the exact binomial CDF with one uniform; the decision for each k is made by the
 * functions above (computed once per k). Seeded: the same options give the same result on every platform.
 */

export type CalibratedTest = 'binomial-upper' | 'cp-lower' | 'binomial-lower' | 'cp-upper';
export const CALIBRATED_TESTS: readonly CalibratedTest[] = ['binomial-upper', 'cp-lower', 'binomial-lower', 'cp-upper'];

/** A truth on a claim's boundary: k ~ Binomial(n, p0) tested against p <= p0 (or p >= p0). */
export interface BoundaryTruth {
  n: number;
  p0: number;
}

/**
 * The default truths: boundaries like the claims' (runs per width or cell, failure probabilities C/m and the
 * like), n from 20 to 1000 and p0 from 0.01 to 0.3. Pooling them measures the decisions' false-fail rate
 * over the range the suite tests in, rather than at one (n, p0) whose discreteness happens to sit near alpha.
 */
export const BOUNDARY_TRUTHS: readonly BoundaryTruth[] = [20, 50, 100, 200, 500, 1000].flatMap((n) => [0.01, 0.02, 0.05, 0.1, 0.3].map((p0) => ({ n, p0 })));

export interface CalibrationOptions {
  /** the decision calibrated (default binomial-upper, the claims' test of a bound p <= p0) */
  test?: CalibratedTest;
  /** the declared significance level of one test (default the family's 0.05; the report passes its per-test alpha) */
  alpha?: number;
  /** the boundary truths, used in turn, trial by trial (default BOUNDARY_TRUTHS); or one truth through n and p0 */
  truths?: readonly BoundaryTruth[];
  /** one truth: samples per test (with p0) */
  n?: number;
  /** one truth: the boundary probability (with n) */
  p0?: number;
  /** repetitions (default 1000000) */
  trials?: number;
  /** run seed (default 20260312) */
  seed?: number | string;
  /** how k is drawn (default binomial: inverse CDF; bernoulli: n draws per trial) */
  sampler?: 'binomial' | 'bernoulli';
  /** the level of the rate's own one-sided Clopper-Pearson bounds (default 0.05: 95% bounds) */
  rateAlpha?: number;
  /** a decision to calibrate instead of `test` (k, n, p0, alpha) -> fails; for checking the harness itself */
  reject?: (k: number, n: number, p0: number, alpha: number) => boolean;
}

export interface CalibrationResult {
  test: CalibratedTest | 'custom';
  alpha: number;
  trials: number;
  /** rejections of a true H0 */
  falseFails: number;
  /** falseFails / trials */
  rate: number;
  /** one-sided Clopper-Pearson upper bound of the false-fail rate at level rateAlpha */
  upper: number;
  /** one-sided Clopper-Pearson lower bound of the false-fail rate at level rateAlpha */
  lower: number;
  rateAlpha: number;
  /** the truths used in turn, each with the exact false-fail probability of the decision there */
  truths: (BoundaryTruth & { exactSize: number })[];
  /** the exact false-fail probability of the run: the truths' exact sizes averaged over the trials */
  exactSize: number;
  /** the largest exact size over the truths (at most alpha for a valid decision) */
  maxExactSize: number;
  sampler: 'binomial' | 'bernoulli';
  seed: string;
}

export const CALIBRATION_DEFAULTS = { test: 'binomial-upper', alpha: FAMILY_ALPHA, trials: 1_000_000, seed: 20260312, sampler: 'binomial', rateAlpha: 0.05 } as const;
/** Whether the claims' decision `test` fails H0 on k successes out of n at level alpha. */
export function decides(test: CalibratedTest, k: number, n: number, p0: number, alpha: number): boolean {
  switch (test) {
    case 'binomial-upper':
      return binomialPUpper(k, n, p0) < alpha;
    case 'cp-lower':
      return clopperPearsonLower(k, n, alpha) > p0;
    case 'binomial-lower':
      return binomialPLower(k, n, p0) < alpha;
    case 'cp-upper':
      return clopperPearsonUpper(k, n, alpha) < p0;
  }
}

/** The Binomial(n, p) pmf for k = 0..n, as differences of the exact CDF. */
function binomialPmf(n: number, p: number): Float64Array {
  const pmf = new Float64Array(n + 1);
  if (p <= 0) pmf[0] = 1;
  else if (p >= 1) pmf[n] = 1;
  else {
    let prev = 0;
    for (let k = 0; k <= n; k++) {
      const c = k === n ? 1 : binomialCdf(k, n, p);
      pmf[k] = Math.max(0, c - prev);
      prev = c;
    }
  }
  return pmf;
}

/** The exact probability that the decision fails H0 when the truth is exactly p0. */
export function exactFalseFailProbability(reject: (k: number) => boolean, n: number, p0: number): number {
  // the rejection regions of these tests are one tail: sum the tail with the exact CDF (no cancellation)
  const ks = Array.from({ length: n + 1 }, (_, k) => k).filter(reject);
  if (ks.length === 0) return 0;
  const lo = ks[0] as number;
  const hi = ks[ks.length - 1] as number;
  if (ks.length === hi - lo + 1 && hi === n) return lo === 0 ? 1 : binomialPUpper(lo, n, p0);
  if (ks.length === hi - lo + 1 && lo === 0) return binomialCdf(hi, n, p0);
  const pmf = binomialPmf(n, p0);
  return ks.reduce((s, k) => s + (pmf[k] as number), 0);
}

/** One seeded calibration run (see the module's comment). */
export function calibrate(options: CalibrationOptions = {}): CalibrationResult {
  const o = { ...CALIBRATION_DEFAULTS, ...options };
  if (!CALIBRATED_TESTS.includes(o.test)) throw new InputError('test', `expected one of ${CALIBRATED_TESTS.join(', ')}, got ${JSON.stringify(o.test)}`);
  requireNumber('alpha', o.alpha, { min: 0, max: 1, exclusiveMin: true });
  requireNumber('trials', o.trials, { min: 1, max: 1e9, integer: true });
  requireNumber('rateAlpha', o.rateAlpha, { min: 0, max: 1, exclusiveMin: true });
  if (o.sampler !== 'binomial' && o.sampler !== 'bernoulli') throw new InputError('sampler', `expected binomial or bernoulli, got ${JSON.stringify(o.sampler)}`);
  const truths: readonly BoundaryTruth[] = options.n !== undefined || options.p0 !== undefined ? [{ n: options.n as number, p0: options.p0 as number }] : (options.truths ?? BOUNDARY_TRUTHS);
  if (!Array.isArray(truths) || truths.length === 0) throw new InputError('truths', 'expected at least one {n, p0}');
  for (const t of truths) {
    requireNumber('n', t.n, { min: 1, max: 1e7, integer: true });
    requireNumber('p0', t.p0, { min: 0, max: 1, exclusiveMin: true });
    if (t.p0 >= 1) throw new InputError('p0', `expected < 1, got ${t.p0}`);
  }
  const { alpha, trials } = o;
  const custom = options.reject;
  const seed = String(o.seed);
  const rng = stream(seed, 'calibration', custom ? 'custom' : o.test, alpha, o.sampler);
  const cells = truths.map(({ n, p0 }) => {
    const decision = new Int8Array(n + 1).fill(-1);
    const rejects = (k: number): boolean => {
      if (decision[k] === -1) decision[k] = (custom ? custom(k, n, p0, alpha) : decides(o.test, k, n, p0, alpha)) ? 1 : 0;
      return decision[k] === 1;
    };
    // the exact CDF: k is the smallest with F(k) > u, u uniform on [0, 1)
    const cdf = o.sampler === 'binomial' ? Float64Array.from({ length: n + 1 }, (_, k) => (k === n ? 1 : binomialCdf(k, n, p0))) : undefined;
    return { n, p0, rejects, cdf, exactSize: exactFalseFailProbability(rejects, n, p0), uses: 0 };
  });
  let falseFails = 0;
  for (let t = 0; t < trials; t++) {
    const c = cells[t % cells.length] as (typeof cells)[number];
    c.uses++;
    let k = 0;
    if (c.cdf) {
      const u = rng.double();
      let hi = c.n;
      while (k < hi) {
        const mid = (k + hi) >> 1;
        if ((c.cdf[mid] as number) > u) hi = mid;
        else k = mid + 1;
      }
    } else for (let i = 0; i < c.n; i++) if (rng.double() < c.p0) k++;
    if (c.rejects(k)) falseFails++;
  }
  return {
    test: custom ? 'custom' : o.test,
    alpha,
    trials,
    falseFails,
    rate: falseFails / trials,
    upper: clopperPearsonUpper(falseFails, trials, o.rateAlpha),
    lower: clopperPearsonLower(falseFails, trials, o.rateAlpha),
    rateAlpha: o.rateAlpha,
    truths: cells.map((c) => ({ n: c.n, p0: c.p0, exactSize: c.exactSize })),
    exactSize: cells.reduce((s, c) => s + c.exactSize * c.uses, 0) / trials,
    maxExactSize: Math.max(...cells.map((c) => c.exactSize)),
    sampler: o.sampler,
    seed,
  };
}

/** One line for the report's methods section. */
export function describeCalibration(r: CalibrationResult): string {
  const e = (x: number): string => (x === 0 ? '0' : x.toExponential(2));
  const ns = [...new Set(r.truths.map((t) => t.n))];
  const ps = [...new Set(r.truths.map((t) => t.p0))];
  const where = r.truths.length === 1 ? `Binomial(${ns[0]}, ${ps[0]}) data` : `Binomial(n, p0) data for ${r.truths.length} boundary truths (n ${ns.join(', ')}; p0 ${ps.join(', ')}, in turn)`;
  return (
    `Calibration: the ${r.test} decision at alpha = ${e(r.alpha)}, run ${r.trials} times on ${where} that sit exactly on its boundary (seed ${r.seed}), ` +
    `failed a true claim ${r.falseFails} times: rate ${e(r.rate)}, one-sided ${Math.round((1 - r.rateAlpha) * 100)}% Clopper-Pearson upper bound ${e(r.upper)} ` +
    `(${r.upper <= r.alpha ? '<=' : '>'} alpha); exact false-fail probability ${e(r.exactSize)} on average, at most ${e(r.maxExactSize)} at any truth.`
  );
}
