#!/usr/bin/env node
/**
 * `npm run explore -- <claim-id> [--violate <hypothesis>] [--seed S] [--runs N] [--tier quick|paper]`
 *
 * The counterexample explorer: runs the named claim's property (vitest, claims project, as the audit does) with the
 * fast-check search named by --violate ('main', the claim's own search, by default) given N cases (AUDIT_RUNS), and
 * prints that search's minimal configuration (the shrunk counterexample) with the command that replays it, or, when
 * nothing violates the claim, the closest call. Every search reports its outcome through AUDIT_SEARCH_LOG.
 * Exit status: 0 when the search ran (finding a counterexample is a result), 2 on bad input (an unknown claim id or
 * hypothesis: one line naming it), 1 when the claim's check could not run.
 */
import { Command, InvalidArgumentError } from 'commander';
import { existsSync, mkdtempSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Reporter, TestModule } from 'vitest/node';
import { ALL_CLAIMS } from '../../theorems/index.js';
import { InputError } from '../errors.js';
import { DEFAULT_SEED, ENV, parseRuns, parseSeed, parseTier } from '../verdict/config.js';
import { shellWord } from '../verdict/search.js';
import type { ClaimRecord, ClaimRun, Counterexample, Tier } from '../verdict/types.js';

const wrap =
  <T>(f: (v: string) => T) =>
  (v: string): T => {
    try {
      return f(v);
    } catch (e) {
      throw new InvalidArgumentError(e instanceof Error ? e.message : String(e));
    }
  };

/** One executed search, as runSearch logs it (src/verdict/search.ts). */
export interface SearchLogEntry {
  claim: string;
  search: string;
  numRuns: number;
  fcSeed: number;
  cases: number;
  counterexample?: Counterexample;
  closest?: { case: unknown; margin: number; message: string };
}

export function claimRecord(id: string): ClaimRecord<unknown> {
  const r = ALL_CLAIMS.find((c) => c.id === id);
  if (!r) throw new InputError('claim', `unknown claim id ${JSON.stringify(id)}; known ids: ${ALL_CLAIMS.map((c) => c.id).join(', ')}`);
  return r as ClaimRecord<unknown>;
}

/**
 * The searches a claim may run, known before running it: 'main', the record's hypotheses, and the searches its record
 * declares (`searches`: name, the hypothesis it breaks, what it looks for). Read from the record, never from the source.
 */
export function knownSearches(record: ClaimRecord<unknown>): string[] {
  return [...new Set<string>(['main', ...record.hypotheses, ...(record.searches ?? []).map((s) => s.name)])];
}

/** Collects the ClaimRun the claim's test leaves in its task meta; prints nothing. */
class CollectRun implements Reporter {
  run: ClaimRun | undefined;
  error: string | undefined;
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    for (const mod of testModules) {
      for (const tc of mod.children.allTests()) {
        const run = tc.meta().claimRun;
        if (run) this.run = run;
        else if (tc.result().state === 'failed') this.error = tc.result().errors?.[0]?.message ?? 'failed without a verdict';
      }
      if (mod.state() === 'failed' && [...mod.children.allTests()].length === 0) this.error = mod.errors().map((e) => e.message).join('; ') || 'module failed to load';
    }
  }
}

export function exploreCommand(id: string, hypothesis: string, tier: Tier, seed: number, runs: number): string {
  return `npm run explore -- ${shellWord(id)} --violate ${shellWord(hypothesis)} --tier ${tier} --seed ${seed} --runs ${runs}`;
}

/** The text printed for the explored search. */
export function describeExploration(entries: SearchLogEntry[], run: ClaimRun | undefined, id: string, hypothesis: string, tier: Tier, seed: number, runs: number): string {
  const L: string[] = [];
  const e = entries[entries.length - 1] as SearchLogEntry;
  L.push(`claim ${id}, search "${hypothesis}" (tier ${tier}, seed ${seed}): ${e.cases} cases in ${e.numRuns} runs (fast-check seed ${e.fcSeed})`);
  const ex = run?.explorations?.find((x) => x.hypothesis === hypothesis);
  if (ex) L.push(`how the hypothesis is broken: ${ex.violation}`);
  if (e.counterexample) {
    const c = e.counterexample;
    L.push(`counterexample found; minimal configuration after ${c.numShrinks} shrinks (path ${c.path}):`, JSON.stringify(c.case, null, 2), `what fails on it: ${c.message}`, `replay: ${c.replay}`);
  } else {
    L.push(`no counterexample in ${e.cases} cases.`);
    if (e.closest) L.push(`closest call (margin ${e.closest.margin}):`, JSON.stringify(e.closest.case, null, 2), e.closest.message);
    L.push(`explore further: ${exploreCommand(id, hypothesis, tier, seed, Math.min(1_000_000, runs * 10))}`);
  }
  if (run) L.push(`claim verdict at these settings: ${run.verdict}: ${run.summary}`);
  return L.join('\n');
}

