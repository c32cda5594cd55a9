import { clopperPearsonLower, clopperPearsonUpper } from '../../stats/binomial.js';
import { linearFit } from '../../stats/regression.js';
import type { RateComparison } from '../types.js';
import type { Decision } from './decision.js';
import { fmtMargin } from './printedForm.js';

/**
 * Rule "high-probability": "with probability at least 1 - O(f(m))" (the same reading for every claim that uses
 * the phrase). At each width m the failure probability p(m) is either computed exactly or estimated from k failures
 * in N runs with exact Clopper-Pearson bounds; the constant the statement needs there is c*(m) = p(m) / f(m),
 * with the interval [CP_lower / f(m), CP_upper / f(m)] (a point when p is exact). The O(.) is decided by the trend of
 * c* over the declared range of widths [m_lo, m_hi], allowing growth by at most g = (m_hi / m_lo)^growthExponent:
 *   fails   when c*(m_hi)'s lower bound exceeds g times c*(m_lo)'s upper bound (the constant must grow faster);
 *   holds   when c*(m_hi)'s upper bound is at most g times c*(m_lo)'s upper bound and finite (it does not grow);
 *   inconclusive otherwise (say how many runs at m_hi would decide).
 * The two endpoint intervals are at alpha / 2 each (Bonferroni). A fixed-constant reading (p <= c f(m)) is reported,
 * never decides: a fixed constant at small widths can neither refute nor confirm an O(.) statement.
 */
export interface WidthEvidence {
  m: number;
  /** failures and runs (sampled), or the exact failure probability */
  failures?: number;
  runs?: number;
  exact?: number;
  /** an exact failure probability known only within [lo, hi] (e.g. a law conditioned on an event of known probability) */
  exactInterval?: readonly [number, number];
}

export interface HighProbabilityInput {
  /** the failure event, in words */
  event: string;
  /** f of "1 - O(f(m))": its text, the function and its exponent in m (f = m^exponent up to logs) */
  rate: { text: string; f: (m: number) => number; exponent: number };
  widths: readonly WidthEvidence[];
  /** the declared range of widths the O(.) is decided over (declared in the record, before the run) */
  range: readonly [number, number];
  alpha: number;
  /** allowed growth of c* across the range, as an exponent of m_hi / m_lo (default 0.1) */
  growthExponent?: number;
  /** a fixed constant to report p <= c f(m) against (never decides) */
  fixedConstant?: number;
}

export interface WidthRow {
  m: number;
  failures: number | string;
  runs: number | string;
  pHat: number;
  pLower: number;
  pUpper: number;
  f: number;
  cNeeded: number;
  cLower: number;
  cUpper: number;
  fixedConstantExceeded: string;
}

export interface HighProbabilityResult {
  decision: Decision;
  rows: WidthRow[];
  /** log-log slope of p(m) where p > 0, beside f's exponent */
  rate?: RateComparison;
}

function row(w: WidthEvidence, f: (m: number) => number, alpha: number, fixed: number | undefined): WidthRow {
  const fm = f(w.m);
  if (!(fm > 0) || !Number.isFinite(fm)) throw new RangeError(`high-probability rule: f(${w.m}) = ${fm} must be positive and finite`);
  let pHat: number;
  let lo: number;
  let hi: number;
  if (w.exact !== undefined) {
    if (!(w.exact >= 0 && w.exact <= 1)) throw new RangeError(`high-probability rule: exact probability ${w.exact} at m = ${w.m} is not in [0, 1]`);
    pHat = lo = hi = w.exact;
  } else if (w.exactInterval !== undefined) {
    [lo, hi] = w.exactInterval;
    if (!(lo >= 0 && lo <= hi && hi <= 1)) throw new RangeError(`high-probability rule: exact interval [${lo}, ${hi}] at m = ${w.m} is not inside [0, 1]`);
    pHat = (lo + hi) / 2;
  } else {
    const k = w.failures;
    const n = w.runs;
    if (k === undefined || n === undefined || !(n > 0) || k < 0 || k > n) throw new RangeError(`high-probability rule: width m = ${w.m} needs failures <= runs (got ${k} of ${n}) or an exact probability`);
    pHat = k / n;
    lo = clopperPearsonLower(k, n, alpha);
    hi = clopperPearsonUpper(k, n, alpha);
  }
  return {
    m: w.m,
    failures: w.failures ?? (w.exactInterval ? 'exact interval' : 'exact'),
    runs: w.runs ?? (w.exactInterval ? 'exact interval' : 'exact'),
    pHat,
    pLower: lo,
    pUpper: hi,
    f: fm,
    cNeeded: pHat / fm,
    cLower: lo / fm,
    cUpper: hi / fm,
    fixedConstantExceeded: fixed === undefined ? '-' : lo > fixed * fm ? 'yes (shown)' : pHat > fixed * fm ? 'point estimate only' : 'no',
  };
}

