import { describe } from 'vitest';
import proofEq1316 from '../../theorems/proofs/proof-eq13-16.js';
import proofEq41 from '../../theorems/proofs/proof-eq41.js';
import proofSketch from '../../theorems/proofs/proof-sketch-thm2.js';
import { identityOver, step, type Ctx, type Tolerance } from './support.js';

/**
 * The derivations of Eqs. (13)-(16) and (33)-(41): exact algebra on random states (d = 5, m = 4, a few noise signs),
 * the gradients against central finite differences of the noisy loss (Eq. (4)), the telescoped norm identity along
 * a T = 50-step trajectory of Eqs. (33)-(34) written out here (the same update the engine implements; eq-15-16.sgd-step
 * holds the engine to it).
 */
const D = 5;
const M = 4;
const ALG: Tolerance = { abs: 1e-12, rel: 1e-9 };
const FD: Tolerance = { abs: 1e-9, rel: 1e-6 };

interface Case {
  W: number[][];
  a: number[];
  x: number[];
  y: number;
  eps: number;
}
const dot = (u: readonly number[], v: readonly number[]): number => u.reduce((s, x, i) => s + x * (v[i] as number), 0);
const f = (c: Case): number => dot(c.a, c.W.map((w) => dot(w, c.x)));
const loss = (c: Case): number => 0.5 * (f(c) - c.y - c.eps) ** 2;

function cases(ctx: Ctx, k: number): Case[] {
  const rng = ctx.rng('states');
  return Array.from({ length: k }, (_, t) => ({
    W: Array.from({ length: M }, () => Array.from({ length: D }, () => rng.gaussian() / Math.sqrt(D))),
    a: Array.from({ length: M }, () => rng.gaussian() / Math.sqrt(M)),
    x: Array.from({ length: D }, () => rng.gaussian()),
    y: rng.gaussian(),
    eps: t % 2 === 0 ? 1 : -1,
  }));
}

/** a T-step trajectory of Eqs. (33)-(34) for neuron 0 with fresh inputs, labels and noise */
function trajectory(ctx: Ctx, eta: number) {
  const rng = ctx.rng('trajectory', eta);
  const c = cases(ctx, 1)[0] as Case;
  const W = c.W.map((w) => [...w]);
  const a = [...c.a];
  const ws: number[][] = [[...(W[0] as number[])]];
  const as: number[] = [a[0] as number];
  const steps: { r: number; x: number[] }[] = [];
  for (let t = 0; t < 50; t++) {
    const x = Array.from({ length: D }, () => rng.gaussian());
    const st: Case = { W, a, x, y: rng.gaussian(), eps: rng.double() < 0.5 ? -1 : 1 };
    const r = f(st) - st.y - st.eps;
    const wOld = W.map((w) => [...w]);
    for (let i = 0; i < M; i++) {
      const wx = dot(wOld[i] as number[], x);
      for (let k = 0; k < D; k++) (W[i] as number[])[k] = (wOld[i]![k] as number) - eta * (a[i] as number) * r * (x[k] as number);
      a[i] = (a[i] as number) - eta * r * wx;
    }
    steps.push({ r, x });
    ws.push([...(W[0] as number[])]);
    as.push(a[0] as number);
  }
  return { ws, as, steps, eta };
}

