import { describe } from 'vitest';
import proof from '../../theorems/proofs/proof-c3.js';
import { byNeuron, lemmaC3EventCases, probability, type StepEventCase } from '../../src/scenarios/deltaWEvents.js';
import { proofBound } from '../../src/scenarios/deltaWAlongSgd.js';
import { deltaWLong } from '../../src/theory/deltaW.js';
import { identityOver, inequalityOver, shared, step, type Ctx, type Tolerance } from './support.js';

/**
 * Proof of Lemma C.3, the events of one step and Delta W's algebra (steps 2, 3, 14-17, 22), read case by case on
 * premise states (src/scenarios/deltaWEvents.ts: Eq. (5) moved to Definition 1's radius and the smallest-norm neurons
 * at m up to 1e8, |a_i| at the edge of C_j; every (example, sign) pair of the training set at sigma = 4 and 1).
 * Longer than a claim's declaration because it declares seven steps (one `step` each, with statement, twins and
 * expectation).
 */
const cases = (ctx: Ctx): StepEventCase[] => shared(ctx, 'lemma-c3-events', (seedOf) => lemmaC3EventCases(seedOf('states')));
const ind = (b: boolean): number => (b ? 1 : 0);
const at = (c: StepEventCase): string => `${c.state}, neuron ${c.neuron}, example ${c.example}, eps = ${c.eps}`;
/** Delta W's terms are at most ~1e4 here (r up to ~50, ||x||^2 up to ~60): float64 rounding ~1e-12, 1e-9 leaves room */
const ALG: Tolerance = { abs: 1e-9, rel: 1e-9 };
const dW = (c: StepEventCase): number => deltaWLong(c.r, c.xw, c.a, c.x2);

