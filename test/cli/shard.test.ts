import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../src/report/markdown.js';
import type { ClaimsReport } from '../../src/report/schema.js';
import { REFERENCE_CLAIM_ARGS, REFERENCE_CLAIMS, referenceAudit, withoutRunFields } from './referenceAudit.js';

/**
 * Scale out: `npm run audit -- --shard i/n` writes each shard's claims.json, and the merge
 * (src/cli/merge.ts, or `npm run audit -- --merge`) makes one report equal to the unsharded audit
 * but for the run-dependent fields (provenance.date, each claim's seconds).
 *
 * Determinism (docs/ARCHITECTURE.md): the shards run with two vitest workers each and the unsharded reference
 * (test/cli/referenceAudit.ts) with one, so the equality also shows that a claim's result does not depend on the number
 * of workers. The reference's claims draw from every kind of random stream: fast-check seeds, data, init, sampling,
 * noise, the reduced simulator, the oscillation process, a claim's own ctx.rng.
 */

const tsx = join(process.cwd(), 'node_modules', '.bin', 'tsx');

function run(script: string, args: string[]): { code: number | null; out: string } {
  const r = spawnSync(tsx, [script, ...args], { encoding: 'utf8', env: { ...process.env, AUDIT_MODE: '', FORCE_COLOR: '0' }, timeout: 240_000 });
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
}

/** the files of a report folder, recursively */
function listing(dir: string): string[] {
  return (readdirSync(dir, { recursive: true }) as string[]).map(String).sort();
}

describe('a sharded audit merged equals the unsharded audit', () => {
  const root = mkdtempSync(join(tmpdir(), 'shard-'));

  it(`2 shards (2 workers each) of the ${REFERENCE_CLAIMS.length} claims of the shared reference audit (1 worker), merged by src/cli/merge.ts and by audit --merge`, { timeout: 600_000 }, async () => {
    const reference = referenceAudit(); // the unsharded audit of the same claims: started now, awaited after the shards
    const ids: string[][] = [];
    for (const i of [1, 2]) {
      const r = run('src/cli/audit.ts', [...REFERENCE_CLAIM_ARGS, '--shard', `${i}/2`, '--workers', '2', '--out', join(root, `shard-${i}`)]);
      expect(r.code, r.out).toBe(0);
      expect(r.out).toContain(`shard ${i}/2`);
      expect(r.out).toMatch(/\(2 vitest workers\)/);
      ids.push(withoutRunFields(join(root, `shard-${i}`, 'claims.json')).claims.map((c) => c.id));
    }
    // the shards split the claims: disjoint, together all of them
    expect(ids[0]!.filter((id) => ids[1]!.includes(id))).toEqual([]);
    expect(ids.every((part) => part.length > 0)).toBe(true);
    expect([...ids[0]!, ...ids[1]!].sort()).toEqual([...REFERENCE_CLAIMS].sort());

    const full = await reference;
    expect(full.out, full.err).toMatch(/^wrote \d+ files to /m);
    expect(full.args).toEqual(expect.arrayContaining(['--workers', '1']));
    expect(full.out).toMatch(/wall time [\d.]+ s on \d+ cores? \(1 vitest worker\)/);
    const m1 = run('src/cli/merge.ts', [join(root, 'shard-1'), join(root, 'shard-2'), '--out', join(root, 'merged')]);
    expect(m1.code, m1.out).toBe(0);
    // the shards in the other order, through the audit's --merge
    const m2 = run('src/cli/audit.ts', ['--merge', join(root, 'shard-2'), join(root, 'shard-1'), '--out', join(root, 'merged2')]);
    expect(m2.code, m2.out).toBe(0);

    const want = withoutRunFields(join(full.dir, 'claims.json'));
    expect(want.claims.map((c) => c.id).sort()).toEqual([...REFERENCE_CLAIMS].sort());
    expect(want.errors).toEqual([]);
    for (const dir of ['merged', 'merged2']) {
      const got = withoutRunFields(join(root, dir, 'claims.json'));
      expect(JSON.stringify(got, null, 2)).toBe(JSON.stringify(want, null, 2));
      // REPORT.md is the rendering of the merged claims.json, and renders as the unsharded one does
      const written = JSON.parse(readFileSync(join(root, dir, 'claims.json'), 'utf8')) as ClaimsReport;
      expect(readFileSync(join(root, dir, 'REPORT.md'), 'utf8')).toBe(renderMarkdown(written));
      expect(renderMarkdown(got)).toBe(renderMarkdown(want));
      expect(listing(join(root, dir))).toEqual(listing(full.dir));
    }
  });

  it('refuses a missing shard, the same shard twice, a truncated shard, and shards of different audits (exit 2, one line, nothing written)', { timeout: 120_000 }, () => {
    const s1 = join(root, 'shard-1');
    const s2 = join(root, 'shard-2');
    const bad = join(root, 'bad');
    const truncated = join(root, 'truncated');
    const text = readFileSync(join(s2, 'claims.json'), 'utf8');
    const other = JSON.parse(text) as ClaimsReport;
    other.provenance.seed = 7;
    for (const [dir, content] of [
      [truncated, text.slice(0, Math.floor(text.length / 2))],
      [bad, JSON.stringify(other)],
    ] as const) {
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, 'claims.json'), content);
    }
    const cases: [string[], RegExp][] = [
      [[s1], new RegExp(`invalid merge: the 1 shard report\\(s\\) cover \\d of ${REFERENCE_CLAIMS.length} claims; missing: `)],
      [[s1, s1], /the shards overlap/],
      [[s1, truncated], /invalid .*truncated.*claims\.json: is not complete JSON/],
      [[s1, bad], /invalid .*bad.*claims\.json: provenance\.seed is 7/],
      [[s1, join(root, 'nowhere')], /invalid .*nowhere: no such file or folder/],
    ];
    for (const [dirs, message] of cases) {
      const out = join(root, `refused-${Math.random().toString(36).slice(2)}`);
      const r = run('src/cli/merge.ts', [...dirs, '--out', out]);
      expect(r.code, r.out).toBe(2);
      expect(r.out.trim().split('\n')).toHaveLength(1);
      expect(r.out).toMatch(message);
      expect(() => readdirSync(out)).toThrow();
    }
  });
});