describe('Eqs. (13)-(16) (proof-eq13-16)', () => {
  const h = 1e-6;
  step(proofEq1316, 'proof-eq13-16.step-1', {
    checks: 'd loss / d w_ij by central finite differences (h = 1e-6) against k a_i r x_j, k = 1, r = f - y - eps, on 6 random states (d = 5, m = 4).',
    statement: { k: 1 },
    twins: [{ id: 'k=2', change: '2 a_i r x_j', statement: { k: 2 } }],
    expected: { verdict: 'holds', reason: 'the chain rule' },
    measure: (ctx) => cases(ctx, 6),
    decide: (cs, s, ctx) =>
      identityOver(ctx, cs.flatMap((c, n) => Array.from({ length: M * D }, (_, q) => ({ c, n, i: Math.floor(q / D), j: q % D }))), ({ c, n, i, j }) => {
        const plus = { ...c, W: c.W.map((w, ii) => (ii === i ? w.map((v, jj) => (jj === j ? v + h : v)) : w)) };
        const minus = { ...c, W: c.W.map((w, ii) => (ii === i ? w.map((v, jj) => (jj === j ? v - h : v)) : w)) };
        return { lhs: (loss(plus) - loss(minus)) / (2 * h), rhs: s.k * (c.a[i] as number) * (f(c) - c.y - c.eps) * (c.x[j] as number), message: `state ${n}, (i, j) = (${i}, ${j})` };
      }, 'Eq. (13)', FD),
    cases: (cs) => cs.length * M * D,
  });

  step(proofEq1316, 'proof-eq13-16.step-2', {
    checks: 'd loss / d a_i by central finite differences against k r x^T w_i, k = 1.',
    statement: { k: 1 },
    twins: [{ id: 'k=2', change: '2 r x^T w_i', statement: { k: 2 } }],
    expected: { verdict: 'holds', reason: 'the chain rule' },
    measure: (ctx) => cases(ctx, 6),
    decide: (cs, s, ctx) =>
      identityOver(ctx, cs.flatMap((c, n) => Array.from({ length: M }, (_, i) => ({ c, n, i }))), ({ c, n, i }) => {
        const plus = { ...c, a: c.a.map((v, ii) => (ii === i ? v + h : v)) };
        const minus = { ...c, a: c.a.map((v, ii) => (ii === i ? v - h : v)) };
        return { lhs: (loss(plus) - loss(minus)) / (2 * h), rhs: s.k * (f(c) - c.y - c.eps) * dot(c.x, c.W[i] as number[]), message: `state ${n}, i = ${i}` };
      }, 'Eq. (14)', FD),
    cases: (cs) => cs.length * M,
  });
});

