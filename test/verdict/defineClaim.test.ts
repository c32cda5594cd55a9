import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { inequalityRule } from '../../src/verdict/checks/inequality.js';
import { checkDefinedClaim, type ClaimSpec } from '../../src/verdict/defineClaim.js';
import type { PremiseMonitor } from '../../src/verdict/monitor.js';
import type { ClaimRecord } from '../../src/verdict/types.js';

/** A toy claim: for x in [1, 100], x^2 <= c x^p (true with c = 1, p = 2; the twins break it). */
type S = { c: number; p: number };
const record: ClaimRecord<{ numRuns: number }, S> = {
  id: 'toy.square-bound',
  title: 'toy',
  quote: 'x^2 <= c x^p',
  sources: { long: ['nowhere'] },
  kind: 'identity',
  hypotheses: [],
  uses: [],
  checks: 'toy',
  domain: { quick: { numRuns: 50 }, paper: { numRuns: 50 } },
  thresholds: {},
  tests: 0,
  expected: { verdict: 'holds', reason: 'toy' },
  rule: 'inequality',
  statement: { c: 1, p: 2 },
  twins: [
    { id: 'c/10', change: 'constant divided by 10', statement: { c: 0.1 } },
    { id: 'p-1/2', change: 'exponent lowered by 1/2', statement: { p: 1.5 } },
  ],
  searches: [{ name: 'main', what: 'x with x^2 > c x^p' }],
};

const spec: ClaimSpec<{ numRuns: number }, S, number[]> = {
  measure: (ctx) => {
    ctx.observe('toy-kind', { x: 3, y: 10 }, 'run 1');
    ctx.observe('toy-kind', { x: 3, y: 1 }, 'run 2');
    return [1, 2, 5, 10, 100];
  },
  decide: (xs, s, ctx) => {
    const out = ctx.search({
      name: `main/${s.c}/${s.p}`,
      arbitrary: fc.constantFrom(...xs),
      check: (x) => ({ violated: x * x > s.c * Math.pow(x, s.p) * (1 + 1e-12), margin: s.c * Math.pow(x, s.p) - x * x, message: `x = ${x}` }),
      numRuns: ctx.domain.numRuns,
    });
    return inequalityRule({ printed: out, what: 'x^2 <= c x^p', binding: { cases: xs.length, of: xs.length, bindsAt: 'everywhere' } });
  },
  describe: (xs) => ({ evidence: { points: xs.length }, hypotheses: [], cases: xs.length }),
};

const monitor: PremiseMonitor = { claim: 'other.claim', kind: 'toy-kind', premise: 'x > 1', inPremise: (o) => (o.x ?? 0) > 1, check: (o) => ({ violated: (o.y ?? 0) > 5, message: `y = ${o.y}` }) };

describe('defineClaim', () => {
  it('decides the statement and each twin on the same measurements; the twins are rejected', async () => {
    const run = await checkDefinedClaim(record, spec, { familySize: 1, monitors: [] });
    expect(run.verdict).toBe('holds');
    expect(run.rule).toBe('inequality');
    expect(run.twins?.map((t) => [t.id, t.verdict, t.rejected])).toEqual([
      ['c/10', 'fails', true],
      ['p-1/2', 'fails', true],
    ]);
  });
  it('a twin the check cannot reject is reported as not rejected', async () => {
    const weak: ClaimRecord<{ numRuns: number }, S> = { ...record, twins: [{ id: 'c*10', change: 'constant times 10 (still true)', statement: { c: 10 } }] };
    const run = await checkDefinedClaim(weak, spec, { familySize: 1, monitors: [] });
    expect(run.twins?.[0]?.rejected).toBe(false);
  });
  it('refuses a record without rule, statement or twins, and a decision by another rule than declared', async () => {
    await expect(checkDefinedClaim({ ...record, twins: [] }, spec, { familySize: 1, monitors: [] })).rejects.toThrow(/false twin/);
    await expect(checkDefinedClaim({ ...record, rule: 'identity' }, spec, { familySize: 1, monitors: [] })).rejects.toThrow(/declares identity/);
  });
  it('checks observations against other claims\' premise monitors (and never against its own)', async () => {
    const run = await checkDefinedClaim(record, spec, { familySize: 1, monitors: [monitor, { ...monitor, claim: record.id }] });
    expect(run.contradictions).toEqual([{ observedIn: record.id, against: 'other.claim', premise: 'x > 1', observation: 'run 1', message: 'y = 10' }]);
  });
});
