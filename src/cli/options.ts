import { accessSync, constants, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, resolve, sep } from 'node:path';
import { InputError } from '../errors.js';

/**
 * Validators of the audit's command-line options that are not configuration fields (those are in
 * src/verdict/config.ts). Each returns the parsed value or throws an InputError naming the option.
 */

/** The most vitest workers the audit starts (a typo such as 1e9 is refused rather than attempted). */
export const MAX_WORKERS = 256;

function describe(v: string): string {
  return JSON.stringify(v);
}

/** --workers: a whole number of workers, 1 to MAX_WORKERS. */
export function parseWorkers(v: string): number {
  if (!/^\d+$/.test(v.trim())) throw new InputError('workers', `expected a whole number of workers (1 to ${MAX_WORKERS}), got ${describe(v)}`);
  const n = Number(v);
  if (n < 1 || n > MAX_WORKERS) throw new InputError('workers', `expected 1 to ${MAX_WORKERS} workers, got ${v.trim()}`);
  return n;
}

/** --shard i/n: 1 <= i <= n, whole numbers, written as vitest writes them. */
export function parseShard(v: string): { index: number; count: number } {
  const m = /^\s*(\d+)\/(\d+)\s*$/.exec(v);
  if (!m) throw new InputError('shard', `expected i/n with whole numbers 1 <= i <= n (e.g. 1/2), got ${describe(v)}`);
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (!Number.isSafeInteger(count) || count < 1) throw new InputError('shard', `the count n must be at least 1, got ${describe(v)}`);
  if (!Number.isSafeInteger(index) || index < 1 || index > count) throw new InputError('shard', `the index i must be 1 to ${count}, got ${describe(v)}`);
  return { index, count };
}

/** The shard against the number of claim files it splits (vitest refuses more shards than files). */
export function checkShardCount(shard: { index: number; count: number }, files: number): void {
  if (shard.count > files) throw new InputError('shard', `${shard.index}/${shard.count} splits ${files} claim file${files === 1 ? '' : 's'} into more shards than files`);
}

/** --out: a folder that is, or can be made, writable (checked before any claim runs, so nothing is left half-done). */
export function checkOutDir(dir: string, name = 'out'): string {
  if (dir.trim() === '') throw new InputError(name, 'expected a folder, got an empty string');
  const abs = resolve(dir);
  let probe = abs;
  for (;;) {
    let st;
    try {
      st = statSync(probe);
    } catch {
      const up = dirname(probe);
      if (up === probe) throw new InputError(name, `${dir}: no existing folder above it`);
      probe = up;
      continue;
    }
    if (!st.isDirectory()) throw new InputError(name, probe === abs ? `${dir} is a file, not a folder` : `${dir}: ${probe} is a file, not a folder`);
    try {
      accessSync(probe, constants.W_OK);
    } catch {
      throw new InputError(name, `${dir}: ${probe} is not writable`);
    }
    return abs;
  }
}

/** --search NAME: a search name as the report prints it (non-empty, printable, at most 100 characters). */
export function parseSearchName(v: string): string {
  // eslint-disable-next-line no-control-regex
  if (v === '' || v.length > 100 || /[\u0000-\u001f\u007f]/.test(v)) throw new InputError('search', `expected a search name such as main or A6, got ${describe(v)}`);
  return v;
}

/**
 * The claim ids of the property files the claims project runs (<id>.prop.test.ts anywhere under properties/),
 * sorted: what an audit that names no claim covers, and what --shard splits.
 */
export function propertyClaimIds(root = process.cwd()): string[] {
  let files: string[];
  try {
    files = (readdirSync(resolve(root, 'properties'), { recursive: true }) as string[]).map(String);
  } catch {
    return [];
  }
  return files
    .filter((f) => f.endsWith('.prop.test.ts'))
    .map((f) => basename(f).replace(/\.prop\.test\.ts$/, ''))
    .sort();
}

/** Where a claim is declared: its own property file, or a proof file of properties/proofs/ that declares several steps. */
export interface ClaimFile {
  /** relative to the repository root, with forward slashes (a vitest filter) */
  file: string;
  /** true when the file declares other claims beside it (a proof file): the audit then selects the test by name */
  shared: boolean;
}

const PROOF_PROPERTIES = 'properties/proofs';

/**
 * The property file of claim `id`: properties/<id>.prop.test.ts anywhere under properties/ when there is one, else the
 * proof file under properties/proofs/ that registers it (a proof step `proof-<label>.step-<k>` or a coverage entry is
 * declared there by its id, quoted). undefined when no file declares it.
 */
export function claimPropertyFile(id: string, root = process.cwd()): ClaimFile | undefined {
  let files: string[];
  try {
    files = (readdirSync(resolve(root, 'properties'), { recursive: true }) as string[]).map((f) => String(f).split(sep).join('/'));
  } catch {
    return undefined;
  }
  const own = files.find((f) => basename(f) === `${id}.prop.test.ts`);
  if (own !== undefined) return { file: `properties/${own}`, shared: false };
  for (const f of files.filter((x) => x.startsWith('proofs/') && x.endsWith('.prop.test.ts')).sort()) {
    const text = readFileSync(resolve(root, 'properties', f), 'utf8');
    if (registersClaim(text, id)) return { file: `${PROOF_PROPERTIES}/${f.slice('proofs/'.length)}`, shared: true };
  }
  return undefined;
}

/** True when a proof file's `text` registers claim `id`: the id appears quoted ('id', "id" or `id`), as a step declares it. */
export function registersClaim(text: string, id: string): boolean {
  return text.includes(`'${id}'`) || text.includes(`"${id}"`) || text.includes(`\`${id}\``);
}

/** vitest's test-name filter that runs exactly the tests named `ids` (a proof step's test is "<describe> <id>"). */
export function testNamePatternOf(ids: readonly string[]): RegExp {
  const escaped = ids.map((id) => id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`(^| )(${escaped.join('|')})$`);
}

/**
 * Of `candidates` (proof-step and coverage-entry ids), those a proof file under properties/proofs/ registers (quoted),
 * reading each file once: with the statements' ids, the claims an audit that names none reports (what a merge of its
 * shards must cover). The file stems of propertyClaimIds are not claim ids for a proof file.
 */
export function registeredInProofFiles(candidates: readonly string[], root = process.cwd()): string[] {
  let texts: string[];
  try {
    const dir = resolve(root, PROOF_PROPERTIES);
    texts = (readdirSync(dir) as string[]).filter((f) => f.endsWith('.prop.test.ts')).map((f) => readFileSync(resolve(dir, f), 'utf8'));
  } catch {
    return [];
  }
  return candidates.filter((id) => texts.some((t) => registersClaim(t, id)));
}
