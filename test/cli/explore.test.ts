import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALL_CLAIMS } from '../../theorems/index.js';
import { describeExploration, knownSearches } from '../../src/cli/explore.js';

const tsx = join(process.cwd(), 'node_modules', '.bin', 'tsx');
function explore(args: string[], extra: NodeJS.ProcessEnv = {}): { code: number | null; out: string; err: string } {
  const env: NodeJS.ProcessEnv = { ...process.env, FORCE_COLOR: '0', ...extra };
  for (const k of ['AUDIT_MODE', 'AUDIT_PATH', 'AUDIT_SEARCH', 'AUDIT_RUNS', 'AUDIT_EXPLORE', 'AUDIT_SEARCH_LOG']) delete env[k];
  const r = spawnSync(tsx, ['src/cli/explore.ts', ...args], { encoding: 'utf8', env });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('npm run explore: bad input gets one line naming it and exit 2', () => {
  it.each([
    [['no.such.claim'], /^invalid claim: unknown claim id "no.such.claim"/],
    [['eq-3.theta-step', '--violate', 'no-such-hypothesis'], /^invalid hypothesis: "no-such-hypothesis" is not a search of eq-3.theta-step; its searches: main, .*printed/],
    [['eq-3.theta-step', '--runs', '0'], /invalid runs/],
    [['eq-3.theta-step', '--seed', 'x'], /invalid seed/],
    [[], /missing required argument/],
  ])('%j', (args, message) => {
    const r = explore(args);
    expect(r.code).toBe(2);
    const lines = r.err.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(message);
    expect(r.out).toBe('');
  });
});

describe('the searches a claim can run are known before it runs', () => {
  it("lists 'main', the record's hypotheses and the search names written in its property", () => {
    const eq3 = ALL_CLAIMS.find((c) => c.id === 'eq-3.theta-step')!;
    expect(knownSearches(eq3)).toEqual(expect.arrayContaining(['main', 'printed', 'corrected']));
    const thm2 = ALL_CLAIMS.find((c) => c.id === 'theorem-2.escape-lazy')!;
    expect(knownSearches(thm2)).toEqual(expect.arrayContaining(['main', 'sigma>0', 'A4', 'A1', 'stability', 'A6']));
  });
  it('prints the closest call and a command to explore further when nothing violates', () => {
    const text = describeExploration([{ claim: 'c', search: 'A4', numRuns: 10, fcSeed: 1, cases: 10, closest: { case: { m: 3 }, margin: 0.5, message: 'held with room' } }], undefined, 'c', 'A4', 'quick', 7, 10);
    expect(text).toContain('no counterexample in 10 cases.');
    expect(text).toContain('closest call (margin 0.5)');
    expect(text).toContain('npm run explore -- c --violate A4 --tier quick --seed 7 --runs 100');
  });
});

describe('npm run explore runs one search and prints the minimal configuration with its replay command', () => {
  it('eq-3.theta-step --violate printed', () => {
    const r = explore(['eq-3.theta-step', '--violate', 'printed', '--runs', '20', '--seed', '11'], { AUDIT_PROGRESS: '1', AUDIT_PROGRESS_QUIET: '0' });
    // progress of the explored search on stderr, ending at 100% (the shrinking after a failure is not counted)
    expect(r.err).toMatch(/^eq-3\.theta-step search printed: 100% \| 20\/20 runs \| [\d.,-]+ runs\/s \| done in \d+s$/m);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('claim eq-3.theta-step, search "printed" (tier quick, seed 11)');
    expect(r.out).toMatch(/in 20 runs/);
    expect(r.out).toMatch(/counterexample found; minimal configuration after \d+ shrinks/);
    expect(r.out).toMatch(/replay: npm run audit -- --claim eq-3.theta-step --tier quick --seed 11 --search printed --path [\d:]+/);
  }, 120_000);
});
