import { describe } from 'vitest';
import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import proofD1 from '../../theorems/proofs/proof-d1.js';
import proofD2 from '../../theorems/proofs/proof-d2.js';
import { rateRule } from '../../src/verdict/checks/index.js';
import { identityOver, inequalityOver, logGrid, sampleSigmaHat, step, type Ctx, type Tolerance } from './support.js';

/**
 * Appendix D (Lemmas D.1 and D.2): the steps exact computation decides. The linear map I + eta M acts on the
 * eigenvalues +-||theta*|| and 0 of M, so powers and exponentials are exact scalar functions of them; Sigma_hat is
 * drawn exactly (Wishart(n, I)/n); aligned states (w_i = gamma_i theta*) are constructed directly.
 */
const EXACT: Tolerance = { abs: 1e-12, rel: 1e-10 };
const ln = Math.log;
const D = 20;

const randomVec = (ctx: Ctx, name: string, scale: number): number[] => {
  const rng = ctx.rng(name);
  return Array.from({ length: D }, () => rng.gaussian() * scale);
};
const norm = (v: readonly number[]): number => Math.hypot(...v);
const dot = (u: readonly number[], v: readonly number[]): number => u.reduce((s, x, i) => s + x * (v[i] as number), 0);

describe('Appendix D.1 and the proof of Lemma D.1 (proof-d1)', () => {
  step(proofD1, 'proof-d1.step-5', {
    checks: 'Eq. (51): the Frobenius norm of Sigma_hat - I (Sigma_hat from n explicit Gaussian inputs, d = 20) against n = 1e2 ... 1e5 (9 sizes, 2 draws averaged each): rule rate, claimed O(n^b), b = -1/2, tolerance 0.05.',
    statement: { b: -0.5 },
    twins: [{ id: 'b=-1', change: 'O(1/n)', statement: { b: -1 } }],
    expected: { verdict: 'holds', reason: 'the law of large numbers: ||Sigma_hat - I||_F ~ d/sqrt(n)' },
    measure: (ctx) =>
      logGrid(100, 1e5, 9).map((nReal) => {
        const n = Math.round(nReal);
        let sum = 0;
        for (let r = 0; r < 2; r++) {
          const S = sampleSigmaHat(D, n, ctx.rng('sigma-hat', n, r));
          let f = 0;
          for (let i = 0; i < D; i++) for (let j = 0; j < D; j++) f += ((S[i * D + j] as number) - (i === j ? 1 : 0)) ** 2;
          sum += Math.sqrt(f);
        }
        return { x: n, y: sum / 2 };
      }),
    decide: (pts, s, ctx) => rateRule({ quantity: '||Sigma_hat - I||_F', variable: 'n', points: pts, claimed: { exponent: s.b, text: `n^${s.b}`, kind: 'upper' }, limit: 'infinity', delta: 0.05, alpha: ctx.alpha }).decision,
    cases: (pts) => pts.length * 2,
  });

  step(proofD1, 'proof-d1.step-13', {
    checks: 'The eigenvalues of M = [[0, theta*^T], [theta*, 0]] (ml-matrix, (d+1) x (d+1), theta* random with norms 0.01, 1, 10): largest = k ||theta*||, smallest = -k ||theta*||, the others 0, k = 1.',
    statement: { k: 1 },
    twins: [{ id: 'k=2', change: 'eigenvalues +-2 ||theta*||', statement: { k: 2 } }],
    expected: { verdict: 'holds', reason: 'M has rank 2 with eigenvectors (theta*/||theta*||, +-1)/sqrt(2)' },
    measure: (ctx) =>
      [0.01, 1, 10].map((scale) => {
        const t = randomVec(ctx, `theta-${scale}`, 1);
        const nt = norm(t);
        const ts = t.map((v) => (v / nt) * scale);
        const M = Matrix.zeros(D + 1, D + 1);
        ts.forEach((v, i) => {
          M.set(i, D, v);
          M.set(D, i, v);
        });
        const ev = [...new EigenvalueDecomposition(M, { assumeSymmetric: true }).realEigenvalues].sort((a, b) => a - b);
        return { scale, ev };
      }),
    decide: (g, s, ctx) =>
      identityOver(
        ctx,
        g.flatMap(({ scale, ev }) => ev.map((v, i) => ({ scale, i, v, want: i === 0 ? -s.k * scale : i === ev.length - 1 ? s.k * scale : 0 }))),
        ({ scale, i, v, want }) => ({ lhs: v, rhs: want, message: `||theta*|| = ${scale}, eigenvalue ${i}` }),
        'the spectrum of M',
        { abs: 1e-12, rel: 1e-10 },
      ),
    cases: (g) => g.length * (D + 1),
  });

  const ETAS = [1e-2, 1e-3, 1e-4, 1e-5, 1e-6, 1e-7, 1e-8];
  const S = 0.1;
  /** on the eigenvalue mu = ||theta*|| (the one that grows): (1 + eta mu)^T2 and the truncated exponential series */
  const series = (x: number, T: number): number => {
    let term = 1;
    let sum = 1;
    for (let i = 1; i <= T; i++) {
      term *= x / i;
      sum += term;
      if (term < 1e-18 * sum) break;
    }
    return sum;
  };
  step(proofD1, 'proof-d1.step-18', {
    checks: '|(1 + eta s)^{T2} - sum_{i <= T2} (T2 eta s)^i / i!| on the top eigenvalue s = ||theta*|| = 0.1, T2 = round(ln(1/eta)/s), eta = 1e-2 ... 1e-8: the gap divided by T2, rule rate as eta -> 0 against the claimed O(T2 eta^2)/T2 = O(eta^b), b = 2 (tolerance 0.1).',
    statement: { b: 2 },
    twins: [{ id: 'b=3', change: 'O(eta^3)', statement: { b: 3 } }],
    expected: { verdict: 'holds', reason: 'C(T, k) eta^k differs from (T eta)^k/k! by a relative O(k^2/T): the gap is about T eta^2 s^2 / 2' },
    measure: () =>
      ETAS.map((eta) => {
        const T = Math.round(ln(1 / eta) / S);
        // (1 + x)^T - e^{T x} = e^{T x} expm1(T (log1p(x) - x)), with log1p(x) - x by its series (no cancellation at x = 1e-9);
        // the truncation of the exponential series after T terms (~ (T x)^{T+1}/(T+1)!) is below 1e-300 here and is added back
        const x = eta * S;
        const l1 = -(x * x) / 2 + (x * x * x) / 3 - (x * x * x * x) / 4;
        const tail = Math.exp(T * x) - series(T * x, T);
        return { x: eta, y: Math.abs(Math.exp(T * x) * Math.expm1(T * l1) + tail) / T };
      }),
    decide: (pts, s, ctx) => rateRule({ quantity: '|(I + eta M)^{T2} - truncated exp| / T2', variable: 'eta', points: pts, claimed: { exponent: s.b, text: `T2 eta^2`, kind: 'upper' }, limit: 'zero', delta: 0.1, alpha: ctx.alpha }).decision,
    cases: (pts) => pts.length,
  });

  step(proofD1, 'proof-d1.step-19', {
    checks: 'Taylor remainder: |exp(x) - sum_{i <= T} x^i/i!| <= k x^{T+1} e^x/(T+1)!, k = 1, at x = T2 eta s on the same grid (in logs).',
    statement: { k: 1 },
    twins: [{ id: 'k=1e-6', change: 'a remainder 1e-6 times smaller', statement: { k: 1e-6 } }],
    expected: { verdict: 'holds', reason: 'Lagrange\'s remainder' },
    measure: () => [0.5, 1, 2, 5].flatMap((x) => [1, 2, 3, 5, 8].map((T) => ({ x, T }))),
    decide: (g, s, ctx) =>
      inequalityOver(ctx, g, ({ x, T }) => {
        let lf = 0;
        for (let i = 2; i <= T + 1; i++) lf += ln(i);
        return { lhs: ln(Math.abs(Math.exp(x) - series(x, T))), rhs: ln(s.k) + (T + 1) * ln(x) + x - lf, message: `x = ${x}, T = ${T} (logs)` };
      }, 'the Taylor remainder', 'everywhere', { abs: 1e-9, rel: 1e-9 }),
    cases: (g) => g.length,
  });

  step(proofD1, 'proof-d1.step-20', {
    checks: 'exp(T2 eta M) = e M/||theta*|| on each eigenvalue mu in {s, 0, -s} of M (s = ||theta*|| in {0.01, 0.1, 1}, eta in {1e-2, 1e-4, 1e-8}, T2 = ln(1/eta)/s): exp(T2 eta mu) against k e mu / s, k = 1.',
    statement: { k: 1 },
    twins: [{ id: 'k=2', change: '2 e M/||theta*||', statement: { k: 2 } }],
    expected: { verdict: 'fails', reason: 'exp(T2 eta mu) = eta^{-eta mu/s}, close to 1, not e mu/s: T2 is too short by a factor 1/eta for the exponent to reach 1' },
    measure: () => [0.01, 0.1, 1].flatMap((sv) => [1e-2, 1e-4, 1e-8].flatMap((eta) => [1, 0, -1].map((sign) => ({ sv, eta, mu: sign * sv })))),
    decide: (g, s, ctx) => identityOver(ctx, g, ({ sv, eta, mu }) => ({ lhs: Math.exp((ln(1 / eta) / sv) * eta * mu), rhs: (s.k * Math.E * mu) / sv, message: `||theta*|| = ${sv}, eta = ${eta}, mu = ${mu}` }), 'exp(T2 eta M) = e M/||theta*||', EXACT),
    cases: (g) => g.length,
  });

  step(proofD1, 'proof-d1.step-21', {
    checks: 'eta^{-ln eta} << (-ln eta)^{-ln eta}, read as a factor of at least 1e2: -(ln eta)^2 <= ln(1/eta) ln ln(1/eta) - k ln 100, k = 1 (logs), eta = 1e-2 ... 1e-300.',
    statement: { k: 1 },
    twins: [{ id: 'k=1e6', change: 'a factor 1e2^(1e6) instead of 1e2', statement: { k: 1e6 } }],
    expected: { verdict: 'holds', reason: 'the left side decays like e^{-(ln eta)^2}, the right grows' },
    measure: () => [1e-2, 1e-5, 1e-10, 1e-50, 1e-300],
    decide: (g, s, ctx) => inequalityOver(ctx, g, (eta) => ({ lhs: -(ln(eta) ** 2), rhs: ln(1 / eta) * ln(ln(1 / eta)) - s.k * ln(100), message: `eta = ${eta} (logs)` }), 'the parenthetical', 'everywhere', EXACT),
    cases: (g) => g.length,
  });

  step(proofD1, 'proof-d1.step-22', {
    checks: 'Eq. (57) for the exact linear map: the top block of (I + eta M)^{T2} [w; a] (through the eigen-decomposition of M) against k e a theta*/||theta*||, k = 1, at states with ||w||, |a| <= sqrt(eta) (eta in {1e-2, 1e-4}, ||theta*|| = 0.1, d = 20), coordinate by coordinate (tolerance: the O(ln(1/eta) eta^{1.5}) of (57) with constant 1, plus float64).',
    statement: { k: 1 },
    twins: [{ id: 'k=2', change: '2 e a theta*/||theta*||', statement: { k: 2 } }],
    expected: { verdict: 'fails', reason: 'with T2 = ln(1/eta)/||theta*|| the map is close to the identity: w(t1 + T2) ~ w(t1), not e a theta*/||theta*||' },
    measure: (ctx) => {
      const sv = 0.1;
      const t = randomVec(ctx, 'theta-star', 1);
      const u = t.map((v) => v / norm(t));
      return [1e-2, 1e-4].map((eta) => {
        const w0 = randomVec(ctx, `w-${eta}`, Math.sqrt(eta) / (2 * Math.sqrt(D)));
        const a0 = 0.5 * Math.sqrt(eta);
        const T = Math.round(ln(1 / eta) / sv);
        // components along the eigenvectors e+ = (u, 1)/sqrt 2, e- = (u, -1)/sqrt 2; the rest of w is fixed (eigenvalue 0)
        const p = dot(u, w0);
        const cPlus = (p + a0) / Math.SQRT2;
        const cMinus = (p - a0) / Math.SQRT2;
        const gp = Math.exp(T * Math.log1p(eta * sv));
        const gm = Math.exp(T * Math.log1p(-eta * sv));
        const along = (cPlus * gp + cMinus * gm) / Math.SQRT2;
        const w = w0.map((v, i) => v - p * (u[i] as number) + along * (u[i] as number));
        return { eta, w, a0, u, tol: ln(1 / eta) * Math.pow(eta, 1.5) };
      });
    },
    decide: (g, s, ctx) =>
      identityOver(ctx, g.flatMap(({ eta, w, a0, u, tol }) => w.map((v, i) => ({ eta, i, v, want: s.k * Math.E * a0 * (u[i] as number), tol }))), ({ eta, i, v, want, tol }) => {
        const gap = Math.abs(v - want);
        return { lhs: Math.max(0, gap - tol), rhs: 0, message: `eta = ${eta}, coordinate ${i}: w = ${v}, e a theta*/||theta*|| = ${want} (allowed ${tol})` };
      }, 'Eq. (57)', EXACT),
    cases: (g) => g.length * D,
  });

  step(proofD1, 'proof-d1.step-27', {
    checks: 'E / (e |a_i(t1)| + E) <= k ln(1/eta) sqrt(eta) with E = ln(1/eta) eta^{1.5} (hidden constants 1), k = 1, for |a_i(t1)| in {sqrt(eta), eta, eta^2, 0} (the Phase II premise allows any |a| <= sqrt(eta)), eta = 1e-2 ... 1e-8; corrected: for |a_i(t1)| >= eta.',
    statement: { k: 1, aMin: 1 },
    twins: [{ id: 'aMin=2', change: 'corrected for |a_i(t1)| >= eta^2', statement: { aMin: 2 } }],
    expected: { verdict: 'erratum', reason: 'a neuron with a_i(t1) ~ 0 has the ratio ~ 1: the bound needs |a_i(t1)| of order eta at least, which the premise does not give' },
    measure: () => [1e-2, 1e-4, 1e-6, 1e-8].flatMap((eta) => [0.5, 1, 2, 100].map((p) => ({ eta, p }))),
    decide: (g, s, ctx) => {
      const f = ({ eta, p }: { eta: number; p: number }) => {
        const a = p === 100 ? 0 : Math.pow(eta, p);
        const E = ln(1 / eta) * Math.pow(eta, 1.5);
        return { lhs: E / (Math.E * a + E), rhs: s.k * ln(1 / eta) * Math.sqrt(eta), message: `eta = ${eta}, |a_i(t1)| = ${a}` };
      };
      return inequalityOver(ctx, g, f, 'the last line', 'everywhere', EXACT, { f: (c) => (c.p <= s.aMin ? f(c) : { lhs: 0, rhs: 0, message: 'excluded' }), form: 'for |a_i(t1)| >= eta' });
    },
    cases: (g) => g.length,
  });
});

