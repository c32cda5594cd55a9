import { execFileSync } from 'node:child_process';
import { relative, resolve, sep } from 'node:path';
import { ALL_CLAIMS, FAMILY_SIZE } from '../../theorems/index.js';
import { ALL_PROOFS } from '../../theorems/proofs/index.js';
import { InputError } from '../errors.js';
import { AuditReporter } from '../report/reporter.js';
import type { ClaimError, RuleDescription } from '../report/schema.js';
import { cleanLeftovers } from '../report/write.js';
import { RULE_POLICIES } from '../verdict/checks/policies.js';
import { finalizeRuns } from '../verdict/finalize.js';
import type { ClaimRun, Tier } from '../verdict/types.js';
import { VerdictConsole } from './console.js';
import { auditMethods } from './methods.js';
import { provenance, ROOT, uncommittedChanges } from './provenance.js';

/**
 * What `npm run audit` and `npx vitest run --project audit` share: the verdict console and the report writer, made
 * the same way from the same options, so that both entry points write the same report.
 */

export interface SessionOptions {
  outDir: string;
  tier: Tier;
  seed: number;
  claimsRequested: string[];
  /** applied to the collected runs before the report is built (cross-claim contradictions, proof statuses) */
  finalize?: (runs: ClaimRun[]) => ClaimRun[];
  /** the decision rules for the Methods section */
  rules?: readonly RuleDescription[];
  /** asked before writing (false: an interrupted run writes nothing) */
  shouldWrite?: () => boolean;
  /** print where the report went once it is written (for `vitest run --project audit`; the audit CLI prints its own) */
  announce?: boolean;
  /** shard i/n, for the console's summary */
  shard?: { index: number; count: number };
}

export interface Session {
  console: VerdictConsole;
  report: AuditReporter;
  written?: { files: string[]; runs: ClaimRun[]; errors: ClaimError[] };
}

export function auditSession(o: SessionOptions): Session {
  const session: Session = {
    console: new VerdictConsole(undefined, `audit (${o.tier} tier, seed ${o.seed}${o.shard ? `, shard ${o.shard.index}/${o.shard.count}` : ''})`),
    report: undefined as unknown as AuditReporter,
  };
  session.report = new AuditReporter({
    outDir: o.outDir,
    order: ALL_CLAIMS.map((c) => c.id),
    provenance: () => provenance(o.tier, o.seed, o.claimsRequested),
    methods: () => auditMethods(FAMILY_SIZE, o.rules ?? RULE_POLICIES),
    // cross-claim contradictions move to the claims they contradict, then each statement gets its proof status
    finalize: o.finalize ?? ((runs) => finalizeRuns(runs, ALL_PROOFS).runs),
    ...(o.shouldWrite ? { shouldWrite: o.shouldWrite } : {}),
    onWritten: (files, runs, errors) => {
      session.written = { files, runs, errors };
      if (o.announce) console.log(`wrote ${files.length} files to ${o.outDir} (REPORT.md, index.html, claims.json, claims/, figures/)`);
    },
  });
  return session;
}

/** True when a report written to `outDir` would be committed: inside this repository and not ignored by git. */
export function isCommittedLocation(outDir: string, root = ROOT): boolean {
  const rel = relative(resolve(root), resolve(outDir));
  if (rel === '..' || rel.startsWith(`..${sep}`)) return false;
  try {
    execFileSync('git', ['check-ignore', '-q', '--no-index', `${rel === '' ? '.' : rel}/REPORT.md`], { cwd: root, stdio: 'ignore' });
    return false; // ignored
  } catch (e) {
    return (e as { status?: number }).status === 1; // 1: not ignored; 128: not a git checkout
  }
}

/**
 * A report that will be committed must come from a clean tree at the commit it names: refused from a dirty tree unless
 * `allowDirty` (then the report's first line says it is not citable). Removes what a killed earlier write left there.
 */
export function prepareOutDir(outDir: string, allowDirty: boolean, root = ROOT): void {
  if (!allowDirty && isCommittedLocation(outDir, root)) {
    const changes = uncommittedChanges(root) ?? [];
    if (changes.length > 0) {
      const shown = changes.slice(0, 5).join(', ') + (changes.length > 5 ? `, and ${changes.length - 5} more` : '');
      throw new InputError('out', `${relative(root, outDir) || '.'} is committed, and the working tree has uncommitted changes (${shown}): a report there must cite the exact code. Commit first, write elsewhere with --out, or pass --allow-dirty (its first line then says it is not citable)`);
    }
  }
  cleanLeftovers(outDir);
}
