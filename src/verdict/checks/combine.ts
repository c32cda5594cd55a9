import type { Verdict } from '../types.js';
import type { Decision } from './decision.js';

/**
 * How per-setting decisions combine into a claim's verdict, declared in the record before the run (record.combine):
 *   'all': the statement is claimed at every setting. Any fails -> fails (that setting's evidence); every setting
 *          holds -> holds; otherwise inconclusive (or vacuous when every setting is vacuous). Never the best setting.
 * The deciding sentence names each setting's verdict ("holds at rho = 0.5, inconclusive at rho = 0.05"); a fails or
 * erratum begins with the setting that decided it and its evidence.
 */
export interface SettingDecision {
  setting: string;
  decision: Decision;
}

export function combineAll(parts: readonly SettingDecision[]): Decision {
  if (parts.length === 0) throw new RangeError('combineAll: no settings');
  const list = parts.map((p) => `${p.decision.verdict} at ${p.setting}`).join(', ');
  const sentences = parts.map((p) => `[${p.setting}, ${p.decision.rule}] ${p.decision.because}`).join(' ');
  const rule = (parts[0] as SettingDecision).decision.rule;
  const failing = parts.find((p) => p.decision.verdict === 'fails' || p.decision.verdict === 'erratum');
  const verdicts = new Set<Verdict>(parts.map((p) => p.decision.verdict));
  if (failing) {
    const d = failing.decision;
    // the deciding setting and its evidence first, then every setting's verdict (a table cell shows the head)
    if (d.verdict === 'erratum' && parts.every((p) => p.decision.verdict === 'erratum' || p.decision.verdict === 'holds')) return { ...d, because: `erratum at ${failing.setting}: ${d.because}; all settings: ${list}` };
    const f = d.verdict === 'erratum' ? d.printed : d;
    if (f.verdict === 'fails') return { ...f, because: `fails at ${failing.setting}: ${f.because}; all settings: ${list}` };
  }
  if (verdicts.size === 1 && verdicts.has('holds')) {
    // margins are comparable only within one rule: the tightest is named only when every setting was decided by the same rule
    const sameRule = new Set(parts.map((p) => p.decision.rule)).size === 1;
    const worst = sameRule ? parts.reduce((a, b) => (a.decision.verdict === 'holds' && b.decision.verdict === 'holds' && b.decision.margin.value < a.decision.margin.value ? b : a)) : (parts[0] as SettingDecision);
    const w = worst.decision;
    if (w.verdict === 'holds') return { ...w, because: sameRule ? `holds at every setting (${parts.length}); tightest at ${worst.setting}: ${w.because}` : `holds at every setting (${parts.length}): ${sentences}` };
  }
  if (verdicts.size === 1 && verdicts.has('vacuous')) {
    const v = (parts[0] as SettingDecision).decision;
    if (v.verdict === 'vacuous') return { ...v, because: `vacuous at every setting: ${v.because}` };
  }
  const open = parts.filter((p) => p.decision.verdict !== 'holds');
  const reasons = open.map((p) => `at ${p.setting}: ${p.decision.because}`).join('; ');
  const needs = open.map((p) => `at ${p.setting}: ${p.decision.verdict === 'inconclusive' ? p.decision.wouldDecide : `a decision (${p.decision.verdict})`}`).join('; ');
  return { rule, verdict: 'inconclusive', because: `${list}; ${reasons}`, wouldDecide: needs };
}
