import { describe, expect, it } from 'vitest';
import { InputError, requireNumber, validateRule, type Rule } from '../../src/engine/index.js';
import { expectInputError } from './helpers.js';

const sgd: Rule = { kind: 'sgd', eta: 0.01, batch: 1, sigma: 1 };
const sam: Rule = { kind: 'sam', eta: 0.01, rho: 0.05, batch: 'full', sigma: 0 };

const bad = (r: Record<string, unknown>): Rule => r as unknown as Rule;

describe('validateRule: each bad field throws an InputError naming it', () => {
  const cases: [string, Rule, string][] = [
    ['NaN eta', bad({ ...sgd, eta: NaN }), 'eta'],
    ['negative eta', bad({ ...sgd, eta: -0.1 }), 'eta'],
    ['zero eta', bad({ ...sgd, eta: 0 }), 'eta'],
    ['infinite eta', bad({ ...sgd, eta: Infinity }), 'eta'],
    ['string eta', bad({ ...sgd, eta: '0.1' }), 'eta'],
    ['zero eta (oscillation)', bad({ kind: 'oscillation', eta: 0 }), 'eta'],
    ['zero eta (SAM)', bad({ ...sam, eta: 0 }), 'eta'],
    ['negative sigma', bad({ ...sgd, sigma: -1 }), 'sigma'],
    ['NaN sigma', bad({ ...sgd, sigma: NaN }), 'sigma'],
    ['missing sigma', bad({ kind: 'sgd', eta: 0.1, batch: 1 }), 'sigma'],
    ['negative sigma (SAM)', bad({ ...sam, sigma: -2 }), 'sigma'],
    ['batch 0', bad({ ...sgd, batch: 0 }), 'batch'],
    ['batch 1.5', bad({ ...sgd, batch: 1.5 }), 'batch'],
    ['batch "all"', bad({ ...sgd, batch: 'all' }), 'batch'],
    ['batch 0 (SAM)', bad({ ...sam, batch: 0 }), 'batch'],
    ['unknown kind', bad({ kind: 'adam', eta: 0.1, batch: 1, sigma: 0 }), 'rule.kind'],
    ['negative rho', bad({ ...sam, rho: -0.1 }), 'rho'],
    ['NaN rho', bad({ ...sam, rho: NaN }), 'rho'],
    ['unknown noise', bad({ ...sgd, noise: 'uniform' }), 'noise'],
    ['schedule.on = 0', bad({ ...sgd, schedule: { on: 0, off: 5 } }), 'schedule.on'],
    ['schedule.on = 2.5', bad({ ...sgd, schedule: { on: 2.5, off: 5 } }), 'schedule.on'],
    ['schedule.off = -1', bad({ ...sgd, schedule: { on: 5, off: -1 } }), 'schedule.off'],
    ['schedule.off NaN', bad({ ...sgd, schedule: { on: 5, off: NaN } }), 'schedule.off'],
    ['schedule without off', bad({ ...sgd, schedule: { on: 5 } }), 'schedule.off'],
  ];
  for (const [what, rule, field] of cases) {
    it(what, () => {
      expectInputError(() => validateRule(rule), field);
    });
  }

  it('a non-object rule is rejected naming the rule', () => {
    expectInputError(() => validateRule(null as unknown as Rule), 'rule');
    expectInputError(() => validateRule(3 as unknown as Rule), 'rule');
  });

  it('valid rules pass unchanged', () => {
    const ok: Rule[] = [
      sgd,
      sam,
      { kind: 'oscillation', eta: 1e-3 },
      { kind: 'sgd', eta: 1e-3, batch: 'full', sigma: 0 },
      { kind: 'sgd', eta: 1, batch: 7, sigma: 4, noise: 'gaussian', schedule: { on: 5000, off: 0 } },
      { kind: 'sgd', eta: 1, batch: 1, sigma: 4, noise: 'rademacher', schedule: { on: 1, off: 1 } },
      { kind: 'sam', eta: 1e-3, rho: 0, batch: 1, sigma: 4 },
    ];
    for (const r of ok) expect(validateRule(r)).toBe(r);
  });
});

describe('requireNumber and InputError', () => {
  it('messages name the input, the expectation and the value', () => {
    expect(expectInputError(() => requireNumber('x', 'abc'), 'x').message).toBe('invalid x: expected a finite number, got "abc"');
    expect(expectInputError(() => requireNumber('x', {}), 'x').message).toBe('invalid x: expected a finite number, got object');
    expect(expectInputError(() => requireNumber('x', undefined), 'x').message).toBe('invalid x: expected a finite number, got undefined');
    expect(expectInputError(() => requireNumber('x', NaN), 'x').message).toBe('invalid x: expected a finite number, got NaN');
    expect(expectInputError(() => requireNumber('x', 0, { min: 0, exclusiveMin: true }), 'x').message).toBe('invalid x: expected > 0, got 0');
    expect(expectInputError(() => requireNumber('x', -1, { min: 0 }), 'x').message).toBe('invalid x: expected >= 0, got -1');
    expect(expectInputError(() => requireNumber('x', 5, { max: 4 }), 'x').message).toBe('invalid x: expected <= 4, got 5');
    expect(expectInputError(() => requireNumber('x', 1.5, { integer: true }), 'x').message).toBe('invalid x: expected an integer, got 1.5');
  });

  it('returns valid numbers, bounds included', () => {
    expect(requireNumber('x', 0, { min: 0 })).toBe(0);
    expect(requireNumber('x', 4, { max: 4, integer: true })).toBe(4);
    expect(requireNumber('x', 1e-300, { min: 0, exclusiveMin: true })).toBe(1e-300);
    const e = new InputError('thing', 'bad');
    expect(e).toBeInstanceOf(Error);
    expect([e.input, e.problem, e.message]).toEqual(['thing', 'bad', 'invalid thing: bad']);
  });
});
