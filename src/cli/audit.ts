#!/usr/bin/env node
/**
 * `npm run audit -- [--tier quick|paper] [--seed S] [--claim ID ...] [--search NAME --path P] [--out DIR] [--strict]
 *                   [--workers N] [--shard i/n]`
 * `npm run audit -- --merge DIR... [--out DIR]`
 *
 * Validates the options once, then runs the claims project of vitest in audit mode with the report
 * writer: reports/claims.json and reports/REPORT.md. With --shard i/n, vitest runs the i-th of n parts of
 * the claim files and the report goes to reports/shard-i; --merge (or src/cli/merge.ts) merges the
 * shards' reports into one. Exit status: 0 when the report was written (a verdict is a finding, not an
 * error), 2 on bad input; with --strict, 1 when any verdict is not "holds".
 */
import { Command, InvalidArgumentError } from 'commander';
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import type { TestModule } from 'vitest/node';
import { startVitest } from 'vitest/node';
import { ALL_CLAIMS } from '../../theorems/index.js';
import { InputError } from '../errors.js';
import { mergeShardDirs } from '../report/merge.js';
import { AuditReporter } from '../report/reporter.js';
import { FAMILY_SIZE_FROM_REGISTRY } from '../verdict/family.js';
import { DEFAULT_SEED, ENV, parsePath, parseSeed, parseTier } from '../verdict/config.js';
import type { ClaimRun } from '../verdict/types.js';
import { checkOutDir, checkShardCount, parseSearchName, parseShard, parseWorkers, propertyClaimIds } from './options.js';

const wrap =
  <T>(f: (v: string) => T) =>
  (v: string): T => {
    try {
      return f(v);
    } catch (e) {
      throw new InvalidArgumentError(e instanceof Error ? e.message : String(e));
    }
  };

export function knownClaim(id: string): string {
  if (!ALL_CLAIMS.some((c) => c.id === id)) {
    throw new InputError('claim', `unknown claim id ${JSON.stringify(id)}; known ids: ${ALL_CLAIMS.map((c) => c.id).join(', ')}`);
  }
  return id;
}

/** The report writer, except that an interrupted run (Ctrl-C) writes nothing: no partial report. */
class CompleteRunReporter extends AuditReporter {
  interrupted = false;
  override async onTestRunEnd(testModules: ReadonlyArray<TestModule>, _errors?: unknown, reason?: 'passed' | 'interrupted' | 'failed'): Promise<void> {
    if (reason === 'interrupted') {
      this.interrupted = true;
      return;
    }
    await super.onTestRunEnd(testModules);
  }
}

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
}

async function main(): Promise<number> {
  const program = new Command('audit')
    .description('Audit the claims of the paper and write reports/claims.json and reports/REPORT.md')
    .option('--tier <tier>', 'quick (minutes on 2 cores) or paper (the paper\'s settings)', wrap(parseTier), 'quick')
    .option('--seed <seed>', 'run seed (32-bit integer)', wrap(parseSeed), DEFAULT_SEED)
    .option('--claim <id>', 'audit only this claim (repeatable)', (v: string, prev: string[]) => [...prev, wrap(knownClaim)(v)], [] as string[])
    .option('--search <name>', 'with --path: the search to replay (main, or a hypothesis id; default main)', wrap(parseSearchName))
    .option('--path <path>', 'replay a counterexample: the fast-check path printed in the report', wrap(parsePath))
    .option('--out <dir>', 'where the report is written (default: reports/, reports/partial/ when --claim narrows the audit, reports/shard-i with --shard)')
    .option('--strict', 'exit 1 when any verdict is not "holds"', false)
    .option('--workers <n>', 'vitest workers running claim files in parallel (default: one per core)', wrap(parseWorkers))
    .option('--shard <i/n>', 'run the i-th of n parts of the claim files (vitest --shard); merge the parts with --merge', wrap(parseShard))
    .option('--merge <dirs...>', 'merge the claims.json of shard folders into one report in --out (default reports/); runs no claim')
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
    const { files, report } = await mergeShardDirs(opts.merge, outDir, ALL_CLAIMS.map((c) => c.id), allClaimIds());
    console.log(`merged ${opts.merge.length} shard report(s): ${report.claims.length} claims, ${report.errors.length} errors; wrote ${files.join(', ')}`);
    return 0;
  }
  if (opts.path !== undefined && opts.claim.length !== 1) throw new InputError('--path', 'a replay needs exactly one --claim');
  if (opts.search !== undefined && opts.path === undefined) throw new InputError('--search', 'names the search a replay runs: give it with --path');
  if (opts.shard && opts.path !== undefined) throw new InputError('shard', 'a replay runs one claim: --shard does not apply');
  const filters = opts.claim.map((id) => `properties/${id}.prop.test.ts`);
  const files = opts.claim.length > 0 ? new Set(opts.claim).size : allClaimIds().length;
  if (opts.shard) checkShardCount(opts.shard, files);
  const missing = filters.filter((f) => !existsSync(f));
  if (missing.length > 0) throw new InputError('claim', `no property file ${missing.join(', ')} (run the audit from the repository root)`);
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
  const base = opts.claim.length > 0 ? 'reports/partial' : 'reports';
  const outDir = checkOutDir(opts.out ?? (opts.shard ? `${base}/shard-${opts.shard.index}` : base));
  let written: { files: string[]; runs: ClaimRun[]; errors: number } | undefined;
  const reporter = new CompleteRunReporter({
    outDir,
    tier: opts.tier,
    seed: opts.seed,
    familySize: FAMILY_SIZE_FROM_REGISTRY,
    order: ALL_CLAIMS.map((c) => c.id),
    claimsRequested: opts.claim,
    onWritten: (files, runs, errors) => (written = { files, runs, errors: errors.length }),
  });
  // every core by default (vitest's own default leaves one core to its main process, which mostly waits here)
  const cores = availableParallelism();
  const workers = opts.workers ?? cores;
  const t0 = performance.now();
  const vitest = await startVitest('test', filters, {
    run: true,
    watch: false,
    project: 'claims',
    reporters: ['default', reporter],
    maxWorkers: workers,
    ...(opts.shard ? { shard: `${opts.shard.index}/${opts.shard.count}` } : {}),
  });
  await vitest.close();
  const seconds = (performance.now() - t0) / 1000;
  if (reporter.interrupted) {
    console.error('audit: interrupted; no report was written');
    return 1;
  }
  if (!written) {
    console.error('audit: no report was written (see the errors above)');
    return 1;
  }
  const w = written as { files: string[]; runs: ClaimRun[]; errors: number };
  const tally = new Map<string, number>();
  for (const r of w.runs) tally.set(r.verdict, (tally.get(r.verdict) ?? 0) + 1);
  const shard = opts.shard ? `, shard ${opts.shard.index}/${opts.shard.count}` : '';
  console.log(`\naudit (${opts.tier} tier, seed ${opts.seed}${shard}): ${w.runs.length} claims: ${[...tally].map(([v, n]) => `${n} ${v}`).join(', ')}${w.errors ? `; ${w.errors} checks could not run` : ''}`);
  console.log(`wrote ${w.files.join(', ')}`);
  console.log(`wall time ${seconds.toFixed(1)} s on ${cores} core${cores === 1 ? '' : 's'} (${workers} vitest worker${workers === 1 ? '' : 's'})`);
  if (w.errors > 0) return 1;
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
