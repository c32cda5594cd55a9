import type { ClaimRun, Evidence, Verdict } from '../verdict/types.js';
import { claimReproduceCommand } from './build.js';
import { inlineSvg, safeName, type RenderedFigure } from './figures.js';
import { fmtNumber, paperNumbers } from './markdown.js';
import type { ClaimsReport } from './schema.js';

/**
 * reports/index.html: the report as one self-contained page (no script, no external resource): the citation block,
 * the claim table with verdicts, a graph of the claims' `uses` coloured by verdict, and one section per claim (anchor =
 * claim id) with its numbers and its figures inlined as SVG.
 */

export const VERDICT_COLOR: Record<Verdict, string> = {
  holds: '#2e7d32',
  fails: '#c62828',
  erratum: '#e65100',
  vacuous: '#546e7a',
  inconclusive: '#6a1b9a',
};

export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}
const e = escapeHtml;

function value(v: Evidence[string]): string {
  if (v === null) return '-';
  if (typeof v === 'number') return fmtNumber(v);
  if (Array.isArray(v)) return v.map((x) => (typeof x === 'number' ? fmtNumber(x) : String(x))).join(', ');
  return String(v);
}

const badge = (v: Verdict): string => `<span class="badge" style="background:${VERDICT_COLOR[v]}">${e(v)}</span>`;

