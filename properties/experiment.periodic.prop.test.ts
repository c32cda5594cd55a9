import record, { type PeriodicStatement } from '../theorems/experiment.periodic.js';
import { periodicRun, type PeriodicRun } from '../src/scenarios/periodicLabelNoise.js';
import { describeRule, describeSetup } from '../src/scenarios/syntheticTraining.js';
import { claim } from './claim.js';
import { allEffects, effectResult, effectRow, type EffectSpec, seedsForEffects } from '../src/verdict/checks/effects.js';
import { periodicFigures } from '../src/figures/synthetic.js';

const effects = (s: PeriodicStatement): EffectSpec[] => {
  const dir = s.direction > 0 ? '' : ' (direction flipped)';
  return [
    { id: 'the norms fall with label noise', effect: `fall of Avg||w_i|| over the noise-on windows / Avg||w_i||(0)${dir}`, sesoi: s.sesoiOnFall, sd: s.sdOnFall },
    { id: 'the fall stops without label noise', effect: `${s.offShareMax} - (fall over the noise-off windows) / (fall over the noise-on windows)${dir}`, sesoi: s.sesoiOffShare, sd: s.sdOffShare },
    { id: 'a oscillates under noise and settles without', effect: `log(Avg|a(t+1) - a(t)| on / settled off)${dir}`, sesoi: s.sesoiSettle, sd: s.sdSettle },
  ];
};
const differences = (r: PeriodicRun, s: PeriodicStatement) => [r.onFall / r.normStart, s.offShareMax - r.offFall / r.onFall, Math.log(r.aVarOn / r.aVarOffSettled)].map((x) => s.direction * x);
const decideAll = (runs: readonly PeriodicRun[], s: PeriodicStatement, alpha: number) => {
  const fx = effects(s);
  const results = fx.map((e, k) => effectResult(e, runs.map((r) => differences(r, s)[k] as number), alpha));
  return { results, decision: allEffects(fx.map((e, k) => ({ id: e.id, decision: results[k]!.decision }))) };
};

claim(record, {
  measure: (ctx) => {
    const dom = ctx.domain;
    const seeds = seedsForEffects(effects(record.statement!), ctx.alpha, record.statement!.power);
    const bar = ctx.progress(seeds * dom.periods * (dom.on + dom.off), 'steps');
    const runs = Array.from({ length: seeds }, (_, s) => periodicRun(dom, ctx.runSeed('run', s), (k) => bar.tick(k)));
    bar.done();
    return runs;
  },
  decide: (m, s, ctx) => decideAll(m, s, ctx.alpha).decision,
  describe: (m, _d, ctx) => {
    const dom = ctx.domain;
    const { results } = decideAll(m, record.statement!, ctx.alpha);
    const rule = describeRule(dom.setup.config, { kind: 'label-noise', schedule: { on: dom.on, off: dom.off } });
    return {
      evidence: {
        seeds: m.length,
        setup: describeSetup(dom.setup),
        rule,
        periods: dom.periods,
        power: Math.min(...results.map((r) => r.power)),
        onFallFractionOfStart: m.map((r) => r.onFall / r.normStart),
        offOverOnFall: m.map((r) => r.offFall / r.onFall),
        aVariationSettledOffOverOn: m.map((r) => r.aVarOffSettled / r.aVarOn),
        meanAbsAOn: m.map((r) => r.meanAbsAOn),
        meanAbsAOff: m.map((r) => r.meanAbsAOff),
      },
      hypotheses: [
        { id: 'sigma>0 while on', status: 'met', detail: rule },
        { id: 'NTK init (Eq. (5))', status: 'met', detail: 'w_ij ~ N(0, 1/d), a_i ~ N(0, 1/m)' },
      ],
      cases: m.length,
      tables: {
        effects: effects(record.statement!).map((e, i) => effectRow(e.id, e, results[i]!)),
        seeds: m.map((r, seed) => ({ seed, 'on-window fall / start': r.onFall / r.normStart, 'off-window fall / on-window fall': r.offFall / r.onFall, 'Avg|da| on': r.aVarOn, 'Avg|da| off': r.aVarOff, 'Avg|da| off, settled half': r.aVarOffSettled, 'Avg|a| on': r.meanAbsAOn, 'Avg|a| off': r.meanAbsAOff, outcome: r.tr.outcome.kind })),
        'windows (seed 0)': (m[0]?.windows ?? []).map((w) => ({ window: `${w.start}-${w.end}`, noise: w.on ? 'on' : 'off', 'fall of Avg||w||': w.fall })),
      },
      figures: periodicFigures(m, Array.from({ length: dom.periods }, (_, k) => ({ start: k * (dom.on + dom.off), end: k * (dom.on + dom.off) + dom.on })), `${rule}`),
    };
  },
});
