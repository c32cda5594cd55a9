import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const tsx = join(process.cwd(), 'node_modules', '.bin', 'tsx');
function audit(args: string[]): { code: number | null; out: string } {
  const r = spawnSync(tsx, ['src/cli/audit.ts', ...args], { encoding: 'utf8', env: { ...process.env, AUDIT_MODE: '', FORCE_COLOR: '0' } });
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
}

describe('npm run audit: bad input gets one clear error naming the input, and no report', () => {
  const out = mkdtempSync(join(tmpdir(), 'audit-'));
  it.each([
    [['--claim', 'no.such.claim'], /invalid claim: unknown claim id "no.such.claim"/],
    [['--tier', 'huge'], /invalid tier/],
    [['--seed', 'abc'], /invalid seed/],
    [['--claim', 'eq-15-16.sgd-step', '--path', 'x'], /invalid path/],
    [['--path', '1:2'], /invalid --path: a replay needs exactly one --claim/],
  ])('%j', (args, message) => {
    const r = audit([...args, '--out', out]);
    expect(r.code).toBe(2);
    expect(r.out).toMatch(message);
    expect(readdirSync(out)).toEqual([]);
  });
  it('writes nothing when the options are bad', () => {
    expect(existsSync(join(out, 'claims.json'))).toBe(false);
  });
});
