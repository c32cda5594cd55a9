// Over ~80 lines: three displayed steps of the union bound over time after Eq. (31), each with its false twin and a grid that says why.
import { describe } from 'vitest';
import proof from '../../theorems/proofs/proof-c2.js';
import { footnote3C } from '../../src/theory/constants.js';
import { logSum } from '../../src/theory/logTails.js';
import { combineAll, rateRule } from '../../src/verdict/checks/index.js';
import { inequalityOver, logGrid, step, type Tolerance } from './support.js';

/**
 * Proof of Lemma C.2 after Eq. (31): the union bound over the steps j < t (first line), the order of its last form
 * (line 5) and its bound "due to A2" (line 6), in logs. The hidden constants are 1: |grad l| = G = m^{1/4} (the
 * induction hypothesis (i)), C_data = 2 sqrt(d) (A5 for Gaussian inputs at d = 20, n = 200 within ~1.2), T0 = log m /
 * (eta^2 sqrt m), and for line 6 footnote 3's C at C_data in {sqrt d, 2 sqrt d}.
 */
const LOG_TOL: Tolerance = { abs: 1e-9, rel: 1e-12 };
const D = 20;
const C_DATA = 2 * Math.sqrt(D);
const ln = Math.log;

describe('proof of Lemma C.2 (proof-c2), the union bound over time', () => {
  // X = 8 eta^2 (C_data G)^2 with G = m^{1/4}; eta = 1/m and eta = m^{-2} (A1's edge, m = 1/sqrt(eta))
  const UNION = [1e2, 1e3, 1e4, 1e6].flatMap((m) => [1, 2].flatMap((p) => [2, 10, 100, 1e3, 1e4].map((t) => ({ m, eta: Math.pow(m, -p), t }))));
  type U = (typeof UNION)[number];
  const X = (c: U): number => 8 * c.eta ** 2 * C_DATA ** 2 * Math.sqrt(c.m);
  /** ln sum_{j=j0}^{t-1} exp(-A/(j + shift)) */
  const logTerms = (A: number, t: number, j0: number, shift: number): number => logSum(Float64Array.from({ length: t - j0 }, (_, k) => -A / (j0 + k + shift)));

  step(proof, 'proof-c2.step-47', {
    checks:
      'In logs: the union over the m neurons and the steps j < t of the bounds (31) at step j, ln(m sum_{j<t} exp(-m^{1/6}/((j+1) X)) (1 - 3d/m)), against the printed ln(sum_{j<t} exp(-m^{q}/(j X)) (1 - 3d/m)) (the j = 0 term is 0), q = 1/12; X = 8 eta^2 (C_data m^{1/4})^2, C_data = 2 sqrt(d), d = 20, m in {1e2, 1e3, 1e4, 1e6}, eta in {1/m, m^{-2}}, t in {2, 10, 1e2, 1e3, 1e4}; binding where the printed bound is below 1.',
    statement: { q: 1 / 12 },
    twins: [{ id: 'q=1/6', change: 'the exponent m^{1/6} of (31), still without the factor m', statement: { q: 1 / 6 } }],
    expected: { verdict: 'fails', reason: 'the factor m of the union over the neurons is missing and the index j (for j + 1) drops a step: where the printed sum binds it is below the union of (31)\'s bounds at m <= 1e3 (m = 100, eta = 1/m, t = 2: e^{-3.2} = 0.04 against e^{2.2} = 8.8; m = 1e3, eta = 1/m, t = 10: e^{-9.5} against e^{-8.6}); from m = 1e4 the weaker exponent m^{1/12} makes the printed sum the larger' },
    measure: () => UNION,
    decide: (g, s, ctx) =>
      inequalityOver(ctx, g, (c) => {
        const factor = ln(1 - (3 * D) / c.m);
        const lhs = ln(c.m) + logTerms(Math.pow(c.m, 1 / 6) / X(c), c.t, 0, 1) + factor;
        const rhs = logTerms(Math.pow(c.m, s.q) / X(c), c.t, 1, 0) + factor;
        return { lhs, rhs, binding: rhs < 0, message: `m = ${c.m}, eta = ${c.eta.toExponential(0)}, t = ${c.t}: ln(m sum of (31)) vs ln(printed sum)` };
      }, 'the union bound over time', 'where the printed sum is below 1', LOG_TOL),
    cases: (g) => g.length,
  });

  // m = eta^{-p}, p in {1/2 (A1's edge), 1, 2}; eta from 1e-2 to 1e-8
  const ORDERS = [0.5, 1, 2].map((p) => ({ p, points: logGrid(1e-8, 1e-2, 7).map((eta) => ({ eta, m: Math.pow(eta, -p) })) }));
  const T0 = (eta: number, m: number): number => ln(m) / (eta * eta * Math.sqrt(m));

  step(proof, 'proof-c2.step-51', {
    checks:
      'Rule rate against x = 1/eta (eta = 1e-8 ... 1e-2, 7 points) with m = eta^{-p}, p in {1/2, 1, 2}: T0 / ln(1/eta) = O(x^{b1}), b1 = 2 (T0 = O(-ln eta / eta^2)), and T0 8 eta^2 (C_data m^{1/4})^2 / (C_data^2 ln(1/eta)) = O(x^{b2}), b2 = 0 (the denominator is O(ln 1/eta) C_data^2); tolerance 0.1 on the exponent; the six settings combined (combineAll).',
    statement: { b1: 2, b2: 0 },
    twins: [
      { id: 'b1=1', change: 'T0 = O(-ln eta / eta)', statement: { b1: 1 } },
      { id: 'b2=-1/2', change: 'the denominator O(sqrt(eta) ln(1/eta))', statement: { b2: -0.5 } },
    ],
    expected: { verdict: 'holds', reason: 'T0 / ln(1/eta) = p eta^{p/2 - 2} (exponent 2 - p/2 <= 2) and the denominator is 8 C_data^2 log m = 8 p C_data^2 ln(1/eta) exactly' },
    measure: () => ORDERS,
    decide: (fams, s, ctx) =>
      combineAll(
        fams.flatMap(({ p, points }) => [
          { setting: `T0, m = eta^-${p}`, decision: rateRule({ quantity: 'T0 / ln(1/eta)', variable: '1/eta', points: points.map(({ eta, m }) => ({ x: 1 / eta, y: T0(eta, m) / ln(1 / eta) })), claimed: { exponent: s.b1, text: `O(ln(1/eta) eta^-${s.b1})`, kind: 'upper' }, limit: 'infinity', delta: 0.1, alpha: ctx.alpha }).decision },
          { setting: `denominator, m = eta^-${p}`, decision: rateRule({ quantity: 'T0 8 eta^2 m^{1/2} / ln(1/eta)', variable: '1/eta', points: points.map(({ eta, m }) => ({ x: 1 / eta, y: (T0(eta, m) * 8 * eta * eta * Math.sqrt(m)) / ln(1 / eta) })), claimed: { exponent: s.b2, text: `O(ln(1/eta) eta^${-s.b2})`, kind: 'upper' }, limit: 'infinity', delta: 0.1, alpha: ctx.alpha }).decision },
        ]),
      ),
    cases: (fams) => 2 * fams.reduce((n, f) => n + f.points.length, 0),
  });

  // eta = C^{-q s}: A2 (eta <= C^{-96}) at s = 1 and below it; C from footnote 3 at (d, C_data)
  const A2 = [1, 20, 100].flatMap((d) => [1, 2].flatMap((k) => [1, 1.5, 3].map((s) => ({ d, cData: k * Math.sqrt(d), s }))));

  step(proof, 'proof-c2.step-52', {
    checks:
      'In logs: ln(ln(1/eta)/eta^2) - eta^{-1/24}/(8 C_data^2 ln(1/eta)) <= ln eta (the O(.) constants 1) at eta = C^{-q s}, q = 96 (A2), s in {1, 1.5, 3}, C = footnote 3\'s bound at d in {1, 20, 100}, C_data in {sqrt d, 2 sqrt d}.',
    statement: { q: 96 },
    twins: [{ id: 'q=1', change: 'A2 read as eta <= 1/C', statement: { q: 1 } }],
    expected: { verdict: 'holds', reason: 'under A2 eta^{-1/24} >= C^4 with C >= 1e11, so the exponential is astronomically small (e^{-1e38} or less)' },
    measure: () => A2,
    decide: (g, s, ctx) =>
      inequalityOver(ctx, g, ({ d, cData, s: sc }) => {
        const lnC = footnote3C(d, 1, cData).log10C * Math.LN10;
        const L = s.q * sc * lnC; // ln(1/eta)
        return { lhs: ln(L) + 2 * L - Math.exp(L / 24) / (8 * cData * cData * L), rhs: -L, message: `d = ${d}, C_data = ${cData.toPrecision(3)}, eta = C^-${(s.q * sc).toPrecision(3)} (logs)` };
      }, 'the bound due to A2', 'everywhere (eta < 1)', LOG_TOL),
    cases: (g) => g.length,
  });
});
