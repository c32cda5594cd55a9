import type { ClaimRun, Counterexample, Evidence, Exploration } from '../verdict/types.js';
import type { Provenance } from './schema.js';

/**
 * The words the report uses, shared by REPORT.md, the claim pages, index.html and the console (a replay prints a
 * counterexample in the same words as the report).
 */

export function fmtNumber(v: number): string {
  if (Number.isInteger(v) && Math.abs(v) < 1e7) return String(v);
  if (v === 0) return '0';
  const a = Math.abs(v);
  return a >= 1e5 || a < 1e-3 ? v.toExponential(3) : Number(v.toPrecision(4)).toString();
}

export function fmtValue(v: Evidence[string]): string {
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

/** The one sentence that decided the claim: `because` when the rule gave one, else the summary. */
export function decidingSentence(r: Pick<ClaimRun, 'because' | 'summary'>): string {
  return r.because ?? r.summary;
}

/** The head of a long text for a table cell: whole sentences (or words) up to `max` characters, with an ellipsis. */
export function headOf(s: string, max = 220): string {
  const t = s.replace(/\s+/g, ' ').trim();
  if (t.length <= max) return t;
  const cut = t.slice(0, max);
  const sentence = cut.lastIndexOf('. ');
  if (sentence >= max * 0.5) return `${cut.slice(0, sentence + 1)} ...`;
  return `${cut.replace(/\s+\S*$/, '')} ...`;
}

/** The page of a claim, relative to the report folder (claims/<id>.md or .html). */
export function claimPage(id: string, ext: 'md' | 'html'): string {
  return `claims/${id.replace(/[^A-Za-z0-9._-]+/g, '-')}.${ext}`;
}

export function commitLine(p: Pick<Provenance, 'commit' | 'dirty'>): string {
  return `${p.commit}${p.dirty ? ' (with uncommitted changes: not citable)' : ''}`;
}

/** "Cite as" of one claim: id, verdict, the commit and settings that computed it, and where its page is. */
export function citeAs(r: Pick<ClaimRun, 'id' | 'verdict'>, p: Pick<Provenance, 'commit' | 'dirty' | 'tier' | 'seed'>): string {
  return `${r.id}, ${r.verdict}, audit ${commitLine(p)} (tier ${p.tier}, seed ${p.seed}), reports/${claimPage(r.id, 'md')}`;
}

/** The first line of a report made from a dirty tree (asked for with --allow-dirty). */
export function dirtyNotice(p: Pick<Provenance, 'commit'>): string {
  return `NOT CITABLE: generated with --allow-dirty from a working tree with uncommitted changes on top of commit ${p.commit}; the numbers below may not come from that commit.`;
}

/**
 * A shrunk counterexample in words: what the report prints and, line for line, what a replay of its path prints on
 * stdout (the number of shrinking steps that led there is the report's alone: see `shrinkLine`).
 */
export function counterexampleLines(c: Counterexample): string[] {
  return [
    `search "${c.search}", fast-check seed ${c.fcSeed}, path ${c.path}`,
    `case: ${JSON.stringify(c.case)}`,
    `what fails on it: ${c.message}`,
    ...(c.margin !== undefined ? [`margin: ${fmtNumber(c.margin)} (negative: violated)`] : []),
    `replay: ${c.replay}`,
  ];
}

export function shrinkLine(c: Counterexample): string {
  return `found by fast-check and shrunk in ${c.numShrinks} step${c.numShrinks === 1 ? '' : 's'}:`;
}

/** What breaking one hypothesis showed, in one sentence. */
export function explorationSentence(e: Exploration): string {
  if (e.found && e.counterexample) return `counterexample: ${e.counterexample.message}`;
  return e.found ? e.note : `none found: ${e.note}`;
}

/** What a claim page says under "Tested domain" when the record declares none (proof steps, coverage claims); null when it does. */
export function noDomainSentence(domain: unknown): string | null {
  return Object.keys(domain ?? {}).length === 0 ? 'No record domain: the cases are declared with the check itself (see "What is checked").' : null;
}
