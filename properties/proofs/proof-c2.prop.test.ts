// Over ~80 lines: one evaluated claim per displayed step of Eqs. (22)-(26) of the proof of Lemma C.2 and the tail bound after (30), each with its false twin.
import { describe } from 'vitest';
import proof from '../../theorems/proofs/proof-c2.js';
import { highProbabilityRule } from '../../src/verdict/checks/index.js';
import { logAnyOfM, logNormalTwoSided, logProductTail } from '../../src/theory/logTails.js';
import { identityOver, inequalityOver, step, type Tolerance } from './support.js';

/**
 * Proof of Lemma C.2 (Eqs. (22)-(26)), the initialization part: Corollary B.3 and Lemma B.4 applied to
 * Z_j = sum_i X_ij Y_i, and the bounds on ||w_i(0)|| and |a_i(0)|. Probabilities in log space (exact tails of Z_j, of
 * the Gaussian and chi-square laws); Lemma B.5's constant read as c/K^4 = 1/2 (the Gaussian value,
 * lemma-b5.norm-concentration). Eqs. (27)-(31) are in proof-c2-supermartingale, the union bound over time and Eq. (32)
 * in proof-c2-eq32.
 */
const LOG_TOL: Tolerance = { abs: 1e-9, rel: 1e-10 };
const EXACT_TOL: Tolerance = { abs: 1e-12, rel: 1e-10 };
const D = 20;
const log2 = Math.LN2;
/** widths where Lemma B.4 applies to t = sqrt(8 m log m) (needs 8 log m <= m) */
const WIDTHS = [32, 64, 128, 256, 1000, 4096, 10_000];
const ln = Math.log;

/** ln P(|Z_j| >= z), Z_j = sum_{i<=m} X_ij Y_i, exact. */
const logAbsProductTail = (m: number, z: number): number => log2 + logProductTail(m, z);

