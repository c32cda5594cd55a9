import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildReport } from '../../src/report/build.js';
import { dataTable, renderClaimPage, renderMarkdown } from '../../src/report/markdown.js';
import { writeReport } from '../../src/report/reporter.js';
import type { ClaimsReport } from '../../src/report/schema.js';
import { cleanLeftovers } from '../../src/report/write.js';
import type { ClaimRun } from '../../src/verdict/types.js';
import { toyMethods, toyProvenance, toyReport, toyRun } from './fixture.js';

/**
 * The report in two layers: REPORT.md (and index.html) small enough to read in minutes, every claim's evidence on its
 * own page, and every link of either layer resolving to a file and an anchor.
 */

const LIMIT_MD = 60 * 1024;
const LIMIT_HTML = 300 * 1024;

/** A report as large as the real audit's, or larger: 40 claims with long summaries, wide tables and long cells. */
function bigReport(): ClaimsReport {
  const long = (k: number) => Array.from({ length: k }, (_, i) => `clause ${i} of a long deciding summary with numbers 1.234e-5 and 0.75`).join('; ');
  const runs: ClaimRun[] = Array.from({ length: 40 }, (_, i) =>
    toyRun(`big.claim-${i}`, (['holds', 'fails', 'erratum', 'vacuous', 'inconclusive'] as const)[i % 5]!, {
      summary: long(30),
      uses: i > 0 ? [`big.claim-${i - 1}`] : [],
      hypotheses: Array.from({ length: 8 }, (_, h) => ({ id: `A${h}`, status: 'met' as const, detail: long(8) })),
      tables: { configurations: Array.from({ length: 30 }, (_, r) => Object.fromEntries(Array.from({ length: 24 }, (_, c) => [`column ${c}`, r * c + 0.5]))), notes: [{ row: 1, text: long(10) }] },
      explorations: [{ hypothesis: 'A6', violation: long(3), found: false, note: long(4) }],
    }),
  );
  return buildReport({ runs, errors: [], order: runs.map((r) => r.id), provenance: toyProvenance(), methods: toyMethods() });
}

/** The committed audit's claims.json rebuilt with this code (the report a reviewer gets), when it is there. */
function committedReport(): ClaimsReport | undefined {
  const file = join(process.cwd(), 'reports', 'claims.json');
  if (!existsSync(file)) return undefined;
  const old = JSON.parse(readFileSync(file, 'utf8')) as ClaimsReport;
  return buildReport({ runs: old.claims, errors: old.errors, order: old.claims.map((c) => c.id), provenance: old.provenance, methods: old.methods });
}

/** Every relative link of a markdown or HTML file: [text](target) and href/src attributes. */
function links(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const md = file.endsWith('.md') ? [...text.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1] as string) : [];
  const html = [...text.matchAll(/(?:href|src)="([^"]+)"/g)].map((m) => (m[1] as string).replace(/&amp;/g, '&'));
  return [...md, ...html].filter((l) => !/^[a-z]+:/.test(l) || l.startsWith('file:'));
}

