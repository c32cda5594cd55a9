import fc from 'fast-check';
import type { ClaimSpec } from '../../src/verdict/defineClaim.js';
import type { ClaimContext } from '../../src/verdict/context.js';
import { exploration } from '../../src/verdict/explorations.js';
import { fmt } from '../../src/stats/format.js';
import { describeRule, describeSetup, type Trajectory } from '../../src/scenarios/syntheticTraining.js';
import { phaseText, quietPhases, twoPhaseSeed, twoPhaseSymmetry, type PhaseMeasure, type TwoPhaseExperiment, type TwoPhaseStatement } from '../../src/scenarios/twoPhaseDynamics.js';
import { allEffects, effectResult, effectRow, printedOrCorrectedEffect, seedsForEffects, type EffectSpec } from '../../src/verdict/checks/effects.js';
import { lazyWindowObserver } from '../monitors/lazyWindow.js';
import { phaseFigures } from '../../src/figures/synthetic.js';

/**
 * The declaration behind experiment.figure-2 (label-noise SGD) and experiment.figure-4-sam (SAM): independent seeds of the
 * synthetic setup, the two-phase effects of src/scenarios/twoPhaseDynamics.ts each decided by the empirical-effect rule and
 * combined by combineAll; the printed Avg_i <w_i, theta*> against its sign-invariant correction Avg_i |cos(w_i, theta*)|
 * (erratum when the printed one is shown not to rise and the corrected one rises); the exact sign symmetry that explains it;
 * the exploration with the noise source off; and the figures.
 */
type Effects = Record<'normFall' | 'precedence' | 'alignment' | 'lossDrop', EffectSpec>;

function effectsOf(s: TwoPhaseStatement): Effects {
  const dir = s.direction > 0 ? '' : ' (direction flipped)';
  return {
    normFall: { id: 'Phase I: the mean norm falls', effect: `log(Avg||w_i||(0) / Avg||w_i||(end)) - log(${s.normFallFactor})${dir}`, sesoi: s.sesoiNormFall, sd: s.sdNormFall },
    precedence: { id: 'afterwards: the alignment rises after the norm fell', effect: `log(step of Avg|cos| half-rise / step of mean-norm half-fall)${dir}`, sesoi: s.sesoiPrecedence, sd: s.sdPrecedence },
    alignment: { id: 'the mean alignment rises', effect: `rise of the mean alignment from t = 0 to the end, in cosine units${dir}`, sesoi: s.sesoiAlignment, sd: s.sdAlignment },
    lossDrop: { id: 'convergence: the test loss falls', effect: `log(L_test(0) / L_test(end))${dir}`, sesoi: s.sesoiLossDrop, sd: s.sdLossDrop },
  };
}

export interface TwoPhaseRuns {
  seeds: { seed: number; tr: Trajectory; me: PhaseMeasure }[];
  sym: ReturnType<typeof twoPhaseSymmetry>;
  explored: ReturnType<typeof exploration>;
}

function measure(ctx: ClaimContext<TwoPhaseExperiment>): TwoPhaseRuns {
  const dom = ctx.domain;
  const st = ctx.record.statement as TwoPhaseStatement;
  const n = seedsForEffects(Object.values(effectsOf(st)), ctx.alpha, st.power);
  const reading = { tailFraction: ctx.record.thresholds.tailFraction!.value, smoothHalf: ctx.record.thresholds.smoothHalf!.value };
  const bar = ctx.progress(n * dom.steps + dom.explore.numRuns * dom.explore.steps + 2 * dom.symmetry.steps, 'steps');
  const seeds = Array.from({ length: n }, (_, s) => {
    const observe = dom.rule.kind === 'label-noise' ? { onLog: lazyWindowObserver(ctx, dom.setup.config.eta, `seed ${s} (${describeSetup(dom.setup)})`) } : {};
    return twoPhaseSeed(dom, s, ctx.runSeed('run', s), reading, { progress: (k) => bar.tick(k), ...observe });
  });
  const sym = twoPhaseSymmetry(dom, ctx.runSeed('symmetry'));
  bar.tick(2 * dom.symmetry.steps);
  // exploration: the noise source off; a run "shows the picture" when every effect's own difference reaches its SESOI
  const fx = effectsOf(st);
  const quiet = new Map<number, PhaseMeasure>();
  const quietText = describeRule(dom.setup.config, dom.quiet);
  const s = ctx.search({
    name: dom.quietBreaks,
    arbitrary: fc.integer({ min: 0, max: dom.explore.seeds - 1 }).map((seed) => ({ seed, engineSeed: ctx.runSeed('run', seed), setup: describeSetup(dom.setup), rule: quietText, steps: dom.explore.steps })),
    numRuns: dom.explore.numRuns,
    check: (c) => {
      const me = quiet.get(c.seed) ?? quietPhases(dom, c.engineSeed, reading, (k) => bar.tick(k));
      quiet.set(c.seed, me);
      const slack = [me.normFall - fx.normFall.sesoi, me.precedence - fx.precedence.sesoi, me.absCosRise - fx.alignment.sesoi, me.lossDrop - fx.lossDrop.sesoi];
      return { violated: Math.min(...slack) < 0, margin: Math.min(...slack), message: `${quietText}, seed ${c.seed}: ${phaseText(me)}` };
    },
  });
  bar.done();
  return { seeds, sym, explored: exploration(dom.quietBreaks, `${quietText}: the same seeds (data, init, sampling), ${dom.explore.steps} steps`, s) };
}

