import type { ClaimRun, Verdict } from '../verdict/types.js';
import { claimReproduceCommand } from './build.js';
import type { ClaimsReport, FigureFile, Provenance } from './schema.js';
import { citeAs, claimPage, shrinkLine, commitLine, noDomainSentence, counterexampleLines, decidingSentence, dirtyNotice, explorationSentence, fmtNumber, fmtValue, headOf, paperNumbers } from './words.js';

export { fmtNumber, paperNumbers } from './words.js';

/**
 * The report in two layers: REPORT.md, the page a reviewer reads in minutes (citation, the claim table with one deciding
 * sentence per claim, methods, cross-claim findings, coverage), and one page per claim (claims/<id>.md) with all of its
 * evidence. Both carry the claim's id as an anchor, so `REPORT.md#<id>` and `claims/<id>.md#<id>` resolve.
 */

const ICON: Record<Verdict, string> = { holds: 'holds', fails: '**fails**', erratum: '**erratum**', vacuous: '*vacuous*', inconclusive: '*inconclusive*' };

/** A table cell: pipes escaped, on one line. */
const esc = (s: string): string => s.replace(/</g, '&lt;').replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');
/** Text outside tables: on one line. */
const one = (s: string): string => s.replace(/</g, '&lt;').replace(/\s*\n\s*/g, ' ');
const text = (v: unknown): string => (typeof v === 'number' ? fmtNumber(v) : String(v ?? ''));
const cell = (v: unknown): string => esc(text(v));

function mdTable(head: readonly string[], rows: readonly (readonly string[])[]): string[] {
  return [`| ${head.map(esc).join(' | ')} |`, `| ${head.map(() => '---').join(' | ')} |`, ...rows.map((r) => `| ${r.join(' | ')} |`)];
}

/** Widest table printed as one; wider ones wrap into column groups that repeat the first (key) column. */
const MAX_COLUMNS = 8;
/** A cell longer than this makes the table print one block per row (configuration) instead. */
const MAX_CELL = 90;

/**
 * A table of the run's data that stays readable: as one markdown table when it is narrow; in column groups of at most
 * MAX_COLUMNS (each repeating the key column) when it is wide; and, when a cell is long text, one block per row
 * (configuration), each field on its own line.
 */
export function dataTable(rows: readonly Record<string, unknown>[]): string[] {
  if (rows.length === 0) return ['(no rows)'];
  const cols = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const long = rows.some((r) => cols.some((c) => cell(r[c]).length > MAX_CELL));
  const [key, ...rest] = cols as [string, ...string[]];
  if (long) {
    const L: string[] = [];
    rows.forEach((r, i) => {
      L.push(`- **${one(key)} = ${one(text(r[key]))}** (row ${i + 1})`);
      for (const c of rest) if (r[c] !== undefined && r[c] !== '') L.push(`  - ${one(c)}: ${one(text(r[c]))}`);
    });
    return L;
  }
  if (cols.length <= MAX_COLUMNS) return mdTable(cols, rows.map((r) => cols.map((c) => cell(r[c]))));
  const L: string[] = [];
  const width = MAX_COLUMNS - 1;
  for (let g = 0; g < rest.length; g += width) {
    const group = [key, ...rest.slice(g, g + width)];
    if (g > 0) L.push('');
    L.push(...mdTable(group, rows.map((r) => group.map((c) => cell(r[c])))));
  }
  return L;
}

const link = (id: string, from: 'top' | 'page'): string => `[${id}](${from === 'top' ? claimPage(id, 'md') : claimPage(id, 'md').replace(/^claims\//, '')}#${id})`;

/** The claims that rest on a claim (the reverse of `uses`, and proof steps of a proof). */
export function usedBy(id: string, claims: readonly ClaimRun[]): string[] {
  return claims.filter((c) => c.uses.includes(id) || c.proofOf === id).map((c) => c.id);
}

