import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { claimPropertyFile, registeredInProofFiles, testNamePatternOf } from '../../src/cli/options.js';
import { ALL_PROOFS } from '../../theorems/proofs/index.js';
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
  it('a step that cannot be evaluated is an input error with the reason', () => {
    const r = runCli('src/cli/audit.ts', ['--claim', 'proof-c4.step-2', '--out', out]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^invalid claim: proof-c4\.step-2 is a proof step that cannot be evaluated \(the logical frame/m);
  });
  it('an evaluable step that no property evaluates yet is an input error that says so', () => {
    const pending = ALL_PROOFS.flatMap((p) => p.steps).find((st) => 'rule' in st.evaluable && claimPropertyFile(st.id) === undefined);
    if (!pending) return; // every evaluable step is evaluated: nothing to refuse
    const r = runCli('src/cli/audit.ts', ['--claim', pending.id, '--out', out]);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`invalid claim: ${pending.id} is an evaluable proof step that no property under properties/proofs/ evaluates yet`);
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
