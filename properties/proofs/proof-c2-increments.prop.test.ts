// Over ~80 lines: seven displayed steps of the induction step of the proof of Lemma C.2 (the displays before (27) and
// (29)), each one evaluated claim with its false twin, five of them on one shared set of lazy states.
import { describe } from 'vitest';
import proof from '../../theorems/proofs/proof-c2.js';
import { lazyIncrements, replacementTerm, type IncrementCase, type LazyIncrements, type TrackedNeuron } from '../../src/scenarios/neuronIncrement.js';
import { combineAll, rateRule } from '../../src/verdict/checks/index.js';
import { identityOver, inequalityOver, shared, step, type Ctx, type Sides, type Tolerance } from './support.js';

/**
 * Proof of Lemma C.2, induction step: theta = sum_j a_j w_j and the o(eta/sqrt m) of the display before (27), and the
 * bound on |Y_i(t+1) - Y_i(t)| before (29), at states inside the lemma's premise (src/scenarios/neuronIncrement.ts:
 * Eq. (5) moved to the lazy radius, a(0) clipped to m^(-1/4); d = 20, n = 200, sigma = 4, eta = 1/m, ||theta*|| =
 * m^(-1/4); K = 8 tracked neurons, half moved outward) with one step of the engine at every input and both noise signs.
 * Y_i = |a_i - theta*^T w_i(0)| with the o(1/sqrt m) inside it taken as 0 (the same shift at t and t + 1).
 */
/** the sides are differences of numbers of the size of a_i and theta*^T w_i(0) (|a_i - c| < 1 at these widths): their rounding stays below 2e-16 absolute */
const EXACT_TOL: Tolerance = { abs: 1e-15, rel: 1e-10 };
const D = 20;
const K = 8;
const WIDTHS = { quick: [64, 256, 1024], paper: [64, 256, 1024, 4096] } as const;
const cfg = (m: number) => ({ m, d: D, n: 200, eta: 1 / m, sigma: 4, thetaStarNorm: Math.pow(m, -0.25) });
const states = (ctx: Ctx): LazyIncrements[] => shared(ctx, 'proof-c2.increments', (seedOf) => WIDTHS[ctx.tier].map((m) => lazyIncrements(cfg(m), K, seedOf(m))));
type Case = { st: LazyIncrements; n: TrackedNeuron; c: IncrementCase };
const everyCase = (ss: LazyIncrements[]): Case[] => ss.flatMap((st) => st.neurons.flatMap((n) => n.cases.map((c) => ({ st, n, c }))));
const at = ({ st, n, c }: Case): string => `m = ${st.m}, neuron ${n.i} (${n.move}), input ${c.xi >= 200 ? `along w_${c.xi - 200}(t)` : c.xi}, eps = ${c.eps}`;
const overCases = (what: string, f: (c: Case) => Sides) => (ss: LazyIncrements[], ctx: Ctx) => inequalityOver(ctx, everyCase(ss), f, what, 'everywhere', EXACT_TOL);
const countCases = (ss: LazyIncrements[]): number => everyCase(ss).length;

