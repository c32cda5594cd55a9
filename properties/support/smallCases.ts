import fc from 'fast-check';
import { makeDataset, type Dataset } from '../../src/engine/data.js';
import { initNTK, type State } from '../../src/engine/network.js';
import type { Rule } from '../../src/engine/rules/types.js';

/**
 * A small random configuration for exact checks. Real-valued ranges are drawn on integer grids
 * (fast-check's doubles crowd near zero), and the state and data come from a seed, so a case is a
 * handful of integers that shrink toward m = d = n = 1.
 */
export interface SmallCase {
  m: number;
  d: number;
  n: number;
  /** eta = 10^-etaExp */
  etaExp: number;
  sigma: number;
  batch: number | 'full';
  /** scale of a(0) relative to Eq. (5) (1 = NTK; larger reaches states away from initialization) */
  aScale: number;
  steps: number;
  seed: number;
}

export interface SmallDomain {
  maxM: number;
  maxD: number;
  maxN: number;
  etaExponents: [number, number];
  sigmas: number[];
  maxSteps?: number;
}

export function smallCase(opts: SmallDomain, batches: 'any' | 'single' = 'any'): fc.Arbitrary<SmallCase> {
  return fc.record({
    m: fc.integer({ min: 1, max: opts.maxM }),
    d: fc.integer({ min: 1, max: opts.maxD }),
    n: fc.integer({ min: 1, max: opts.maxN }),
    etaExp: fc.integer({ min: opts.etaExponents[0], max: opts.etaExponents[1] }),
    sigma: fc.constantFrom(...opts.sigmas),
    batch: batches === 'single' ? fc.constant(1 as number | 'full') : fc.oneof(fc.constant(1 as number | 'full'), fc.constant('full' as const), fc.integer({ min: 2, max: 4 })),
    aScale: fc.constantFrom(1, 3, 10),
    steps: fc.integer({ min: 1, max: opts.maxSteps ?? 1 }),
    seed: fc.integer({ min: 0, max: 1_000_000 }),
  });
}

export function materialize(c: SmallCase): { state: State; data: Dataset; rule: Rule & { kind: 'sgd' } } {
  const data = makeDataset({ n: c.n, d: c.d, nTest: 0, thetaStarNorm: 0.5 }, c.seed);
  const state = initNTK(c.m, c.d, c.seed, { aScale: c.aScale });
  return { state, data, rule: { kind: 'sgd', eta: Math.pow(10, -c.etaExp), batch: c.batch, sigma: c.sigma } };
}
