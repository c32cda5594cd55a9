import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { claimFileOf, knownClaim } from '../../src/cli/claimLookup.js';
import { claimPropertyFile, registeredInProofFiles, testNamePatternOf } from '../../src/cli/options.js';
import type { ProofRecord } from '../../src/verdict/types.js';
import type { ClaimsReport } from '../../src/report/schema.js';
import { runCli } from './helpers.js';

/**
 * `npm run audit -- --claim <proof step>` (issue 11): a proof step or a coverage entry shares its property file with
 * the other steps of its proof; the audit finds the file and runs that one test by name. Its replays work as a
 * statement's do.
 */
describe('where a claim is declared', () => {
  it('a statement in its own file, a proof step or a coverage entry in the proof file that registers it', () => {
    expect(claimPropertyFile('lemma-3.nonpositive')).toEqual({ file: 'properties/lemma-3.nonpositive.prop.test.ts', shared: false });
    expect(claimPropertyFile('proof-c4.step-3')).toEqual({ file: 'properties/proofs/proof-c4.prop.test.ts', shared: true });
    expect(claimPropertyFile('proof-d2.step-5')).toEqual({ file: 'properties/proofs/proof-d.prop.test.ts', shared: true });
    expect(claimPropertyFile('condition-1.satisfiable')).toEqual({ file: 'properties/proofs/coverage-extra.prop.test.ts', shared: true });
    expect(claimPropertyFile('proof-c4.step-2')).toBeUndefined();
  });
  it('the claims a full audit reports from the proof files: the registered steps and entries, not the file stems', () => {
    expect(registeredInProofFiles(['proof-c4.step-3', 'proof-c4.step-2', 'proof-c4', 'condition-1.satisfiable', 'definition-1.lazy'])).toEqual(['proof-c4.step-3', 'condition-1.satisfiable']);
  });
  it('the test-name filter selects exactly the named tests', () => {
    const p = testNamePatternOf(['proof-c4.step-3', 'lemma-3.nonpositive']);
    expect(p.test('proof of Theorem C.4 (proof-c4) proof-c4.step-3')).toBe(true);
    expect(p.test('lemma-3.nonpositive')).toBe(true);
    expect(p.test('proof of Theorem C.4 (proof-c4) proof-c4.step-30')).toBe(false);
    expect(p.test('proof of Theorem C.4 (proof-c4) proof-c4xstep-3')).toBe(false);
  });
});

describe('--claim names a step that nothing runs: an input error that says why', () => {
  // a made-up proof, so that the refusals are tested whatever the project has evaluated (src/cli/claimLookup.ts)
  const made: ProofRecord = {
    id: 'proof-zz',
    proves: ['lemma-zz'],
    sources: { long: ['nowhere'] },
    cites: [],
    steps: [
      { id: 'proof-zz.step-1', equations: ['(1)'], quote: 'x = x', kind: 'equality', asserts: 'x = x', evaluable: { rule: 'identity' }, uses: [] },
      { id: 'proof-zz.step-2', equations: ['(2)'], quote: 'hence', kind: 'definition', asserts: 'a frame', evaluable: { reason: 'a definition' }, uses: [] },
    ],
  };
  it('a step that cannot be evaluated: the reason', () => {
    expect(() => claimFileOf('proof-zz.step-2', [made])).toThrow(/^invalid claim: proof-zz\.step-2 is a proof step that cannot be evaluated \(a definition\): there is nothing to run$/);
    expect(() => claimFileOf('proof-c4.step-2')).toThrow(/^invalid claim: proof-c4\.step-2 is a proof step that cannot be evaluated \(the logical frame/);
  });
  it('an evaluable step that no property evaluates yet: says so', () => {
    expect(knownClaim('proof-zz.step-1', [made])).toBe('proof-zz.step-1');
    expect(() => claimFileOf('proof-zz.step-1', [made])).toThrow('invalid claim: proof-zz.step-1 is an evaluable proof step that no property under properties/proofs/ evaluates yet');
  });
  it('an unknown id: the known ids, and no proof without steps in the list', () => {
    expect(() => knownClaim('proof-zz.step-3', [made])).toThrow(/^invalid claim: unknown claim id "proof-zz\.step-3"; .*proof steps proof-zz\.step-1\.\.2$/);
    expect(() => knownClaim('lemma-99.nothing')).toThrow(/proof steps proof-b3\.step-1\.\.\d+, /);
    expect(() => knownClaim('lemma-99.nothing')).not.toThrow(/step-1\.\.0/);
  });
});

describe('npm run audit -- --claim <proof step>', () => {
  const out = mkdtempSync(join(tmpdir(), 'audit-step-'));
  it('runs that step alone and reports it with the proof it belongs to', { timeout: 300_000 }, () => {
    const r = runCli('src/cli/audit.ts', ['--claim', 'proof-c4.step-3', '--out', out]);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/^proof-c4\.step-3 +holds /m);
    const rep = JSON.parse(readFileSync(join(out, 'claims.json'), 'utf8')) as ClaimsReport;
    expect(rep.claims.map((c) => [c.id, c.proofOf])).toEqual([['proof-c4.step-3', 'proof-c4']]);
    expect(rep.provenance.claimsRequested).toEqual(['proof-c4.step-3']);
  });
  it('a step\'s counterexample replays from its printed command; a path to a case that holds exits 2', { timeout: 300_000 }, () => {
    const r = runCli('src/cli/audit.ts', ['--claim', 'proof-c2.step-20', '--search', 'printed', '--path', '3']);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/^search "printed", fast-check seed 0, path 3\ncase: 1000\n/);
    expect(r.out).toContain('replay: npm run audit -- --claim proof-c2.step-20 --tier quick --seed 20260312 --search printed --path 3');
    const holds = runCli('src/cli/audit.ts', ['--claim', 'proof-c2.step-20', '--search', 'printed', '--path', '0']);
    expect(holds.code).toBe(2);
    expect(holds.err).toMatch(/^invalid path: path 0 of search "printed" of proof-c2\.step-20 leads to a case that does not violate the step/m);
  });
});
