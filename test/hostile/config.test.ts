import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkOutDir, checkShardCount, MAX_WORKERS, parseSearchName, parseShard, parseWorkers } from '../../src/cli/options.js';
import { InputError } from '../../src/errors.js';
import { ENV, configFromEnv, parsePath, parseSeed, parseTier } from '../../src/verdict/config.js';
import { TIERS } from '../../src/verdict/types.js';

/**
 * Hostile input for the audit's configuration: random environments for the configuration parser
 * (src/verdict/config.ts, what every vitest worker reads), random strings for every option validator
 * of the CLI, and the CLI itself on bad options (exit 2, one line naming the input, no report written).
 */

/** Strings that look like what a user might type, and worse. */
const text = fc.oneof(
  fc.constantFrom('', ' ', 'audit', 'conformance', 'quick', 'paper', 'AUDIT', 'main', '0', '-0', '1', '-1', '007', '1e3', '1.5', 'NaN', 'Infinity', '-Infinity', '0x10', '2147483647', '2147483648', '-2147483648', '99999999999999999999', ' 12 ', '12abc', '3:1:0', '0', '1::2', ':1', '1:', 'a:b', '1/2', '0/2', '2/1', '1/0', '-1/2', '1.5/2', '1/2/3', '/', '\u0000', '\n', 'é', '💥'),
  fc.string(),
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.integer().map(String),
  fc.double().map(String),
);

function expectValidOrInputError<T>(f: () => T, inputs: readonly string[], check: (v: T) => void): void {
  let v: T;
  try {
    v = f();
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    const err = e as InputError;
    expect(inputs).toContain(err.input);
    expect(err.message.startsWith(`invalid ${err.input}: `)).toBe(true);
    expect(err.message).not.toMatch(/\n/);
    return;
  }
  check(v);
}

describe('the configuration parser (AUDIT_* variables) on random environments', () => {
  it('returns a valid configuration or an InputError naming the variable (fast-check, 3000 environments)', () => {
    // every AUDIT_* variable the parser knows (ENV), each absent or a hostile string
    const envArb = fc.record(Object.fromEntries(Object.values(ENV).map((name) => [name, text])) as Record<string, fc.Arbitrary<string>>, { requiredKeys: [] });
    fc.assert(
      fc.property(envArb, (env) => {
        expectValidOrInputError(() => configFromEnv(env as NodeJS.ProcessEnv), ['mode', 'tier', 'seed', 'path', 'runs'], (cfg) => {
          const runs = (cfg as { runs?: number }).runs;
          if (runs !== undefined) expect(Number.isInteger(runs) && runs >= 1).toBe(true);
          expect(['audit', 'conformance']).toContain(cfg.mode);
          expect(TIERS).toContain(cfg.tier);
          expect(Number.isSafeInteger(cfg.seed) && Math.abs(cfg.seed) <= 2 ** 31 - 1).toBe(true);
          if (cfg.replay) {
            expect(cfg.replay.path).toMatch(/^\d+(:\d+)*$/);
            expect(cfg.replay.search.length).toBeGreaterThan(0);
          }
        });
      }),
      { seed: 70707, numRuns: 3000 },
    );
  });

  it('each field alone: tier, seed, path', () => {
    fc.assert(
      fc.property(text, (s) => {
        expectValidOrInputError(() => parseTier(s), ['tier'], (t) => expect(TIERS).toContain(t));
        expectValidOrInputError(() => parseSeed(s), ['seed'], (n) => expect(Number.isSafeInteger(n) && Math.abs(n) < 2 ** 31).toBe(true));
        expectValidOrInputError(() => parsePath(s), ['path'], (p) => expect(p).toMatch(/^\d+(:\d+)*$/));
      }),
      { seed: 70708, numRuns: 2000 },
    );
  });
});

