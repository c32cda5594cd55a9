import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { inlineSvg, renderFigures, renderSvg, renderSvgAsync, safeName, wrapTitle } from '../../src/report/figures.js';
import { claimGraph, escapeHtml, renderClaimHtml, renderHtml } from '../../src/report/html.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import { writeReport } from '../../src/report/reporter.js';
import { SCHEMA_VERSION } from '../../src/report/schema.js';
import type { FigureSpec } from '../../src/verdict/types.js';
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

/** The text of every <text> element of an SVG (tspans joined by spaces), unescaped. */
export function svgTexts(svg: string): string[] {
  const un = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
  return [...svg.matchAll(/<text\b[^>]*>([\s\S]*?)<\/text>/g)].map((m) => un((m[1] as string).replace(/<\/tspan>\s*<tspan[^>]*>/g, ' ').replace(/<[^>]+>/g, '')));
}

/** The strings a reader must see whole: chart and axis titles, legend titles and the legend's labels (the colour field's values). */
function textsOfSpec(spec: Record<string, unknown>): string[] {
  const out: string[] = [];
  const walk = (v: unknown, key: string, values: Record<string, unknown>[] | undefined): void => {
    if (Array.isArray(v)) return void v.forEach((x) => walk(x, '', values));
    if (v === null || typeof v !== 'object') return;
    const o = v as Record<string, unknown>;
    const vals = ((o.data as { values?: Record<string, unknown>[] } | undefined)?.values ?? values) as Record<string, unknown>[] | undefined;
    for (const [k, x] of Object.entries(o)) {
      if (k === 'data') continue;
      if (k === 'title' && typeof x === 'string') out.push(x);
      else if (k === 'title' && x && typeof x === 'object' && typeof (x as { text?: unknown }).text === 'string') out.push((x as { text: string }).text);
      else if (k === 'color' && x && typeof x === 'object' && (x as { type?: string }).type === 'nominal' && vals) {
        const f = (x as { field: string }).field;
        out.push(...new Set(vals.map((r) => String(r[f]))));
        walk(x, k, vals);
      } else walk(x, k, vals);
    }
  };
  walk(spec, '', undefined);
  return out;
}

const LONG: FigureSpec = {
  id: 'toy.long',
  title: 'long texts',
  spec: {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: "A deliberately long chart title that runs on well past any single line's width, so that it must wrap onto lines rather than end in an ellipsis", limit: 300 },
    data: { values: ['label noise SGD (sigma = 4, the paper\'s setting)', "linearized (authors' baseline, trained on the NTK features)"].flatMap((run) => [0, 1, 2].map((t) => ({ t, v: t * t, run }))) },
    width: 200,
    height: 120,
    mark: 'line',
    encoding: { x: { field: 't', type: 'quantitative', title: 'training step (thousands of label-noise SGD steps)' }, y: { field: 'v', type: 'quantitative' }, color: { field: 'run', type: 'nominal', title: 'run (dashed: linearized models of the same width)', legend: { labelLimit: 60 } } },
  },
};

describe('figures: no text is cut', () => {
  it('wraps long titles at spaces', () => {
    expect(wrapTitle('a b c', 3)).toEqual(['a b', 'c']);
    expect(wrapTitle('x'.repeat(12), 5)).toEqual(['x'.repeat(12)]);
  });
  const committed = join(process.cwd(), 'reports', 'claims.json');
  const specs: FigureSpec[] = [LINE, FACET, SCATTER, LONG];
  if (existsSync(committed)) for (const c of JSON.parse(readFileSync(committed, 'utf8')).claims as { figures?: FigureSpec[] }[]) specs.push(...(c.figures ?? []));
  it.each(specs.map((f) => [f.id, f] as const))('%s: every title, axis title and legend label of the spec is in the SVG whole', (_, f) => {
    const texts = svgTexts(renderSvg(f.spec));
    expect(texts.filter((t) => t.includes('…'))).toEqual([]);
    const all = texts.join(' ');
    for (const want of textsOfSpec(f.spec)) expect(all).toContain(want.replace(/\s+/g, ' '));
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
    expect(readdirSync(dir).sort()).toEqual(['REPORT.md', 'claims', 'claims.json', 'figures', 'index.html']);
    expect(readdirSync(join(dir, 'claims')).sort()).toEqual(rep.claims.flatMap((c) => [`${c.id}.html`, `${c.id}.md`]).sort());
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
    expect(md).toContain('rerun    npm run audit -- --tier quick --seed 7');
    const page = (id: string) => readFileSync(join(dir, 'claims', `${id}.md`), 'utf8');
    expect(page('toy.base')).toContain('![A line per series on a log axis](../figures/toy.line.svg)');
    expect(page('toy.user')).toContain('- Reproduce: `npm run audit -- --claim toy.user --tier quick --seed 7`');
    expect(page('toy.failing')).toContain('- Replay the counterexample: `npm run audit -- --claim toy.failing --tier quick --seed 7 --search main --path 3:0`');
    expect(existsSync(join(dir, 'figures', 'old.svg'))).toBe(false);
  });
  it('renders index.html (an anchor per claim row, the gallery, the citation block, the graph) and the claim pages (escaped text, inline figures)', () => {
    const rep = toyReport();
    const figures = renderFigures(rep.claims);
    const html = renderHtml(rep, figures);
    for (const c of rep.claims) expect(html).toContain(`<tr id="${c.id}"><td><a href="claims/${c.id}.html#${c.id}">`);
    expect((html.match(/<img loading="lazy" src="figures\//g) ?? []).length).toBe(3);
    expect(html).not.toContain('<svg xmlns="http://www.w3.org/2000/svg" class="marks"');
    expect(html).toContain('commit   ');
    expect(html).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org|vega\.github\.io)/);
    const base = rep.claims.find((c) => c.id === 'toy.base')!;
    const page = renderClaimHtml(base, rep, figures.filter((f) => f.claim === base.id));
    expect(page).toContain(`<section class="claim" id="toy.base">`);
    expect(page).toContain(escapeHtml('title of toy.base <with markup & "quotes">'));
    expect(page).not.toContain('<b>not html</b>');
    expect((page.match(/<figure /g) ?? []).length).toBe(2);
    expect(page).toContain('<code>npm run audit -- --claim toy.base --tier quick --seed 7</code>');
    const g = claimGraph(rep.claims);
    expect((g.match(/<rect /g) ?? []).length).toBe(rep.claims.length);
    // base -> user, user -> failing (not.run is not drawn), and the proof step's dashed edge base -> step
    expect((g.match(/<path class="edge"/g) ?? []).length).toBe(3);
    expect(g).toMatch(/data-from="toy\.base" data-to="toy\.step"[^>]*stroke-dasharray/);
    expect(g).toMatch(/data-id="toy\.base" data-verdict="holds" data-proof="gap"/);
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
