import { replayMultiPart, runMultiPart, type MultiPartLooks, type SequentialDesign } from '../../src/verdict/checks/sequential.js';
import type { Decision } from '../../src/verdict/checks/decision.js';
import fc from 'fast-check';
import { fmt } from '../../src/stats/format.js';
import { summarize, tMeanBounds } from '../../src/stats/ttest.js';
import type { RealWorldSeedResult } from '../../src/cifar/realworld.js';
import type { LockstepResult } from '../../src/cifar/lockstep.js';
import type { LinearizationStatement, RunComparison } from '../../src/scenarios/cifarLinearization.js';
import type { ClaimContext } from '../../src/verdict/context.js';
import type { Evidence } from '../../src/verdict/types.js';
import { decideEffect, type EffectPart } from '../../src/verdict/checks/effects.js';

/**
 * The parts Figures 3 and 5 share, as effects (src/verdict/checks/effects.ts): the clean / GD run tracks its linearization, and a run
 * with label noise or SAM departs from it (`departs`) and from the linearized model trained the same way (`rich`).
 * Each number is signed by the statement's direction, so the direction twin flips every part.
 */
type RealWorldStatement = Omit<LinearizationStatement, 'power'>;

/** (lazy) track - log-distance(clean run, exact linearization) on train and on test, one part each. */
export function lazyParts(prefix: string, clean: readonly RunComparison[], s: RealWorldStatement, alpha: number): EffectPart[] {
  const spec = (split: string) => ({ id: `${prefix}lazy, ${clean[0]?.run ?? 'clean'} vs linearization, ${split}`, effect: `${fmt(s.track)} - log-distance of the ${split} loss curves (clean run vs exact linearization)${dir(s)}`, sesoi: s.sesoiTrack, sd: s.sdTrack });
  return [
    decideEffect(spec('train'), clean.map((c) => s.direction * (s.track - c.vsLin.train)), alpha),
    decideEffect(spec('test'), clean.map((c) => s.direction * (s.track - c.vsLin.test)), alpha),
  ];
}

/** (departs) log-distance(run, exact linearization) - depart; (rich) log-distance(run, same-rule linearized model) - depart; max of train and test. */
export function departParts(prefix: string, run: string, cmps: readonly RunComparison[], s: RealWorldStatement, alpha: number): EffectPart[] {
  const spec = (what: string, vs: string) => ({ id: `${prefix}${what}, ${run} vs ${vs}`, effect: `log-distance (max of train, test) of ${run} vs ${vs} - ${fmt(s.depart)}${dir(s)}`, sesoi: s.sesoiDepart, sd: s.sdDepart });
  return [
    decideEffect(spec('departs', 'the exact linearization'), cmps.map((c) => s.direction * (c.vsLin.max - s.depart)), alpha),
    decideEffect(spec('rich', 'the linearized model trained the same way'), cmps.map((c) => s.direction * ((c.vsSame?.max ?? Number.NaN) - s.depart)), alpha),
  ];
}

function dir(s: { direction: number }): string {
  return s.direction > 0 ? '' : ' (direction flipped)';
}

/**
 * The 'cifar-linearization' observation of one run over the seeds (properties/monitors/cifarLinearization.ts reads it): the
 * log-distance (max of train and test) to the exact linearization, its mean and one-sided (1 - alpha) t bounds over the
 * seeds, so that a monitor flags only what the seeds show at the claim's alpha, as the claim's own rule would.
 */
export function observeRuns(ctx: ClaimContext<unknown>, run: string, cmps: readonly RunComparison[], kind: { ntk: number; noisy: number; sam: number; rho: number }, scale: { width: number; steps: number }, eta: number): void {
  const d = cmps.map((c) => c.vsLin.max);
  if (d.length < 2 || !d.every(Number.isFinite)) return;
  const s = summarize(d);
  const b = tMeanBounds(s, ctx.alpha);
  const data = { ...kind, width: scale.width, steps: scale.steps, eta, seeds: d.length, meanLogDist: s.mean, lowerLogDist: b.lower, upperLogDist: b.upper };
  ctx.observe('cifar-linearization', data, `${ctx.record.id}: ${run} over ${d.length} seeds (width ${scale.width}, ${scale.steps} steps at eta ${fmt(eta)})`);
}

/**
 * A fast-check search over the seeds: the first seed whose own numbers fall on the wrong side of a threshold of some part
 * (`margins(i)`: [part, signed margin] per seed; the closest call is reported when none does).
 */
