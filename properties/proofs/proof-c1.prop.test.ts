import { describe } from 'vitest';
import proof from '../../theorems/proofs/proof-c1.js';
import { footnote3C } from '../../src/theory/constants.js';
import { logAnyOfM, logChiSquareCdf, logChiSquareSf, logGaussNormDeviation } from '../../src/theory/logTails.js';
import { inequalityOver, step, type Tolerance } from './support.js';

/**
 * Proof of Lemma C.1 (Eqs. (17)-(21)), exactly: the chi distribution of ||Z||, ||w_i(0)|| = ||Z||/sqrt(d), in log space
 * (finite at any width). Lemma B.5's constant is read as c/K^4 = r = 1/2, the largest value Gaussian coordinates allow
 * (lemma-b5.norm-concentration); a twin with r = 8 asks for more than the exact tails give (at d = 1).
 */
const LOG_TOL: Tolerance = { abs: 1e-9, rel: 1e-10 };
const DS = [1, 7, 20, 100];
const MS = [1e2, 1e4, 1e6, 1e8, 1e10, 1e12, 1e14, 1e16, 1e18, 1e20, 1e24, 1e30];
const grid = DS.flatMap((d) => MS.map((m) => ({ d, m })));
const log2 = Math.LN2;

/** ln P(||w_i(0)|| >= u) = ln P(chi2_d >= d u^2). */
const logNormAbove = (d: number, u: number): number => logChiSquareSf(d * u * u, d);

