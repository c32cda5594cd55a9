import type { ClaimRun, Evidence, Verdict } from '../verdict/types.js';
import { claimReproduceCommand } from './build.js';
import { inlineSvg, safeName, type RenderedFigure } from './figures.js';
import { claimGraph, PROOF_OUTLINE, VERDICT_COLOR } from './graph.js';
import { citationLines, restingOnFindings, tierNotice, usedBy } from './markdown.js';
import type { ClaimsReport } from './schema.js';
import { citeAs, claimPage, noDomainSentence, shrinkLine, counterexampleLines, decidingSentence, dirtyNotice, explorationSentence, fmtNumber, fmtValue, headOf, paperNumbers } from './words.js';

export { claimGraph, VERDICT_COLOR } from './graph.js';

/**
 * The report as HTML, in the same two layers as the markdown: index.html (citation, the claim table, the dependency
 * graph, methods, cross-claim findings, a gallery of the figures, coverage), small and quick to open, and one page per
 * claim (claims/<id>.html) with its evidence and its figures inlined as SVG. No script, no external resource.
 */

export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}
const e = escapeHtml;

const badge = (v: Verdict): string => `<span class="badge" style="background:${VERDICT_COLOR[v]}">${e(v)}</span>`;

function table(head: string[], rows: string[][], cls?: string, rowIds?: string[]): string {
  const tr = (r: string[], i: number): string => `<tr${rowIds?.[i] !== undefined ? ` id="${e(rowIds[i] as string)}"` : ''}>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`;
  return `<div class="scroll"><table${cls ? ` class="${cls}"` : ''}><thead><tr>${head.map((h) => `<th>${e(h)}</th>`).join('')}</tr></thead><tbody>${rows.map(tr).join('')}</tbody></table></div>`;
}

function dataTable(rows: Record<string, unknown>[]): string {
  if (rows.length === 0) return '<p>(no rows)</p>';
  const cols = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  return table(
    cols,
    rows.map((r) => cols.map((c) => e(typeof r[c] === 'number' ? fmtNumber(r[c] as number) : String(r[c] ?? '')))),
  );
}

function figureHtml(f: RenderedFigure): string {
  const anchor = `fig-${safeName(f.file.replace(/^figures\//, '').replace(/\.svg$/, ''))}`;
  if (!f.svg) return `<figure id="${e(anchor)}" class="figure missing"><figcaption>${e(f.title)}: could not be rendered (${e(f.error ?? 'unknown error')})</figcaption></figure>`;
  return `<figure id="${e(anchor)}" class="figure" data-figure="${e(f.id)}">${inlineSvg(f.svg, anchor)}<figcaption>${e(f.title)} <a href="../${e(f.file)}">SVG</a></figcaption></figure>`;
}

