import record from '../theorems/lemma-c1.eq18-19.js';
import { REACHABLE_WIDTH } from '../src/theory/condition1.js';
import { claimTest } from '../src/verdict/claimTest.js';
import { bisect, fmt, LN2, logChi2, logGaussNormDeviation, threePointAbsoluteCBound, validateChi2 } from './support/appendixB.js';

const logTol = record.thresholds.logTol!.value;
const scanStep = record.thresholds.thresholdScanStep!.value;
const SCAN_MAX_LOG10 = 80;
const LN10 = Math.LN10;

/** log P(||w_i(0)|| >= m^{1/12}/4) and log P(||w_i(0)|| < m^{1/12}/4), ||w_i(0)||^2 ~ chi2_d / d; m = 10^e. */
function event(d: number, e: number): { logP: number; logQ: number } {
  const r = logChi2((d * 10 ** (e / 6)) / 16, d);
  return { logP: r.logSf, logQ: r.logCdf };
}
/** log of Eq. (18)'s left side: P(| ||Z|| - sqrt d | >= m^{1/12}/8), Z ~ N(0, I_d). */
const eq18Lhs = (d: number, e: number): number => logGaussNormDeviation(d, 10 ** (e / 12) / 8);
/** log 2 exp(-c m^{1/6}/(64 K_w^4)) with c = 32/9, K_w^4 = 64/9: log 2 - m^{1/6}/128. */
const logRhs = (e: number): number => LN2 - 10 ** (e / 6) / 128;

/**
 * The width (log10) from which cond holds for the rest of the scan up to 10^80: the scan point after the last
 * failing one, refined by bisection. null when it never holds at the end of the scan.
 */
function threshold(cond: (e: number) => boolean): number | null {
  let lastFail = -Infinity;
  for (let i = 0; i * scanStep <= SCAN_MAX_LOG10; i++) if (!cond(i * scanStep)) lastFail = i * scanStep;
  if (lastFail === -Infinity) return 0;
  if (lastFail + scanStep > SCAN_MAX_LOG10) return null;
  return bisect((e) => (cond(e) ? 1 : -1), lastFail, lastFail + scanStep, 1e-9);
}

const show = (e: number | null): string => (e === null ? `beyond 10^${SCAN_MAX_LOG10}` : `10^${e.toFixed(2)} = ${fmt(10 ** e)}`);

