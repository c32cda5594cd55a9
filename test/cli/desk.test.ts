import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { counterexampleLines } from '../../src/report/words.js';
import type { ClaimsReport } from '../../src/report/schema.js';
import { configFromEnv } from '../../src/verdict/config.js';
import { makeContext } from '../../src/verdict/context.js';
import { ReplayFinished } from '../../src/verdict/search.js';
import type { ClaimRecord } from '../../src/verdict/types.js';
import { runCli } from './helpers.js';
import { REFERENCE_CLAIMS, REFERENCE_SEED, referenceAudit, type Reference } from './referenceAudit.js';

/**
 * What a reviewer meets at the console: one line per claim in verdicts (no assertion frames, no colour when piped),
 * progress on stderr ending at 100%, and replays that are replays (the search alone, its case and margin on stdout in
 * the report's words; an unknown search or a path that leads nowhere is an input error, exit 2).
 */

const ESC = '\u001b';
const CLAIM = 'eq-3.theta-step';

describe('npm run audit speaks in verdicts', () => {
  let audit: Reference;
  it('one line per claim (id, verdict, deciding sentence, seconds), a summary, no assertion frames or colour; --strict exits 1', { timeout: 600_000 }, async () => {
    audit = await referenceAudit(); // the shared audit: --strict, progress on, stdout and stderr piped
    expect(audit.args).toContain('--strict');
    expect(audit.code, audit.err).toBe(1); // erratum under --strict
    const lines = audit.out.trim().split('\n');
    expect(lines.find((l) => l.startsWith(CLAIM))).toMatch(/^eq-3\.theta-step\s+erratum\s+.*as printed fails.* \(\d+\.\d s\)$/);
    expect(lines.find((l) => l.startsWith('eq-15-16.sgd-step'))).toMatch(/^eq-15-16\.sgd-step\s+holds\s+.* \(\d+\.\d s\)$/);
    // one line per claim, and a summary that counts those lines' verdicts
    const verdicts = REFERENCE_CLAIMS.map((id) => lines.filter((l) => l.startsWith(`${id} `))).map((ls) => (expect(ls).toHaveLength(1), /^\S+\s+(\S+)\s/.exec(ls[0]!)![1]!));
    const counts = [...new Set(verdicts)].map((v) => `${verdicts.filter((x) => x === v).length} ${v}`).sort();
    const summary = new RegExp(`^audit \\(quick tier, seed ${REFERENCE_SEED}\\): (\\d+) claims: (.+)$`, 'm').exec(audit.out);
    expect(summary?.[1]).toBe(String(REFERENCE_CLAIMS.length));
    expect(summary?.[2]?.split(', ').sort()).toEqual(counts);
    for (const text of [audit.out, audit.err]) {
      expect(text).not.toContain(ESC);
      expect(text).not.toMatch(/AssertionError|FAIL|Failed Tests|Expected "holds"/);
    }
  });
  it('progress on stderr for every search (runs done, rate, time left), each ending at 100%', () => {
    const progress = audit.err.split('\n').filter((l) => l.startsWith(`${CLAIM} search `));
    expect(progress.length).toBeGreaterThan(0);
    for (const name of ['printed', 'corrected']) {
      const mine = progress.filter((l) => l.startsWith(`${CLAIM} search ${name}: `));
      expect(mine.at(-1)).toMatch(/: 100% \| (\d+)\/\1 runs \| [\d.,-]+ runs\/s \| done in \d+s$/);
      // the statement's search and its twins' searches of the same name each end at 100%
      expect(mine.every((l) => /\d+% \| \d+\/\d+ runs \| [\d.,-]+ runs\/s \| (\d+m)?\d+s left|\? left$/.test(l) || /: 100% \| (\d+)\/\1 runs \| [\d.,-]+ runs\/s \| done in \d+s$/.test(l))).toBe(true);
    }
    expect(audit.out).not.toMatch(/ runs\/s /);
  });

  it('a replay prints the shrunk case and its margin on stdout, in the words of the claim page, and writes no report', { timeout: 300_000 }, () => {
    const rep = JSON.parse(readFileSync(join(audit.dir, 'claims.json'), 'utf8')) as ClaimsReport;
    const cx = rep.claims.find((c) => c.id === CLAIM)!.counterexample!;
    expect(cx.margin).toBeLessThan(0);
    const page = readFileSync(join(audit.dir, 'claims', `${CLAIM}.md`), 'utf8');
    const replayOut = mkdtempSync(join(tmpdir(), 'desk-replay-'));
    const r = runCli('src/cli/audit.ts', ['--claim', CLAIM, '--seed', String(REFERENCE_SEED), '--search', cx.search, '--path', cx.path, '--out', replayOut]);
    expect(r.code, r.err).toBe(0);
    expect(r.out.trim().split('\n')).toEqual(counterexampleLines(cx));
    expect(page).toContain(r.out.trim());
    expect(r.out).toMatch(/^margin: -[\d.e+-]+ \(negative: violated\)$/m);
    expect(r.err).not.toMatch(/Failed Tests|FAIL/);
    expect(() => readFileSync(join(replayOut, 'claims.json'))).toThrow();
  });

  it.each([
    [['--search', 'nosuch', '--path', '0:0'], /^invalid search: eq-3\.theta-step has no search named "nosuch"; its searches: printed, corrected$/m],
    [['--search', 'printed', '--path', '0:9:9:9:9:9:9:9:9'], /^invalid path: path 0:9:9:9:9:9:9:9:9 does not lead to a case of search "printed" of eq-3\.theta-step/m],
    [['--search', 'corrected', '--path', '0'], /^invalid path: path 0 of search "corrected" of eq-3\.theta-step .* leads to a case that does not violate the claim/m],
  ])('%j is an input error (exit 2) that says so', { timeout: 300_000 }, (args, message) => {
    const r = runCli('src/cli/audit.ts', ['--claim', CLAIM, ...args]);
    expect(r.code, r.err).toBe(2);
    expect(r.err).toMatch(message);
    expect(r.out).toBe('');
  });

  it('a hypothesis replay runs that search alone and prints its case and margin', { timeout: 300_000 }, () => {
    const r = runCli('src/cli/audit.ts', ['--claim', 'theorem-2.escape-lazy', '--search', 'A6', '--path', '0:0:0:0']);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/^search "A6", fast-check seed -?\d+, path 0:0:0:0\ncase: \{.*\}\nwhat fails on it: .+\nmargin: -[\d.e+-]+ \(negative: violated\)\nreplay: npm run audit -- --claim theorem-2\.escape-lazy --tier quick --seed 20260312 --search A6 --path 0:0:0:0\n$/);
  });
});

