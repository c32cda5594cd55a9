import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  Simulation,
  assertSameShape,
  cloneState,
  initNTK,
  makeDataset,
  snapshot,
  summarize,
  theta,
  type Draw,
  type Rule,
} from '../../src/engine/index.js';
import { bitsEqual, expectInputError, fcOpts, flatState, maxRelGap } from './helpers.js';

const data = makeDataset({ n: 20, d: 5, nTest: 10, thetaStarNorm: 0.5 }, 3);
const sgd: Rule = { kind: 'sgd', eta: 0.01, batch: 1, sigma: 1 };

const sim = (rule: Rule = sgd, seed: number | string = 3, m = 8): Simulation => new Simulation(initNTK(m, 5, seed), data, rule, seed);

describe('Simulation.run', () => {
  it('returns {kind: "completed", steps} for a stable configuration, with t advanced', () => {
    const s = sim();
    const r = s.run({ steps: 200 });
    expect(r.outcome).toEqual({ kind: 'completed', steps: 200 });
    expect(r.log).toEqual([]);
    expect(s.t).toBe(200);
    // a second run continues from where the first stopped
    expect(s.run({ steps: 50 }).outcome).toEqual({ kind: 'completed', steps: 250 });
    expect(s.run({ steps: 0 }).outcome).toEqual({ kind: 'completed', steps: 250 });
  });

  it('a diverging configuration (huge eta) returns {kind: "diverged", step} with a finite step and never throws', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 10_000 }), fc.constantFrom<Rule['kind']>('sgd', 'sam'), (etaExp, seed, kind) => {
        const eta = 10 * Math.pow(10, etaExp);
        const rule: Rule = kind === 'sgd' ? { kind, eta, batch: 1, sigma: 4 } : { kind, eta, rho: 0.05, batch: 1, sigma: 4 };
        const s = sim(rule, seed);
        let r: ReturnType<Simulation['run']> | undefined;
        expect(() => (r = s.run({ steps: 10_000, logEvery: 1000 }))).not.toThrow();
        expect(r!.outcome.kind).toBe('diverged');
        if (r!.outcome.kind !== 'diverged') return;
        expect(Number.isInteger(r!.outcome.step) && r!.outcome.step >= 1 && r!.outcome.step < 10_000).toBe(true);
        expect(r!.outcome.reason.length).toBeGreaterThan(0);
        for (const row of r!.log) for (const v of Object.values(row)) expect(Number.isFinite(v)).toBe(true);
      }),
      fcOpts(801, 30),
    );
  });

  it('the divergence bound is honoured; without a bound a run still stops at the first non-finite theta', () => {
    const bounded = sim().run({ steps: 100, divergenceBound: 1e-6 });
    expect(bounded.outcome).toMatchObject({ kind: 'diverged', step: 1 });
    expect((bounded.outcome as { reason: string }).reason).toMatch(/\|theta_\d+\| > 0.000001/);
    const s = sim({ kind: 'sgd', eta: 1e3, batch: 'full', sigma: 0 });
    const r = s.run({ steps: 100_000, divergenceBound: Infinity });
    expect(r.outcome.kind).toBe('diverged');
    expect((r.outcome as { reason: string }).reason).toBe('theta is not finite');
    expect(Number.isFinite((r.outcome as { step: number }).step)).toBe(true);
  });

  it('watch can stop a run, called every watchEvery steps with the current t', () => {
    const seen: number[] = [];
    const s = sim();
    const r = s.run({
      steps: 1000,
      watchEvery: 7,
      watch: (t, me) => {
        seen.push(t);
        expect(me).toBe(s);
        return t >= 35 ? 'enough' : undefined;
      },
    });
    expect(r.outcome).toEqual({ kind: 'stopped', step: 35, reason: 'enough' });
    expect(seen).toEqual([7, 14, 21, 28, 35]);
    expect(s.t).toBe(35);
  });

  it('log rows: one at the start and every logEvery steps, with finite numbers and the right steps', () => {
    const r = sim().run({ steps: 100, logEvery: 20 });
    expect(r.log.map((row) => row.step)).toEqual([0, 20, 40, 60, 80, 100]);
    for (const row of r.log) for (const [k, v] of Object.entries(row)) expect(Number.isFinite(v), k).toBe(true);
    // the first row is the initial state: no drift, nobody escaped
    expect(r.log[0]!.minDrift).toBe(0);
    expect(r.log[0]!.escaped).toBe(0);
    expect(r.log[5]!.minDrift).toBeGreaterThan(0);
  });

  it('row() is summarize(snapshot(...)) of the current state', () => {
    const s = sim();
    s.run({ steps: 30 });
    expect(s.row()).toEqual(summarize(snapshot(30, s.state, s.W0, theta(s.state), data)));
  });

  it('progress is called every 10000 steps', () => {
    const calls: number[] = [];
    const small = makeDataset({ n: 3, d: 2, nTest: 0, thetaStarNorm: 0.5 }, 1);
    const s = new Simulation(initNTK(2, 2, 1), small, { kind: 'sgd', eta: 1e-3, batch: 1, sigma: 1 }, 1);
    expect(s.run({ steps: 20_000, progress: (d) => calls.push(d) }).outcome.kind).toBe('completed');
    expect(calls).toEqual([10_000, 20_000]);
  });

  it('onDraw sees every draw before it is applied and does not change the trajectory', () => {
    const a = sim(sgd, 'od');
    const b = sim(sgd, 'od');
    const draws: [number, number, number][] = [];
    a.run({ steps: 40 });
    b.run({
      steps: 40,
      onDraw: (t: number, d: Draw, me: Simulation) => {
        expect(me.t).toBe(t);
        draws.push([t, d.idx[0]!, d.eps[0]!]);
      },
    });
    expect(draws.map((x) => x[0])).toEqual(Array.from({ length: 40 }, (_, t) => t));
    expect(draws.every(([, j, e]) => j >= 0 && j < 20 && Math.abs(e) === 1)).toBe(true);
    expect(bitsEqual(flatState(a.state), flatState(b.state))).toBe(true);
    expect(b.t).toBe(40);
  });

  it('determinism: two runs with the same seed are bit-identical; another seed differs (every rule kind)', () => {
    const rules: Rule[] = [
      sgd,
      { kind: 'sgd', eta: 0.01, batch: 'full', sigma: 2, noise: 'gaussian', schedule: { on: 3, off: 2 } },
      { kind: 'sam', eta: 0.01, rho: 0.05, batch: 2, sigma: 1 },
    ];
    for (const rule of rules) {
      const run = (seed: number): Simulation => {
        const s = sim(rule, seed);
        s.run({ steps: 300, logEvery: 50 });
        return s;
      };
      const a = run(11);
      const b = run(11);
      expect(bitsEqual(flatState(a.state), flatState(b.state))).toBe(true);
      expect(bitsEqual(a.theta, b.theta)).toBe(true);
      expect(bitsEqual(flatState(a.state), flatState(run(12).state))).toBe(false);
    }
  });

  it('step() returns the draw and advances t; theta tracks a^T W; W0 is a copy of the initial W', () => {
    const s = sim();
    const W0 = flatState(cloneState(s.state));
    const d = s.step();
    expect(s.t).toBe(1);
    expect(d.idx.length).toBe(1);
    expect(maxRelGap(s.theta, theta(s.state))).toBeLessThan(1e-13);
    expect(bitsEqual(flatState({ W: s.W0, a: s.state.a }).subarray(0, 40), W0.subarray(0, 40))).toBe(true);
    expect(bitsEqual(flatState(s.state).subarray(0, 40), W0.subarray(0, 40))).toBe(false);
  });

  it('bad run options and a rule/data mismatch are InputErrors naming the input', () => {
    expectInputError(() => sim().run({ steps: -1 }), 'steps');
    expectInputError(() => sim().run({ steps: 1.5 }), 'steps');
    expectInputError(() => sim().run({ steps: 10, logEvery: 0.5 }), 'logEvery');
    expectInputError(() => sim().run({ steps: 10, watchEvery: 0 }), 'watchEvery');
    expectInputError(() => sim({ kind: 'sgd', eta: -1, batch: 1, sigma: 0 }), 'eta');
    expectInputError(() => assertSameShape(initNTK(2, 4, 1), data), 'd');
    expect(() => assertSameShape(initNTK(2, 5, 1), data)).not.toThrow();
  });
});
