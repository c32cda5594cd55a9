import type { ClaimRun, Tier } from '../verdict/types.js';
import { shellWord } from '../shell.js';
import { coverage } from './coverage.js';
import { SCHEMA_VERSION, type ClaimError, type ClaimsReport, type Methods, type Provenance } from './schema.js';

/** The command that re-runs one claim at the tier and seed it ran with (the report's "Reproduce"). */
export function claimReproduceCommand(r: Pick<ClaimRun, 'id' | 'tier' | 'seed'>): string {
  return `npm run audit -- --claim ${shellWord(r.id)} --tier ${r.tier} --seed ${r.seed}`;
}

/** The command that re-runs a whole report (or the claims it was narrowed to). */
export function reportReproduceCommand(tier: Tier, seed: number, claims: readonly string[]): string {
  return ['npm run audit --', ...claims.map((c) => `--claim ${shellWord(c)}`), `--tier ${tier}`, `--seed ${seed}`].join(' ');
}

/**
 * Assembles claims.json from the runs, in the registry's order (not the order the workers finished). The provenance
 * and the methods (family alpha, calibration, decision rules) arrive as data from src/cli: the report layer computes
 * none of them.
 */
export function buildReport(opts: { runs: ClaimRun[]; errors: ClaimError[]; order: readonly string[]; provenance: Provenance; methods: Methods }): ClaimsReport {
  const rank = (id: string): number => {
    const i = opts.order.indexOf(id);
    return i < 0 ? Number.MAX_SAFE_INTEGER : i;
  };
  const claims = [...opts.runs].sort((a, b) => rank(a.id) - rank(b.id) || a.id.localeCompare(b.id));
  const p = opts.provenance;
  return {
    schemaVersion: SCHEMA_VERSION,
    provenance: p,
    methods: opts.methods,
    claims,
    coverage: coverage(claims),
    errors: [...opts.errors].sort((a, b) => rank(a.id) - rank(b.id)),
    reproduce: reportReproduceCommand(p.tier, p.seed, p.claimsRequested),
  };
}
