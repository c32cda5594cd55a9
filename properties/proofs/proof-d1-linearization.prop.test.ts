// Over ~80 lines: nine steps of Appendix D.1 (the displays after (53), (54), the proof's first line and its last display) and Eq. (61) of D.2 share three run sets.
import { describe } from 'vitest';
import proof from '../../theorems/proofs/proof-d1.js';
import proofD2 from '../../theorems/proofs/proof-d2.js';
import { combineAll, fmtMargin, rateRule } from '../../src/verdict/checks/index.js';
import { runLinearization, startRemainders, type LinearizationRun, type StepRemainders } from '../../src/scenarios/phase2Linearization.js';
import type { StartKind } from '../../src/scenarios/phase2Descent.js';
import { stepsOf, sweepConfig } from '../../src/scenarios/phase2Sweep.js';
import { T2 } from '../../src/theory/constants.js';
import { identityOver, inequalityOver, logGrid, shared, step, type Ctx, type Tolerance } from './support.js';

/**
 * Lemma D.1's linearization, evaluated on exact gradient descent (Eqs. (49)-(50); src/scenarios/phase2Linearization.ts)
 * from constructed Phase II starts (max_i ||w_i|| = max_i |a_i| = sqrt(eta), Eq. (5) directions), d = 20, width
 * m = ceil(1/sqrt(eta)), n = ceil(1/eta^2) (A3 exactly, Sigma_hat ~ Wishart_d(n, I)/n), T2 = ceil(ln(1/eta)/||theta*||) steps:
 * per ||theta*|| in {0.5, 1, 2}, eta = 10^-1.5 ... 10^-4 (paper tier: to 10^-5), and from the premise's extreme state (below).
 * The n-sweeps hold the state fixed
 * (eta = 1e-3, ||theta*|| = 1, three seeds; Lemma D.2's Eq. (61) from the perfectly aligned start) and vary n from 30 to 1e6.
 */
const D = 20;
const NORMS = [0.5, 1, 2];
const ETA_EXPONENTS = { quick: [1.5, 2, 2.5, 3, 3.5, 4], paper: [1.5, 2, 2.5, 3, 3.5, 4, 4.5, 5] };
const EXACT: Tolerance = { abs: 1e-15, rel: 1e-10 };

const sweep = (ctx: Ctx): LinearizationRun[] =>
  shared(ctx, 'd1-linearization', (seedOf) =>
    NORMS.flatMap((s) => ETA_EXPONENTS[ctx.tier].map((k) => {
      const eta = 10 ** -k;
      return runLinearization({ config: sweepConfig({ d: D, widthFactor: 1 }, eta, s), start: 'phase2', seed: seedOf(s, k), steps: stepsOf(T2(eta, s)) });
    })));
/** the premise at its edge (every w_i = sqrt(eta) theta* / ||theta*||, a_i = sqrt(eta): ||theta|| = m eta), wide: m = ceil(eta^-1.5), ||theta*|| = 1 */
const EXTREME_ETA_EXPONENTS = [1.5, 1.75, 2, 2.25, 2.5];
const extreme = (ctx: Ctx): LinearizationRun[] =>
  shared(ctx, 'd1-linearization-extreme', (seedOf) =>
    EXTREME_ETA_EXPONENTS.map((k) => {
      const eta = 10 ** -k;
      return runLinearization({ config: sweepConfig({ d: D, widthFactor: 1 }, eta, 1, undefined, Math.ceil(eta ** -1.5)), start: 'extreme', seed: seedOf(k), steps: stepsOf(T2(eta, 1)) });
    }));
const nSweep = (ctx: Ctx, start: StartKind) =>
  shared(ctx, `d1-n-sweep-${start}`, (seedOf) =>
    logGrid(30, 1e6, 8).flatMap((nr) => [0, 1, 2].map((r) => ({ n: Math.round(nr), rem: startRemainders({ ...sweepConfig({ d: D, widthFactor: 1 }, 1e-3, 1), n: Math.round(nr) }, start, seedOf(r)) }))));
type NPoints = ReturnType<typeof nSweep>;

