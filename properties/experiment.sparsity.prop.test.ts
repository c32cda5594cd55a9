import record, { type SparsityStatement } from '../theorems/experiment.sparsity.js';
import { pairedRun, pruningCurves, thetaSupports } from '../src/scenarios/labelNoiseContrast.js';
import { describeSetup } from '../src/scenarios/syntheticTraining.js';
import { claim } from './claim.js';
import { allEffects, effectResult, effectRow, type EffectSpec, seedsForEffects } from '../src/verdict/checks/effects.js';
import { lazyWindowObserver } from './monitors/lazyWindow.js';
import { lineFigure } from '../src/figures/lineCharts.js';

const flipped = (s: SparsityStatement) => (s.direction > 0 ? '' : ' (direction flipped)');
const effects = (s: SparsityStatement): EffectSpec[] => [
  { id: 'fewer effective neurons', effect: `log(PR plain / PR label noise)${flipped(s)}`, sesoi: s.sesoiParticipation, sd: s.sdParticipation },
  { id: `better pruned model at ${100 * record.thresholds.keepDecisive!.value}% of the neurons`, effect: `log(pruned loss plain / pruned loss label noise)${flipped(s)}`, sesoi: s.sesoiPruned, sd: s.sdPruned },
];
type Seed = { prNoise: number; prPlain: number; srNoise: number; srPlain: number; pruneNoise: number[]; prunePlain: number[] };
const decideAll = ({ per, k }: { per: Seed[]; k: number }, s: SparsityStatement, alpha: number) => {
  const [pr, pruned] = effects(s) as [EffectSpec, EffectSpec];
  const results = [effectResult(pr, per.map((p) => s.direction * Math.log(p.prPlain / p.prNoise)), alpha), effectResult(pruned, per.map((p) => s.direction * Math.log((p.prunePlain[k] as number) / (p.pruneNoise[k] as number))), alpha)] as const;
  return { results, decision: allEffects([{ id: pr.id, decision: results[0].decision }, { id: pruned.id, decision: results[1].decision }]) };
};

claim(record, {
  measure: (ctx) => {
    const dom = ctx.domain;
    const k = dom.keep.indexOf(record.thresholds.keepDecisive!.value);
    if (k < 0) throw new Error(`keepDecisive ${record.thresholds.keepDecisive!.value} is not among the domain's keep fractions`);
    const seeds = seedsForEffects(effects(record.statement!), ctx.alpha, record.statement!.power);
    const bar = ctx.progress(2 * (seeds * dom.steps + dom.sparseTheta.seeds * dom.sparseTheta.steps), 'steps');
    const common = { logEvery: dom.logEvery, tailFraction: record.thresholds.tailFraction!.value, fixedPoint: record.thresholds.fixedPoint!.value, progress: (k: number) => bar.tick(k) };
    const per: Seed[] = Array.from({ length: seeds }, (_, s) => {
      const r = pairedRun({ ...common, setup: dom.setup, steps: dom.steps, onNoiseLog: lazyWindowObserver(ctx, dom.setup.config.eta, `seed ${s}`) }, ctx.runSeed('run', s));
      const curve = pruningCurves(r, dom.keep);
      return { prNoise: r.participationNoise, prPlain: r.participationPlain, srNoise: r.stableRankNoise, srPlain: r.stableRankPlain, pruneNoise: curve.noise, prunePlain: curve.plain };
    });
    const sparse = Array.from({ length: dom.sparseTheta.seeds }, (_, s) => pairedRun({ ...common, ...dom.sparseTheta }, ctx.runSeed('sparse', s)));
    bar.done();
    return { per, k, sparse: sparse.map((r) => ({ ...thetaSupports(r), testNoise: r.testNoise, testPlain: r.testPlain })) };
  },
  decide: (m, s, ctx) => decideAll(m, s, ctx.alpha).decision,
  describe: (m, _d, ctx) => {
    const dom = ctx.domain;
    const { results } = decideAll(m, record.statement!, ctx.alpha);
    const fx = effects(record.statement!);
    const curve = m.per.flatMap((p, seed) => dom.keep.flatMap((k, j) => [{ keep: 100 * k, loss: Math.max(p.pruneNoise[j] as number, 1e-4), method: 'label noise SGD', seed: `s${seed}` }, { keep: 100 * k, loss: Math.max(p.prunePlain[j] as number, 1e-4), method: 'plain SGD', seed: `s${seed}` }]));
    return {
      evidence: {
        setup: describeSetup(dom.setup),
        sigma: dom.setup.config.sigma,
        steps: dom.steps,
        power: Math.min(...results.map((r) => r.power)),
        effectiveNeuronsNoise: m.per.map((p) => dom.setup.config.m * p.prNoise),
        effectiveNeuronsPlain: m.per.map((p) => dom.setup.config.m * p.prPlain),
        stableRankNoise: m.per.map((p) => p.srNoise),
        stableRankPlain: m.per.map((p) => p.srPlain),
        sparseThetaSetup: describeSetup(dom.sparseTheta.setup),
        sparseThetaNote: "coordinate sparsity of theta (evidence only): with theta* 2-sparse and n < d the interpolator a method reaches is not forced to be theta*; the effective support ||theta||_1^2/||theta||_2^2 is reported for both methods beside theta*'s. The two-layer linear network's implicit bias acts on the neurons, not on the coordinates of theta",
      },
      hypotheses: [{ id: 'sigma>0', status: 'met', detail: `sigma = ${dom.setup.config.sigma}` }],
      cases: m.per.length + m.sparse.length,
      tables: {
        effects: fx.map((e, i) => effectRow(e.id, e, results[i]!)),
        'paired seeds': m.per.map((p, seed) => ({ seed, 'PR, label noise': p.prNoise, 'PR, plain SGD': p.prPlain, ...Object.fromEntries(dom.keep.flatMap((k, j) => [[`pruned ${100 * k}%: noise`, p.pruneNoise[j] as number], [`pruned ${100 * k}%: plain`, p.prunePlain[j] as number]])) })),
        'sparse theta* variant (evidence only)': m.sparse.map((r, seed) => ({ seed, 'effective support, label noise': r.noise, 'effective support, plain SGD': r.plain, 'effective support of theta*': r.star, 'test loss, label noise': r.testNoise, 'test loss, plain SGD': r.testPlain })),
      },
      figures: [lineFigure({ id: 'sparsity.pruning', title: `Sparsity (Figure 1 (right) analogue): test loss of the model pruned to its top neurons by |a_i| ||w_i||, relative to the zero predictor, floored at 1e-4 (${describeSetup(dom.setup)})`, values: curve, x: { field: 'keep', title: '% of neurons kept' }, y: { field: 'loss', title: 'pruned test loss / zero predictor (log)', log: true }, color: { field: 'method', title: 'method' }, detail: 'seed' })],
    };
  },
});
