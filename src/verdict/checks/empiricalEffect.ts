import { summarize, tMeanBounds, tTestPower } from '../../stats/ttest.js';
import type { Decision } from './decision.js';
import { fmtMargin } from './printedForm.js';

/**
 * Rule "empirical-effect": an experimental claim "A is larger than B" (a direction) with a smallest effect size of
 * interest (SESOI) declared in the record before any run. The evidence is one paired difference per seed, signed so
 * that the claimed direction is positive. With Student's t on the differences at the declared alpha:
 *   holds  when the one-sided lower bound of the mean difference is > 0 (the effect is shown in its direction);
 *   fails  when the one-sided upper bound is < 0 (the opposite is shown), or when equivalence is shown (TOST: the
 *          (1 - 2 alpha) interval lies inside (-SESOI, SESOI), so any effect is smaller than the smallest of interest);
 *   inconclusive otherwise: not shown is never holds.
 * The power of the design (seeds) against an effect of one SESOI with the declared standard deviation is reported;
 * seedsForPower (src/stats/ttest.ts) chooses the seeds so that both holds and fails are reachable.
 */
export interface EmpiricalEffectInput {
  /** the effect, in words ("test loss of GD minus test loss of label-noise SGD at the end") */
  effect: string;
  /** one difference per seed, positive in the claimed direction */
  differences: readonly number[];
  sesoi: number;
  /** the standard deviation the design assumed (declared), for the power */
  sdAssumed: number;
  alpha: number;
}

export interface EmpiricalEffectResult {
  decision: Decision;
  n: number;
  mean: number;
  sd: number;
  lower: number;
  upper: number;
  power: number;
}

export function empiricalEffectRule(input: EmpiricalEffectInput): EmpiricalEffectResult {
  if (!(input.sesoi > 0)) throw new RangeError(`empirical-effect rule (${input.effect}): the smallest effect of interest must be > 0, got ${input.sesoi}`);
  for (const d of input.differences) if (!Number.isFinite(d)) throw new RangeError(`empirical-effect rule (${input.effect}): a difference is not finite (${d})`);
  const n = input.differences.length;
  const power = tTestPower(n, input.sesoi, input.sdAssumed, input.alpha);
  if (n < 2) {
    const mean = n ? (input.differences[0] as number) : 0;
    return { n, mean, sd: 0, lower: mean, upper: mean, power, decision: { rule: 'empirical-effect', verdict: 'inconclusive', because: `${input.effect}: ${n} seed(s); the rule needs at least 2`, wouldDecide: 'at least 2 seeds (see the power)' } };
  }
  const s = summarize(input.differences);
  if (s.sd === 0) {
    // every seed gave the same difference: the sign decides without sampling error
    const shown = s.mean > 0 ? 'holds' : s.mean < 0 || Math.abs(s.mean) < input.sesoi ? 'fails' : 'inconclusive';
    const because = `${input.effect}: all ${n} seeds give the same difference ${fmtMargin(s.mean)} (SESOI ${fmtMargin(input.sesoi)})`;
    const base = { n, mean: s.mean, sd: 0, lower: s.mean, upper: s.mean, power };
    if (shown === 'holds') return { ...base, decision: { rule: 'empirical-effect', verdict: 'holds', because, margin: { value: s.mean, text: because } } };
    if (shown === 'fails') return { ...base, decision: { rule: 'empirical-effect', verdict: 'fails', because, rejected: { test: 'degenerate (no variance)', statistic: s.mean, pValue: 0, alpha: input.alpha, text: because } } };
    return { ...base, decision: { rule: 'empirical-effect', verdict: 'inconclusive', because, wouldDecide: 'a varying sample' } };
  }
  const one = tMeanBounds(s, input.alpha);
  // the numbers first, the effect's (often long) name after them: a report's table cell shows the head of the sentence
  const text = `mean ${fmtMargin(s.mean)} (sd ${fmtMargin(s.sd)}, ${n} seeds), one-sided ${Math.round((1 - input.alpha) * 1e4) / 100}% bounds [${fmtMargin(one.lower)}, ${fmtMargin(one.upper)}] of ${input.effect}, SESOI ${fmtMargin(input.sesoi)}, power ${fmtMargin(power)} against one SESOI (sd ${fmtMargin(input.sdAssumed)} assumed)`;
  const base = { n, mean: s.mean, sd: s.sd, lower: one.lower, upper: one.upper, power };
  const tStat = s.mean / s.se;
  if (one.lower > 0) return { ...base, decision: { rule: 'empirical-effect', verdict: 'holds', because: `the effect is shown in the claimed direction: ${text}`, margin: { value: one.lower, text } } };
  if (one.upper < 0) return { ...base, decision: { rule: 'empirical-effect', verdict: 'fails', because: `the opposite effect is shown: ${text}`, rejected: { test: 'one-sided t test (opposite direction)', statistic: tStat, pValue: input.alpha, alpha: input.alpha, text } } };
  // TOST: both one-sided tests at alpha reject |effect| >= SESOI
  if (one.lower > -input.sesoi && one.upper < input.sesoi) {
    return { ...base, decision: { rule: 'empirical-effect', verdict: 'fails', because: `equivalence is shown (TOST at margin ${fmtMargin(input.sesoi)}): any effect is smaller than the smallest of interest: ${text}`, rejected: { test: 'TOST equivalence', statistic: tStat, pValue: input.alpha, alpha: input.alpha, text } } };
  }
  return { ...base, decision: { rule: 'empirical-effect', verdict: 'inconclusive', because: `neither the effect, its opposite nor equivalence is shown: ${text}`, wouldDecide: `more seeds (power ${fmtMargin(power)} with ${n})` } };
}