claimTest(record, (ctx) => {
  const dom = ctx.domain;
  const chi2Check = validateChi2([1, 2, 5, 20, 100, 1000]);
  // ---------------------------------------------------------------- (18) and (19) over the grid
  let cases = 0;
  let v18 = 0;
  let v19 = 0;
  let first = '';
  let nonVacuousCases = 0;
  for (const d of dom.ds) {
    for (let e = dom.log10MMin; e <= dom.log10MMax + 1e-9; e += dom.log10MStep) {
      cases++;
      const rhs = logRhs(e);
      const p19 = event(d, e).logP;
      const p18 = eq18Lhs(d, e);
      if (rhs < 0) nonVacuousCases++;
      if (p19 > rhs + logTol * (1 + Math.abs(p19))) {
        v19++;
        if (!first) first = `(19) at d = ${d}, m = 10^${e.toFixed(2)}: log P = ${fmt(p19)} > log bound ${fmt(rhs)}`;
      }
      if (p18 > rhs + logTol * (1 + Math.abs(p18))) {
        v18++;
        if (!first) first = `(18) at d = ${d}, m = 10^${e.toFixed(2)}: log P = ${fmt(p18)} > log bound ${fmt(rhs)}`;
      }
    }
  }
  // ---------------------------------------------------------------- widths
  const log10Bind = 6 * Math.log10(128 * LN2); // 2 exp(-m^{1/6}/128) < 1
  const log10Eq21 = threshold((e) => LN2 + 2 * e * LN10 - 10 ** (e / 6) / 128 <= 0); // m * bound <= 1/m
  const rows: Record<string, number | string>[] = [];
  for (const d of dom.ds) {
    const log10Incl = 12 * Math.log10(1 / (0.25 - 1 / (8 * Math.sqrt(d))));
    const half = threshold((e) => event(d, e).logP <= -LN2);
    const overM = threshold((e) => event(d, e).logP <= -e * LN10);
    const overM2 = threshold((e) => event(d, e).logP <= -2 * e * LN10);
    rows.push({
      d,
      log10MInclusion: log10Incl,
      log10MPBelowHalf: half ?? 'none',
      log10MPBelowOneOverM: overM ?? 'none',
      log10MPBelowOneOverMSquared: overM2 ?? 'none',
      PAtM1e4: Math.exp(event(d, 4).logP),
      PAtM1e8: Math.exp(event(d, 8).logP),
      PAtM4Pow12: Math.exp(event(d, 12 * Math.log10(4)).logP),
    });
  }
  const moderate: Record<string, number | string>[] = [];
  for (const d of dom.ds) {
    for (const m of dom.moderateMs) {
      const ev = event(d, Math.log10(m));
      moderate.push({ d, m, threshold: m ** (1 / 12) / 4, P: Math.exp(ev.logP), log10PrB0: (m * ev.logQ) / LN10, bound: 2 * Math.exp(-(m ** (1 / 6)) / 128) });
    }
  }
  const d20 = rows.find((r) => r.d === 20) ?? rows[rows.length - 1]!;
  const d1 = rows[0]!;

  // any absolute c is at most the three-point bound (claim lemma-b5.norm-concentration): the bound binds later still
  const cAbs = threePointAbsoluteCBound();
  const numericsOk = chi2Check < 1e-9;
  const violated = v18 + v19 > 0;
  // vacuous only if the bound is >= 1 at every tested width; exact evaluation reaches the widths where it binds
  const vacuousEverywhere = nonVacuousCases === 0;
  const vacuousReachable = 10 ** log10Bind > REACHABLE_WIDTH;
  const verdict = !numericsOk ? 'inconclusive' : violated ? 'fails' : vacuousEverywhere ? 'vacuous' : 'holds';
  const summary = !numericsOk
    ? `inconclusive: chi-square tails disagree with stdlib by ${fmt(chi2Check)}`
    : violated
      ? `fails: ${first}`
      : `${vacuousEverywhere ? 'vacuous' : 'holds'}: no violation of (18) or (19) over ${cases} (d, m) cases up to m = 10^${dom.log10MMax} (${nonVacuousCases} where the bound is below 1), but the bound 2 exp(-c m^{1/6}/(64 K_w^4)) with the largest Gaussian c = 32/9 is >= 1 for m <= (128 ln 2)^6 = ${fmt(10 ** log10Bind)}${vacuousReachable ? `, beyond the reachable width ${fmt(REACHABLE_WIDTH)}: vacuous at every width a run can hold` : ''}; ` +
        `"since 1 << m": {||w|| >= m^{1/12}/4} lies inside Eq. (18)'s event only for m >= (1/4 - 1/(8 sqrt d))^{-12} (${show(d1.log10MInclusion as number)} at d = 1, 4^12 = ${fmt(4 ** 12)} as d -> infinity); the exact P(||w_i(0)|| >= m^{1/12}/4) at d = ${d20.d} is ${fmt(d20.PAtM1e4 as number)} at m = 10^4 and ${fmt(d20.PAtM1e8 as number)} at m = 10^8, drops below 1/2 from m = ${typeof d20.log10MPBelowHalf === 'number' ? show(d20.log10MPBelowHalf) : 'never'}, below 1/m^2 (Pr[B_0] >= 1 - 1/m by the union bound) from m = ${typeof d20.log10MPBelowOneOverMSquared === 'number' ? show(d20.log10MPBelowOneOverMSquared) : 'never'}; Eq. (21)'s 2 m^2 exp(-m^{1/6}/128) <= 1 needs m >= ${show(log10Eq21)}`;
  return {
    verdict,
    summary,
    evidence: {
      cases,
      eq18Violations: v18,
      eq19Violations: v19,
      firstViolation: first || 'none',
      casesWhereBoundBelowOne: nonVacuousCases,
      cUsed: 32 / 9,
      K4Used: 64 / 9,
      log10MBoundBelowOne: log10Bind,
      mBoundBelowOne: 10 ** log10Bind,
      absoluteCUpperBound: cAbs.c,
      log10MBoundBelowOneAbsoluteC: 6 * Math.log10((64 * (64 / 9) * LN2) / cAbs.c),
      reachableWidth: REACHABLE_WIDTH,
      vacuousAtEveryReachableWidth: vacuousReachable,
      log10MEq21: log10Eq21 ?? 'beyond scan',
      log10MInclusionD1: d1.log10MInclusion as number,
      log10MInclusionLimit: 12 * Math.log10(4),
      chi2TailVsStdlibMaxRelDiff: chi2Check,
      note:
        `c = 32/9 makes the bound as small as Lemma B.5 allows for Gaussian coordinates; an absolute constant is at most ${fmt(cAbs.c)} (three-point law q = ${cAbs.q}, n -> infinity; claim lemma-b5.norm-concentration), which moves the width where the bound binds to 10^${(6 * Math.log10((64 * (64 / 9) * LN2) / cAbs.c)).toFixed(2)}`,
    },
    hypotheses: [
      { id: 'w_i(0) ~ N(0, I_d/d)', status: 'met', detail: 'exact chi-square law of ||w_i(0)||^2 d' },
      { id: '1 << m (A1)', status: 'relaxed', detail: `every width 10^${dom.log10MMin}..10^${dom.log10MMax} is evaluated exactly; the bound binds only from ${fmt(10 ** log10Bind)}` },
      { id: 'c, K_w of Lemma B.5', status: 'met', detail: 'K_w^4 = 64/9, c = 32/9 (the largest admissible for Gaussian coordinates)' },
    ],
    cases,
    tables: { widthsByD: rows, moderateWidths: moderate },
  };
});
