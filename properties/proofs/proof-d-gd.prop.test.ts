// Over ~80 lines: the GD-step equations of Appendix D (Eqs. (47)-(50), (52), (59), (60), (62)) as eight evaluated steps, each with its false twin, on shared small cases.
import { describe } from 'vitest';
import proof from '../../theorems/proofs/proof-d1.js';
import proofD2 from '../../theorems/proofs/proof-d2.js';
import type { ProofRecord } from '../../src/verdict/types.js';
import { materialize, type SmallCase } from '../../src/scenarios/smallNetworkTrajectory.js';
import { stepVsGradient } from '../../src/scenarios/stepIdentities.js';
import { identityOver, step, type Ctx, type Tolerance } from './support.js';

/**
 * Appendix D, Eqs. (47)-(50) and (59): the full-batch gradients and the GD step of the two-layer network, evaluated at small
 * cases of the Sec. 3.1 setup (the engine's GD step, batch 'full', sigma = 0; its gradient by central differences of
 * the loss, src/scenarios/stepIdentities.ts). The printed sums run to m; over the n samples is the corrected form (the
 * cases have m < n, where the printed partial sum is defined and differs).
 */
const CASES: SmallCase[] = [3, 4].flatMap((m) => [6, 11].flatMap((n) => [2, 5].map((d) => ({ m, d, n, etaExp: 2, sigma: 0, batch: 'full' as const, aScale: 1, steps: 1, seed: 100 * m + 10 * n + d }))));
/** central differences with h = 1e-5 (1 + |p|) of a quadratic loss: error ~1e-10 of the scale; 1e-7 leaves room */
const FD_TOL: Tolerance = { abs: 1e-9, rel: 1e-7 };
/** the step against a formula evaluated in a different order: float64 rounding of sums of ~n d terms */
const STEP_TOL: Tolerance = { abs: 1e-13, rel: 1e-11 };

interface Coordinate { c: SmallCase; i: number; k: number; before: number; stepOverEta: number; fd: number; printed: (upTo: number) => number; eta: number; sigmaHatForm: (upTo: number) => number }

/** Every coordinate (w_i[k], k < d, or a_i at k = -1) with the printed gradient (1/n) sum_{j <= upTo} r_j x_j (times a_i, or . w_i). */
function coordinates(c: SmallCase): Coordinate[] {
  const { state, data } = materialize(c);
  const s = stepVsGradient(c);
  const W = Array.from({ length: c.m }, (_, i) => state.W.getRow(i));
  const a = state.a.getRow(0); // a is 1 x m
  const X = Array.from({ length: c.n }, (_, j) => data.X.getRow(j));
  const theta = Array.from({ length: c.d }, (_, k) => W.reduce((acc, w, i) => acc + (a[i] as number) * (w[k] as number), 0));
  const r = X.map((x, j) => x.reduce((acc, v, k) => acc + v * (theta[k] as number), 0) - (data.y[j] as number));
  const g = (upTo: number, k: number) => r.slice(0, upTo).reduce((acc, rj, j) => acc + rj * ((X[j] as number[])[k] as number), 0) / c.n;
  // Eq. (52)'s form: a_i ((1/n) sum_{j <= upTo} x_j x_j^T)(theta - theta*), with theta* of the data (y = theta*^T x)
  const diff = theta.map((v, k) => v - (data.thetaStar[k] as number));
  const sig = (upTo: number, k: number) => X.slice(0, upTo).reduce((acc, x) => acc + (x[k] as number) * x.reduce((q, v, kk) => q + v * (diff[kk] as number), 0), 0) / c.n;
  return s.names.map((name, q) => {
    // names are 'W[i][k]' or 'a[i]'
    const [i, k] = (name.match(/\d+/g) as string[]).map(Number).concat(-1) as [number, number];
    const w = W[i] as number[];
    const printed = (upTo: number) => (k >= 0 ? (a[i] as number) * g(upTo, k) : w.reduce((acc, wk, kk) => acc + wk * g(upTo, kk), 0));
    return { c, i, k, before: k >= 0 ? (w[k] as number) : (a[i] as number), stepOverEta: s.stepOverEta[q] as number, fd: s.gradient[q] as number, printed, eta: Math.pow(10, -c.etaExp), sigmaHatForm: (upTo: number) => (a[i] as number) * sig(upTo, Math.max(k, 0)) };
  });
}
const at = (p: Coordinate) => `m = ${p.c.m}, n = ${p.c.n}, d = ${p.c.d}, ${p.k >= 0 ? `w_${p.i}[${p.k}]` : `a_${p.i}`}`;