export function highProbabilityRule(input: HighProbabilityInput): HighProbabilityResult {
  const g = input.growthExponent ?? 0.1;
  const [rLo, rHi] = input.range;
  const inRange = input.widths.filter((w) => w.m >= rLo && w.m <= rHi).sort((a, b) => a.m - b.m);
  const rows = input.widths.map((w) => row(w, input.rate.f, input.alpha / 2, input.fixedConstant));
  const pts = rows.filter((r) => r.pHat > 0);
  let rate: RateComparison | undefined;
  if (new Set(pts.map((r) => r.m)).size >= 3) {
    const fit = linearFit(
      pts.map((r) => Math.log(r.m)),
      pts.map((r) => Math.log(r.pHat)),
      input.alpha,
    );
    rate = {
      quantity: `Pr[${input.event}]`,
      variable: 'm',
      claimed: input.rate.text,
      claimedExponent: input.rate.exponent,
      measuredExponent: fit.slope,
      ci: fit.slopeCI,
      looseness: fit.slope < input.rate.exponent ? `decays faster than claimed: the bound is loose by a factor growing like m^${fmtMargin(input.rate.exponent - fit.slope)}` : `decays slower than claimed (m^${fmtMargin(fit.slope)} vs m^${input.rate.exponent})`,
    };
  }
  const fixedNote = input.fixedConstant === undefined ? '' : `; reported only, not deciding: p <= ${input.fixedConstant} ${input.rate.text} is exceeded (shown) at m = ${rows.filter((r) => r.fixedConstantExceeded === 'yes (shown)').map((r) => r.m).join(', ') || 'no width'}`;
  const first = inRange[0];
  const last = inRange[inRange.length - 1];
  if (!first || !last || first.m === last.m) {
    const decision: Decision = {
      rule: 'high-probability',
      verdict: 'inconclusive',
      because: `fewer than two widths in the declared range [${rLo}, ${rHi}]: the trend of the constant cannot be judged${fixedNote}`,
      wouldDecide: `evidence at two or more widths in [${rLo}, ${rHi}]`,
    };
    return rate ? { decision, rows, rate } : { decision, rows };
  }
  const a = row(first, input.rate.f, input.alpha / 2, undefined);
  const b = row(last, input.rate.f, input.alpha / 2, undefined);
  const growth = Math.pow(b.m / a.m, g);
  const text = `c*(m) = Pr[${input.event}] / (${input.rate.text}): at m = ${a.m} in [${fmtMargin(a.cLower)}, ${fmtMargin(a.cUpper)}], at m = ${b.m} in [${fmtMargin(b.cLower)}, ${fmtMargin(b.cUpper)}] (exact or Clopper-Pearson at alpha/2 = ${fmtMargin(input.alpha / 2)} each; allowed growth x${fmtMargin(growth)} = (m_hi/m_lo)^${g})`;
  let decision: Decision;
  if (b.cLower > growth * a.cUpper) {
    decision = {
      rule: 'high-probability',
      verdict: 'fails',
      because: `the constant the statement needs grows with m: ${text}${fixedNote}`,
      rejected: { test: 'growth of c*(m) across the declared range', statistic: b.cLower / (growth * a.cUpper), pValue: input.alpha, alpha: input.alpha, text },
    };
  } else if (Number.isFinite(b.cUpper) && b.cUpper <= growth * a.cUpper) {
    decision = {
      rule: 'high-probability',
      verdict: 'holds',
      because: `the constant the statement needs does not grow: ${text}${fixedNote}`,
      margin: { value: growth * a.cUpper - b.cUpper, text },
    };
  } else {
    // with no failure at m_hi the one-sided bound is about ln(2/alpha)/N: N runs make c*(m_hi)'s upper bound fall below g c*(m_lo)'s
    const runsNeeded = Math.ceil(Math.log(2 / input.alpha) / (input.rate.f(b.m) * growth * a.cUpper));
    const need = typeof b.runs === 'string' ? 'exact probabilities at more widths' : `about ${runsNeeded} runs at m = ${b.m} without a failure (or exact probabilities)`;
    decision = {
      rule: 'high-probability',
      verdict: 'inconclusive',
      because: `neither growth nor boundedness of the constant is shown: ${text}${fixedNote}`,
      wouldDecide: need,
    };
  }
  if (rate) decision.rate = rate;
  return rate ? { decision, rows, rate } : { decision, rows };
}