describe('in a replay, the claim context runs the replayed search alone', () => {
  const record = { id: 'demo.claim', domain: { quick: {}, paper: {} } } as unknown as ClaimRecord<object>;
  const spec = (name: string, calls: string[]) => ({ name, arbitrary: fc.integer({ min: 0, max: 100 }), check: (x: number) => (calls.push(name), { violated: x > 10, margin: 10 - x, message: `x = ${x}` }), numRuns: 50 });
  it('other searches return no cases without checking anything; the replayed one ends the claim with what it found', () => {
    const cfg = { ...configFromEnv({}), seed: 3 };
    const calls: string[] = [];
    const first = makeContext(record, cfg, 10).search(spec('A6', calls));
    expect(first.counterexample).toBeDefined();
    const ctx = makeContext(record, { ...cfg, replay: { search: 'A6', path: first.counterexample!.path } }, 10);
    calls.length = 0;
    expect(ctx.search(spec('main', calls))).toEqual({ cases: 0 });
    let thrown: unknown;
    try {
      ctx.search(spec('A6', calls));
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(ReplayFinished);
    const o = (thrown as ReplayFinished).outcome;
    expect(o.status).toBe('reproduced');
    expect(o.counterexample?.case).toEqual(first.counterexample!.case);
    expect(new Set(calls)).toEqual(new Set(['A6']));
  });
});
