import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  InputError,
  Simulation,
  initNTK,
  makeDataset,
  validateRule,
  type Dataset,
  type DataConfig,
  type Rule,
  type RunOptions,
  type RunResult,
  type State,
} from '../../src/engine/index.js';

/**
 * Hostile input for the simulator: random configurations of makeDataset, initNTK, validateRule and
 * Simulation.run, with NaN, infinities, negative numbers, zero, huge numbers, non-integers, strings
 * and other wrong types among them. Each call must end in one of three ways:
 *   - an InputError naming the input (its `input` is the field, and the message says "invalid <field>"),
 *   - a finite result (every number of the outcome and the log finite), or
 *   - a reported divergence ({kind: 'diverged'}, with no NaN or infinity in the log either).
 * Never a NaN in results, never an uncaught exception of another kind, never a hang (sizes stay small
 * or are refused).
 */

const HOSTILE_NUMBERS: unknown[] = [NaN, Infinity, -Infinity, -1, 0, -0, 1e300, -1e300, 2 ** 53, 2 ** 31, 0.5, 1.5, Number.MIN_VALUE, Number.EPSILON, 1e12];
/** for a step count: no huge valid integer (2^31 steps would be a valid, endless run, not hostile input) */
const HOSTILE_STEPS: unknown[] = HOSTILE_NUMBERS.filter((v) => v !== 2 ** 31 && v !== 1e12);

/**
 * Hostile values mixed with valid ones: `valid` supplies the well-formed part of the domain (most draws,
 * so that many configurations get through to a run, and many fail on exactly one field).
 */
function hostile<T>(valid: fc.Arbitrary<T>, numbers: unknown[] = HOSTILE_NUMBERS): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 60, arbitrary: valid },
    { weight: 2, arbitrary: fc.constantFrom<unknown>(...numbers) },
    { weight: 1, arbitrary: fc.constantFrom<unknown>('3', '', 'NaN', 'abc', undefined, null, {}, [], true, [2], () => 1, Symbol('s'), 10n) },
    { weight: 1, arbitrary: fc.double({ noInteger: true }) },
  );
}

const sizeArb = (max: number): fc.Arbitrary<number> => fc.integer({ min: 1, max });

const dataArb = fc.record(
  {
    n: hostile(sizeArb(8)),
    d: hostile(sizeArb(5)),
    nTest: hostile(fc.integer({ min: 0, max: 4 })),
    thetaStarNorm: hostile(fc.constantFrom(0, 0.3, 1, 5)),
    sparsity: hostile(fc.constant(1)),
  },
  { requiredKeys: ['n', 'd', 'nTest', 'thetaStarNorm'] },
);

const initArb = fc.record({
  m: hostile(sizeArb(8)),
  seed: hostile(fc.oneof(fc.integer(), fc.string())),
  aScale: hostile(fc.constantFrom(0, 0.5, 1, 3)),
  wScale: hostile(fc.constantFrom(0, 0.5, 1, 3)),
});

const ruleArb = fc.oneof(
  { weight: 20, arbitrary: fc.record(
    {
      kind: fc.constantFrom<unknown>('sgd', 'sgd', 'sgd', 'sgd', 'sam', 'sam', 'oscillation', 'adam', 7, undefined),
      eta: hostile(fc.constantFrom(1e-3, 1e-2, 0.1, 1, 10)),
      batch: hostile(fc.oneof(sizeArb(4), fc.constant('full'))),
      sigma: hostile(fc.constantFrom(0, 0.5, 1, 4)),
      rho: hostile(fc.constantFrom(0, 0.05, 1)),
      noise: fc.constantFrom<unknown>(undefined, undefined, undefined, 'rademacher', 'gaussian', 'cauchy', 3),
      schedule: fc.option(fc.record({ on: hostile(sizeArb(3)), off: hostile(fc.integer({ min: 0, max: 3 })) }), { nil: undefined }),
    },
    { requiredKeys: ['kind', 'eta', 'batch', 'sigma', 'rho'] },
  ) },
  { weight: 1, arbitrary: fc.constantFrom<unknown>(null, undefined, 'sgd', 3, []) },
);

const runArb = fc.record(
  {
    steps: hostile(fc.integer({ min: 0, max: 40 }), HOSTILE_STEPS),
    logEvery: hostile(fc.integer({ min: 0, max: 10 })),
    watchEvery: hostile(sizeArb(10)),
    divergenceBound: hostile(fc.constantFrom(1e8, 1e3, 1e300, 1)),
    watch: fc.constantFrom<unknown>(undefined, undefined, undefined, 5, 'x', () => undefined, () => 'stop here'),
    progress: fc.constantFrom<unknown>(undefined, undefined, 5, () => undefined),
  },
  { requiredKeys: ['steps'] },
);

