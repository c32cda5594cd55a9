import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hashSeed, stream } from '../../src/engine/index.js';
import { fcOpts, meanVar } from './helpers.js';

const draws = (seed: number | string, names: (string | number)[], count: number): number[] => {
  const r = stream(seed, ...names);
  const out: number[] = [];
  for (let k = 0; k < count; k++) out.push(k % 3 === 0 ? r.double() : k % 3 === 1 ? r.gaussian() : r.int(1000));
  return out;
};

/** FNV-1a 32-bit written out with BigInt, independently of the engine's Math.imul version. */
function fnv1a(s: string): number {
  let h = 0x811c9dc5n;
  for (let i = 0; i < s.length; i++) {
    h ^= BigInt(s.charCodeAt(i));
    h = (h * 0x01000193n) & 0xffffffffn;
  }
  return Number(BigInt.asIntN(32, h));
}

describe('rng: named streams', () => {
  it('same seed and names give the same sequence (property over seeds and names)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), fc.array(fc.constantFrom('data', 'init', 'noise', 'sampling', 3, 17), { minLength: 1, maxLength: 3 }), (seed, names) => {
        expect(draws(seed, names, 60)).toEqual(draws(seed, names, 60));
      }),
      fcOpts(101, 50),
    );
  });

  it('different seeds or different names give different sequences', () => {
    const base = draws(7, ['noise'], 20);
    expect(draws(8, ['noise'], 20)).not.toEqual(base);
    expect(draws(7, ['sampling'], 20)).not.toEqual(base);
    expect(draws(7, ['noise', 0], 20)).not.toEqual(base);
    expect(draws('7', ['noise'], 20)).toEqual(base); // a seed is its string form
  });

  it('streams are independent: drawing from one never shifts another', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), fc.integer({ min: 0, max: 200 }), (seed, extra) => {
        const alone = stream(seed, 'b');
        const reference = Array.from({ length: 25 }, () => alone.gaussian());
        // interleave arbitrary consumption of stream 'a' with the draws of 'b'
        const a = stream(seed, 'a');
        const b = stream(seed, 'b');
        const got: number[] = [];
        for (let k = 0; k < 25; k++) {
          for (let j = 0; j < (extra + k) % 7; j++) a.double();
          got.push(b.gaussian());
        }
        for (let j = 0; j < extra; j++) a.gaussian();
        expect(got).toEqual(reference);
      }),
      fcOpts(102, 30),
    );
  });

  it('double is uniform on [0, 1): range, mean 1/2 and variance 1/12 within 5 standard errors', () => {
    const r = stream(11, 'uniform');
    const N = 100_000;
    const x = new Float64Array(N);
    // every draw is checked; the count of draws outside [0, 1) must be 0 (one expect, not N)
    let outside = 0;
    for (let k = 0; k < N; k++) {
      const u = r.double();
      if (!(u >= 0 && u < 1)) outside++;
      x[k] = u;
    }
    expect(outside).toBe(0);
    const { mean, variance } = meanVar(x);
    // sd of the mean: sqrt(1/12 / N) = 9.1e-4; sd of the sample variance: sqrt(1/180 / N) = 2.4e-4
    expect(Math.abs(mean - 0.5)).toBeLessThan(5 * Math.sqrt(1 / 12 / N));
    expect(Math.abs(variance - 1 / 12)).toBeLessThan(5 * Math.sqrt(1 / 180 / N));
  });

  it('gaussian: mean 0, variance 1, P(|z| < 1) = 0.6827 within stated tolerances over 200000 draws', () => {
    const r = stream(12, 'gauss');
    const N = 200_000;
    const x = new Float64Array(N);
    let inside = 0;
    let fourth = 0;
    for (let k = 0; k < N; k++) {
      const z = r.gaussian();
      x[k] = z;
      if (Math.abs(z) < 1) inside++;
      fourth += z ** 4;
    }
    const { mean, variance } = meanVar(x);
    // standard errors: mean 1/sqrt(N) = 2.2e-3, variance sqrt(2/N) = 3.2e-3; tolerance 5 standard errors
    expect(Math.abs(mean)).toBeLessThan(5 / Math.sqrt(N));
    expect(Math.abs(variance - 1)).toBeLessThan(5 * Math.sqrt(2 / N));
    // fourth moment 3, sd sqrt(96/N) = 0.022
    expect(Math.abs(fourth / N - 3)).toBeLessThan(5 * Math.sqrt(96 / N));
    const p = 0.682689492137;
    expect(Math.abs(inside / N - p)).toBeLessThan(5 * Math.sqrt((p * (1 - p)) / N));
  });

  it('gaussian: consecutive pairs (the cached spare) are uncorrelated', () => {
    const r = stream(13, 'pairs');
    const N = 100_000;
    let s = 0;
    let sShift = 0;
    let prev = r.gaussian();
    for (let k = 0; k < N; k++) {
      const u = r.gaussian();
      const v = r.gaussian();
      s += u * v; // within a Box-Muller pair
      sShift += prev * u; // across pairs
      prev = v;
    }
    expect(Math.abs(s / N)).toBeLessThan(5 / Math.sqrt(N));
    expect(Math.abs(sShift / N)).toBeLessThan(5 / Math.sqrt(N));
  });

  it('rademacher takes only -1 and +1, each with frequency 1/2 within 5 standard errors', () => {
    const r = stream(14, 'signs');
    const N = 100_000;
    let plus = 0;
    let other = 0;
    for (let k = 0; k < N; k++) {
      const v = r.rademacher();
      if (v !== 1 && v !== -1) other++;
      if (v === 1) plus++;
    }
    expect(other).toBe(0);
    expect(Math.abs(plus / N - 0.5)).toBeLessThan(5 * Math.sqrt(0.25 / N));
  });

  it('int(n) is an integer in [0, n) and hits every value (property over n)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 0, max: 10_000 }), (n, seed) => {
        const r = stream(seed, 'int');
        const seen = new Array<number>(n).fill(0);
        const bad: number[] = [];
        for (let k = 0; k < 400 * n; k++) {
          const v = r.int(n);
          if (!(Number.isInteger(v) && v >= 0 && v < n)) bad.push(v);
          else seen[v]!++;
        }
        // every draw is an integer in [0, n): the list of those that are not must be empty
        expect(bad).toEqual([]);
        // each count ~ Binomial(400 n, 1/n): mean 400, sd <= 20; every value is hit and none is wildly off
        for (const c of seen) expect(Math.abs(c - 400)).toBeLessThan(6 * 20);
      }),
      fcOpts(103, 20),
    );
  });

  it('int(1) is always 0', () => {
    const r = stream(1, 'one');
    for (let k = 0; k < 100; k++) expect(r.int(1)).toBe(0);
  });
});