describe('proof of Lemma C.3: the events of one step (proof-c3)', () => {
  step(proof, 'proof-c3.step-2', {
    checks: '[Delta W > 0] = [(x^T w)^2 < a^2 ||x||^p] (p = 2) and = [(x_hat^T w)^2 < a^2], as 0/1 indicators on every case with r != 0 (premise states, sigma in {4, 1}).',
    statement: { p: 2 },
    twins: [{ id: 'p=1', change: 'a^2 ||x|| in the middle form', statement: { p: 1 } }],
    expected: { verdict: 'holds', reason: 'r^2 > 0 divides out, and ||x||^2 > 0 normalizes' },
    measure: (ctx) => cases(ctx).filter((c) => c.r !== 0),
    decide: (cs, s, ctx) =>
      identityOver(ctx, cs.flatMap((c) => [{ c, form: 'middle' }, { c, form: 'normalized' }]), ({ c, form }) => ({
        lhs: ind(dW(c) > 0),
        rhs: form === 'middle' ? ind(c.xw ** 2 < c.a ** 2 * Math.pow(c.x2, s.p / 2)) : ind((c.xw / Math.sqrt(c.x2)) ** 2 < c.a ** 2),
        message: `${at(c)} (${form} form)`,
      }), 'the event Delta W > 0', { abs: 0, rel: 0 }),
    cases: (cs) => 2 * cs.length,
  });

  step(proof, 'proof-c3.step-3', {
    checks: 'Eq. (42): [(x_hat^T w)^2 < a^2] = [|x^T w| / ||x||^q < |a|] (q = 1: x_hat = x/||x||) as 0/1 indicators on every case.',
    statement: { q: 1 },
    twins: [{ id: 'q=0', change: 'x not normalized', statement: { q: 0 } }],
    expected: { verdict: 'holds', reason: 'the square root of both sides' },
    measure: cases,
    decide: (cs, s, ctx) => identityOver(ctx, cs, (c) => ({ lhs: ind((c.xw / Math.sqrt(c.x2)) ** 2 < c.a ** 2), rhs: ind(Math.abs(c.xw) / Math.pow(c.x2, s.q / 2) < Math.abs(c.a)), message: at(c) }), 'Eq. (42)', { abs: 0, rel: 0 }),
    cases: (cs) => cs.length,
  });

  step(proof, 'proof-c3.step-14', {
    checks: 'Delta W (src/theory/deltaW.ts, the definition before Eq. (41)) = -r^2 (x^T w)^2 + k r^2 a^2 ||x||^2, k = 1, on every case (abs and rel tolerance 1e-9).',
    statement: { k: 1 },
    twins: [{ id: 'k=-1', change: 'the second term with a minus sign', statement: { k: -1 } }],
    expected: { verdict: 'holds', reason: 'expanding the bracket' },
    measure: cases,
    decide: (cs, s, ctx) => identityOver(ctx, cs, (c) => ({ lhs: dW(c), rhs: -(c.r ** 2) * c.xw ** 2 + s.k * c.r ** 2 * c.a ** 2 * c.x2, message: at(c) }), 'the expansion of Delta W', ALG),
    cases: (cs) => cs.length,
  });

  step(proof, 'proof-c3.step-15', {
    checks: 'Delta W <= c r^2 a^2 ||x||^2, c = 1, on every case (a fifth of them have Delta W > 0 at m = 1e2).',
    statement: { c: 1 },
    twins: [{ id: 'c=0', change: 'Delta W <= 0', statement: { c: 0 } }],
    expected: { verdict: 'holds', reason: 'the dropped term -r^2 (x^T w)^2 is <= 0' },
    measure: cases,
    decide: (cs, s, ctx) => inequalityOver(ctx, cs, (c) => ({ lhs: dW(c), rhs: s.c * c.r ** 2 * c.a ** 2 * c.x2, message: at(c) }), 'dropping -r^2 (x^T w)^2', 'everywhere', ALG),
    cases: (cs) => cs.length,
  });

  step(proof, 'proof-c3.step-16', {
    checks:
      'Delta W <= O(m^{1/4})^2 C_data^2 / m^{1/2} = O(1) in its explicit form: per state and sigma, max over its cases of Delta W <= k R^2 C_data^2 / sqrt(m), k = 1, R = 2 (||theta|| + m^{1/4}) C_data + sigma (the residual bound after Eq. (32), which bounds |r| at the state since ||theta*|| <= m^{1/4}), C_data the largest ||x|| of the training set; R^2 C_data^2 / sqrt(m) stays bounded in m while ||theta|| = O(m^{1/4}) (evidence).',
    statement: { k: 1 },
    twins: [{ id: 'k=1e-3', change: 'a thousandth of the bound', statement: { k: 1e-3 } }],
    expected: { verdict: 'holds', reason: 'Delta W <= r^2 a^2 ||x||^2 with |r| <= R, a^2 <= m^{-1/2}, ||x|| <= C_data; the explicit bound is loose (max Delta W is a few percent of it)' },
    measure: (ctx) => {
      const groups = new Map<string, StepEventCase[]>();
      for (const c of cases(ctx)) {
        const key = `${c.state}, sigma = ${c.sigma}`;
        if (!groups.has(key)) groups.set(key, []);
        groups.get(key)?.push(c);
      }
      return [...groups].map(([where, g]) => {
        const c0 = g[0] as StepEventCase;
        const C = Math.sqrt(Math.max(...g.map((c) => c.x2)));
        return { where, maxDW: Math.max(...g.map(dW)), bound: proofBound(c0.m, c0.thetaNorm, C, c0.sigma).dwBound };
      });
    },
    decide: (g, s, ctx) => inequalityOver(ctx, g, (x) => ({ lhs: x.maxDW, rhs: s.k * x.bound, message: x.where }), 'Delta W = O(1)', 'everywhere', ALG),
    evidence: (g) => ({ settings: g.map((x) => x.where), maxDeltaW: g.map((x) => x.maxDW), explicitBound: g.map((x) => x.bound) }),
    cases: (g) => g.length,
  });

  step(proof, 'proof-c3.step-17', {
    checks: 'Per neuron (its exact law over the 2n (example, sign) pairs): P(Delta W <= -(sigma/4)^2) = P(r^2 ((x^T w)^2 - a^2 ||x||^2) >= (sigma/c)^2), c = 4.',
    statement: { c: 4 },
    twins: [{ id: 'c=2', change: '(sigma/2)^2 on the right', statement: { c: 2 } }],
    expected: { verdict: 'holds', reason: 'the definition of Delta W, negated' },
    measure: (ctx) => byNeuron(cases(ctx)),
    decide: (gs, s, ctx) =>
      identityOver(ctx, gs, (g) => {
        const c0 = g[0] as StepEventCase;
        return { lhs: probability(g, (c) => dW(c) <= -((c.sigma / 4) ** 2)), rhs: probability(g, (c) => c.r ** 2 * (c.xw ** 2 - c.a ** 2 * c.x2) >= (c.sigma / s.c) ** 2), message: `${c0.state}, neuron ${c0.neuron}, sigma = ${c0.sigma}` };
      }, 'the event Delta W <= -(sigma/4)^2', { abs: 0, rel: 0 }),
    cases: (gs) => gs.length,
  });

  step(proof, 'proof-c3.step-22', {
    checks: 'For every example of every state: P(sign((theta - theta*)^T x) = sign(eps)) over eps = +-sigma (equally likely, independent of x) = p, p = 1/2 (u = (theta - theta*)^T x = r + eps since y = theta*^T x).',
    statement: { p: 0.5 },
    twins: [{ id: 'p=3/4', change: 'probability 3/4', statement: { p: 0.75 } }],
    expected: { verdict: 'holds', reason: 'exactly one of the two signs agrees with u when u != 0' },
    measure: (ctx) => byNeuron(cases(ctx).filter((c) => c.neuron === 0)).flatMap((g) => [...new Set(g.map((c) => c.example))].map((k) => g.filter((c) => c.example === k))),
    decide: (gs, s, ctx) =>
      identityOver(ctx, gs, (g) => {
        const c0 = g[0] as StepEventCase;
        return { lhs: probability(g, (c) => Math.sign(c.r + c.eps) === Math.sign(c.eps)), rhs: s.p, message: `${c0.state}, example ${c0.example}, sigma = ${c0.sigma}: u = ${c0.r + c0.eps}` };
      }, 'P(same sign) = 1/2', { abs: 0, rel: 0 }),
    cases: (gs) => gs.length,
  });
});
