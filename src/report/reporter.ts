import type { Reporter, TestModule } from 'vitest/node';
import type { ClaimRun, Tier } from '../verdict/types.js';
import { buildReport } from './build.js';
import { renderMarkdown } from './markdown.js';
import type { ClaimError } from './schema.js';
import { writeAtomically } from './write.js';

export interface AuditReporterOptions {
  outDir: string;
  tier: Tier;
  seed: number;
  familySize: number;
  order: readonly string[];
  claimsRequested: string[];
  /** called with the files written and the runs */
  onWritten?: (files: string[], runs: ClaimRun[], errors: ClaimError[]) => void;
}

/**
 * The vitest reporter that writes reports/: it collects the ClaimRun each claim test leaves in its
 * task meta and, when the run ends, writes claims.json and REPORT.md atomically.
 */
export class AuditReporter implements Reporter {
  constructor(private readonly opts: AuditReporterOptions) {}

  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const runs: ClaimRun[] = [];
    const errors: ClaimError[] = [];
    for (const mod of testModules) {
      for (const tc of mod.children.allTests()) {
        const run = tc.meta().claimRun;
        if (run) runs.push(run);
        else if (tc.result().state === 'failed') {
          const err = tc.result().errors?.[0];
          errors.push({ id: tc.name, error: err ? `${err.name ?? 'Error'}: ${err.message}` : 'failed without a verdict' });
        }
      }
      if (mod.state() === 'failed' && [...mod.children.allTests()].length === 0) {
        errors.push({ id: mod.moduleId, error: mod.errors().map((e) => e.message).join('; ') || 'module failed to load' });
      }
    }
    const report = buildReport({ runs, errors, order: this.opts.order, tier: this.opts.tier, seed: this.opts.seed, familySize: this.opts.familySize, claimsRequested: this.opts.claimsRequested });
    const files = writeAtomically(this.opts.outDir, {
      'claims.json': `${JSON.stringify(report, null, 2)}\n`,
      'REPORT.md': renderMarkdown(report),
    });
    this.opts.onWritten?.(files, report.claims, report.errors);
  }
}
