import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  Drawer,
  Stepper,
  cloneState,
  copyDraw,
  initNTK,
  initOscillation,
  makeDataset,
  referenceStep,
  rows,
  theta,
  vec,
  type Dataset,
  type Rule,
  type State,
} from '../../src/engine/index.js';
import { buildCase, caseArb, expectInputError, fcOpts, maxRelGap, stateGap, type Case } from './helpers.js';

/** The fast Stepper must equal the ml-matrix reference to 1e-12 relative to 1 + |value|, at every step. */
const TOL = 1e-12;

/**
 * Runs `steps` steps of the Stepper (in place) and of referenceStep (allocating) from the same state with
 * the same draws; returns the worst relative gap over W, a and theta, and how far the state moved.
 */
function trajectoryGap(state0: State, data: Dataset, rule: Rule, steps: number, seed: number): { gap: number; moved: number } {
  const fast = cloneState(state0);
  const stepper = new Stepper(fast, data, rule);
  const drawer = new Drawer(rule, data, state0.W.rows, seed);
  let ref = cloneState(state0);
  let gap = 0;
  for (let t = 0; t < steps; t++) {
    const draw = copyDraw(drawer.next(t));
    stepper.step(draw);
    ref = referenceStep(ref, data, rule, draw);
    gap = Math.max(gap, stateGap(fast, ref), maxRelGap(stepper.theta, ref.a.mmul(ref.W).getRow(0)));
  }
  return { gap, moved: stateGap(fast, state0) };
}

type RuleOf = (c: Case, eta: number) => Rule;

const RULES: [string, RuleOf][] = [
  ['sgd, batch 1, rademacher noise', (c, eta) => ({ kind: 'sgd', eta, batch: 1, sigma: c.sigma })],
  ['sgd, batch 1, gaussian noise', (c, eta) => ({ kind: 'sgd', eta, batch: 1, sigma: c.sigma || 1, noise: 'gaussian' })],
  ['sgd, minibatch of 3', (c, eta) => ({ kind: 'sgd', eta, batch: 3, sigma: c.sigma })],
  ['full-batch GD without noise', (_c, eta) => ({ kind: 'sgd', eta, batch: 'full', sigma: 0 })],
  ['full-batch GD with label noise', (c, eta) => ({ kind: 'sgd', eta, batch: 'full', sigma: c.sigma || 0.5 })],
  ['sgd with a noise schedule (on 2, off 3)', (c, eta) => ({ kind: 'sgd', eta, batch: 1, sigma: c.sigma || 2, schedule: { on: 2, off: 3 } })],
  ['sgd with a gaussian schedule (on 1, off 1)', (_c, eta) => ({ kind: 'sgd', eta, batch: 2, sigma: 1, noise: 'gaussian', schedule: { on: 1, off: 1 } })],
  ['SAM per sample', (c, eta) => ({ kind: 'sam', eta, rho: 0.05, batch: 1, sigma: c.sigma })],
  ['SAM full batch', (c, eta) => ({ kind: 'sam', eta, rho: 0.1, batch: 'full', sigma: c.sigma })],
  ['SAM with rho = 0 (plain SGD)', (c, eta) => ({ kind: 'sam', eta, rho: 0, batch: 2, sigma: c.sigma })],
];

describe('Stepper equals the ml-matrix referenceStep (1e-12) over multi-step trajectories', () => {
  RULES.forEach(([name, ruleOf], r) => {
    it(name, () => {
      fc.assert(
        fc.property(caseArb({ maxSteps: 10 }), (c) => {
          const { state, data, eta } = buildCase(c);
          const { gap, moved } = trajectoryGap(state, data, ruleOf(c, eta), c.steps, c.seed);
          expect(gap).toBeLessThan(TOL);
          expect(moved).toBeGreaterThan(0); // the rule did something
        }),
        fcOpts(400 + r, 60),
      );
    });
  });

  it('the oscillation process (after initOscillation)', () => {
    fc.assert(
      fc.property(caseArb({ maxSteps: 12, etaExps: [1, 4] }), (c) => {
        const { state, data, eta } = buildCase(c);
        initOscillation(state, eta, c.seed);
        const { gap } = trajectoryGap(state, data, { kind: 'oscillation', eta }, c.steps, c.seed);
        expect(gap).toBeLessThan(TOL);
      }),
      fcOpts(420, 80),
    );
  });

  it('SAM at a stationary point (zero gradient) takes no step in both implementations', () => {
    // y = 0 for theta* = 0; W = 0 and a = 0 give a zero gradient, so the SAM scale is 0 and nothing moves
    const data = makeDataset({ n: 4, d: 3, nTest: 0, thetaStarNorm: 0 }, 2);
    const s0 = initNTK(3, 3, 2);
    for (const r of rows(s0.W)) r.fill(0);
    vec(s0.a).fill(0);
    const rule: Rule = { kind: 'sam', eta: 0.1, rho: 0.05, batch: 'full', sigma: 0 };
    const fast = cloneState(s0);
    const st = new Stepper(fast, data, rule);
    const draw = copyDraw(new Drawer(rule, data, 3, 1).next(0));
    st.step(draw);
    const ref = referenceStep(s0, data, rule, draw);
    expect(stateGap(fast, s0)).toBe(0);
    expect(stateGap(ref, s0)).toBe(0);
  });
});

describe('Stepper bookkeeping', () => {
  it('keeps theta equal to a^T W after every step, and resync() recomputes it after an outside change', () => {
    const data = makeDataset({ n: 6, d: 4, nTest: 0, thetaStarNorm: 1 }, 8);
    const s = initNTK(5, 4, 8);
    const rule: Rule = { kind: 'sgd', eta: 0.01, batch: 1, sigma: 1 };
    const st = new Stepper(s, data, rule);
    const dr = new Drawer(rule, data, 5, 8);
    for (let t = 0; t < 20; t++) {
      st.step(dr.next(t));
      expect(maxRelGap(st.theta, theta(s))).toBeLessThan(1e-13);
    }
    vec(s.a)[0] = 5;
    expect(maxRelGap(st.theta, theta(s))).toBeGreaterThan(1e-6);
    st.resync();
    expect(maxRelGap(st.theta, theta(s))).toBe(0);
  });

  it('rejects an invalid rule and a state whose d does not match the data (InputError naming it)', () => {
    const data = makeDataset({ n: 3, d: 4, nTest: 0, thetaStarNorm: 1 }, 1);
    expectInputError(() => new Stepper(initNTK(2, 4, 1), data, { kind: 'sgd', eta: 0, batch: 1, sigma: 0 }), 'eta');
    expectInputError(() => new Stepper(initNTK(2, 3, 1), data, { kind: 'sgd', eta: 0.1, batch: 1, sigma: 0 }), 'data');
  });

  it('the oscillation step needs flips; the reference rejects an a outside {-q, 0, q}', () => {
    const data = makeDataset({ n: 3, d: 2, nTest: 0, thetaStarNorm: 1 }, 1);
    const s = initNTK(2, 2, 1);
    const rule: Rule = { kind: 'oscillation', eta: 0.01 };
    const st = new Stepper(cloneState(s), data, rule);
    expect(() => st.step({ idx: new Int32Array(0), eps: new Float64Array(0) })).toThrow(/flips/);
    // NTK a is not a chain state
    expect(() => referenceStep(s, data, rule, { idx: new Int32Array(0), eps: new Float64Array(0), flips: Int8Array.from([1, -1]) })).toThrow(
      /not a state of the chain/,
    );
  });
});