describe('proof of Lemma C.2 (proof-c2), the increments of a_i', () => {
  step(proof, 'proof-c2.step-27', {
    checks: 'theta(t) = a(t)^T W(t) (the ml-matrix product) against s sum_j a_j(t) w_j(t), s = +1, every coordinate, at the lazy state of each width.',
    statement: { s: 1 },
    twins: [{ id: 's=-1', change: 'theta = -sum_j a_j w_j', statement: { s: -1 } }],
    expected: { verdict: 'holds', reason: 'the definition of theta = a^T W' },
    measure: states,
    decide: (ss, s, ctx) => identityOver(ctx, ss.flatMap((st) => Array.from(st.thetaProduct, (v, k) => ({ st, v, k }))), ({ st, v, k }) => ({ lhs: v, rhs: s.s * (st.thetaSum[k] as number), message: `m = ${st.m}, coordinate ${k}` }), 'a^T W = sum_j a_j w_j', { abs: 1e-12, rel: 1e-10 }),
    cases: (ss) => ss.length * D,
  });

  /** 8 widths, log-spaced from 100 to 5000 (both tiers: the worst case's exponent is clear at the quick tier already) */
  const RATE_WIDTHS = Array.from({ length: 8 }, (_, k) => Math.round(100 * Math.pow(50, k / 7)));
  step(proof, 'proof-c2.step-28', {
    checks:
      'The o(eta/sqrt m) of line 4, over eta: R_i = |sum_j a_j (w_j(t)^T w_i(t) - w_j(0)^T w_i(0)) - theta*^T (w_i(t) - w_i(0))| at two states of the premise per width (8 widths m = 100 ... 5000; the RMS over the neurons of a random lazy state, and R_0/||w_0(0)|| at the premise\'s worst case for neuron 0: every |a_j| = m^{-1/4}, every w_j moved 1/sqrt(m) along +-w_0(0)); rule rate against m with the claimed o(1/sqrt m) read as an upper exponent b = -1/2 (tolerance 0.1), combined over the two states (combineAll).',
    statement: { b: -0.5 },
    twins: [{ id: 'b=-1', change: 'o(eta/m)', statement: { b: -1 } }],
    expected: { verdict: 'fails', reason: 'the premise allows states where the replaced terms grow like m^{1/4} ||w_0|| (every a_j at the edge, every move along w_0(0)): fitted exponent 0.23 [0.12, 0.35] (m = 100 ... 5000) against -1/2; at random lazy states they are ~m^{-0.47}, O(1/sqrt m) but not shown o (inconclusive there)' },
    measure: (ctx) => (['random', 'aligned'] as const).map((kind) => ({ kind, points: RATE_WIDTHS.map((m) => ({ x: m, y: replacementTerm(cfg(m), kind, ctx.runSeed(kind, m), ctx.rng(kind, m)) })) })),
    decide: (fams, s, ctx) => combineAll(fams.map(({ kind, points }) => ({ setting: `${kind} lazy state`, decision: rateRule({ quantity: `R_i (${kind} lazy state)`, variable: 'm', points, claimed: { exponent: s.b, text: `o(m^${s.b})`, kind: 'upper' }, limit: 'infinity', delta: 0.1, alpha: ctx.alpha }).decision }))),
    evidence: (fams) => Object.fromEntries(fams.flatMap(({ kind, points }) => points.map((p) => [`R_${kind}_m${p.x}`, p.y]))),
    cases: (fams) => fams.reduce((n, f) => n + f.points.length, 0),
  });

  step(proof, 'proof-c2.step-35', {
    checks: 'Reverse triangle inequality ||a_i(t+1) - c| - |a_i(t) - c|| <= k |a_i(t+1) - a_i(t)|, k = 1, c = theta*^T w_i(0), at every tracked neuron, input and noise sign (a_i(t+1) from the engine\'s step).',
    statement: { k: 1 },
    twins: [{ id: 'k=0.9', change: '0.9 |a_i(t+1) - a_i(t)|', statement: { k: 0.9 } }],
    expected: { verdict: 'holds', reason: 'the reverse triangle inequality (with the same shift at t and t + 1 no o-term is needed); equality where both sides have one sign' },
    measure: states,
    decide: (ss, s, ctx) => overCases('the second line before (29)', (q) => ({ lhs: Math.abs(Math.abs(q.n.a + q.c.da - q.n.c) - Math.abs(q.n.a - q.n.c)), rhs: s.k * Math.abs(q.c.da), message: at(q) }))(ss, ctx),
    cases: countCases,
  });

  step(proof, 'proof-c2.step-36', {
    checks: 'Eq. (16): |a_i(t+1) - a_i(t)| of the engine\'s single-sample step (src/engine/rules/singleSamplePass.ts) against k eta |r x^T w_i(t)|, k = 1, r = f(theta(t); x) - y - eps, at every tracked neuron, input and noise sign.',
    statement: { k: 1 },
    twins: [{ id: 'k=2', change: '2 eta |r x^T w_i|', statement: { k: 2 } }],
    expected: { verdict: 'holds', reason: 'the step of a_i is -eta r x^T w_i(t) (Eq. (16))' },
    measure: states,
    decide: (ss, s, ctx) => identityOver(ctx, everyCase(ss), (q) => ({ lhs: Math.abs(q.c.da), rhs: s.k * q.st.eta * Math.abs(q.c.r * q.c.xw), message: at(q) }), 'a_i(t+1) - a_i(t) = -eta r x^T w_i(t)', { abs: 1e-15, rel: 1e-9 }),
    cases: countCases,
  });

  step(proof, 'proof-c2.step-37', {
    checks: 'Cauchy-Schwarz eta |r x^T w_i(t)| <= k eta |r| ||x|| ||w_i(t)||, k = 1, at every tracked neuron, input and noise sign (tight at the input along w_i(t)).',
    statement: { k: 1 },
    twins: [{ id: 'k=0.9', change: '0.9 eta |r| ||x|| ||w_i||', statement: { k: 0.9 } }],
    expected: { verdict: 'holds', reason: 'Cauchy-Schwarz; equality at the input along w_i(t)' },
    measure: states,
    decide: (ss, s, ctx) => overCases('the fourth line before (29)', (q) => ({ lhs: q.st.eta * Math.abs(q.c.r * q.c.xw), rhs: s.k * q.st.eta * Math.abs(q.c.r) * q.c.xNorm * q.n.wNorm, message: at(q) }))(ss, ctx),
    cases: countCases,
  });

  step(proof, 'proof-c2.step-38', {
    checks: 'In the lazy ball: eta |r| ||x|| ||w_i(t)|| <= eta |r| ||x|| (||w_i(0)|| + k/sqrt(m)), k = 1, at every tracked neuron, input and noise sign (tight for the neurons moved outward).',
    statement: { k: 1 },
    twins: [{ id: 'k=1/2', change: '||w_i(0)|| + 1/(2 sqrt m)', statement: { k: 0.5 } }],
    expected: { verdict: 'holds', reason: 'the triangle inequality with ||w_i(t) - w_i(0)|| <= 1/sqrt(m); equality (to 1e-9) for an outward move' },
    measure: states,
    decide: (ss, s, ctx) => overCases('the fifth line before (29)', (q) => ({ lhs: q.st.eta * Math.abs(q.c.r) * q.c.xNorm * q.n.wNorm, rhs: q.st.eta * Math.abs(q.c.r) * q.c.xNorm * (q.n.w0Norm + s.k / Math.sqrt(q.st.m)), message: at(q) }))(ss, ctx),
    cases: countCases,
  });

  step(proof, 'proof-c2.step-39', {
    checks: 'With ||x|| <= C_data (A5) and ||w_i(0)|| <= m^{1/12} (step 33): eta |r| ||x|| (||w_i(0)|| + 1/sqrt(m)) <= k eta |r| C_data m^{1/12}, k = 2, at every tracked neuron, input and noise sign, and at the edge of both events (||x|| = C_data, ||w_i(0)|| = m^{1/12}) at each width.',
    statement: { k: 2 },
    twins: [{ id: 'k=1', change: 'eta |r| C_data m^{1/12}', statement: { k: 1 } }],
    expected: { verdict: 'holds', reason: 'm^{1/12} + m^{-1/2} <= 2 m^{1/12} for m >= 1; at the states drawn the left side is far smaller (||w_i(0)|| ~ 1)' },
    measure: states,
    decide: (ss, s, ctx) => {
      const edges = ss.map((st) => ({ st, lhs: st.cData * (Math.pow(st.m, 1 / 12) + 1 / Math.sqrt(st.m)), rhs: s.k * st.cData * Math.pow(st.m, 1 / 12) }));
      const drawn = everyCase(ss).map((q) => ({ st: q.st, lhs: q.st.eta * Math.abs(q.c.r) * q.c.xNorm * (q.n.w0Norm + 1 / Math.sqrt(q.st.m)), rhs: s.k * q.st.eta * Math.abs(q.c.r) * q.st.cData * Math.pow(q.st.m, 1 / 12), message: at(q) }));
      return inequalityOver(ctx, [...drawn, ...edges.map((e) => ({ ...e, message: `m = ${e.st.m}, the edge of both events (eta |r| = 1)` }))], (g) => ({ lhs: g.lhs, rhs: g.rhs, message: g.message }), 'the sixth line before (29)', 'everywhere', EXACT_TOL);
    },
    cases: (ss) => countCases(ss) + ss.length,
  });
});