describe('hashSeed', () => {
  it('matches the published FNV-1a 32-bit test vectors (as signed 32-bit integers)', () => {
    expect(hashSeed('')).toBe(0x811c9dc5 | 0);
    expect(hashSeed('a')).toBe(0xe40c292c | 0);
    expect(hashSeed('foobar')).toBe(0xbf9cf968 | 0);
  });

  it('joins its parts with "/" and is stable across calls', () => {
    expect(hashSeed('foo', 'bar')).toBe(hashSeed('foo/bar'));
    expect(hashSeed(42, 'claim', 'main')).toBe(hashSeed('42/claim/main'));
    expect(hashSeed(42, 'claim', 'main')).toBe(hashSeed(42, 'claim', 'main'));
    expect(hashSeed(42, 'claim', 'main')).not.toBe(hashSeed(43, 'claim', 'main'));
    expect(hashSeed(42, 'claim', 'main')).not.toBe(hashSeed(42, 'claim', 'A6'));
  });

  it('equals an independent BigInt FNV-1a on arbitrary ASCII strings and is a 32-bit integer', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), fc.integer(), (s, k) => {
        const h = hashSeed(s, k);
        expect(h).toBe(fnv1a(`${s}/${k}`));
        expect(Number.isInteger(h) && h >= -(2 ** 31) && h < 2 ** 31).toBe(true);
      }),
      fcOpts(104, 200),
    );
  });
});
