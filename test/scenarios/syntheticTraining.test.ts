import { describe, expect, it } from 'vitest';
import { Drawer, referenceStep, rows, vec } from '../../src/engine/index.js';
import { engineRule, initialState, lazyWindowObservation, runTraining, spread, syntheticData, tailMean, type LazyWindowData, type SyntheticSetup } from '../../src/scenarios/syntheticTraining.js';

const setup: SyntheticSetup = { config: { m: 8, d: 4, n: 20, eta: 0.05, sigma: 1, thetaStarNorm: 8 ** -0.25 }, nTest: 30 };

describe('the synthetic setup of Sec. 3.1 trained under a rule', () => {
  it('is deterministic: the same seed gives the same rows bit for bit', () => {
    const a = runTraining({ setup, rule: { kind: 'label-noise' }, seed: 's', steps: 500, logEvery: 50 });
    const b = runTraining({ setup, rule: { kind: 'label-noise' }, seed: 's', steps: 500, logEvery: 50 });
    expect(a.rows).toEqual(b.rows);
    expect(a.rows.map((r) => r.step)).toEqual(Array.from({ length: 11 }, (_, k) => 50 * k));
  });

  it('logs the same rows whether the watch runs every step (an observer) or every gcd(logEvery, frame steps) steps', () => {
    const spec = { setup, rule: { kind: 'label-noise' } as const, seed: 'g', steps: 600, logEvery: 60, frameSteps: [0, 100, 600], frameNeurons: 4, trackNeurons: 2 };
    const fast = runTraining(spec);
    let calls = 0;
    const slow = runTraining({ ...spec, observe: () => void calls++ });
    expect(calls).toBe(600);
    expect(fast.rows).toEqual(slow.rows);
    expect(fast.frames.map((f) => f.step)).toEqual([0, 100, 600]);
    expect(fast.paths[0]!.steps.length).toBe(fast.rows.length);
  });

  it('label-noise SGD follows the engine reference step (plain ml-matrix) on the same streams to 1e-12', () => {
    const rule = engineRule(setup.config, { kind: 'label-noise' });
    const data = syntheticData(setup, 'r');
    let ref = initialState(setup, { kind: 'label-noise' }, 'r');
    const drawer = new Drawer(rule, data, setup.config.m, 'r');
    for (let t = 0; t < 200; t++) ref = referenceStep(ref, data, rule, drawer.next(t));
    const tr = runTraining({ setup, rule: { kind: 'label-noise' }, seed: 'r', steps: 200, logEvery: 200 });
    const gap = Math.max(...rows(ref.W).flatMap((w, i) => Array.from(w, (x, k) => Math.abs(x - ((rows(tr.state.W)[i] as Float64Array)[k] as number)))));
    expect(gap).toBeLessThan(1e-12);
    expect(Math.max(...Array.from(vec(ref.a), (x, i) => Math.abs(x - (vec(tr.state.a)[i] as number))))).toBeLessThan(1e-12);
  });

  it('label-noise SGD with sigma = 0 is plain SGD bit for bit (the paired runs share data, init and sampled indices)', () => {
    const quiet = { ...setup, config: { ...setup.config, sigma: 0 } };
    const a = runTraining({ setup: quiet, rule: { kind: 'label-noise' }, seed: 'p', steps: 300, logEvery: 100 });
    const b = runTraining({ setup: quiet, rule: { kind: 'plain' }, seed: 'p', steps: 300, logEvery: 100 });
    expect(a.rows).toEqual(b.rows);
    const c = runTraining({ setup, rule: { kind: 'label-noise' }, seed: 'p', steps: 300, logEvery: 100 });
    expect(c.rows[0]).toEqual(a.rows[0]);
    expect(c.rows[3]!.meanNorm).not.toBe(a.rows[3]!.meanNorm);
  });

  it('the oscillation rule starts a on the chain {-q, 0, q}; flipping neurons negates their (w_i, a_i)', () => {
    const q = Math.pow(setup.config.eta, 0.25);
    const st = initialState(setup, { kind: 'oscillation' }, 'o');
    for (const a of vec(st.a)) expect([-q, 0, q]).toContain(a);
    const base = initialState(setup, { kind: 'sam', rho: 0.1 }, 'o');
    const flipped = initialState(setup, { kind: 'sam', rho: 0.1 }, 'o', [1]);
    expect(vec(flipped.a)[1]).toBe(-(vec(base.a)[1] as number));
    expect(Array.from(rows(flipped.W)[1]!)).toEqual(Array.from(rows(base.W)[1]!, (x) => -x));
    expect(rows(flipped.W)[0]).toEqual(rows(base.W)[0]);
  });

  it('stops at a fixed point when asked, and tailMean then reads the last row', () => {
    const tr = runTraining({ setup: { ...setup, config: { ...setup.config, sigma: 0 } }, rule: { kind: 'plain' }, seed: 'f', steps: 100_000, logEvery: 100, stopWhen: (r) => r.trainLoss < 1e-20 });
    expect(tr.outcome.kind).toBe('stopped');
    expect(tailMean(tr, 1e9, 'trainLoss')).toBe(tr.rows[tr.rows.length - 1]!.trainLoss);
  });

  it('spread picks evenly spaced distinct neurons', () => {
    expect(spread(10, 4)).toEqual([0, 2, 5, 7]);
    expect(spread(3, 5)).toEqual([0, 1, 2]);
  });

  it('a diverging run ends with its outcome, and its rows stay finite', () => {
    const big = { ...setup, config: { ...setup.config, eta: 5 } };
    const tr = runTraining({ setup: big, rule: { kind: 'label-noise' }, seed: 'd', steps: 5_000, logEvery: 1 });
    expect(tr.outcome.kind).toBe('diverged');
    expect(tr.rows.every((r) => Object.values(r).every(Number.isFinite))).toBe(true);
  });

  it("reports Lemma C.2's lazy-window observation up to T0 = log m / (eta^2 sqrt m) and not after", () => {
    const seen: LazyWindowData[] = [];
    runTraining({ setup, rule: { kind: 'label-noise' }, seed: 'l', steps: 3_000, logEvery: 100, onLog: (sn) => { const o = lazyWindowObservation(sn, setup.config.eta); if (o) seen.push(o); } });
    const T0 = Math.log(8) / (0.05 ** 2 * Math.sqrt(8));
    expect(seen.length).toBe(Math.floor(T0 / 100) + 1);
    expect(seen[0]!.driftScaled).toBe(0);
    expect(seen.every((o) => o.maxAbsAScaled >= o.maxAScaled && o.t <= o.T0)).toBe(true);
  });
});
