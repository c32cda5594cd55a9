import { describe } from 'vitest';
import proof from '../../theorems/proofs/proof-c3.js';
import { byNeuron, lemmaC3EventCases, probability, type StepEventCase } from '../../src/scenarios/deltaWEvents.js';
import { rho } from '../../src/theory/constants.js';
import { identityOver, inequalityOver, shared, step, type Ctx, type Tolerance } from './support.js';

/**
 * Proof of Lemma C.3, the chain towards P(Delta W <= -(sigma/4)^2) >= 1/4 (steps 18-20, 24-26): each line evaluated per
 * neuron on its exact law over the 2n (example, sign) pairs of premise states (src/scenarios/deltaWEvents.ts), with
 * A = {|x_hat^T w| < |a|}, B = (x^T w)^2 - a^2 ||x||^2 and E = {r^2 B >= (sigma/4)^2}. Longer than a claim's declaration
 * because it declares six steps (one `step` each, with statement, twins and expectation).
 */
const groups = (ctx: Ctx): StepEventCase[][] => shared(ctx, 'lemma-c3-events', (seedOf) => byNeuron(lemmaC3EventCases(seedOf('states'))));
/** probabilities are ratios of counts of at most 400: products of two of them are exact to ~1e-16 */
const EXACT: Tolerance = { abs: 1e-12, rel: 1e-12 };
const A = (c: StepEventCase): boolean => (c.xw / Math.sqrt(c.x2)) ** 2 < c.a ** 2;
const B = (c: StepEventCase): number => c.xw ** 2 - c.a ** 2 * c.x2;
const E = (c: StepEventCase): boolean => c.r ** 2 * B(c) >= (c.sigma / 4) ** 2;
/** P(event | not A) under the neuron's law (0 when not A is empty) */
const givenNotA = (g: readonly StepEventCase[], ev: (c: StepEventCase) => boolean): number => {
  const notA = g.filter((c) => !A(c));
  return notA.length === 0 ? 0 : probability(notA, ev);
};
const where = (g: readonly StepEventCase[]): string => {
  const c = g[0] as StepEventCase;
  return `${c.state}, neuron ${c.neuron} (||w|| = ${c.wNorm.toPrecision(4)}), sigma = ${c.sigma}`;
};