const CSS = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#1a1a1a;background:#fafafa}
main{max-width:1180px;margin:0 auto;padding:18px 22px 60px}
h1{font-size:22px;margin:8px 0 4px}h2{font-size:18px;margin:28px 0 8px;border-bottom:1px solid #ddd;padding-bottom:4px}
h3{font-size:16px;margin:0 0 6px}h4{font-size:14px;margin:14px 0 4px}
pre{background:#f0f0f0;padding:8px 10px;overflow-x:auto;white-space:pre-wrap;word-break:break-word;font-size:12px}
code{background:#f0f0f0;padding:1px 4px;font-size:12px;word-break:break-word}
table{border-collapse:collapse;font-size:12px;margin:4px 0}th,td{border:1px solid #ddd;padding:3px 6px;vertical-align:top;text-align:left}
th{background:#f3f3f3}.scroll{overflow-x:auto;max-width:100%}
.badge{color:#fff;border-radius:3px;padding:1px 7px;font-weight:600;font-size:12px;white-space:nowrap}
.dirty{background:#fff3e0;border:2px solid #e65100;padding:8px 12px;font-weight:600}
.claim{background:#fff;border:1px solid #e0e0e0;border-radius:6px;padding:14px 16px;margin:14px 0}
.meta{margin:6px 0 8px;padding-left:18px}
.figures{display:flex;flex-wrap:wrap;gap:12px;margin:8px 0}
.figure{margin:0;border:1px solid #eee;padding:6px;background:#fff;max-width:100%;overflow-x:auto}
.figure figcaption{font-size:12px;color:#444;max-width:760px}.figure svg{display:block;max-width:none}
.gallery{display:flex;flex-wrap:wrap;gap:10px}.gallery figure{margin:0;width:360px;border:1px solid #eee;background:#fff;padding:4px}
.gallery img{width:100%;height:auto;display:block}.gallery figcaption{font-size:11px;color:#444}
.graph a text{pointer-events:none}.legend span{margin-right:10px}
`;

function page(title: string, body: string[]): string {
  return ['<!doctype html>', '<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">', `<title>${e(title)}</title>`, `<style>${CSS}</style></head><body><main>`, ...body, '</main></body></html>', ''].join('\n');
}

/** One claim's page (claims/<id>.html): everything the report knows about it, with its figures inlined. */
export function renderClaimHtml(r: ClaimRun, rep: Pick<ClaimsReport, 'provenance' | 'claims'>, figs: readonly RenderedFigure[]): string {
  const p = rep.provenance;
  const ids = new Set(rep.claims.map((c) => c.id));
  const ln = (id: string): string => (ids.has(id) ? `<a href="${e(claimPage(id, 'html').replace(/^claims\//, ''))}#${e(id)}">${e(id)}</a>` : e(id));
  const byId = new Map(rep.claims.map((c) => [c.id, c]));
  const L: string[] = [];
  if (p.dirty) L.push(`<p class="dirty">${e(dirtyNotice(p))}</p>`);
  L.push(`<p><a href="../index.html#${e(r.id)}">Back to the report</a></p>`);
  L.push(`<section class="claim" id="${e(r.id)}">`);
  L.push(`<h1>${e(r.id)}: ${e(r.title)}</h1>`);
  L.push(`<p class="verdict">${badge(r.verdict)} ${e(decidingSentence(r))}</p>`);
  L.push(`<p class="cite">Cite as: <code>${e(citeAs(r, p))}</code></p>`);
  L.push('<ul class="meta">');
  if (r.rule) L.push(`<li>Decision rule: ${e(r.rule)} (stated in <a href="../index.html#methods">Methods</a>)</li>`);
  if (r.proofStatus) {
    const s = r.proofStatus;
    L.push(`<li>Proof status: <strong>${e(s.status)}</strong> (${s.stepsChecked} of ${s.stepsDisplayed} displayed steps checked${s.failing.length ? `; failing: ${s.failing.map(ln).join(', ')}` : ''})${s.unevaluable.length ? `<ul>${s.unevaluable.map((u) => `<li>not evaluable: ${e(u.id)}: ${e(u.reason)}</li>`).join('')}</ul>` : ''}</li>`);
  }
  if (r.proofOf) L.push(`<li>A step of the proof of: ${ln(r.proofOf)}</li>`);
  L.push(`<li>Printed in: ${e(paperNumbers(r))}</li>`);
  L.push(`<li>Kind: ${e(r.kind)}; tier ${e(r.tier)}; seed ${r.seed}; ${r.cases} cases; per-test alpha ${e(fmtNumber(r.alpha))}; ${e(fmtNumber(r.seconds))} s</li>`);
  L.push(`<li>Reviewed expectation: ${e(r.expected.verdict)} (${r.verdict === r.expected.verdict ? 'matches' : '<strong>differs from</strong>'}): ${e(r.expected.reason)}</li>`);
  if (r.uses.length) L.push(`<li>Uses: ${r.uses.map((u) => `${ln(u)} (${e(byId.get(u)?.verdict ?? 'not run')})`).join(', ')}</li>`);
  const users = usedBy(r.id, rep.claims);
  if (users.length) L.push(`<li>Used by: ${users.map(ln).join(', ')}</li>`);
  L.push(`<li>Reproduce: <code>${e(claimReproduceCommand(r))}</code></li>`);
  if (r.counterexample) L.push(`<li>Replay the counterexample: <code>${e(r.counterexample.replay)}</code></li>`);
  L.push('</ul>');
  if (r.because !== undefined && r.because !== r.summary) L.push(`<p><strong>Summary.</strong> ${e(r.summary)}</p>`);
  if (figs.length) L.push(`<div class="figures">${figs.map(figureHtml).join('')}</div>`);
  L.push(`<h4>Statement as printed</h4><pre class="quote">${e(r.quote)}</pre>`);
  L.push(`<p><strong>What is checked.</strong> ${e(r.checks)}</p>`);
  if (r.twins?.length) L.push('<h4>False twins</h4>', table(['twin', 'change', 'verdict', 'rejected', 'because'], r.twins.map((t) => [e(t.id), e(t.change), badge(t.verdict), t.rejected ? 'yes' : '<strong>no</strong>', e(t.because)])));
  if (r.rates?.length)
    L.push('<h4>Measured against claimed rates</h4>', table(['quantity', 'in', 'claimed', 'claimed exponent', 'measured exponent', 'interval', 'looseness'], r.rates.map((x) => [e(x.quantity), e(x.variable), e(x.claimed), e(fmtNumber(x.claimedExponent)), e(fmtNumber(x.measuredExponent)), e(`[${fmtNumber(x.ci[0])}, ${fmtNumber(x.ci[1])}]`), e(x.looseness)])));
  if (r.contradictions?.length) L.push('<h4>Contradictions against this claim (premise monitor)</h4><ul>', ...r.contradictions.map((c) => `<li>observed in ${ln(c.observedIn)}: premise ${e(c.premise)}; observed ${e(c.observation)}. ${e(c.message)}</li>`), '</ul>');
  if (r.hypotheses.length) L.push('<h4>Hypotheses</h4>', table(['hypothesis', 'status', 'detail'], r.hypotheses.map((h) => [e(h.id), e(h.status), e(h.detail)])));
  const th = Object.entries(r.thresholds);
  if (th.length) L.push('<h4>Thresholds</h4>', table(['name', 'value', 'why'], th.map(([k, t]) => [e(k), e(fmtNumber(t.value)), e(t.why)])));
  L.push('<h4>Evidence</h4>', table(['quantity', 'value'], Object.entries(r.evidence).map(([k, v]) => [e(k), e(fmtValue(v as Evidence[string]))])));
  for (const [name, rows] of Object.entries(r.tables ?? {})) L.push(`<h4>Table: ${e(name)} (${rows.length} rows)</h4>`, dataTable(rows));
  if (r.counterexample) L.push(`<h4>Counterexample (shrunk)</h4><pre>${e([shrinkLine(r.counterexample), ...counterexampleLines(r.counterexample)].join('\n'))}</pre>`);
  if (r.explorations?.length)
    L.push(
      '<h4>What each hypothesis is needed for (one broken at a time)</h4>',
      ...r.explorations.map((x) => `<h5>${e(x.hypothesis)}</h5><p>How it was broken: ${e(x.violation)}</p>${x.counterexample ? `<pre>${e([shrinkLine(x.counterexample), ...counterexampleLines(x.counterexample)].join('\n'))}</pre>` : `<p>${e(explorationSentence(x))}</p>`}`),
    );
  const none = noDomainSentence(r.domain);
  L.push(`<h4>Tested domain</h4>${none ? `<p>${e(none)}</p>` : `<pre>${e(JSON.stringify(r.domain, null, 1))}</pre>`}`);
  L.push('</section>');
  return page(`${r.id}: ${r.verdict} (audit, ${p.tier} tier, seed ${p.seed})`, L);
}

export function renderHtml(rep: ClaimsReport, figures: readonly RenderedFigure[]): string {
  const p = rep.provenance;
  const counts = new Map<string, number>();
  for (const c of rep.claims) counts.set(c.verdict, (counts.get(c.verdict) ?? 0) + 1);
  const withProof = rep.claims.some((c) => c.proofStatus);
  const withRule = rep.claims.some((c) => c.rule);
  const rows = rep.claims.map((c) => [
    `<a href="${e(claimPage(c.id, 'html'))}#${e(c.id)}">${e(c.id)}</a>`,
    badge(c.verdict),
    ...(withProof ? [e(c.proofStatus?.status ?? '-')] : []),
    ...(withRule ? [e(c.rule ?? '-')] : []),
    e(headOf(decidingSentence(c), 300)),
  ]);
  const rowIds = rep.claims.map((c) => c.id);
  for (const er of rep.errors) rows.push([e(er.id), '<span class="badge" style="background:#000">check error</span>', ...(withProof ? ['-'] : []), ...(withRule ? ['-'] : []), e(headOf(er.error, 300))]);
  const legend = (Object.keys(VERDICT_COLOR) as Verdict[]).map((v) => `<span>${badge(v)}</span>`).join('');
  const outlines = Object.entries(PROOF_OUTLINE)
    .map(([s, o]) => `<span><svg width="28" height="14"><rect x="2" y="2" width="24" height="10" rx="2" fill="#eee" stroke="${o.color}" stroke-width="2.5"${o.dash ? ` stroke-dasharray="${o.dash}"` : ''}/></svg> ${e(s)}</span>`)
    .join('');
  const m = rep.methods;
  const H: string[] = [];
  if (p.dirty) H.push(`<p class="dirty">${e(dirtyNotice(p))}</p>`);
  H.push('<h1>Audit of "On the Learning Dynamics of Two-layer Linear Networks with Label Noise SGD" (AAAI 2026)</h1>');
  // the tier first, as in REPORT.md (its **bold** lead-in as <strong>, `code` as <code>)
  H.push(`<p class="tier">${e(tierNotice(p.tier)).replace(/\*\*(.+?)\*\*/, '<strong>$1</strong>').replace(/`([^`]+)`/g, '<code>$1</code>')}</p>`);
  H.push('<p>Generated by <code>npm run audit</code>; never edited by hand. Every verdict, number and figure was computed by the code at the commit named here. Each claim links to its own page with all of its evidence and figures; the same report is in REPORT.md and, machine-readable, in claims.json beside this file.</p>');
  H.push('<h2 id="citation">Citation</h2>', `<pre class="cite">${e(citationLines(rep).join('\n'))}</pre>`);
  H.push('<p>Cite a claim by the "Cite as" line of its page: <code>&lt;claim id&gt;, &lt;verdict&gt;, audit &lt;commit&gt; (tier &lt;tier&gt;, seed &lt;seed&gt;), reports/claims/&lt;claim id&gt;.md</code>.</p>');
  H.push('<h2 id="claims">Claims</h2>', `<p>${rep.claims.length} claims: ${[...counts].map(([v, n]) => `${n} ${e(v)}`).join(', ')}${rep.errors.length ? `; ${rep.errors.length} checks failed to run` : ''}. ${figures.length} figures.</p>`);
  H.push(table(['claim', 'verdict', ...(withProof ? ['proof'] : []), ...(withRule ? ['rule'] : []), 'deciding sentence'], rows, 'claim-table', rowIds));
  H.push('<h2 id="graph">What each claim rests on</h2>', `<p class="legend">${legend}</p>`, `<p class="legend">Outline: proof status. ${outlines}</p>`);
  H.push('<p>Each claim sits to the right of the claims it uses (arrows point from a claim to the claims resting on it; dashed: a step of a proof); click a claim to open its page.</p>');
  H.push(`<div class="scroll">${claimGraph(rep.claims)}</div>`);
  H.push('<h2 id="methods">Methods</h2><ul>');
  H.push(`<li>Family-wise error rate ${m.familyAlpha} over ${m.familySize} declared statistical tests (${e(m.correction)}): each test runs at alpha = ${e(fmtNumber(m.perTestAlpha))}.</li>`);
  H.push(`<li>${e(m.intervals)}</li>`, ...m.notes.map((n) => `<li>${e(n)}</li>`), ...(m.calibration ? [`<li>${e(m.calibration)}</li>`] : []), '</ul>');
  H.push('<h3 id="rules">Decision rules</h3>', m.rules?.length ? table(['rule', 'name', 'policy'], m.rules.map((r) => [e(r.id), e(r.name), e(r.policy)])) : '<p>No decision rules were passed to this report.</p>');
  H.push('<h2 id="cross-claim">Cross-claim findings</h2>');
  const contradictions = rep.claims.flatMap((c) => (c.contradictions ?? []).map((x) => ({ ...x, against: x.against || c.id })));
  const cl = (id: string): string => `<a href="${e(claimPage(id, 'html'))}#${e(id)}">${e(id)}</a>`;
  H.push(contradictions.length ? `<ul>${contradictions.map((c) => `<li>against ${cl(c.against)}, observed in ${cl(c.observedIn)}: ${e(c.message)}</li>`).join('')}</ul>` : '<p>None found by the premise monitor.</p>');
  const resting = restingOnFindings(rep.claims);
  if (resting.length) H.push('<p>Claims whose proof uses a claim that does not hold:</p>', `<ul>${resting.map((x) => `<li>${cl(x.id)} uses ${cl(x.on)} (${e(x.verdict)})</li>`).join('')}</ul>`);
  const drawn = figures.filter((f) => f.svg !== undefined);
  if (drawn.length)
    H.push(
      '<h2 id="figures">Figures</h2>',
      `<div class="gallery">${drawn.map((f) => `<figure data-figure="${e(f.id)}"><a href="${e(claimPage(f.claim, 'html'))}#fig-${e(safeName(f.file.replace(/^figures\//, '').replace(/\.svg$/, '')))}"><img loading="lazy" src="${e(f.file)}" alt="${e(f.title)}"></a><figcaption>${e(f.claim)}: ${e(f.title)}</figcaption></figure>`).join('')}</div>`,
    );
  H.push(
    '<h2 id="coverage">Coverage of the numbered statements</h2>',
    table(
      ['version', 'statement', 'what', 'claims'],
      rep.coverage.map((c) => [
        c.version === 'aaai' ? 'AAAI' : 'long',
        e(c.label),
        e(c.what),
        c.claims.length ? c.claims.map((x) => `${cl(x.id)} (${e(x.verdict)})`).join(', ') : c.kind === 'condition' || c.kind === 'definition' ? 'evaluated within the claims that assume it' : '<strong>not covered yet</strong>',
      ]),
    ),
  );
  H.push('<h2 id="packages">Packages</h2>', table(['package', 'version'], Object.entries(p.packages).map(([k, v]) => [e(k), e(v)])));
  return page(`Audit: On the Learning Dynamics of Two-layer Linear Networks with Label Noise SGD (${p.tier} tier, seed ${p.seed})`, H);
}