function decideAll(m: TwoPhaseRuns, s: TwoPhaseStatement, alpha: number) {
  const fx = effectsOf(s);
  const me = m.seeds.map((r) => r.me);
  const dir = s.direction > 0 ? 1 : -1;
  const results = {
    normFall: effectResult(fx.normFall, me.map((x) => dir * (x.normFall - Math.log(s.normFallFactor))), alpha),
    precedence: effectResult(fx.precedence, me.map((x) => dir * x.precedence), alpha),
    printed: effectResult({ ...fx.alignment, effect: `printed Avg<w_i,theta*>: ${fx.alignment.effect}` }, me.map((x) => dir * x.printedRise), alpha),
    corrected: effectResult({ ...fx.alignment, effect: `Avg|cos(w_i,theta*)|: ${fx.alignment.effect}` }, me.map((x) => dir * x.absCosRise), alpha),
    lossDrop: effectResult(fx.lossDrop, me.map((x) => dir * x.lossDrop), alpha),
  };
  const decision = allEffects([
    { id: fx.normFall.id, decision: results.normFall.decision },
    { id: fx.precedence.id, decision: results.precedence.decision },
    { id: fx.alignment.id, decision: printedOrCorrectedEffect(results.printed, results.corrected, 'Avg_i |cos(w_i, theta*)| in place of Avg_i <w_i, theta*>') },
    { id: fx.lossDrop.id, decision: results.lossDrop.decision },
  ]);
  return { fx, results, decision };
}

export function twoPhaseClaim(prefix: string, label: string): ClaimSpec<TwoPhaseExperiment, TwoPhaseStatement, TwoPhaseRuns> {
  return {
    measure,
    decide: (m, s, ctx) => decideAll(m, s, ctx.alpha).decision,
    describe: (m, _d, ctx) => {
      const dom = ctx.domain;
      const { fx, results } = decideAll(m, ctx.record.statement as TwoPhaseStatement, ctx.alpha);
      const tsn = dom.setup.config.thetaStarNorm;
      const me = m.seeds.map((r) => r.me);
      return {
        evidence: {
          runs: me.length,
          setup: describeSetup(dom.setup),
          rule: describeRule(dom.setup.config, dom.rule),
          steps: dom.steps,
          power: Math.min(results.normFall.power, results.precedence.power, results.printed.power, results.lossDrop.power),
          normFall: me.map((x) => x.normFall),
          precedence: me.map((x) => x.precedence),
          absCosRise: me.map((x) => x.absCosRise),
          printedRise: me.map((x) => x.printedRise),
          lossDrop: me.map((x) => x.lossDrop),
          neuronsHalved: me.map((x) => x.neuronsHalved),
          finalThetaErrorOverThetaStar: me.map((x) => x.thetaErrorEnd / tsn),
          symmetryThetaGap: m.sym.thetaGap,
          symmetryFlippedAlignmentGap: m.sym.flippedGap,
          symmetryKeptAlignmentGap: m.sym.keptGap,
          symmetryRun: `${describeSetup(dom.symmetry.setup)}, ${dom.symmetry.steps} steps, ${dom.symmetry.flips} neurons flipped, compared ${m.sym.checks} times`,
          symmetryNote:
            'For the same data, sampling and noise, flipping (w_i, a_i) -> (-w_i, -a_i) leaves theta(t) unchanged and flips <w_i(t), theta*>; Eq. (5) is symmetric under that flip, so E[Avg_i <w_i(t), theta*>] = 0 at every t: the printed average can only fluctuate around 0, and Avg_i |cos(w_i, theta*)| is the alignment that can rise.',
        },
        hypotheses: [
          { id: ctx.record.hypotheses[0] as string, status: 'met', detail: describeRule(dom.setup.config, dom.rule) },
          { id: 'NTK init (Eq. (5))', status: 'met', detail: 'w_ij ~ N(0, 1/d), a_i ~ N(0, 1/m)' },
          { id: 'A4 (||theta*|| = m^(-1/4))', status: 'met', detail: `||theta*|| = ${fmt(tsn)} (the bound; the paper does not print its value)` },
        ],
        cases: me.length,
        explorations: [m.explored],
        tables: {
          effects: [effectRow(fx.normFall.id, fx.normFall, results.normFall), effectRow(fx.precedence.id, fx.precedence, results.precedence), effectRow(`${fx.alignment.id} (printed)`, fx.alignment, results.printed), effectRow(`${fx.alignment.id} (|cos|)`, fx.alignment, results.corrected), effectRow(fx.lossDrop.id, fx.lossDrop, results.lossDrop)],
          'runs (one row per seed)': m.seeds.map(({ seed, me: x }) => ({ seed, outcome: x.outcome, 'norm start': x.normStart, 'norm end': x.normEnd, 'norm half-fall step': x.tNormHalf, 'Avg|cos| half-rise step': x.tAlignHalf, 'Avg|cos| start': x.absCosStart, 'Avg|cos| end': x.absCosEnd, 'printed change (cos units)': x.printedRise, 'test loss start': x.testLossStart, 'test loss end': x.testLossEnd, 'train loss end': x.trainLossEnd, 'neurons halved': x.neuronsHalved })),
        },
        figures: phaseFigures(prefix, label, m.seeds, dom.setup),
      };
    },
  };
}
