import { quantile } from '../../stats/summary.js';
import type { Decision } from './decision.js';
import { fmtMargin } from './printedForm.js';
import { rateRule, type RateResult } from './rate.js';

/**
 * Rule "time-bound": "the event happens within T = O(T_claimed(size))". Each run gives r = measured time / claimed
 * time (a run that had not seen the event at its budget gives only r >= budget / claimed: censored). The O(.) is the
 * rate rule on r against the size with claimed exponent 0 (upper): holds when r does not grow with the size, fails
 * when it grows (delta tolerance declared). Censored runs are put in at their lower bound: that can only lower the
 * fitted growth, so a fails stays valid; a holds is not given while any run at the largest size is censored.
 * A fixed-constant reading (r <= 1, "within T_claimed itself") is reported beside it, never deciding.
 */
export interface TimeRun {
  size: number;
  measured: number;
  claimed: number;
  /** true when the event was not seen by `measured` (the budget) */
  censored?: boolean;
}

export interface TimeBoundInput {
  quantity: string;
  sizeName: string;
  claimedText: string;
  runs: readonly TimeRun[];
  delta: number;
  alpha: number;
}

export interface TimeBoundResult extends RateResult {
  perSize: { size: number; runs: number; censored: number; ratioMedian: number; ratioMax: number; withinClaimed: number }[];
}

export function timeBoundRule(input: TimeBoundInput): TimeBoundResult {
  for (const r of input.runs) if (!(r.measured >= 0 && r.claimed > 0) || !Number.isFinite(r.measured) || !Number.isFinite(r.claimed)) throw new RangeError(`time-bound rule (${input.quantity}): measured ${r.measured} and claimed ${r.claimed} must be finite, claimed > 0`);
  const sizes = [...new Set(input.runs.map((r) => r.size))].sort((a, b) => a - b);
  const perSize = sizes.map((size) => {
    const rs = input.runs.filter((r) => r.size === size);
    const ratios = rs.map((r) => r.measured / r.claimed);
    return { size, runs: rs.length, censored: rs.filter((r) => r.censored).length, ratioMedian: quantile(ratios, 0.5), ratioMax: Math.max(...ratios), withinClaimed: rs.filter((r) => !r.censored && r.measured <= r.claimed).length };
  });
  const points = input.runs.filter((r) => r.measured > 0).map((r) => ({ x: r.size, y: r.measured / r.claimed }));
  const res = rateRule({ quantity: `${input.quantity} / (${input.claimedText})`, variable: input.sizeName, points, claimed: { exponent: 0, text: `O(${input.claimedText})`, kind: 'upper' }, limit: 'infinity', delta: input.delta, alpha: input.alpha });
  const fixed = `; reported only: within ${input.claimedText} itself in ${perSize.reduce((s, p) => s + p.withinClaimed, 0)} of ${input.runs.length} runs; median ratio per ${input.sizeName}: ${perSize.map((p) => `${p.size}: ${fmtMargin(p.ratioMedian)}`).join(', ')}`;
  const largest = perSize[perSize.length - 1];
  let decision: Decision = res.decision;
  if (decision.verdict === 'holds' && largest && largest.censored > 0) {
    decision = { rule: 'time-bound', verdict: 'inconclusive', because: `${decision.because}; but ${largest.censored} run(s) at ${input.sizeName} = ${largest.size} had not seen the event at their budget`, wouldDecide: `longer budgets at ${input.sizeName} = ${largest.size}` };
  }
  decision = { ...decision, rule: 'time-bound', because: decision.because + fixed } as Decision;
  return res.rate ? { decision, rate: res.rate, perSize } : { decision, perSize };
}
