import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  Drawer,
  Stepper,
  batchLoss,
  cloneState,
  copyDraw,
  finiteDifference,
  initOscillation,
  referenceStep,
  rows,
  stepLoss,
  vec,
  type Draw,
  type Rule,
  type State,
} from '../../src/engine/index.js';
import { buildCase, caseArb, fcOpts, type Case } from './helpers.js';

/**
 * "Every update equals eta times the gradient of its loss", checked by central finite differences with
 * h = 1e-5 (1 + |p|) on a loss quartic in the parameters: truncation ~1e-10 and rounding ~1e-11 relative,
 * so a tolerance of 1e-6 relative to 1 + |gradient| is four orders above the noise and far below any
 * wrong factor (eta, 1/B, 2) or sign.
 */
const FD_TOL = 1e-6;
const h = (p: number): number => 1e-5 * (1 + Math.abs(p));

const getP = (s: State, i: number, k: number): number => (k >= 0 ? rows(s.W)[i]![k]! : vec(s.a)[i]!);

/** The full finite-difference gradient of f at s, W entries then a entries (as [i, k] pairs with k = -1 for a). */
function fdGradient(f: (s: State) => number, s: State): { W: number[][]; a: number[] } {
  const m = s.W.rows;
  const d = s.W.columns;
  const W = Array.from({ length: m }, (_, i) => Array.from({ length: d }, (_, k) => finiteDifference(f, s, i, k, h(getP(s, i, k)))));
  const a = Array.from({ length: m }, (_, i) => finiteDifference(f, s, i, -1, h(getP(s, i, -1))));
  return { W, a };
}

/** max over parameters of |(before - after)/eta - g| / (1 + |g|), over W (and a when `withA`). */
function stepVsGradient(before: State, after: State, eta: number, g: { W: number[][]; a: number[] }, withA: boolean): number {
  let worst = 0;
  const m = before.W.rows;
  const d = before.W.columns;
  for (let i = 0; i < m; i++) {
    for (let k = 0; k < d; k++) {
      const gi = g.W[i]![k]!;
      worst = Math.max(worst, Math.abs((getP(before, i, k) - getP(after, i, k)) / eta - gi) / (1 + Math.abs(gi)));
    }
    if (withA) {
      const gi = g.a[i]!;
      worst = Math.max(worst, Math.abs((getP(before, i, -1) - getP(after, i, -1)) / eta - gi) / (1 + Math.abs(gi)));
    }
  }
  return worst;
}

/** One fast step and one reference step from s with the rule's first draw. */
function oneStep(s: State, c: Case, rule: Rule): { draw: Draw; fast: State; ref: State } {
  const data = buildCase(c).data;
  const draw = copyDraw(new Drawer(rule, data, c.m, c.seed).next(0));
  const fast = cloneState(s);
  new Stepper(fast, data, rule).step(draw);
  const ref = referenceStep(s, data, rule, draw);
  return { draw, fast, ref };
}

const SGD_RULES: [string, (c: Case, eta: number) => Rule][] = [
  ['sgd batch 1 (rademacher)', (c, eta) => ({ kind: 'sgd', eta, batch: 1, sigma: c.sigma })],
  ['sgd batch 1 (gaussian)', (c, eta) => ({ kind: 'sgd', eta, batch: 1, sigma: c.sigma, noise: 'gaussian' })],
  ['sgd minibatch 3', (c, eta) => ({ kind: 'sgd', eta, batch: 3, sigma: c.sigma })],
  ['full-batch GD', (_c, eta) => ({ kind: 'sgd', eta, batch: 'full', sigma: 0 })],
  ['full batch with label noise', (c, eta) => ({ kind: 'sgd', eta, batch: 'full', sigma: c.sigma })],
];