describe('Eqs. (33)-(41) (proof-eq41)', () => {
  const ETAS = [1e-3, 0.05];
  step(proofEq41, 'proof-eq41.step-3', {
    checks: 'Eq. (35): ||w_i(t+1)||^2 = ||w_i||^2 - 2 eta a_i r x^T w_i + k ||eta a_i r x||^2, k = 1, along the trajectories (eta in {1e-3, 0.05}).',
    statement: { k: 1 },
    twins: [{ id: 'k=0', change: 'without the square term', statement: { k: 0 } }],
    expected: { verdict: 'holds', reason: 'the square of a sum' },
    measure: (ctx) => ETAS.map((eta) => trajectory(ctx, eta)),
    decide: (tr, s, ctx) =>
      identityOver(ctx, tr.flatMap((T) => T.steps.map((st, t) => ({ T, st, t }))), ({ T, st, t }) => {
        const w = T.ws[t] as number[];
        const a = T.as[t] as number;
        const nx2 = dot(st.x, st.x);
        const w1 = T.ws[t + 1] as number[];
        return { lhs: dot(w1, w1), rhs: dot(w, w) - 2 * T.eta * a * st.r * dot(st.x, w) + s.k * (T.eta * a * st.r) ** 2 * nx2, message: `eta = ${T.eta}, t = ${t}` };
      }, 'Eq. (35)', ALG),
    cases: (tr) => tr.length * 50,
  });

  step(proofEq41, 'proof-eq41.step-7', {
    checks: 'Eq. (39): 2 sum_j (a_j - a_{j+1}) a_j = sum_j (a_j - a_{j+1})^2 + k (a_0^2 - a_T^2), k = 1, on the trajectories\' a_i(j).',
    statement: { k: 1 },
    twins: [{ id: 'k=-1', change: 'a_T^2 - a_0^2', statement: { k: -1 } }],
    expected: { verdict: 'holds', reason: 'telescoping' },
    measure: (ctx) => ETAS.map((eta) => trajectory(ctx, eta)),
    decide: (tr, s, ctx) =>
      identityOver(ctx, tr, (T) => {
        const as = T.as;
        let lhs = 0;
        let sq = 0;
        for (let j = 0; j < as.length - 1; j++) {
          lhs += 2 * ((as[j] as number) - (as[j + 1] as number)) * (as[j] as number);
          sq += ((as[j] as number) - (as[j + 1] as number)) ** 2;
        }
        return { lhs, rhs: sq + s.k * ((as[0] as number) ** 2 - (as[as.length - 1] as number) ** 2), message: `eta = ${T.eta}` };
      }, 'Eq. (39)', ALG),
    cases: (tr) => tr.length,
  });

  step(proofEq41, 'proof-eq41.step-8', {
    checks: 'Eq. (40) as printed: the sum of (a_i(j) - a_i(j))^2 (= 0) + a_0^2 - a_T^2 against the left side of (39); corrected: (a_i(j) - a_i(j + k))^2, k = 1.',
    statement: { k: 1 },
    twins: [{ id: 'k=2', change: 'corrected with a_i(j + 2)', statement: { k: 2 } }],
    expected: { verdict: 'erratum', reason: 'a misprint: a_i(j) - a_i(j) for a_i(j) - a_i(j+1)' },
    measure: (ctx) => ETAS.map((eta) => trajectory(ctx, eta)),
    decide: (tr, s, ctx) => {
      const lhsOf = (as: number[]): number => as.slice(0, -1).reduce((acc, v, j) => acc + 2 * (v - (as[j + 1] as number)) * v, 0);
      const rhsOf = (as: number[], k: number): number => {
        let sq = 0;
        for (let j = 0; j < as.length - 1; j++) sq += k === 0 ? 0 : ((as[j] as number) - (as[Math.min(j + k, as.length - 1)] as number)) ** 2;
        return sq + (as[0] as number) ** 2 - (as[as.length - 1] as number) ** 2;
      };
      return identityOver(ctx, tr, (T) => ({ lhs: lhsOf(T.as), rhs: rhsOf(T.as, 0), message: `eta = ${T.eta}` }), 'Eq. (40)', ALG, { f: (T) => ({ lhs: lhsOf(T.as), rhs: rhsOf(T.as, s.k), message: `eta = ${T.eta}` }), form: 'sum (a_i(j) - a_i(j+1))^2' });
    },
    cases: (tr) => tr.length,
  });

  step(proofEq41, 'proof-eq41.step-14', {
    checks: 'Eq. (41) along the trajectories: ||w_i(T)||^2 = ||w_i(0)||^2 + eta^2 sum_j Delta W_i(j) - a_i(0)^2 + k a_i(T)^2, k = 1, at every T <= 50.',
    statement: { k: 1 },
    twins: [{ id: 'k=0', change: 'without a_i(T)^2', statement: { k: 0 } }],
    expected: { verdict: 'holds', reason: 'the exact telescoped identity (eq-41.norm-identity)' },
    measure: (ctx) => ETAS.map((eta) => trajectory(ctx, eta)),
    decide: (tr, s, ctx) =>
      identityOver(ctx, tr.flatMap((T) => T.steps.map((_, t) => ({ T, t: t + 1 }))), ({ T, t }) => {
        let sum = 0;
        for (let j = 0; j < t; j++) {
          const st = T.steps[j]!;
          const w = T.ws[j] as number[];
          const a = T.as[j] as number;
          sum += -(st.r ** 2) * (dot(st.x, w) ** 2 - a * a * dot(st.x, st.x));
        }
        const w0 = T.ws[0] as number[];
        const wt = T.ws[t] as number[];
        return { lhs: dot(wt, wt), rhs: dot(w0, w0) + T.eta ** 2 * sum - (T.as[0] as number) ** 2 + s.k * (T.as[t] as number) ** 2, message: `eta = ${T.eta}, T = ${t}` };
      }, 'Eq. (41)', ALG),
    cases: (tr) => tr.length * 50,
  });
});

