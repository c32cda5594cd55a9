import { tTestPower } from '../../stats/ttest.js';
import type { Decision } from './decision.js';
import { empiricalEffectRule, type EmpiricalEffectResult } from './empiricalEffect.js';

/**
 * A group-sequential design for the empirical-effect rule (issue 14, item 4: stop when decided). The record declares,
 * before any run, the largest number of seeds N (from the power computation of the fixed design), the number of looks K
 * and the alpha-spending function A(t) (Lan and DeMets 1983), t = n / N the information fraction, A(0) = 0, A(1) = alpha.
 * Look k sits at n_k = ceil(k N / K) seeds (at least 2) and runs the empirical-effect rule at alpha_k = A(t_k) - A(t_{k-1});
 * the first look at which the rule decides (holds or fails) stops the sampling; the last look decides as the rule does.
 *
 * Error rates: a false "holds" needs the one-sided bound of some look to exclude 0 wrongly; each look's test errs with
 * probability at most alpha_k whatever the earlier looks did, so by the union bound (Bonferroni over the looks) the
 * design errs with probability at most sum_k alpha_k = alpha; the same for a false "fails" (opposite sign, or TOST at
 * one SESOI). Conservative (the looks' statistics are positively correlated), never anti-conservative, and it needs no
 * joint law of the looks' t statistics (test/verdict/checks/sequential.test.ts measures both rates).
 */
export type SpendingName = 'pocock' | 'power3';

export interface SequentialDesign {
  /** the fixed design's seeds (seedsForPower): the largest sample the design may take */
  readonly maxN: number;
  /** number of looks, equally spaced in information (the last at maxN) */
  readonly looks: number;
  /** 'pocock': A(t) = alpha ln(1 + (e - 1) t) (Lan-DeMets' Pocock-type: early looks get a fair share); 'power3': A(t) = alpha t^3 (Kim-DeMets rho = 3, close to O'Brien-Fleming: most alpha kept for the last look) */
  readonly spending: SpendingName;
}

export const SPENDING_TEXT: Readonly<Record<SpendingName, string>> = {
  pocock: 'A(t) = alpha ln(1 + (e - 1) t) (Lan-DeMets, Pocock type)',
  power3: 'A(t) = alpha t^3 (Kim-DeMets, rho = 3)',
};

/** A(t): the alpha spent by information fraction t in [0, 1]. */
export function spent(spending: SpendingName, t: number, alpha: number): number {
  if (!(t >= 0 && t <= 1)) throw new RangeError(`alpha spending: the information fraction must be in [0, 1], got ${t}`);
  return spending === 'pocock' ? alpha * Math.log(1 + (Math.E - 1) * t) : alpha * t ** 3;
}

/** The seeds at each look: ceil(k N / K), at least 2, strictly increasing (repeated sizes merged). */
export function lookSizes(design: SequentialDesign): number[] {
  const { maxN, looks } = design;
  if (!(Number.isInteger(maxN) && maxN >= 2)) throw new RangeError(`sequential design: maxN must be an integer >= 2, got ${maxN}`);
  if (!(Number.isInteger(looks) && looks >= 1)) throw new RangeError(`sequential design: looks must be an integer >= 1, got ${looks}`);
  const sizes = Array.from({ length: looks }, (_, k) => Math.max(2, Math.ceil(((k + 1) * maxN) / looks)));
  return sizes.filter((n, k) => k === 0 || n > (sizes[k - 1] as number));
}

/** alpha_k = A(t_k) - A(t_{k-1}) at each look; they sum to alpha. */
export function lookAlphas(design: SequentialDesign, alpha: number): number[] {
  const sizes = lookSizes(design);
  // the last look spends exactly what is left: the increments sum to alpha without rounding loss
  return sizes.map((n, k) => (k === sizes.length - 1 ? alpha : spent(design.spending, n / design.maxN, alpha)) - (k ? spent(design.spending, (sizes[k - 1] as number) / design.maxN, alpha) : 0));
}

export interface SequentialLook {
  n: number;
  alpha: number;
  verdict: string;
}

export interface SequentialEffectResult extends EmpiricalEffectResult {
  /** the looks evaluated, in order (the last one decided or was the design's last) */
  evaluated: SequentialLook[];
  /** the design's looks and their alphas */
  sizes: number[];
  alphas: number[];
  /** seeds used (the deciding look's n) and whether the design stopped before maxN */
  used: number;
  stoppedEarly: boolean;
  /** the fixed design's power at maxN with the last look's alpha: a lower bound on the sequential design's power */
  designPower: number;
}

export interface SequentialEffectInput {
  effect: string;
  /** the differences collected so far, positive in the claimed direction, in seed order */
  differences: readonly number[];
  sesoi: number;
  sdAssumed: number;
  alpha: number;
  design: SequentialDesign;
  /** the rule at one look (default: empiricalEffectRule); a caller's wrapper that reports non-finite seeds goes here */
  decideAt?: (differences: readonly number[], alpha: number) => EmpiricalEffectResult;
}

/**
 * The design replayed over the differences at hand: the first deciding look, or the last look reached. With fewer
 * differences than the next undecided look asks, the result is inconclusive and `nextLook` names the seeds needed.
 */
