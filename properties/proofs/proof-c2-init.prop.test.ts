// Over ~80 lines: ten displayed steps of the base case of Lemma C.2 (i) (Eqs. (22)-(23) and the two displays after
// Eq. (24)), each one evaluated claim with its false twin; eight of them read the same shared initializations.
import { describe } from 'vitest';
import proof from '../../theorems/proofs/proof-c2.js';
import { initResidualState, type InitResidualState, type ResidualCase } from '../../src/scenarios/initResidual.js';
import { identityOver, inequalityOver, shared, step, trapezoid, trapezoid2, type Ctx, type Sides, type Tolerance } from './support.js';

/**
 * Proof of Lemma C.2, t = 0: the moments of Z_j = sum_i X_ij Y_i (Eqs. (22)-(23), by quadrature of the Gaussian
 * integrals), ||theta(0) - theta*|| (the display after (24)) and the residual r_0 (the display "So we have") on the
 * network of Eq. (5) and the data of Sec. 3.1 (src/scenarios/initResidual.ts: d = 20, n = 200, sigma = 4, ||theta*||
 * = m^(-1/4)), each inequality also at the state where it is tight (theta* against theta(0), an input along
 * theta(0) - theta*, all |Z_j| at the edge of the event of (24)).
 */
const EXACT_TOL: Tolerance = { abs: 1e-12, rel: 1e-10 };
const D = 20;
const WIDTHS = { quick: [16, 64, 256, 1024], paper: [16, 64, 256, 1024, 4096] } as const;
const states = (ctx: Ctx): InitResidualState[] =>
  shared(ctx, 'proof-c2.init', (seedOf) => WIDTHS[ctx.tier].map((m) => initResidualState({ m, d: D, n: 200, eta: 1e-3, sigma: 4, thetaStarNorm: Math.pow(m, -0.25) }, seedOf(m))));
const norm = (v: ArrayLike<number>): number => Math.sqrt(Array.from(v).reduce((s, x) => s + x * x, 0));
const dist = (u: ArrayLike<number>, v: ArrayLike<number>): number => norm(Array.from(u, (x, k) => x - (v[k] as number)));
/** every (state, residual case) pair */
const residuals = (ss: InitResidualState[]) => ss.flatMap((st) => st.cases.map((c) => ({ st, c })));
const at = (st: InitResidualState, c: ResidualCase): string => `m = ${st.m}, input ${c.xi === st.cases.length / 2 - 1 ? 'along theta(0) - theta*' : c.xi}, eps = ${c.eps}`;
const perCase = (what: string, f: (st: InitResidualState, c: ResidualCase) => Sides) => (ss: InitResidualState[], ctx: Ctx) => inequalityOver(ctx, residuals(ss), ({ st, c }) => f(st, c), what, 'everywhere', EXACT_TOL);

/** Gaussian moments by the trapezoid rule on [-12, 12] (spectrally accurate; float64 to ~1e-15) */
const phi = (x: number): number => Math.exp(-x * x / 2) / Math.sqrt(2 * Math.PI);
const MOMENTS = (ctx: Ctx) => shared(ctx, 'proof-c2.gaussian-moments', () => ({
  exy: trapezoid2((x, y) => x * y * phi(x) * phi(y), 12, 480),
  ex2y2: trapezoid2((x, y) => x * x * y * y * phi(x) * phi(y), 12, 480),
  ex: trapezoid((x) => x * phi(x), -12, 12, 480),
  ex2: trapezoid((x) => x * x * phi(x), -12, 12, 480),
}));
const MS = [1, 10, 100, 1e4, 1e6];
/** m times a quadrature value good to ~1e-17 absolute (2.3e5 terms), m <= 1e6 */
const MOMENT_TOL: Tolerance = { abs: 1e-9, rel: 1e-10 };

