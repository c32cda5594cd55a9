import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stream } from '../../src/engine/rng.js';
import { clopperPearson } from '../../src/stats/binomial.js';
import { changeProbability, noisyLabels, validateNoise } from '../../src/cifar/noise.js';
import { pruneByMagnitude, type CnnParams } from '../../src/cifar/cnn.js';
import { InputError } from '../../src/errors.js';

/** Each frequency is checked against its exact Clopper-Pearson interval at 1e-6 (a fixed seed: deterministic). */
const A = 1e-6;

describe('label noise', () => {
  const labels = Uint8Array.from({ length: 20_000 }, (_, i) => (i * 7) % 10);

  it("resample (authors' code): changes a label with probability p * 9/10, to each other class equally", () => {
    for (const p of [0.5, 0.2]) {
      const out = noisyLabels(labels, { kind: 'resample', p }, stream('noise-test', 'resample', p));
      let changed = 0;
      const to = new Array<number>(10).fill(0);
      out.forEach((z, i) => {
        if (z !== labels[i]) {
          changed++;
          to[(z - (labels[i] as number) + 10) % 10]!++;
        }
      });
      const ci = clopperPearson(changed, labels.length, A);
      expect(ci.lo).toBeLessThan(changeProbability({ kind: 'resample', p }));
      expect(ci.hi).toBeGreaterThan(changeProbability({ kind: 'resample', p }));
      for (let s = 1; s < 10; s++) {
        const c = clopperPearson(to[s] as number, changed, A);
        expect(c.lo).toBeLessThan(1 / 9);
        expect(c.hi).toBeGreaterThan(1 / 9);
      }
    }
  });

  it('flip (Algorithm 1): changes a label with probability tau, never to itself, to each other class equally', () => {
    for (const tau of [0.05, 0.1, 0.2, 0.45]) {
      const out = noisyLabels(labels, { kind: 'flip', tau }, stream('noise-test', 'flip', tau));
      let changed = 0;
      const to = new Array<number>(10).fill(0);
      out.forEach((z, i) => {
        if (z !== labels[i]) {
          changed++;
          to[(z - (labels[i] as number) + 10) % 10]!++;
        }
      });
      const ci = clopperPearson(changed, labels.length, A);
      expect(ci.lo).toBeLessThan(tau);
      expect(ci.hi).toBeGreaterThan(tau);
      for (let s = 1; s < 10; s++) {
        const c = clopperPearson(to[s] as number, changed, A);
        expect(c.lo).toBeLessThan(1 / 9);
        expect(c.hi).toBeGreaterThan(1 / 9);
      }
    }
  });

  it('labels stay in 0..9; p = 0 / tau = 0 change nothing; tau = 1 changes every label (fast-check)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 1, maxLength: 50 }), fc.integer({ min: 0, max: 1000 }), (ls, s) => {
        const l = Uint8Array.from(ls);
        for (const n of [{ kind: 'resample', p: 0.7 }, { kind: 'flip', tau: 0.3 }] as const) for (const z of noisyLabels(l, n, stream('r', s))) expect(z).toBeLessThan(10);
        expect(Array.from(noisyLabels(l, { kind: 'flip', tau: 0 }, stream('r', s)))).toEqual(ls);
        expect(Array.from(noisyLabels(l, { kind: 'resample', p: 0 }, stream('r', s)))).toEqual(ls);
        noisyLabels(l, { kind: 'flip', tau: 1 }, stream('r', s)).forEach((z, i) => expect(z).not.toBe(ls[i]));
      }),
      { seed: 21, numRuns: 50 },
    );
  });

  it('bad noise settings are rejected naming the field', () => {
    expect(() => validateNoise({ kind: 'flip', tau: 1.5 })).toThrow(InputError);
    expect(() => validateNoise({ kind: 'resample', p: -0.1 })).toThrow(/noise\.p/);
  });
});

describe('global magnitude pruning', () => {
  it('keeps exactly round(keep * total) weights, the largest in |w|, and leaves biases (fast-check)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -50, max: 50 }), { minLength: 12, maxLength: 12 }), fc.double({ min: 0, max: 1, noNaN: true }), (ws, keep) => {
        const p: CnnParams = {
          w1: Float32Array.from(ws.slice(0, 4)),
          b1: Float32Array.from([5]),
          w2: Float32Array.from(ws.slice(4, 8)),
          b2: Float32Array.from([6]),
          wd: Float32Array.from(ws.slice(8)),
          bd: Float32Array.from([7]),
        };
        const q = pruneByMagnitude(p, keep);
        const before = [...p.w1, ...p.w2, ...p.wd];
        const after = [...q.w1, ...q.w2, ...q.wd];
        const kept = after.filter((v, i) => v !== 0 || before[i] === 0).length;
        const nonzeroBefore = before.filter((v) => v !== 0).length;
        const target = Math.round(keep * 12);
        // zeros that were zero already count as kept or pruned alike
        expect(kept).toBeGreaterThanOrEqual(Math.min(target, 12));
        expect(after.filter((v) => v !== 0).length).toBeLessThanOrEqual(Math.min(target, nonzeroBefore));
        const minKept = Math.min(...after.filter((v) => v !== 0).map(Math.abs), Infinity);
        const maxPruned = Math.max(...before.filter((v, i) => after[i] === 0 && v !== 0).map(Math.abs), -Infinity);
        expect(maxPruned).toBeLessThanOrEqual(minKept);
        expect([q.b1[0], q.b2[0], q.bd[0]]).toEqual([5, 6, 7]);
      }),
      { seed: 22, numRuns: 200 },
    );
  });
});
