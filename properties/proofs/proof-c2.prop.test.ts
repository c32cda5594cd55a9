// Over ~300 lines: one evaluated claim per displayed step of the proof of Lemma C.2 (26 of its 58 steps), each with its false twin; splitting by step would scatter one proof over many files.
import { describe } from 'vitest';
import proof from '../../theorems/proofs/proof-c2.js';
import { rateRule, highProbabilityRule } from '../../src/verdict/checks/index.js';
import { logAnyOfM, logChiSquareSf, logNormalTwoSided, logProductTail } from '../../src/theory/logTails.js';
import { identityOver, inequalityOver, sampleSigmaHat, step, type Ctx, type Tolerance } from './support.js';

/**
 * Proof of Lemma C.2 (Eqs. (22)-(32)): the steps that exact computation decides. Probabilities in log space (exact
 * tails of Z_j = sum_i X_ij Y_i, of the Gaussian and chi-square laws); conditional expectations over (x_xi, eps) at
 * constructed states averaged exactly over a training set of n = 200 inputs and both signs of the noise; Lemma B.5's
 * constant read as c/K^4 = 1/2 (the Gaussian value, lemma-b5.norm-concentration). Steps that need the network's
 * trajectory (Eqs. (32), the union bound over time) are left to simulations (see the report).
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

describe('proof of Lemma C.2 (proof-c2)', () => {
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

  step(proof, 'proof-c2.step-20', {
    checks:
      'Eq. (26): ln P(not C_0) = ln P(some |a_i(0)| > m^{-1/4}) (exact: 1 - (1 - P(|N| > m^{1/4}))^m) <= ln(2 m (1 - 3d/m)) - r m^{3/4}/4 (r = 1/2, d = 20) for m = 64 ... 1e8; corrected: the union bound of the needed event, ln(2m) - r (m^{1/4} - 1)^2 (Lemma B.5 at t = m^{1/4} - 1, no factor (1 - 3d/m)).',
    statement: { r: 0.5 },
    twins: [{ id: 'r=8', change: 'corrected form with c/K^4 = 8', statement: { r: 8 } }],
    expected: { verdict: 'erratum', reason: 'the union bound uses Eq. (25)\'s event |a_i(0)| >= m^{-1/8} (exponent m^{3/4}) for the needed |a_i(0)| > m^{-1/4} (exponent m^{1/2}/2) and multiplies by (1 - 3d/m): from m ~ 1e3 the printed bound is below the exact probability' },
    measure: () => [64, 100, 256, 1e3, 1e4, 1e6, 1e8],
    decide: (g, s, ctx) => {
      const exact = (m: number): number => {
        const lp = logNormalTwoSided(Math.pow(m, 0.25));
        return logAnyOfM(m, lp, Math.log1p(-Math.exp(lp))).logFail;
      };
      return inequalityOver(
        ctx,
        g,
        (m) => {
          const rhs = ln(2 * m * (1 - (3 * D) / m)) - (0.5 * Math.pow(m, 0.75)) / 4;
          return { lhs: exact(m), rhs, binding: rhs < 0, message: `m = ${m} (logs)` };
        },
        'Eq. (26)',
        'from m ~ 150',
        LOG_TOL,
        { f: (m) => { const rhs = ln(2 * m) - s.r * (Math.pow(m, 0.25) - 1) ** 2; return { lhs: exact(m), rhs, binding: rhs < 0, message: `m = ${m} (logs)` }; }, form: 'P(not C_0) <= 2 m exp(-c (m^{1/4} - 1)^2 / K^4)' },
      );
    },
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

  const state = (ctx: Ctx) => {
    const m = 256;
    const eta = 1 / m;
    const sigma = 4;
    const n = 200;
    const rng = ctx.rng('lazy-state');
    const xs = Array.from({ length: n }, () => Array.from({ length: D }, () => rng.gaussian()));
    const gauss = (scale: number) => Array.from({ length: D }, () => rng.gaussian() * scale);
    const star = gauss(1);
    const starNorm = Math.hypot(...star);
    const thetaStar = star.map((v) => (v / starNorm) * Math.pow(m, -0.25));
    const theta = gauss(1 / Math.sqrt(D));
    const w = gauss(1 / Math.sqrt(D));
    return { m, eta, sigma, xs, thetaStar, theta, w };
  };
  type State = ReturnType<typeof state>;
  const dot = (u: readonly number[], v: readonly number[]): number => u.reduce((s, x, i) => s + x * (v[i] as number), 0);
  /** every value of a_i(t+1) over xi in [n] and eps = +-sigma (equally likely) */
  const nextA = (st: State, a: number): number[] =>
    st.xs.flatMap((x) => [st.sigma, -st.sigma].map((eps) => a - st.eta * (dot(st.theta, x) - dot(st.thetaStar, x) - eps) * dot(x, st.w)));
  const mean = (v: readonly number[]): number => v.reduce((s, x) => s + x, 0) / v.length;
  const A_VALUES = (st: State) => [0, st.eta * st.sigma * 0.5, -st.eta * st.sigma * 0.5, 1 / Math.sqrt(st.m), -1 / Math.sqrt(st.m)];

  step(proof, 'proof-c2.step-25', {
    checks: 'E[x x^T | F_t] for a sample from a training set of n Gaussian inputs is Sigma_hat = (1/n) sum_j x_j x_j^T (n explicit Gaussian draws, d = 20, n in {200, 1e3, 1e4, 1e5}); compared entrywise with k I, k = 1 (float64 tolerance).',
    statement: { k: 1 },
    twins: [{ id: 'k=2', change: '2 I', statement: { k: 2 } }],
    expected: { verdict: 'fails', reason: 'Sigma_hat - I has entries of order 1/sqrt(n) at every finite n; Lemma C.2 does not assume A3' },
    measure: (ctx) => [200, 1e3, 1e4, 1e5].map((n) => ({ n, S: Array.from(sampleSigmaHat(D, n, ctx.rng('sigma-hat', n))) })),
    decide: (g, s, ctx) => identityOver(ctx, g.flatMap(({ n, S }) => S.map((v, idx) => ({ n, idx, v }))), ({ n, idx, v }) => ({ lhs: v, rhs: Math.floor(idx / D) === idx % D ? s.k : 0, message: `n = ${n}, entry (${Math.floor(idx / D)}, ${idx % D})` }), 'E[x x^T | F_t] = I', EXACT_TOL),
    cases: (g) => g.length * D * D,
  });

  step(proof, 'proof-c2.step-26', {
    checks: 'At a constructed lazy state (m = 256, eta = 1/m, sigma = 4, d = 20, n = 200, ||theta*|| = m^{-1/4}; a_i in {0, +-eta sigma/2, +-m^{-1/2}}): E[|a_i(t+1)| | F_t] averaged exactly over (xi, eps), against k |a_i - eta (theta - theta*)^T w_i|, k = 1 (the printed right side with E[x x^T] = I).',
    statement: { k: 1 },
    twins: [{ id: 'k=2', change: 'twice the printed right side', statement: { k: 2 } }],
    expected: { verdict: 'fails', reason: 'E|X| = |E X| fails when a_i(t+1) changes sign across the noise, as it does near a_i = 0' },
    measure: (ctx) => state(ctx),
    decide: (st, s, ctx) => identityOver(ctx, A_VALUES(st), (a) => ({ lhs: mean(nextA(st, a).map(Math.abs)), rhs: s.k * Math.abs(a - st.eta * (dot(st.theta, st.w) - dot(st.thetaStar, st.w))), message: `a_i(t) = ${a}` }), 'E[|a_i(t+1)| | F_t] = |E[a_i(t+1) | F_t]|', { abs: 1e-12, rel: 1e-6 }),
    cases: () => 5,
  });

  step(proof, 'proof-c2.step-31', {
    checks: 'Eq. (27) at the constructed state (o-term 0, c = theta*^T w_i(0)): E[|a_i(t+1) - c| | F_t] (exact average) against k (1 - eta) |a_i(t) - c|, k = 1.',
    statement: { k: 1 },
    twins: [{ id: 'k=2', change: 'twice the right side', statement: { k: 2 } }],
    expected: { verdict: 'fails', reason: 'the same E|.| = |E.| exchange, and Sigma_hat != I' },
    measure: (ctx) => state(ctx),
    decide: (st, s, ctx) => {
      const c = dot(st.thetaStar, st.w);
      return identityOver(ctx, A_VALUES(st).map((a) => a + c), (a) => ({ lhs: mean(nextA(st, a).map((v) => Math.abs(v - c))), rhs: s.k * (1 - st.eta) * Math.abs(a - c), message: `a_i(t) - c = ${a - c}` }), 'Eq. (27)', { abs: 1e-12, rel: 1e-6 });
    },
    cases: () => 5,
  });

  step(proof, 'proof-c2.step-32', {
    checks: 'Eq. (28), the supermartingale property at the constructed state: E[Y_i(t+1) | F_t] <= k Y_i(t), k = 1, Y_i = |a_i - theta*^T w_i(0)|.',
    statement: { k: 1 },
    twins: [{ id: 'k=1/2', change: 'a contraction by 1/2', statement: { k: 0.5 } }],
    expected: { verdict: 'fails', reason: 'at Y_i(t) = 0 the conditional mean of Y_i(t+1) is eta E|r x^T w_i| > 0: Y_i is not a supermartingale' },
    measure: (ctx) => state(ctx),
    decide: (st, s, ctx) => {
      const c = dot(st.thetaStar, st.w);
      return inequalityOver(ctx, A_VALUES(st).map((a) => a + c), (a) => ({ lhs: mean(nextA(st, a).map((v) => Math.abs(v - c))), rhs: s.k * Math.abs(a - c), message: `Y_i(t) = ${Math.abs(a - c)}` }), 'Y_i is a supermartingale', 'everywhere', { abs: 1e-15, rel: 1e-9 });
    },
    cases: () => 5,
  });

  step(proof, 'proof-c2.step-29', {
    checks:
      'The dropped cross term sum_{j != i} a_j(0) w_j(0)^T w_i(0) = theta(0)^T w_i(0) - a_i ||w_i||^2 on exact draws of Eq. (5) (d = 20, m = 100 ... 1e5 (10 widths), 256 neurons i per width): its RMS against m, rule rate with the claimed o(1/sqrt m) read as an upper exponent b = -1/2 (tolerance 0.1).',
    statement: { b: -0.5 },
    twins: [{ id: 'b=-1', change: 'O(1/m)', statement: { b: -1 } }],
    expected: { verdict: 'fails', reason: 'the cross terms are of order 1/sqrt(d), constant in m, while a_i ~ 1/sqrt(m)' },
    measure: (ctx) =>
      [100, 200, 500, 1000, 2000, 5000, 10_000, 20_000, 50_000, 100_000].map((m) => {
        const rng = ctx.rng('init', m);
        const theta = new Float64Array(D);
        const ws: Float64Array[] = [];
        const as: number[] = [];
        for (let j = 0; j < m; j++) {
          const a = rng.gaussian() / Math.sqrt(m);
          const w = new Float64Array(D);
          for (let k = 0; k < D; k++) {
            w[k] = rng.gaussian() / Math.sqrt(D);
            theta[k] = (theta[k] as number) + a * (w[k] as number);
          }
          if (j < 256) {
            ws.push(w);
            as.push(a);
          }
        }
        const cross = ws.map((w, i) => dot(Array.from(theta), Array.from(w)) - (as[i] as number) * dot(Array.from(w), Array.from(w)));
        return { x: m, y: Math.sqrt(mean(cross.map((c) => c * c))) };
      }),
    decide: (pts, s, ctx) => rateRule({ quantity: 'RMS of the cross term', variable: 'm', points: pts, claimed: { exponent: s.b, text: `m^${s.b}`, kind: 'upper' }, limit: 'infinity', delta: 0.1, alpha: ctx.alpha }).decision,
    cases: (pts) => pts.length * 256,
  });

  step(proof, 'proof-c2.step-33', {
    checks: 'Rule high-probability on the exact P(max_i ||w_i(0)|| > m^{q}), q = 1/12 (through chi2_d, d = 20), f = 1/m, range [1e2, 1e12].',
    statement: { q: 1 / 12 },
    twins: [{ id: 'q=1/60', change: 'the threshold m^{1/60}', statement: { q: 1 / 60 } }],
    expected: { verdict: 'holds', reason: 'the exact probability decays like exp(-d m^{1/6}/2)' },
    measure: () => [1e2, 1e4, 1e6, 1e8, 1e10, 1e12],
    decide: (g, s, ctx) =>
      highProbabilityRule({
        event: `max_i ||w_i(0)|| > m^${s.q.toFixed(4)}`,
        rate: { text: '1/m', f: (m) => 1 / m, exponent: -1 },
        widths: g.map((m) => {
          const lp = logChiSquareSf(D * Math.pow(m, 2 * s.q), D);
          return { m, exact: Math.exp(logAnyOfM(m, lp, Math.log1p(-Math.exp(lp))).logFail) };
        }),
        range: [1e2, 1e12],
        alpha: ctx.alpha,
      }).decision,
    cases: (g) => g.length,
  });

  // Azuma: increments |Y(k+1) - Y(k)| <= c = 2 eta G C m^{1/12}; one-sided Azuma: exp(-lambda^2 / (2 (t+1) c^2))
  const AZ = [1e2, 1e4, 1e6].flatMap((m) => [1, 100, 1e4].flatMap((t) => [0.5, 2, 50].map((G) => ({ m, t, G, eta: 1 / m, C: 2 * Math.sqrt(D), lambda: Math.pow(m, -0.25) / 2 }))));
  type Az = (typeof AZ)[number];
  const azumaExp = (c: Az): number => -(c.lambda ** 2) / (2 * (c.t + 1) * (2 * c.eta * c.G * c.C * Math.pow(c.m, 1 / 12)) ** 2);

  step(proof, 'proof-c2.step-40', {
    checks: 'Eq. (29) against Azuma\'s bound for the increments of step 39 (c = 2 eta G C_data m^{1/12}): the printed exponent -lambda^2 / (k (t+1) eta^2 (C G m^{1/12})^2), k = 4, must be at most as negative as Azuma\'s -lambda^2/(2 (t+1) c^2) (= k of 8), over m, t, G grids (lambda = m^{-1/4}/2, eta = 1/m, C_data = 2 sqrt d); corrected: k = 8.',
    statement: { k: 8 },
    twins: [{ id: 'k=2', change: 'corrected form with 2 in the denominator', statement: { k: 2 } }],
    expected: { verdict: 'erratum', reason: 'the printed denominator 4 makes the bound the square of Azuma\'s (smaller): not implied; with 8 it is Azuma\'s' },
    measure: () => AZ,
    decide: (g, s, ctx) => {
      const printed = (k: number) => (c: Az) => ({ lhs: azumaExp(c), rhs: -(c.lambda ** 2) / (k * (c.t + 1) * c.eta ** 2 * (c.C * c.G * Math.pow(c.m, 1 / 12)) ** 2), message: `m = ${c.m}, t = ${c.t}, G = ${c.G}: Azuma exponent vs printed exponent` });
      return inequalityOver(ctx, g, (c) => { const r = printed(4)(c); return { lhs: r.lhs, rhs: r.rhs, message: r.message }; }, 'Eq. (29) implied by Azuma (Azuma exponent <= printed exponent)', 'everywhere', EXACT_TOL, {
        f: (c) => { const r = printed(s.k)(c); return { lhs: r.lhs, rhs: r.rhs, message: r.message }; },
        form: 'exp(-lambda^2 / ((t+1) 8 eta^2 (C_data G m^{1/12})^2))',
      });
    },
    cases: (g) => g.length,
  });

  step(proof, 'proof-c2.step-41', {
    checks: 'Eq. (30) against (29): the exponent with |grad l| to the power p, p = 1 (printed), must not be more negative than (29)\'s with |grad l|^2, over the same grid (G = |grad l| in {0.5, 2, 50}); corrected: p = 2.',
    statement: { p: 2 },
    twins: [{ id: 'p=3', change: 'corrected with |grad l|^3', statement: { p: 3 } }],
    expected: { verdict: 'erratum', reason: 'for |grad l| > 1 the printed exponent is more negative than (29)\'s, so (30) does not follow; with |grad l|^2 it is (29)' },
    measure: () => AZ,
    decide: (g, s, ctx) => {
      const ex = (p: number) => (c: Az): number => -(c.lambda ** 2) / (4 * (c.t + 1) * c.eta ** 2 * Math.pow(c.G, p) * (c.C * Math.pow(c.m, 1 / 12)) ** 2);
      return inequalityOver(ctx, g, (c) => ({ lhs: ex(2)(c), rhs: ex(1)(c), message: `m = ${c.m}, t = ${c.t}, G = ${c.G}: (29) exponent vs (30) exponent` }), '(30) from (29)', 'everywhere', EXACT_TOL, {
        f: (c) => ({ lhs: ex(2)(c), rhs: ex(s.p)(c), message: `m = ${c.m}, t = ${c.t}, G = ${c.G}` }),
        form: '|grad l|^2 in the denominator, as in (29)',
      });
    },
    cases: (g) => g.length,
  });

  step(proof, 'proof-c2.step-42', {
    checks: 'A4 (||theta*|| <= m^{-1/4}) implies ||theta*|| <= m^{-q}, q = 1/3? Evaluated at the largest theta* A4 allows, ||theta*|| = m^{-1/4}, for m = 2 ... 1e12.',
    statement: { q: 1 / 3 },
    twins: [{ id: 'q=1/2', change: 'm^{-1/2}', statement: { q: 0.5 } }],
    expected: { verdict: 'fails', reason: 'm^{-1/4} > m^{-1/3} for every m > 1: A4 is misquoted' },
    measure: () => [2, 10, 100, 1e4, 1e8, 1e12],
    decide: (g, s, ctx) => inequalityOver(ctx, g, (m) => ({ lhs: Math.pow(m, -0.25), rhs: Math.pow(m, -s.q), message: `m = ${m}` }), 'A4 read as ||theta*|| <= m^{-1/3}', 'everywhere', EXACT_TOL),
    cases: (g) => g.length,
  });

  step(proof, 'proof-c2.step-43', {
    checks: 'sup over B_0 (||w_i(0)|| <= m^{1/12}/4) of |theta* . w_i(0)| = ||theta*|| m^{1/12}/4 <= m^{-1/4}/4, at ||theta*|| = m^{-1/4} (A4 as stated), m = 2 ... 1e12; corrected: with ||theta*|| = m^{-q}, q = 1/3 (the A4 the proof quotes). Exactly at the typical neuron: P(|theta* . w_i(0)| > m^{-1/4}/4) = P(|N(0,1)| > sqrt(d)/4) = 0.26 at d = 20, independent of m.',
    statement: { q: 1 / 3 },
    twins: [{ id: 'q=1/5', change: 'corrected with ||theta*|| = m^{-1/5}', statement: { q: 0.2 } }],
    expected: { verdict: 'erratum', reason: 'under A4 as stated the bound fails (m^{-1/6}/4 > m^{-1/4}/4; a quarter of the neurons exceed it at d = 20); under the misquoted m^{-1/3} it holds' },
    measure: () => [2, 10, 100, 1e4, 1e8, 1e12],
    decide: (g, s, ctx) =>
      inequalityOver(ctx, g, (m) => ({ lhs: (Math.pow(m, -0.25) * Math.pow(m, 1 / 12)) / 4, rhs: Math.pow(m, -0.25) / 4, message: `m = ${m}` }), '|theta* . w_i(0)| <= m^{-1/4}/4', 'everywhere', EXACT_TOL, {
        f: (m) => ({ lhs: (Math.pow(m, -s.q) * Math.pow(m, 1 / 12)) / 4, rhs: Math.pow(m, -0.25) / 4, message: `m = ${m}` }),
        form: 'with ||theta*|| <= m^{-1/3}',
      }),
    evidence: () => ({ perNeuronExceedance: Math.exp(logNormalTwoSided(Math.sqrt(D) / 4)), d: D }),
    cases: (g) => g.length,
  });

  step(proof, 'proof-c2.step-45', {
    checks: 'The threshold 2 |theta* w_i(0)| + |a_i(0)| + lambda with the bounds the proof has (2 |theta* w| <= m^{-1/4}/2, |a_i(0)| < m^{-1/4} from step 44, lambda = m^{-1/4}/2) against m^{-1/4}; corrected: |a_i(0)| <= f m^{-1/4}, f = 1/4, and lambda = m^{-1/4}/4 (the printed 1/2 + 1/4 + 1/4).',
    statement: { f: 0.25 },
    twins: [{ id: 'f=1/2', change: 'corrected with |a_i(0)| <= m^{-1/4}/2', statement: { f: 0.5 } }],
    expected: { verdict: 'erratum', reason: 'with lambda = m^{-1/4}/2 and |a_i(0)| up to m^{-1/4} the sum reaches 2 m^{-1/4}; the printed 1/2 + 1/4 + 1/4 needs lambda and |a_i(0)| at most m^{-1/4}/4' },
    measure: () => [2, 100, 1e4, 1e8],
    decide: (g, s, ctx) =>
      inequalityOver(ctx, g, (m) => ({ lhs: Math.pow(m, -0.25) * (0.5 + 1 + 0.5), rhs: Math.pow(m, -0.25), message: `m = ${m}` }), 'the threshold of (30) at most m^{-1/4}', 'everywhere', EXACT_TOL, {
        f: (m) => ({ lhs: Math.pow(m, -0.25) * (0.5 + s.f + 0.25), rhs: Math.pow(m, -0.25), message: `m = ${m}` }),
        form: 'lambda = m^{-1/4}/4 and |a_i(0)| <= m^{-1/4}/4',
      }),
    cases: (g) => g.length,
  });

  step(proof, 'proof-c2.step-46', {
    checks: 'Eq. (31): the exponent of (30) at lambda = m^{-1/4}/2, lambda^2 / (4 (t+1) eta^2 G C^2 m^{1/6}) (with G^2 as in (29)), against the printed m^{1/6} / (8 (t+1) eta^2 (C G)^2), in logs over the grid; corrected: m^{e}/(16 (t+1) eta^2 (C G)^2), e = -2/3.',
    statement: { e: -2 / 3 },
    twins: [{ id: 'e=1/6', change: 'corrected with m^{1/6}', statement: { e: 1 / 6 } }],
    expected: { verdict: 'erratum', reason: 'the substitution gives m^{-2/3}/16, not m^{1/6}/8: the printed bound is smaller by the factor exp(-(m^{1/6}/8 - m^{-2/3}/16)/(...))' },
    measure: () => AZ,
    decide: (g, s, ctx) => {
      const derived = (c: Az): number => ln(c.lambda ** 2) - ln(4 * (c.t + 1) * c.eta ** 2 * c.G ** 2 * c.C ** 2 * Math.pow(c.m, 1 / 6));
      return identityOver(ctx, g, (c) => ({ lhs: derived(c), rhs: ln(Math.pow(c.m, 1 / 6)) - ln(8 * (c.t + 1) * c.eta ** 2 * (c.C * c.G) ** 2), message: `m = ${c.m}, t = ${c.t}, G = ${c.G}: log exponents` }), 'Eq. (31)', EXACT_TOL, {
        f: (c) => ({ lhs: derived(c), rhs: s.e * ln(c.m) - ln(16 * (c.t + 1) * c.eta ** 2 * (c.C * c.G) ** 2), message: `m = ${c.m}, t = ${c.t}, G = ${c.G}` }),
        form: 'm^{-2/3} / (16 (t+1) eta^2 (C_data |grad l|)^2)',
      });
    },
    cases: (g) => g.length,
  });

  step(proof, 'proof-c2.step-53', {
    checks: 'O(eta) = O(1/m) over A1\'s domain: eta m <= k, k = 1, for eta in {1e-3, 1e-6, 1e-9} and m in {eta^{-1/2}, eta^{-1}, eta^{-3/2}} (each allowed by A1, m >= 1/sqrt(eta)).',
    statement: { k: 1 },
    twins: [{ id: 'k=1e-6', change: 'eta m <= 1e-6', statement: { k: 1e-6 } }],
    expected: { verdict: 'fails', reason: 'A1 bounds m from below only: at m = eta^{-3/2}, eta m = eta^{-1/2} is unbounded' },
    measure: () => [1e-3, 1e-6, 1e-9].flatMap((eta) => [-0.5, -1, -1.5].map((p) => ({ eta, m: Math.pow(eta, p) }))),
    decide: (g, s, ctx) => inequalityOver(ctx, g, ({ eta, m }) => ({ lhs: eta * m, rhs: s.k, message: `eta = ${eta}, m = ${m.toExponential(2)}` }), 'eta = O(1/m)', 'everywhere', EXACT_TOL),
    cases: (g) => g.length,
  });

  step(proof, 'proof-c2.step-55', {
    checks: 'Definition 3.1 allows w_i(t) = w_i(0) + u/sqrt(m), w_i(t+1) = w_i(0) - u/sqrt(m) (||u|| = 1): ||w_i(t+1) - w_i(t)|| against m^{-1/2}; corrected: k m^{-1/2}, k = 2 (the triangle inequality).',
    statement: { k: 2 },
    twins: [{ id: 'k=1.5', change: 'corrected with 1.5 m^{-1/2}', statement: { k: 1.5 } }],
    expected: { verdict: 'erratum', reason: 'two points of the lazy ball can be 2/sqrt(m) apart' },
    measure: () => [4, 100, 1e4, 1e8],
    decide: (g, s, ctx) =>
      inequalityOver(ctx, g, (m) => ({ lhs: 2 / Math.sqrt(m), rhs: 1 / Math.sqrt(m), message: `m = ${m}: the two extreme points` }), 'lazy => one step <= m^{-1/2}', 'everywhere', EXACT_TOL, {
        f: (m) => ({ lhs: 2 / Math.sqrt(m), rhs: s.k / Math.sqrt(m), message: `m = ${m}` }),
        form: '||w_i(t+1) - w_i(t)|| <= 2 m^{-1/2}',
      }),
    cases: (g) => g.length,
  });
});
