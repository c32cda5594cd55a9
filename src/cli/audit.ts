#!/usr/bin/env node
/**
 * `npm run audit -- [--tier quick|paper] [--seed S] [--claim ID ...] [--search NAME --path P] [--out DIR] [--strict]
 *                   [--workers N] [--shard i/n] [--allow-dirty]`
 * `npm run audit -- --merge DIR... [--out DIR]`
 *
 * --claim takes a statement's id, a proof step's (proof-c4.step-3) or a coverage entry's (theorems/proofs/coverage-extra.ts):
 * a step shares its property file with the other steps of its proof, and runs alone (vitest's test-name filter).
 *
 * Validates the options once, then runs the claims project of vitest in audit mode with the report
 * writer: reports/claims.json and reports/REPORT.md. With --shard i/n, vitest runs the i-th of n parts of
 * the claim files and the report goes to reports/shard-i; --merge (or src/cli/merge.ts) merges the
 * shards' reports into one. The console prints one line per claim (id, verdict, deciding sentence, seconds) and a
 * summary. A replay (--search NAME --path P) runs that search alone, prints what the path leads to and writes no
 * report. Exit status: 0 when the report was written (a verdict is a finding, not an error), 2 on bad input (a replay
 * naming an unknown search, or a path that leads to no counterexample, included), 1 when a check could not run; with
 * --strict, 1 when any verdict is not "holds"; 130/143 when interrupted (nothing written).
 */
import { Command, InvalidArgumentError } from 'commander';
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { ALL_CLAIMS } from '../../theorems/index.js';
import { ALL_PROOFS, COVERAGE_EXTRA } from '../../theorems/proofs/index.js';
import { InputError } from '../errors.js';
import { counterexampleLines } from '../report/words.js';
import type { ReplayMeta } from '../verdict/replay.js';
import { DEFAULT_SEED, ENV, parsePath, parseSeed, parseTier } from '../verdict/config.js';
import { claimFileOf, knownClaim } from './claimLookup.js';
import { guardInterrupts } from './interrupt.js';
import { checkOutDir, checkShardCount, parseSearchName, parseShard, parseWorkers, propertyClaimIds, registeredInProofFiles, testNamePatternOf } from './options.js';

const wrap =
  <T>(f: (v: string) => T) =>
  (v: string): T => {
    try {
      return f(v);
    } catch (e) {
      throw new InvalidArgumentError(e instanceof Error ? e.message : String(e));
    }
  };

/** The claims an audit that names none runs: every property file (the registry's ids where none is found). */
function allClaimIds(): string[] {
  const ids = propertyClaimIds();
  return ids.length > 0 ? ids : ALL_CLAIMS.map((c) => c.id);
}

interface Options {
  tier: ReturnType<typeof parseTier>;
  seed: number;
  claim: string[];
  search?: string;
  path?: string;
  out?: string;
  strict: boolean;
  workers?: number;
  shard?: { index: number; count: number };
  merge?: string[];
  allowDirty: boolean;
}

/** What a replay prints on stdout: the shrunk case and its margin, in the report's words. Exit 0 when reproduced, 2 otherwise. */
export function describeReplay(r: ReplayMeta): { text: string; code: number } {
  if (r.status === 'reproduced' && 'counterexample' in r && r.counterexample) return { text: counterexampleLines(r.counterexample).join('\n'), code: 0 };
  if (r.status === 'not-violated') return { text: `${r.message}${r.case !== undefined ? `\ncase: ${JSON.stringify(r.case)}` : ''}`, code: 2 };
  return { text: r.message, code: 2 };
}

