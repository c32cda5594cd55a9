// Over ~80 lines: four declared parts (tracks, departs, norms fall, float32 vs float64) decided as separate effects and combined as the record declares.
import record, { type Figure3Statement } from '../theorems/figure-3.label-noise-rich.js';
import { claim } from './claim.js';
import { fmt } from '../src/stats/format.js';
import { CLEAN, compareRun, float32Check, comparisonRow, divergedRuns, realWorldSetup, runSeeds, type RunComparison } from '../src/scenarios/cifarLinearization.js';
import type { RealWorldSeedResult, RunSpec } from '../src/cifar/realworld.js';
import { allEffects, decideEffect, type EffectPart, partCounts, partRow, planEvidence, planSeeds } from '../src/verdict/checks/effects.js';
import { decideSeedDesign, departParts, engineEvidence, float32Evidence, lazyParts, observeRuns, runSeedDesign, seedSearch, sequentialEvidence } from './support/cifarRealWorld.js';
import type { SequentialDesign } from '../src/verdict/checks/sequential.js';
import { curvesFigure, lossPoints, normPoints } from '../src/figures/realWorld.js';

// Figure 3 (a, b, c): lazy without label noise, rich with it; one effect per part, combineAll (record.combine).
const FLOOR = record.thresholds.floor!.value;
/** seeds drawn in the figures (the tables list every seed) */
const SHOWN = 3;
const runs1 = (d: { noises: { name: string }[] }): string => d.noises[0]!.name;
interface Config { label: string; results: RealWorldSeedResult[]; clean: RunComparison[]; noisy: { name: string; cmps: RunComparison[] }[] }

function normParts(c: Config, s: Figure3Statement, alpha: number): EffectPart[] {
  const spec = (id: string, effect: string) => ({ id: `${c.label}: ${id}`, effect: effect + (s.direction > 0 ? '' : ' (direction flipped)'), sesoi: s.sesoiNorm, sd: s.sdNorm });
  return c.noisy.flatMap((n) => [
    decideEffect(spec(`norms fall, ${n.name}`, `fall of the mean per-neuron norm - ${s.normFall}`), n.cmps.map((x) => s.direction * (x.normFall - s.normFall)), alpha),
    decideEffect(spec(`norms vs clean, ${n.name}`, `fall(noisy) / ${s.normRatio} - fall(clean)`), n.cmps.map((x, i) => s.direction * (x.normFall / s.normRatio - c.clean[i]!.normFall)), alpha),
  ]);
}

function parts(configs: readonly Config[], s: Figure3Statement, alpha: number): EffectPart[] {
  return configs.flatMap((c) => [...lazyParts(`${c.label}: `, c.clean, s, alpha), ...c.noisy.flatMap((n) => departParts(`${c.label}: `, n.name, n.cmps, s, alpha)), ...normParts(c, s, alpha)]);
}

/** a configuration's results and comparisons for its first n seeds */
const firstSeeds = (c: Config, n: number): Config => ({ label: c.label, results: c.results.slice(0, n), clean: c.clean.slice(0, n), noisy: c.noisy.map((x) => ({ name: x.name, cmps: x.cmps.slice(0, n) })) });
/** the fixed design on the seeds at hand, or the tier's sequential design replayed over them */
const decideOn = (configs: readonly Config[], design: SequentialDesign | undefined, s: Figure3Statement, alpha: number) =>
  decideSeedDesign(design, Math.min(...configs.map((c) => c.results.length)), alpha, (n, a) => allEffects(parts(configs.map((c) => firstSeeds(c, n)), s, a)));

