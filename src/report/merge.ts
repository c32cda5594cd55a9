import { readFileSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { InputError } from '../errors.js';
import type { ClaimRun } from '../verdict/types.js';
import { buildReport } from './build.js';
import { writeReport } from './reporter.js';
import { SCHEMA_VERSION, type ClaimError, type ClaimsReport, type Provenance } from './schema.js';

/**
 * Merging the claims.json of the shards of one audit (`npm run audit -- --shard i/n`) into one report.
 *
 * The shards must come from the same audit: the same schema, commit, tier, seed, requested claims,
 * family of tests, Node and packages. Their claims must not overlap, and together they must cover every
 * claim the audit asked for (all claims of the registry when none was named). The merged report is built
 * by the same buildReport and written by the same writeReport as an unsharded audit, in the registry's
 * order, so it equals the unsharded report except for the run-dependent fields (provenance.date: the
 * latest of the shards'; each claim's seconds).
 */

/** The provenance fields every shard of one audit shares (date is run-dependent; dirty is or-ed). */
const SAME: readonly (keyof Provenance)[] = ['commit', 'tier', 'seed', 'node', 'packages', 'backend', 'claimsRequested'];

function fail(input: string, problem: string): never {
  throw new InputError(input, problem);
}

/** Reads and checks one shard's claims.json (a folder holding one, or the file itself). */
export function readShard(path: string): { file: string; report: ClaimsReport } {
  let file = resolve(path);
  let st;
  try {
    st = statSync(file);
  } catch {
    fail(path, 'no such file or folder');
  }
  if (st.isDirectory()) file = join(file, 'claims.json');
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    fail(file, `cannot be read (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    fail(file, `is not complete JSON (${text.length} bytes; ${(e as Error).message}): a truncated or partial report`);
  }
  const r = json as Partial<ClaimsReport> | null;
  if (r === null || typeof r !== 'object' || Array.isArray(r)) fail(file, 'is not a claims.json report (not an object)');
  if (r.schemaVersion !== SCHEMA_VERSION) fail(file, `has schemaVersion ${JSON.stringify(r.schemaVersion)}, expected ${SCHEMA_VERSION}`);
  const p = r.provenance as Partial<Provenance> | undefined;
  if (!p || typeof p !== 'object') fail(file, 'has no provenance');
  if (typeof p.date !== 'string' || Number.isNaN(Date.parse(p.date))) fail(file, 'has no valid provenance.date');
  if (p.tier !== 'quick' && p.tier !== 'paper') fail(file, `has provenance.tier ${JSON.stringify(p.tier)}`);
  if (typeof p.seed !== 'number' || !Number.isSafeInteger(p.seed)) fail(file, 'has no integer provenance.seed');
  if (!Array.isArray(p.claimsRequested)) fail(file, 'has no provenance.claimsRequested');
  if (!r.methods || typeof r.methods.familySize !== 'number') fail(file, 'has no methods.familySize');
  if (!Array.isArray(r.claims)) fail(file, 'has no claims array');
  if (!Array.isArray(r.errors)) fail(file, 'has no errors array');
  r.claims.forEach((c, i) => {
    if (!c || typeof c !== 'object' || typeof (c as ClaimRun).id !== 'string' || typeof (c as ClaimRun).verdict !== 'string') fail(file, `claims[${i}] is not a claim run`);
  });
  r.errors.forEach((e, i) => {
    if (!e || typeof e !== 'object' || typeof (e as ClaimError).id !== 'string') fail(file, `errors[${i}] is not a claim error`);
  });
  return { file, report: r as ClaimsReport };
}

/** The claim id an error is about: a claim id, or the claim of a test file that failed to load. */
function errorClaim(id: string): string {
  const m = /([^/\\]+)\.prop\.test\.ts$/.exec(id);
  return m ? (m[1] as string) : id;
}

/**
 * Merges shard reports into one ClaimsReport. `order` is the registry's claim order and `allIds` the ids
 * the audit covers when it named no claim (the registry).
 */
export function mergeReports(shards: { file: string; report: ClaimsReport }[], order: readonly string[], allIds: readonly string[]): ClaimsReport {
  if (shards.length === 0) fail('merge', 'no shard reports given');
  const first = shards[0] as { file: string; report: ClaimsReport };
  const seen = new Map<string, string>();
  for (const s of shards) {
    for (const key of SAME) {
      const a = JSON.stringify(first.report.provenance[key]);
      const b = JSON.stringify(s.report.provenance[key]);
      if (a !== b) fail(s.file, `provenance.${key} is ${b}, but ${first.file} has ${a}: not shards of one audit`);
    }
    if (JSON.stringify(s.report.methods) !== JSON.stringify(first.report.methods)) fail(s.file, `methods differ from ${first.file}'s (family size ${s.report.methods.familySize} vs ${first.report.methods.familySize}): not shards of one audit`);
    for (const id of [...s.report.claims.map((c) => c.id), ...s.report.errors.map((e) => errorClaim(e.id))]) {
      const other = seen.get(id);
      if (other !== undefined) fail(s.file, `claim ${id} is also in ${other}: the shards overlap (the same shard given twice?)`);
      seen.set(id, s.file);
    }
  }
  const p = first.report.provenance;
  const expected = p.claimsRequested.length > 0 ? p.claimsRequested : allIds;
  const missing = expected.filter((id) => !seen.has(id));
  if (missing.length > 0) fail('merge', `the ${shards.length} shard report(s) cover ${expected.length - missing.length} of ${expected.length} claims; missing: ${missing.join(', ')} (a shard not given, or not finished)`);
  const extra = [...seen.keys()].filter((id) => !expected.includes(id));
  if (extra.length > 0) fail('merge', `the shard reports hold claims the audit did not ask for: ${extra.join(', ')}`);
  const latest = shards.map((s) => s.report.provenance.date).sort().at(-1) as string;
  // the shards' provenance (the commit, packages and Node that ran them) and methods, not the merging machine's
  return buildReport({
    runs: shards.flatMap((s) => s.report.claims),
    errors: shards.flatMap((s) => s.report.errors),
    order,
    provenance: { ...p, date: latest, dirty: shards.some((s) => s.report.provenance.dirty) },
    methods: first.report.methods,
  });
}

/**
 * Reads the shards in `dirs`, merges them, and writes the report into `outDir` as the audit's reporter
 * writes one (writeReport: claims.json, REPORT.md and the rest, all or nothing).
 */
export async function mergeShardDirs(dirs: readonly string[], outDir: string, order: readonly string[], allIds: readonly string[]): Promise<{ files: string[]; report: ClaimsReport }> {
  const shards = dirs.map(readShard);
  const out = resolve(outDir);
  for (const s of shards) if (resolve(s.file) === join(out, 'claims.json')) fail('out', `${outDir} is where shard ${basename(s.file)} lies: write the merged report elsewhere`);
  const report = mergeReports(shards, order, allIds);
  const { files } = writeReport(out, report);
  return { files, report };
}
