#!/usr/bin/env node
/**
 * `npx tsx src/cli/merge.ts reports/shard-1 reports/shard-2 [--out reports]`
 * (the same as `npm run audit -- --merge reports/shard-1 reports/shard-2 --out reports`)
 *
 * Merges the claims.json of the shards of one audit (`npm run audit -- --shard i/n`) into one report:
 * claims.json, REPORT.md (and what else the audit's reporter writes) in --out, atomically. Exit status 0 when written, 2 on bad input
 * (a missing, unreadable or truncated shard report; shards of different audits; overlapping or missing claims).
 */
import { Command } from 'commander';
import { ALL_CLAIMS } from '../../theorems/index.js';
import { InputError } from '../errors.js';
import { mergeShardDirs } from '../report/merge.js';
import { checkOutDir, propertyClaimIds } from './options.js';

async function main(): Promise<number> {
  const program = new Command('merge')
    .description('Merge the claims.json of audit shards into one report (claims.json and REPORT.md)')
    .argument('<shards...>', 'shard report folders (or their claims.json files)')
    .option('--out <dir>', 'where the merged report is written', 'reports')
    .exitOverride();
  try {
    program.parse(process.argv);
  } catch (e) {
    const code = (e as { exitCode?: number }).exitCode;
    return code === 0 ? 0 : 2;
  }
  const dirs = program.args;
  const out = checkOutDir((program.opts() as { out: string }).out);
  const registry = ALL_CLAIMS.map((c) => c.id);
  const onDisk = propertyClaimIds();
  const { files, report } = await mergeShardDirs(dirs, out, registry, onDisk.length > 0 ? onDisk : registry);
  console.log(`merged ${dirs.length} shard report(s): ${report.claims.length} claims, ${report.errors.length} errors; wrote ${files.join(', ')}`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e instanceof InputError ? e.message : e);
    process.exit(e instanceof InputError ? 2 : 1);
  },
);
