import fc from 'fast-check';
import { Matrix } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import { makeDataset, makeThetaStar, maxInputNorm, rows, validateDataConfig, type DataConfig } from '../../src/engine/index.js';
import { bitsEqual, expectInputError, fcOpts, meanVar } from './helpers.js';

const cfgArb = fc.record({
  n: fc.integer({ min: 1, max: 30 }),
  d: fc.integer({ min: 1, max: 12 }),
  nTest: fc.integer({ min: 0, max: 10 }),
  // ||theta*|| = k / 8 on a grid, 0 included
  normK: fc.integer({ min: 0, max: 40 }),
  seed: fc.integer({ min: 0, max: 1_000_000 }),
});

/** y_i = sum_k X_ik theta*_k summed in index order, written out here. */
function labelsByHand(X: Matrix, th: Float64Array): Float64Array {
  return Float64Array.from(rows(X), (r) => {
    let s = 0;
    for (let k = 0; k < th.length; k++) s += (r[k] as number) * (th[k] as number);
    return s;
  });
}

describe('data (Section 3.1)', () => {
  it('has the requested shapes, y = X theta* exactly, and ||theta*|| equals the requested norm (to 1e-12)', () => {
    fc.assert(
      fc.property(cfgArb, (c) => {
        const norm = c.normK / 8;
        const ds = makeDataset({ n: c.n, d: c.d, nTest: c.nTest, thetaStarNorm: norm }, c.seed);
        expect([ds.X.rows, ds.X.columns]).toEqual([c.n, c.d]);
        expect([ds.Xtest.rows, ds.Xtest.columns]).toEqual([c.nTest, c.d]);
        expect(ds.y.length).toBe(c.n);
        expect(ds.ytest.length).toBe(c.nTest);
        expect(ds.thetaStar.length).toBe(c.d);
        expect(bitsEqual(ds.y, labelsByHand(ds.X, ds.thetaStar))).toBe(true);
        expect(bitsEqual(ds.ytest, labelsByHand(ds.Xtest, ds.thetaStar))).toBe(true);
        const tn = Math.hypot(...ds.thetaStar);
        expect(Math.abs(tn - norm)).toBeLessThanOrEqual(1e-12 * (1 + norm));
        // and y agrees with ml-matrix's product to rounding
        const yMl = ds.X.mmul(Matrix.columnVector(Array.from(ds.thetaStar))).getColumn(0);
        // every label is compared; the list of those off by more than the tolerance must be empty
        const off = yMl.map((v, i) => [i, v, ds.y[i]!] as const).filter(([, v, y]) => !(Math.abs(v - y) <= 1e-12 * (1 + Math.abs(v))));
        expect(off).toEqual([]);
      }),
      fcOpts(201, 60),
    );
  });

  it('a sparse theta* has exactly `sparsity` non-zero coordinates and the requested norm; dense by default', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 20 }), fc.integer({ min: 0, max: 1_000_000 }), fc.integer({ min: 1, max: 20 }), (d, seed, k) => {
        const sparsity = Math.min(k, d);
        const ds = makeDataset({ n: 3, d, nTest: 0, thetaStarNorm: 2, sparsity }, seed);
        const support = Array.from(ds.thetaStar).filter((v) => v !== 0).length;
        expect(support).toBe(sparsity);
        expect(Math.abs(Math.hypot(...ds.thetaStar) - 2)).toBeLessThan(1e-12 * 3);
        const dense = makeDataset({ n: 3, d, nTest: 0, thetaStarNorm: 2 }, seed);
        expect(Array.from(dense.thetaStar).filter((v) => v !== 0).length).toBe(d);
      }),
      fcOpts(202, 60),
    );
  });

  it('the support of a sparse theta* is spread over the coordinates (not always the first ones)', () => {
    const counts = new Array<number>(10).fill(0);
    for (let seed = 0; seed < 400; seed++) {
      const th = makeThetaStar(10, 1, 1, seed);
      counts[th.findIndex((v) => v !== 0)]!++;
    }
    // each coordinate ~ Binomial(400, 1/10): mean 40, sd 6
    for (const c of counts) expect(Math.abs(c - 40)).toBeLessThan(5 * 6);
  });

  it('thetaStarNorm = 0 gives theta* = 0 and y = 0', () => {
    const ds = makeDataset({ n: 5, d: 4, nTest: 2, thetaStarNorm: 0 }, 3);
    expect(ds.thetaStar.length).toBe(4);
    expect(Array.from(ds.thetaStar).every((v) => v === 0)).toBe(true);
    expect(Array.from(ds.y).every((v) => v === 0)).toBe(true);
  });

  it('is reproducible from its seed, and different seeds give different data', () => {
    const c: DataConfig = { n: 8, d: 3, nTest: 4, thetaStarNorm: 1 };
    const a = makeDataset(c, 'seed-1');
    const b = makeDataset(c, 'seed-1');
    const other = makeDataset(c, 'seed-2');
    expect(bitsEqual(rows(a.X)[5]!, rows(b.X)[5]!)).toBe(true);
    expect(bitsEqual(a.thetaStar, b.thetaStar)).toBe(true);
    expect(bitsEqual(a.ytest, b.ytest)).toBe(true);
    expect(bitsEqual(a.thetaStar, other.thetaStar)).toBe(false);
    expect(bitsEqual(a.y, other.y)).toBe(false);
  });

  it('train, test and theta* come from independent streams: changing one size never shifts the others', () => {
    const a = makeDataset({ n: 10, d: 4, nTest: 0, thetaStarNorm: 1 }, 9);
    const b = makeDataset({ n: 25, d: 4, nTest: 50, thetaStarNorm: 1 }, 9);
    expect(bitsEqual(a.thetaStar, b.thetaStar)).toBe(true);
    for (let i = 0; i < 10; i++) expect(bitsEqual(rows(a.X)[i]!, rows(b.X)[i]!)).toBe(true);
    const c = makeDataset({ n: 3, d: 4, nTest: 20, thetaStarNorm: 1 }, 9);
    for (let i = 0; i < 20; i++) expect(bitsEqual(rows(c.Xtest)[i]!, rows(b.Xtest)[i]!)).toBe(true);
  });

  it('inputs are N(0, 1): mean and variance of 40000 entries within 5 standard errors', () => {
    const ds = makeDataset({ n: 2000, d: 20, nTest: 0, thetaStarNorm: 1 }, 5);
    const all = new Float64Array(2000 * 20);
    rows(ds.X).forEach((r, i) => all.set(r, i * 20));
    const { mean, variance } = meanVar(all);
    expect(Math.abs(mean)).toBeLessThan(5 / Math.sqrt(all.length));
    expect(Math.abs(variance - 1)).toBeLessThan(5 * Math.sqrt(2 / all.length));
  });

  it('maxInputNorm is the largest row norm', () => {
    fc.assert(
      fc.property(cfgArb, (c) => {
        const ds = makeDataset({ n: c.n, d: c.d, nTest: 0, thetaStarNorm: 1 }, c.seed);
        const norms = rows(ds.X).map((r) => Math.hypot(...r));
        const got = maxInputNorm(ds.X);
        expect(Math.abs(got - Math.max(...norms))).toBeLessThan(1e-12 * (1 + got));
      }),
      fcOpts(203, 30),
    );
    expect(maxInputNorm(new Matrix(0, 3))).toBe(0);
  });

  describe('validation: each bad input throws an InputError naming it', () => {
    const ok: DataConfig = { n: 4, d: 3, nTest: 2, thetaStarNorm: 1 };
    const cases: [string, Partial<DataConfig> & Record<string, unknown>, string][] = [
      ['NaN n', { n: NaN }, 'n'],
      ['zero n', { n: 0 }, 'n'],
      ['negative n', { n: -3 }, 'n'],
      ['non-integer n', { n: 2.5 }, 'n'],
      ['infinite n', { n: Infinity }, 'n'],
      ['zero d', { d: 0 }, 'd'],
      ['non-integer d', { d: 1.5 }, 'd'],
      ['NaN d', { d: NaN }, 'd'],
      ['negative nTest', { nTest: -1 }, 'nTest'],
      ['non-integer nTest', { nTest: 0.5 }, 'nTest'],
      ['NaN thetaStarNorm', { thetaStarNorm: NaN }, 'thetaStarNorm'],
      ['negative thetaStarNorm', { thetaStarNorm: -0.1 }, 'thetaStarNorm'],
      ['string thetaStarNorm', { thetaStarNorm: '1' as unknown as number }, 'thetaStarNorm'],
      ['sparsity > d', { sparsity: 4 }, 'sparsity'],
      ['sparsity 0', { sparsity: 0 }, 'sparsity'],
      ['non-integer sparsity', { sparsity: 1.5 }, 'sparsity'],
    ];
    for (const [what, patch, input] of cases) {
      it(what, () => {
        const bad = { ...ok, ...patch } as DataConfig;
        expectInputError(() => validateDataConfig(bad), input);
        expectInputError(() => makeDataset(bad, 1), input);
      });
    }
    it('a valid config is returned as is', () => {
      expect(validateDataConfig(ok)).toBe(ok);
      expect(validateDataConfig({ ...ok, sparsity: 3 }).sparsity).toBe(3);
    });
    it('the message states the offending value', () => {
      expect(expectInputError(() => validateDataConfig({ ...ok, n: NaN }), 'n').message).toMatch(/NaN/);
      expect(expectInputError(() => validateDataConfig({ ...ok, n: 0 }), 'n').message).toMatch(/>= 1, got 0/);
      expect(expectInputError(() => validateDataConfig({ ...ok, n: 2.5 }), 'n').message).toMatch(/integer/);
      expect(expectInputError(() => validateDataConfig({ ...ok, sparsity: 4 }), 'sparsity').message).toMatch(/<= 3/);
    });
  });
});
