import { describe } from 'vitest';
import gammaln from '@stdlib/math-base-special-gammaln';
import proof from '../../theorems/proofs/proof-c3.js';
import { footnote3C, lemma3QuarterWidth, rho } from '../../src/theory/constants.js';
import { sphereBandProbability } from '../../src/theory/sphere.js';
import { eq44Probability } from '../../src/theory/condition1.js';
import { highProbabilityRule } from '../../src/verdict/checks/index.js';
import { logAnyOfM, logChiSquareCdf, logChiSquareSf } from '../../src/theory/logTails.js';
import { identityOver, inequalityOver, step, type Tolerance } from './support.js';

/**
 * Proof of Lemma C.3 (Eqs. (42)-(44)) evaluated exactly: the sphere marginal (x_1^2 ~ Beta(1/2, (d-1)/2)), Gamma
 * ratios, the chi-square law of ||x||^2, and the arithmetic of the constants. Lemma B.5's constant read as c/K^4 = 1/2.
 * Longer than a claim's declaration because it declares every evaluable step of the proof (one `step` each, with its
 * statement, twins and expectation); the runs along training are in along-training.prop.test.ts.
 */
const EXACT: Tolerance = { abs: 1e-12, rel: 1e-10 };
const K34 = 3 / (4 * Math.sqrt(Math.PI));
/** dimensions: 7 is the smallest A6 admits with the Gaussian constants (d >= 9 ln 2 = 6.24) */
const DS = [3, 7, 20, 100];
const SINGLES = [1e-4, 1e-3, 0.01, 0.05, 0.1, 0.3, 0.6, 0.9];

