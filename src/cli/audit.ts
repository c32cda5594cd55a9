#!/usr/bin/env node
/**
 * `npm run audit -- [--tier quick|paper] [--seed S] [--claim ID ...] [--search NAME --path P] [--out DIR] [--strict]`
 *
 * Validates the options once, then runs the claims project of vitest in audit mode with the report
 * writer: reports/claims.json and reports/REPORT.md. Exit status: 0 when the report was written
 * (a verdict is a finding, not an error), 2 on bad input; with --strict, 1 when any verdict is not "holds".
 */
import { Command, InvalidArgumentError } from 'commander';
import { resolve } from 'node:path';
import { startVitest } from 'vitest/node';
import { ALL_CLAIMS } from '../../theorems/index.js';
import { InputError } from '../engine/errors.js';
import { AuditReporter } from '../report/reporter.js';
import { FAMILY_SIZE_FROM_REGISTRY } from '../verdict/family.js';
import { DEFAULT_SEED, ENV, parsePath, parseSeed, parseTier } from '../verdict/config.js';
import type { ClaimRun } from '../verdict/types.js';

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

async function main(): Promise<number> {
  const program = new Command('audit')
    .description('Audit the claims of the paper and write reports/claims.json and reports/REPORT.md')
    .option('--tier <tier>', 'quick (minutes on 2 cores) or paper (the paper\'s settings)', wrap(parseTier), 'quick')
    .option('--seed <seed>', 'run seed (32-bit integer)', wrap(parseSeed), DEFAULT_SEED)
    .option('--claim <id>', 'audit only this claim (repeatable)', (v: string, prev: string[]) => [...prev, wrap(knownClaim)(v)], [] as string[])
    .option('--search <name>', 'with --path: the search to replay (main, or a hypothesis id)', 'main')
    .option('--path <path>', 'replay a counterexample: the fast-check path printed in the report', wrap(parsePath))
    .option('--out <dir>', 'where the report is written (default: reports/, or reports/partial/ when --claim narrows the audit)')
    .option('--strict', 'exit 1 when any verdict is not "holds"', false)
    .exitOverride();
  let opts: { tier: ReturnType<typeof parseTier>; seed: number; claim: string[]; search: string; path?: string; out?: string; strict: boolean };
  try {
    program.parse(process.argv);
    opts = program.opts();
  } catch (e) {
    const code = (e as { exitCode?: number }).exitCode;
    return code === 0 ? 0 : 2;
  }
  if (opts.path !== undefined && opts.claim.length !== 1) {
    console.error('invalid --path: a replay needs exactly one --claim');
    return 2;
  }
  process.env[ENV.mode] = 'audit';
  process.env[ENV.tier] = opts.tier;
  process.env[ENV.seed] = String(opts.seed);
  if (opts.path !== undefined) {
    process.env[ENV.path] = opts.path;
    process.env[ENV.search] = opts.search;
  } else {
    delete process.env[ENV.path];
    delete process.env[ENV.search];
  }
  // a narrowed audit (or a replay) never overwrites the full report
  const outDir = resolve(opts.out ?? (opts.claim.length > 0 ? 'reports/partial' : 'reports'));
  let written: { files: string[]; runs: ClaimRun[]; errors: number } | undefined;
  const reporter = new AuditReporter({
    outDir,
    tier: opts.tier,
    seed: opts.seed,
    familySize: FAMILY_SIZE_FROM_REGISTRY,
    order: ALL_CLAIMS.map((c) => c.id),
    claimsRequested: opts.claim,
    onWritten: (files, runs, errors) => (written = { files, runs, errors: errors.length }),
  });
  const filters = opts.claim.map((id) => `properties/${id}.prop.test.ts`);
  const t0 = performance.now();
  const vitest = await startVitest('test', filters, { run: true, watch: false, project: 'claims', reporters: ['default', reporter] });
  await vitest.close();
  const seconds = (performance.now() - t0) / 1000;
  if (!written) {
    console.error('audit: no report was written (see the errors above)');
    return 1;
  }
  const w = written as { files: string[]; runs: ClaimRun[]; errors: number };
  const tally = new Map<string, number>();
  for (const r of w.runs) tally.set(r.verdict, (tally.get(r.verdict) ?? 0) + 1);
  console.log(`\naudit (${opts.tier} tier, seed ${opts.seed}): ${w.runs.length} claims: ${[...tally].map(([v, n]) => `${n} ${v}`).join(', ')}${w.errors ? `; ${w.errors} checks could not run` : ''}`);
  console.log(`wrote ${w.files.join(', ')} in ${seconds.toFixed(1)} s`);
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