export function sequentialEffectRule(input: SequentialEffectInput): SequentialEffectResult & { nextLook?: number } {
  const sizes = lookSizes(input.design);
  const alphas = lookAlphas(input.design, input.alpha);
  const at = input.decideAt ?? ((xs: readonly number[], a: number) => empiricalEffectRule({ effect: input.effect, differences: xs, sesoi: input.sesoi, sdAssumed: input.sdAssumed, alpha: a }));
  const designPower = tTestPower(input.design.maxN, input.sesoi, input.sdAssumed, alphas[alphas.length - 1] as number);
  const evaluated: SequentialLook[] = [];
  for (let k = 0; k < sizes.length; k++) {
    const n = sizes[k] as number;
    const a = alphas[k] as number;
    if (input.differences.length < n) {
      const last = at(input.differences, a);
      const because = `${input.effect}: the sequential design's look ${k + 1} of ${sizes.length} needs ${n} seeds, ${input.differences.length} at hand`;
      return { ...last, decision: { rule: 'empirical-effect', verdict: 'inconclusive', because, wouldDecide: `${n} seeds (look ${k + 1})` }, evaluated, sizes, alphas, used: input.differences.length, stoppedEarly: false, designPower, nextLook: n };
    }
    const r = at(input.differences.slice(0, n), a);
    evaluated.push({ n, alpha: a, verdict: r.decision.verdict });
    if (r.decision.verdict === 'holds' || r.decision.verdict === 'fails' || k === sizes.length - 1) {
      // the look's own power (n_k seeds at alpha_k) is not the design's: say the design's lower bound beside it
      const how = lookText(input.design, k, sizes, a, input.alpha, `the design's power against one SESOI is at least ${designPower.toPrecision(3)}, the look's below is its own`);
      return { ...r, decision: { ...r.decision, because: `${r.decision.because}; at ${how}` }, evaluated, sizes, alphas, used: n, stoppedEarly: n < input.design.maxN, designPower };
    }
  }
  throw new Error('sequential design: no look'); // unreachable: lookSizes returns at least one look
}

/**
 * A claim of several effects (a table of parts combined by combineAll, effects.ts) under one sequential design: every
 * part is decided at look k by the empirical-effect rule at alpha_k on the first n_k seeds, and the claim stops at the
 * first look where the combined verdict is decided (any part fails, or all hold), else at the last look. Each part's
 * error rates are bounded as for one effect (the union bound over the looks holds whatever stops the sampling), so the
 * combined verdict keeps the fixed design's guarantees at alpha. `decideAt(n, alpha_k)` is the claim's combined decision
 * on the first n seeds; the same function replays the design over the seeds at hand (the claim's `decide`).
 */
export interface MultiPartLooks {
  /** the deciding look (0-based) and its seeds and alpha; the looks before it were evaluated and did not decide */
  look: number;
  n: number;
  alpha: number;
  sizes: number[];
  alphas: number[];
  evaluated: SequentialLook[];
  stoppedEarly: boolean;
  /** the look's decision, its `because` followed by the design (which look, seeds, alpha spent) */
  decision: Decision;
}

/** "sequential look k of K (n of at most N seeds, alpha a_k of a spent by <the spending rule>[; more])" */
function lookText(design: SequentialDesign, k: number, sizes: number[], alphaK: number, alpha: number, more?: string): string {
  return `sequential look ${k + 1} of ${sizes.length} (${sizes[k]} of at most ${design.maxN} seeds, alpha ${alphaK.toPrecision(3)} of ${alpha.toPrecision(3)} spent by ${SPENDING_TEXT[design.spending]}${more ? `; ${more}` : ''})`;
}

/** The design replayed over `available` seeds: the first look at which decideAt decides, or the last look the seeds reach (inconclusive when a further look was needed). */
export function replayMultiPart(design: SequentialDesign, alpha: number, available: number, decideAt: (n: number, alphaK: number) => Decision): MultiPartLooks {
  const sizes = lookSizes(design);
  const alphas = lookAlphas(design, alpha);
  const evaluated: SequentialLook[] = [];
  for (let k = 0; k < sizes.length; k++) {
    const n = sizes[k] as number;
    const a = alphas[k] as number;
    if (available < n) {
      const because = `the sequential design's look ${k + 1} of ${sizes.length} needs ${n} seeds, ${available} at hand`;
      return { look: k, n: available, alpha: a, sizes, alphas, evaluated, stoppedEarly: false, decision: { rule: 'empirical-effect', verdict: 'inconclusive', because, wouldDecide: `${n} seeds (look ${k + 1})` } };
    }
    const d = decideAt(n, a);
    evaluated.push({ n, alpha: a, verdict: d.verdict });
    if (d.verdict === 'holds' || d.verdict === 'fails' || k === sizes.length - 1) {
      return { look: k, n, alpha: a, sizes, alphas, evaluated, stoppedEarly: n < design.maxN, decision: { ...d, because: `${d.because}; at ${lookText(design, k, sizes, a, alpha)}` } };
    }
  }
  throw new Error('sequential design: no look'); // unreachable: lookSizes returns at least one look
}

/** The design run: before each look, `ensure(n)` makes the first n seeds' results available; returns the replay at the stop. */
export async function runMultiPart(design: SequentialDesign, alpha: number, ensure: (n: number) => Promise<void>, decideAt: (n: number, alphaK: number) => Decision): Promise<MultiPartLooks> {
  const sizes = lookSizes(design);
  const alphas = lookAlphas(design, alpha);
  let have = 0;
  for (let k = 0; k < sizes.length; k++) {
    have = sizes[k] as number;
    await ensure(have);
    const d = decideAt(have, alphas[k] as number);
    if (d.verdict === 'holds' || d.verdict === 'fails') break;
  }
  return replayMultiPart(design, alpha, have, decideAt);
}