describe('every update equals eta times the gradient of its loss (central finite differences)', () => {
  SGD_RULES.forEach(([name, ruleOf], r) => {
    it(`${name}: on W and on a`, () => {
      fc.assert(
        fc.property(caseArb(), (c) => {
          const { state, data, eta } = buildCase(c);
          const rule = ruleOf(c, eta);
          const { draw, fast, ref } = oneStep(state, c, rule);
          const g = fdGradient(stepLoss(rule, data, draw), state);
          expect(stepVsGradient(state, fast, eta, g, true)).toBeLessThan(FD_TOL);
          expect(stepVsGradient(state, ref, eta, g, true)).toBeLessThan(FD_TOL);
        }),
        fcOpts(500 + r, 50),
      );
    });
  });

  it('the oscillation process: W follows eta times the gradient of the full loss L_D; a follows the chain', () => {
    fc.assert(
      fc.property(caseArb({ etaExps: [1, 4] }), (c) => {
        const { state, data, eta } = buildCase(c);
        initOscillation(state, eta, c.seed);
        const rule: Rule = { kind: 'oscillation', eta };
        const { draw, fast, ref } = oneStep(state, c, rule);
        // the loss of the oscillation process: L_D over all n samples, no label noise, whatever the draw
        const L = stepLoss(rule, data, draw);
        const all = { idx: Int32Array.from({ length: c.n }, (_, j) => j), eps: new Float64Array(c.n) };
        expect(L(state)).toBe(batchLoss(state, data, all));
        const g = fdGradient(L, state);
        expect(stepVsGradient(state, fast, eta, g, false)).toBeLessThan(FD_TOL);
        expect(stepVsGradient(state, ref, eta, g, false)).toBeLessThan(FD_TOL);
        const q = Math.pow(eta, 0.25);
        for (let i = 0; i < c.m; i++) {
          const a0 = vec(state.a)[i]!;
          const expected = a0 === 0 ? draw.flips![i]! * q : 0;
          expect(vec(fast.a)[i]).toBe(expected);
          expect(vec(ref.a)[i]).toBe(expected);
        }
      }),
      fcOpts(510, 60),
    );
  });

  [
    ['SAM per sample', 1 as number | 'full', 0.05],
    ['SAM full batch', 'full' as number | 'full', 0.1],
    ['SAM minibatch 2, large rho', 2 as number | 'full', 0.5],
  ].forEach(([name, batch, rho], r) => {
    it(`${name as string}: the step is eta times the batch-loss gradient at (W, a) + rho grad/||grad||`, () => {
      fc.assert(
        fc.property(caseArb(), (c) => {
          const { state, data, eta } = buildCase(c);
          const rule: Rule = { kind: 'sam', eta, rho: rho as number, batch: batch as number | 'full', sigma: c.sigma };
          const { draw, fast, ref } = oneStep(state, c, rule);
          const L = stepLoss(rule, data, draw);
          // the perturbed point, built from the definition with a finite-difference gradient
          const g0 = fdGradient(L, state);
          const gn = Math.sqrt(g0.W.flat().reduce((s, v) => s + v * v, 0) + g0.a.reduce((s, v) => s + v * v, 0));
          expect(gn).toBeGreaterThan(1e-8); // a random state is not stationary
          const P = cloneState(state);
          const sc = (rho as number) / gn;
          rows(P.W).forEach((row, i) => row.forEach((v, k) => (row[k] = v + sc * g0.W[i]![k]!)));
          vec(P.a).forEach((v, i) => (vec(P.a)[i] = v + sc * g0.a[i]!));
          const gP = fdGradient(L, P);
          expect(stepVsGradient(state, fast, eta, gP, true)).toBeLessThan(FD_TOL);
          expect(stepVsGradient(state, ref, eta, gP, true)).toBeLessThan(FD_TOL);
        }),
        fcOpts(520 + r, 50),
      );
    });
  });

  it('SAM with rho > 0 is not plain SGD: its step differs from eta times the gradient at the unperturbed point', () => {
    const c: Case = { m: 3, d: 3, n: 4, etaExp: 2, sigma: 1, aScale: 3, wScale: 1, steps: 1, seed: 78 };
    const { state, data, eta } = buildCase(c);
    const rule: Rule = { kind: 'sam', eta, rho: 0.3, batch: 1, sigma: 1 };
    const { draw, fast } = oneStep(state, c, rule);
    const g0 = fdGradient(stepLoss(rule, data, draw), state);
    expect(stepVsGradient(state, fast, eta, g0, true)).toBeGreaterThan(1e-3);
  });

  it('the finite-difference checker itself detects a wrong step (a factor 2 in eta)', () => {
    const c: Case = { m: 3, d: 3, n: 4, etaExp: 2, sigma: 1, aScale: 3, wScale: 1, steps: 1, seed: 77 };
    const { state, data, eta } = buildCase(c);
    const rule: Rule = { kind: 'sgd', eta, batch: 1, sigma: 1 };
    const wrong: Rule = { ...rule, eta: 2 * eta };
    const { draw } = oneStep(state, c, rule);
    const g = fdGradient(stepLoss(rule, data, draw), state);
    const fast = cloneState(state);
    new Stepper(fast, data, wrong).step(draw);
    expect(stepVsGradient(state, fast, eta, g, true)).toBeGreaterThan(1e-3);
  });

  it('finiteDifference restores the parameter it perturbs', () => {
    const c: Case = { m: 2, d: 2, n: 3, etaExp: 2, sigma: 0, aScale: 1, wScale: 1, steps: 1, seed: 5 };
    const { state, data } = buildCase(c);
    const before = [rows(state.W)[1]![0]!, vec(state.a)[1]!];
    const L = (s: State): number => batchLoss(s, data, { idx: Int32Array.from([0, 2]), eps: Float64Array.from([0, 1]) });
    finiteDifference(L, state, 1, 0, 1e-3);
    finiteDifference(L, state, 1, -1, 1e-3);
    expect([rows(state.W)[1]![0]!, vec(state.a)[1]!]).toEqual(before);
  });
});
