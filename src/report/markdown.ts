import type { ClaimRun, Evidence, Verdict } from '../verdict/types.js';
import { claimReproduceCommand } from './build.js';
import type { ClaimsReport, FigureFile } from './schema.js';

const ICON: Record<Verdict, string> = { holds: 'holds', fails: '**fails**', erratum: '**erratum**', vacuous: '*vacuous*', inconclusive: '*inconclusive*' };

const esc = (s: string): string => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function fmtNumber(v: number): string {
  if (Number.isInteger(v) && Math.abs(v) < 1e7) return String(v);
  if (v === 0) return '0';
  const a = Math.abs(v);
  return a >= 1e5 || a < 1e-3 ? v.toExponential(3) : Number(v.toPrecision(4)).toString();
}

function fmtValue(v: Evidence[string]): string {
  if (v === null) return '-';
  if (typeof v === 'number') return fmtNumber(v);
  if (Array.isArray(v)) return v.map((x) => (typeof x === 'number' ? fmtNumber(x) : String(x))).join(', ');
  return String(v);
}

export function paperNumbers(r: Pick<ClaimRun, 'sources'>): string {
  const parts: string[] = [];
  if (r.sources.aaai?.length) parts.push(`AAAI ${r.sources.aaai.join(', ')}`);
  if (r.sources.long?.length) parts.push(`long ${r.sources.long.join(', ')}`);
  return parts.join('; ');
}

function table(rows: Record<string, number | string>[]): string[] {
  if (rows.length === 0) return ['(no rows)'];
  const cols = Object.keys(rows[0] as object);
  const out = [`| ${cols.map(esc).join(' | ')} |`, `| ${cols.map(() => '---').join(' | ')} |`];
  for (const r of rows) out.push(`| ${cols.map((c) => esc(typeof r[c] === 'number' ? fmtNumber(r[c] as number) : String(r[c] ?? ''))).join(' | ')} |`);
  return out;
}