describe('the main-text sketch of Theorem 2 (proof-sketch-thm2)', () => {
  const ETAS = [1e-3, 0.05];
  const identityAt = (T: ReturnType<typeof trajectory>, t: number, dw: (st: { r: number; x: number[] }, w: number[], a: number) => number, kT: number) => {
    let sum = 0;
    for (let j = 0; j < t; j++) sum += dw(T.steps[j]!, T.ws[j] as number[], T.as[j] as number);
    const w0 = T.ws[0] as number[];
    const wt = T.ws[t] as number[];
    return { lhs: dot(wt, wt), rhs: dot(w0, w0) + T.eta ** 2 * sum - (T.as[0] as number) ** 2 + kT * (T.as[t] as number) ** 2, message: `eta = ${T.eta}, T = ${t}` };
  };
  step(proofSketch, 'proof-sketch-thm2.step-1', {
    checks: 'The AAAI norm identity with the unbracketed Delta W = -r^2 (x^T w)^2 - a^2 ||x||^2 along the trajectories of Eqs. (33)-(34); corrected: the bracketed -r^2 ((x^T w)^2 - a^2 ||x||^2) (long version, Eq. (41)), with + k a_i(T)^2, k = 1.',
    statement: { k: 1 },
    twins: [{ id: 'k=0', change: 'corrected without a_i(T)^2', statement: { k: 0 } }],
    expected: { verdict: 'erratum', reason: 'insights-thm2.norm-identity-aaai: without the bracket the a^2 ||x||^2 term loses r^2 and its sign' },
    measure: (ctx) => ETAS.map((eta) => trajectory(ctx, eta)),
    decide: (tr, s, ctx) => {
      const cases = tr.flatMap((T) => [10, 50].map((t) => ({ T, t })));
      return identityOver(ctx, cases, ({ T, t }) => identityAt(T, t, (st, w, a) => -(st.r ** 2) * dot(st.x, w) ** 2 - a * a * dot(st.x, st.x), 1), 'the AAAI identity', ALG, {
        f: ({ T, t }) => identityAt(T, t, (st, w, a) => -(st.r ** 2) * (dot(st.x, w) ** 2 - a * a * dot(st.x, st.x)), s.k),
        form: 'Delta W_i(j) = -r^2 ((x^T w)^2 - a^2 ||x||^2)',
      });
    },
    cases: () => 4,
  });

  step(proofSketch, 'proof-sketch-thm2.step-3', {
    checks: 'r^2 (x^T w_i(j))^2 against (a_i(j+1) - a_i(j))^2 along the trajectories (eta in {1e-3, 0.05}); corrected: eta^p r^2 (x^T w)^2, p = 2.',
    statement: { p: 2 },
    twins: [{ id: 'p=1', change: 'corrected with eta^1', statement: { p: 1 } }],
    expected: { verdict: 'erratum', reason: 'insights-thm2.a-increment: the printed form lacks eta^2' },
    measure: (ctx) => ETAS.map((eta) => trajectory(ctx, eta)),
    decide: (tr, s, ctx) => {
      const cases = tr.flatMap((T) => T.steps.map((st, j) => ({ T, st, j })));
      const lhs = (c: (typeof cases)[number]): number => ((c.T.as[c.j + 1] as number) - (c.T.as[c.j] as number)) ** 2;
      return identityOver(ctx, cases, (c) => ({ lhs: lhs(c), rhs: c.st.r ** 2 * dot(c.st.x, c.T.ws[c.j] as number[]) ** 2, message: `eta = ${c.T.eta}, j = ${c.j}` }), 'the a-increment', ALG, {
        f: (c) => ({ lhs: lhs(c), rhs: Math.pow(c.T.eta, s.p) * c.st.r ** 2 * dot(c.st.x, c.T.ws[c.j] as number[]) ** 2, message: `eta = ${c.T.eta}, j = ${c.j}` }),
        form: '(a_i(j+1) - a_i(j))^2 = eta^2 r^2 (x^T w_i(j))^2',
      });
    },
    cases: (tr) => tr.length * 50,
  });
});
