import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The strict type check of the whole project (tsconfig.json: strict, noUncheckedIndexedAccess, ...) as one test of
 * `npm test`: it runs beside the other files on the second core instead of before all of them.
 */
describe('TypeScript', () => {
  it('tsc --noEmit passes on the whole project', { timeout: 300_000 }, () => {
    const r = spawnSync(join(process.cwd(), 'node_modules', '.bin', 'tsc'), ['--noEmit', '-p', '.'], { encoding: 'utf8', timeout: 280_000 });
    expect(`${r.stdout}${r.stderr}`.trim()).toBe('');
    expect(r.status).toBe(0);
  });
});
