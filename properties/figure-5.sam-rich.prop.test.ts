import record, { type Figure5Statement } from '../theorems/figure-5.sam-rich.js';
import { claim } from './claim.js';
import { compareRun, float32Check, comparisonRow, divergedRuns, realWorldSetup, runSeeds, type RunComparison } from '../src/scenarios/cifarLinearization.js';
import type { RealWorldSeedResult, RunSpec } from '../src/cifar/realworld.js';
import type { SequentialDesign } from '../src/verdict/checks/sequential.js';
import { allEffects, type EffectPart, partCounts, partRow, planEvidence, planSeeds } from '../src/verdict/checks/effects.js';
import { decideSeedDesign, departParts, engineEvidence, float32Evidence, lazyParts, observeRuns, runSeedDesign, seedSearch, sequentialEvidence } from './support/cifarRealWorld.js';
import { curvesFigure, lossPoints, normPoints } from '../src/figures/realWorld.js';

// Figure 5: GD lazy, full-batch SAM rich, at every declared rho (combineAll; record.combine).
const FLOOR = record.thresholds.floor!.value;
const GD = 'GD';
/** seeds drawn in the figures (the tables list every seed) */
const SHOWN = 3;
const samName = (rho: number): string => `full-batch SAM (rho = ${rho})`;
type Measured = { gd: RunComparison[]; sam: { rho: number; cmps: RunComparison[] }[] };

const parts = (m: Measured, s: Figure5Statement, alpha: number): EffectPart[] => [...lazyParts('', m.gd, s, alpha), ...m.sam.flatMap((x) => departParts('', samName(x.rho), x.cmps, s, alpha))];
/** the comparisons of the first n seeds */
const firstSeeds = (m: Measured, n: number): Measured => ({ gd: m.gd.slice(0, n), sam: m.sam.map((x) => ({ rho: x.rho, cmps: x.cmps.slice(0, n) })) });
const compared = (results: RealWorldSeedResult[], rhos: number[]): Measured => ({ gd: results.map((r) => compareRun(r, GD, FLOOR)), sam: rhos.map((rho) => ({ rho, cmps: results.map((r) => compareRun(r, samName(rho), FLOOR)) })) });
/** the fixed design on the seeds at hand, or the tier's sequential design replayed over them */
const decideOn = (m: Measured, seeds: number, design: SequentialDesign | undefined, s: Figure5Statement, alpha: number) => decideSeedDesign(design, seeds, alpha, (n, a) => allEffects(parts(firstSeeds(m, n), s, a)));