describe('the CLI option validators on random strings', () => {
  it('--workers, --shard, --search return valid values or an InputError naming the option', () => {
    fc.assert(
      fc.property(text, (s) => {
        expectValidOrInputError(() => parseWorkers(s), ['workers'], (n) => expect(Number.isInteger(n) && n >= 1 && n <= MAX_WORKERS).toBe(true));
        expectValidOrInputError(() => parseShard(s), ['shard'], ({ index, count }) => {
          expect(Number.isSafeInteger(index) && Number.isSafeInteger(count)).toBe(true);
          expect(index >= 1 && index <= count).toBe(true);
        });
        expectValidOrInputError(() => parseSearchName(s), ['search'], (n) => expect(n.length > 0 && n.length <= 100).toBe(true));
      }),
      { seed: 70709, numRuns: 3000 },
    );
  });

  it('named cases', () => {
    for (const bad of ['0', '-1', '1.5', 'NaN', '', 'abc', '1e3', '257', '99999999999999999999']) expect(() => parseWorkers(bad), bad).toThrow(/invalid workers/);
    expect(parseWorkers('2')).toBe(2);
    for (const bad of ['0/2', '3/2', '1/0', 'a/b', '1.5/2', '-1/2', '1/2/3', '', '/', '1', '2/99999999999999999999']) expect(() => parseShard(bad), bad).toThrow(/invalid shard/);
    expect(parseShard('2/3')).toEqual({ index: 2, count: 3 });
    expect(() => checkShardCount({ index: 1, count: 30 }, 26)).toThrow(/invalid shard: 1\/30 splits 26 claim files/);
    const dir = mkdtempSync(join(tmpdir(), 'out-'));
    writeFileSync(join(dir, 'file'), '');
    expect(() => checkOutDir(join(dir, 'file'))).toThrow(/invalid out: .* is a file, not a folder/);
    expect(() => checkOutDir(join(dir, 'file', 'below'))).toThrow(/invalid out: .* is a file, not a folder/);
    expect(() => checkOutDir('')).toThrow(/invalid out/);
    expect(checkOutDir(join(dir, 'new', 'deeper'))).toBe(join(dir, 'new', 'deeper'));
  });
});

const tsx = join(process.cwd(), 'node_modules', '.bin', 'tsx');
function audit(args: string[]): Promise<{ code: number | null; out: string }> {
  return new Promise((done) => {
    const p = spawn(tsx, ['src/cli/audit.ts', ...args], { env: { ...process.env, AUDIT_MODE: '', FORCE_COLOR: '0' } });
    let out = '';
    p.stdout.on('data', (b: Buffer) => (out += b.toString()));
    p.stderr.on('data', (b: Buffer) => (out += b.toString()));
    p.on('close', (code) => done({ code, out }));
  });
}

describe('npm run audit on hostile options: exit 2, one line naming the input, nothing written', () => {
  it('every option', { timeout: 400_000 }, async () => {
    const root = mkdtempSync(join(tmpdir(), 'hostile-cli-'));
    writeFileSync(join(root, 'a-file'), '');
    // the validators are covered above on random strings; here one case per option, end to end
    const cases: [string[], RegExp][] = [
      [['--workers', '1.5'], /invalid workers/],
      [['--shard', '3/2'], /invalid shard/],
      [['--shard', '1/99'], /invalid shard: 1\/99 splits \d+ claim files/],
      [['--seed', '1e99'], /invalid seed/],
      [['--tier', ''], /invalid tier/],
      [['--claim', 'lemma-99.nothing'], /invalid claim: unknown claim id "lemma-99.nothing"/],
      [['--search', 'A6'], /invalid --search: names the search a replay runs/],
      [['--claim', 'eq-15-16.sgd-step', '--path', 'x'], /invalid path/],
      [['--path', '1:2'], /invalid --path: a replay needs exactly one --claim/],
      [['--out', join(root, 'a-file', 'x')], /invalid out: .* is a file, not a folder/],
      [['--merge', join(root, 'nowhere')], /invalid .*nowhere: no such file or folder/],
      [['--merge', root, '--claim', 'eq-3.theta-step'], /invalid merge: --merge takes shard folders and --out only/],
      [['--bogus'], /unknown option '--bogus'/],
      [['stray-argument'], /too many arguments|unknown command|excess/i],
    ];
    const results: { code: number | null; out: string }[] = [];
    for (let i = 0; i < cases.length; i += 3) {
      const batch = cases.slice(i, i + 3).map(([args], j) => audit([...args, ...(args.includes('--out') ? [] : ['--out', join(root, `out-${i + j}`)])]));
      results.push(...(await Promise.all(batch)));
    }
    results.forEach((r, i) => {
      const [args, message] = cases[i]!;
      expect(r.code, `${JSON.stringify(args)}: ${r.out}`).toBe(2);
      expect(r.out, JSON.stringify(args)).toMatch(message);
      expect(r.out.trim().split('\n').length, `${JSON.stringify(args)}: ${r.out}`).toBeLessThanOrEqual(2);
    });
    // no report anywhere: only the file this test made
    expect(readdirSync(root)).toEqual(['a-file']);
  });
});