/** One claim's page: everything the report knows about it. */
export function renderClaimPage(r: ClaimRun, rep: Pick<ClaimsReport, 'provenance' | 'claims'>, figures: readonly FigureFile[] = []): string {
  const p = rep.provenance;
  const byId = new Map(rep.claims.map((c) => [c.id, c]));
  const L: string[] = [];
  if (p.dirty) L.push(`> ${dirtyNotice(p)}`, '');
  L.push(`<a id="${r.id}"></a>`, '', `# ${r.id}: ${one(r.title)}`, '');
  L.push(`**Verdict: ${r.verdict}.** ${decidingSentence(r)}`, '');
  L.push(`Cite as: \`${citeAs(r, p)}\``, '');
  L.push(`[Back to the report](../REPORT.md#${r.id})`, '');
  if (r.rule) L.push(`- Decision rule: ${r.rule} (stated in [Methods](../REPORT.md#methods))`);
  if (r.proofStatus) {
    const s = r.proofStatus;
    L.push(`- Proof status: ${s.status} (${s.stepsChecked} of ${s.stepsDisplayed} displayed steps checked${s.failing.length ? `; failing: ${s.failing.map((f) => (byId.has(f) ? link(f, 'page') : f)).join(', ')}` : ''})`);
    for (const u of s.unevaluable) L.push(`  - not evaluable: ${u.id}: ${one(u.reason)}`);
  }
  if (r.proofOf) L.push(`- A step of the proof of: ${byId.has(r.proofOf) ? link(r.proofOf, 'page') : r.proofOf}`);
  L.push(`- Printed in: ${paperNumbers(r)}`);
  L.push(`- Kind: ${r.kind}; tier ${r.tier}; seed ${r.seed}; ${r.cases} cases; per-test alpha ${fmtNumber(r.alpha)}`);
  L.push(`- Reviewed expectation: ${r.expected.verdict} (${r.verdict === r.expected.verdict ? 'matches' : '**differs from**'}): ${one(r.expected.reason)}`);
  if (r.uses.length) {
    const flags = r.uses.map((u) => {
      const v = byId.get(u)?.verdict;
      return v ? `${link(u, 'page')} (${v}${v !== 'holds' ? ': this claim rests on it' : ''})` : `${u} (not run)`;
    });
    L.push(`- Uses: ${flags.join(', ')}`);
  }
  const users = usedBy(r.id, rep.claims);
  if (users.length) L.push(`- Used by: ${users.map((u) => link(u, 'page')).join(', ')}`);
  L.push(`- Reproduce: \`${claimReproduceCommand(r)}\``);
  if (r.counterexample) L.push(`- Replay the counterexample: \`${r.counterexample.replay}\``);
  L.push('');
  if (r.because !== undefined && r.because !== r.summary) L.push('Summary:', '', r.summary, '');
  L.push('## Statement as printed', '', '```latex', r.quote, '```', '');
  L.push(`What is checked: ${r.checks}`, '');
  if (r.twins?.length) {
    L.push('## False twins', '', 'The statement changed so that it is false where tested; a check that cannot reject its twin cannot support its holds.', '');
    L.push(...mdTable(['twin', 'change', 'verdict', 'rejected', 'because'], r.twins.map((t) => [esc(t.id), esc(t.change), t.verdict, t.rejected ? 'yes' : '**no**', esc(t.because)])), '');
  }
  if (r.rates?.length) {
    L.push('## Measured against claimed rates', '');
    L.push(...mdTable(['quantity', 'in', 'claimed', 'claimed exponent', 'measured exponent', 'interval', 'looseness'], r.rates.map((x) => [esc(x.quantity), esc(x.variable), esc(x.claimed), fmtNumber(x.claimedExponent), fmtNumber(x.measuredExponent), `[${fmtNumber(x.ci[0])}, ${fmtNumber(x.ci[1])}]`, esc(x.looseness)])), '');
  }
  if (r.contradictions?.length) {
    L.push('## Contradictions against this claim (premise monitor)', '');
    for (const c of r.contradictions) L.push(`- observed in ${byId.has(c.observedIn) ? link(c.observedIn, 'page') : c.observedIn}: premise ${one(c.premise)}; observed ${one(c.observation)}. ${one(c.message)}`);
    L.push('');
  }
  if (r.hypotheses.length) {
    L.push('## Hypotheses', '');
    for (const h of r.hypotheses) L.push(`- **${one(h.id)}** (${h.status}): ${one(h.detail)}`);
    L.push('');
  }
  const none = noDomainSentence(r.domain);
  L.push('## Tested domain', '', ...(none ? [none] : ['```json', JSON.stringify(r.domain, null, 1), '```']), '');
  const th = Object.entries(r.thresholds);
  if (th.length) {
    L.push('## Thresholds', '');
    for (const [k, t] of th) L.push(`- **${one(k)}** = ${fmtNumber(t.value)}: ${one(t.why)}`);
    L.push('');
  }
  L.push('## Evidence', '', ...dataTable(Object.entries(r.evidence).map(([quantity, v]) => ({ quantity, value: fmtValue(v) }))), '');
  for (const [name, rows] of Object.entries(r.tables ?? {})) L.push(`## Table: ${esc(name)}`, '', ...dataTable(rows), '');
  if (r.counterexample) L.push('## Counterexample (shrunk)', '', '```', ...[shrinkLine(r.counterexample), ...counterexampleLines(r.counterexample)], '```', '');
  if (r.explorations?.length) {
    L.push('## What each hypothesis is needed for', '', 'One hypothesis broken at a time, and the search for a counterexample.', '');
    for (const e of r.explorations) {
      L.push(`### ${one(e.hypothesis)}`, '', `How it was broken: ${one(e.violation)}`, '');
      if (e.counterexample) L.push('```', ...[shrinkLine(e.counterexample), ...counterexampleLines(e.counterexample)], '```', '');
      else L.push(explorationSentence(e), '');
    }
  }
  if (figures.length) {
    L.push('## Figures', '');
    for (const f of figures) L.push(f.error ? `- ${one(f.title)}: could not be rendered (${one(f.error)})` : `![${mdAlt(f.title)}](../${f.file})`, '');
  }
  return L.join('\n');
}