claim(record, {
  async measure(ctx) {
    const d = ctx.domain;
    const s = record.statement!;
    const plan = planSeeds([{ sesoi: s.sesoiTrack, sd: s.sdTrack }, { sesoi: s.sesoiDepart, sd: s.sdDepart }], ctx.alpha, s.power, d.maxSeeds);
    const setup = await realWorldSetup(d.scale.nTrain, d.scale.nTest);
    const runs: RunSpec[] = [{ name: GD, noise: { kind: 'none' }, update: { kind: 'gd' } }, ...d.rhos.map((rho) => ({ name: samName(rho), noise: { kind: 'none' as const }, update: { kind: 'sam' as const, rho } }))];
    // seed i runs on its own stream whatever the design: the sequential design only stops at an earlier look
    const results: RealWorldSeedResult[] = [];
    const ensure = async (n: number): Promise<void> => {
      const from = results.length;
      if (n > from) results.push(...(await runSeeds(setup, d.scale, n - from, 'standard', runs, (i) => ctx.runSeed('seed', from + i))));
    };
    const design: SequentialDesign | undefined = d.sequential ? { maxN: plan.seeds, ...d.sequential } : undefined;
    await runSeedDesign(design, plan.seeds, ctx.alpha, ensure, (n, a) => allEffects(parts(compared(results.slice(0, n), d.rhos), s, a)));
    const { gd, sam } = compared(results, d.rhos);
    observeRuns(ctx, GD, gd, { ntk: 0, noisy: 0, sam: 0, rho: 0 }, d.scale, d.scale.eta);
    for (const x of sam) observeRuns(ctx, samName(x.rho), x.cmps, { ntk: 0, noisy: 0, sam: 1, rho: x.rho }, d.scale, d.scale.eta);
    const f32 = d.float32Check ? await float32Check(setup, d.scale, 'standard', runs[1]!, ctx.runSeed('seed', 0)) : undefined;
    return { plan, design, setup, results, gd, sam, f32, diverged: divergedRuns(results) };
  },
  decide: (m, s, ctx) => (m.diverged.length ? { rule: 'empirical-effect', verdict: 'inconclusive', because: `runs diverged: ${m.diverged.join('; ')}`, wouldDecide: 'runs that do not diverge' } : decideOn(m, m.results.length, m.design, s, ctx.alpha).decision),
  describe(m, decision, ctx) {
    const d = ctx.domain;
    const at = decideOn(m, m.results.length, m.design, record.statement!, ctx.alpha);
    // the parts as the deciding look saw them: its seeds, its alpha
    const ps = parts(firstSeeds(m, at.seeds), record.statement!, at.alpha);
    const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
    return {
      summary: `${decision.verdict}: ${partCounts(ps)} (${m.results.length} seeds, width ${d.scale.width}, ${d.scale.steps} steps at eta ${d.scale.eta}, rho in {${d.rhos.join(', ')}}; ${m.results[0]?.engineDescription}). ${decision.because}`,
      evidence: {
        ...planEvidence(m.plan),
        ...sequentialEvidence(at.looks, m.results.length),
        backend: m.setup.info.description,
        rhos: d.rhos,
        ...engineEvidence(m.results),
        ...Object.fromEntries(ps.map((p) => [`part: ${p.spec.id}`, `${p.result.decision.verdict}: ${p.result.decision.because}`])),
        samNormFall: m.sam.map((x) => mean(x.cmps.map((c) => c.normFall))),
        gdNormFall: mean(m.gd.map((c) => c.normFall)),
        ...float32Evidence(m.f32, `seed 0, ${samName(d.rhos[0]!)}`),
        ...seedSearch(ctx, at.seeds, (i) => ps.map((p): [string, number] => [p.spec.id, p.differences[i] ?? 0])),
      },
      hypotheses: [
        { id: 'authors-setup', status: d.scale.width === 512 && d.scale.steps === 10_000 && d.scale.eta === 1e-3 ? 'met' : 'relaxed', detail: `FC 3072-${d.scale.width}-erf-10, ${d.scale.nTrain} + ${d.scale.nTest} images, eta ${d.scale.eta}, ${d.scale.steps} full-batch steps (authors' real-world notebook: 512, 64 + 64, 1e-3, 10,000)` },
        { id: 'rho', status: 'unevaluable', detail: `the paper states no SAM radius; every tested rho is claimed: {${d.rhos.join(', ')}}` },
        { id: 'NTK parameterization / WideResNet', status: 'relaxed', detail: "standard parameterization FC network of the released real-world notebook (the authors' SAM notebook is not public)" },
      ],
      cases: m.results.length,
      tables: { parts: ps.map(partRow), 'runs per seed': m.results.flatMap((r, i) => [m.gd[i]!, ...m.sam.map((x) => x.cmps[i]!)].map((c) => comparisonRow('standard', r, c))) },
      figures: [
        curvesFigure('figure-5.losses', `Figure 5, ${ctx.tier} tier, the first ${Math.min(SHOWN, m.results.length)} of ${m.results.length} seeds: train and test loss (clean labels) of GD and full-batch SAM and of the linearized models`, m.results.slice(0, SHOWN).flatMap((r, i) => lossPoints(r, `seed ${i}`, '', 41)), '0.5 mean (f - y)^2'),
        curvesFigure('figure-5.norms', `Figure 5 (beside it), ${ctx.tier} tier: first-layer norms relative to initialization`, m.results.slice(0, SHOWN).flatMap((r, i) => normPoints(r, `seed ${i}`, '', 41)), 'ratio to step 0', { logY: false, dashed: () => false }),
      ],
    };
  },
});
