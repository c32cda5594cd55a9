import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { filteredClaims } from '../../src/cli/vitestAudit.js';
import type { ClaimsReport } from '../../src/report/schema.js';
import { cleanEnv, runCli } from './helpers.js';

/** `npx vitest run --project audit` writes the same report as `npm run audit` (run-dependent fields aside). */

const CLAIM = 'eq-15-16.sgd-step';

function normalized(dir: string): { json: string; md: string } {
  const r = JSON.parse(readFileSync(join(dir, 'claims.json'), 'utf8')) as ClaimsReport;
  const date = r.provenance.date;
  r.provenance.date = '(run-dependent)';
  for (const c of r.claims) c.seconds = 0;
  return { json: JSON.stringify(r, null, 2), md: readFileSync(join(dir, 'REPORT.md'), 'utf8').replace(date, '(run-dependent)') };
}

describe('vitest itself audits', () => {
  it('reads the claims a file filter selects', () => {
    const ids = ['a.one', 'b.two', 'b.three'];
    expect(filteredClaims(['node', 'vitest', 'run', '--project', 'audit'], ids)).toEqual([]);
    expect(filteredClaims(['node', 'vitest', 'run', '--project', 'audit', 'properties/b.'], ids)).toEqual(['b.two', 'b.three']);
    expect(filteredClaims(['node', 'vitest', 'run', 'a.one', '--project=audit'], ids)).toEqual(['a.one']);
  });
  it('npx vitest run --project audit writes the report npm run audit writes', { timeout: 300_000 }, () => {
    const viaVitest = mkdtempSync(join(tmpdir(), 'via-vitest-'));
    const viaAudit = mkdtempSync(join(tmpdir(), 'via-audit-'));
    const v = spawnSync(join(process.cwd(), 'node_modules', '.bin', 'vitest'), ['run', '--project', 'audit', `properties/${CLAIM}`], { encoding: 'utf8', env: cleanEnv({ AUDIT_REPORT_DIR: viaVitest, AUDIT_SEED: '11' }), timeout: 240_000 });
    expect(v.status, `${v.stdout}\n${v.stderr}`).toBe(0);
    expect(v.stdout).toMatch(new RegExp(`^${CLAIM.replace(/\./g, '\\.')}\\s+holds\\s`, 'm'));
    expect(v.stdout).toContain('audit (quick tier, seed 11): 1 claim: 1 holds');
    const a = runCli('src/cli/audit.ts', ['--claim', CLAIM, '--seed', '11', '--out', viaAudit]);
    expect(a.code, a.err).toBe(0);
    const x = normalized(viaVitest);
    const y = normalized(viaAudit);
    expect(x.json).toBe(y.json);
    expect(x.md).toBe(y.md);
  });
});
