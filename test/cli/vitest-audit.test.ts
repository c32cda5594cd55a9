import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { filteredClaims } from '../../src/cli/vitestAudit.js';
import type { ClaimsReport } from '../../src/report/schema.js';
import { cleanEnv } from './helpers.js';
import { REFERENCE_CLAIMS, REFERENCE_SEED, referenceAudit } from './referenceAudit.js';

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
  it('npx vitest run --project audit writes the report npm run audit writes (the shared reference audit)', { timeout: 600_000 }, async () => {
    const reference = referenceAudit(); // started now, awaited after vitest's own audit
    const viaVitest = mkdtempSync(join(tmpdir(), 'via-vitest-'));
    const filters = REFERENCE_CLAIMS.map((id) => `properties/${id}.prop.test.ts`);
    const v = spawnSync(join(process.cwd(), 'node_modules', '.bin', 'vitest'), ['run', '--project', 'audit', ...filters], { encoding: 'utf8', env: cleanEnv({ AUDIT_REPORT_DIR: viaVitest, AUDIT_SEED: String(REFERENCE_SEED) }), timeout: 480_000 });
    expect(v.status, `${v.stdout}\n${v.stderr}`).toBe(0);
    expect(v.stdout).toMatch(new RegExp(`^${CLAIM.replace(/\./g, '\\.')}\\s+holds\\s`, 'm'));
    expect(v.stdout).toContain(`audit (quick tier, seed ${REFERENCE_SEED}): ${REFERENCE_CLAIMS.length} claims: `);
    const a = await reference;
    expect(a.out, a.err).toMatch(/^wrote \d+ files to /m);
    const x = normalized(viaVitest);
    const y = normalized(a.dir);
    expect(x.json).toBe(y.json);
    expect(x.md).toBe(y.md);
  });
});