describe('proof of Lemma C.2 (proof-c2), base case of (i)', () => {
  step(proof, 'proof-c2.step-2', {
    checks: 'Eq. (22): sum_{i<=m} E[X_ij Y_i] and sum_{i<=m} E[X_ij] E[Y_i] (Gaussian integrals by the trapezoid rule, 480 panels on [-12, 12]) against E[Z_j] = mu, mu = 0, m in {1, 10, 1e2, 1e4, 1e6}.',
    statement: { mu: 0 },
    twins: [{ id: 'mu=1', change: 'E[Z_j] = 1', statement: { mu: 1 } }],
    expected: { verdict: 'holds', reason: 'E[X Y] = E[X] E[Y] = 0 for independent centred Gaussians' },
    measure: (ctx) => ({ g: MOMENTS(ctx), cases: MS.flatMap((m) => [0, 1].map((link) => ({ m, link }))) }),
    decide: ({ g, cases }, s, ctx) => identityOver(ctx, cases, ({ m, link }) => ({ lhs: m * (link === 0 ? g.exy : g.ex * g.ex), rhs: s.mu, message: `m = ${m}, ${link === 0 ? 'sum_i E[X_ij Y_i]' : 'sum_i E[X_ij] E[Y_i]'}` }), 'Eq. (22)', MOMENT_TOL),
    cases: (m) => m.cases.length,
  });

  step(proof, 'proof-c2.step-3', {
    checks: 'Eq. (23): sum_{i<=m} Var[X_ij Y_i] and sum_{i<=m} Var[X_ij] Var[Y_i] (trapezoid rule as in step 2) against Var[Z_j] = k m, k = 1, m in {1, 10, 1e2, 1e4, 1e6}.',
    statement: { k: 1 },
    twins: [{ id: 'k=4', change: 'Var[Z_j] = 4m (the nu^2 of SE(2 sqrt m, 4), not the variance)', statement: { k: 4 } }],
    expected: { verdict: 'holds', reason: 'the X_ij Y_i are independent over i, and Var[X Y] = Var[X] Var[Y] = 1 for centred X, Y' },
    measure: (ctx) => ({ g: MOMENTS(ctx), cases: MS.flatMap((m) => [0, 1].map((link) => ({ m, link }))) }),
    decide: ({ g, cases }, s, ctx) => identityOver(ctx, cases, ({ m, link }) => ({ lhs: m * (link === 0 ? g.ex2y2 - g.exy ** 2 : (g.ex2 - g.ex ** 2) ** 2), rhs: s.k * m, message: `m = ${m}, ${link === 0 ? 'sum_i Var[X_ij Y_i]' : 'sum_i Var[X_ij] Var[Y_i]'}` }), 'Eq. (23)', MOMENT_TOL),
    cases: (m) => m.cases.length,
  });

  step(proof, 'proof-c2.step-9', {
    checks: 'Triangle inequality ||theta(0) - theta*|| <= k (||theta(0)|| + ||theta*||), k = 1, on Eq. (5) at each width with the data\'s theta* and with theta* of the same norm opposite to theta(0) (where it is tight).',
    statement: { k: 1 },
    twins: [{ id: 'k=0.9', change: '0.9 (||theta(0)|| + ||theta*||)', statement: { k: 0.9 } }],
    expected: { verdict: 'holds', reason: 'the triangle inequality; equality at the opposite theta*' },
    measure: states,
    decide: (ss, s, ctx) =>
      inequalityOver(ctx, ss.flatMap((st) => [false, true].map((opposite) => ({ st, opposite }))), ({ st, opposite }) => {
        const t0 = norm(st.thetaProduct);
        const star = opposite ? st.thetaProduct.map((v) => (-v / t0) * norm(st.thetaStar)) : st.thetaStar;
        return { lhs: dist(st.thetaProduct, star), rhs: s.k * (t0 + norm(star)), message: `m = ${st.m}, theta* ${opposite ? 'opposite to theta(0)' : 'of the data'}` };
      }, 'the first line after (24)', 'everywhere', EXACT_TOL),
    cases: (ss) => 2 * ss.length,
  });

  step(proof, 'proof-c2.step-10', {
    checks: 'theta(0) = a(0)^T W(0) (the ml-matrix product) against s sum_i a_i(0) w_i(0) (the explicit sum), s = +1, every coordinate, on Eq. (5) at each width.',
    statement: { s: 1 },
    twins: [{ id: 's=-1', change: 'theta(0) = -sum_i a_i(0) w_i(0)', statement: { s: -1 } }],
    expected: { verdict: 'holds', reason: 'the definition of theta = a^T W' },
    measure: states,
    decide: (ss, s, ctx) => identityOver(ctx, ss.flatMap((st) => Array.from(st.thetaProduct, (v, k) => ({ st, v, k }))), ({ st, v, k }) => ({ lhs: v, rhs: s.s * (st.thetaSum[k] as number), message: `m = ${st.m}, coordinate ${k}` }), 'theta(0) = sum_i a_i(0) w_i(0)', EXACT_TOL),
    cases: (ss) => ss.length * D,
  });

  step(proof, 'proof-c2.step-11', {
    checks: '||theta(0)|| = d^{-1/2} m^{-p} sqrt(sum_j Z_j^2), p = 1/2, Z_j = sum_i X_ij Y_i computed from the standardized weights X = sqrt(d) W(0), Y = sqrt(m) a(0), on Eq. (5) at each width.',
    statement: { p: 0.5 },
    twins: [{ id: 'p=1/4', change: 'm^{-1/4}', statement: { p: 0.25 } }],
    expected: { verdict: 'holds', reason: 'theta(0) = Z / sqrt(d m)' },
    measure: states,
    decide: (ss, s, ctx) => identityOver(ctx, ss, (st) => ({ lhs: norm(st.thetaProduct), rhs: (Math.pow(st.m, -s.p) * norm(st.Z)) / Math.sqrt(D), message: `m = ${st.m}` }), '||theta(0)|| in the standardized variables', EXACT_TOL),
    cases: (ss) => ss.length,
  });

  step(proof, 'proof-c2.step-12', {
    checks: 'On the event of (24) (every |Z_j| <= sqrt(8 m log m)) and under A4: ||theta(0)|| + ||theta*|| <= (dm)^{-1/2} sqrt(c d m log m) + m^{-1/4}, c = 8, at Eq. (5) (a draw outside the event is excluded) and at the edge of the event (every |Z_j| = sqrt(8 m log m), ||theta*|| = m^{-1/4}: tight).',
    statement: { c: 8 },
    twins: [{ id: 'c=4', change: 'sqrt(4 d m log m)', statement: { c: 4 } }],
    expected: { verdict: 'holds', reason: 'on the event ||Z|| <= sqrt(8 d m log m); equality at its corner' },
    measure: states,
    decide: (ss, s, ctx) =>
      inequalityOver(ctx, ss.flatMap((st) => [false, true].map((edge) => ({ st, edge }))), ({ st, edge }) => {
        const m = st.m;
        const z = Math.sqrt(8 * m * Math.log(m));
        const inEvent = st.Z.every((v) => Math.abs(v) <= z);
        const rhs = Math.sqrt(s.c * D * m * Math.log(m)) / Math.sqrt(D * m) + Math.pow(m, -0.25);
        if (!edge && !inEvent) return { lhs: 0, rhs: 0, message: `m = ${m}: the draw is outside the event of (24), excluded` };
        const lhs = edge ? Math.sqrt(D * z * z) / Math.sqrt(D * m) + Math.pow(m, -0.25) : norm(st.thetaProduct) + norm(st.thetaStar);
        return { lhs, rhs, message: `m = ${m}, ${edge ? 'the corner of the event of (24)' : 'Eq. (5)'}` };
      }, 'the fourth line after (24)', 'everywhere', EXACT_TOL),
    cases: (ss) => 2 * ss.length,
  });

  step(proof, 'proof-c2.step-14', {
    checks: '|r_0| read from the engine\'s loss of Eq. (4) (sqrt(2 l)) against |a(0)^T (W(0) x) - y - s eps|, s = +1, at every training input, the aligned input and eps = +-sigma, on Eq. (5) at each width.',
    statement: { s: 1 },
    twins: [{ id: 's=-1', change: 'the noise with the other sign, |a W x - y + eps|', statement: { s: -1 } }],
    expected: { verdict: 'holds', reason: 'the definition of grad l of Eq. (4) at theta(0) = a(0)^T W(0)' },
    measure: states,
    decide: (ss, s, ctx) => identityOver(ctx, residuals(ss), ({ st, c }) => ({ lhs: c.lossResidual, rhs: Math.abs(c.f - c.y - s.s * c.eps), message: at(st, c) }), 'the residual at t = 0', EXACT_TOL),
    cases: (ss) => residuals(ss).length,
  });

  step(proof, 'proof-c2.step-15', {
    checks: 'Triangle inequality |f - y - eps| <= k (|f - y| + |eps|), k = 1, at every (input, eps) of step 14 (tight where eps and f - y have opposite signs).',
    statement: { k: 1 },
    twins: [{ id: 'k=0.9', change: '0.9 (|f - y| + |eps|)', statement: { k: 0.9 } }],
    expected: { verdict: 'holds', reason: 'the triangle inequality; equality for one of the two signs of eps at every input' },
    measure: states,
    decide: (ss, s, ctx) => perCase('the second line of "So we have"', (st, c) => ({ lhs: Math.abs(c.f - c.y - c.eps), rhs: s.k * (Math.abs(c.f - c.y) + Math.abs(c.eps)), message: at(st, c) }))(ss, ctx),
    cases: (ss) => residuals(ss).length,
  });

  step(proof, 'proof-c2.step-16', {
    checks: 'Cauchy-Schwarz with y = <theta*, x> and |eps| = sigma: |f - y| + |eps| <= k ||theta(0) - theta*|| ||x|| + sigma, k = 1, at every (input, eps) of step 14 (tight at the input along theta(0) - theta*).',
    statement: { k: 1 },
    twins: [{ id: 'k=0.9', change: '0.9 ||theta(0) - theta*|| ||x|| + sigma', statement: { k: 0.9 } }],
    expected: { verdict: 'holds', reason: 'f - y = (theta(0) - theta*)^T x; equality at the aligned input' },
    measure: states,
    decide: (ss, s, ctx) => perCase('the third line of "So we have"', (st, c) => ({ lhs: Math.abs(c.f - c.y) + Math.abs(c.eps), rhs: s.k * dist(st.thetaProduct, st.thetaStar) * c.xNorm + st.sigma, message: at(st, c) }))(ss, ctx),
    cases: (ss) => residuals(ss).length,
  });

  step(proof, 'proof-c2.step-17', {
    checks: '||theta(0) - theta*|| ||x|| + sigma <= k sqrt(log m) C_data + sigma, k = 3, C_data = max_i ||x_i|| (A5), at every (input, eps) of step 14 and at the edge of the event of (24) (||theta(0) - theta*|| = sqrt(8 log m) + m^{-1/4}, step 12\'s bound, ||x|| = C_data); corrected: for m >= m0 = 66 (step 13\'s width).',
    statement: { k: 3, m0: 66 },
    twins: [{ id: 'k=2.8', change: '2.8 sqrt(log m) C_data (below sqrt 8)', statement: { k: 2.8 } }],
    expected: { verdict: 'erratum', reason: 'inherits step 13: at the edge of the event of (24) the left side exceeds 3 sqrt(log m) C_data + sigma for m <= 65 (m = 16, 64 here); from m = 66 it holds' },
    measure: states,
    decide: (ss, s, ctx) => {
      const grid = ss.flatMap((st) => [...st.cases.filter((c) => c.eps > 0).map((c) => ({ st, c: c as ResidualCase | null })), { st, c: null }]);
      const f = ({ st, c }: (typeof grid)[number]): Sides => {
        const lhs = c ? dist(st.thetaProduct, st.thetaStar) * c.xNorm + st.sigma : (Math.sqrt(8 * Math.log(st.m)) + Math.pow(st.m, -0.25)) * st.cData + st.sigma;
        return { lhs, rhs: s.k * Math.sqrt(Math.log(st.m)) * st.cData + st.sigma, message: c ? at(st, c) : `m = ${st.m}, the edge of the event of (24), ||x|| = C_data` };
      };
      return inequalityOver(ctx, grid, f, 'the fourth line of "So we have"', 'everywhere', EXACT_TOL, { f: (g) => (g.st.m >= s.m0 ? f(g) : { lhs: 0, rhs: 0, message: `m = ${g.st.m} excluded` }), form: `for m >= ${s.m0}` });
    },
    cases: (ss) => ss.reduce((n, st) => n + st.cases.length / 2 + 1, 0),
  });
});
