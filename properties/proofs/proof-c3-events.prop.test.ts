import { describe } from 'vitest';
import proof from '../../theorems/proofs/proof-c3.js';
import { byNeuron, lemmaC3EventCases, probability, type StepEventCase } from '../../src/scenarios/deltaWEvents.js';
import { proofBound } from '../../src/scenarios/deltaWAlongSgd.js';
import { rho } from '../../src/theory/constants.js';
import { deltaWLong } from '../../src/theory/deltaW.js';
import { identityOver, inequalityOver, shared, step, type Ctx, type Tolerance } from './support.js';

/**
 * Proof of Lemma C.3, the events of one step and Delta W's algebra (steps 2, 3, 14-17, 22) and the chain towards
 * P(Delta W <= -(sigma/4)^2) >= 1/4 (steps 18-20, 24-26), read on premise states (src/scenarios/deltaWEvents.ts: Eq. (5)
 * moved to Definition 1's radius and the smallest-norm neurons at m up to 1e8, |a_i| at the edge of C_j): case by case
 * (every (example, sign) pair of the training set), or per neuron on its exact law over these 2n pairs, at sigma = 4
 * and 1, with A = {|x_hat^T w| < |a|}, B = (x^T w)^2 - a^2 ||x||^2 and E = {r^2 B >= (sigma/4)^2}. Longer than a claim's
 * declaration because it declares thirteen steps (one `step` each, with statement, twins and expectation), sharing one
 * case table.
 */
const cases = (ctx: Ctx): StepEventCase[] => shared(ctx, 'lemma-c3-events', (seedOf) => lemmaC3EventCases(seedOf('states')));
/** the per-case steps read the cases at the paper's sigma = 4 (sigma enters them only through r) */
const atSigma4 = (ctx: Ctx): StepEventCase[] => shared(ctx, 'lemma-c3-events-sigma-4', () => cases(ctx).filter((c) => c.sigma === 4));
const groups = (ctx: Ctx): StepEventCase[][] => shared(ctx, 'lemma-c3-neuron-laws', () => byNeuron(cases(ctx)));
/** the number of a neuron's cases where two events disagree (lhs) against 0, naming the first such case */
const disagreements = (g: readonly StepEventCase[], e1: (c: StepEventCase) => boolean, e2: (c: StepEventCase) => boolean, form: string) => {
  const bad = g.filter((c) => e1(c) !== e2(c));
  const c0 = (bad[0] ?? g[0]) as StepEventCase;
  return { lhs: bad.length, rhs: 0, message: `${c0.state}, neuron ${c0.neuron} (${form}): ${bad.length} of ${g.length} cases disagree${bad.length ? `, first at ${at(c0)}` : ''}` };
};
/** counts of cases, and probabilities as counts over 2n = 400 cases: a disagreement of one case is a gap of 1 or 1/400 */
const COUNTS: Tolerance = { abs: 1e-12, rel: 0 };
const at = (c: StepEventCase): string => `${c.state}, neuron ${c.neuron}, example ${c.example}, eps = ${c.eps}`;
/** Delta W's terms are at most ~1e4 here (r up to ~50, ||x||^2 up to ~60): float64 rounding ~1e-12, 1e-9 leaves room */
const ALG: Tolerance = { abs: 1e-9, rel: 1e-9 };
const dW = (c: StepEventCase): number => deltaWLong(c.r, c.xw, c.a, c.x2);