export function seedSearch(ctx: ClaimContext<unknown>, seeds: number, margins: (i: number) => [string, number][]): Evidence {
  const search = ctx.search({
    name: 'main',
    arbitrary: fc.integer({ min: 0, max: Math.max(0, seeds - 1) }),
    numRuns: seeds,
    check: (i) => {
      const worst = margins(i).reduce((a, b) => (b[1] < a[1] ? b : a));
      return { violated: worst[1] < 0, margin: worst[1], message: `seed ${i}: ${worst[1] < 0 ? `${worst[0]} on the wrong side by ${fmt(-worst[1])}` : `closest part ${worst[0]}, margin ${fmt(worst[1])}`}` };
    },
  });
  return { searchCases: search.cases, seedOnTheWrongSide: search.counterexample?.message ?? 'none', closestSeed: search.closest?.message ?? '-' };
}

/** The per-seed engine facts every real-world claim reports. */
export function engineEvidence(results: readonly RealWorldSeedResult[]): Evidence {
  return {
    engine: [...new Set(results.map((r) => r.engineDescription))].join('; '),
    linearizedMaxRate: results.map((r) => r.linMaxRate),
    tracedVsExactBaselineTrain: results.map((r) => r.baselineGap.train),
    tracedVsExactBaselineTest: results.map((r) => r.baselineGap.test),
    forwardVsFloat64: Math.max(...results.map((r) => r.f0Gap)),
    networkSeconds: results.map((r) => r.seconds.network),
    kernelSeconds: results.map((r) => r.seconds.kernel),
  };
}

/** The float32-vs-float64 check over the whole horizon (scenario float32Check), or why the tier skips it. */
export function float32Evidence(r: LockstepResult | undefined, run: string): Evidence {
  if (!r) return { float32VsFloat64: 'not run at this tier (the record\'s float32Check; see the domain)' };
  const f = (x: number): string => fmt(x);
  return {
    float32VsFloat64: `${run}, tfjs float32 vs Gram float64 in lockstep over all ${r.steps} steps (${r.checks} checks): max relative gap train outputs ${f(r.max.trainOut)} (step ${r.maxAt.trainOut}), test outputs ${f(r.max.testOut)}, unit norms ${f(r.max.norms)}; the float64 run moved ${f(r.moved.trainOut)} / ${f(r.moved.testOut)} / ${f(r.moved.norms)} on the same scales`,
    float32GapMax: [r.max.trainOut, r.max.testOut, r.max.norms].map((x) => (Number.isFinite(x) ? x : 1e300)),
    float64Moved: [r.moved.trainOut, r.moved.testOut, r.moved.norms],
  };
}

/** The sequential design's evidence (src/verdict/checks/sequential.ts): the looks, their seeds and alphas, where it stopped; {} for the fixed design. */
export function sequentialEvidence(looks: MultiPartLooks | undefined, seedsRun: number): Evidence {
  if (!looks) return {};
  return {
    seeds: looks.n,
    seedPlan: `sequential: at most ${looks.sizes[looks.sizes.length - 1]} seeds (the power computation's), looks at ${looks.sizes.join(', ')}; the deciding look used ${looks.n}`,
    sequentialDesign: `looks at ${looks.sizes.join(', ')} seeds (alphas ${looks.alphas.map((a) => a.toPrecision(3)).join(', ')}); evaluated: ${looks.evaluated.map((e) => `${e.n} seeds ${e.verdict}`).join(', ')}; ${looks.stoppedEarly ? `stopped at look ${looks.look + 1} with ${looks.n} of ${looks.sizes[looks.sizes.length - 1]} seeds` : `ran to look ${looks.look + 1}`} (${seedsRun} seeds run)`,
    lookAlpha: looks.alpha,
  };
}

/**
 * The seeds a figure runs: all of `seeds` under the fixed design, or the sequential design's looks until the combined
 * verdict is decided (src/verdict/checks/sequential.ts runMultiPart). `ensure(n)` runs seeds up to n; `decideAt(n, alpha)`
 * is the claim's combined decision on the first n seeds.
 */
export async function runSeedDesign(design: SequentialDesign | undefined, seeds: number, alpha: number, ensure: (n: number) => Promise<void>, decideAt: (n: number, alpha: number) => Decision): Promise<void> {
  if (design) await runMultiPart(design, alpha, ensure, decideAt);
  else await ensure(seeds);
}

/** The decision on the `seeds` at hand: the fixed design's on all of them, or the sequential design replayed over them (its deciding look's seeds and alpha). */
export function decideSeedDesign(design: SequentialDesign | undefined, seeds: number, alpha: number, decideAt: (n: number, alpha: number) => Decision): { decision: Decision; alpha: number; seeds: number; looks: MultiPartLooks | undefined } {
  if (!design) return { decision: decideAt(seeds, alpha), alpha, seeds, looks: undefined };
  const looks = replayMultiPart(design, alpha, seeds, decideAt);
  return { decision: looks.decision, alpha: looks.alpha, seeds: looks.n, looks };
}