describe('proof of Lemma C.2 (proof-c2), Eqs. (22)-(26)', () => {
  step(proof, 'proof-c2.step-4', {
    checks: 'Corollary B.3 at n = m: -(m/2) log(1 - lambda^2) <= v m lambda^2 / 2 with v = 4 (SE(2 sqrt m, 4)), |lambda| < 1/4 on k/400, m in the widths used.',
    statement: { v: 4 },
    twins: [{ id: 'v=1/4', change: 'nu^2 = m/4', statement: { v: 0.25 } }],
    expected: { verdict: 'holds', reason: 'Corollary B.3 holds (corollary-b3.product-se)' },
    measure: () => WIDTHS.flatMap((m) => Array.from({ length: 21 }, (_, i) => ({ m, l: (i - 10) * 0.024 })).filter((c) => c.l !== 0)),
    decide: (g, s, ctx) => inequalityOver(ctx, g, ({ m, l }) => ({ lhs: -(m / 2) * Math.log1p(-l * l), rhs: (s.v * m * l * l) / 2, message: `m = ${m}, lambda = ${l} (logs)` }), 'Z_j in SE(2 sqrt m, 4)', 'everywhere'),
    cases: (g) => g.length,
  });

  step(proof, 'proof-c2.step-5', {
    checks: 'ln P(|Z_j| >= sqrt(8 m log m)) (exact tail of Z = (A - B)/2, A, B ~ chi2_m) <= ln 2 - k ln m, k = 1 (the printed 2 exp(-(sqrt(8 log m) sqrt m)^2 / (2 (2 sqrt m)^2))), for m from 32 (Lemma B.4 needs 8 log m <= m) to 1e4.',
    statement: { k: 1 },
    twins: [{ id: 'k=8', change: 'the bound 2/m^8', statement: { k: 8 } }],
    expected: { verdict: 'holds', reason: 'the sub-exponential tail bound of Lemma B.4 is loose here (the tail is about m^-4)' },
    measure: () => WIDTHS,
    decide: (g, s, ctx) => inequalityOver(ctx, g, (m) => ({ lhs: logAbsProductTail(m, Math.sqrt(8 * m * ln(m))), rhs: log2 - s.k * ln(m), message: `m = ${m} (logs)` }), 'the tail bound at t = sqrt(8 m log m)', 'at every m > 2', LOG_TOL),
    cases: (g) => g.length,
  });

  step(proof, 'proof-c2.step-6', {
    checks: '2 exp(-(sqrt(8 log m) sqrt m)^2 / (2 (v sqrt m)^2)) = 2/m with v = 2 (nu = 2 sqrt m), for m from 32 to 1e12.',
    statement: { v: 2 },
    twins: [{ id: 'v=1', change: 'nu = sqrt(m)', statement: { v: 1 } }],
    expected: { verdict: 'holds', reason: '8 m log m / (8 m) = log m' },
    measure: () => [32, 100, 1e3, 1e6, 1e9, 1e12],
    decide: (g, s, ctx) => identityOver(ctx, g, (m) => ({ lhs: 2 * Math.exp(-(8 * ln(m) * m) / (2 * (s.v * Math.sqrt(m)) ** 2)), rhs: 2 / m, message: `m = ${m}` }), 'the arithmetic of the tail', EXACT_TOL),
    cases: (g) => g.length,
  });

  const unionCheck = (k: number, withD: boolean) => (m: number) => {
    const lp = logAbsProductTail(m, Math.sqrt(8 * m * ln(m)));
    return { lhs: ln(D) + lp, rhs: log2 + (withD ? ln(D) : 0) - k * ln(m), message: `m = ${m}, d = ${D}: ln(d p) against the bound (logs)` };
  };
  step(proof, 'proof-c2.step-7', {
    checks: 'Union bound over j in [d]: P(some |Z_j| >= sqrt(8 m log m)) <= d p (Boole) with p the exact single tail; checked d p <= 2 d / m^k, k = 1, d = 20.',
    statement: { k: 1 },
    twins: [{ id: 'k=8', change: 'the bound 2d/m^8', statement: { k: 8 } }],
    expected: { verdict: 'holds', reason: 'step 5 times d' },
    measure: () => WIDTHS,
    decide: (g, s, ctx) => inequalityOver(ctx, g, unionCheck(s.k, true), 'the union over j', 'where 2d/m < 1 (m > 40)', LOG_TOL),
    cases: (g) => g.length,
  });

  step(proof, 'proof-c2.step-8', {
    checks: 'Eq. (24): P(all |Z_j| <= sqrt(8 m log m)) >= 1 - 2d/m^k, k = 1, through its complement d p <= 2d/m^k (d = 20).',
    statement: { k: 1 },
    twins: [{ id: 'k=8', change: '1 - 2d/m^8', statement: { k: 8 } }],
    expected: { verdict: 'holds', reason: 'the complement of step 7' },
    measure: () => WIDTHS,
    decide: (g, s, ctx) => inequalityOver(ctx, g, unionCheck(s.k, true), 'Eq. (24)', 'where 2d/m < 1', LOG_TOL),
    cases: (g) => g.length,
  });

  step(proof, 'proof-c2.step-13', {
    checks: 'sqrt(8 log m) + m^{-1/4} <= k sqrt(log m), k = 3, for m = 2 ... 1e30 (printed: every m); corrected: m >= m0, m0 = 66 (a width A1 gives).',
    statement: { k: 3, m0: 66 },
    twins: [{ id: 'k=2.8', change: '2.8 sqrt(log m) (below sqrt 8)', statement: { k: 2.8 } }],
    expected: { verdict: 'erratum', reason: 'm^{-1/4} <= (3 - 2 sqrt 2) sqrt(log m) fails for m <= 65; the proof leaves the width to A1' },
    measure: () => [2, 4, 8, 16, 32, 64, 65, 66, 100, 1e3, 1e4, 1e6, 1e9, 1e12, 1e20, 1e30],
    decide: (g, s, ctx) => {
      const f = (m: number) => ({ lhs: Math.sqrt(8 * ln(m)) + Math.pow(m, -0.25), rhs: s.k * Math.sqrt(ln(m)), message: `m = ${m}` });
      return inequalityOver(ctx, g, f, 'sqrt(8 log m) + m^{-1/4} <= 3 sqrt(log m)', 'everywhere', EXACT_TOL, { f: (m) => (m >= s.m0 ? f(m) : { lhs: 0, rhs: 0, message: `m = ${m} excluded` }), form: `for m >= ${s.m0}` });
    },
    cases: (g) => g.length,
  });

  step(proof, 'proof-c2.step-18', {
    checks: 'P(some |Z_j| >= sqrt(8 m log m)) <= 2/m^k, k = 1 (the printed 1 - 2/m, not the 1 - 2d/m the proof derived), through the union bound d p with p exact, d = 20.',
    statement: { k: 1 },
    twins: [{ id: 'k=8', change: '1 - 2/m^8', statement: { k: 8 } }],
    expected: { verdict: 'holds', reason: 'true (the exact tail is about m^-4), though the proof only showed 1 - 2d/m' },
    measure: () => WIDTHS,
    decide: (g, s, ctx) => inequalityOver(ctx, g, unionCheck(s.k, false), 'the printed probability 1 - 2/m', 'where 2/m < 1', LOG_TOL),
    cases: (g) => g.length,
  });

  step(proof, 'proof-c2.step-19', {
    checks: 'Eq. (25): ln P(|N(0,1)| >= m^{3/8}) (= P(|a_i(0)| >= m^{-1/8}), exact) <= ln 2 - r m^{3/4}/4, r = c/K^4 = 1/2.',
    statement: { r: 0.5 },
    twins: [{ id: 'r=8', change: 'c/K^4 = 8', statement: { r: 8 } }],
    expected: { verdict: 'holds', reason: 'the printed bound is true for the printed event (|a_i(0)| >= m^{-1/8}); that it is not the event C_0 needs is step 20' },
    measure: () => [4, 16, 64, 256, 1e3, 1e4, 1e6, 1e8],
    decide: (g, s, ctx) => inequalityOver(ctx, g, (m) => ({ lhs: logNormalTwoSided(Math.pow(m, 3 / 8)), rhs: log2 - (s.r * Math.pow(m, 0.75)) / 4, binding: log2 - (s.r * Math.pow(m, 0.75)) / 4 < 0, message: `m = ${m} (logs)` }), 'Eq. (25)', 'from m = (8 ln 2)^{4/3} ~ 7.7', LOG_TOL),
    cases: (g) => g.length,
  });

  /** ln P(not C_0) = ln P(some |a_i(0)| > m^{-1/4}), exact: 1 - (1 - P(|N(0,1)| > m^{1/4}))^m */
  const logNotC0 = (m: number): number => {
    const lp = logNormalTwoSided(Math.pow(m, 0.25));
    return logAnyOfM(m, lp, Math.log1p(-Math.exp(lp))).logFail;
  };
  /** Eq. (26)'s bound 2 m e^{-r m^{3/4}/4} (1 - 3d/m), r = 1/2, and the corrected union bound 2 m e^{-r (m^{1/4} - 1)^2}, in logs */
  const eq26 = (m: number) => {
    const rhs = ln(2 * m * (1 - (3 * D) / m)) - (0.5 * Math.pow(m, 0.75)) / 4;
    return { lhs: logNotC0(m), rhs, binding: rhs < 0, message: `m = ${m} (logs)` };
  };
  const corrected26 = (r: number) => ({ f: (m: number) => { const rhs = ln(2 * m) - r * (Math.pow(m, 0.25) - 1) ** 2; return { lhs: logNotC0(m), rhs, binding: rhs < 0, message: `m = ${m} (logs)` }; }, form: 'P(not C_0) <= 2 m exp(-c (m^{1/4} - 1)^2 / K^4)' });
  const EQ26_WIDTHS = [64, 100, 256, 1e3, 1e4, 1e6, 1e8];

  step(proof, 'proof-c2.step-20', {
    checks:
      'Eq. (26): ln P(not C_0) = ln P(some |a_i(0)| > m^{-1/4}) (exact: 1 - (1 - P(|N| > m^{1/4}))^m) <= ln(2 m (1 - 3d/m)) - r m^{3/4}/4 (r = 1/2, d = 20) for m = 64 ... 1e8; corrected: the union bound of the needed event, ln(2m) - r (m^{1/4} - 1)^2 (Lemma B.5 at t = m^{1/4} - 1, no factor (1 - 3d/m)).',
    statement: { r: 0.5 },
    twins: [{ id: 'r=8', change: 'corrected form with c/K^4 = 8', statement: { r: 8 } }],
    expected: { verdict: 'erratum', reason: 'the union bound uses Eq. (25)\'s event |a_i(0)| >= m^{-1/8} (exponent m^{3/4}) for the needed |a_i(0)| > m^{-1/4} (exponent m^{1/2}/2) and multiplies by (1 - 3d/m): from m ~ 1e3 the printed bound is below the exact probability' },
    measure: () => EQ26_WIDTHS,
    decide: (g, s, ctx) => inequalityOver(ctx, g, eq26, 'Eq. (26)', 'from m ~ 150', LOG_TOL, corrected26(s.r)),
    cases: (g) => g.length,
  });

  step(proof, 'proof-c2.step-21', {
    checks:
      'The display after (26), first line: P(C_0) = 1 - P(not C_0) >= 1 - 2 m e^{-r m^{3/4}/4} (1 - 3d/m), r = 1/2, d = 20, with P(C_0) = (1 - P(|N| > m^{1/4}))^m exact; decided through the complement in logs (P(C_0) is 1 to float64 from m ~ 1e3), m = 64 ... 1e8; corrected: 1 - 2 m e^{-r (m^{1/4} - 1)^2} (step 20\'s corrected union bound).',
    statement: { r: 0.5 },
    twins: [{ id: 'r=8', change: 'corrected form with c/K^4 = 8', statement: { r: 8 } }],
    expected: { verdict: 'erratum', reason: 'the complement of Eq. (26) inherits its error: from m ~ 1e3, 1 - P(C_0) exceeds the printed 2 m e^{-m^{3/4}/8} (1 - 3d/m) (1.9e-5 against 4.2e-7 at m = 1e3, 1.5e-19 against 1.0e-50 at m = 1e4)' },
    measure: () => EQ26_WIDTHS,
    decide: (g, s, ctx) => inequalityOver(ctx, g, eq26, 'P(C_0) >= 1 - (26)', 'from m ~ 150', LOG_TOL, corrected26(s.r)),
    cases: (g) => g.length,
  });

  step(proof, 'proof-c2.step-22', {
    checks: '1 - 2 m e^{-r m^{3/4}/4} (1 - 3d/m) >= (1 - 1/m)(1 - 3d/m), r = 1/2, d = 20, for m = 64 ... 1e8 (printed: every m); corrected: m >= m0 = 520 (a width A1 gives).',
    statement: { m0: 520 },
    twins: [{ id: 'm0=100', change: 'corrected from m >= 100', statement: { m0: 100 } }],
    expected: { verdict: 'erratum', reason: 'below m ~ 510 the left side is smaller; the proof leaves the width to A1' },
    measure: () => [64, 100, 256, 519, 520, 1e3, 1e4, 1e6, 1e8],
    decide: (g, s, ctx) => {
      const f = (m: number) => ({ lhs: (1 - 1 / m) * (1 - (3 * D) / m), rhs: 1 - 2 * m * Math.exp(-(0.5 * Math.pow(m, 0.75)) / 4) * (1 - (3 * D) / m), message: `m = ${m}` });
      return inequalityOver(ctx, g, f, 'the second line after (26)', 'everywhere', EXACT_TOL, { f: (m) => (m >= s.m0 ? f(m) : { lhs: 0, rhs: 0, message: `m = ${m} excluded` }), form: `for m >= ${s.m0}` });
    },
    cases: (g) => g.length,
  });

  step(proof, 'proof-c2.step-23', {
    checks: '(1 - 1/m)(1 - 3d/m) >= 1 - k d/m, k = 4, for d in {1, 7, 20, 100} and m from 1 to 1e12 (exact arithmetic, float64).',
    statement: { k: 4 },
    twins: [{ id: 'k=3', change: '1 - 3d/m', statement: { k: 3 } }],
    expected: { verdict: 'holds', reason: '(d - 1)/m + 3d/m^2 >= 0' },
    measure: () => [1, 7, 20, 100].flatMap((d) => [1, 2, 10, 100, 1e4, 1e8, 1e12].map((m) => ({ d, m }))),
    decide: (g, s, ctx) => inequalityOver(ctx, g, ({ d, m }) => ({ lhs: 1 - (s.k * d) / m, rhs: (1 - 1 / m) * (1 - (3 * d) / m), message: `d = ${d}, m = ${m}` }), '(1 - 1/m)(1 - 3d/m) >= 1 - 4d/m', 'everywhere', EXACT_TOL),
    cases: (g) => g.length,
  });

  step(proof, 'proof-c2.step-24', {
    checks: 'Rule high-probability on the exact P(some |a_i(0)| > m^{-q}), q = 1/4, f(m) = 1/m, over the declared range m in [1e2, 1e6] (widths 1e2, 1e3, 1e4, 1e5, 1e6).',
    statement: { q: 0.25 },
    twins: [{ id: 'q=1/2', change: 'the threshold m^{-1/2}', statement: { q: 0.5 } }],
    expected: { verdict: 'holds', reason: 'the exact probability falls like m exp(-sqrt(m)/2), far below 1/m' },
    measure: () => [1e2, 1e3, 1e4, 1e5, 1e6],
    decide: (g, s, ctx) =>
      highProbabilityRule({
        event: `some |a_i(0)| > m^-${s.q}`,
        rate: { text: '1/m', f: (m) => 1 / m, exponent: -1 },
        widths: g.map((m) => {
          const lp = logNormalTwoSided(Math.pow(m, 0.5 - s.q));
          return { m, exact: Math.exp(logAnyOfM(m, lp, Math.log1p(-Math.exp(lp))).logFail) };
        }),
        range: [1e2, 1e6],
        alpha: ctx.alpha,
      }).decision,
    cases: (g) => g.length,
  });

  step(proof, 'proof-c2.step-44', {
    checks: 'After (30): ln P(|a_i(0)| >= m^{-1/4}) = ln P(|N(0,1)| >= m^{1/4}) (exact) <= ln 2 - r m^{1/4}/4, r = c/K^4 = 1/2 (Lemma B.5, the Gaussian value), m = 4 ... 1e8.',
    statement: { r: 0.5 },
    twins: [{ id: 'r=8', change: 'c/K^4 = 8', statement: { r: 8 } }],
    expected: { verdict: 'holds', reason: 'the exact tail is about e^{-m^{1/2}/2}, below 2 e^{-m^{1/4}/8} at every m (the printed exponent is weaker than B.5 gives at this deviation)' },
    measure: () => [4, 16, 64, 256, 1e3, 1e4, 1e6, 1e8],
    decide: (g, s, ctx) => inequalityOver(ctx, g, (m) => { const rhs = log2 - (s.r * Math.pow(m, 0.25)) / 4; return { lhs: logNormalTwoSided(Math.pow(m, 0.25)), rhs, binding: rhs < 0, message: `m = ${m} (logs)` }; }, 'P(|a_i(0)| >= m^{-1/4}) <= 2 e^{-c m^{1/4}/(4 K^4)}', 'from m = (8 ln 2)^4 ~ 950', LOG_TOL),
    cases: (g) => g.length,
  });
});