function table(head: string[], rows: string[][], cls?: string): string {
  return `<div class="scroll"><table${cls ? ` class="${cls}"` : ''}><thead><tr>${head.map((h) => `<th>${e(h)}</th>`).join('')}</tr></thead><tbody>${rows.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`).join('')}</tbody></table></div>`;
}

function dataTable(rows: Record<string, number | string>[]): string {
  if (rows.length === 0) return '<p>(no rows)</p>';
  const cols = Object.keys(rows[0] as object);
  return table(
    cols,
    rows.map((r) => cols.map((c) => e(typeof r[c] === 'number' ? fmtNumber(r[c] as number) : String(r[c] ?? '')))),
  );
}

/** Layered drawing of the `uses` graph among the claims of the report: a claim sits one column right of what it uses. */
export function claimGraph(claims: readonly ClaimRun[]): string {
  const ids = new Set(claims.map((c) => c.id));
  const byId = new Map(claims.map((c) => [c.id, c]));
  const depth = new Map<string, number>();
  const visiting = new Set<string>();
  const depthOf = (id: string): number => {
    const d = depth.get(id);
    if (d !== undefined) return d;
    if (visiting.has(id)) return 0; // a cycle: cut it
    visiting.add(id);
    const uses = (byId.get(id)?.uses ?? []).filter((u) => ids.has(u));
    const v = uses.length ? 1 + Math.max(...uses.map(depthOf)) : 0;
    visiting.delete(id);
    depth.set(id, v);
    return v;
  };
  claims.forEach((c) => depthOf(c.id));
  const cols = new Map<number, ClaimRun[]>();
  for (const c of claims) {
    const d = depth.get(c.id) as number;
    cols.set(d, [...(cols.get(d) ?? []), c]);
  }
  const W = 236;
  const H = 24;
  const GX = 64;
  const GY = 10;
  const pos = new Map<string, { x: number; y: number }>();
  let maxRows = 0;
  for (const [d, list] of cols) {
    list.forEach((c, j) => pos.set(c.id, { x: 10 + d * (W + GX), y: 10 + j * (H + GY) }));
    maxRows = Math.max(maxRows, list.length);
  }
  const width = 20 + (Math.max(0, ...cols.keys()) + 1) * (W + GX) - GX;
  const height = 20 + maxRows * (H + GY) - GY;
  const edges: string[] = [];
  for (const c of claims) {
    const to = pos.get(c.id) as { x: number; y: number };
    for (const u of c.uses) {
      const from = pos.get(u);
      if (!from) continue;
      const x1 = from.x + W;
      const y1 = from.y + H / 2;
      const x2 = to.x;
      const y2 = to.y + H / 2;
      const mx = (x1 + x2) / 2;
      edges.push(`<path d="M${x1},${y1} C${mx},${y1} ${mx},${y2} ${x2 - 4},${y2}" fill="none" stroke="#9e9e9e" stroke-width="1" marker-end="url(#graph-arrow)"/>`);
    }
  }
  const nodes = claims.map((c) => {
    const p = pos.get(c.id) as { x: number; y: number };
    const label = c.id.length > 34 ? `${c.id.slice(0, 33)}…` : c.id;
    return `<a href="#${e(c.id)}"><g><title>${e(`${c.id}: ${c.verdict}`)}</title><rect x="${p.x}" y="${p.y}" width="${W}" height="${H}" rx="4" fill="${VERDICT_COLOR[c.verdict]}"/><text x="${p.x + 8}" y="${p.y + 16}" fill="#fff" font-size="12" font-family="monospace">${e(label)}</text></g></a>`;
  });
  return `<svg class="graph" xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="claims and the claims they use, coloured by verdict"><defs><marker id="graph-arrow" viewBox="0 0 8 8" refX="7" refY="4" markerWidth="7" markerHeight="7" orient="auto"><path d="M0,0 L8,4 L0,8 z" fill="#9e9e9e"/></marker></defs>${edges.join('')}${nodes.join('')}</svg>`;
}

function figureHtml(f: RenderedFigure): string {
  const anchor = `fig-${safeName(f.file.replace(/^figures\//, '').replace(/\.svg$/, ''))}`;
  if (!f.svg) return `<figure id="${e(anchor)}" class="figure missing"><figcaption>${e(f.title)}: could not be rendered (${e(f.error ?? 'unknown error')})</figcaption></figure>`;
  return `<figure id="${e(anchor)}" class="figure" data-figure="${e(f.id)}">${inlineSvg(f.svg, anchor)}<figcaption>${e(f.title)} <a href="${e(f.file)}">SVG</a></figcaption></figure>`;
}

function section(r: ClaimRun, byId: Map<string, ClaimRun>, figs: RenderedFigure[]): string {
  const L: string[] = [];
  L.push(`<section class="claim" id="${e(r.id)}">`);
  L.push(`<h3><a class="anchor" href="#${e(r.id)}">#</a> ${e(r.id)}: ${e(r.title)}</h3>`);
  L.push(`<p class="verdict">${badge(r.verdict)} ${e(r.summary)}</p>`);
  const conform = r.verdict === r.expected.verdict ? 'matches' : '<strong>differs from</strong>';
  const uses = r.uses.map((u) => {
    const v = byId.get(u)?.verdict;
    return v ? `<a href="#${e(u)}">${e(u)}</a> (${e(v)})` : `${e(u)} (not run)`;
  });
  L.push('<ul class="meta">');
  L.push(`<li>Printed in: ${e(paperNumbers(r))}</li>`);
  L.push(`<li>Kind: ${e(r.kind)}; tier ${e(r.tier)}; seed ${r.seed}; ${r.cases} cases; per-test alpha ${e(fmtNumber(r.alpha))}; ${e(fmtNumber(r.seconds))} s</li>`);
  L.push(`<li>Reviewed expectation: ${e(r.expected.verdict)} (${conform}): ${e(r.expected.reason)}</li>`);
  if (uses.length) L.push(`<li>Uses: ${uses.join(', ')}</li>`);
  L.push(`<li>Reproduce: <code>${e(claimReproduceCommand(r))}</code></li>`);
  if (r.counterexample) L.push(`<li>Replay the counterexample: <code>${e(r.counterexample.replay)}</code></li>`);
  L.push('</ul>');
  if (figs.length) L.push(`<div class="figures">${figs.map(figureHtml).join('')}</div>`);
  L.push(`<details><summary>Statement as printed</summary><pre class="quote">${e(r.quote)}</pre></details>`);
  L.push(`<p><strong>What is checked.</strong> ${e(r.checks)}</p>`);
  if (r.hypotheses.length)
    L.push(
      '<h4>Hypotheses</h4>',
      table(
        ['hypothesis', 'status', 'detail'],
        r.hypotheses.map((h) => [e(h.id), e(h.status), e(h.detail)]),
      ),
    );
  const th = Object.entries(r.thresholds);
  if (th.length)
    L.push(
      '<h4>Thresholds</h4>',
      table(
        ['name', 'value', 'why'],
        th.map(([k, t]) => [e(k), e(fmtNumber(t.value)), e(t.why)]),
      ),
    );
  L.push(
    '<h4>Evidence</h4>',
    table(
      ['quantity', 'value'],
      Object.entries(r.evidence).map(([k, v]) => [e(k), e(value(v))]),
    ),
  );
  for (const [name, rows] of Object.entries(r.tables ?? {})) L.push(`<details><summary>Table: ${e(name)} (${rows.length} rows)</summary>${dataTable(rows)}</details>`);
  if (r.counterexample) {
    const c = r.counterexample;
    L.push(`<h4>Counterexample (shrunk)</h4><pre>${e(JSON.stringify(c.case, null, 1))}</pre><p>${e(c.message)}</p><p>fast-check seed ${c.fcSeed}, path <code>${e(c.path)}</code>, ${c.numShrinks} shrinks.</p>`);
  }
  if (r.explorations?.length)
    L.push(
      '<h4>What each hypothesis is needed for (one broken at a time)</h4>',
      table(
        ['hypothesis', 'how it was broken', 'counterexample', 'replay'],
        r.explorations.map((x) => [
          e(x.hypothesis),
          e(x.violation),
          e(x.found && x.counterexample ? `${x.counterexample.message} on ${JSON.stringify(x.counterexample.case)}` : x.found ? x.note : `none found: ${x.note}`),
          x.counterexample ? `<code>${e(x.counterexample.replay)}</code>` : '-',
        ]),
      ),
    );
  L.push(`<details><summary>Tested domain (JSON)</summary><pre>${e(JSON.stringify(r.domain, null, 1))}</pre></details>`);
  L.push('</section>');
  return L.join('\n');
}

const CSS = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#1a1a1a;background:#fafafa}
main{max-width:1180px;margin:0 auto;padding:18px 22px 60px}
h1{font-size:22px;margin:8px 0 4px}h2{font-size:18px;margin:28px 0 8px;border-bottom:1px solid #ddd;padding-bottom:4px}
h3{font-size:16px;margin:0 0 6px}h4{font-size:14px;margin:14px 0 4px}
pre{background:#f0f0f0;padding:8px 10px;overflow-x:auto;white-space:pre-wrap;word-break:break-word;font-size:12px}
code{background:#f0f0f0;padding:1px 4px;font-size:12px}
table{border-collapse:collapse;font-size:12px;margin:4px 0}th,td{border:1px solid #ddd;padding:3px 6px;vertical-align:top;text-align:left}
th{background:#f3f3f3}.scroll{overflow-x:auto;max-width:100%}
.badge{color:#fff;border-radius:3px;padding:1px 7px;font-weight:600;font-size:12px;white-space:nowrap}
.claim{background:#fff;border:1px solid #e0e0e0;border-radius:6px;padding:14px 16px;margin:14px 0}
.claim .anchor{color:#999;text-decoration:none}.meta{margin:6px 0 8px;padding-left:18px}
.figures{display:flex;flex-wrap:wrap;gap:12px;margin:8px 0}
.figure{margin:0;border:1px solid #eee;padding:6px;background:#fff;max-width:100%;overflow-x:auto}
.figure figcaption{font-size:12px;color:#444;max-width:760px}.figure svg{display:block;max-width:none}
.graph a text{pointer-events:none}.legend span{margin-right:10px}
`;

export function renderHtml(rep: ClaimsReport, figures: readonly RenderedFigure[]): string {
  const p = rep.provenance;
  const byId = new Map(rep.claims.map((c) => [c.id, c]));
  const counts = new Map<string, number>();
  for (const c of rep.claims) counts.set(c.verdict, (counts.get(c.verdict) ?? 0) + 1);
  const cite = [
    `commit   ${p.commit}${p.dirty ? ' (with uncommitted changes)' : ''}`,
    `date     ${p.date}`,
    `tier     ${p.tier}`,
    `seed     ${p.seed}`,
    `node     ${p.node}`,
    `backend  ${p.backend}`,
    `schema   claims.json v${rep.schemaVersion}`,
    ...(rep.reproduce ? [`rerun    ${rep.reproduce}`] : []),
  ].join('\n');
  const rows = rep.claims.map((c) => [`<a href="#${e(c.id)}">${e(c.id)}</a>`, e(paperNumbers(c)), badge(c.verdict), e(c.summary)]);
  for (const er of rep.errors) rows.push([e(er.id), '-', '<span class="badge" style="background:#000">check error</span>', e(er.error)]);
  const legend = (Object.keys(VERDICT_COLOR) as Verdict[]).map((v) => `<span>${badge(v)}</span>`).join('');
  const m = rep.methods;
  const H: string[] = [];
  H.push('<!doctype html>', '<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">');
  H.push(`<title>Audit: On the Learning Dynamics of Two-layer Linear Networks with Label Noise SGD (${e(p.tier)} tier, seed ${p.seed})</title>`);
  H.push(`<style>${CSS}</style></head><body><main>`);
  H.push('<h1>Audit of "On the Learning Dynamics of Two-layer Linear Networks with Label Noise SGD" (AAAI 2026)</h1>');
  H.push('<p>Generated by <code>npm run audit</code>; never edited by hand. Every verdict, number and figure below was computed by the code at the commit named here. The same report is in REPORT.md and, machine-readable, in claims.json beside this file.</p>');
  H.push('<h2 id="citation">Citation</h2>', `<pre class="cite">${e(cite)}</pre>`);
  H.push('<p>Cite a claim as: <code>&lt;claim id&gt;, &lt;verdict&gt;, audit &lt;commit&gt; (tier &lt;tier&gt;, seed &lt;seed&gt;)</code>, and link its section (<code>index.html#&lt;claim id&gt;</code>).</p>');
  H.push(
    '<h2 id="claims">Claims</h2>',
    `<p>${rep.claims.length} claims: ${[...counts].map(([v, n]) => `${n} ${e(v)}`).join(', ')}${rep.errors.length ? `; ${rep.errors.length} checks failed to run` : ''}. ${figures.length} figures.</p>`,
  );
  H.push(table(['claim', 'paper', 'verdict', 'deciding numbers'], rows, 'claim-table'));
  H.push('<h2 id="graph">What each claim rests on</h2>', `<p class="legend">${legend}</p>`, '<p>Each claim sits to the right of the claims it uses (arrows point from a claim to its users); click a claim to open its section.</p>');
  H.push(`<div class="scroll">${claimGraph(rep.claims)}</div>`);
  H.push('<h2 id="methods">Methods</h2><ul>');
  H.push(`<li>Family-wise error rate ${m.familyAlpha} over ${m.familySize} declared statistical tests (${e(m.correction)}): each test runs at alpha = ${e(fmtNumber(m.perTestAlpha))}.</li>`);
  H.push(`<li>${e(m.intervals)}</li>`, ...m.notes.map((n) => `<li>${e(n)}</li>`), '</ul>');
  H.push('<h2 id="details">Claims in detail</h2>');
  for (const c of rep.claims)
    H.push(
      section(
        c,
        byId,
        figures.filter((f) => f.claim === c.id),
      ),
    );
  H.push(
    '<h2 id="coverage">Coverage of the numbered statements</h2>',
    table(
      ['version', 'statement', 'what', 'claims'],
      rep.coverage.map((c) => [
        c.version === 'aaai' ? 'AAAI' : 'long',
        e(c.label),
        e(c.what),
        c.claims.length ? c.claims.map((x) => `<a href="#${e(x.id)}">${e(x.id)}</a> (${e(x.verdict)})`).join(', ') : c.kind === 'condition' || c.kind === 'definition' ? 'evaluated within the claims that assume it' : '<strong>not covered yet</strong>',
      ]),
    ),
  );
  H.push(
    '<h2 id="packages">Packages</h2>',
    table(
      ['package', 'version'],
      Object.entries(p.packages).map(([k, v]) => [e(k), e(v)]),
    ),
  );
  H.push('</main></body></html>', '');
  return H.join('\n');
}
