import { describe } from 'vitest';
import proof from '../../theorems/proofs/proof-c4.js';
import { T1 } from '../../src/theory/constants.js';
import { highProbabilityRule, rateRule } from '../../src/verdict/checks/index.js';
import { logAnyOfM, logBinomialPmf, logCdfAt, logChiSquareSf } from '../../src/theory/logTails.js';
import { identityOver, inequalityOver, logGrid, step, type Tolerance } from './support.js';

/**
 * Proof of Theorem C.4 (Eqs. (45)-(46) and the displays after them) evaluated exactly: chi-square tails of
 * ||w_i(0)||, exact binomial tails for the Chernoff step, and the arithmetic of T1 and of the constants. "log" is
 * the natural logarithm (src/theory/constants.ts); Lemma B.5's constant is c/K^4 = 1/2; sigma = 1 unless stated.
 */
const EXACT: Tolerance = { abs: 1e-12, rel: 1e-10 };
const LOG_TOL: Tolerance = { abs: 1e-9, rel: 1e-10 };
const ln = Math.log;
const MS = [1e2, 1e3, 1e4, 1e6, 1e8, 1e10, 1e12];

describe('proof of Theorem C.4 (proof-c4)', () => {
  step(proof, 'proof-c4.step-3', {
    checks: 'Eq. (45) read as P(||w_i(0)|| >= sqrt(2 log m)) <= 2 m^{-r}, r = c/K^4 = 1/2 (exact chi-square tail of d ||w||^2), for d in {1, 7, 20} and m from 1e2 to 1e12.',
    statement: { r: 0.5 },
    twins: [{ id: 'r=2', change: '2 m^{-2}', statement: { r: 2 } }],
    expected: { verdict: 'holds', reason: 'the tail of ||w_i(0)|| (concentrated at 1) beyond sqrt(2 log m) is far smaller than 2 m^{-1/2}' },
    measure: () => [1, 7, 20].flatMap((d) => MS.map((m) => ({ d, m }))),
    decide: (g, s, ctx) => inequalityOver(ctx, g, ({ d, m }) => ({ lhs: logChiSquareSf(2 * d * ln(m), d), rhs: Math.LN2 - s.r * ln(m), message: `d = ${d}, m = ${m} (logs)` }), 'Eq. (45)', 'where 2 m^{-1/2} < 1 (m > 4)', LOG_TOL),
    cases: (g) => g.length,
  });

  step(proof, 'proof-c4.step-4', {
    checks: '2 exp(-c log m / K^4) = 2 m^{-r} with r = 1/2 (the Gaussian value) against the claimed O(m^b), b = -1: rule rate on the exact points over m = 1e2 ... 1e12 (tolerance 0.05 on the exponent).',
    statement: { b: -1 },
    twins: [{ id: 'b=-2', change: 'O(1/m^2)', statement: { b: -2 } }],
    expected: { verdict: 'fails', reason: 'with c/K^4 <= 1/2 the bound is m^{-1/2}, not O(1/m)' },
    measure: () => MS.map((m) => ({ x: m, y: 2 * Math.pow(m, -0.5) })),
    decide: (pts, s, ctx) => rateRule({ quantity: '2 exp(-c log m / K^4)', variable: 'm', points: pts, claimed: { exponent: s.b, text: `m^${s.b}`, kind: 'upper' }, limit: 'infinity', delta: 0.05, alpha: ctx.alpha }).decision,
    cases: (pts) => pts.length,
  });

  step(proof, 'proof-c4.step-5', {
    checks: 'Rule high-probability on the exact P(max_i ||w_i(0)|| > k sqrt(2 log m)), k = 1, d = 7 (the smallest A6 admits), f = 1/m, range [1e2, 1e12].',
    statement: { k: 1 },
    twins: [{ id: 'k=1/4', change: 'the threshold sqrt(2 log m)/4', statement: { k: 0.25 } }],
    expected: { verdict: 'holds', reason: 'the exact probability decays far faster than 1/m (the union of O(1/m) events is not what makes it small)' },
    measure: () => MS,
    decide: (g, s, ctx) =>
      highProbabilityRule({
        event: `max_i ||w_i(0)|| > ${s.k} sqrt(2 log m)`,
        rate: { text: '1/m', f: (m) => 1 / m, exponent: -1 },
        widths: g.map((m) => {
          const lp = logChiSquareSf(7 * s.k * s.k * 2 * ln(m), 7);
          return { m, exact: Math.exp(logAnyOfM(m, lp, Math.log1p(-Math.exp(lp))).logFail) };
        }),
        range: [1e2, 1e12],
        alpha: ctx.alpha,
      }).decision,
    cases: (g) => g.length,
  });

  step(proof, 'proof-c4.step-13', {
    checks: 'Eq. (46): E[sum_j X_j] for T independent Bernoulli(1/4) indicators (Binomial(T, 1/4), its exact pmf in log space) = T/k, k = 4, for T in {8, 80, 25059, 76557} (the last two: floor(T1) at m = 64 and 128 of the runs to T1).',
    statement: { k: 4 },
    twins: [{ id: 'k=8', change: 'T/8', statement: { k: 8 } }],
    expected: { verdict: 'holds', reason: 'linearity of expectation: sum_k k P(S = k) = T/4' },
    measure: () => [8, 80, 25_059, 76_557],
    decide: (g, s, ctx) =>
      identityOver(ctx, g, (T) => {
        const lp = logBinomialPmf(T, 0.25);
        let mean = 0;
        for (let k = 1; k <= T; k++) mean += k * Math.exp(lp[k] as number);
        return { lhs: mean, rhs: T / s.k, message: `T = ${T}` };
      }, 'Eq. (46)', { abs: 1e-12, rel: 1e-9 }),
    cases: (g) => g.length,
  });

  step(proof, 'proof-c4.step-17', {
    checks: 'T1 eta^2 = O(m^b), b = -1/2: rule rate on T1(m, eta, sigma) eta^2 = 384 sqrt(log m)/(sigma^2 sqrt m) (sigma = 1, exact) over m = 1e2 ... 1e12 (15 log-spaced widths), with the quantity divided by m^b (claimed O(1), exponent 0, tolerance 0.01).',
    statement: { b: -0.5 },
    twins: [{ id: 'b=-1', change: 'O(1/m)', statement: { b: -1 } }],
    expected: { verdict: 'fails', reason: 'T1 eta^2 sqrt(m) = 384 sqrt(log m)/sigma^2 grows (log factor): its local log-log slope 1/(2 ln m) is 0.11 to 0.018 over the tested widths' },
    measure: () => logGrid(1e2, 1e12, 15).map((m) => ({ m, v: T1(m, 1e-3, 1) * 1e-6 })),
    decide: (g, s, ctx) => rateRule({ quantity: 'T1 eta^2 / m^b', variable: 'm', points: g.map(({ m, v }) => ({ x: m, y: v / Math.pow(m, s.b) })), claimed: { exponent: 0, text: 'O(1)', kind: 'upper' }, limit: 'infinity', delta: 0.01, alpha: ctx.alpha }).decision,
    cases: (g) => g.length,
  });

  step(proof, 'proof-c4.step-18', {
    checks: 'The remainder eta^2 T1 O(1) O(m^{-1/8}) times sqrt(m) = 384 sqrt(log m) m^{-1/8}/sigma^2 is o(1): rule rate with "o(1)" read as an upper exponent b = -0.05 (tolerance 0.01), m = 1e2 ... 1e30.',
    statement: { b: -0.05 },
    twins: [{ id: 'b=-0.5', change: 'O(m^{-1/2})', statement: { b: -0.5 } }],
    expected: { verdict: 'holds', reason: 'm^{-1/8} beats sqrt(log m)' },
    measure: () => logGrid(1e2, 1e30, 15).map((m) => ({ x: m, y: 384 * Math.sqrt(ln(m)) * Math.pow(m, -1 / 8) })),
    decide: (pts, s, ctx) => rateRule({ quantity: 'the remainder times sqrt(m)', variable: 'm', points: pts, claimed: { exponent: s.b, text: 'o(1)', kind: 'upper' }, limit: 'infinity', delta: 0.01, alpha: ctx.alpha }).decision,
    cases: (pts) => pts.length,
  });

  step(proof, 'proof-c4.step-19', {
    checks: '2 sqrt(2 log m) + 384 sqrt(log m) m^{-1/8} B/sigma^2 <= 3 sqrt(log m) (the o-term explicit, B = 1, sigma = 1) for m = 1e2 ... 1e40; corrected: from m >= f (384 B/((3 - 2 sqrt 2) sigma^2))^8, f = 1.',
    statement: { f: 1 },
    twins: [{ id: 'f=1e-3', change: 'corrected from 1e-3 of that width', statement: { f: 1e-3 } }],
    expected: { verdict: 'erratum', reason: 'the o(1/sqrt m) is absorbed only from m ~ 6e26 (at sigma = 1): an unstated width' },
    measure: () => logGrid(1e2, 1e40, 20),
    decide: (g, s, ctx) => {
      const f = (m: number) => ({ lhs: 2 * Math.sqrt(2 * ln(m)) + 384 * Math.sqrt(ln(m)) * Math.pow(m, -1 / 8), rhs: 3 * Math.sqrt(ln(m)), message: `m = ${m.toExponential(2)}` });
      const w = s.f * Math.pow(384 / (3 - 2 * Math.SQRT2), 8);
      return inequalityOver(ctx, g, f, 'the absorption of the o-term', 'everywhere', EXACT, { f: (m) => (m >= w ? f(m) : { lhs: 0, rhs: 0, message: `m excluded` }), form: 'for m >= (384 B/((3 - 2 sqrt 2) sigma^2))^8' });
    },
    cases: (g) => g.length,
  });

  const TGRID = [1e2, 1e4, 1e8].flatMap((m) => [1e-2, 1e-4].flatMap((eta) => [0.5, 1, 4].map((sigma) => ({ m, eta, sigma }))));
  step(proof, 'proof-c4.step-20', {
    checks: '(3 sqrt(log m)/sqrt m) / (eta^2 (sigma/4)^2) = k sqrt(log m)/(sigma^2 eta^2 sqrt m), k = 48, over m, eta, sigma grids.',
    statement: { k: 48 },
    twins: [{ id: 'k=24', change: '24 in place of 48', statement: { k: 24 } }],
    expected: { verdict: 'holds', reason: '3 x 16 = 48' },
    measure: () => TGRID,
    decide: (g, s, ctx) => identityOver(ctx, g, ({ m, eta, sigma }) => ({ lhs: (3 * Math.sqrt(ln(m))) / Math.sqrt(m) / (eta * eta * (sigma / 4) ** 2), rhs: (s.k * Math.sqrt(ln(m))) / (sigma * sigma * eta * eta * Math.sqrt(m)), message: `m = ${m}, eta = ${eta}, sigma = ${sigma}` }), 'the rescaling', EXACT),
    cases: (g) => g.length,
  });

  step(proof, 'proof-c4.step-21', {
    checks: '48 sqrt(log m)/(sigma^2 eta^2 sqrt m) = T1/k, k = 8, with T1 from src/theory/constants.ts.',
    statement: { k: 8 },
    twins: [{ id: 'k=16', change: 'T1/16', statement: { k: 16 } }],
    expected: { verdict: 'holds', reason: '384/8 = 48' },
    measure: () => TGRID,
    decide: (g, s, ctx) => identityOver(ctx, g, ({ m, eta, sigma }) => ({ lhs: (48 * Math.sqrt(ln(m))) / (sigma * sigma * eta * eta * Math.sqrt(m)), rhs: T1(m, eta, sigma) / s.k, message: `m = ${m}, eta = ${eta}, sigma = ${sigma}` }), 'T1/8', EXACT),
    cases: (g) => g.length,
  });

  step(proof, 'proof-c4.step-22', {
    checks: 'Chernoff\'s lower tail: ln P(S < T/8) for S ~ Binomial(T, 1/4) (exact pmf in log space) <= -T/4 + (T/8) ln(2e) - (k - 1) (T/8) ln(e/2), k = 1, for T in {8, 16, 80, 800, 8000, 80000}.',
    statement: { k: 1 },
    twins: [{ id: 'k=2', change: 'the bound (2/e)^{T/4}', statement: { k: 2 } }],
    expected: { verdict: 'holds', reason: 'the lower-tail Chernoff bound (t = mu/2 < mu) is valid; its exponent 0.0383 T is below the exact rate 0.0483 T' },
    measure: () => [8, 16, 80, 800, 8000, 80_000],
    decide: (g, s, ctx) =>
      inequalityOver(ctx, g, (T) => {
        const lp = logCdfAt(logBinomialPmf(T, 0.25), T / 8 - 0.5);
        return { lhs: lp, rhs: -T / 4 + (T / 8) * ln(2 * Math.E) - (s.k - 1) * (T / 8) * ln(Math.E / 2), message: `T = ${T} (logs)` };
      }, 'the Chernoff step', 'everywhere (the bound is < 1)', LOG_TOL),
    cases: (g) => g.length,
  });

  step(proof, 'proof-c4.step-23', {
    checks: 'In logs: -T/4 + (T/8) ln(2e) = (k T/8) ln(2/e), k = 1.',
    statement: { k: 1 },
    twins: [{ id: 'k=2', change: '(2/e)^{T/4}', statement: { k: 2 } }],
    expected: { verdict: 'holds', reason: 'exact arithmetic' },
    measure: () => [8, 80, 8000, 8e6],
    decide: (g, s, ctx) => identityOver(ctx, g, (T) => ({ lhs: -T / 4 + (T / 8) * ln(2 * Math.E), rhs: ((s.k * T) / 8) * ln(2 / Math.E), message: `T = ${T}` }), '(2/e)^{T/8}', EXACT),
    cases: (g) => g.length,
  });

  step(proof, 'proof-c4.step-24', {
    checks: '"T1 = 1/(eta^2 sqrt m) >> m" read as T1/m >= k, k = 100, over A1\'s domain: eta in {1e-3, 1e-6} and m in {eta^{-1/2}, eta^{-1}, eta^{-4/3}, eta^{-2}}.',
    statement: { k: 100 },
    twins: [{ id: 'k=1e12', change: 'T1/m >= 1e12', statement: { k: 1e12 } }],
    expected: { verdict: 'fails', reason: 'A1 bounds m from below only; at m >= eta^{-4/3} the printed T1 is at most m' },
    measure: () => [1e-3, 1e-6].flatMap((eta) => [-0.5, -1, -4 / 3, -2].map((p) => ({ eta, m: Math.pow(eta, p) }))),
    decide: (g, s, ctx) => inequalityOver(ctx, g, ({ eta, m }) => ({ lhs: s.k, rhs: 1 / (eta * eta * Math.sqrt(m)) / m, message: `eta = ${eta}, m = ${m.toExponential(2)}` }), 'T1 >> m', 'everywhere', EXACT),
    cases: (g) => g.length,
  });

  step(proof, 'proof-c4.step-26', {
    checks: '(2/e)^{T1/8} <= m^{-k}, k = 1, with T1 from Theorem C.4 at the audited configurations (eta = 1/m and eta = 1e-3, sigma = 4, m in {64 ... 1024}), and the same with the union over the m neurons (m (2/e)^{T1/8} <= 1/m) in the evidence.',
    statement: { k: 1 },
    twins: [{ id: 'k=1e6', change: 'm^{-1e6}', statement: { k: 1e6 } }],
    expected: { verdict: 'holds', reason: 'T1 is large (>= 1e4) at these configurations, so (2/e)^{T1/8} is far below 1/m even with the missing factor m' },
    measure: () => [64, 128, 256, 512, 1024].flatMap((m) => [1 / m, 1e-3].map((eta) => ({ m, eta }))),
    decide: (g, s, ctx) => inequalityOver(ctx, g, ({ m, eta }) => ({ lhs: (T1(m, eta, 4) / 8) * ln(2 / Math.E), rhs: -s.k * ln(m), message: `m = ${m}, eta = ${eta} (logs)` }), '(2/e)^{T1/8} = O(1/m)', 'everywhere', LOG_TOL),
    evidence: (g) => ({ logUnionOverNeuronsMinusLog1OverM: g.map(({ m, eta }) => ln(m) + (T1(m, eta, 4) / 8) * ln(2 / Math.E) + ln(m)) }),
    cases: (g) => g.length,
  });

  step(proof, 'proof-c4.step-28', {
    checks: '-2 sqrt(2 L) + 1 <= -k sqrt(L), k = 2, L = log m, for m = 2 ... 1e12; corrected: m >= 5.',
    statement: { k: 2 },
    twins: [{ id: 'k=2.9', change: '-2.9 sqrt(L)', statement: { k: 2.9 } }],
    expected: { verdict: 'erratum', reason: 'needs L >= 1/(2 sqrt 2 - 2)^2 = 1.457 (m >= 4.3)' },
    measure: () => [2, 3, 4, 5, 10, 100, 1e4, 1e12],
    decide: (g, s, ctx) => {
      const f = (m: number) => ({ lhs: -2 * Math.sqrt(2 * ln(m)) + 1, rhs: -s.k * Math.sqrt(ln(m)), message: `m = ${m}` });
      return inequalityOver(ctx, g, f, 'the last line of "we have"', 'everywhere', EXACT, { f: (m) => (m >= 5 ? f(m) : { lhs: 0, rhs: 0, message: `m = ${m} excluded` }), form: 'for m >= 5' });
    },
    cases: (g) => g.length,
  });

  step(proof, 'proof-c4.step-29', {
    checks: 'u - v <= -k c/(u + v), k = 1, c = 2 sqrt(log m)/sqrt(m), for norms u = ||w_i(T)||, v = ||w_i(0)|| with u^2 - v^2 = -s c (the premise of the line, s in {1, 1.5, 4}), v in {0.3, 1, 2, sqrt(2 log m)}, m in {1e2, 1e4, 1e8}.',
    statement: { k: 1 },
    twins: [{ id: 'k=2', change: '-2c/(u + v)', statement: { k: 2 } }],
    expected: { verdict: 'holds', reason: 'u - v = (u^2 - v^2)/(u + v) <= -c/(u + v)' },
    measure: () => [1e2, 1e4, 1e8].flatMap((m) => [0.3, 1, 2, Math.sqrt(2 * ln(m))].flatMap((v) => [1, 1.5, 4].map((sc) => ({ m, v, sc })))).filter(({ m, v, sc }) => v * v > (sc * 2 * Math.sqrt(ln(m))) / Math.sqrt(m)),
    decide: (g, s, ctx) =>
      inequalityOver(ctx, g, ({ m, v, sc }) => {
        const c = (2 * Math.sqrt(ln(m))) / Math.sqrt(m);
        const u = Math.sqrt(v * v - sc * c);
        return { lhs: u - v, rhs: (-s.k * c) / (u + v), message: `m = ${m}, v = ${v}, u^2 - v^2 = -${sc} c` };
      }, 'the first line of "Thus"', 'everywhere', EXACT),
    cases: (g) => g.length,
  });

  step(proof, 'proof-c4.step-30', {
    checks: 'The worst case on the event of step 5 and the lazy ball: ||w_i(T)|| + ||w_i(0)|| <= 2 sqrt(2 log m) + 1/sqrt(m), against the printed 1/sqrt(m) + sqrt(2 log m), m = 1e2 ... 1e12; corrected: 1/sqrt(m) + k sqrt(2 log m), k = 2.',
    statement: { k: 2 },
    twins: [{ id: 'k=1.5', change: 'corrected with 1.5 sqrt(2 log m)', statement: { k: 1.5 } }],
    expected: { verdict: 'erratum', reason: 'the sum of the two norms is bounded by twice sqrt(2 log m) (plus 1/sqrt(m)), not once' },
    measure: () => MS,
    decide: (g, s, ctx) =>
      inequalityOver(ctx, g, (m) => ({ lhs: 2 * Math.sqrt(2 * ln(m)) + 1 / Math.sqrt(m), rhs: 1 / Math.sqrt(m) + Math.sqrt(2 * ln(m)), message: `m = ${m}` }), 'the bound on the sum of norms', 'everywhere', EXACT, {
        f: (m) => ({ lhs: 2 * Math.sqrt(2 * ln(m)) + 1 / Math.sqrt(m), rhs: 1 / Math.sqrt(m) + s.k * Math.sqrt(2 * ln(m)), message: `m = ${m}` }),
        form: '||w_i(T)|| + ||w_i(0)|| <= 1/sqrt(m) + 2 sqrt(2 log m)',
      }),
    cases: (g) => g.length,
  });

  step(proof, 'proof-c4.step-31', {
    checks: '1/sqrt(m) + sqrt(2 L) < k sqrt(L), k = 2, L = log m, for m = 3 ... 1e12.',
    statement: { k: 2 },
    twins: [{ id: 'k=1.4', change: '1.4 sqrt(L) (below sqrt 2)', statement: { k: 1.4 } }],
    expected: { verdict: 'holds', reason: '1/sqrt(m) < (2 - sqrt 2) sqrt(log m) from m = 3' },
    measure: () => [3, 4, 10, 100, 1e4, 1e8, 1e12],
    decide: (g, s, ctx) => inequalityOver(ctx, g, (m) => ({ lhs: 1 / Math.sqrt(m) + Math.sqrt(2 * ln(m)), rhs: s.k * Math.sqrt(ln(m)), message: `m = ${m}` }), 'the last display', 'everywhere', { abs: 0, rel: 0 }),
    cases: (g) => g.length,
  });
});
