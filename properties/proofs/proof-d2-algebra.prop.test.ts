// Over ~80 lines: seven steps of the proof of Lemma D.2 (the display after (62) to (66)) on aligned states; four share one line-by-line form.
import { describe } from 'vitest';
import proof from '../../theorems/proofs/proof-d2.js';
import { combineAll, fmtMargin, rateRule } from '../../src/verdict/checks/index.js';
import { alignedCoordinates, runAlignedDescent, type AlignedDescentRun } from '../../src/scenarios/alignedDescent.js';
import { sweepConfig } from '../../src/scenarios/phase2Sweep.js';
import { identityOver, inequalityOver, shared, step, type Ctx, type Tolerance } from './support.js';

/**
 * The algebra of Lemma D.2's proof at perfectly aligned states produced by GD (src/scenarios/alignedDescent.ts,
 * Sigma_hat = I, d = 20): the states at t = 0, 500, 1000 of descents at eta = 1e-2 (m = 10), ||theta*|| in {0.5, 1}, and
 * the aligned starts (max_i ||w_i|| = max_i |a_i| = sqrt(eta), m = ceil(1/sqrt(eta))) at eta = 10^-1.5 ... 10^-4,
 * ||theta*|| in {0.25, 0.5, 1, 2}.
 */
const D = 20;
const STEP: Tolerance = { abs: 1e-13, rel: 1e-10 };
const NORMS = [0.25, 0.5, 1, 2];

/** an aligned state's numbers (alignedCoordinates) with its run and where it is */
const coordinates = (r: AlignedDescentRun, st: AlignedDescentRun['states'][number]) => ({ r, st, ...alignedCoordinates(st.W, st.a, r.thetaStar), eta: r.config.eta, where: `eta = ${fmtMargin(r.config.eta)}, ||theta*|| = ${r.config.thetaStarNorm}, t = ${st.t}` });
type Coords = ReturnType<typeof coordinates>;
const descentStates = (ctx: Ctx): Coords[] =>
  shared(ctx, 'd2-algebra-descent', (seedOf) => [0.5, 1].flatMap((n) => { const r = runAlignedDescent(sweepConfig({ d: D, widthFactor: 1 }, 1e-2, n), seedOf(n), 1000); return r.states.map((st) => coordinates(r, st)); }));
const starts = (ctx: Ctx): Coords[] =>
  shared(ctx, 'd2-algebra-starts', (seedOf) => NORMS.flatMap((n) => [1.5, 2, 2.5, 3, 3.5, 4].map((k) => { const r = runAlignedDescent(sweepConfig({ d: D, widthFactor: 1 }, 10 ** -k, n), seedOf(n, k), 0); return coordinates(r, r.states[0] as AlignedDescentRun['states'][number]); })));

/** one printed line against the next, coordinate by coordinate; c multiplies ||theta*||^2 in the next line (twin: c = 2) */
type Line = (x: Coords, k: number, c: number) => number;
const factor = (x: Coords, c: number) => x.alpha + c * x.ss;
const line2: Line = (x, k) => (x.theta[k] as number) - x.eta * x.alpha * (x.s - 1) * (x.r.thetaStar[k] as number) - x.eta * (x.s - 1) * x.ss * (x.r.thetaStar[k] as number);
const line3: Line = (x, k, c) => (x.theta[k] as number) - x.eta * (x.s - 1) * factor(x, c) * (x.r.thetaStar[k] as number);
const eq63: Line = (x, k, c) => (x.theta[k] as number) - (x.r.thetaStar[k] as number) - x.eta * (x.s - 1) * factor(x, c) * (x.r.thetaStar[k] as number);
const eq64: Line = (x, k, c) => (x.s - 1) * (1 - x.eta * factor(x, c)) * (x.r.thetaStar[k] as number);
const eq65: Line = (x, k, c) => ((x.theta[k] as number) - (x.r.thetaStar[k] as number)) * (1 - x.eta * factor(x, c));
const lineByLine = (what: string, from: Line, to: Line, reason: string) => ({
  checks: `${what}, at the 6 aligned GD states (t = 0, 500, 1000; eta = 1e-2, ||theta*|| in {0.5, 1}), coordinate by coordinate, with c = 1 multiplying ||theta*||^2 in the new line.`,
  statement: { c: 1 },
  twins: [{ id: 'c=2', change: '2 ||theta*||^2 in the new line', statement: { c: 2 } }],
  expected: { verdict: 'holds' as const, reason },
  measure: (ctx: Ctx) => descentStates(ctx).flatMap((x) => Array.from({ length: D }, (_, k) => ({ x, k }))),
  decide: (cs: { x: Coords; k: number }[], s: { c: number }, ctx: Ctx) => identityOver(ctx, cs, ({ x, k }) => ({ lhs: from(x, k, 1), rhs: to(x, k, s.c), message: `${x.where}, coordinate ${k}` }), what, STEP),
  cases: (cs: unknown[]) => cs.length,
});

