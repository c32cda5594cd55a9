import record, { type OscillationStatement } from '../theorems/experiment.oscillation.js';
import { fmt } from '../src/stats/format.js';
import { oscillationContrast, type OscillationContrast } from '../src/scenarios/oscillatedSecondLayer.js';
import { describeRule, describeSetup } from '../src/scenarios/syntheticTraining.js';
import { claim } from './claim.js';
import { allEffects, effectResult, effectRow, type EffectSpec, seedsForEffects } from '../src/verdict/checks/effects.js';
import { oscillationFigures } from '../src/figures/synthetic.js';

const effects = (s: OscillationStatement): [EffectSpec, EffectSpec] => {
  const dir = s.direction > 0 ? '' : ' (direction flipped)';
  return [
    { id: 'the first-layer norms diminish under the oscillation', effect: `log(Avg||w_i||(0) / Avg||w_i||(end)) - log(${s.normFallFactor})${dir}`, sesoi: s.sesoiFall, sd: s.sdFall },
    { id: 'more than with a frozen', effect: `log(frozen end/start) - log(oscillation end/start) of Avg||w_i||${dir}`, sesoi: s.sesoiContrast, sd: s.sdContrast },
  ];
};
const decideAll = (runs: readonly OscillationContrast[], s: OscillationStatement, alpha: number) => {
  const [fall, contrast] = effects(s);
  const results = [effectResult(fall, runs.map((r) => s.direction * (-Math.log(r.oscRatio) - Math.log(s.normFallFactor))), alpha), effectResult(contrast, runs.map((r) => s.direction * (Math.log(r.frozenRatio) - Math.log(r.oscRatio))), alpha)] as const;
  return { results, decision: allEffects([{ id: fall.id, decision: results[0].decision }, { id: contrast.id, decision: results[1].decision }]) };
};

claim(record, {
  measure: (ctx) => {
    const dom = ctx.domain;
    const seeds = seedsForEffects(effects(record.statement!), ctx.alpha, record.statement!.power);
    const bar = ctx.progress(2 * seeds * dom.steps, 'steps');
    const runs = Array.from({ length: seeds }, (_, s) => oscillationContrast(dom.setup, ctx.runSeed('run', s), dom.steps, dom.logEvery, record.thresholds.tailFraction!.value, s === 0 ? dom.trackNeurons : 0, (k) => bar.tick(k)));
    bar.done();
    return runs;
  },
  decide: (m, s, ctx) => decideAll(m, s, ctx.alpha).decision,
  describe: (m, _d, ctx) => {
    const dom = ctx.domain;
    const eta = dom.setup.config.eta;
    const { results } = decideAll(m, record.statement!, ctx.alpha);
    return {
      evidence: {
        seeds: m.length,
        setup: describeSetup(dom.setup),
        rule: describeRule(dom.setup.config, { kind: 'oscillation' }),
        steps: dom.steps,
        power: Math.min(...results.map((r) => r.power)),
        oscillationNormRatio: m.map((r) => r.oscRatio),
        frozenNormRatio: m.map((r) => r.frozenRatio),
        meanSqNormEnd: m.map((r) => r.meanSqNormEnd),
        sqrtEta: Math.sqrt(eta),
        frozenFinalTrainLoss: m.map((r) => r.frozen.trainLoss[r.frozen.trainLoss.length - 1] as number),
        oscillationFinalTrainLoss: m.map((r) => r.osc.rows[r.osc.rows.length - 1]!.trainLoss),
      },
      hypotheses: [
        { id: 'oscillation (Eq. (7))', status: 'met', detail: `a_i on {-q, 0, +q}, q = ${fmt(Math.pow(eta, 0.25))}, start +-q w.p. 1/4 each, 0 w.p. 1/2` },
        { id: 'GD on W (Eq. (6))', status: 'met', detail: 'full-batch gradient of L_D, no label noise' },
        { id: 'NTK init of W (Eq. (5))', status: 'met', detail: 'w_ij ~ N(0, 1/d)' },
      ],
      cases: m.length,
      explorations: [{ hypothesis: 'oscillation (Eq. (7))', violation: 'a frozen at the chain start (GD on W only): the contrast run of every seed', found: m.some((r) => -Math.log(r.frozenRatio) >= record.statement!.sesoiFall), note: `with a frozen the mean norm ends at x${m.map((r) => fmt(r.frozenRatio)).join(', x')} of its start: without the oscillation the first layer does not diminish` }],
      tables: {
        effects: effects(record.statement!).map((e, i) => effectRow(e.id, e, results[i]!)),
        seeds: m.map((r, seed) => ({ seed, 'oscillation: Avg||w|| end / start': r.oscRatio, 'oscillation: Avg||w||^2 end': r.meanSqNormEnd, 'frozen a: Avg||w|| end / start': r.frozenRatio, 'frozen a: train loss end': r.frozen.trainLoss[r.frozen.trainLoss.length - 1] as number })),
      },
      figures: oscillationFigures(m, describeSetup(dom.setup)),
    };
  },
});