describe('proof of Lemma C.3: the events of one step (proof-c3)', () => {
  step(proof, 'proof-c3.step-2', {
    checks: '[Delta W > 0] = [(x^T w)^2 < a^2 ||x||^p] (p = 2) and = [(x_hat^T w)^2 < a^2] on every case with r != 0 at sigma = 4: per neuron and form, the number of its cases where the two events disagree against 0.',
    statement: { p: 2 },
    twins: [{ id: 'p=1', change: 'a^2 ||x|| in the middle form', statement: { p: 1 } }],
    expected: { verdict: 'holds', reason: 'r^2 > 0 divides out, and ||x||^2 > 0 normalizes' },
    measure: (ctx) => byNeuron(atSigma4(ctx).filter((c) => c.r !== 0)).flatMap((g) => [{ g, form: 'middle' as const }, { g, form: 'normalized' as const }]),
    decide: (gs, s, ctx) =>
      identityOver(ctx, gs, ({ g, form }) => disagreements(g, (c) => dW(c) > 0, form === 'middle' ? (c) => c.xw ** 2 < c.a ** 2 * Math.pow(c.x2, s.p / 2) : (c) => (c.xw / Math.sqrt(c.x2)) ** 2 < c.a ** 2, form), 'the event Delta W > 0', COUNTS),
    cases: (gs) => gs.reduce((n, x) => n + x.g.length, 0),
  });

  step(proof, 'proof-c3.step-3', {
    checks: 'Eq. (42): [(x_hat^T w)^2 < a^2] = [|x^T w| / ||x||^q < |a|] (q = 1: x_hat = x/||x||) on every case at sigma = 4: per neuron, the number of its cases where the two events disagree against 0.',
    statement: { q: 1 },
    twins: [{ id: 'q=0', change: 'x not normalized', statement: { q: 0 } }],
    expected: { verdict: 'holds', reason: 'the square root of both sides' },
    measure: (ctx) => byNeuron(atSigma4(ctx)),
    decide: (gs, s, ctx) => identityOver(ctx, gs, (g) => disagreements(g, (c) => (c.xw / Math.sqrt(c.x2)) ** 2 < c.a ** 2, (c) => Math.abs(c.xw) / Math.pow(c.x2, s.q / 2) < Math.abs(c.a), 'Eq. (42)'), 'Eq. (42)', COUNTS),
    cases: (gs) => gs.reduce((n, g) => n + g.length, 0),
  });

  step(proof, 'proof-c3.step-14', {
    checks: 'Delta W (src/theory/deltaW.ts, the definition before Eq. (41)) = -r^2 (x^T w)^2 + k r^2 a^2 ||x||^2, k = 1, on every case at sigma = 4 (abs and rel tolerance 1e-9).',
    statement: { k: 1 },
    twins: [{ id: 'k=-1', change: 'the second term with a minus sign', statement: { k: -1 } }],
    expected: { verdict: 'holds', reason: 'expanding the bracket' },
    measure: atSigma4,
    decide: (cs, s, ctx) => identityOver(ctx, cs, (c) => ({ lhs: dW(c), rhs: -(c.r ** 2) * c.xw ** 2 + s.k * c.r ** 2 * c.a ** 2 * c.x2, message: at(c) }), 'the expansion of Delta W', ALG),
    cases: (cs) => cs.length,
  });

  step(proof, 'proof-c3.step-15', {
    checks: 'Delta W <= c r^2 a^2 ||x||^2, c = 1, on every case at sigma = 4 (the twin c = 0 is rejected by the cases with Delta W > 0).',
    statement: { c: 1 },
    twins: [{ id: 'c=0', change: 'Delta W <= 0', statement: { c: 0 } }],
    expected: { verdict: 'holds', reason: 'the dropped term -r^2 (x^T w)^2 is <= 0' },
    measure: atSigma4,
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
    measure: groups,
    decide: (gs, s, ctx) =>
      identityOver(ctx, gs, (g) => {
        const c0 = g[0] as StepEventCase;
        return { lhs: probability(g, (c) => dW(c) <= -((c.sigma / 4) ** 2)), rhs: probability(g, (c) => c.r ** 2 * (c.xw ** 2 - c.a ** 2 * c.x2) >= (c.sigma / s.c) ** 2), message: `${c0.state}, neuron ${c0.neuron}, sigma = ${c0.sigma}` };
      }, 'the event Delta W <= -(sigma/4)^2', COUNTS),
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
      }, 'P(same sign) = 1/2', COUNTS),
    cases: (gs) => gs.length,
  });
});

/** probabilities are ratios of counts of at most 400: products of two of them are exact to ~1e-16 */
const EXACT: Tolerance = { abs: 1e-12, rel: 1e-12 };
const A = (c: StepEventCase): boolean => (c.xw / Math.sqrt(c.x2)) ** 2 < c.a ** 2;
const Bof = (c: StepEventCase): number => c.xw ** 2 - c.a ** 2 * c.x2;
const E = (c: StepEventCase): boolean => c.r ** 2 * Bof(c) >= (c.sigma / 4) ** 2;
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
        const pEp = givenNotA(g, (c) => c.r ** 2 * (Bof(c) - c.a ** 2) >= (c.sigma / 4) ** 2);
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
    decide: (gs, s, ctx) => inequalityOver(ctx, gs, (g) => ({ lhs: s.k * givenNotA(g, (c) => Bof(c) >= 1 / 16), rhs: givenNotA(g, E), binding: givenNotA(g, (c) => Bof(c) >= 1 / 16) > 0, message: where(g) }), 'the factor 1/2 from the noise', 'where P(B >= 1/16 | not A) > 0', EXACT),
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
        return { lhs: givenNotA(g, (c) => c.xw ** 2 - Math.pow(m, -s.q) * c.x2 >= 1 / 16), rhs: givenNotA(g, (c) => Bof(c) >= 1 / 16), message: where(g) };
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