type Ending = { kind: 'input'; error: InputError } | { kind: 'result'; result: RunResult };

/** Runs one configuration through the engine, stopping at the first refused input. */
function attempt(dc: unknown, init: { m: unknown; seed: unknown; aScale: unknown; wScale: unknown }, rule: unknown, run: unknown): Ending {
  try {
    const data: Dataset = makeDataset(dc as DataConfig, 'hostile');
    const state: State = initNTK(init.m as number, data.X.columns, init.seed as string, { aScale: init.aScale as number, wScale: init.wScale as number });
    const r: Rule = validateRule(rule as Rule);
    const sim = new Simulation(state, data, r, init.seed as string);
    return { kind: 'result', result: sim.run(run as RunOptions) };
  } catch (e) {
    if (e instanceof InputError) return { kind: 'input', error: e };
    throw e;
  }
}

/** Every number reachable in a value is finite. */
function allNumbersFinite(v: unknown, where = 'result'): string | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? undefined : `${where} = ${v}`;
  if (v && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) {
      const bad = allNumbersFinite(x, `${where}.${k}`);
      if (bad) return bad;
    }
  }
  return undefined;
}

describe('hostile configurations of the simulator end in an InputError, a finite result or a reported divergence', () => {
  it('makeDataset, initNTK, validateRule, Simulation.run (fast-check, 2000 random configurations)', () => {
    const seen = { input: 0, completed: 0, stopped: 0, diverged: 0 };
    const fields = new Set<string>();
    fc.assert(
      fc.property(dataArb, initArb, ruleArb, runArb, (dc, init, rule, run) => {
        const end = attempt(dc, init, rule, run);
        if (end.kind === 'input') {
          seen.input++;
          fields.add(end.error.input);
          expect(end.error.message.startsWith(`invalid ${end.error.input}: `)).toBe(true);
          expect(end.error.message).not.toMatch(/\n/);
          return;
        }
        const { outcome, log } = end.result;
        seen[outcome.kind]++;
        expect(allNumbersFinite({ outcome, log })).toBeUndefined();
        if (outcome.kind === 'diverged') expect(outcome.reason.length).toBeGreaterThan(0);
      }),
      { seed: 60606, numRuns: 2000 },
    );
    if (process.env["HOSTILE_DEBUG"]) console.log(seen, [...fields].sort().join(" "));
    // the property saw every ending, and refusals named many different inputs
    expect(seen.input).toBeGreaterThan(100);
    expect(seen.completed).toBeGreaterThan(100);
    expect(seen.diverged).toBeGreaterThan(20);
    expect(fields.size).toBeGreaterThan(10);
  });

  it('a diverging run is reported with its step, and no NaN reaches the log (eta = 10, a large bound)', () => {
    const data = makeDataset({ n: 5, d: 3, nTest: 2, thetaStarNorm: 1 }, 1);
    for (const divergenceBound of [1e8, 1e300]) {
      const sim = new Simulation(initNTK(4, 3, 1, { aScale: 3 }), data, { kind: 'sgd', eta: 10, batch: 1, sigma: 4 }, 1);
      const r = sim.run({ steps: 5000, logEvery: 1, divergenceBound });
      expect(r.outcome.kind).toBe('diverged');
      expect(allNumbersFinite(r.log)).toBeUndefined();
    }
  });

  it('sizes that would exhaust memory or never end are refused, naming the input', () => {
    const data = makeDataset({ n: 3, d: 2, nTest: 0, thetaStarNorm: 1 }, 1);
    const cases: [() => unknown, string][] = [
      [() => initNTK(1e12, 20, 1), 'm'],
      [() => initNTK(3, 1e12, 1), 'd'],
      [() => makeDataset({ n: 1e12, d: 20, nTest: 0, thetaStarNorm: 1 }, 1), 'n'],
      [() => makeDataset({ n: 3, d: 20, nTest: 1e15, thetaStarNorm: 1 }, 1), 'nTest'],
      [() => new Simulation(initNTK(2, 2, 1), data, { kind: 'sgd', eta: 0.1, batch: 1e12, sigma: 0 }, 1), 'batch'],
      [() => new Simulation(initNTK(2, 2, 1), data, { kind: 'sgd', eta: 0.1, batch: 1, sigma: 0 }, 1).run({ steps: 1e300 }), 'steps'],
    ];
    for (const [f, input] of cases) {
      let caught: unknown;
      try {
        f();
      } catch (e) {
        caught = e;
      }
      expect(caught, input).toBeInstanceOf(InputError);
      expect((caught as InputError).input).toBe(input);
    }
  });
});