describe('proof of Lemma C.1 (proof-c1)', () => {
  step(proof, 'proof-c1.step-2', {
    checks: 'Eq. (17): ln P(| ||Z|| - sqrt d | >= m^{1/12}/8) (chi distribution, exact) <= ln 2 - r m^{1/6}/64, r = c/K^4 = 1/2, for d in {1, 7, 20, 100} and m from 1e2 to 1e30.',
    statement: { r: 0.5 },
    twins: [{ id: 'r=8', change: 'c/K^4 = 8', statement: { r: 8 } }],
    expected: { verdict: 'holds', reason: 'Lemma B.5 with the Gaussian constant at t = m^{1/12}/8; it binds from m ~ 5e11' },
    measure: () => grid,
    decide: (g, s, ctx) =>
      inequalityOver(ctx, g, ({ d, m }) => {
        const t = Math.pow(m, 1 / 12) / 8;
        const rhs = log2 - (s.r * t * t);
        return { lhs: logGaussNormDeviation(d, t), rhs, binding: rhs < 0, message: `d = ${d}, m = ${m} (logs)` };
      }, 'Eq. (17)', 'from m = (128 ln 2 / (64 r))^6 ... i.e. m ~ 5e11 at r = 1/2', LOG_TOL),
    cases: (g) => g.length,
  });

  step(proof, 'proof-c1.step-3', {
    checks: 'Eq. (18): ln P(| ||w_i(0)|| - 1 | >= m^{1/12}/(8 sqrt d)) computed through d ||w||^2 ~ chi2_d (both tails) <= ln 2 - r m^{1/6}/64, r = 1/2.',
    statement: { r: 0.5 },
    twins: [{ id: 'r=8', change: 'c/K^4 = 8', statement: { r: 8 } }],
    expected: { verdict: 'holds', reason: 'the same event as (17), rescaled by 1/sqrt(d)' },
    measure: () => grid,
    decide: (g, s, ctx) =>
      inequalityOver(ctx, g, ({ d, m }) => {
        const u = Math.pow(m, 1 / 12) / (8 * Math.sqrt(d));
        const up = logChiSquareSf(d * (1 + u) ** 2, d);
        const lo = u < 1 ? logChiSquareCdf(d * (1 - u) ** 2, d) : -Infinity;
        const lhs = lo === -Infinity ? up : Math.max(up, lo) + Math.log1p(Math.exp(Math.min(up, lo) - Math.max(up, lo)));
        const t = Math.pow(m, 1 / 12) / 8;
        const rhs = log2 - s.r * t * t;
        return { lhs, rhs, binding: rhs < 0, message: `d = ${d}, m = ${m} (logs)` };
      }, 'Eq. (18)', 'from m ~ 5e11', LOG_TOL),
    cases: (g) => g.length,
  });

  step(proof, 'proof-c1.step-4', {
    checks: 'Eq. (19): ln P(||w_i(0)|| >= m^{1/12}/4) (exact chi-square tail) <= ln 2 - r m^{1/6}/64, r = 1/2.',
    statement: { r: 0.5 },
    twins: [{ id: 'r=8', change: 'c/K^4 = 8', statement: { r: 8 } }],
    expected: { verdict: 'holds', reason: 'lemma-c1.eq18-19: true at every width, binding from m ~ 5e11' },
    measure: () => grid,
    decide: (g, s, ctx) =>
      inequalityOver(ctx, g, ({ d, m }) => {
        const t = Math.pow(m, 1 / 12) / 8;
        const rhs = log2 - s.r * t * t;
        return { lhs: logNormAbove(d, Math.pow(m, 1 / 12) / 4), rhs, binding: rhs < 0, message: `d = ${d}, m = ${m} (logs)` };
      }, 'Eq. (19)', 'from m ~ 5e11', LOG_TOL),
    cases: (g) => g.length,
  });

  step(proof, 'proof-c1.step-5', {
    checks: 'Eq. (20): ln P(some ||w_i(0)|| >= m^{1/12}/4) = ln(1 - (1 - p)^m) (exact) <= ln(2 m^k) - r m^{1/6}/64, k = 1, r = 1/2.',
    statement: { r: 0.5, k: 1 },
    twins: [{ id: 'r=8', change: 'c/K^4 = 8', statement: { r: 8 } }],
    expected: { verdict: 'holds', reason: 'the union bound 1 - (1 - p)^m <= m p applied to (19)' },
    measure: () => grid,
    decide: (g, s, ctx) =>
      inequalityOver(ctx, g, ({ d, m }) => {
        const lp = logNormAbove(d, Math.pow(m, 1 / 12) / 4);
        const l1p = Math.log1p(-Math.exp(lp));
        const t = Math.pow(m, 1 / 12) / 8;
        const rhs = log2 + s.k * Math.log(m) - s.r * t * t;
        return { lhs: logAnyOfM(m, lp, l1p).logFail, rhs, binding: rhs < 0, message: `d = ${d}, m = ${m} (logs)` };
      }, 'Eq. (20)', 'where 2 m e^{-m^{1/6}/128} < 1 (m ~ 1e25)', LOG_TOL),
    cases: (g) => g.length,
  });

  step(proof, 'proof-c1.step-6', {
    checks: 'Eq. (21), first inequality, in the complement: ln P(not B0) <= ln(2 m) - r m^{1/6}/64 where the right side is < 1 (otherwise the bound on P(B0) is trivially true), r = 1/2.',
    statement: { r: 0.5 },
    twins: [{ id: 'r=8', change: 'c/K^4 = 8', statement: { r: 8 } }],
    expected: { verdict: 'holds', reason: 'the complement of (20)' },
    measure: () => grid,
    decide: (g, s, ctx) =>
      inequalityOver(ctx, g, ({ d, m }) => {
        const lp = logNormAbove(d, Math.pow(m, 1 / 12) / 4);
        const t = Math.pow(m, 1 / 12) / 8;
        const rhs = log2 + Math.log(m) - s.r * t * t;
        return { lhs: logAnyOfM(m, lp, Math.log1p(-Math.exp(lp))).logFail, rhs, binding: rhs < 0, message: `d = ${d}, m = ${m}: 1 - P(B0) against 2 m e^{-r m^{1/6}/64} (logs)` };
      }, 'Eq. (21), first inequality', 'where 2 m e^{-m^{1/6}/128} < 1', LOG_TOL),
    cases: (g) => g.length,
  });

  step(proof, 'proof-c1.step-7', {
    checks:
      'Eq. (21), second inequality "under A1": 2 m^2 e^{-r m^{1/6}/64} <= 1 (r = 1/2) at the smallest width the long version\'s A1 allows, m = C max((ln 1/eta)^6, 1/sqrt(eta)) with C = footnote 3\'s bound (C_data = sqrt(d), sigma = 1), over eta = 10^-2 ... 10^-300 (printed: A1 alone); corrected: with A2 as well (eta <= C^-96, evaluated in log10 down to 10^(-96 log10 C - 1000)).',
    statement: { withA2: 1 },
    twins: [{ id: 'no-A2', change: 'the corrected form without A2', statement: { withA2: 0 } }],
    expected: { verdict: 'erratum', reason: 'A1 alone leaves widths near C ~ 1e17-1e21 where 2 m^2 e^{-m^{1/6}/128} > 1 (it needs m >~ 1e26); with A2 the width is astronomically larger and the step holds' },
    measure: () => DS.flatMap((d) => [-2, -5, -10, -20, -50, -100, -300].map((log10Eta) => ({ d, log10Eta }))),
    decide: (g, s, ctx) => {
      const check = (withA2: boolean) => ({ d, log10Eta }: { d: number; log10Eta: number }) => {
        const log10C = footnote3C(d, 1, Math.sqrt(d)).log10C;
        // with A2: eta <= C^-96; take the largest such eta below the printed one (the hardest case)
        const l10e = withA2 ? Math.min(log10Eta, -96 * log10C) : log10Eta;
        const lnInvEta = -l10e * Math.LN10;
        const log10m = log10C + Math.max(6 * Math.log10(lnInvEta), -0.5 * l10e);
        const lnm = log10m * Math.LN10;
        const lhs = log2 + 2 * lnm - 0.5 * Math.exp(lnm / 6) / 64;
        return { lhs, rhs: 0, message: `d = ${d}, eta = 10^${l10e.toFixed(1)}, m = 10^${log10m.toFixed(2)}: ln(2 m^2) - m^{1/6}/128` };
      };
      return inequalityOver(ctx, g, check(false), 'Eq. (21) under A1', 'everywhere (1/m < 1)', LOG_TOL, { f: check(s.withA2 === 1), form: 'under A1 and A2 (eta <= C^-96)' });
    },
    cases: (g) => g.length,
  });
});