function section(r: ClaimRun, byId: Map<string, ClaimRun>, figures: readonly FigureFile[]): string[] {
  const L: string[] = [];
  L.push(`<a id="${r.id}"></a>`, `### ${r.id}: ${r.title}`, '');
  L.push(`**Verdict: ${r.verdict}.** ${r.summary}`, '');
  L.push(`- Printed in: ${paperNumbers(r)}`);
  L.push(`- Kind: ${r.kind}; tier ${r.tier}; seed ${r.seed}; ${r.cases} cases; per-test alpha ${fmtNumber(r.alpha)}`);
  const conform = r.verdict === r.expected.verdict ? 'matches' : `**differs from**`;
  L.push(`- Reviewed expectation: ${r.expected.verdict} (${conform}): ${r.expected.reason}`);
  if (r.uses.length) {
    const flags = r.uses.map((u) => {
      const v = byId.get(u)?.verdict;
      return v ? `[${u}](#${u}) (${v}${v !== 'holds' ? ': this claim rests on it' : ''})` : `${u} (not run)`;
    });
    L.push(`- Uses: ${flags.join(', ')}`);
  }
  L.push(`- Reproduce: \`${claimReproduceCommand(r)}\``);
  if (r.counterexample) L.push(`- Replay the counterexample: \`${r.counterexample.replay}\``);
  L.push('');
  L.push('Statement as printed:', '', '```latex', r.quote, '```', '');
  L.push(`What is checked: ${r.checks}`, '');
  L.push('Hypotheses:', '', '| hypothesis | status | detail |', '| --- | --- | --- |');
  for (const h of r.hypotheses) L.push(`| ${h.id} | ${h.status} | ${esc(h.detail)} |`);
  L.push('', 'Tested domain:', '', '```json', JSON.stringify(r.domain), '```', '');
  const th = Object.entries(r.thresholds);
  if (th.length) {
    L.push('Thresholds:', '', '| name | value | why |', '| --- | --- | --- |');
    for (const [k, t] of th) L.push(`| ${k} | ${fmtNumber(t.value)} | ${esc(t.why)} |`);
    L.push('');
  }
  L.push('Evidence:', '', '| quantity | value |', '| --- | --- |');
  for (const [k, v] of Object.entries(r.evidence)) L.push(`| ${k} | ${esc(fmtValue(v))} |`);
  L.push('');
  for (const [name, rows] of Object.entries(r.tables ?? {})) L.push(`Table: ${name}`, '', ...table(rows), '');
  if (r.counterexample) {
    const c = r.counterexample;
    L.push('Counterexample (shrunk):', '', '```json', JSON.stringify(c.case), '```', '');
    L.push(`${c.message}`, '', `fast-check seed ${c.fcSeed}, path \`${c.path}\`, ${c.numShrinks} shrinks. Replay: \`${c.replay}\``, '');
  }
  if (r.explorations?.length) {
    L.push('What each hypothesis is needed for (one hypothesis broken at a time):', '', '| hypothesis | how it was broken | counterexample | replay |', '| --- | --- | --- | --- |');
    for (const e of r.explorations) {
      L.push(`| ${e.hypothesis} | ${esc(e.violation)} | ${esc(e.found && e.counterexample ? `${e.counterexample.message} on ${JSON.stringify(e.counterexample.case)}` : `none found: ${e.note}`)} | ${e.counterexample ? `\`${e.counterexample.replay}\`` : '-'} |`);
    }
    L.push('');
  }
  if (figures.length) {
    L.push('Figures:', '');
    for (const f of figures) L.push(f.error ? `- ${f.title}: could not be rendered (${esc(f.error)})` : `![${mdAlt(f.title)}](${f.file})`, '');
  }
  return L;
}

const mdAlt = (s: string): string => s.replace(/[[\]\n]/g, ' ');

export function renderMarkdown(rep: ClaimsReport): string {
  const p = rep.provenance;
  const byId = new Map(rep.claims.map((c) => [c.id, c]));
  const L: string[] = [];
  L.push('# Audit of "On the Learning Dynamics of Two-layer Linear Networks with Label Noise SGD" (AAAI 2026)', '');
  L.push('Generated by `npm run audit`; never edited by hand. Every verdict and number below was computed by the code at the commit named here.', '');
  L.push('## Citation', '', '```');
  L.push(`commit   ${p.commit}${p.dirty ? ' (with uncommitted changes)' : ''}`);
  L.push(`date     ${p.date}`, `tier     ${p.tier}`, `seed     ${p.seed}`, `node     ${p.node}`, `backend  ${p.backend}`);
  L.push(`schema   claims.json v${rep.schemaVersion}`);
  if (rep.reproduce) L.push(`rerun    ${rep.reproduce}`);
  L.push('```', '');
  L.push('Cite a claim as: `<claim id>, <verdict>, audit <commit> (tier <tier>, seed <seed>)`, and link its section below. The same report with its figures embedded is in `index.html` beside this file.', '');
  const counts = new Map<string, number>();
  for (const c of rep.claims) counts.set(c.verdict, (counts.get(c.verdict) ?? 0) + 1);
  L.push('## Claims', '', `${rep.claims.length} claims: ${[...counts].map(([v, n]) => `${n} ${v}`).join(', ')}${rep.errors.length ? `; ${rep.errors.length} checks failed to run` : ''}.`, '');
  L.push('| claim | paper | verdict | deciding numbers |', '| --- | --- | --- | --- |');
  // one line per claim: the summary's head (the full summary opens the claim's section)
  const head = (s: string): string => (s.length <= 240 ? s : `${s.slice(0, 237).replace(/\s+\S*$/, '')} ...`);
  for (const c of rep.claims) L.push(`| [${c.id}](#${c.id}) | ${esc(paperNumbers(c))} | ${ICON[c.verdict]} | ${esc(head(c.summary))} |`);
  for (const e of rep.errors) L.push(`| ${e.id} | - | check error | ${esc(e.error)} |`);
  L.push('', '## Coverage of the numbered statements', '', 'Every numbered statement of both versions and the claims that check it (a statement may be checked by several claims; conditions and definitions are evaluated inside the claims that assume them).', '');
  L.push('| version | statement | what | claims |', '| --- | --- | --- | --- |');
  for (const c of rep.coverage) {
    const claims = c.claims.length ? c.claims.map((x) => `[${x.id}](#${x.id}) (${x.verdict})`).join(', ') : c.kind === 'condition' || c.kind === 'definition' ? 'evaluated within the claims that assume it' : '**not covered yet**';
    L.push(`| ${c.version === 'aaai' ? 'AAAI' : 'long'} | ${c.label} | ${esc(c.what)} | ${claims} |`);
  }
  L.push('', '## Methods', '');
  const m = rep.methods;
  L.push(`- Family-wise error rate ${m.familyAlpha} over ${m.familySize} declared statistical tests (${m.correction}): each test runs at alpha = ${fmtNumber(m.perTestAlpha)}.`);
  L.push(`- ${m.intervals}`);
  for (const n of m.notes) L.push(`- ${n}`);
  L.push('', '## Claims in detail', '');
  const figs = rep.figureFiles ?? [];
  for (const c of rep.claims) L.push(...section(c, byId, figs.filter((f) => f.claim === c.id)));
  L.push('## Packages', '', '| package | version |', '| --- | --- |');
  for (const [k, v] of Object.entries(p.packages)) L.push(`| ${k} | ${v} |`);
  L.push('');
  return L.join('\n');
}