claim(record, {
  async measure(ctx) {
    const d = ctx.domain;
    const s = record.statement!;
    const plan = planSeeds([{ sesoi: s.sesoiTrack, sd: s.sdTrack }, { sesoi: s.sesoiDepart, sd: s.sdDepart }, { sesoi: s.sesoiNorm, sd: s.sdNorm }], ctx.alpha, s.power, d.maxSeeds);
    const setup = await realWorldSetup(d.scale.nTrain, d.scale.nTest);
    const runs: RunSpec[] = [{ name: CLEAN, noise: { kind: 'none' }, update: { kind: 'gd' } }, ...d.noises.map((v) => ({ name: v.name, noise: v.noise, update: { kind: 'gd' as const } }))];
    const config = (label: string, results: RealWorldSeedResult[], names: string[]): Config => ({ label, results, clean: results.map((r) => compareRun(r, CLEAN, FLOOR)), noisy: names.map((name) => ({ name, cmps: results.map((r) => compareRun(r, name, FLOOR)) })) });
    // seed i runs on its own streams whatever the design: the sequential design only stops at an earlier look
    const std: RealWorldSeedResult[] = [];
    const ntk: RealWorldSeedResult[] = [];
    const ensure = async (n: number): Promise<void> => {
      const from = std.length;
      if (n <= from) return;
      std.push(...(await runSeeds(setup, d.scale, n - from, 'standard', runs, (i) => ctx.runSeed('seed', from + i))));
      if (d.ntkVariant) ntk.push(...(await runSeeds(setup, d.scale, n - from, 'ntk', runs.slice(0, 2), (i) => ctx.runSeed('ntk', from + i), { rateFrom: (i) => std[from + i]!.linMaxRate })));
    };
    const build = (n: number): Config[] => [config('standard', std.slice(0, n), d.noises.map((v) => v.name)), ...(d.ntkVariant ? [config('NTK param.', ntk.slice(0, n), [runs[1]!.name])] : [])];
    const design: SequentialDesign | undefined = d.sequential ? { maxN: plan.seeds, ...d.sequential } : undefined;
    await runSeedDesign(design, plan.seeds, ctx.alpha, ensure, (n, a) => allEffects(parts(build(n), s, a)));
    const configs = build(std.length);
    for (const c of configs) {
      const kind = { ntk: c.label === 'standard' ? 0 : 1, noisy: 0, sam: 0, rho: 0 };
      observeRuns(ctx, `${c.label} ${CLEAN}`, c.clean, kind, d.scale, c.results[0]?.eta ?? d.scale.eta);
      for (const n of c.noisy) observeRuns(ctx, `${c.label} ${n.name}`, n.cmps, { ...kind, noisy: 1 }, d.scale, c.results[0]?.eta ?? d.scale.eta);
    }
    const f32 = d.float32Check ? await float32Check(setup, { ...d.scale, width: d.float32Width ?? d.scale.width }, 'standard', runs[1]!, ctx.runSeed('seed', 0)) : undefined;
    return { plan, design, setup, configs, f32, diverged: configs.flatMap((c) => divergedRuns(c.results)) };
  },
  decide: (m, s, ctx) => (m.diverged.length ? { rule: 'empirical-effect', verdict: 'inconclusive', because: `runs diverged: ${m.diverged.join('; ')}`, wouldDecide: 'runs that do not diverge' } : decideOn(m.configs, m.design, s, ctx.alpha).decision),
  describe(m, decision, ctx) {
    const d = ctx.domain;
    const s = record.statement!;
    const at = decideOn(m.configs, m.design, s, ctx.alpha);
    // the parts as the deciding look saw them: its seeds, its alpha
    const ps = parts(m.configs.map((c) => firstSeeds(c, at.seeds)), s, at.alpha);
    const seedsRun = m.configs[0]!.results.length;
    const std = m.configs[0]!;
    const margins = (i: number): [string, number][] => ps.filter((p) => p.spec.id.startsWith('standard')).map((p): [string, number] => [p.spec.id, p.differences[i] ?? 0]);
    const lossPts = (c: Config) => c.results.slice(0, SHOWN).flatMap((r, i) => lossPoints(r, `seed ${i}`, '', 41));
    return {
      summary: `${decision.verdict}: ${partCounts(ps)} (${seedsRun} seeds, width ${d.scale.width}, ${d.scale.steps} steps at eta ${d.scale.eta}; ${std.results[0]?.engineDescription}). ${decision.because}`,
      evidence: {
        ...planEvidence(m.plan),
        ...sequentialEvidence(at.looks, seedsRun),
        backend: m.setup.info.description,
        data: `${m.setup.data.train.source}; ${m.setup.data.test.source}${m.setup.data.userDir ? ' (AUDIT_CIFAR_DIR)' : ' (shipped data/cifar10-mini)'}`,
        ...engineEvidence(m.configs.flatMap((c) => c.results)),
        etaNtkVariant: m.configs[1]?.results.map((r) => r.eta) ?? [],
        ...float32Evidence(m.f32, `seed 0, ${runs1(d)}, width ${d.float32Width ?? d.scale.width}`),
        ...Object.fromEntries(ps.map((p) => [`part: ${p.spec.id}`, `${p.result.decision.verdict}: ${p.result.decision.because}`])),
        ...seedSearch(ctx, at.seeds, margins),
      },
      hypotheses: [
        { id: 'authors-setup', status: d.scale.width === 512 && d.scale.steps === 10_000 && d.scale.eta === 1e-3 ? 'met' : 'relaxed', detail: `FC 3072-${d.scale.width}-erf-10, ${d.scale.nTrain} + ${d.scale.nTest} images, eta ${d.scale.eta}, ${d.scale.steps} full-batch steps (authors: 512, 64 + 64, 1e-3, 10,000)` },
        { id: 'NTK parameterization', status: d.ntkVariant ? 'met' : 'relaxed', detail: d.ntkVariant ? 'both: the standard parameterization of the released code, and the NTK parameterization of the text (learning rate set to the same linearized rate)' : 'standard parameterization only at this tier (the NTK variant runs at the quick tier)' },
        { id: 'WideResNet', status: 'relaxed', detail: "the text's WideResNets are not run; the released notebook's FC network is" },
      ],
      cases: m.configs.reduce((n, c) => n + c.results.length, 0),
      tables: {
        parts: ps.map(partRow),
        'runs per seed': m.configs.flatMap((c) => c.results.flatMap((r, i) => [c.clean[i]!, ...c.noisy.map((n) => n.cmps[i]!)].map((x) => comparisonRow(c.label, r, x)))),
      },
      figures: [
        curvesFigure('figure-3.losses', `Figure 3 (a, b), ${ctx.tier} tier, standard parameterization, width ${d.scale.width}, the first ${Math.min(SHOWN, seedsRun)} of ${seedsRun} seeds: loss against the clean labels`, lossPts(std), '0.5 mean (f - y)^2'),
        ...(m.configs[1] ? [curvesFigure('figure-3.losses-ntk', `Figure 3 (a, b), ${ctx.tier} tier, NTK parameterization (the text)`, lossPts(m.configs[1]), '0.5 mean (f - y)^2')] : []),
        curvesFigure('figure-3.norms', `Figure 3 (c), ${ctx.tier} tier: first-layer norms relative to initialization (claim: down by >= ${fmt(s.normFall * 100)}% with label noise)`, m.configs.flatMap((c) => c.results.slice(0, SHOWN).flatMap((r, i) => normPoints(r, `seed ${i}`, c.label === 'standard' ? '' : 'NTK param.: ', 41))), 'ratio to step 0', { logY: false, dashed: () => false }),
      ],
    };
  },
});
