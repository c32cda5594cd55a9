import { describe, expect, it } from 'vitest';
import { Phase2CommonMap, Phase2GD, phase2Start, runPhase2, type Snapshot } from '../../src/scenarios/phase2Descent.js';
import { lemma5Times, lemma6Times } from '../../src/scenarios/phase2Sweep.js';

/** Relative gap allowed between the common-map form and the per-neuron loops: rounding only (another order of the same sums). */
const TOL = 1e-9;
const cfg = (eta: number, m: number, d: number, thetaStarNorm = 1) => ({ m, d, n: Math.ceil(1 / (eta * eta)), eta, sigma: 0, thetaStarNorm });

function relGap(x: ArrayLike<number>[], y: ArrayLike<number>[]): number {
  let scale = 0;
  let gap = 0;
  x.forEach((u, i) => {
    for (let k = 0; k < u.length; k++) {
      scale = Math.max(scale, Math.abs(u[k] as number));
      gap = Math.max(gap, Math.abs((u[k] as number) - ((y[i] as ArrayLike<number>)[k] as number)));
    }
  });
  return gap / scale;
}

describe('Phase II gradient descent in the common-map form (Eqs. (49)-(50), one linear map for every neuron)', () => {
  it('follows Phase2GD within 1e-9 relative over a Lemma 5 horizon (W, a, theta)', () => {
    for (const [start, eta, m, d] of [['phase2', 10 ** -2.5, 18, 10], ['aligned', 1e-2, 10, 5], ['ntk', 1e-2, 7, 4]] as const) {
      const c = { config: cfg(eta, m, d), start, scale: 1, seed: `cm-${start}` };
      const ref = phase2Start(c).gd as Phase2GD;
      const cm = phase2Start({ ...c, simulator: 'common-map' }).gd as Phase2CommonMap;
      expect(cm).toBeInstanceOf(Phase2CommonMap);
      const steps = lemma5Times(eta, 1)[1] as number;
      for (let t = 1; t <= steps; t++) {
        ref.step();
        cm.step();
        if (t % 500 === 0 || t === steps) {
          expect(relGap(ref.W, cm.W)).toBeLessThanOrEqual(TOL);
          expect(relGap([ref.a], [cm.a])).toBeLessThanOrEqual(TOL);
          expect(relGap([ref.theta], [cm.theta])).toBeLessThanOrEqual(TOL);
        }
      }
      expect(cm.t).toBe(steps);
      expect(Math.abs(ref.distance() - cm.distance())).toBeLessThanOrEqual(TOL * ref.distance() + 1e-15);
    }
  });

  it('runPhase2 gives the same events and snapshots (deficits within 1e-6 relative) and reports a divergence, never NaN', () => {
    const eta = 1e-2;
    const c = { config: cfg(eta, 10, 5, 0.5), start: 'aligned' as const, scale: 1, seed: 'runs' };
    const cps = lemma6Times(eta, 0.5);
    const watch = { every: 20, below: 0.05 };
    const a = runPhase2(c, cps, { watch });
    const b = runPhase2({ ...c, simulator: 'common-map' }, cps, { watch });
    expect(b.escapeStep).toBe(a.escapeStep);
    expect(b.alignStep).toBe(a.alignStep);
    a.snaps.forEach((s, j) => {
      const t = b.snaps[j] as Snapshot;
      expect(t.step).toBe(s?.step);
      for (const k of ['distance', 'worstDeficit', 'medianDeficit', 'worstUnnormalized', 'maxNorm'] as const) expect(Math.abs(t[k] - (s as Snapshot)[k])).toBeLessThanOrEqual(1e-6 * Math.abs((s as Snapshot)[k]) + 1e-300);
      expect(t.bigCount).toBe(s?.bigCount);
    });
    const d = runPhase2({ config: cfg(0.01, 10, 4), start: 'ntk', scale: 1, seed: 'd', simulator: 'common-map' }, [2000], { bound: 1e-3 });
    expect(d.divergence).toMatch(/diverged/);
    expect(d.snaps[0]).toBeUndefined();
  });
});