describe('proof of Lemma C.3: the chain to 1/4 (proof-c3)', () => {
  step(proof, 'proof-c3.step-18', {
    checks: 'The law of total probability as printed: P(E) = P(E | A) P(A\') + P(E | not A) P(not A\') with A\' = {|x^T w| < |a|} (x not normalized, as the second factors print it), per neuron; corrected: with P(A), P(not A) and k P(E | not A) P(not A), k = 1.',
    statement: { k: 1 },
    twins: [{ id: 'k=2', change: 'corrected with twice the second term', statement: { k: 2 } }],
    expected: { verdict: 'erratum', reason: 'the printed second factors drop the normalization of x: P(not A\') > P(not A) when ||x|| > 1, so the printed sum exceeds P(E) (m = 1e2, d = 20, neuron 1: P(E) = 0.005 against 0.287)' },
    measure: groups,
    decide: (gs, s, ctx) => {
      const parts = (g: StepEventCase[]) => {
        const pA = probability(g, A);
        const pEgA = pA === 0 ? 0 : probability(g, (c) => A(c) && E(c)) / pA;
        const pAp = probability(g, (c) => Math.abs(c.xw) < Math.abs(c.a));
        return { pE: probability(g, E), pA, pEgA, pAp, pEgNotA: givenNotA(g, E) };
      };
      return identityOver(ctx, gs, (g) => { const p = parts(g); return { lhs: p.pE, rhs: p.pEgA * p.pAp + p.pEgNotA * (1 - p.pAp), message: where(g) }; }, 'the total probability over A', EXACT, {
        f: (g) => { const p = parts(g); return { lhs: p.pE, rhs: p.pEgA * p.pA + s.k * p.pEgNotA * (1 - p.pA), message: where(g) }; },
        form: 'P(E) = P(E | A) P(A) + P(E | not A) P(not A), A with x_hat = x/||x||',
      });
    },
    cases: (gs) => gs.length,
  });

  step(proof, 'proof-c3.step-19', {
    checks: 'P(E) >= k P(E | not A) P(not A), k = 1, per neuron (the dropped term P(E | A) P(A) is >= 0; here it is 0, since B < 0 on A).',
    statement: { k: 1 },
    twins: [{ id: 'k=2', change: 'twice the right side', statement: { k: 2 } }],
    expected: { verdict: 'holds', reason: 'a non-negative term dropped (with equality: E and A are disjoint)' },
    measure: groups,
    decide: (gs, s, ctx) => inequalityOver(ctx, gs, (g) => ({ lhs: s.k * givenNotA(g, E) * (1 - probability(g, A)), rhs: probability(g, E), binding: probability(g, E) > 0, message: where(g) }), 'dropping the first term', 'where P(E) > 0', EXACT),
    cases: (gs) => gs.length,
  });

  step(proof, 'proof-c3.step-20', {
    checks: 'P(E | not A) P(not A) >= (1 - f rho/m^{1/8}) P(E\' | not A), f = 1, per neuron, E\' the printed event r^2 ((x^T w)^2 - a^2 - a^2 ||x||^2) >= (sigma/4)^2 (its repeated a^2 only shrinks it); binding where rho/m^{1/8} < 1 and P(E\' | not A) > 0.',
    statement: { f: 1 },
    twins: [{ id: 'f=1/4', change: 'rho/(4 m^{1/8})', statement: { f: 0.25 } }],
    expected: { verdict: 'fails', reason: 'inherits the gap of step 12: at the smallest-norm neurons of Eq. (5) at m = 1e8, d = 7 (||w|| = 0.046 < m^{-1/8} = 0.1, a lower bound the proof needs and never states), P(not A) = 0.60 < 1 - rho/m^{1/8} = 0.70' },
    measure: groups,
    decide: (gs, s, ctx) =>
      inequalityOver(ctx, gs, (g) => {
        const c0 = g[0] as StepEventCase;
        const r = rho(c0.d) / Math.pow(c0.m, 1 / 8);
        const pEp = givenNotA(g, (c) => c.r ** 2 * (B(c) - c.a ** 2) >= (c.sigma / 4) ** 2);
        return { lhs: (1 - s.f * r) * pEp, rhs: givenNotA(g, E) * (1 - probability(g, A)), binding: r < 1 && pEp > 0, message: `${where(g)}: P(not A) = ${1 - probability(g, A)}, 1 - rho/m^{1/8} = ${1 - r}` };
      }, 'P(not A) >= 1 - rho/m^{1/8}', 'where rho/m^{1/8} < 1 (m > rho^8: 6.3e3 at d = 7, 4.2e5 at d = 20)', EXACT),
    cases: (gs) => gs.length,
  });

  step(proof, 'proof-c3.step-24', {
    checks: 'P(E | not A) >= k P(B >= 1/16 | not A), k = 1/2, per neuron (given x with B >= 1/16, one of eps = +-sigma gives r^2 >= sigma^2).',
    statement: { k: 0.5 },
    twins: [{ id: 'k=1', change: 'without the factor 1/2', statement: { k: 1 } }],
    expected: { verdict: 'holds', reason: 'of the two signs of eps, the one opposite to u = (theta - theta*)^T x gives |r| = |u| + sigma >= sigma' },
    measure: groups,
    decide: (gs, s, ctx) => inequalityOver(ctx, gs, (g) => ({ lhs: s.k * givenNotA(g, (c) => B(c) >= 1 / 16), rhs: givenNotA(g, E), binding: givenNotA(g, (c) => B(c) >= 1 / 16) > 0, message: where(g) }), 'the factor 1/2 from the noise', 'where P(B >= 1/16 | not A) > 0', EXACT),
    cases: (gs) => gs.length,
  });

  step(proof, 'proof-c3.step-25', {
    checks: 'P(B >= 1/16 | not A) >= P((x^T w)^2 - m^{-q} ||x||^2 >= 1/16 | not A), q = 1/4, per neuron (a^2 <= m^{-1/2} <= m^{-1/4} under C_j).',
    statement: { q: 0.25 },
    twins: [{ id: 'q=2', change: 'm^{-2} (below a^2 at the edge of C_j)', statement: { q: 2 } }],
    expected: { verdict: 'holds', reason: 'a^2 <= m^{-1/4} makes the event smaller (the printed "a^2 <= m^{1/4}" is a misprint of the exponent\'s sign)' },
    measure: groups,
    decide: (gs, s, ctx) =>
      inequalityOver(ctx, gs, (g) => {
        const m = (g[0] as StepEventCase).m;
        return { lhs: givenNotA(g, (c) => c.xw ** 2 - Math.pow(m, -s.q) * c.x2 >= 1 / 16), rhs: givenNotA(g, (c) => B(c) >= 1 / 16), message: where(g) };
      }, 'a^2 replaced by m^{-1/4}', 'everywhere', EXACT),
    cases: (gs) => gs.length,
  });

  step(proof, 'proof-c3.step-26', {
    checks: 'Per neuron: P((x^T w)^2 - m^{-1/4} ||x||^2 >= 1/16 | not A) = P(|x_hat^T w| >= sqrt((1/(c ||x||))^2 + m^{-1/4}) | not A), c = 4.',
    statement: { c: 4 },
    twins: [{ id: 'c=2', change: '(1/(2 ||x||))^2', statement: { c: 2 } }],
    expected: { verdict: 'holds', reason: 'dividing by ||x||^2 and taking square roots' },
    measure: groups,
    decide: (gs, s, ctx) =>
      identityOver(ctx, gs, (g) => {
        const m = (g[0] as StepEventCase).m;
        return { lhs: givenNotA(g, (c) => c.xw ** 2 - Math.pow(m, -0.25) * c.x2 >= 1 / 16), rhs: givenNotA(g, (c) => Math.abs(c.xw) / Math.sqrt(c.x2) >= Math.sqrt((1 / (s.c * Math.sqrt(c.x2))) ** 2 + Math.pow(m, -0.25))), message: where(g) };
      }, 'the event rewritten on x_hat', EXACT),
    cases: (gs) => gs.length,
  });
});