describe('the proof of Lemma D.2: the theta step and its start (proof-d2)', () => {
  step(proof, 'proof-d2.step-9', lineByLine('the display after (62), line 2 = line 3', line2, line3, 'collecting the two terms (the missing sum_i gamma_i^2 of line 2, step 8, is carried along)'));
  step(proof, 'proof-d2.step-10', lineByLine('Eq. (63) = line 3 minus theta*', (x, k, c) => line3(x, k, c) - (x.r.thetaStar[k] as number), eq63, 'subtracting theta*'));
  step(proof, 'proof-d2.step-11', lineByLine('Eq. (64) = Eq. (63)', eq63, eq64, 'theta - theta* = (s - 1) theta* at aligned states'));
  step(proof, 'proof-d2.step-12', lineByLine('Eq. (65) = Eq. (64)', eq64, eq65, '(s - 1) theta* = theta - theta* at aligned states'));

  step(proof, 'proof-d2.step-13', {
    checks: 'At the aligned starts, every neuron: gamma_i(t2) <= k sqrt(eta)/||theta*||, k = 1 (as printed, signed; the edge neuron has ||w_i|| = sqrt(eta)).',
    statement: { k: 1 },
    twins: [{ id: 'k=1/2', change: 'sqrt(eta)/(2 ||theta*||)', statement: { k: 0.5 } }],
    expected: { verdict: 'holds', reason: '|gamma_i| = ||w_i||/||theta*|| <= sqrt(eta)/||theta*|| (equality at the largest neuron)' },
    measure: (ctx) => starts(ctx).flatMap((x) => x.gamma.map((g, i) => ({ x, g, i }))),
    decide: (cs, s, ctx) => inequalityOver(ctx, cs, ({ x, g, i }) => ({ lhs: g, rhs: (s.k * Math.sqrt(x.eta)) / Math.sqrt(x.ss), message: `${x.where}, neuron ${i}` }), 'gamma_i(t2) <= sqrt(eta)/||theta*||', 'at the largest neuron', STEP),
    cases: (cs) => cs.length,
  });

  step(proof, 'proof-d2.step-14', {
    checks: 'Eq. (66): |s(t2)| <= k m eta/||theta*||, k = 1, at the aligned starts and at the extreme state the premise allows (every a_i = sqrt(eta), w_i = sqrt(eta) theta*/||theta*||) of each (eta, ||theta*||, m).',
    statement: { k: 1 },
    twins: [{ id: 'k=1/2', change: 'm eta/(2 ||theta*||)', statement: { k: 0.5 } }],
    expected: { verdict: 'holds', reason: '|s| <= sum_k |a_k| |gamma_k| <= m sqrt(eta) sqrt(eta)/||theta*|| (equality at the extreme state)' },
    measure: (ctx) =>
      starts(ctx).flatMap((x) => {
        // the extreme state built: a_i = sqrt(eta), w_i = sqrt(eta) theta*/||theta*||, gamma_i = <w_i, theta*>/||theta*||^2
        const w = Float64Array.from(x.r.thetaStar, (v) => (Math.sqrt(x.eta) * v) / Math.sqrt(x.ss));
        const extreme = alignedCoordinates(x.gamma.map(() => w), Float64Array.from(x.gamma, () => Math.sqrt(x.eta)), x.r.thetaStar).s;
        return [{ x, s: x.s, what: 'start' }, { x, s: extreme, what: 'extreme' }];
      }),
    decide: (cs, s, ctx) => inequalityOver(ctx, cs, ({ x, s: sv, what }) => ({ lhs: Math.abs(sv), rhs: (s.k * x.gamma.length * x.eta) / Math.sqrt(x.ss), message: `${x.where}, ${what} state` }), 'Eq. (66)', 'at the extreme state', STEP),
    cases: (cs) => cs.length,
  });

  step(proof, 'proof-d2.step-21', {
    checks: 'The display after (69), line 4: ||theta(t2) - theta*|| eta = O(eta ln(1/eta)), at the aligned starts, eta = 10^-1.5 ... 10^-4, per ||theta*|| in {0.25, 0.5, 1, 2}: rule rate (eta -> 0), claimed O(eta^b), b = 1 (the ln factor only loosens it), tolerance 0.1; the four settings combined by all.',
    statement: { b: 1 },
    twins: [{ id: 'b=2', change: 'O(eta^2)', statement: { b: 2 } }],
    expected: { verdict: 'holds', reason: '||theta(t2) - theta*|| ~ ||theta*|| at a sqrt(eta)-scale start (theta(t2) = O(m eta)): the product falls like eta' },
    measure: starts,
    decide: (xs, s, ctx) =>
      combineAll(NORMS.map((n) => ({
        setting: `||theta*|| = ${n}`,
        decision: rateRule({ quantity: '||theta(t2) - theta*|| eta', variable: 'eta', points: xs.filter((x) => x.r.config.thetaStarNorm === n).map((x) => ({ x: x.eta, y: x.r.startDistance * x.eta })), claimed: { exponent: s.b, text: `eta^${s.b}`, kind: 'upper' }, limit: 'zero', delta: 0.1, alpha: ctx.alpha }).decision,
      }))),
    cases: (xs) => xs.length,
  });
});