const mdAlt = (s: string): string => s.replace(/[[\]\n]/g, ' ');

/** Claims whose `uses` include a claim whose verdict is not holds (what rests on a finding). */
export function restingOnFindings(claims: readonly ClaimRun[]): { id: string; on: string; verdict: Verdict }[] {
  const byId = new Map(claims.map((c) => [c.id, c]));
  return claims.flatMap((c) => c.uses.flatMap((u) => {
    const v = byId.get(u)?.verdict;
    return v !== undefined && v !== 'holds' ? [{ id: c.id, on: u, verdict: v }] : [];
  }));
}

export function citationLines(rep: Pick<ClaimsReport, 'provenance' | 'schemaVersion' | 'reproduce'>): string[] {
  const p: Provenance = rep.provenance;
  return [
    `commit   ${commitLine(p)}`,
    `date     ${p.date}`,
    `tier     ${p.tier}`,
    `seed     ${p.seed}`,
    `node     ${p.node}`,
    `backend  ${p.backend}`,
    `schema   claims.json v${rep.schemaVersion}`,
    ...(rep.reproduce ? [`rerun    ${rep.reproduce}`] : []),
  ];
}

/**
 * The first thing a reader sees: which tier this report is. The quick tier (reports/) is the fast regression run at
 * reduced widths, horizons and seeds; the paper tier (reports/paper/) runs the paper's settings, or says per claim what
 * was scaled and why.
 */
export function tierNotice(tier: string): string {
  if (tier === 'paper') {
    return "**Tier: paper.** The paper's own settings (widths, step sizes, horizons, the authors' CIFAR-10 setup); where a claim could not run at them within the audit's budget, its record says what was scaled and why, and its page shows it. This is the report to cite.";
  }
  if (tier === 'quick') {
    return '**Tier: quick.** Reduced widths, horizons and seeds, for regression checks in minutes; the verdicts at the paper\'s settings are in the paper-tier report (`reports/paper/REPORT.md`, `npm run audit -- --tier paper`). Cite the paper tier where it exists.';
  }
  return `**Tier: ${tier}.**`;
}

