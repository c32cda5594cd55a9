import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ClaimsReport } from '../../src/report/schema.js';

/**
 * docs/ARCHITECTURE.md, "Determinism": a claim's result does not depend on the number of vitest workers.
 * The same claims are audited with one worker and with two; the two claims.json files must be identical
 * except for the run-dependent fields (provenance.date and each claim's seconds).
 */

const CLAIMS = ['eq-15-16.sgd-step', 'eq-41.norm-identity', 'lemma-b6.chernoff', 'eq-3.theta-step', 'lemma-b4.se-tail', 'insights-thm2.a-increment'];
const tsx = join(process.cwd(), 'node_modules', '.bin', 'tsx');

function audit(args: string[]): { code: number | null; out: string } {
  const r = spawnSync(tsx, ['src/cli/audit.ts', ...args], { encoding: 'utf8', env: { ...process.env, AUDIT_MODE: '', FORCE_COLOR: '0' }, timeout: 120_000 });
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
}

/** claims.json with its run-dependent fields blanked. */
function withoutRunFields(file: string): ClaimsReport {
  const r = JSON.parse(readFileSync(file, 'utf8')) as ClaimsReport;
  r.provenance.date = '(run-dependent)';
  for (const c of r.claims) c.seconds = 0;
  return r;
}

describe('the audit does not depend on the number of workers', () => {
  it(`${CLAIMS.length} claims with 1 worker and with 2 workers give the same claims.json (but for date and seconds)`, { timeout: 180_000 }, () => {
    const root = mkdtempSync(join(tmpdir(), 'determinism-'));
    const claimArgs = CLAIMS.flatMap((id) => ['--claim', id]);
    const one = audit([...claimArgs, '--workers', '1', '--out', join(root, 'w1')]);
    expect(one.code, one.out).toBe(0);
    expect(one.out).toMatch(/wall time [\d.]+ s on \d+ cores? \(1 vitest worker\)/);
    const two = audit([...claimArgs, '--workers', '2', '--out', join(root, 'w2')]);
    expect(two.code, two.out).toBe(0);
    expect(two.out).toMatch(/\(2 vitest workers\)/);
    const a = withoutRunFields(join(root, 'w1', 'claims.json'));
    const b = withoutRunFields(join(root, 'w2', 'claims.json'));
    expect(a.claims.map((c) => c.id).sort()).toEqual([...CLAIMS].sort());
    expect(a.errors).toEqual([]);
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
  });
});