async function main(): Promise<number> {
  const program = new Command('explore')
    .description("Run one fast-check search of one claim (its own, or the one breaking a hypothesis) and print the minimal configuration with its replay command")
    .argument('<claim-id>', 'the claim (as in theorems/)')
    .option('--violate <hypothesis>', "the search to run: 'main' or the hypothesis it breaks", 'main')
    .option('--seed <seed>', 'run seed (32-bit integer)', wrap(parseSeed), DEFAULT_SEED)
    .option('--runs <n>', 'fast-check cases of that search', wrap(parseRuns), 100)
    .option('--tier <tier>', 'quick or paper', wrap(parseTier), 'quick')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s.split('\n')[0] + '\n') });
  let id: string;
  let opts: { violate: string; seed: number; runs: number; tier: Tier };
  try {
    program.parse(process.argv);
    id = program.args[0] as string;
    opts = program.opts();
  } catch (e) {
    const code = (e as { exitCode?: number }).exitCode;
    return code === 0 ? 0 : 2;
  }
  const record = claimRecord(id);
  const known = knownSearches(record);
  if (!known.includes(opts.violate)) throw new InputError('hypothesis', `${JSON.stringify(opts.violate)} is not a search of ${id}; its searches: ${known.join(', ')}`);
  const file = `properties/${id}.prop.test.ts`;
  if (!existsSync(file)) throw new InputError('claim', `no property file ${file} (run from the repository root)`);
  const dir = mkdtempSync(join(tmpdir(), 'explore-'));
  const log = join(dir, 'searches.jsonl');
  process.env[ENV.mode] = 'audit';
  process.env[ENV.tier] = opts.tier;
  process.env[ENV.seed] = String(opts.seed);
  process.env[ENV.runs] = String(opts.runs);
  process.env[ENV.explore] = opts.violate;
  process.env[ENV.searchLog] = log;
  delete process.env[ENV.path];
  delete process.env[ENV.search];
  // progress of the search on stderr when it is a terminal (the vitest worker's stderr is not)
  if (process.env.AUDIT_PROGRESS === undefined && process.stderr.isTTY) process.env.AUDIT_PROGRESS = '1';
  const collect = new CollectRun();
  try {
    // vitest is loaded only once the options are valid (seconds of imports an input error does not pay)
    const { startVitest } = await import('vitest/node');
    const vitest = await startVitest('test', [file], { configLoader: 'runner', run: true, watch: false, project: 'claims', reporters: [collect] });
    await vitest.close();
    const entries: SearchLogEntry[] = existsSync(log)
      ? readFileSync(log, 'utf8')
          .split('\n')
          .filter((l) => l.trim() !== '')
          .map((l) => JSON.parse(l) as SearchLogEntry)
      : [];
    const mine = entries.filter((e) => e.claim === id && e.search === opts.violate);
    if (mine.length === 0) {
      if (collect.error && !collect.run) {
        console.error(`explore: the check of ${id} could not run: ${collect.error.split('\n')[0]}`);
        return 1;
      }
      const ran = [...new Set(entries.filter((e) => e.claim === id).map((e) => e.search))];
      throw new InputError('hypothesis', `${id} ran no search named ${JSON.stringify(opts.violate)}; the searches it ran: ${ran.join(', ') || 'none'}`);
    }
    console.log(describeExploration(mine, collect.run, id, opts.violate, opts.tier, opts.seed, opts.runs));
    return 0;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// run only as the command (the tests import the helpers above)
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href) {
  main().then(
    (code) => process.exit(code),
    (e: unknown) => {
      console.error(e instanceof InputError ? e.message : e);
      process.exit(e instanceof InputError ? 2 : 1);
    },
  );
}