function anchors(file: string): Set<string> {
  const text = readFileSync(file, 'utf8');
  const ids = [...text.matchAll(/\bid="([^"]+)"/g)].map((m) => m[1] as string);
  // markdown headings get GitHub's slugs
  const slugs = [...text.matchAll(/^#+ (.+)$/gm)].map((m) => (m[1] as string).toLowerCase().replace(/[^\w\- ]/g, '').replace(/ /g, '-'));
  return new Set([...ids, ...slugs]);
}

/** Checks every link of every .md and .html file under `dir`; returns the broken ones. */
function brokenLinks(dir: string): string[] {
  const files = (readdirSync(dir, { recursive: true }) as string[]).map(String).filter((f) => /\.(md|html)$/.test(f));
  const broken: string[] = [];
  for (const f of files) {
    const from = join(dir, f);
    for (const l of links(from)) {
      if (l.startsWith('#') && l.length > 1) {
        if (!anchors(from).has(decodeURIComponent(l.slice(1)))) broken.push(`${f}: ${l}`);
        continue;
      }
      if (l === '#') continue;
      const [path, hash] = l.split('#') as [string, string | undefined];
      const target = resolve(dirname(from), decodeURIComponent(path));
      if (!target.startsWith(resolve(dir)) || !existsSync(target)) broken.push(`${f}: ${l} (no file)`);
      else if (hash && /\.(md|html)$/.test(target) && !anchors(target).has(decodeURIComponent(hash))) broken.push(`${f}: ${l} (no anchor)`);
    }
  }
  return broken;
}

describe('REPORT.md and index.html: the page a reviewer reads in minutes', () => {
  const cases: [string, () => ClaimsReport | undefined][] = [
    ['a synthetic report of 40 long claims', bigReport],
    ['the committed audit (reports/claims.json) rendered by this code', committedReport],
  ];
  it.each(cases)('%s: under the size limits, every claim on its own page, every link resolving', (_, make) => {
    const rep = make();
    if (rep === undefined) return expect(existsSync(join(process.cwd(), 'reports', 'claims.json'))).toBe(false);
    const dir = mkdtempSync(join(tmpdir(), 'layers-'));
    writeReport(dir, rep);
    const md = readFileSync(join(dir, 'REPORT.md'), 'utf8');
    expect(Buffer.byteLength(md)).toBeLessThan(LIMIT_MD);
    expect(Buffer.byteLength(readFileSync(join(dir, 'index.html')))).toBeLessThan(LIMIT_HTML);
    for (const c of rep.claims) {
      expect(md).toContain(`<a id="${c.id}"></a>[${c.id}](claims/${c.id}.md#${c.id})`);
      const page = readFileSync(join(dir, 'claims', `${c.id}.md`), 'utf8');
      expect(page).toContain(`Cite as: \`${c.id}, ${c.verdict}, audit ${rep.provenance.commit}`);
      expect(page).toContain(`<a id="${c.id}"></a>`);
      expect(existsSync(join(dir, 'claims', `${c.id}.html`))).toBe(true);
    }
    // no row of the claim table is a wall of text
    const rows = md.split('\n').filter((l) => l.startsWith('| <a id="'));
    expect(rows.length).toBe(rep.claims.filter((c) => !c.proofOf).length);
    // each proof step has its anchor and link in the proof-steps section
    for (const c of rep.claims.filter((x) => x.proofOf)) expect(md).toContain(`<a id="${c.id}"></a>[${c.id}](claims/${c.id}.md#${c.id})`);
    expect(Math.max(...rows.map((l) => l.length))).toBeLessThan(600);
    expect(brokenLinks(dir)).toEqual([]);
  });

  it('the link checker finds a broken link (it can fail)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'layers-broken-'));
    writeReport(dir, toyReport());
    writeFileSync(join(dir, 'claims', 'extra.md'), '[a](toy.base.md#nowhere) [b](missing.md)');
    expect(brokenLinks(dir)).toEqual(['claims/extra.md: toy.base.md#nowhere (no anchor)', 'claims/extra.md: missing.md (no file)']);
  });
});

describe('what the layers show', () => {
  const rep = toyReport();
  const md = renderMarkdown(rep);
  const page = (id: string) => renderClaimPage(rep.claims.find((c) => c.id === id)!, rep);
  it('the claim table: verdict, proof status, rule and the deciding sentence (because, else summary)', () => {
    expect(md).toContain('| claim | verdict | proof (steps checked / displayed) | rule | deciding sentence |');
    expect(md).toMatch(/\[toy.base\]\(claims\/toy.base.md#toy.base\) \| holds \| gap \(\d+\/\d+\) \| identity \| every case agreed to 1e-9 \|/);
    expect(md).toContain('[toy.user](claims/toy.user.md#toy.user) | **erratum** | - | - | summary of toy.user |');
  });
  it('Methods states each rule once, as it arrived; cross-claim findings list the contradictions', () => {
    for (const r of toyMethods().rules!) expect(md.split(`| ${r.id} | ${r.name} | ${r.policy} |`)).toHaveLength(2);
    expect(md).toContain('- against [toy.user](claims/toy.user.md#toy.user), observed in [toy.failing](claims/toy.failing.md#toy.failing): toy.failing entered the premise');
    const none = renderMarkdown(buildReport({ runs: [toyRun('a', 'holds')], errors: [], order: ['a'], provenance: toyProvenance(), methods: { ...toyMethods(), rules: [] } }));
    expect(none).toContain('None found by the premise monitor.');
    expect(none).toContain('No decision rules were passed to this report.');
  });
  it('a claim page: rule, proof status, twins, rates, contradictions against it, proof steps', () => {
    const base = page('toy.base');
    expect(base).toContain('- Decision rule: identity');
    expect(base).toContain('- Proof status: gap (2 of 5 displayed steps checked; failing: [toy.step](toy.step.md#toy.step))');
    expect(base).toContain('  - not evaluable: toy.cite: cites an external theorem');
    expect(base).toContain('| toy.base~twice | constant doubled | fails | yes | gap 0.5 at m = 3 |');
    expect(base).toContain('| gap | m | O(1/m) | -1 | -1.02 | [-1.1, -0.95] | tight |');
    expect(base).toContain('- Used by: [toy.step](toy.step.md#toy.step), [toy.user](toy.user.md#toy.user)');
    expect(base).toContain('Summary:\n\nsummary of toy.base');
    expect(page('toy.step')).toContain('- A step of the proof of: [toy.base](toy.base.md#toy.base)');
    expect(page('toy.user')).toContain('- observed in [toy.failing](toy.failing.md#toy.failing): premise lazy regime; observed a norm of 3.');
  });
  it('a report from a dirty tree says so in its first line, on every page', () => {
    const dirty = buildReport({ runs: [toyRun('a', 'holds')], errors: [], order: ['a'], provenance: toyProvenance({ dirty: true }), methods: toyMethods() });
    expect(renderMarkdown(dirty).split('\n')[0]).toMatch(/^> NOT CITABLE: generated with --allow-dirty .* commit 0123456789abcdef/);
    expect(renderClaimPage(dirty.claims[0]!, dirty).split('\n')[0]).toMatch(/^> NOT CITABLE/);
    expect(md.split('\n')[0]).toMatch(/^# Audit of/);
  });
});

describe('long tables wrap per configuration', () => {
  it('a narrow table stays one table', () => {
    expect(dataTable([{ m: 1, gap: 0.5 }])).toEqual(['| m | gap |', '| --- | --- |', '| 1 | 0.5 |']);
  });
  it('a wide table splits into column groups, each repeating the key column', () => {
    const rows = [Object.fromEntries(Array.from({ length: 20 }, (_, c) => [`c${c}`, c]))];
    const heads = dataTable(rows).filter((l) => l.startsWith('| c0 |'));
    expect(heads.length).toBe(3);
    for (const h of heads) expect(h.split('|').length - 2).toBeLessThanOrEqual(8);
  });
  it('a table with long text prints one block per row', () => {
    const out = dataTable([{ config: 'm=10', note: 'x'.repeat(200) }, { config: 'm=20', note: 'short' }]);
    expect(out).toEqual(['- **config = m=10** (row 1)', `  - note: ${'x'.repeat(200)}`, '- **config = m=20** (row 2)', '  - note: short']);
  });
});

describe('a killed write leaves nothing the next run keeps', () => {
  it('removes staged files of dead processes, restores a moved-aside file whose target is missing, and spares live writers', () => {
    const dir = mkdtempSync(join(tmpdir(), 'leftovers-'));
    mkdirSync(join(dir, 'figures'));
    const dead = 2 ** 22 + 12345; // above Linux's default pid_max: no such process
    writeFileSync(join(dir, `.tmp-${dead}-abc-claims.json`), 'partial');
    writeFileSync(join(dir, `.old-${dead}-abc-REPORT.md`), 'previous report');
    writeFileSync(join(dir, `.old-${dead}-abc-index.html`), 'previous html');
    writeFileSync(join(dir, 'index.html'), 'current html');
    writeFileSync(join(dir, 'figures', `.tmp-${dead}-abc-figures_a.svg`), '<svg');
    writeFileSync(join(dir, `.tmp-${process.ppid}-abc-claims.json`), 'a live writer');
    const done = cleanLeftovers(dir);
    expect(done.length).toBe(4);
    expect(readdirSync(dir).sort()).toEqual([`.tmp-${process.ppid}-abc-claims.json`, 'REPORT.md', 'figures', 'index.html']);
    expect(readFileSync(join(dir, 'REPORT.md'), 'utf8')).toBe('previous report');
    expect(readFileSync(join(dir, 'index.html'), 'utf8')).toBe('current html');
    expect(readdirSync(join(dir, 'figures'))).toEqual([]);
  });
  it('writeReport removes pages of claims the new report does not have', () => {
    const dir = mkdtempSync(join(tmpdir(), 'stale-pages-'));
    writeReport(dir, toyReport());
    const one = buildReport({ runs: [toyRun('toy.base', 'holds')], errors: [], order: ['toy.base'], provenance: toyProvenance(), methods: toyMethods() });
    writeReport(dir, one);
    expect(readdirSync(join(dir, 'claims')).sort()).toEqual(['toy.base.html', 'toy.base.md']);
  });
});