async function main(): Promise<number> {
  const program = new Command('audit')
    .description('Audit the claims of the paper and write reports/claims.json and reports/REPORT.md')
    .option('--tier <tier>', 'quick (minutes on 2 cores) or paper (the paper\'s settings)', wrap(parseTier), 'quick')
    .option('--seed <seed>', 'run seed (32-bit integer)', wrap(parseSeed), DEFAULT_SEED)
    .option('--claim <id>', 'audit only this claim (repeatable)', (v: string, prev: string[]) => [...prev, wrap((id: string) => knownClaim(id))(v)], [] as string[])
    .option('--search <name>', 'with --path: the search to replay (main, or a hypothesis id; default main)', wrap(parseSearchName))
    .option('--path <path>', 'replay a counterexample: the fast-check path printed in the report', wrap(parsePath))
    .option('--out <dir>', 'where the report is written (default: reports/ (reports/paper/ at the paper tier), partial/ in it when --claim narrows the audit, shard-i with --shard)')
    .option('--strict', 'exit 1 when any verdict is not "holds"', false)
    .option('--workers <n>', 'vitest workers running claim files in parallel (default: one per core)', wrap(parseWorkers))
    .option('--shard <i/n>', 'run the i-th of n parts of the claim files (vitest --shard); merge the parts with --merge', wrap(parseShard))
    .option('--merge <dirs...>', 'merge the claims.json of shard folders into one report in --out (default reports/); runs no claim')
    .option('--allow-dirty', 'write a committed report (reports/) from a tree with uncommitted changes; its first line then says it is not citable', false)
    .exitOverride();
  let opts: Options;
  try {
    program.parse(process.argv);
    opts = program.opts();
  } catch (e) {
    const code = (e as { exitCode?: number }).exitCode;
    return code === 0 ? 0 : 2;
  }
  if (opts.merge !== undefined) {
    const extra = (['claim', 'search', 'path', 'workers', 'shard'] as const).filter((k) => (k === 'claim' ? opts.claim.length > 0 : opts[k] !== undefined));
    if (extra.length > 0) throw new InputError('merge', `--merge takes shard folders and --out only, not --${extra.join(', --')}`);
    const outDir = checkOutDir(opts.out ?? 'reports');
    // the claims a full audit reports: the statements, and the proof steps and coverage entries a proof file registers
    const reported = [...ALL_CLAIMS.map((c) => c.id), ...registeredInProofFiles([...ALL_PROOFS.flatMap((p) => p.steps.map((st) => st.id)), ...COVERAGE_EXTRA.map((c) => c.id)])];
    const { mergeShardDirs } = await import('../report/merge.js');
    const { files, report } = await mergeShardDirs(opts.merge, outDir, ALL_CLAIMS.map((c) => c.id), reported);
    console.log(`merged ${opts.merge.length} shard report(s): ${report.claims.length} claims, ${report.errors.length} errors; wrote ${files.join(', ')}`);
    return 0;
  }
  if (opts.path !== undefined && opts.claim.length !== 1) throw new InputError('--path', 'a replay needs exactly one --claim');
  if (opts.search !== undefined && opts.path === undefined) throw new InputError('--search', 'names the search a replay runs: give it with --path');
  if (opts.shard && opts.path !== undefined) throw new InputError('shard', 'a replay runs one claim: --shard does not apply');
  // a proof step or a coverage entry shares its file with the other steps of its proof: vitest runs it alone by its test name
  const located = opts.claim.map((id) => claimFileOf(id));
  const filters = [...new Set(located.map((f) => f.file))];
  const files = opts.claim.length > 0 ? filters.length : allClaimIds().length;
  if (opts.shard) checkShardCount(opts.shard, files);
  const missing = filters.filter((f) => !existsSync(f));
  if (missing.length > 0) throw new InputError('claim', `no property file ${missing.join(', ')} (run the audit from the repository root)`);
  const byName = located.some((f) => f.shared) ? { testNamePattern: testNamePatternOf([...new Set(opts.claim)]) } : {};
  process.env[ENV.mode] = 'audit';
  process.env[ENV.tier] = opts.tier;
  process.env[ENV.seed] = String(opts.seed);
  if (opts.path !== undefined) {
    process.env[ENV.path] = opts.path;
    process.env[ENV.search] = opts.search ?? 'main';
  } else {
    delete process.env[ENV.path];
    delete process.env[ENV.search];
  }
  // a narrowed audit (or a replay, or a shard) never overwrites the full report
  // the paper tier's report lives in reports/paper/, beside the quick tier's reports/
  const root = opts.tier === 'paper' ? 'reports/paper' : 'reports';
  const base = opts.claim.length > 0 ? `${root}/partial` : root;
  const outDir = checkOutDir(opts.out ?? (opts.shard ? `${base}/shard-${opts.shard.index}` : base));
  const replay = opts.path !== undefined;
  // the options are valid: only now load vitest and the report writer (seconds of imports an input error does not pay)
  const [{ createVitest }, { costSequencer }, { auditSession, prepareOutDir }] = await Promise.all([import('vitest/node'), import('./sequencer.js'), import('./session.js')]);
  if (!replay) prepareOutDir(outDir, opts.allowDirty);
  // progress on stderr when it is a terminal (the vitest workers' stderr is not), unless AUDIT_PROGRESS says otherwise
  if (process.env.AUDIT_PROGRESS === undefined && process.stderr.isTTY) process.env.AUDIT_PROGRESS = '1';
  // every core by default (vitest's own default leaves one core to its main process, which mostly waits here)
  const cores = availableParallelism();
  const workers = opts.workers ?? cores;
  const t0 = performance.now();
  let stop: () => Promise<unknown> = async () => undefined;
  const session = auditSession({ outDir, tier: opts.tier, seed: opts.seed, claimsRequested: opts.claim, shouldWrite: () => !guard.interrupted && !replay, ...(opts.shard ? { shard: opts.shard } : {}) });
  const guard = guardInterrupts('audit', () => stop(), () => session.written !== undefined);
  const vitest = await createVitest('test', {
    // vitest.config.ts through vite's module runner, not bundled by rolldown (which warns in colour on a slow machine)
    configLoader: 'runner',
    run: true,
    watch: false,
    project: 'claims',
    reporters: [session.console, session.report],
    maxWorkers: workers,
    ...byName,
    // the most expensive claim files first, by the last report of this tier (src/cli/sequencer.ts)
    sequence: { sequencer: opts.tier === 'paper' ? costSequencer('reports/paper', 'reports') : costSequencer('reports') },
    ...(opts.shard ? { shard: `${opts.shard.index}/${opts.shard.count}` } : {}),
  });
  stop = () => vitest.close();
  const n = opts.claim.length > 0 ? new Set(opts.claim).size : allClaimIds().length;
  console.error(replay ? `audit: replaying search ${JSON.stringify(opts.search ?? 'main')} of ${opts.claim[0]} at path ${opts.path} (${opts.tier} tier, seed ${opts.seed})` : `audit: ${n} ${opts.claim.length > 0 ? 'claim' : 'claim file'}${n === 1 ? '' : 's'} (${opts.tier} tier, seed ${opts.seed}${opts.shard ? `, shard ${opts.shard.index}/${opts.shard.count}` : ''}); report to ${outDir}`);
  try {
    await vitest.start(filters);
  } finally {
    await vitest.close();
  }
  const seconds = (performance.now() - t0) / 1000;
  if (guard.interrupted) return process.exitCode as number;
  guard.dispose();
  if (replay) {
    const r = session.console.replays[0];
    if (!r) {
      console.error(`audit: the replay of ${opts.claim[0]} did not reach a search (the check could not run; see above)`);
      return 1;
    }
    const { text, code } = describeReplay(r);
    if (code === 0) console.log(text);
    else console.error(r.status === 'no-such-search' ? `invalid search: ${r.message}` : `invalid path: ${text}`);
    return code;
  }
  const w = session.written;
  if (!w) {
    console.error('audit: no report was written (see the errors above)');
    return 1;
  }
  console.log(`wrote ${w.files.length} files to ${outDir} (REPORT.md, index.html, claims.json, claims/, figures/)`);
  console.log(`wall time ${seconds.toFixed(1)} s on ${cores} core${cores === 1 ? '' : 's'} (${workers} vitest worker${workers === 1 ? '' : 's'})`);
  if (w.errors.length > 0) return 1;
  if (opts.strict && w.runs.some((r) => r.verdict !== 'holds')) return 1;
  return 0;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e instanceof InputError ? e.message : e);
    process.exit(e instanceof InputError ? 2 : 1);
  },
);
