import fc from 'fast-check';
import record, { type Figure1Scale, type Figure1Statement } from '../theorems/figure-1.label-noise-generalization.js';
import { claim } from './claim.js';
import { fmt } from '../src/stats/format.js';
import { divergedCnnRuns, labelNoiseName, pairedGains, runCnnExperiment, runSummary, userCifarDir, type CnnExperiment } from '../src/scenarios/cnnLabelNoisePruning.js';
import { allEffects, decideEffect, type EffectPart, partCounts, partRow, planEvidence, planSeeds } from '../src/verdict/checks/effects.js';
import { meanBandFigure } from '../src/figures/realWorld.js';

// Figure 1 (scaled): per tau, accuracy, cross-entropy and pruned-accuracy effects of label noise; combineAll (record.combine).
function parts(e: CnnExperiment, d: Figure1Scale, s: Figure1Statement, alpha: number): EffectPart[] {
  const flip = s.direction > 0 ? '' : ' (direction flipped)';
  return d.taus.flatMap((tau) => {
    const g = pairedGains(e, d, tau);
    const eff = (id: string, effect: string, sesoi: number, sd: number, xs: number[], least: number) => decideEffect({ id: `${id}, tau = ${tau}`, effect: effect + flip, sesoi, sd }, xs.map((x) => s.direction * (x - least)), alpha);
    return [
      eff('test accuracy', `test accuracy of label noise minus SGD's, minus ${s.minGain}`, s.sesoiAcc, s.sdAcc, g.acc, s.minGain),
      eff('test loss', `test cross-entropy of SGD minus label noise's, minus ${s.minLossGain}`, s.sesoiLoss, s.sdLoss, g.loss, s.minLossGain),
      eff('pruned accuracy', `pruned test accuracy (mean over kept fractions < 1) of label noise minus SGD's, minus ${s.minGain}`, s.sesoiAcc, s.sdAcc, g.pruned, s.minGain),
    ];
  });
}

claim(record, {
  async measure(ctx) {
    const dir = ctx.tier === 'paper' && ctx.domain.fullScale ? userCifarDir() : undefined;
    const d: Figure1Scale = dir ? ctx.domain.fullScale! : ctx.domain;
    const s = record.statement!;
    const plan = planSeeds([{ sesoi: s.sesoiAcc, sd: s.sdAcc }, { sesoi: s.sesoiLoss, sd: s.sdLoss }], ctx.alpha, s.power, d.maxSeeds);
    const e = await runCnnExperiment(d, plan.seeds, (i) => ctx.runSeed('seed', i));
    return { d, dir, plan, e, diverged: divergedCnnRuns(e) };
  },
  decide: (m, s, ctx) => (m.diverged.length ? { rule: 'empirical-effect', verdict: 'inconclusive', because: `runs diverged: ${m.diverged.join('; ')}`, wouldDecide: 'runs that do not diverge' } : allEffects(parts(m.e, m.d, s, ctx.alpha))),
  describe(m, decision, ctx) {
    const { d, e } = m;
    const ps = parts(e, d, record.statement!, ctx.alpha);
    const scale = m.dir ? `full scale on ${m.dir} (${e.nTrain} + ${e.nTest} images)` : `SCALED: ${e.nTrain} + ${e.nTest} shipped images at ${d.side}x${d.side}, CNN ${d.c1}/${d.c2} channels, ${d.epochs} epochs at lr ${d.lr}, batch ${d.batch}, ${m.plan.seeds} seeds (the paper: ResNet-18, 50,000 images, 160 epochs, lr 0.1)`;
    const search = ctx.search({
      name: 'main',
      arbitrary: fc.record({ seed: fc.integer({ min: 0, max: e.runs.length - 1 }), tau: fc.constantFrom(...d.taus) }),
      numRuns: e.runs.length * d.taus.length,
      check: ({ seed, tau }) => {
        const [ln, sgd] = [runSummary(e.runs[seed]![labelNoiseName(tau)]!, d), runSummary(e.runs[seed]!['SGD']!, d)];
        const margin = Math.min(ln.acc - sgd.acc, ln.pruned - sgd.pruned);
        return { violated: !(margin > 0), margin, message: `seed ${seed}, tau = ${tau}: test accuracy ${fmt(ln.acc)} vs SGD ${fmt(sgd.acc)}, pruned accuracy ${fmt(ln.pruned)} vs ${fmt(sgd.pruned)}` };
      },
    });
    const rows = (pick: (r: CnnExperiment['runs'][number][string]) => number[], x: (i: number) => number) => e.runs.flatMap((row, s) => e.methods.flatMap((meth) => pick(row[meth]!).map((value, i) => ({ x: x(i), value, method: meth, seed: String(s) }))));
    const tag = m.dir ? 'full scale' : 'scaled';
    return {
      summary: `${decision.verdict} (${scale}): ${partCounts(ps)}. ${decision.because}`,
      evidence: { ...planEvidence(m.plan), scaled: !m.dir, scale, backend: e.info.description, data: e.data, seconds: e.seconds, taus: d.taus, keptFractions: d.keep, ...Object.fromEntries(ps.map((p) => [`effect: ${p.spec.id}`, `${p.result.decision.verdict}: ${p.result.decision.because}`])), searchCases: search.cases, firstPairWithoutGain: search.counterexample?.message ?? 'none' },
      hypotheses: [
        { id: 'ResNet-18 / full CIFAR-10 / 160 epochs', status: 'relaxed', detail: `${scale}; a small CNN in place of ResNet-18 at every scale` },
        { id: 'Algorithm 1', status: 'met', detail: `flip to one of the 9 other classes with probability tau in {${d.taus.join(', ')}}, redrawn at every step for the batch` },
        { id: 'pruning algorithm', status: 'unevaluable', detail: 'the paper points to its appendix for the pruning algorithm, which the available texts lack: global magnitude pruning without fine-tuning is used' },
      ],
      cases: e.runs.length * e.methods.length,
      tables: { effects: ps.map(partRow), runs: e.runs.flatMap((row, s) => e.methods.map((meth) => ({ seed: s, method: meth, ...runSummary(row[meth]!, d), 'train acc': row[meth]!.trainAcc }))) },
      figures: [
        meanBandFigure('figure-1.test-accuracy', `Figure 1 (b), ${tag}: test accuracy vs epoch (mean over ${e.runs.length} seeds, 95% band)`, rows((r) => r.testAcc, (i) => i + 1), 'epoch', 'test accuracy'),
        meanBandFigure('figure-1.test-loss', `Figure 1 (a), ${tag}: test cross-entropy vs epoch`, rows((r) => r.testLoss, (i) => i + 1), 'epoch', 'test loss'),
        meanBandFigure('figure-1.pruning', `Figure 1 (c), ${tag}: test accuracy after global magnitude pruning vs % of weights kept`, rows((r) => r.pruned, (i) => 100 * d.keep[i]!), '% of weights kept', 'test accuracy', true),
      ],
    };
  },
});
