import { describe } from 'vitest';
import { footnote3C, lemma3QuarterWidth } from '../../src/theory/constants.js';
import { LOG10_MIN_DOUBLE } from '../../src/theory/condition1.js';
import { coverage, identityOver, inequalityOver, type Tolerance } from './support.js';

/**
 * The coverage entries that exact arithmetic decides (Condition 1 as a whole, footnote 3, the long version's printed
 * A1 and A3, the remarks m >> d and C_data <= C << m). Everything in log10: the sizes Condition 1 asks for are far
 * beyond float64. Lemma B.5's constant for Gaussian coordinates: c/K^4 = 1/2, so A6 reads d >= 9 ln 2 = 6.24.
 */
const EXACT: Tolerance = { abs: 1e-9, rel: 1e-12 };
const DS = [7, 20, 100];

const check = coverage;

/** The smallest sizes Condition 1 (long version's A1, with A2, A3, A4) admits at dimension d, in log10. */
function smallest(d: number, sigma = 1) {
  // C_data: A5 asks max ||x_i|| <= C_data; footnote 3's C is fixed by its middle term as long as e C_data^2 < that term
  const log10C0 = footnote3C(d, sigma, Math.sqrt(d)).log10C;
  const log10Eta = -96 * log10C0;
  const lnInvEta = -log10Eta * Math.LN10;
  const log10M = log10C0 + Math.max(6 * Math.log10(lnInvEta), -0.5 * log10Eta);
  const log10N = -2 * log10Eta;
  // the largest norm among n Gaussian inputs is about sqrt(d + 2 ln n) + a few: take twice that as C_data
  const cData = 2 * Math.sqrt(d + 2 * log10N * Math.LN10);
  const log10C = footnote3C(d, sigma, cData).log10C;
  return { log10C, log10C0, log10Eta, log10M, log10N, cData };
}

