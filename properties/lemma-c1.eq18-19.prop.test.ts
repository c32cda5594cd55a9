import fc from 'fast-check';
import record from '../theorems/lemma-c1.eq18-19.js';
import { log10InclusionWidth, logEq1819Rhs, logEq18Lhs, logEq19Lhs } from '../src/scenarios/ntkInitNorms.js';
import { fmt } from '../src/stats/format.js';
import { REACHABLE_WIDTH } from '../src/theory/condition1.js';
import { LN2, threePointAbsoluteCBound, validateChi2 } from '../src/theory/logTails.js';
import { inequalityRule } from '../src/verdict/checks/index.js';
import type { CaseResult } from '../src/verdict/search.js';
import { claim } from './claim.js';

const logTol = record.thresholds.logTol!.value;
interface Point {
  d: number;
  e: number;
  log18: number;
  log19: number;
}

claim(record, {
  // the exact left sides over the (d, m = 10^e) grid: log-space chi-square tails (src/theory/logTails.ts)
  measure: (ctx) => {
    const dom = ctx.domain;
    const points: Point[] = [];
    for (const d of dom.ds) for (let e = dom.log10MMin; e <= dom.log10MMax + 1e-9; e += dom.log10MStep) points.push({ d, e, log18: logEq18Lhs(d, e), log19: logEq19Lhs(d, e).logP });
    return { points, chi2VsStdlib: validateChi2([1, 2, 5, 20, 100, 1000]) };
  },
  decide: (m, s, ctx) => {
    const check = (p: Point): CaseResult => {
      const rhs = logEq1819Rhs(p.e, s.denominator);
      const worst = Math.max(p.log18 - rhs - logTol * (1 + Math.abs(p.log18)), p.log19 - rhs - logTol * (1 + Math.abs(p.log19)));
      return { violated: worst > 0, margin: -worst, message: `d = ${p.d}, m = 10^${p.e.toFixed(2)}: ln P(18) = ${fmt(p.log18)}, ln P(19) = ${fmt(p.log19)} vs ln 2 exp(-m^(1/6)/${s.denominator}) = ${fmt(rhs)}` };
    };
    // every grid point is evaluated; the search draws from the violating ones when there are any (shrunk, replayable), else from all
    const bad = m.points.filter((p) => check(p).violated);
    const pool = bad.length > 0 ? bad : m.points;
    const out = ctx.search({ name: 'main', arbitrary: fc.constantFrom(...pool), check, numRuns: Math.min(pool.length, 200) });
    const closest = m.points.reduce((a, p) => (check(p).margin < check(a).margin ? p : a));
    const printed = bad.length > 0 ? out : { ...out, cases: m.points.length, closest: { case: closest, margin: check(closest).margin, message: check(closest).message } };
    const binding = m.points.filter((p) => logEq1819Rhs(p.e, s.denominator) < 0).length;
    const bindsAtLog10 = 6 * Math.log10(s.denominator * LN2);
    return inequalityRule({ printed, what: `Eqs. (18)-(19) with 2 exp(-m^(1/6)/${s.denominator})`, binding: { cases: binding, of: m.points.length, bindsAt: `from m = (${s.denominator} ln 2)^6 = ${fmt(10 ** bindsAtLog10)}`, bindsAtValue: 10 ** bindsAtLog10 } });
  },
  describe: (m, _d, ctx) => {
    const cAbs = threePointAbsoluteCBound();
    const bind = 6 * Math.log10(128 * LN2);
    return {
      evidence: {
        mBoundBelowOne: 10 ** bind,
        vacuousAtEveryReachableWidth: 10 ** bind > REACHABLE_WIDTH,
        reachableWidth: REACHABLE_WIDTH,
        inclusionWidths: ctx.domain.ds.map((d) => `d=${d}: m >= 1e${log10InclusionWidth(d).toFixed(2)}`).join(', '),
        absoluteCUpperBound: cAbs.c,
        log10MBoundBelowOneAbsoluteC: 6 * Math.log10((64 * (64 / 9) * LN2) / cAbs.c),
        chi2TailVsStdlibMaxRelDiff: m.chi2VsStdlib,
      },
      hypotheses: [
        { id: 'w_i(0) ~ N(0, I_d/d)', status: 'met', detail: 'exact chi-square law of ||w_i(0)||^2 d' },
        { id: '1 << m (A1)', status: 'relaxed', detail: `every width 10^${ctx.domain.log10MMin}..10^${ctx.domain.log10MMax} is evaluated exactly; "since 1 << m" (Eq. (18)'s event containing Eq. (19)'s) needs the inclusion widths listed` },
        { id: 'c, K_w of Lemma B.5', status: 'met', detail: 'K_w^4 = 64/9, c = 32/9 (the largest admissible for Gaussian coordinates)' },
      ],
      cases: m.points.length,
      tables: { moderateWidths: ctx.domain.ds.flatMap((d) => ctx.domain.moderateMs.map((w) => ({ d, m: w, P: Math.exp(logEq19Lhs(d, Math.log10(w)).logP), log10PrB0: (w * logEq19Lhs(d, Math.log10(w)).logQ) / Math.LN10, bound: 2 * Math.exp(-(w ** (1 / 6)) / 128) }))) },
    };
  },
});
