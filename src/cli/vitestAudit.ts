import { InputError } from '../errors.js';
import { configFromEnv, ENV } from '../verdict/config.js';
import { checkOutDir, propertyClaimIds } from './options.js';
import { auditSession, prepareOutDir, type Session } from './session.js';

/**
 * `npx vitest run --project audit [file filters]`: vitest itself runs the audit and writes the same report as
 * `npm run audit` (vitest.config.ts adds the `audit` project and these reporters only when that project is asked for).
 * Tier and seed come from AUDIT_TIER and AUDIT_SEED, the folder from AUDIT_REPORT_DIR (default reports/, or
 * reports/partial/ when file filters narrow the claims; reports/paper/ at the paper tier), AUDIT_ALLOW_DIRTY=1 as --allow-dirty. `npm run audit` stays
 * the validated entry point (one-line errors, replays, shards, merge).
 */

/** The claims the command line's file filters select (vitest matches a filter as a substring of the file's path); [] for all. */
export function filteredClaims(argv: readonly string[], ids: readonly string[] = propertyClaimIds()): string[] {
  const run = argv.findIndex((a) => a === 'run');
  const filters: string[] = [];
  const rest = argv.slice(run >= 0 ? run + 1 : 2);
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i] as string;
    if (a.startsWith('-')) {
      if (!a.includes('=') && i + 1 < rest.length && !(rest[i + 1] as string).startsWith('-') && /^--(project|reporter|shard|pool|config|root|dir|maxWorkers|testNamePattern|t)$/.test(a)) i++;
      continue;
    }
    filters.push(a);
  }
  if (filters.length === 0) return [];
  const chosen = ids.filter((id) => filters.some((f) => `properties/${id}.prop.test.ts`.includes(f.replace(/^\.\//, ''))));
  return chosen.length === ids.length ? [] : chosen;
}

export function vitestAuditSession(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): Session {
  const cfg = configFromEnv({ ...env, [ENV.mode]: 'audit' });
  if (cfg.replay) throw new InputError('AUDIT_PATH', 'a replay runs through npm run audit -- --claim ID --search NAME --path P, not through vitest');
  const claims = filteredClaims(argv);
  const root = cfg.tier === 'paper' ? 'reports/paper' : 'reports';
  const outDir = checkOutDir(env[ENV.report] || (claims.length > 0 ? `${root}/partial` : root), ENV.report);
  prepareOutDir(outDir, env.AUDIT_ALLOW_DIRTY === '1');
  if (env.AUDIT_PROGRESS === undefined && process.stderr.isTTY) env.AUDIT_PROGRESS = '1';
  return auditSession({ outDir, tier: cfg.tier, seed: cfg.seed, claimsRequested: claims, announce: true });
}