describe('coverage entries decided by exact arithmetic', () => {
  check('condition-1.satisfiable', {
    checks:
      'At d in {7, 20, 100} (A6 with the Gaussian constants: d >= 7), C from footnote 3, eta = C^-96 (A2), m = C max((ln 1/eta)^6, 1/sqrt(eta)) (long A1), n = 1/eta^2 (A3), ||theta*|| = m^{-1/4} (A4), C_data = 2 sqrt(d + 2 ln n) (A5, with e C_data^2 <= C): every constraint as an inequality in log10, and eta against the smallest float64 (statement parameter: the smallest log10 eta allowed; -1e9 = exact arithmetic).',
    statement: { minLog10Eta: -1e9 },
    twins: [{ id: 'float64', change: 'eta must be a float64 number (log10 eta >= -323.3)', statement: { minLog10Eta: LOG10_MIN_DOUBLE } }],
    expected: { verdict: 'holds', reason: 'satisfiable in exact arithmetic (eta ~ 10^-1594 at d = 20); no float64 step size meets A2' },
    measure: () => DS.map((d) => ({ d, ...smallest(d) })),
    decide: (g, s, ctx) =>
      inequalityOver(ctx, g.flatMap((c) => [
        { c, what: 'A2: log10 eta <= -96 log10 C', lhs: c.log10Eta, rhs: -96 * c.log10C0 },
        { c, what: 'eta representable', lhs: s.minLog10Eta, rhs: c.log10Eta },
        { c, what: 'A5: log10(e C_data^2) <= log10 C', lhs: Math.log10(Math.E * c.cData ** 2), rhs: c.log10C },
        { c, what: 'A1 (AAAI): log10 m >= log10(1/sqrt eta)', lhs: -0.5 * c.log10Eta, rhs: c.log10M },
        { c, what: 'A3: log10 n >= -2 log10 eta', lhs: -2 * c.log10Eta, rhs: c.log10N },
        { c, what: 'A6: 9 ln 2 <= d', lhs: 9 * Math.LN2, rhs: c.d },
      ]), (q) => ({ lhs: q.lhs, rhs: q.rhs, message: `d = ${q.c.d}: ${q.what}` }), 'Condition 1 jointly', 'everywhere', EXACT),
    evidence: (g) => ({ dims: g.map((c) => String(c.d)), log10C: g.map((c) => c.log10C), log10Eta: g.map((c) => c.log10Eta), log10M: g.map((c) => c.log10M), log10N: g.map((c) => c.log10N), log10SmallestDouble: LOG10_MIN_DOUBLE }),
    cases: (g) => g.length * 6,
  });

  check('condition-1.footnote-3', {
    checks: 'Footnote 3\'s middle term ((1 - k) 2 sqrt(d) sqrt(pi)^p / (1/2 - k))^8, p = 1 as printed, against the width the proof of Lemma C.3 needs, ((1 - k) rho/(1/2 - k))^8 (rho = 2 sqrt(d)/sqrt(pi), k = 3/(4 sqrt pi)), in log10 for d in {1, 7, 20, 100}; corrected: p = -1 (rho). The first term e^{-(sigma C_data)^2/3} < 1 is reported.',
    statement: { p: -1 },
    twins: [{ id: 'p=0', change: 'corrected without the pi factor', statement: { p: 0 } }],
    expected: { verdict: 'erratum', reason: 'footnote 3 multiplies by sqrt(pi) where rho divides: larger by pi^8 ~ 9.5e3 (safe, but not the proof\'s constant)' },
    measure: () => [1, 7, 20, 100],
    decide: (g, s, ctx) => {
      const K = 3 / (4 * Math.sqrt(Math.PI));
      const term = (d: number, p: number): number => 8 * Math.log10(((1 - K) * 2 * Math.sqrt(d) * Math.pow(Math.sqrt(Math.PI), p)) / (0.5 - K));
      return identityOver(ctx, g, (d) => ({ lhs: term(d, 1), rhs: Math.log10(lemma3QuarterWidth(d)), message: `d = ${d} (log10)` }), 'footnote 3\'s middle term = the width of Lemma C.3', EXACT, { f: (d) => ({ lhs: term(d, s.p), rhs: Math.log10(lemma3QuarterWidth(d)), message: `d = ${d} (log10)` }), form: 'with rho = 2 sqrt(d)/sqrt(pi)' });
    },
    evidence: () => ({ firstTermAtSigmaCdataOne: Math.exp(-1 / 3) }),
    cases: (g) => g.length,
  });

  check('condition-3-1.a1-printed', {
    checks: 'The printed (ln 1/n)^6 with n = 1/eta^2 (A3\'s smallest n) against the audit\'s (ln 1/eta)^6: the audit\'s requirement max((ln 1/eta)^6, 1/sqrt eta) must be at least the printed max((ln n)^6, 1/sqrt eta) times k, k = 1 (log10), for eta = 1e-1 ... 1e-30.',
    statement: { k: 1 },
    twins: [{ id: 'k=100', change: 'a factor 100', statement: { k: 100 } }],
    expected: { verdict: 'fails', reason: 'with n >= 1/eta^2, (ln n)^6 >= 64 (ln 1/eta)^6: where the log term binds (eta >~ 1e-20) the audit\'s reading asks up to 64 times fewer neurons than the printed A1' },
    measure: () => [1e-1, 1e-3, 1e-6, 1e-12, 1e-20, 1e-30],
    decide: (g, s, ctx) => inequalityOver(ctx, g, (eta) => ({ lhs: Math.log10(s.k * Math.max(Math.log(1 / (eta * eta)) ** 6, 1 / Math.sqrt(eta))), rhs: Math.log10(Math.max(Math.log(1 / eta) ** 6, 1 / Math.sqrt(eta))), message: `eta = ${eta} (log10 widths without C)` }), 'the audit\'s A1 at least the printed one', 'everywhere', EXACT),
    cases: (g) => g.length,
  });

  check('condition-3-1.a3-printed', {
    checks: 'The printed A3, n >= k/n^2 with k = 1, for n = 1 ... 1e9: true for every integer n >= 1, so it never constrains n (every case is marked non-binding).',
    statement: { k: 1 },
    twins: [{ id: 'k=2', change: 'n >= 2/n^2 (false at n = 1)', statement: { k: 2 } }],
    expected: { verdict: 'vacuous', reason: 'n >= 1/n^2 holds for every n >= 1: the printed A3 asks nothing' },
    measure: () => [1, 2, 10, 1e3, 1e6, 1e9],
    decide: (g, s, ctx) => inequalityOver(ctx, g, (n) => ({ lhs: s.k / (n * n), rhs: n, binding: false, message: `n = ${n}` }), 'the printed A3', 'never: it holds for every n >= 1', EXACT),
    cases: (g) => g.length,
  });

  check('condition-1.remark-m-gg-d', {
    checks: 'm >> d read as m >= 100 d, at the smallest width the AAAI A1 allows (m = 1/sqrt(eta)) with A2 (eta = C^-96, C from footnote 3), in log10, for d in {7, 20, 100}; statement parameter: A2 used (1) or not (0: eta = 1e-2).',
    statement: { a2: 1 },
    twins: [{ id: 'no-A2', change: 'A1 alone (eta = 1e-2, m = 10)', statement: { a2: 0 } }],
    expected: { verdict: 'holds', reason: 'only through A2: 1/sqrt(eta) >= C^48 and C grows like d^4' },
    measure: () => DS,
    decide: (g, s, ctx) => inequalityOver(ctx, g, (d) => { const log10Eta = s.a2 === 1 ? -96 * footnote3C(d, 1, Math.sqrt(d)).log10C : -2; return { lhs: Math.log10(100 * d), rhs: -0.5 * log10Eta, message: `d = ${d} (log10)` }; }, 'm >> d', 'everywhere', EXACT),
    cases: (g) => g.length,
  });

  check('condition-1.remark-cdata', {
    checks: 'C_data <= C and C << m (factor 100) at C_data in {0.5, sqrt(d), 100}, C from footnote 3, m = 1/sqrt(eta) with eta = C^-96 (A2) or, without A2, eta = 1e-2; log10, d in {7, 20, 100}.',
    statement: { a2: 1 },
    twins: [{ id: 'no-A2', change: 'A1 alone (eta = 1e-2)', statement: { a2: 0 } }],
    expected: { verdict: 'holds', reason: 'footnote 3 gives C >= e C_data^2 >= C_data (C_data >= 1/e) and A2 makes 1/sqrt(eta) >= C^48' },
    measure: () => DS.flatMap((d) => [0.5, Math.sqrt(d), 100].map((cData) => ({ d, cData }))),
    decide: (g, s, ctx) =>
      inequalityOver(ctx, g.flatMap((c) => {
        const log10C = footnote3C(c.d, 1, c.cData).log10C;
        const log10M = s.a2 === 1 ? 48 * log10C : 1;
        return [
          { c, lhs: Math.log10(c.cData), rhs: log10C, what: 'C_data <= C' },
          { c, lhs: log10C + 2, rhs: log10M, what: 'C << m' },
        ];
      }), (q) => ({ lhs: q.lhs, rhs: q.rhs, message: `d = ${q.c.d}, C_data = ${q.c.cData}: ${q.what} (log10)` }), 'C_data <= C << m', 'everywhere', EXACT),
    cases: (g) => g.length * 2,
  });
});
