import { seedsForPower } from '../../src/stats/ttest.js';
import { combineAll, empiricalEffectRule, type Decision, type EmpiricalEffectResult } from '../../src/verdict/checks/index.js';

/**
 * The CIFAR figures' parts, each one effect decided by the empirical-effect rule (src/verdict/checks/empiricalEffect.ts)
 * on one number per seed, signed so that the claimed direction is positive ("the clean run's log-distance to its
 * linearization is below ln 1.25" becomes ln 1.25 - distance). The smallest effect of interest (SESOI) and the standard
 * deviation assumed for the power are the record's statement, declared before the run; the seeds are the smallest number
 * giving every effect the declared power at the claim's alpha (seedsForPower), capped by the tier's budget (the cap and
 * the power reached are reported); the parts and settings combine by combineAll (any fails -> fails, all hold -> holds).
 */
export interface EffectSpec {
  /** the part's name in the combined verdict */
  id: string;
  /** the per-seed difference in words, positive in the claimed direction */
  effect: string;
  sesoi: number;
  sd: number;
}

export interface SeedPlan {
  /** the seeds run: min(needed, cap) */
  seeds: number;
  /** seedsForPower's answer (the largest over the effects) */
  needed: number;
  cap: number;
  power: number;
}

/** The seeds of a design: the largest seedsForPower over the effects (at least 2), capped by the tier's budget. */
export function planSeeds(effects: readonly Pick<EffectSpec, 'sesoi' | 'sd'>[], alpha: number, power: number, cap: number): SeedPlan {
  const needed = Math.max(2, ...effects.map((e) => seedsForPower(e.sesoi, e.sd, alpha, power, 200)));
  return { seeds: Math.min(needed, cap), needed, cap, power };
}

export interface PartResult {
  spec: EffectSpec;
  result: EmpiricalEffectResult;
  differences: number[];
}

/**
 * The rule on one part. A seed whose number is not finite (a diverged run) is reported, never passed on as NaN: the part
 * is decided on the finite seeds and is then at most inconclusive.
 */
export function decideEffect(spec: EffectSpec, differences: readonly number[], alpha: number): PartResult {
  const finite = differences.filter(Number.isFinite);
  const bad = differences.flatMap((d, i) => (Number.isFinite(d) ? [] : [i]));
  const r = empiricalEffectRule({ effect: spec.effect, differences: finite, sesoi: spec.sesoi, sdAssumed: spec.sd, alpha });
  const result: EmpiricalEffectResult = bad.length
    ? { ...r, decision: { rule: 'empirical-effect', verdict: 'inconclusive', because: `${spec.effect}: seed(s) ${bad.join(', ')} diverged; on the other ${r.n}: ${r.decision.because}`, wouldDecide: 'runs that do not diverge' } }
    : r;
  return { spec, result, differences: [...differences] };
}

/** Every part at every setting is claimed: combineAll, each part named. */
export function combineParts(parts: readonly PartResult[]): Decision {
  return combineAll(parts.map((p) => ({ setting: p.spec.id, decision: p.result.decision })));
}

/** One table row per part: the seeds' numbers, mean, sd, one-sided bounds, SESOI, power, decision. */
export function partRow(p: PartResult): Record<string, number | string> {
  const r = p.result;
  return {
    part: p.spec.id,
    difference: p.spec.effect,
    seeds: r.n,
    mean: r.mean,
    sd: r.sd,
    'lower bound (1 - alpha)': r.lower,
    'upper bound (1 - alpha)': r.upper,
    SESOI: p.spec.sesoi,
    'sd assumed': p.spec.sd,
    power: r.power,
    decision: r.decision.verdict,
    values: p.differences.map((v) => (Number.isFinite(v) ? v.toPrecision(4) : String(v))).join(', '),
  };
}

/** "3 holds, 1 fails, 2 inconclusive of 6 parts". */
export function partCounts(parts: readonly PartResult[]): string {
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
