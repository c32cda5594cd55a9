import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { inlineSvg, renderFigures, renderSvg, renderSvgAsync, safeName } from '../../src/report/figures.js';
import { claimGraph, escapeHtml, renderHtml } from '../../src/report/html.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import { writeReport } from '../../src/report/reporter.js';
import { SCHEMA_VERSION } from '../../src/report/schema.js';
import { FACET, LINE, SCATTER, toyReport, toyRun } from './fixture.js';

describe('figures: Vega-Lite specs to SVG', () => {
  it.each([LINE, FACET, SCATTER])('renders $id synchronously, byte for byte as view.toSVG() does', async (f) => {
    const a = renderSvg(f.spec);
    const b = await renderSvgAsync(f.spec);
    expect(a).toBe(b);
    expect(a.startsWith('<svg')).toBe(true);
    expect(a).toMatch(/<path|<circle|<g/);
  });
  it('is deterministic: the same spec gives the same SVG, whatever was rendered before', () => {
    const first = renderSvg(FACET.spec);
    renderSvg(LINE.spec);
    expect(renderSvg(FACET.spec)).toBe(first);
  });
  it('reports a figure that cannot be rendered instead of failing the report', () => {
    const bad = toyRun('bad', 'holds', { figures: [{ id: 'bad.fig', title: 'broken', spec: { mark: 'line', encoding: { x: { field: 'x', type: 'nonsense' } } } }] });
    const out = renderFigures([bad]);
    expect(out).toHaveLength(1);
    expect(out[0]!.svg).toBeUndefined();
    expect(out[0]!.error).toBeTruthy();
  });
  it('gives unique, file-safe names and prefixes every id of an inlined SVG', () => {
    const dup = [toyRun('a', 'holds', { figures: [LINE, LINE] })];
    expect(renderFigures(dup).map((f) => f.file)).toEqual(['figures/toy.line.svg', 'figures/toy.line-2.svg']);
    expect(safeName('a/b c<d>')).toBe('a-b-c-d');
    const svg = renderSvg(FACET.spec);
    const ids = [...svg.matchAll(/\bid="([^"]+)"/g)].map((m) => m[1]);
    expect(ids.length).toBeGreaterThan(0);
    const inl = inlineSvg(svg, 'fig-x');
    for (const id of ids) {
      expect(inl).toContain(`id="fig-x-${id}"`);
      if (svg.includes(`url(#${id})`)) expect(inl).toContain(`url(#fig-x-${id})`);
    }
  });
});

describe('the report with figures', () => {
  it('writes claims.json, REPORT.md, index.html and figures/*.svg together, and removes stale figures', () => {
    const dir = mkdtempSync(join(tmpdir(), 'report-fig-'));
    const stale = join(dir, 'figures');
    writeReport(dir, toyReport());
    writeFileSync(join(stale, 'old.svg'), '<svg/>');
    const rep = toyReport();
    const { files, figures } = writeReport(dir, rep);
    expect(readdirSync(dir).sort()).toEqual(['REPORT.md', 'claims.json', 'figures', 'index.html']);
    expect(readdirSync(stale).sort()).toEqual(['toy.facet.svg', 'toy.line.svg', 'toy.scatter.svg']);
    expect(files.filter((f) => f.endsWith('.svg'))).toHaveLength(3);
    expect(figures.every((f) => f.svg !== undefined)).toBe(true);
    const json = JSON.parse(readFileSync(join(dir, 'claims.json'), 'utf8'));
    expect(json.schemaVersion).toBe(SCHEMA_VERSION);
    expect(SCHEMA_VERSION).toBe(1);
    expect(json.figureFiles.map((f: { file: string }) => f.file)).toEqual(['figures/toy.line.svg', 'figures/toy.facet.svg', 'figures/toy.scatter.svg']);
    expect(json.claims[0].figures[0].spec.data.values.length).toBeGreaterThan(0);
    expect(json.reproduce).toBe('npm run audit -- --tier quick --seed 7');
    const md = readFileSync(join(dir, 'REPORT.md'), 'utf8');
    expect(md).toContain('![A line per series on a log axis](figures/toy.line.svg)');
    expect(md).toContain('- Reproduce: `npm run audit -- --claim toy.user --tier quick --seed 7`');
    expect(md).toContain('- Replay the counterexample: `npm run audit -- --claim toy.failing --tier quick --seed 7 --search main --path 3:0`');
    expect(md).toContain('rerun    npm run audit -- --tier quick --seed 7');
    expect(existsSync(join(dir, 'figures', 'old.svg'))).toBe(false);
  });
  it('renders index.html: anchors per claim, escaped text, inline figures, the citation block and the uses graph', () => {
    const rep = toyReport();
    const figures = renderFigures(rep.claims);
    const html = renderHtml(rep, figures);
    for (const c of rep.claims) expect(html).toContain(`<section class="claim" id="${c.id}">`);
    expect(html).toContain(escapeHtml('title of toy.base <with markup & "quotes">'));
    expect(html).not.toContain('<b>not html</b>');
    expect((html.match(/<figure /g) ?? []).length).toBe(3);
    expect(html).toContain('commit   ');
    expect(html).toContain('<code>npm run audit -- --claim toy.base --tier quick --seed 7</code>');
    expect(html).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org|vega\.github\.io)/);
    const g = claimGraph(rep.claims);
    expect((g.match(/<rect /g) ?? []).length).toBe(3);
    expect((g.match(/<path d="M[0-9.]+,[0-9.]+ C/g) ?? []).length).toBe(2); // base -> user, user -> failing (not.run is not drawn)
  });
  it('keeps the markdown of a report without figures unchanged in shape', () => {
    const rep = toyReport();
    delete rep.figureFiles;
    const md = renderMarkdown(rep);
    expect(md).not.toContain('Figures:');
  });
});

describe('claims.json', () => {
  it('keeps each figure spec on one line and parses back to the same report', async () => {
    const { reportJson } = await import('../../src/report/reporter.js');
    const rep = toyReport();
    const text = reportJson(rep);
    expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(rep)));
    const specLines = text.split('\n').filter((l) => l.trimStart().startsWith('"spec": {'));
    expect(specLines).toHaveLength(3);
    expect(text.length).toBeLessThan(JSON.stringify(rep, null, 2).length);
  });
});
