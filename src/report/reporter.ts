import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Reporter, TestModule } from 'vitest/node';
import type { ClaimRun, Tier } from '../verdict/types.js';
import { buildReport } from './build.js';
import { renderFigures, type RenderedFigure } from './figures.js';
import { renderHtml } from './html.js';
import { renderMarkdown } from './markdown.js';
import type { ClaimError, ClaimsReport } from './schema.js';
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
 * claims.json, indented, except that each figure's Vega-Lite spec (with its inline data) sits on one line: indenting
 * thousands of data rows would triple the file for nothing a reader needs.
 */
export function reportJson(report: ClaimsReport): string {
  const specs: string[] = [];
  const text = JSON.stringify(
    report,
    function (this: unknown, key: string, value: unknown) {
      const holder = this as Record<string, unknown> | null;
      if (key === 'spec' && value !== null && typeof value === 'object' && holder && typeof holder.id === 'string' && typeof holder.title === 'string') {
        specs.push(JSON.stringify(value));
        return `\u0000spec${specs.length - 1}\u0000`;
      }
      return value;
    },
    2,
  );
  return `${text.replace(/"\\u0000spec(\d+)\\u0000"/g, (_, i: string) => specs[Number(i)] as string)}\n`;
}

/**
 * Renders a built report and writes all of it at once: claims.json, REPORT.md, index.html and figures/*.svg (each file
 * staged under a temporary name and renamed into place only after all were written). SVGs of an earlier report that
 * this one does not have are removed after the rename, so figures/ always matches claims.json.
 */
export function writeReport(outDir: string, report: ClaimsReport): { files: string[]; figures: RenderedFigure[] } {
  const figures = renderFigures(report.claims);
  report.figureFiles = figures.map((f) => ({ claim: f.claim, id: f.id, title: f.title, file: f.file, ...(f.error !== undefined ? { error: f.error } : {}) }));
  const files: Record<string, string> = {
    'claims.json': reportJson(report),
    'REPORT.md': renderMarkdown(report),
    'index.html': renderHtml(report, figures),
  };
  for (const f of figures) if (f.svg !== undefined) files[f.file] = f.svg;
  const written = writeAtomically(outDir, files);
  const keep = new Set(figures.filter((f) => f.svg !== undefined).map((f) => f.file.replace(/^figures\//, '')));
  try {
    for (const name of readdirSync(join(outDir, 'figures'))) if (name.endsWith('.svg') && !keep.has(name)) rmSync(join(outDir, 'figures', name));
  } catch {
    // no figures folder: nothing stale
  }
  return { files: written, figures };
}

/**
 * The vitest reporter that writes reports/: it collects the ClaimRun each claim test leaves in its
 * task meta and, when the run ends, writes claims.json, REPORT.md, index.html and the figures atomically.
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
    const { files } = writeReport(this.opts.outDir, report);
    this.opts.onWritten?.(files, report.claims, report.errors);
  }
}
