import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildReport } from '../../src/report/build.js';
import { coverage, namesStatement } from '../../src/report/coverage.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import { writeAtomically } from '../../src/report/write.js';
import type { ClaimRun } from '../../src/verdict/types.js';
import { toyMethods, toyProvenance } from './fixture.js';

function run(id: string, verdict: ClaimRun['verdict'], sources: ClaimRun['sources']): ClaimRun {
  return {
    id,
    title: `title of ${id}`,
    sources,
    kind: 'identity',
    quote: 'x = y',
    checks: 'checks',
    uses: [],
    thresholds: { tol: { value: 1e-6, why: 'because' } },
    domain: { m: 3 },
    tier: 'quick',
    seed: 1,
    alpha: 0.01,
    expected: { verdict: 'holds', reason: 'r' },
    replay: `npm run audit -- --claim ${id}`,
    seconds: 0.1,
    verdict,
    summary: `summary of ${id}`,
    evidence: { gap: 1e-9, note: 'text' },
    hypotheses: [{ id: 'A1', status: 'met', detail: 'd' }],
    cases: 3,
  };
}

describe('coverage of the numbered statements', () => {
  it('matches a source to a statement label exactly', () => {
    expect(namesStatement('Lemma 3', 'Lemma 3')).toBe(true);
    expect(namesStatement('Lemma 3 (part 1)', 'Lemma 3')).toBe(true);
    expect(namesStatement('Lemma 3.3', 'Lemma 3')).toBe(false);
    expect(namesStatement('Lemma 30', 'Lemma 3')).toBe(false);
    expect(namesStatement('Lemma C.3', 'Lemma C.3')).toBe(true);
    expect(namesStatement('Theorem 2.', 'Theorem 2')).toBe(true);
  });
  it('lists each claim under every statement its sources name, in both versions', () => {
    const rows = coverage([run('a', 'holds', { aaai: ['Lemma 3'], long: ['Lemma C.3'] }), run('b', 'fails', { long: ['Lemma 3.3'] })]);
    const get = (v: string, l: string) => rows.find((r) => r.version === v && r.label === l)!.claims.map((c) => c.id);
    expect(get('aaai', 'Lemma 3')).toEqual(['a']);
    expect(get('long', 'Lemma C.3')).toEqual(['a']);
    expect(get('long', 'Lemma 3.3')).toEqual(['b']);
    expect(get('aaai', 'Lemma 4')).toEqual([]);
  });
});

describe('the report', () => {
  it('orders claims by the registry, not by finishing order, and renders anchors, verdicts and replay commands', () => {
    const rep = buildReport({
      runs: [run('second', 'erratum', { aaai: ['Eq. (3)'] }), run('first', 'holds', { aaai: ['Theorem 2'] })],
      errors: [],
      order: ['first', 'second'],
      provenance: toyProvenance({ seed: 1 }),
      methods: { ...toyMethods(), familySize: 5, perTestAlpha: 0.01 },
    });
    expect(rep.claims.map((c) => c.id)).toEqual(['first', 'second']);
    expect(rep.methods.perTestAlpha).toBeCloseTo(0.01, 12);
    const md = renderMarkdown(rep);
    expect(md).toContain('| <a id="second"></a>[second](claims/second.md#second) | **erratum** | summary of second |');
    expect(md).toContain('npm run audit -- --tier quick --seed 1');
    expect(md).toContain('1970-01-01T00:00:00.000Z');
  });

  it('is written atomically: all files appear together and no temporary file is left', () => {
    const dir = mkdtempSync(join(tmpdir(), 'report-'));
    writeAtomically(dir, { 'claims.json': '{}', 'REPORT.md': '# r' });
    expect(readdirSync(dir).sort()).toEqual(['REPORT.md', 'claims.json']);
    expect(readFileSync(join(dir, 'claims.json'), 'utf8')).toBe('{}');
  });
});