describe('Appendix D, Eqs. (47)-(50) and (59): the GD step (proof-d1, proof-d2)', () => {
  const gradient = (eq: string, kind: 'w' | 'a', id: string) =>
    step(proof, id, {
      checks: `Eq. (${eq}): the printed gradient with respect to ${kind === 'w' ? 'w_i' : 'a_i'}, (1/n) sum_{j=1}^{J} (a^T W x_j - y_j) x_j${kind === 'w' ? ' times a_i' : ' . w_i'}, J = m as printed, against the loss's central-difference gradient at 8 small cases (m in {3, 4} < n in {6, 11}, d in {2, 5}); corrected: J = n.`,
      statement: { J: 0 },
      twins: [{ id: 'J=n-1', change: 'corrected sum to n - 1', statement: { J: -1 } }],
      expected: { verdict: 'erratum', reason: 'the sum runs over the n samples; the printed upper limit m is a misprint (with m < n the printed partial sum differs)' },
      measure: () => CASES.flatMap(coordinates).filter((p) => (kind === 'w' ? p.k >= 0 : p.k < 0)),
      decide: (ps, s, ctx) => identityOver(ctx, ps, (p) => ({ lhs: p.fd, rhs: p.printed(p.c.m), message: at(p) }), `Eq. (${eq})`, FD_TOL, { f: (p) => ({ lhs: p.fd, rhs: p.printed(p.c.n + s.J), message: at(p) }), form: 'the sum over j = 1 ... n' }),
      cases: (ps) => ps.length,
    });
  gradient('47', 'w', 'proof-d1.step-1');
  gradient('48', 'a', 'proof-d1.step-2');

  const gdStep = (eq: string, kind: 'w' | 'a', id: string, of: ProofRecord = proof) =>
    step(of, id, {
      checks: `Eq. (${eq}): the engine's GD step on ${kind === 'w' ? 'w_i' : 'a_i'} against the printed ${kind === 'w' ? 'w_i' : 'a_i'} - eta (gradient with the sum to J), J = m as printed, at the same cases; corrected: J = n.`,
      statement: { J: 0 },
      twins: [{ id: 'J=n-1', change: 'corrected sum to n - 1', statement: { J: -1 } }],
      expected: { verdict: 'erratum', reason: 'the GD step sums over the n samples; the printed upper limit m is a misprint' },
      measure: () => CASES.flatMap(coordinates).filter((p) => (kind === 'w' ? p.k >= 0 : p.k < 0)),
      decide: (ps, s, ctx) => identityOver(ctx, ps, (p) => ({ lhs: p.before - p.eta * p.stepOverEta, rhs: p.before - p.eta * p.printed(p.c.m), message: at(p) }), `Eq. (${eq})`, STEP_TOL, { f: (p) => ({ lhs: p.before - p.eta * p.stepOverEta, rhs: p.before - p.eta * p.printed(p.c.n + s.J), message: at(p) }), form: 'the sum over j = 1 ... n' }),
      cases: (ps) => ps.length,
    });
  gdStep('49', 'w', 'proof-d1.step-3');
  gdStep('50', 'a', 'proof-d1.step-4');
  step(proof, 'proof-d1.step-6', {
    checks: 'Eq. (52): the engine\'s GD step on w_i against w_i - eta a_i ((1/n) sum_{j <= J} x_j x_j^T)(theta - theta*) (interpolating labels y = theta*^T x), J = m as printed, at the same cases; corrected: J = n.',
    statement: { J: 0 },
    twins: [{ id: 'J=n-1', change: 'corrected sum to n - 1', statement: { J: -1 } }],
    expected: { verdict: 'erratum', reason: 'with interpolating labels the residual sum is Sigma_hat (theta - theta*) over the n samples; the printed upper limit m is the misprint of (47)-(50)' },
    measure: () => CASES.flatMap(coordinates).filter((p) => p.k >= 0),
    decide: (ps, s, ctx) => identityOver(ctx, ps, (p) => ({ lhs: p.before - p.eta * p.stepOverEta, rhs: p.before - p.eta * p.sigmaHatForm(p.c.m), message: at(p) }), 'Eq. (52)', STEP_TOL, { f: (p) => ({ lhs: p.before - p.eta * p.stepOverEta, rhs: p.before - p.eta * p.sigmaHatForm(p.c.n + s.J), message: at(p) }), form: 'Sigma_hat over the n samples' }),
    cases: (ps) => ps.length,
  });

  // Eq. (59) is Eq. (49) printed again at t = t2 (the proof of Lemma D.2): an identity of the GD step at any state
  gdStep('59', 'w', 'proof-d2.step-2', proofD2);

  // Phase II states with every neuron aligned, w_k = gamma_k theta* (Lemma D.2's premise), on n Gaussian inputs with y = theta*^T x
  const alignedStates = (ctx: Ctx) =>
    ([[3, 6, 2], [4, 11, 5]] as const).map(([m, n, d]) => {
      const rng = ctx.rng('aligned', m, n, d);
      const g = (k: number, sc = 1) => Array.from({ length: k }, () => rng.gaussian() * sc);
      const star = g(d);
      const thetaStar = star.map((v) => (0.5 * v) / Math.hypot(...star));
      const gamma = g(m, 0.1);
      const a = g(m, 1 / Math.sqrt(m));
      const X = Array.from({ length: n }, () => g(d));
      return { m, n, d, eta: 0.01, thetaStar, gamma, a, X, s: a.reduce((acc, ai, i) => acc + ai * (gamma[i] as number), 0) };
    });
  type Aligned = ReturnType<typeof alignedStates>[number];
  const dotv = (u: readonly number[], v: readonly number[]) => u.reduce((acc, x, k) => acc + x * (v[k] as number), 0);
  /** ((1/n) sum_{j <= J} x_j x_j^T) v */
  const sigmaHatTimes = (st: Aligned, J: number, v: readonly number[]) => v.map((_, k) => st.X.slice(0, J).reduce((acc, x) => acc + (x[k] as number) * dotv(x, v), 0) / st.n);
  const coords = (sts: Aligned[]) => sts.flatMap((st) => st.gamma.flatMap((_, i) => st.thetaStar.map((__, k) => ({ st, i, k }))));

  step(proofD2, 'proof-d2.step-3', {
    checks: 'Eq. (60) at aligned states (w_k = gamma_k theta*, m in {3, 4} < n in {6, 11}, d in {2, 5}, eta = 0.01): the GD step (49) with the sum over the n samples (as held equal to the engine by proof-d1.step-3) against gamma_i theta* - eta a_i ((1/n) sum_{j <= J} x_j x_j^T)(s theta* - theta*), J = m as printed; corrected: J = n.',
    statement: { J: 0 },
    twins: [{ id: 'J=n-1', change: 'corrected sum to n - 1', statement: { J: -1 } }],
    expected: { verdict: 'erratum', reason: 'with the sum over the n samples (60) is (49) at an aligned state; the printed upper limit m is the misprint of (47)-(50)' },
    measure: (ctx) => coords(alignedStates(ctx)),
    decide: (cs, s, ctx) => {
      const step49 = ({ st, i, k }: (typeof cs)[number]) => {
        const theta = st.thetaStar.map((v) => st.s * v);
        const grad = st.X.reduce((acc, x) => acc + (dotv(theta, x) - dotv(st.thetaStar, x)) * (x[k] as number), 0) / st.n;
        return (st.gamma[i] as number) * (st.thetaStar[k] as number) - st.eta * (st.a[i] as number) * grad;
      };
      const eq60 = (J: number) => ({ st, i, k }: (typeof cs)[number]) => (st.gamma[i] as number) * (st.thetaStar[k] as number) - st.eta * (st.a[i] as number) * (sigmaHatTimes(st, J, st.thetaStar.map((v) => (st.s - 1) * v))[k] as number);
      const at = ({ st, i, k }: (typeof cs)[number]) => `m = ${st.m}, n = ${st.n}, d = ${st.d}, w_${i}[${k}]`;
      return identityOver(ctx, cs, (c) => ({ lhs: step49(c), rhs: eq60(c.st.m)(c), message: at(c) }), 'Eq. (60)', STEP_TOL, { f: (c) => ({ lhs: step49(c), rhs: eq60(c.st.n + s.J)(c), message: at(c) }), form: 'Sigma_hat over the n samples' });
    },
    cases: (cs) => cs.length,
  });

  step(proofD2, 'proof-d2.step-6', {
    checks: 'Eq. (62) at the same aligned states: theta = sum_i a_i w_i against c (sum_i a_i gamma_i) theta*, c = 1, per coordinate.',
    statement: { c: 1 },
    twins: [{ id: 'c=2', change: 'twice the right side', statement: { c: 2 } }],
    expected: { verdict: 'holds', reason: 'theta = sum_i a_i gamma_i theta* when every neuron is a multiple of theta*' },
    measure: (ctx) => alignedStates(ctx).flatMap((st) => st.thetaStar.map((_, k) => ({ st, k }))),
    decide: (cs, s, ctx) => identityOver(ctx, cs, ({ st, k }) => ({ lhs: st.a.reduce((acc, ai, i) => acc + ai * (st.gamma[i] as number) * (st.thetaStar[k] as number), 0), rhs: s.c * st.s * (st.thetaStar[k] as number), message: `m = ${st.m}, d = ${st.d}, theta[${k}]` }), 'Eq. (62)', STEP_TOL),
    cases: (cs) => cs.length,
  });
});
