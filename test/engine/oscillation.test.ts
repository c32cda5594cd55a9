import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Simulation, initNTK, initOscillation, makeDataset, rows, vec } from '../../src/engine/index.js';
import { bitsEqual, fcOpts } from './helpers.js';

describe('the oscillation process (Eqs. (6)-(7))', () => {
  it('initOscillation: a_i in {+q, -q, 0} with q = eta^0.25 and frequencies 1/4, 1/4, 1/2 (m = 20000, 5 sd)', () => {
    const m = 20000;
    const eta = 1e-3;
    const q = Math.pow(eta, 0.25);
    const s = initNTK(m, 2, 31);
    const W0 = rows(s.W).map((r) => r.slice());
    expect(initOscillation(s, eta, 31)).toBe(s);
    let plus = 0;
    let minus = 0;
    let zero = 0;
    for (const v of vec(s.a)) {
      if (v === q) plus++;
      else if (v === -q) minus++;
      else if (v === 0) zero++;
      else throw new Error(`a_i = ${v} is not a chain state`);
    }
    const sd = (p: number): number => Math.sqrt((p * (1 - p)) / m);
    expect(Math.abs(plus / m - 0.25)).toBeLessThan(5 * sd(0.25));
    expect(Math.abs(minus / m - 0.25)).toBeLessThan(5 * sd(0.25));
    expect(Math.abs(zero / m - 0.5)).toBeLessThan(5 * sd(0.5));
    // W keeps its NTK initialization (Eq. (5))
    rows(s.W).forEach((r, i) => expect(bitsEqual(r, W0[i]!)).toBe(true));
  });

  it('the chain: a_i stays in {-q, 0, q} and alternates 0 <-> +-q at every step (property over eta, m, seeds)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 0, max: 100_000 }), (etaExp, m, seed) => {
        const eta = Math.pow(10, -etaExp);
        const q = Math.pow(eta, 0.25);
        const data = makeDataset({ n: 5, d: 3, nTest: 0, thetaStarNorm: 0.5 }, seed);
        const s = initOscillation(initNTK(m, 3, seed), eta, seed);
        const sim = new Simulation(s, data, { kind: 'oscillation', eta }, seed);
        let prev = vec(s.a).slice();
        for (let t = 0; t < 30; t++) {
          sim.step();
          const a = vec(s.a);
          for (let i = 0; i < m; i++) {
            const v = a[i]!;
            expect(v === q || v === -q || v === 0).toBe(true);
            expect(prev[i] === 0 ? v !== 0 : v === 0).toBe(true);
          }
          prev = a.slice();
        }
      }),
      fcOpts(701, 40),
    );
  });

  it('from 0 the chain goes to +q and -q with probability 1/2 each (5 sd over 10000 transitions)', () => {
    const eta = 1e-2;
    const q = Math.pow(eta, 0.25);
    const m = 100;
    const data = makeDataset({ n: 3, d: 2, nTest: 0, thetaStarNorm: 0.5 }, 1);
    const s = initOscillation(initNTK(m, 2, 1), eta, 1);
    const sim = new Simulation(s, data, { kind: 'oscillation', eta }, 1);
    let fromZero = 0;
    let toPlus = 0;
    for (let t = 0; t < 200; t++) {
      const before = vec(s.a).slice();
      sim.step();
      before.forEach((v, i) => {
        if (v === 0) {
          fromZero++;
          if (vec(s.a)[i] === q) toPlus++;
        }
      });
    }
    expect(fromZero).toBe(100 * 100); // each neuron is at 0 every other step
    expect(Math.abs(toPlus / fromZero - 0.5)).toBeLessThan(5 * Math.sqrt(0.25 / fromZero));
  });
});
