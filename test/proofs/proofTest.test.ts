import { describe, expect, it } from 'vitest';
import { checkProofStep, gridSearch } from '../../src/verdict/proofTest.js';
import { identityRule } from '../../src/verdict/checks/index.js';
import { compareSides, FLOAT64_TOLERANCE } from '../../src/verdict/checks/identity.js';
import type { ProofRecord } from '../../src/verdict/types.js';

const proof: ProofRecord = {
  id: 'proof-toy',
  proves: ['toy'],
  sources: { long: ['toy'] },
  cites: [],
  steps: [
    { id: 'proof-toy.step-1', equations: ['(1)'], quote: '2 x = x + x', kind: 'equality', asserts: 'doubling', evaluable: { rule: 'identity' }, uses: [] },
    { id: 'proof-toy.step-2', equations: ['(2)'], quote: 'let x', kind: 'definition', asserts: 'a definition', evaluable: { reason: 'a definition' }, uses: [] },
  ],
};
const config = { mode: 'conformance' as const, tier: 'quick' as const, seed: 7 };
const spec = (k: number, rule: 'identity' | 'inequality' = 'identity') => ({
  checks: 'k x = x + x on a grid',
  statement: { k },
  twins: [{ id: 'k+1', change: 'k + 1', statement: { k: k + 1 } }],
  expected: { verdict: 'holds' as const, reason: 'algebra' },
  measure: () => [0.5, 1, 2, 3],
  decide: (g: number[], s: { k: number }, ctx: { config: { tier: 'quick' | 'paper'; seed: number } }) => {
    const d = identityRule({ printed: gridSearch('proof-toy.step-1', ctx.config, 'printed', g, (x: number) => compareSides(s.k * x, x + x, FLOAT64_TOLERANCE, `x = ${x}`)), what: 'doubling' });
    return rule === 'identity' ? d : { ...d, rule };
  },
  cases: (g: number[]) => g.length,
});

describe('checkProofStep', () => {
  it('runs a step by its rule, with proofOf, and decides its twins on the same measurements', () => {
    const run = checkProofStep(proof, 'proof-toy.step-1', spec(2), 10, config);
    expect(run.verdict).toBe('holds');
    expect(run.proofOf).toBe('proof-toy');
    expect(run.rule).toBe('identity');
    expect(run.twins).toEqual([expect.objectContaining({ id: 'k+1', verdict: 'fails', rejected: true })]);
    const wrong = checkProofStep(proof, 'proof-toy.step-1', spec(3), 10, config);
    expect(wrong.verdict).toBe('fails');
    expect(wrong.counterexample?.path).toBe('0');
  });

  it('refuses a step declared not evaluable, an unknown step, and a decision by another rule', () => {
    expect(() => checkProofStep(proof, 'proof-toy.step-2', spec(2), 10, config)).toThrow(/not evaluable/);
    expect(() => checkProofStep(proof, 'proof-toy.step-9', spec(2), 10, config)).toThrow(/no step/);
    expect(() => checkProofStep(proof, 'proof-toy.step-1', spec(2, 'inequality'), 10, config)).toThrow(/rule inequality/);
  });
});

describe('gridSearch', () => {
  it('checks every case, returns the first violation with its index, or the closest call', () => {
    const seen: number[] = [];
    const ok = gridSearch('s', config, 'g', [3, 1, 2], (x) => (seen.push(x), { violated: false, margin: x, message: `x = ${x}` }));
    expect(seen).toEqual([3, 1, 2]);
    expect(ok.cases).toBe(3);
    expect(ok.closest?.case).toBe(1);
    const bad = gridSearch('s', config, 'g', [3, -1, -2], (x) => ({ violated: x < 0, margin: x, message: `x = ${x}` }));
    expect(bad.counterexample).toMatchObject({ path: '1', case: -1, search: 'g' });
    expect(bad.counterexample?.replay).toContain('--claim s');
  });
});
