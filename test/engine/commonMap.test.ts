import { describe, expect, it } from 'vitest';
import { makeDataset } from '../../src/engine/data.js';
import { CommonMapSimulation } from '../../src/engine/commonMap.js';
import { rows, vec } from '../../src/engine/matrix.js';
import { cloneState, initNTK } from '../../src/engine/network.js';
import { Simulation } from '../../src/engine/simulate.js';
import type { Rule } from '../../src/engine/rules/types.js';

/** max |x - y| / max(|y|, 1e-3) over W, a and theta */
function relGap(A: { W: Float64Array[]; a: Float64Array; th: Float64Array }, B: { W: Float64Array[]; a: Float64Array; th: Float64Array }): number {
  const pairs: [number, number][] = [];
  A.W.forEach((w, i) => w.forEach((v, k) => pairs.push([v, (B.W[i] as Float64Array)[k] as number])));
  A.a.forEach((v, i) => pairs.push([v, B.a[i] as number]));
  A.th.forEach((v, k) => pairs.push([v, B.th[k] as number]));
  const scale = Math.max(1e-3, ...pairs.map(([, y]) => Math.abs(y)));
  return Math.max(...pairs.map(([x, y]) => Math.abs(x - y))) / scale;
}

describe('common-map simulator (src/engine/commonMap.ts): the SGD and SAM rules through G and the propagator P', () => {
  const rules: [string, Rule][] = [
    ['label-noise SGD, batch 1', { kind: 'sgd', eta: 2e-2, batch: 1, sigma: 1.5 }],
    ['plain SGD, batch 3', { kind: 'sgd', eta: 2e-2, batch: 3, sigma: 0 }],
    ['periodic label noise', { kind: 'sgd', eta: 2e-2, batch: 1, sigma: 1.5, schedule: { on: 50, off: 70 } }],
    ['SAM, batch 1', { kind: 'sam', eta: 2e-2, rho: 0.1, batch: 1, sigma: 0 }],
    ['full-batch GD', { kind: 'sgd', eta: 2e-2, batch: 'full', sigma: 0 }],
  ];
  for (const [name, rule] of rules) {
    it(`${name}: equals the full Simulation (same streams) within 1e-9 over 3000 steps, at every watch`, () => {
      const seed = `cm/${name}`;
      const data = makeDataset({ n: 20, d: 6, nTest: 0, thetaStarNorm: 0.5 }, seed);
      const s0 = initNTK(17, 6, seed);
      const full = new Simulation(cloneState(s0), data, rule, seed);
      const cm = new CommonMapSimulation(cloneState(s0), data, rule, seed);
      const seen: number[] = [];
      const snap = (s: Simulation | CommonMapSimulation) => ({ W: rows(s.state.W).map((r) => r.slice()), a: vec(s.state.a).slice(), th: s.theta.slice() });
      const fullSnaps: ReturnType<typeof snap>[] = [];
      full.run({ steps: 3000, watchEvery: 500, watch: () => void fullSnaps.push(snap(full)) });
      const r = cm.run({ steps: 3000, watchEvery: 500, watch: (t, s) => void (seen.push(t), expect(relGap(snap(s), fullSnaps[seen.length - 1]!)).toBeLessThan(1e-9)) });
      expect(seen).toEqual([500, 1000, 1500, 2000, 2500, 3000]);
      expect(r.outcome).toEqual({ kind: 'completed', steps: 3000 });
      expect(relGap(snap(cm), snap(full))).toBeLessThan(1e-9);
    });
  }
  it('a diverging run is an outcome with its step, never NaN; the oscillation rule is refused by name', () => {
    const data = makeDataset({ n: 10, d: 4, nTest: 0, thetaStarNorm: 0.5 }, 'cm/div');
    const rule: Rule = { kind: 'sgd', eta: 5, batch: 1, sigma: 1 };
    const out = new CommonMapSimulation(initNTK(8, 4, 'cm/div'), data, rule, 'cm/div').run({ steps: 1000 });
    const ref = new Simulation(initNTK(8, 4, 'cm/div'), data, rule, 'cm/div').run({ steps: 1000 });
    expect(out.outcome.kind).toBe('diverged');
    expect(out.outcome).toEqual(ref.outcome);
    expect(() => new CommonMapSimulation(initNTK(8, 4, 'x'), data, { kind: 'oscillation', eta: 1e-2 }, 'x')).toThrow(/rule/);
  });
});
