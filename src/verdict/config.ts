import { InputError } from '../errors.js';
import { TIERS, type Tier } from './types.js';

/**
 * The audit's configuration, parsed and validated once at the edge. The CLI passes it to the vitest
 * workers through environment variables; every worker parses them with this same function.
 */
export interface AuditConfig {
  /** audit: a claim whose verdict is not "holds" fails its test; conformance: the verdict must equal the reviewed expectation */
  mode: 'audit' | 'conformance';
  tier: Tier;
  /** the run seed every random stream is derived from */
  seed: number;
  /** replay one fast-check search of one claim: search name and path */
  replay?: { search: string; path: string };
  /** `npm run explore`: run this many cases in the search named `explore` (every search when `explore` is unset) */
  runs?: number;
  explore?: string;
  /** `npm run explore`: a file each executed search appends its outcome to (one JSON line per search) */
  searchLog?: string;
}

export const DEFAULT_SEED = 20260312;

export const ENV = {
  mode: 'AUDIT_MODE',
  tier: 'AUDIT_TIER',
  seed: 'AUDIT_SEED',
  search: 'AUDIT_SEARCH',
  path: 'AUDIT_PATH',
  report: 'AUDIT_REPORT_DIR',
  runs: 'AUDIT_RUNS',
  explore: 'AUDIT_EXPLORE',
  searchLog: 'AUDIT_SEARCH_LOG',
} as const;

/** A number of fast-check runs: a positive integer (at most 1e6). */
export function parseRuns(v: string): number {
  if (!/^\d+$/.test(v.trim())) throw new InputError('runs', `expected a positive integer, got ${JSON.stringify(v)}`);
  const n = Number(v);
  if (!(n >= 1 && n <= 1_000_000)) throw new InputError('runs', `expected 1..1000000, got ${v}`);
  return n;
}

export function parseTier(v: string): Tier {
  if (!(TIERS as readonly string[]).includes(v)) throw new InputError('tier', `expected one of ${TIERS.join(', ')}, got ${JSON.stringify(v)}`);
  return v as Tier;
}

export function parseSeed(v: string): number {
  if (!/^-?\d+$/.test(v.trim())) throw new InputError('seed', `expected an integer, got ${JSON.stringify(v)}`);
  const s = Number(v);
  if (!Number.isSafeInteger(s) || Math.abs(s) > 2 ** 31 - 1) throw new InputError('seed', `expected a 32-bit integer, got ${v}`);
  return s;
}

/** fast-check paths are colon-separated non-negative integers ("3:1:0"). */
export function parsePath(v: string): string {
  if (!/^\d+(:\d+)*$/.test(v)) throw new InputError('path', `expected a fast-check path like 3:1:0, got ${JSON.stringify(v)}`);
  return v;
}

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): AuditConfig {
  const modeRaw = env[ENV.mode] ?? 'conformance';
  if (modeRaw !== 'audit' && modeRaw !== 'conformance') throw new InputError('mode', `expected audit or conformance, got ${JSON.stringify(modeRaw)}`);
  const cfg: AuditConfig = {
    mode: modeRaw,
    tier: parseTier(env[ENV.tier] ?? 'quick'),
    seed: env[ENV.seed] !== undefined ? parseSeed(env[ENV.seed] as string) : DEFAULT_SEED,
  };
  const path = env[ENV.path];
  if (path !== undefined && path !== '') cfg.replay = { search: env[ENV.search] || 'main', path: parsePath(path) };
  const runs = env[ENV.runs];
  if (runs !== undefined && runs !== '') cfg.runs = parseRuns(runs);
  const explore = env[ENV.explore];
  if (explore !== undefined && explore !== '') cfg.explore = explore;
  const log = env[ENV.searchLog];
  if (log !== undefined && log !== '') cfg.searchLog = log;
  return cfg;
}