describe('the proof of Lemma D.2 (proof-d2)', () => {
  /** a quantity claimed bounded (O(||theta*||^b), b = 0 in the statement) as ||theta*|| -> 0, on exact points */
  const boundedInThetaStar = (quantity: string, y: (sv: number) => number) => ({
    measure: () => [1, 0.3, 0.1, 0.03, 0.01, 1e-3, 1e-4].map((sv) => ({ x: sv, y: y(sv) })),
    decide: (pts: { x: number; y: number }[], s: { b: number }, ctx: Ctx) => rateRule({ quantity, variable: '||theta*||', points: pts, claimed: { exponent: s.b, text: 'O(1)', kind: 'upper' }, limit: 'zero', delta: 0.1, alpha: ctx.alpha }).decision,
    cases: (pts: { x: number; y: number }[]) => pts.length,
  });
  step(proofD2, 'proof-d2.step-5', {
    checks: 'O(1/sqrt(n)) = O(eta^2) under A3: at the smallest n A3 allows (n = 1/eta^2), 1/sqrt(n) = eta; rule rate as eta -> 0, claimed O(eta^b), b = 2 (tolerance 0.1).',
    statement: { b: 2 },
    twins: [{ id: 'b=3', change: 'O(eta^3)', statement: { b: 3 } }],
    expected: { verdict: 'fails', reason: 'A3 gives 1/sqrt(n) <= eta, i.e. O(eta); O(eta^2) would need n >= 1/eta^4' },
    measure: () => [1e-1, 1e-2, 1e-3, 1e-4, 1e-5, 1e-6].map((eta) => ({ x: eta, y: 1 / Math.sqrt(1 / (eta * eta)) })),
    decide: (pts, s, ctx) => rateRule({ quantity: '1/sqrt(n) at n = 1/eta^2', variable: 'eta', points: pts, claimed: { exponent: s.b, text: `eta^${s.b}`, kind: 'upper' }, limit: 'zero', delta: 0.1, alpha: ctx.alpha }).decision,
    cases: (pts) => pts.length,
  });

  const aligned = (ctx: Ctx, m: number) => {
    const rng = ctx.rng('aligned', m);
    const t = randomVec(ctx, `theta-star-${m}`, 1);
    const ts = t.map((v) => (v / norm(t)) * 0.3);
    const gam = Array.from({ length: m }, () => rng.gaussian() * 0.5);
    const a = Array.from({ length: m }, () => rng.gaussian() * 0.5);
    return { ts, gam, a };
  };

  step(proofD2, 'proof-d2.step-8', {
    checks: 'For aligned neurons (w_i = gamma_i theta*, Sigma_hat = I), the second term of the theta step is W^T W (theta - theta*) computed exactly, against the printed (s - 1) ||theta*||^2 theta* (s = sum a_i gamma_i), coordinate by coordinate, m in {3, 10, 50}; corrected: (s - 1) (sum_i gamma_i^2) ||theta*||^{2k} theta*, k = 1.',
    statement: { k: 1 },
    twins: [{ id: 'k=0', change: 'corrected without ||theta*||^2', statement: { k: 0 } }],
    expected: { verdict: 'erratum', reason: 'W^T W = (sum gamma_i^2) theta* theta*^T: the printed form lacks sum_i gamma_i^2' },
    measure: (ctx) => [3, 10, 50].map((m) => aligned(ctx, m)),
    decide: (g, s, ctx) => {
      const cases = g.flatMap((st, k) => st.ts.map((_, i) => ({ k, i })));
      const exact = (st: (typeof g)[number], i: number): number => {
        const sv = dot(st.a, st.gam);
        const diff = st.ts.map((v) => (sv - 1) * v);
        // W^T W diff = sum_j w_j (w_j . diff) = sum_j gamma_j^2 theta* (theta* . diff)
        const g2 = st.gam.reduce((acc, v) => acc + v * v, 0);
        return g2 * (st.ts[i] as number) * dot(st.ts, diff);
      };
      return identityOver(ctx, cases, ({ k, i }) => { const st = g[k]!; const sv = dot(st.a, st.gam); return { lhs: exact(st, i), rhs: (sv - 1) * dot(st.ts, st.ts) * (st.ts[i] as number), message: `m = ${st.a.length}, coordinate ${i}` }; }, 'the W^T W term', EXACT, {
        f: ({ k, i }) => { const st = g[k]!; const sv = dot(st.a, st.gam); const g2 = st.gam.reduce((acc, v) => acc + v * v, 0); return { lhs: exact(st, i), rhs: (sv - 1) * g2 * Math.pow(dot(st.ts, st.ts), s.k) * (st.ts[i] as number), message: `m = ${st.a.length}, coordinate ${i}` }; },
        form: '(s - 1) (sum_i gamma_i^2) ||theta*||^2 theta*',
      });
    },
    cases: (g) => g.length * D,
  });

  step(proofD2, 'proof-d2.step-18', {
    checks: '(1 - x)^T <= exp(-k x T), k = 1, for x in {1e-6, 1e-3, 0.1, 0.5, 0.99} and T in {1, 10, 1e3, 1e6} (logs).',
    statement: { k: 1 },
    twins: [{ id: 'k=2', change: 'exp(-2 x T)', statement: { k: 2 } }],
    expected: { verdict: 'holds', reason: 'log(1 - x) <= -x' },
    measure: () => [1e-6, 1e-3, 0.1, 0.5, 0.99].flatMap((x) => [1, 10, 1e3, 1e6].map((T) => ({ x, T }))),
    decide: (g, s, ctx) => inequalityOver(ctx, g, ({ x, T }) => ({ lhs: T * Math.log1p(-x), rhs: -s.k * x * T, message: `x = ${x}, T = ${T} (logs)` }), '(1 - x)^T <= e^{-xT}', 'everywhere', EXACT),
    cases: (g) => g.length,
  });

  step(proofD2, 'proof-d2.step-19', {
    checks: 'O(T eta^2) = O(eta ln(1/eta)) with T = ln(1/eta)/(||theta*||^2 eta): the ratio T eta^2 / (eta ln(1/eta)) against ||theta*|| -> 0 (A4: ||theta*|| <= m^{-1/4} shrinks with m), ||theta*|| = 1 ... 1e-4: rule rate, claimed bounded (O(||theta*||^b), b = 0, tolerance 0.1).',
    statement: { b: 0 },
    twins: [{ id: 'b=1', change: 'O(||theta*||)', statement: { b: 1 } }],
    expected: { verdict: 'fails', reason: 'the ratio is 1/||theta*||^2: the dropped factor grows like sqrt(m) under A4' },
    // at eta = 1e-3: T eta^2 / (eta ln(1/eta)) with T = ln(1/eta)/(||theta*||^2 eta)
    ...boundedInThetaStar('T eta^2 / (eta ln(1/eta))', (sv) => ((ln(1e3) / (sv * sv * 1e-3)) * 1e-6) / (1e-3 * ln(1e3))),
  });

  step(proofD2, 'proof-d2.step-20', {
    checks: 'exp(-eta ||theta*||^2 T) = eta^k, k = 1, T = ln(1/eta)/(||theta*||^2 eta), over eta and ||theta*|| grids.',
    statement: { k: 1 },
    twins: [{ id: 'k=2', change: 'eta^2', statement: { k: 2 } }],
    expected: { verdict: 'holds', reason: 'exact arithmetic' },
    measure: () => [1e-2, 1e-4, 1e-8].flatMap((eta) => [0.01, 0.3, 1].map((sv) => ({ eta, sv }))),
    decide: (g, s, ctx) => identityOver(ctx, g, ({ eta, sv }) => ({ lhs: Math.exp(-eta * sv * sv * (ln(1 / eta) / (sv * sv * eta))), rhs: Math.pow(eta, s.k), message: `eta = ${eta}, ||theta*|| = ${sv}` }), 'exp(-eta ||theta*||^2 T) = eta', { abs: 1e-18, rel: 1e-9 }),
    cases: (g) => g.length,
  });

  step(proofD2, 'proof-d2.step-22', {
    checks: 'Eq. (70): |1 - s(t3)| = ||theta(t3) - theta*|| / ||theta*|| (theta - theta* = (s - 1) theta*), so a bound B on ||theta(t3) - theta*|| gives B/||theta*||: the ratio of the implied bound to the claimed O(eta ln(1/eta)) against ||theta*|| -> 0, rule rate, claimed O(1) (b = 0, tolerance 0.1).',
    statement: { b: 0 },
    twins: [{ id: 'b=1', change: 'O(||theta*||)', statement: { b: 1 } }],
    expected: { verdict: 'fails', reason: 'dividing by ||theta*|| (<= m^{-1/4}) is dropped' },
    ...boundedInThetaStar('|1 - s| bound / (eta ln(1/eta))', (sv) => 1 / sv),
  });

  step(proofD2, 'proof-d2.step-25', {
    checks: 'For aligned neurons, <w_i, theta*> = gamma_i ||theta*||^2 against the printed <s theta*, theta*> = s ||theta*||^2 (w_i replaced by theta(t3)), at constructed aligned states (m in {3, 10, 50}), neuron by neuron; twin: 2 s.',
    statement: { k: 1 },
    twins: [{ id: 'k=2', change: '2 s ||theta*||^2', statement: { k: 2 } }],
    expected: { verdict: 'fails', reason: 'the neuron w_i(t3) = gamma_i theta* is not theta(t3) = s theta*' },
    measure: (ctx) => [3, 10, 50].map((m) => aligned(ctx, m)),
    decide: (g, s, ctx) => identityOver(ctx, g.flatMap((st) => st.gam.map((gi) => ({ st, gi }))), ({ st, gi }) => ({ lhs: gi * dot(st.ts, st.ts), rhs: s.k * dot(st.a, st.gam) * dot(st.ts, st.ts), message: `m = ${st.a.length}, gamma_i = ${gi}` }), 'the first line of the last display', EXACT),
    cases: (g) => g.reduce((acc, st) => acc + st.gam.length, 0),
  });

  step(proofD2, 'proof-d2.step-28', {
    checks: '2E/(|gamma_i| ||theta*||^2 + E) with |gamma_i| ||theta*||^2 = sqrt(eta) ||theta*|| (the smallest norm the lemma covers) and E = eta ln(1/eta), against the claimed O(eta ln(1/eta)) as eta -> 0 (||theta*|| = 0.1): rule rate, claimed O(eta^b), b = 1 (tolerance 0.1).',
    statement: { b: 1 },
    twins: [{ id: 'b=2', change: 'O(eta^2)', statement: { b: 2 } }],
    expected: { verdict: 'fails', reason: 'the ratio is about 2 sqrt(eta) ln(1/eta)/||theta*||: exponent 1/2, not 1' },
    measure: () => [1e-2, 1e-3, 1e-4, 1e-5, 1e-6, 1e-8].map((eta) => { const E = eta * ln(1 / eta); return { x: eta, y: (2 * E) / (Math.sqrt(eta) * 0.1 + E) }; }),
    decide: (pts, s, ctx) => rateRule({ quantity: '1 - (the lower bound of the last display)', variable: 'eta', points: pts, claimed: { exponent: s.b, text: `eta^${s.b} (up to ln)`, kind: 'upper' }, limit: 'zero', delta: 0.1, alpha: ctx.alpha }).decision,
    cases: (pts) => pts.length,
  });
});
