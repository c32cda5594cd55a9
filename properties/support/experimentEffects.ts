import { combineAll, empiricalEffectRule, type Decision, type EmpiricalEffectResult } from '../../src/verdict/checks/index.js';
import { seedsForPower } from '../../src/stats/ttest.js';
import type { Snapshot } from '../../src/engine/metrics.js';
import { lazyWindowObservation } from '../../src/scenarios/syntheticTraining.js';
import type { ClaimContext } from '../../src/verdict/context.js';

/**
 * The experiment claims' effects, each decided by the empirical-effect rule (src/verdict/checks/empiricalEffect.ts) on one
 * paired difference per seed, and combined by combineAll (every effect is claimed). The direction, the smallest effect of
 * interest and the standard deviation assumed for the power are read from the record's statement, declared before the run;
 * the number of seeds is the smallest that gives every effect the declared power at the claim's alpha (seedsForPower), so
 * that both holds (the effect shown) and fails (the opposite, or equivalence by TOST) are reachable.
 */
export interface EffectSpec {
  /** the setting's name in the combined verdict ("Phase I: the mean norm falls") */
  id: string;
  /** the difference, in words, positive in the claimed direction */
  effect: string;
  sesoi: number;
  sd: number;
}

/** Seeds for a design: the largest of seedsForPower over the effects (at least 2). */
export function seedsForEffects(effects: readonly Pick<EffectSpec, 'sesoi' | 'sd'>[], alpha: number, power: number): number {
  return Math.max(2, ...effects.map((e) => seedsForPower(e.sesoi, e.sd, alpha, power)));
}

/**
 * The rule on one effect. A seed whose difference is not a finite number (a diverged run, a zero denominator) is reported,
 * never passed on as NaN: the effect is then decided on the finite seeds and can be at most inconclusive.
 */
export function effect(spec: EffectSpec, differences: readonly number[], alpha: number): EmpiricalEffectResult {
  const bad = differences.flatMap((d, seed) => (Number.isFinite(d) ? [] : [seed]));
  const r = empiricalEffectRule({ effect: spec.effect, differences: differences.filter(Number.isFinite), sesoi: spec.sesoi, sdAssumed: spec.sd, alpha });
  if (bad.length === 0) return r;
  const because = `${spec.effect}: seed(s) ${bad.join(', ')} gave no finite difference (a diverged run or a zero denominator); on the other ${r.n}: ${r.decision.because}`;
  return { ...r, decision: { rule: 'empirical-effect', verdict: 'inconclusive', because, wouldDecide: 'runs that do not diverge at every seed' } };
}

/**
 * A printed quantity and its corrected form, decided by the same rule on the same seeds: printed holds -> holds; printed fails
 * and the corrected form holds -> erratum (with both); otherwise the printed decision.
 */
export function printedOrCorrectedEffect(printed: EmpiricalEffectResult, corrected: EmpiricalEffectResult, correctedForm: string): Decision {
  const p = printed.decision;
  const c = corrected.decision;
  if (p.verdict === 'fails' && c.verdict === 'holds') return { rule: 'empirical-effect', verdict: 'erratum', because: `as printed: ${p.because}; corrected (${correctedForm}): ${c.because}`, printed: p, corrected: c, correctedForm };
  return p;
}

/** Every effect is claimed: combineAll over the effects (any fails -> fails; all hold -> holds; an erratum with the rest holding -> erratum). */
export function allEffects(parts: readonly { id: string; decision: Decision }[]): Decision {
  return combineAll(parts.map((p) => ({ setting: p.id, decision: p.decision })));
}

/** One table row per effect: n, mean, sd, one-sided bounds, SESOI, power. */
export function effectRow(id: string, spec: EffectSpec, r: EmpiricalEffectResult): Record<string, number | string> {
  return { effect: id, difference: spec.effect, seeds: r.n, mean: r.mean, sd: r.sd, 'lower bound': r.lower, 'upper bound': r.upper, SESOI: spec.sesoi, 'sd assumed': spec.sd, power: r.power, decision: r.decision.verdict };
}

/** Label-noise SGD from the NTK init enters Lemma C.2's premise while lazy and t <= T0: its logged states go to ctx.observe ('lazy-window'). */
export function lazyWindowObserver(ctx: ClaimContext<unknown>, eta: number, where: string): (sn: Snapshot) => void {
  return (sn) => {
    const o = lazyWindowObservation(sn, eta);
    if (o) ctx.observe('lazy-window', o, `${ctx.record.id} ${where}, step ${sn.step}`, `${ctx.record.id} ${where}`);
  };
}