describe('proof of Lemma C.3 (proof-c3)', () => {
  step(proof, 'proof-c3.step-6', {
    checks: 'The printed density integrated over (-s, s) (trapezoid, 20000 panels; (1 - x^2)^{(d-3)/2} is smooth there) against the exact P(|x_1| < s) = I_{s^2}(1/2, (d-1)/2) for x uniform on S^{d-1}; twin: the exponent (d - 3 + k)/2, k = 0.',
    statement: { k: 0 },
    twins: [{ id: 'k=2', change: '(1 - x^2)^{(d-1)/2}', statement: { k: 2 } }],
    expected: { verdict: 'holds', reason: 'the marginal of a uniform point on the sphere' },
    measure: () => DS.flatMap((d) => [0.05, 0.3, 0.9].map((s) => ({ d, s }))),
    decide: (g, st, ctx) =>
      identityOver(ctx, g, ({ d, s }) => {
        const cst = Math.exp(gammaln(d / 2) - gammaln((d - 1) / 2)) / Math.sqrt(Math.PI);
        const panels = 20_000;
        const h = (2 * s) / panels;
        let sum = 0;
        for (let i = 0; i <= panels; i++) {
          const x = -s + i * h;
          sum += (i === 0 || i === panels ? 0.5 : 1) * cst * Math.pow(1 - x * x, (d - 3 + st.k) / 2);
        }
        return { lhs: sum * h, rhs: sphereBandProbability(s, d), message: `d = ${d}, s = ${s}` };
      }, 'the density of x_1', { abs: 1e-10, rel: 1e-7 }),
    cases: (g) => g.length,
  });

  step(proof, 'proof-c3.step-8', {
    checks: '(1 - x^2)^{(d-3)/2 + k} <= 1, k = 0, on x in (-1, 1) (41 points) for d in {3, 7, 20, 100} (d >= 3; at d = 2 the exponent is negative and it fails, a dimension A6 excludes).',
    statement: { k: 0 },
    twins: [{ id: 'k=-1', change: 'exponent (d - 5)/2 (negative at d = 3)', statement: { k: -1 } }],
    expected: { verdict: 'holds', reason: 'a power of a number in [0, 1] with a non-negative exponent' },
    measure: () => DS.flatMap((d) => Array.from({ length: 41 }, (_, i) => ({ d, x: -0.975 + i * 0.04875 }))),
    decide: (g, s, ctx) => inequalityOver(ctx, g, ({ d, x }) => ({ lhs: Math.pow(1 - x * x, (d - 3) / 2 + s.k), rhs: 1, message: `d = ${d}, x = ${x}` }), 'the density bound', 'everywhere', EXACT),
    cases: (g) => g.length,
  });

  step(proof, 'proof-c3.step-10', {
    checks: 'P(|x_hat^T w| < |a|) = P(|x_1| < s), s = |a|/||w|| (exact Beta CDF) <= f rho s, f = 1, rho = 2 sqrt(d)/sqrt(pi), for d in {3, 7, 20, 100} and s from 1e-4 to 0.9.',
    statement: { f: 1 },
    twins: [{ id: 'f=1/4', change: 'rho/4', statement: { f: 0.25 } }],
    expected: { verdict: 'holds', reason: 'the density is at most its value at 0, 2 Gamma(d/2)/(sqrt(pi) Gamma((d-1)/2)) < rho' },
    measure: () => DS.flatMap((d) => SINGLES.map((s) => ({ d, s }))),
    decide: (g, st, ctx) => inequalityOver(ctx, g, ({ d, s }) => ({ lhs: sphereBandProbability(s, d), rhs: st.f * rho(d) * s, binding: rho(d) * s < 1, message: `d = ${d}, s = ${s}` }), 'Eq. (43) bounded by rho s', 'where rho s < 1', EXACT),
    cases: (g) => g.length,
  });

  step(proof, 'proof-c3.step-11', {
    checks: 'Gamma(d/2)/Gamma((d-1)/2) <= sqrt(k d), k = 1 (log-gamma), for d = 2 ... 1e6.',
    statement: { k: 1 },
    twins: [{ id: 'k=1/4', change: 'sqrt(d/4)', statement: { k: 0.25 } }],
    expected: { verdict: 'holds', reason: 'the ratio is about sqrt(d/2)' },
    measure: () => [2, 3, 4, 5, 7, 10, 20, 50, 100, 1e3, 1e4, 1e6],
    decide: (g, s, ctx) => inequalityOver(ctx, g, (d) => ({ lhs: gammaln(d / 2) - gammaln((d - 1) / 2), rhs: 0.5 * Math.log(s.k * d), message: `d = ${d} (logs)` }), 'the Gamma ratio', 'everywhere', EXACT),
    cases: (g) => g.length,
  });

  step(proof, 'proof-c3.step-12', {
    checks:
      'The bound rho/m^{1/8} needs |a_i|/||w_i(j)|| <= m^{-1/8} for every neuron; with |a_i| <= m^{-1/4} and ||w_i(j)|| >= ||w_i(0)|| - m^{-1/2}, it fails when some ||w_i(0)|| < m^{-1/8} + m^{-1/2}. Rule high-probability on that exact probability (chi2_d, d = 7, the smallest A6 admits), f = 1/m, range [1e2, 1e12]; the same at d = 20 in the evidence.',
    statement: { d: 7 },
    twins: [{ id: 'd=3', change: 'd = 3', statement: { d: 3 } }],
    expected: { verdict: 'fails', reason: 'at d = 7, P(some ||w_i(0)|| < m^{-1/8}) grows like m^{1/8}: the unstated lower bound on ||w_i|| fails with probability far above 1/m (at d = 20 it is below 1/m)' },
    measure: () => [1e2, 1e4, 1e6, 1e8, 1e10, 1e12],
    decide: (g, s, ctx) =>
      highProbabilityRule({
        event: `some ||w_i(0)|| < m^{-1/8} + m^{-1/2} (d = ${s.d})`,
        rate: { text: '1/m', f: (m) => 1 / m, exponent: -1 },
        widths: g.map((m) => {
          const u = Math.pow(m, -1 / 8) + Math.pow(m, -1 / 2);
          const lp = logChiSquareCdf(s.d * u * u, s.d);
          return { m, exact: Math.exp(logAnyOfM(m, lp, Math.log1p(-Math.exp(lp))).logFail) };
        }),
        range: [1e2, 1e12],
        alpha: ctx.alpha,
      }).decision,
    evidence: (g) => {
      const at20 = (m: number): number => {
        const u = Math.pow(m, -1 / 8) + Math.pow(m, -1 / 2);
        const lp = logChiSquareCdf(20 * u * u, 20);
        return Math.exp(logAnyOfM(m, lp, Math.log1p(-Math.exp(lp))).logFail);
      };
      return { widths: g.map(String), probabilityAtD20: g.map(at20) };
    },
    cases: (g) => g.length,
  });

  step(proof, 'proof-c3.step-23', {
    checks: '"Same sign implies grad l^2 >= sigma^2": with u = (theta - theta*)^T x and eps of the same sign as u, (u - eps)^2 >= sigma^2 for u in {+-0.1, +-0.5, +-1, +-2} sigma (sigma = 1); corrected: opposite signs give (u - eps)^2 >= k sigma^2, k = 1.',
    statement: { k: 1 },
    twins: [{ id: 'k=4', change: 'corrected with 4 sigma^2', statement: { k: 4 } }],
    expected: { verdict: 'erratum', reason: 'with the minus sign in grad l = u - eps, same signs partly cancel (u = eps gives 0); opposite signs give |u| + sigma >= sigma' },
    measure: () => [-2, -1, -0.5, -0.1, 0.1, 0.5, 1, 2],
    decide: (g, s, ctx) =>
      inequalityOver(ctx, g, (u) => ({ lhs: 1, rhs: (u - Math.sign(u)) ** 2, message: `u = ${u}, eps = ${Math.sign(u)}` }), 'same sign => grad l^2 >= sigma^2', 'everywhere', EXACT, {
        f: (u) => ({ lhs: s.k, rhs: (u + Math.sign(u)) ** 2, message: `u = ${u}, eps = ${-Math.sign(u)}` }),
        form: 'opposite signs => grad l^2 >= sigma^2',
      }),
    cases: (g) => g.length,
  });

  const band = (thr: number, wNorm: number, d: number): number => 1 - sphereBandProbability(thr / wNorm, d);

  step(proof, 'proof-c3.step-27', {
    checks: 'P(B | not A) = P(B) with A = {|x_hat^T w| < |a|}, B = {|x_hat^T w| >= sqrt(1/(16 ||x||^2) + m^{-1/4})} (B inside not A), exact on the sphere at ||w|| = 1, |a| = m^{-1/4}, ||x|| = sqrt(d), d = 20, m in {1e2, 1e4, 1e8}: P(B)/P(not A) against P(B); corrected: P(B | not A) >= k P(B), k = 1.',
    statement: { k: 1 },
    twins: [{ id: 'k=2', change: 'corrected with 2 P(B)', statement: { k: 2 } }],
    expected: { verdict: 'erratum', reason: 'conditioning on not-A divides by P(not A) < 1; the direction the proof needs (>=) holds' },
    measure: () => [1e2, 1e4, 1e8],
    decide: (g, s, ctx) => {
      const parts = (m: number) => {
        const d = 20;
        const pB = band(Math.sqrt(1 / (16 * d) + Math.pow(m, -0.25)), 1, d);
        const pNotA = band(Math.pow(m, -0.25), 1, d);
        return { cond: pB / pNotA, pB };
      };
      return identityOver(ctx, g, (m) => ({ lhs: parts(m).cond, rhs: parts(m).pB, message: `m = ${m}` }), 'P(B | not A) = P(B)', EXACT, {
        f: (m) => {
          const p = parts(m);
          return p.cond >= s.k * p.pB * (1 - 1e-12) ? { lhs: 0, rhs: 0, message: `m = ${m}: ${p.cond} >= ${s.k} x ${p.pB}` } : { lhs: p.cond, rhs: s.k * p.pB, message: `m = ${m}` };
        },
        form: 'P(B | not A) >= P(B)',
      });
    },
    cases: (g) => g.length,
  });

  step(proof, 'proof-c3.step-28', {
    checks: 'P(|x_hat^T w| >= sqrt(A + m^{-1/4})) >= P(|x_hat^T w| >= sqrt(3A/2)), A = 1/(16 ||x||^2), exact on the sphere (||w|| = 1, ||x||^2 = d = 20) for m = 1e2 ... 1e16; corrected: for m >= f (32 ||x||^2)^4, f = 1.',
    statement: { f: 1 },
    twins: [{ id: 'f=1/16', change: 'corrected from (32 ||x||^2)^4 / 16', statement: { f: 1 / 16 } }],
    expected: { verdict: 'erratum', reason: 'it needs m^{-1/4} <= A/2, i.e. m >= (32 ||x||^2)^4 ~ 1.7e11 at ||x||^2 = 20: an unstated width' },
    measure: () => [1e2, 1e4, 1e6, 1e8, 1e10, 1e11, 1.7e11, 1e12, 1e14, 1e16],
    decide: (g, s, ctx) => {
      const d = 20;
      const A = 1 / (16 * d);
      const f = (m: number) => ({ lhs: band(Math.sqrt(1.5 * A), 1, d), rhs: band(Math.sqrt(A + Math.pow(m, -0.25)), 1, d), message: `m = ${m}` });
      const w0 = s.f * Math.pow(32 * d, 4);
      return inequalityOver(ctx, g, f, 'the 3/2 step', 'everywhere', EXACT, { f: (m) => (m >= w0 ? f(m) : { lhs: 0, rhs: 0, message: `m = ${m} excluded` }), form: 'for m >= (32 ||x||^2)^4' });
    },
    cases: (g) => g.length,
  });

  step(proof, 'proof-c3.step-29', {
    checks: 'Eq. (44), first inequality: P(| ||x|| - sqrt d | >= sqrt(d)/3) (exact chi-square) <= 2 exp(-4 r d / 9), r = c/K^4 = 1/2, for d = 7 ... 1000; corrected (Lemma B.5 at t = sqrt(d)/3): 2 exp(-r d/9).',
    statement: { r: 0.5 },
    twins: [{ id: 'r=8', change: 'corrected with c/K^4 = 8', statement: { r: 8 } }],
    expected: { verdict: 'erratum', reason: 'Lemma B.5 at t = sqrt(d)/3 gives c d/(9 K^4); the printed extra factor 4 makes the bound fall below the exact probability (e.g. at d = 20)' },
    measure: () => [7, 10, 20, 50, 100, 1000],
    decide: (g, s, ctx) =>
      inequalityOver(ctx, g, (d) => ({ lhs: Math.log(eq44Probability(d)), rhs: Math.LN2 - (4 * 0.5 * d) / 9, binding: Math.LN2 - (4 * 0.5 * d) / 9 < 0, message: `d = ${d} (logs)` }), 'Eq. (44)', 'from d = 9 ln 2 / 2', { abs: 1e-9, rel: 1e-9 }, {
        f: (d) => ({ lhs: Math.log(eq44Probability(d)), rhs: Math.LN2 - (s.r * d) / 9, binding: Math.LN2 - (s.r * d) / 9 < 0, message: `d = ${d} (logs)` }),
        form: 'P(| ||x|| - sqrt d | >= sqrt(d)/3) <= 2 exp(-c d/(9 K^4))',
      }),
    cases: (g) => g.length,
  });

  step(proof, 'proof-c3.step-30', {
    checks: 'Eq. (44), second inequality: 2 exp(-4 r d/9) <= 1/2 for every d >= f 9 ln(2)/(2 r) (A6), f = 1, r = 1/2: at d = ceil of that and above.',
    statement: { f: 1 },
    twins: [{ id: 'f=1/4', change: 'A6 with a quarter of its bound', statement: { f: 0.25 } }],
    expected: { verdict: 'holds', reason: 'A6 is exactly the condition 2 exp(-4 c d/(9 K^4)) <= 1/2' },
    measure: () => [0, 1, 2, 5, 10, 100],
    decide: (g, s, ctx) => {
      const dMin = (s.f * 9 * Math.LN2) / (2 * 0.5);
      return inequalityOver(ctx, g, (k) => ({ lhs: 2 * Math.exp((-4 * 0.5 * (dMin + k)) / 9), rhs: 0.5, message: `d = ${(dMin + k).toFixed(3)}` }), 'Eq. (44) <= 1/2 under A6', 'everywhere', EXACT);
    },
    cases: (g) => g.length,
  });

  step(proof, 'proof-c3.step-31', {
    checks: 'P(||x|| >= 2/(3 sqrt d)) >= p, p = 2/3 (exact chi-square, d = 7 ... 1000); also reported: the threshold 2 sqrt(d)/3 (from (44)).',
    statement: { p: 2 / 3 },
    twins: [{ id: 'p=1', change: 'probability 1', statement: { p: 1 } }],
    expected: { verdict: 'holds', reason: 'true (the probability is nearly 1), though (44) gives only 1/2' },
    measure: () => [7, 10, 20, 50, 100, 1000],
    decide: (g, s, ctx) => inequalityOver(ctx, g, (d) => ({ lhs: s.p, rhs: Math.exp(logChiSquareSf((4 / (9 * d)), d)), message: `d = ${d}` }), 'P(||x|| >= 2/(3 sqrt d)) >= 2/3', 'everywhere', { abs: 0, rel: 1e-15 }),
    evidence: (g) => ({ dims: g.map(String), probabilityAt2SqrtDOver3: g.map((d) => Math.exp(logChiSquareSf((4 * d) / 9, d))) }),
    cases: (g) => g.length,
  });

  step(proof, 'proof-c3.step-32', {
    checks: 'P(|x_hat^T w| >= sqrt(3/2) t) >= P(|x_hat^T w| >= k (3/(2 sqrt d)) t), k = 1, t = 1/(4 ||x||), exact on the sphere (||w|| = 1, ||x|| = sqrt d), d in {7, 20, 100}.',
    statement: { k: 1 },
    twins: [{ id: 'k=1/2', change: 'half the right-hand threshold', statement: { k: 0.5 } }],
    expected: { verdict: 'fails', reason: 'for d > 3/2 the right-hand threshold is smaller, so its event is larger: the inequality runs the wrong way' },
    measure: () => [7, 20, 100],
    decide: (g, s, ctx) => inequalityOver(ctx, g, (d) => { const t = 1 / (4 * Math.sqrt(d)); return { lhs: band((s.k * 3 * t) / (2 * Math.sqrt(d)), 1, d), rhs: band(Math.sqrt(1.5) * t, 1, d), message: `d = ${d}` }; }, 'the threshold change', 'everywhere', EXACT),
    cases: (g) => g.length,
  });

  step(proof, 'proof-c3.step-33', {
    checks: '(3/(2 sqrt d)) (1/(4 ||x||)) = 3/(8 sqrt d) at ||x|| in {sqrt(d)/2, sqrt d, 2 sqrt d} (d = 20) and at ||x|| = k, k = 1.',
    statement: { k: 1 },
    twins: [{ id: 'k=2', change: 'also at ||x|| = 2', statement: { k: 2 } }],
    expected: { verdict: 'fails', reason: 'true only at ||x|| = 1; typical inputs have ||x|| ~ sqrt(d)' },
    measure: () => [Math.sqrt(20) / 2, Math.sqrt(20), 2 * Math.sqrt(20)],
    decide: (g, s, ctx) => identityOver(ctx, [s.k, ...g], (x) => ({ lhs: (3 / (2 * Math.sqrt(20))) * (1 / (4 * x)), rhs: 3 / (8 * Math.sqrt(20)), message: `||x|| = ${x}` }), 'the dropped ||x||', EXACT),
    cases: (g) => g.length + 1,
  });

  step(proof, 'proof-c3.step-35', {
    checks: 'rho (3/(8 sqrt d)) = 3/(k sqrt pi), k = 4, for d in {3, 7, 20, 100, 1e4}.',
    statement: { k: 4 },
    twins: [{ id: 'k=2', change: '3/(2 sqrt pi)', statement: { k: 2 } }],
    expected: { verdict: 'holds', reason: 'exact arithmetic' },
    measure: () => [3, 7, 20, 100, 1e4],
    decide: (g, s, ctx) => identityOver(ctx, g, (d) => ({ lhs: rho(d) * (3 / (8 * Math.sqrt(d))), rhs: 3 / (s.k * Math.sqrt(Math.PI)), message: `d = ${d}` }), 'rho 3/(8 sqrt d)', EXACT),
    cases: (g) => g.length,
  });

  step(proof, 'proof-c3.step-36', {
    checks: '"By A1, m >= ((1 - k) rho/(1/2 - k))^8" (k = 3/(4 sqrt pi)): the long version\'s A1 at its smallest width m = C^w max((ln 1/eta)^6, 1/sqrt(eta)) (C = footnote 3\'s bound with C_data = sqrt d, sigma = 1; w = 1) against the width, for d in {7, 20, 100} and eta in {1e-1, 1e-3, 1e-6, 1e-12} (log10).',
    statement: { w: 1 },
    twins: [{ id: 'w=0', change: 'A1 without the factor C (as in the AAAI A1)', statement: { w: 0 } }],
    expected: { verdict: 'holds', reason: 'footnote 3 makes C at least the width times pi^8, and the long A1 carries the factor C; the AAAI A1 (no C) does not imply it without A2' },
    measure: () => [7, 20, 100].flatMap((d) => [1e-1, 1e-3, 1e-6, 1e-12].map((eta) => ({ d, eta }))),
    decide: (g, s, ctx) =>
      inequalityOver(ctx, g, ({ d, eta }) => {
        const log10m = s.w * footnote3C(d, 1, Math.sqrt(d)).log10C + Math.log10(Math.max(Math.log(1 / eta) ** 6, 1 / Math.sqrt(eta)));
        return { lhs: Math.log10(lemma3QuarterWidth(d)), rhs: log10m, message: `d = ${d}, eta = ${eta} (log10)` };
      }, 'A1 implies the width of Lemma C.3', 'everywhere', EXACT),
    cases: (g) => g.length,
  });

  step(proof, 'proof-c3.step-38', {
    checks: '(1 - r)(1/2)(1 - k) = 1/4 + (1/2)((1/2 - k) - (1 - k) r) with k = 3/(4 sqrt pi), r = rho/m^{1/8} over d and m grids; twin: 1/3 in place of 1/4.',
    statement: { q: 0.25 },
    twins: [{ id: 'q=1/3', change: '1/3 + ...', statement: { q: 1 / 3 } }],
    expected: { verdict: 'holds', reason: 'exact algebra' },
    measure: () => [7, 20, 100].flatMap((d) => [1e2, 1e8, 1e16].map((m) => ({ d, m }))),
    decide: (g, s, ctx) => identityOver(ctx, g, ({ d, m }) => { const r = rho(d) / Math.pow(m, 1 / 8); return { lhs: (1 - r) * 0.5 * (1 - K34), rhs: s.q + 0.5 * (0.5 - K34 - (1 - K34) * r), message: `d = ${d}, m = ${m}` }; }, 'the expansion', EXACT),
    cases: (g) => g.length,
  });

  step(proof, 'proof-c3.step-39', {
    checks: '1/4 + (1/2)((1/2 - k) - (1 - k) rho/m^{1/8}) >= 1/4 at m = f W(d) x {1, 2, 10, 1e3}, f = 1, W(d) = ((1 - k) rho/(1/2 - k))^8 the width of step 36.',
    statement: { f: 1 },
    twins: [{ id: 'f=1/2', change: 'from half the width', statement: { f: 0.5 } }],
    expected: { verdict: 'holds', reason: 'it is equivalent to m >= W(d)' },
    measure: () => [7, 20, 100].flatMap((d) => [1, 2, 10, 1e3].map((x) => ({ d, x }))),
    decide: (g, s, ctx) => inequalityOver(ctx, g, ({ d, x }) => { const m = s.f * x * lemma3QuarterWidth(d); return { lhs: 0.25, rhs: 0.25 + 0.5 * (0.5 - K34 - ((1 - K34) * rho(d)) / Math.pow(m, 1 / 8)), message: `d = ${d}, m = ${m.toExponential(3)}` }; }, 'the last inequality', 'everywhere', EXACT),
    cases: (g) => g.length,
  });
});
