import { FAMILY_ALPHA, perTestAlpha } from '../stats/multiplicity.js';
import type { ClaimRun, Tier } from '../verdict/types.js';
import { calibrate, describeCalibration } from '../stats/calibration.js';
import { coverage } from './coverage.js';
import { provenance } from './provenance.js';
import { SCHEMA_VERSION, type ClaimError, type ClaimsReport } from './schema.js';
import { shellWord } from '../verdict/search.js';

/** The command that re-runs one claim at the tier and seed it ran with (the report's "Reproduce"). */
export function claimReproduceCommand(r: Pick<ClaimRun, 'id' | 'tier' | 'seed'>): string {
  return `npm run audit -- --claim ${shellWord(r.id)} --tier ${r.tier} --seed ${r.seed}`;
}

/** The command that re-runs a whole report (or the claims it was narrowed to). */
export function reportReproduceCommand(tier: Tier, seed: number, claims: readonly string[]): string {
  return ['npm run audit --', ...claims.map((c) => `--claim ${shellWord(c)}`), `--tier ${tier}`, `--seed ${seed}`].join(' ');
}

/** Assembles claims.json from the runs, in the registry's order (not the order the workers finished). */
export function buildReport(opts: {
  runs: ClaimRun[];
  errors: ClaimError[];
  order: readonly string[];
  tier: Tier;
  seed: number;
  familySize: number;
  claimsRequested: string[];
  now?: Date;
}): ClaimsReport {
  const rank = (id: string): number => {
    const i = opts.order.indexOf(id);
    return i < 0 ? Number.MAX_SAFE_INTEGER : i;
  };
  const claims = [...opts.runs].sort((a, b) => rank(a.id) - rank(b.id) || a.id.localeCompare(b.id));
  return {
    schemaVersion: SCHEMA_VERSION,
    provenance: provenance(opts.tier, opts.seed, opts.claimsRequested, opts.now),
    methods: {
      familyAlpha: FAMILY_ALPHA,
      familySize: opts.familySize,
      perTestAlpha: perTestAlpha(opts.familySize),
      correction: 'Bonferroni split over the tests declared in theorems/ (fixed before any run, so a verdict does not depend on which claims ran or on sharding)',
      intervals: 'Probabilities: exact Clopper-Pearson bounds (never a normal approximation); exact conditional probabilities (beta and chi-square CDFs) where a closed form exists. Scaling laws: OLS on log-log data with Student-t intervals for the exponent.',
      notes: [
        'Verdicts: holds (tested over the declared domain, nothing contradicts it, and the bound binds somewhere tested), fails (a shrunk, replayable counterexample or a rejected test), erratum (the printed form fails, a stated corrected form holds), vacuous (true where tested only because the bound is trivial there; the size where it binds is given), inconclusive (neither side shown at the reachable size).',
        'Conformance mode (`npm test`) compares each computed verdict with the reviewed expectation in its theorems/ file; the audit (`npm run audit`) marks every verdict other than holds as a failed test.',
        'All theory checks run in float64; tolerances are stated beside each comparison in its thresholds.',
        // measured now, at this report's per-test alpha (seeded: the same line for the same family)
        describeCalibration(calibrate({ alpha: perTestAlpha(opts.familySize) })),
      ],
    },
    claims,
    coverage: coverage(claims),
    errors: [...opts.errors].sort((a, b) => rank(a.id) - rank(b.id)),
    reproduce: reportReproduceCommand(opts.tier, opts.seed, opts.claimsRequested),
  };
}
