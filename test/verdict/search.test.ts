import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { configFromEnv, parsePath, parseSeed, parseTier } from '../../src/verdict/config.js';
import { runSearch, searchSeed } from '../../src/verdict/search.js';
import { identityRule } from '../../src/verdict/checks/identity.js';

const spec = {
  name: 'main',
  // a deliberately false claim: "every integer pair satisfies x * y < 50"; the smallest counterexample is small
  arbitrary: fc.tuple(fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 0, max: 1000 })),
  check: ([x, y]: [number, number]) => ({ violated: x * y >= 50, margin: 50 - x * y, message: `x * y = ${x * y}` }),
  numRuns: 200,
};

describe('fast-check searches', () => {
  it('return a shrunk counterexample with a replay command, and replaying its path gives the same case', () => {
    const cfg = { mode: 'audit' as const, tier: 'quick' as const, seed: 11 };
    const found = runSearch('demo.claim', cfg, spec);
    expect(found.counterexample).toBeDefined();
    const cx = found.counterexample!;
    expect(cx.replay).toBe(`npm run audit -- --claim demo.claim --tier quick --seed 11 --search main --path ${cx.path}`);
    expect(cx.fcSeed).toBe(searchSeed(11, 'demo.claim', 'main'));
    const replayed = runSearch('demo.claim', { ...cfg, replay: { search: 'main', path: cx.path } }, spec);
    expect(replayed.counterexample?.case).toEqual(cx.case);
    expect(replayed.counterexample?.message).toBe(cx.message);
  });

  it('are deterministic in the run seed and report the closest call when nothing fails', () => {
    const cfg = { mode: 'audit' as const, tier: 'quick' as const, seed: 5 };
    const a = runSearch('demo.claim', cfg, spec);
    const b = runSearch('demo.claim', cfg, spec);
    expect(a.counterexample?.path).toBe(b.counterexample?.path);
    const passing = runSearch('demo.claim', cfg, { ...spec, check: ([x]: [number, number]) => ({ violated: false, margin: 1000 - x, message: '' }) });
    expect(passing.counterexample).toBeUndefined();
    expect(passing.cases).toBe(200);
    expect(passing.closest!.margin).toBeGreaterThanOrEqual(0);
    expect(identityRule({ printed: passing, what: 'x * y < 50' }).verdict).toBe('holds');
    expect(identityRule({ printed: a, corrected: { outcome: passing, form: 'f' }, what: 'x * y < 50' }).verdict).toBe('erratum');
    expect(identityRule({ printed: a, corrected: { outcome: a, form: 'f' }, what: 'x * y < 50' }).verdict).toBe('fails');
  });
});

describe('configuration from the environment', () => {
  it('parses and rejects with one error naming the input', () => {
    expect(configFromEnv({})).toEqual({ mode: 'conformance', tier: 'quick', seed: 20260312 });
    expect(configFromEnv({ AUDIT_MODE: 'audit', AUDIT_TIER: 'paper', AUDIT_SEED: '7', AUDIT_PATH: '1:2', AUDIT_SEARCH: 'A6' })).toEqual({
      mode: 'audit',
      tier: 'paper',
      seed: 7,
      replay: { search: 'A6', path: '1:2' },
    });
    expect(() => parseTier('huge')).toThrow(/invalid tier/);
    expect(() => parseSeed('NaN')).toThrow(/invalid seed/);
    expect(() => parseSeed('1.5')).toThrow(/invalid seed/);
    expect(() => parseSeed('99999999999')).toThrow(/invalid seed/);
    expect(() => parsePath('a:b')).toThrow(/invalid path/);
    expect(() => configFromEnv({ AUDIT_MODE: 'loud' })).toThrow(/invalid mode/);
  });
});

describe('replay of a path that does not fail', () => {
  it('is an error, never a silent pass', () => {
    const cfg = { mode: 'audit' as const, tier: 'quick' as const, seed: 11, replay: { search: 'main', path: '0' } };
    const never = { ...spec, check: () => ({ violated: false, margin: 1, message: '' }) };
    expect(() => runSearch('demo.claim', cfg, never)).toThrow(/does not violate the claim/);
  });
});

describe('replay commands', () => {
  it('quote search names that a shell would misread', async () => {
    const { shellWord, replayCommand } = await import('../../src/verdict/search.js');
    expect(shellWord('A6')).toBe('A6');
    expect(shellWord('sigma>0')).toBe("'sigma>0'");
    expect(shellWord("it's")).toBe(`'it'\\''s'`);
    expect(replayCommand('x.y', { tier: 'quick', seed: 3 }, 'sigma>0', '1:2')).toBe("npm run audit -- --claim x.y --tier quick --seed 3 --search 'sigma>0' --path 1:2");
  });
});
