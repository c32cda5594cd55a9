import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../cli/helpers.js';
import { REFERENCE_ARGS, REFERENCE_CLAIMS, REFERENCE_ENV, referenceAudit, withoutRunFields } from '../cli/referenceAudit.js';

/**
 * docs/ARCHITECTURE.md, "Determinism": a claim's result does not depend on the number of vitest workers.
 * The shared reference audit (test/cli/referenceAudit.ts: one worker; its claims draw from every kind of random stream:
 * fast-check seeds, data, init, sampling, noise, the reduced simulator, the oscillation process, a claim's own ctx.rng)
 * is audited again with two workers; the two claims.json files must be identical except for the run-dependent fields
 * (provenance.date and each claim's seconds).
 */

describe('the audit does not depend on the number of workers', () => {
  it(`${REFERENCE_CLAIMS.length} claims with 1 worker and with 2 workers give the same claims.json (but for date and seconds)`, { timeout: 600_000 }, async () => {
    const reference = referenceAudit(); // started now, awaited after this test's own audit
    const out = join(mkdtempSync(join(tmpdir(), 'determinism-')), 'w2');
    // the same options but the number of workers
    const two = runCli('src/cli/audit.ts', [...REFERENCE_ARGS.filter((a, i, all) => a !== '--workers' && all[i - 1] !== '--workers'), '--workers', '2', '--out', out], REFERENCE_ENV);
    const one = await reference;
    expect(one.args).toEqual(expect.arrayContaining(['--workers', '1']));
    expect(one.out).toMatch(/wall time [\d.]+ s on \d+ cores? \(1 vitest worker\)/);
    expect(two.code, two.err).toBe(one.code);
    expect(two.out).toMatch(/\(2 vitest workers\)/);
    const a = withoutRunFields(join(one.dir, 'claims.json'));
    const b = withoutRunFields(join(out, 'claims.json'));
    expect(a.claims.map((c) => c.id).sort()).toEqual([...REFERENCE_CLAIMS].sort());
    expect(a.errors).toEqual([]);
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
  });
});
