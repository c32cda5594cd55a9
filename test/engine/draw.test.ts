import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Drawer, batchSize, copyDraw, makeDataset, sigmaAt, type Draw, type Rule } from '../../src/engine/index.js';
import { fcOpts, meanVar } from './helpers.js';

const data = makeDataset({ n: 9, d: 2, nTest: 0, thetaStarNorm: 1 }, 1);

function drawsOf(rule: Rule, seed: number | string, steps: number, m = 3): Draw[] {
  const dr = new Drawer(rule, data, m, seed);
  return Array.from({ length: steps }, (_, t) => copyDraw(dr.next(t)));
}

const ruleArb: fc.Arbitrary<Rule> = fc.oneof(
  fc.record({
    kind: fc.constant('sgd' as const),
    eta: fc.constant(0.01),
    batch: fc.oneof(fc.integer({ min: 1, max: 5 }), fc.constant('full' as const)),
    sigma: fc.constantFrom(0, 0.5, 4),
    noise: fc.constantFrom('rademacher' as const, 'gaussian' as const),
  }),
  fc.record({
    kind: fc.constant('sam' as const),
    eta: fc.constant(0.01),
    rho: fc.constant(0.05),
    batch: fc.oneof(fc.integer({ min: 1, max: 5 }), fc.constant('full' as const)),
    sigma: fc.constantFrom(0, 1),
  }),
  fc.record({ kind: fc.constant('oscillation' as const), eta: fc.constant(0.01) }),
);