/** "+ O(eta/sqrt(n))": the remainder over eta against n at a fixed state (rule rate, n -> infinity, claimed n^b, b = -1/2). */
const overN = (what: string, key: keyof StepRemainders, start: StartKind) => ({
  checks: `${what}: one exact GD step at a fixed ${start === 'aligned' ? 'perfectly aligned ' : ''}Phase II state (eta = 1e-3, ||theta*|| = 1, m = 32, three seeds) with Sigma_hat ~ Wishart_20(n, I)/n, n = 30 ... 1e6 (8 sizes): the remainder divided by eta against n, rule rate (n -> infinity), claimed O(n^b), b = -1/2, tolerance 0.1.`,
  statement: { b: -0.5 },
  twins: [{ id: 'b=-1', change: 'O(eta/n)', statement: { b: -1 } }],
  expected: { verdict: 'holds' as const, reason: 'the remainder is eta times a fixed vector hit by Sigma_hat - I, whose norm falls like sqrt(d/n)' },
  measure: (ctx: Ctx) => nSweep(ctx, start),
  decide: (pts: NPoints, s: { b: number }, ctx: Ctx) => rateRule({ quantity: `${what} remainder / eta`, variable: 'n', points: pts.map((p) => ({ x: p.n, y: p.rem[key] / 1e-3 })), claimed: { exponent: s.b, text: `n^${s.b}`, kind: 'upper' }, limit: 'infinity', delta: 0.1, alpha: ctx.alpha }).decision,
  cases: (pts: NPoints) => pts.length,
});

/** "+ O(eta^1.5)" along the T2 window: the largest remainder over the steps and neurons against eta, per setting, combined by all. */
const overEta = (what: string, y: (r: LinearizationRun) => number, claimed: string) => ({
  checks: `${what}: exact GD over the T2 = ceil(ln(1/eta)/||theta*||) steps of Lemma D.1, ${claimed}, rule rate (eta -> 0), claimed O(eta^b), b = 1.5, tolerance 0.1, in four settings combined by all: from the Phase II start of width ceil(eta^-1/2) per ||theta*|| in {0.5, 1, 2}, eta = 10^-1.5 ... 10^-4 (paper: 10^-5); and from the premise's extreme state (every w_i = sqrt(eta) theta* / ||theta*||, a_i = sqrt(eta), so ||theta|| = m eta) of width ceil(eta^-3/2) (A1 bounds m from below only), ||theta*|| = 1, eta = 10^-1.5 ... 10^-2.5 (5 sizes).`,
  statement: { b: 1.5 },
  twins: [{ id: 'b=4', change: 'O(eta^4)', statement: { b: 4 } }],
  expected: { verdict: 'fails' as const, reason: 'holds from the width-ceil(eta^-1/2) starts (exponents 2.35-2.45: ||theta(t)|| ~ sqrt(m) eta stays small within T2) but fails at the extreme premise state of width ceil(eta^-3/2) (exponent 0.98 [0.78, 1.18]): the dropped eta a_i theta(t) is O(eta^1.5) only while m eta = O(1), which A1 (a lower bound on m) does not give' },
  measure: (ctx: Ctx) => [...sweep(ctx), ...extreme(ctx)],
  decide: (rs: LinearizationRun[], s: { b: number }, ctx: Ctx) => {
    const at = (setting: string, runs: LinearizationRun[]) => ({ setting, decision: rateRule({ quantity: what, variable: 'eta', points: runs.map((r) => ({ x: r.config.eta, y: y(r) })), claimed: { exponent: s.b, text: `eta^${s.b}`, kind: 'upper' }, limit: 'zero', delta: 0.1, alpha: ctx.alpha }).decision });
    return combineAll([
      ...NORMS.map((n) => at(`||theta*|| = ${n}, m = ceil(eta^-1/2)`, rs.filter((r) => r.start === 'phase2' && r.config.thetaStarNorm === n))),
      at('the extreme premise state, m = ceil(eta^-3/2)', rs.filter((r) => r.start === 'extreme')),
    ]);
  },
  cases: (rs: LinearizationRun[]) => rs.length,
});

