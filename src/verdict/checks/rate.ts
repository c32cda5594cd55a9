import tCdf from '@stdlib/stats-base-dists-t-cdf';
import { linearFit } from '../../stats/regression.js';
import type { RateComparison } from '../types.js';
import type { Decision } from './decision.js';
import { fmtMargin } from './printedForm.js';

/**
 * Rule "rate": a scaling law or a bound with a rate (O(x^b), Omega(x^b), Theta(x^b)). The exponent is fitted by
 * least squares on log y against log x over at least a decade of x, with a (1 - alpha) t interval [lo, hi]; with
 * s = +1 for a limit x -> infinity and s = -1 for x -> 0 (where O(x^b) means a slope >= b), e = s * slope, B = s * b:
 *   upper (O):  holds when e's interval lies below B + delta; fails when it lies above B + delta;
 *   lower (Omega): holds when above B - delta; fails when below B - delta;
 *   equal (Theta, a scaling law): holds when inside [B - delta, B + delta] (equivalence shown); fails when outside;
 *   inconclusive otherwise, or when the sweep spans less than a decade.
 * The measured exponent is always reported beside the claimed one, with the looseness of a bound
 * ("loose by a factor growing like x^(B - e)").
 */
export interface RateInput {
  quantity: string;
  variable: string;
  points: readonly { x: number; y: number }[];
  claimed: { exponent: number; text: string; kind: 'upper' | 'lower' | 'equal' };
  limit: 'infinity' | 'zero';
  /** tolerance on the exponent, declared in the record */
  delta: number;
  alpha: number;
}

export interface RateResult {
  decision: Decision;
  rate?: RateComparison;
}

export function rateRule(input: RateInput): RateResult {
  const pts = input.points;
  for (const p of pts) if (!(p.x > 0 && p.y > 0) || !Number.isFinite(p.x) || !Number.isFinite(p.y)) throw new RangeError(`rate rule (${input.quantity}): points must be positive and finite, got (${p.x}, ${p.y})`);
  const xs = pts.map((p) => p.x);
  const span = xs.length > 0 ? Math.max(...xs) / Math.min(...xs) : 1;
  if (pts.length < 3 || new Set(xs).size < 2 || span < 10) {
    return {
      decision: {
        rule: 'rate',
        verdict: 'inconclusive',
        because: `${input.quantity}: ${pts.length} points over a ${fmtMargin(span)}-fold range of ${input.variable}; the rule needs >= 3 points over at least a decade`,
        wouldDecide: `a sweep of ${input.variable} over at least a decade with >= 3 points`,
      },
    };
  }
  const fit = linearFit(
    xs.map(Math.log),
    pts.map((p) => Math.log(p.y)),
    input.alpha,
  );
  const s = input.limit === 'infinity' ? 1 : -1;
  const B = s * input.claimed.exponent;
  const eLo = Math.min(s * fit.slopeCI[0], s * fit.slopeCI[1]);
  const eHi = Math.max(s * fit.slopeCI[0], s * fit.slopeCI[1]);
  const e = s * fit.slope;
  const d = input.delta;
  const looseness =
    input.claimed.kind === 'upper'
      ? e < B
        ? `loose by a factor growing like ${input.variable}^${fmtMargin(s * (B - e))} (${input.limit === 'infinity' ? `${input.variable} -> infinity` : `${input.variable} -> 0`})`
        : 'tight or exceeded'
      : input.claimed.kind === 'lower'
        ? e > B
          ? `loose by a factor growing like ${input.variable}^${fmtMargin(s * (e - B))}`
          : 'tight or exceeded'
        : `measured ${fmtMargin(fit.slope)} vs claimed ${input.claimed.exponent}`;
  const rate: RateComparison = {
    quantity: input.quantity,
    variable: input.variable,
    claimed: input.claimed.text,
    claimedExponent: input.claimed.exponent,
    measuredExponent: fit.slope,
    ci: fit.slopeCI,
    looseness,
  };
  const text = `${input.quantity} ~ ${input.variable}^${fmtMargin(fit.slope)} [${fmtMargin(fit.slopeCI[0])}, ${fmtMargin(fit.slopeCI[1])}] (${fit.n} points, ${fmtMargin(span)}-fold range, ${Math.round((1 - input.alpha) * 1e4) / 100}% interval) vs claimed ${input.claimed.text} (exponent ${input.claimed.exponent}, tolerance ${d})`;
  let holds: boolean;
  let fails: boolean;
  switch (input.claimed.kind) {
    case 'upper':
      holds = eHi <= B + d;
      fails = eLo > B + d;
      break;
    case 'lower':
      holds = eLo >= B - d;
      fails = eHi < B - d;
      break;
    case 'equal':
      holds = eLo >= B - d && eHi <= B + d;
      fails = eLo > B + d || eHi < B - d;
      break;
  }
  if (fails) {
    const tStat = fit.slopeSE > 0 ? (fit.slope - input.claimed.exponent) / fit.slopeSE : Number.MAX_VALUE;
    const p = 1 - tCdf(Math.abs(tStat), fit.n - 2);
    return { rate, decision: { rule: 'rate', verdict: 'fails', because: `the measured exponent contradicts the claim: ${text}`, rejected: { test: 'log-log slope t test', statistic: tStat, pValue: p, alpha: input.alpha, text }, rate } };
  }
  if (holds) return { rate, decision: { rule: 'rate', verdict: 'holds', because: `${text}; ${looseness}`, margin: { value: input.claimed.kind === 'lower' ? eLo - (B - d) : B + d - eHi, text }, rate } };
  return { rate, decision: { rule: 'rate', verdict: 'inconclusive', because: `the interval is too wide to decide: ${text}`, wouldDecide: `an exponent interval narrower than ${fmtMargin(2 * d)} (more points or a longer sweep)`, rate } };
}