describe('Drawer', () => {
  it('same seed gives the same draws (every rule kind); a different seed gives different ones', () => {
    fc.assert(
      fc.property(ruleArb, fc.integer({ min: 0, max: 1_000_000 }), (rule, seed) => {
        const a = drawsOf(rule, seed, 12);
        expect(drawsOf(rule, seed, 12)).toEqual(a);
        if (rule.kind === 'oscillation' || rule.batch !== 'full' || rule.sigma > 0) {
          expect(drawsOf(rule, seed + 1, 12)).not.toEqual(a);
        }
      }),
      fcOpts(601, 60),
    );
  });

  it('indices lie in [0, n), batch sizes are as asked, and batch "full" gives all indices in order', () => {
    fc.assert(
      fc.property(ruleArb, fc.integer({ min: 0, max: 1_000_000 }), (rule, seed) => {
        for (const d of drawsOf(rule, seed, 8)) {
          if (rule.kind === 'oscillation') {
            expect(d.idx.length).toBe(0);
            continue;
          }
          expect(d.idx.length).toBe(batchSize(rule, data));
          expect(d.eps.length).toBe(d.idx.length);
          for (const j of d.idx) expect(j >= 0 && j < 9).toBe(true);
          if (rule.batch === 'full') expect(Array.from(d.idx)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
        }
      }),
      fcOpts(602, 60),
    );
  });

  it('sampling is uniform over [n] (batch 1, 9000 draws: each index within 5 sd of 1000)', () => {
    const counts = new Array<number>(9).fill(0);
    for (const d of drawsOf({ kind: 'sgd', eta: 0.1, batch: 1, sigma: 0 }, 4, 9000)) counts[d.idx[0]!]!++;
    const sd = Math.sqrt(9000 * (1 / 9) * (8 / 9));
    for (const c of counts) expect(Math.abs(c - 1000)).toBeLessThan(5 * sd);
  });

  it('sigma = 0 gives eps all zero', () => {
    for (const rule of [
      { kind: 'sgd', eta: 0.1, batch: 4, sigma: 0 },
      { kind: 'sgd', eta: 0.1, batch: 'full', sigma: 0, noise: 'gaussian' },
      { kind: 'sam', eta: 0.1, rho: 0.1, batch: 2, sigma: 0 },
    ] as Rule[]) {
      for (const d of drawsOf(rule, 3, 50)) expect(Array.from(d.eps).every((e) => e === 0)).toBe(true);
    }
  });

  it('rademacher label noise is +-sigma (SGD and SAM); gaussian noise has mean 0 and variance sigma^2', () => {
    for (const rule of [
      { kind: 'sgd', eta: 0.1, batch: 3, sigma: 4 },
      { kind: 'sam', eta: 0.1, rho: 0.1, batch: 3, sigma: 4 },
    ] as Rule[]) {
      const eps = drawsOf(rule, 5, 200).flatMap((d) => Array.from(d.eps));
      expect(eps.every((e) => e === 4 || e === -4)).toBe(true);
      expect(eps.some((e) => e === 4) && eps.some((e) => e === -4)).toBe(true);
    }
    const g = drawsOf({ kind: 'sgd', eta: 0.1, batch: 'full', sigma: 2, noise: 'gaussian' }, 6, 4000).flatMap((d) => Array.from(d.eps));
    const { mean, variance } = meanVar(g); // 36000 draws: sd of mean 2/190 = 0.011, of variance 4 sqrt(2/N) = 0.03
    expect(Math.abs(mean)).toBeLessThan(5 * 2 / Math.sqrt(g.length));
    expect(Math.abs(variance - 4)).toBeLessThan(5 * 4 * Math.sqrt(2 / g.length));
    // and it is gaussian, not +-sigma: P(|eps| < sigma) = 0.6827 within 5 sd
    const inside = g.filter((e) => Math.abs(e) < 2).length / g.length;
    expect(Math.abs(inside - 0.682689492137)).toBeLessThan(5 * Math.sqrt((0.6827 * 0.3173) / g.length));
  });

  it('a noise schedule gives eps = 0 exactly in off periods and |eps| = sigma in on periods (property over on/off)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 1000 }), (on, off, seed) => {
        const rule: Rule = { kind: 'sgd', eta: 0.1, batch: 2, sigma: 3, schedule: { on, off } };
        drawsOf(rule, seed, 40).forEach((d, t) => {
          const inOn = t % (on + off) < on;
          expect(sigmaAt(rule, t)).toBe(inOn ? 3 : 0);
          for (const e of d.eps) expect(inOn ? Math.abs(e) === 3 : e === 0).toBe(true);
        });
      }),
      fcOpts(603, 60),
    );
  });

  it('sigmaAt is constant without a schedule (and for SAM)', () => {
    for (let t = 0; t < 20; t++) {
      expect(sigmaAt({ kind: 'sgd', eta: 1, batch: 1, sigma: 2 }, t)).toBe(2);
      expect(sigmaAt({ kind: 'sam', eta: 1, rho: 1, batch: 1, sigma: 1.5 }, t)).toBe(1.5);
    }
  });

  it('the sampling and noise streams are independent: the indices do not depend on sigma', () => {
    const quiet = drawsOf({ kind: 'sgd', eta: 0.1, batch: 2, sigma: 0 }, 9, 30).map((d) => Array.from(d.idx));
    const noisy = drawsOf({ kind: 'sgd', eta: 0.1, batch: 2, sigma: 4, noise: 'gaussian' }, 9, 30).map((d) => Array.from(d.idx));
    expect(noisy).toEqual(quiet);
  });

  it('the oscillation rule draws one +-1 flip per neuron, about half of each', () => {
    const ds = drawsOf({ kind: 'oscillation', eta: 0.01 }, 7, 500, 8);
    let plus = 0;
    for (const d of ds) {
      expect(d.flips!.length).toBe(8);
      for (const f of d.flips!) {
        expect(f === 1 || f === -1).toBe(true);
        if (f === 1) plus++;
      }
    }
    expect(Math.abs(plus / 4000 - 0.5)).toBeLessThan(5 * Math.sqrt(0.25 / 4000));
  });

  it('next() reuses its buffer; copyDraw makes an independent copy (with flips)', () => {
    const dr = new Drawer({ kind: 'oscillation', eta: 0.01 }, data, 4, 1);
    const a = dr.next(0);
    const c = copyDraw(a);
    const b = dr.next(1);
    expect(b).toBe(a);
    expect(c.flips).not.toBe(a.flips);
    c.flips![0] = 5;
    expect(a.flips![0]).not.toBe(5);
    const plain = copyDraw({ idx: Int32Array.from([1]), eps: Float64Array.from([2]) });
    expect(plain.flips).toBeUndefined();
  });
});