export function renderMarkdown(rep: ClaimsReport): string {
  const p = rep.provenance;
  const L: string[] = [];
  if (p.dirty) L.push(`> ${dirtyNotice(p)}`, '');
  L.push('# Audit of "On the Learning Dynamics of Two-layer Linear Networks with Label Noise SGD" (AAAI 2026)', '');
  L.push(tierNotice(p.tier), '');
  L.push('Generated by `npm run audit`; never edited by hand. Every verdict and number below was computed by the code at the commit named here. Each claim links to its own page (`claims/<id>.md`) with all of its evidence; `index.html` beside this file is the same report with its figures.', '');
  L.push('## Citation', '', '```', ...citationLines(rep), '```', '');
  L.push('Cite a claim by the "Cite as" line of its page: `<claim id>, <verdict>, audit <commit> (tier <tier>, seed <seed>), reports/claims/<claim id>.md`.', '');
  const counts = new Map<string, number>();
  for (const c of rep.claims) counts.set(c.verdict, (counts.get(c.verdict) ?? 0) + 1);
  L.push('## Claims', '', `${rep.claims.length} claims: ${[...counts].map(([v, n]) => `${n} ${v}`).join(', ')}${rep.errors.length ? `; ${rep.errors.length} checks failed to run` : ''}.`, '');
  // statements first, one row each; proof steps (claims with proofOf) after, grouped by proof, one short line each
  const statements = rep.claims.filter((c) => !c.proofOf);
  const steps = rep.claims.filter((c) => c.proofOf);
  const withProof = rep.claims.some((c) => c.proofStatus);
  const withRule = rep.claims.some((c) => c.rule);
  const head = ['claim', 'verdict', ...(withProof ? ['proof (steps checked / displayed)'] : []), ...(withRule ? ['rule'] : []), 'deciding sentence'];
  const rows = statements.map((c) => [
    `<a id="${c.id}"></a>${link(c.id, 'top')}`,
    ICON[c.verdict],
    ...(withProof ? [c.proofStatus ? `${c.proofStatus.status} (${c.proofStatus.stepsChecked}/${c.proofStatus.stepsDisplayed})` : '-'] : []),
    ...(withRule ? [c.rule ?? '-'] : []),
    esc(headOf(decidingSentence(c))),
  ]);
  for (const er of rep.errors) rows.push([esc(er.id), 'check error', ...(withProof ? ['-'] : []), ...(withRule ? ['-'] : []), esc(headOf(er.error))]);
  L.push(...mdTable(head, rows), '');
  if (steps.length) {
    L.push('<a id="proof-steps"></a>', '', '### Proof steps', '', 'Each evaluated step of a printed proof is a claim of its own (its page has the quote, the rule, the twins and the numbers); the proof status of each statement above is computed from them.', '');
    for (const proof of [...new Set(steps.map((c) => c.proofOf as string))]) {
      const mine = steps.filter((c) => c.proofOf === proof);
      const tally = [...new Set(mine.map((c) => c.verdict))].map((v) => `${mine.filter((c) => c.verdict === v).length} ${v}`).join(', ');
      L.push(`- **${proof}** (${mine.length} evaluated: ${tally}): ${mine.map((c) => `<a id="${c.id}"></a>${link(c.id, 'top')} ${ICON[c.verdict]}`).join(' · ')}`);
    }
    L.push('');
  }
  L.push('<a id="methods"></a>', '', '## Methods', '');
  const m = rep.methods;
  L.push(`- Family-wise error rate ${m.familyAlpha} over ${m.familySize} declared statistical tests (${m.correction}): each test runs at alpha = ${fmtNumber(m.perTestAlpha)}.`);
  L.push(`- ${m.intervals}`);
  for (const n of m.notes) L.push(`- ${n}`);
  if (m.calibration) L.push(`- ${m.calibration}`);
  L.push('', '### Decision rules', '');
  if (m.rules?.length) L.push('Each claim names the rule that decided it; each rule is stated once here.', '', ...mdTable(['rule', 'name', 'policy'], m.rules.map((r) => [r.id, esc(r.name), esc(r.policy)])), '');
  else L.push('No decision rules were passed to this report.', '');
  L.push('<a id="cross-claim"></a>', '', '## Cross-claim findings', '');
  const contradictions = rep.claims.flatMap((c) => (c.contradictions ?? []).map((x) => ({ ...x, against: x.against || c.id })));
  if (contradictions.length) {
    L.push('Runs that entered another claim\'s premise and contradicted it:', '');
    for (const c of contradictions) L.push(`- against ${link(c.against, 'top')}, observed in ${link(c.observedIn, 'top')}: ${one(c.message)}`);
  } else L.push('None found by the premise monitor.');
  const resting = restingOnFindings(rep.claims);
  if (resting.length) {
    // statements one line each (links to this page's anchors); the proof steps that rest on such a claim are counted, and
    // each step's page says which claim it rests on ("Uses: ... this claim rests on it"): listed here they made this
    // page longer than a reviewer reads in minutes
    const here = (id: string): string => `[${id}](#${id})`;
    const proofOf = new Map(rep.claims.map((c) => [c.id, c.proofOf]));
    const isStep = (id: string): boolean => proofOf.get(id) !== undefined;
    const users = [...new Set(resting.map((x) => x.id))];
    const stepUsers = users.filter(isStep);
    L.push('', 'Claims whose proof uses a claim that does not hold (links to the rows of this page):', '');
    for (const id of users.filter((u) => !isStep(u))) L.push(`- ${here(id)} uses ${resting.filter((x) => x.id === id).map((x) => `${here(x.on)} (${x.verdict})`).join(', ')}`);
    if (stepUsers.length) L.push(`- and ${stepUsers.length} proof steps (${[...new Set(stepUsers.map((id) => proofOf.get(id)))].join(', ')}) use a claim that does not hold: each step's page names it ("Uses"), and index.html's graph marks what rests on it`);
  }
  L.push('', '## Coverage of the numbered statements', '', 'Every numbered statement of both versions and the claims that check it (conditions and definitions are evaluated inside the claims that assume them).', '');
  L.push(
    ...mdTable(
      ['version', 'statement', 'what', 'claims'],
      rep.coverage.map((c) => [
        c.version === 'aaai' ? 'AAAI' : 'long',
        c.label,
        esc(c.what),
        c.claims.length ? c.claims.map((x) => `${link(x.id, 'top')} (${x.verdict})`).join(', ') : c.kind === 'condition' || c.kind === 'definition' ? 'evaluated within the claims that assume it' : '**not covered yet**',
      ]),
    ),
  );
  L.push('', '## Packages', '', ...mdTable(['package', 'version'], Object.entries(p.packages).map(([k, v]) => [k, v])), '');
  return L.join('\n');
}
