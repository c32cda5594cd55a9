import record from '../theorems/experiment.generalization.js';
import { fmt } from '../src/stats/format.js';
import { pairedRun, type PairedRun } from '../src/scenarios/labelNoiseContrast.js';
import { describeSetup } from '../src/scenarios/syntheticTraining.js';
import { claim } from './claim.js';
import { effectResult, effectRow, type EffectSpec, seedsForEffects } from '../src/verdict/checks/effects.js';
import { lazyWindowObserver } from './monitors/lazyWindow.js';
import { contrastLossFigure } from '../src/figures/synthetic.js';

const spec = (s: typeof record.statement & object): EffectSpec => ({ id: 'n < d variant', effect: `log(test loss plain SGD / test loss label-noise SGD)${s.direction > 0 ? '' : ' (direction flipped)'}`, sesoi: s.sesoi, sd: s.sd });
const logRatio = (r: PairedRun) => Math.log(r.testPlain / r.testNoise);
const gm = (xs: number[]) => Math.exp(xs.reduce((s, x) => s + Math.log(x), 0) / xs.length);
const decideOn = (under: PairedRun[], s: typeof record.statement & object, alpha: number) => effectResult(spec(s), under.map((r) => s.direction * logRatio(r)), alpha);

claim(record, {
  measure: (ctx) => {
    const { paper, under, logEvery } = ctx.domain;
    const st = record.statement!;
    const seeds = seedsForEffects([spec(st)], ctx.alpha, st.power);
    const bar = ctx.progress(2 * (paper.seeds * paper.steps + seeds * under.steps), 'steps');
    const common = { logEvery, tailFraction: record.thresholds.tailFraction!.value, fixedPoint: record.thresholds.fixedPoint!.value, progress: (k: number) => bar.tick(k) };
    const runs = {
      paper: Array.from({ length: paper.seeds }, (_, s) => pairedRun({ ...common, ...paper, onNoiseLog: lazyWindowObserver(ctx, paper.setup.config.eta, `paper setup seed ${s}`) }, ctx.runSeed('paper', s))),
      under: Array.from({ length: seeds }, (_, s) => pairedRun({ ...common, ...under, onNoiseLog: lazyWindowObserver(ctx, under.setup.config.eta, `n < d seed ${s}`) }, ctx.runSeed('under', s))),
    };
    bar.done();
    return runs;
  },
  decide: (m, s, ctx) => decideOn(m.under, s, ctx.alpha).decision,
  describe: (m, _d, ctx) => {
    const { paper, under } = ctx.domain;
    const r = decideOn(m.under, record.statement!, ctx.alpha);
    const row = (label: string) => (p: PairedRun, seed: number) => ({ setup: label, seed, 'test loss, label noise (final 10%)': p.testNoise, 'test loss, plain SGD (end)': p.testPlain, 'train loss, label noise': p.trainNoise, 'train loss, plain SGD': p.trainPlain, 'plain SGD': p.plain.outcome.kind === 'stopped' ? `stopped at step ${p.plain.outcome.step}` : 'ran all steps' });
    return {
      evidence: {
        paperSetup: describeSetup(paper.setup),
        paperTestNoise: m.paper.map((p) => p.testNoise),
        paperTestPlain: m.paper.map((p) => p.testPlain),
        paperNote: `n >= d: theta* is the unique interpolator and plain SGD reaches it; label noise only adds its floor (geometric means ${fmt(gm(m.paper.map((p) => p.testNoise)))} vs ${fmt(gm(m.paper.map((p) => p.testPlain)))}): reported, not deciding`,
        underSetup: describeSetup(under.setup),
        underTestNoise: m.under.map((p) => p.testNoise),
        underTestPlain: m.under.map((p) => p.testPlain),
        underLogRatio: m.under.map(logRatio),
        power: r.power,
        underNote: 'n < d: plain SGD from the NTK init stays lazy and keeps the component of theta(0) outside the span of the data; label noise shrinks W and a and with them that component',
      },
      hypotheses: [
        { id: 'sigma>0', status: 'met', detail: `sigma = ${under.setup.config.sigma} (variant), ${paper.setup.config.sigma} (paper setup)` },
        { id: 'n < d (more than one interpolator)', status: 'relaxed', detail: `the paper's setup has n = ${paper.setup.config.n} >= d = ${paper.setup.config.d} (unique interpolator); the verdict rests on the variant n = ${under.setup.config.n} < d = ${under.setup.config.d}` },
      ],
      cases: m.paper.length + m.under.length,
      tables: { effect: [effectRow('n < d variant', spec(record.statement!), r)], 'paired runs': [...m.paper.map(row('paper setup')), ...m.under.map(row('n < d variant'))] },
      figures: [contrastLossFigure('generalization.test-loss', 'Generalization: test loss of label noise SGD and plain SGD at equal steps (floored at 1e-12)', [{ label: `n=${paper.setup.config.n} >= d=${paper.setup.config.d} (as in the paper)`, runs: m.paper }, { label: `n=${under.setup.config.n} < d=${under.setup.config.d} (variant)`, runs: m.under }])],
    };
  },
});