describe('Appendix D.1: the linearized step and the proof of Lemma D.1 along exact GD (proof-d1)', () => {
  step(proof, 'proof-d1.step-7', overN('Eq. (53) (Sigma_hat replaced by I in the w_i step)', 'sigmaHatW', 'phase2'));
  step(proof, 'proof-d1.step-8', overN('the display after (53) (Sigma_hat replaced by I in the a_i step)', 'sigmaHatA', 'phase2'));
  step(proofD2, 'proof-d2.step-4', overN('Eq. (61) (w_i(t+1) = {gamma_i - eta a_i (s - 1)} theta*, Sigma_hat replaced by I)', 'aligned61', 'aligned'));
  step(proof, 'proof-d1.step-10', overEta('max ||w_i(t+1) - w_i(t) - eta a_i(t) theta*||', (r) => r.worst.dropW, 'the largest remainder of w_i(t+1) = w_i + eta a_i theta* over t and i'));
  step(proof, 'proof-d1.step-11', overEta('max |a_i(t+1) - a_i(t) - eta <theta*, w_i(t)>|', (r) => r.worst.dropA, 'the largest remainder of a_i(t+1) = a_i + eta <theta*, w_i> over t and i'));
  step(proof, 'proof-d1.step-12', overEta('max ||z_i(t+1) - (I + eta M) z_i(t)||', (r) => r.worst.linear, 'the largest remainder of Eq. (54) over t and i'));
  step(proof, 'proof-d1.step-15', overEta('max_i ||z_i(t1 + T2) - (I + eta M)^T2 z_i(t1)|| / T2', (r) => r.mapDeviation / r.steps, 'the gap to the exact linear map (I + eta M)^T2 (eigen-decomposition) divided by T2 (the claimed O(T2 eta^1.5) per step)'));

  // the last display's pieces at a neuron: u = theta* / ||theta*||, v = w_i(t2) - e a_i(t1) u (the O(.) term of (57), exactly)
  const pieces = (rs: LinearizationRun[]) =>
    rs.flatMap((r) => r.end.w.map((w, i) => {
      const nt = Math.hypot(...r.thetaStar);
      const ea = Math.E * (r.end.a0[i] as number);
      const v = Array.from(w, (x, k) => x - (ea * (r.thetaStar[k] as number)) / nt);
      const uv = v.reduce((acc, x, k) => acc + (x * (r.thetaStar[k] as number)) / nt, 0);
      const inner = Array.from(w).reduce((acc, x, k) => acc + x * (r.thetaStar[k] as number), 0);
      const den3 = Math.hypot(...v.map((x, k) => (ea * (r.thetaStar[k] as number)) / nt + x));
      return { at: `eta = ${fmtMargin(r.config.eta)}, ||theta*|| = ${r.config.thetaStarNorm}, neuron ${i}`, nt, ea, v: Math.hypot(...v), uv, inner, wn: Math.hypot(...w), den3 };
    }));
  type Piece = ReturnType<typeof pieces>[number];

  step(proof, 'proof-d1.step-24', {
    checks: 'The last display, line 1 = line 2, at every neuron of the runs at t2: |<theta*, w_i(t2)>| against k |(||theta*|| e a_i(t1) + <theta*, v>)| / (||theta*|| ||w_i(t2)||), v = w_i(t2) - e a_i(t1) theta*/||theta*|| (the O(.) of (57) exactly), k = 1.',
    statement: { k: 1 },
    twins: [{ id: 'k=2', change: 'twice the right side', statement: { k: 2 } }],
    expected: { verdict: 'fails', reason: 'the right side is the cosine |<theta*, w>|/(||theta*|| ||w||), the left the unnormalized inner product: equal only when ||theta*|| ||w_i(t2)|| = 1 (here ||w_i|| ~ sqrt(eta)): 0.0166 against 0.196 at eta = 10^-1.5, ||theta*|| = 0.5, neuron 0' },
    measure: (ctx) => pieces(sweep(ctx)),
    decide: (ps, s, ctx) => identityOver(ctx, ps, (p: Piece) => ({ lhs: Math.abs(p.inner), rhs: (s.k * Math.abs(p.nt * p.ea + p.nt * p.uv)) / (p.nt * p.wn), message: p.at }), 'line 1 = line 2', EXACT),
    cases: (ps) => ps.length,
  });

  step(proof, 'proof-d1.step-25', {
    checks: 'The last display, line 2 = line 3, at every neuron of the runs at t2: |(||theta*|| e a + <theta*, v>)| / (||theta*|| ||w||) against |k e a + <u, v>| / ||e a u + v||, u = theta*/||theta*||, k = 1.',
    statement: { k: 1 },
    twins: [{ id: 'k=2', change: '2 e a_i(t1) in the numerator of line 3', statement: { k: 2 } }],
    expected: { verdict: 'holds', reason: 'dividing by ||theta*||, with w = e a u + v' },
    measure: (ctx) => pieces(sweep(ctx)),
    decide: (ps, s, ctx) => identityOver(ctx, ps, (p: Piece) => ({ lhs: Math.abs(p.nt * p.ea + p.nt * p.uv) / (p.nt * p.wn), rhs: Math.abs(s.k * p.ea + p.uv) / p.den3, message: p.at }), 'line 2 = line 3', EXACT),
    cases: (ps) => ps.length,
  });

  // constructed cases of line 3 >= line 4 in the plane of u and v: a = +-sqrt(eta), ||v|| = r e |a|, v at angle phi to u
  const grid = [1, -1].flatMap((sign) => [0.01, 0.1, 0.5, 0.9, 2].flatMap((r) => [0, Math.PI / 3, Math.PI / 2, Math.PI].map((phi) => {
    const ea = sign * Math.E * Math.sqrt(1e-3);
    const vn = r * Math.abs(ea);
    return { at: `a = ${sign} sqrt(1e-3), ||v|| = ${r} e |a|, angle ${phi.toFixed(3)}`, ea, v: vn, uv: vn * Math.cos(phi), den3: Math.hypot(ea + vn * Math.cos(phi), vn * Math.sin(phi)) };
  })));
  type Line3 = Pick<Piece, 'at' | 'ea' | 'v' | 'uv' | 'den3'>;
  const line4 = (p: Line3, k: number, e: number) => ({ lhs: (e - k * p.v) / (e + k * p.v), rhs: Math.abs(p.ea + p.uv) / p.den3 });
  step(proof, 'proof-d1.step-26', {
    checks: 'The last display, line 3 >= line 4 (triangle inequality): |e a + <u, v>| / ||e a u + v|| >= (e a - k ||v||)/(e a + k ||v||), k = 1, at every neuron of the runs at t2 and on 40 constructed cases (a = +-sqrt(1e-3), ||v|| = r e |a|, r in {0.01, 0.1, 0.5, 0.9, 2}, four angles); corrected: e |a_i(t1)| in place of e a_i(t1).',
    statement: { k: 1 },
    twins: [{ id: 'k=0', change: 'the O(.) term dropped: the ratio >= 1', statement: { k: 0 } }],
    expected: { verdict: 'erratum', reason: 'with a_i(t1) < 0 and ||v|| < e |a_i(t1)| the printed right side is (e|a| + ||v||)/(e|a| - ||v||) > 1 >= the cosine (278 against 0.196 at eta = 10^-1.5, ||theta*|| = 0.5, neuron 0); with |a_i(t1)| it is the triangle inequality (all 709 cases)' },
    measure: (ctx) => [...pieces(sweep(ctx)), ...grid] as Line3[],
    decide: (ps, s, ctx) => {
      const f = (abs: boolean) => (p: Line3) => {
        const l = line4(p, s.k, abs ? Math.abs(p.ea) : p.ea);
        return { lhs: l.lhs, rhs: l.rhs, message: p.at, binding: l.lhs > 0 };
      };
      return inequalityOver(ctx, ps, f(false), 'line 3 >= line 4', 'where e |a| > ||v||', EXACT, { f: f(true), form: 'e |a_i(t1)| in place of e a_i(t1)' });
    },
    cases: (ps) => ps.length,
  });
});
