import { seedsForPower } from '../../stats/ttest.js';
import { combineAll } from './combine.js';
import type { Decision } from './decision.js';
import { empiricalEffectRule, type EmpiricalEffectResult } from './empiricalEffect.js';

/**
 * Effect tables: a claim made of several effects (the experiment claims, the CIFAR figures' parts), each decided by the
 * empirical-effect rule (empiricalEffect.ts) on one number per seed, signed so that the claimed direction is positive,
 * and combined by combineAll (every effect is claimed). The smallest effect of interest (SESOI) and the standard deviation
 * assumed for the power are the record's statement, declared before the run; the seeds are the smallest number giving
 * every effect the declared power at the claim's alpha (seedsForPower), so that holds (the effect shown) and fails (the
 * opposite, or equivalence by TOST) are both reachable, optionally capped by a tier's budget (planSeeds).
 */
export interface EffectSpec {
  /** the effect's (part's, setting's) name in the combined verdict ("Phase I: the mean norm falls") */
  id: string;
  /** the per-seed difference, in words, positive in the claimed direction */
  effect: string;
  sesoi: number;
  sd: number;
}

/** One decided effect: its declaration, the rule's result and the per-seed numbers it was decided on (non-finite kept). */
export interface EffectPart {
  spec: EffectSpec;
  result: EmpiricalEffectResult;
  differences: number[];
}

/** Seeds for a design: the largest seedsForPower over the effects (at least 2); maxN bounds the search (maxN + 1 = not reached). */
export function seedsForEffects(effects: readonly Pick<EffectSpec, 'sesoi' | 'sd'>[], alpha: number, power: number, maxN?: number): number {
  return Math.max(2, ...effects.map((e) => seedsForPower(e.sesoi, e.sd, alpha, power, maxN)));
}

export interface SeedPlan {
  /** the seeds run: min(needed, cap) */
  seeds: number;
  /** seedsForEffects' answer (searched up to 200) */
  needed: number;
  cap: number;
  power: number;
}

/** The seeds of a design capped by the tier's budget (the cap and the power reached are reported by planEvidence). */
export function planSeeds(effects: readonly Pick<EffectSpec, 'sesoi' | 'sd'>[], alpha: number, power: number, cap: number): SeedPlan {
  const needed = seedsForEffects(effects, alpha, power, 200);
  return { seeds: Math.min(needed, cap), needed, cap, power };
}

/**
 * The rule on one effect. A seed whose number is not finite (a diverged run, a zero denominator) is reported, never passed
 * on as NaN: the effect is decided on the finite seeds and is then at most inconclusive.
 */
export function effectResult(spec: EffectSpec, differences: readonly number[], alpha: number): EmpiricalEffectResult {
  const bad = differences.flatMap((d, seed) => (Number.isFinite(d) ? [] : [seed]));
  const r = empiricalEffectRule({ effect: spec.effect, differences: differences.filter(Number.isFinite), sesoi: spec.sesoi, sdAssumed: spec.sd, alpha });
  if (bad.length === 0) return r;
  const because = `${spec.effect}: seed(s) ${bad.join(', ')} gave no finite difference (a diverged run or a zero denominator); on the other ${r.n}: ${r.decision.because}`;
  return { ...r, decision: { rule: 'empirical-effect', verdict: 'inconclusive', because, wouldDecide: 'runs that do not diverge at every seed' } };
}

/** effectResult with its declaration and numbers kept, for tables and searches over the seeds. */
export function decideEffect(spec: EffectSpec, differences: readonly number[], alpha: number): EffectPart {
  return { spec, result: effectResult(spec, differences, alpha), differences: [...differences] };
}

/**
 * A printed quantity and its corrected form, decided by the same rule on the same seeds: printed holds -> holds; printed
 * fails and the corrected form holds -> erratum (with both); otherwise the printed decision.
 */
export function printedOrCorrectedEffect(printed: EmpiricalEffectResult, corrected: EmpiricalEffectResult, correctedForm: string): Decision {
  const p = printed.decision;
  const c = corrected.decision;
  if (p.verdict === 'fails' && c.verdict === 'holds') return { rule: 'empirical-effect', verdict: 'erratum', because: `as printed: ${p.because}; corrected (${correctedForm}): ${c.because}`, printed: p, corrected: c, correctedForm };
  return p;
}

/** Every effect is claimed: combineAll over the effects, each named (any fails -> fails; all hold -> holds; else inconclusive). */
export function allEffects(parts: readonly ({ id: string; decision: Decision } | EffectPart)[]): Decision {
  return combineAll(parts.map((p) => ('spec' in p ? { setting: p.spec.id, decision: p.result.decision } : { setting: p.id, decision: p.decision })));
}

/**
 * One table row per effect: seeds, mean, sd, one-sided bounds, SESOI, power, decision. `name` is the first column's header
 * ('effect' or 'part'), `bounds` a suffix of the bounds' headers (' (1 - alpha)'); `values` adds the seeds' numbers.
 */
export function effectRow(label: string, spec: EffectSpec, r: EmpiricalEffectResult, o: { name?: string; bounds?: string; values?: readonly number[] } = {}): Record<string, number | string> {
  const b = o.bounds ?? '';
  const row: Record<string, number | string> = { [o.name ?? 'effect']: label, difference: spec.effect, seeds: r.n, mean: r.mean, sd: r.sd, [`lower bound${b}`]: r.lower, [`upper bound${b}`]: r.upper, SESOI: spec.sesoi, 'sd assumed': spec.sd, power: r.power, decision: r.decision.verdict };
  if (o.values) row.values = o.values.map((v) => (Number.isFinite(v) ? v.toPrecision(4) : String(v))).join(', ');
  return row;
}

/** The row of a part, with the seeds' numbers (the CIFAR figures' tables). */
export function partRow(p: EffectPart): Record<string, number | string> {
  return effectRow(p.spec.id, p.spec, p.result, { name: 'part', bounds: ' (1 - alpha)', values: p.differences });
}

/** "3 holds, 1 fails, 2 inconclusive of 6 parts". */
export function partCounts(parts: readonly EffectPart[]): string {
  const c = (v: string): number => parts.filter((p) => p.result.decision.verdict === v).length;
  return `${c('holds')} holds, ${c('fails')} fails, ${c('inconclusive')} inconclusive of ${parts.length} parts`;
}

/** The seed plan, for the evidence. */
export function planEvidence(plan: SeedPlan): Record<string, number | string> {
  return {
    seeds: plan.seeds,
    seedsForPower: plan.needed,
    seedCap: plan.cap,
    targetPower: plan.power,
    seedPlan: plan.needed > plan.cap ? `capped: the power computation asks ${plan.needed} seeds, the tier's budget allows ${plan.cap} (each part's power with ${plan.seeds} is in its row)` : `${plan.seeds} seeds reach power ${plan.power} for every part`,
  };
}
