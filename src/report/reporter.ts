import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Reporter, TestModule } from 'vitest/node';
import type { ClaimRun } from '../verdict/types.js';
import { buildReport } from './build.js';
import { renderFigures, type RenderedFigure } from './figures.js';
import { renderClaimHtml, renderHtml } from './html.js';
import { renderClaimPage, renderMarkdown } from './markdown.js';
import type { ClaimError, ClaimsReport, Methods, Provenance } from './schema.js';
import { claimPage } from './words.js';
import { cleanLeftovers, writeAtomically } from './write.js';

export interface AuditReporterOptions {
  outDir: string;
  /** the registry's claim order (the report's order) */
  order: readonly string[];
  /** this run's provenance, computed by src/cli when the run ends (the report layer computes none of it) */
  provenance: () => Provenance;
  /** the methods (family alpha, calibration, decision rules), as data from src/cli */
  methods: () => Methods;
  /** applied to the collected runs before the report is built (cross-claim contradictions, proof statuses) */
  finalize?: (runs: ClaimRun[]) => ClaimRun[];
  /** asked just before writing: false writes nothing (an interrupted audit leaves reports/ as it was) */
  shouldWrite?: () => boolean;
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

/** Every file of a report, by path relative to the report folder. */
export function reportFiles(report: ClaimsReport, figures: readonly RenderedFigure[]): Record<string, string> {
  const files: Record<string, string> = {
    'claims.json': reportJson(report),
    'REPORT.md': renderMarkdown(report),
    'index.html': renderHtml(report, figures),
  };
  for (const c of report.claims) {
    files[claimPage(c.id, 'md')] = renderClaimPage(c, report, (report.figureFiles ?? []).filter((f) => f.claim === c.id));
    files[claimPage(c.id, 'html')] = renderClaimHtml(c, report, figures.filter((f) => f.claim === c.id));
  }
  for (const f of figures) if (f.svg !== undefined) files[f.file] = f.svg;
  return files;
}

/**
 * Renders a built report and writes all of it at once: claims.json, REPORT.md, index.html, one page per claim
 * (claims/<id>.md and .html) and figures/*.svg (each file staged under a temporary name and renamed into place only
 * after all were written). Leftovers of a killed earlier write are removed first; pages and SVGs of an earlier report
 * that this one does not have are removed after the rename, so claims/ and figures/ always match claims.json.
 */
export function writeReport(outDir: string, report: ClaimsReport): { files: string[]; figures: RenderedFigure[] } {
  cleanLeftovers(outDir);
  const figures = renderFigures(report.claims);
  report.figureFiles = figures.map((f) => ({ claim: f.claim, id: f.id, title: f.title, file: f.file, ...(f.error !== undefined ? { error: f.error } : {}) }));
  const files = reportFiles(report, figures);
  const written = writeAtomically(outDir, files);
  for (const sub of ['figures', 'claims']) {
    let names: string[];
    try {
      names = readdirSync(join(outDir, sub));
    } catch {
      continue; // no such folder: nothing stale
    }
    for (const name of names) if (/\.(svg|md|html)$/.test(name) && !(`${sub}/${name}` in files)) rmSync(join(outDir, sub, name));
  }
  return { files: written, figures };
}

/**
 * The vitest reporter that writes reports/: it collects the ClaimRun each claim test leaves in its
 * task meta and, when the run ends, writes claims.json, REPORT.md, index.html and the figures atomically.
 */
export class AuditReporter implements Reporter {
  constructor(private readonly opts: AuditReporterOptions) {}

  onTestRunEnd(testModules: ReadonlyArray<TestModule>, _errors?: unknown, reason?: 'passed' | 'interrupted' | 'failed'): void {
    if (reason === 'interrupted' || this.opts.shouldWrite?.() === false) return;
    const { runs, errors } = collectRuns(testModules);
    const report = buildReport({ runs: this.opts.finalize ? this.opts.finalize(runs) : runs, errors, order: this.opts.order, provenance: this.opts.provenance(), methods: this.opts.methods() });
    const { files } = writeReport(this.opts.outDir, report);
    this.opts.onWritten?.(files, report.claims, report.errors);
  }
}

/** The ClaimRun each claim test left in its task meta, and the checks that failed without one. */
export function collectRuns(testModules: ReadonlyArray<TestModule>): { runs: ClaimRun[]; errors: ClaimError[] } {
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
  return { runs, errors };
}
