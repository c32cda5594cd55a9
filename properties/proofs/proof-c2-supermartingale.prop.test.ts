// Over ~200 lines: one evaluated claim per displayed step of Eqs. (27)-(31) of the proof of Lemma C.2, each with its false twin.
import { describe } from 'vitest';
import proof from '../../theorems/proofs/proof-c2.js';
import { rateRule, highProbabilityRule } from '../../src/verdict/checks/index.js';
import { logAnyOfM, logChiSquareSf, logNormalTwoSided } from '../../src/theory/logTails.js';
import { identityOver, inequalityOver, sampleSigmaHat, step, type Ctx, type Tolerance } from './support.js';

/**
 * Proof of Lemma C.2, Eqs. (27)-(31): the supermartingale argument for a_i(t) and Azuma's inequality. Conditional
 * expectations over (x_xi, eps) at constructed states, averaged exactly over a training set of n = 200 inputs and both
 * signs of the noise; Lemma B.5's constant read as c/K^4 = 1/2 (lemma-b5.norm-concentration).
 */
const EXACT_TOL: Tolerance = { abs: 1e-12, rel: 1e-10 };
const D = 20;
const ln = Math.log;

describe('proof of Lemma C.2 (proof-c2), Eqs. (27)-(31)', () => {
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
});
