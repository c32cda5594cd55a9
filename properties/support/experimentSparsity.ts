import type { ClaimContext } from '../../src/verdict/context.js';
import type { ClaimOutcome, Verdict } from '../../src/verdict/types.js';
import type { SparsityDomain } from '../../theorems/experiment.sparsity.js';
import { describeSetup, tailMean } from './experiment.js';
import { effectiveSupport, pairedRun, prunedRelativeLoss, type PairedRun } from './experimentCompare.js';
import { lineFigure, type Datum } from './experimentFigures.js';
import { f } from './experimentPhases.js';
import { experimentProgress, progressEnabled } from './experimentProgress.js';
import { describeT, oneSidedT } from './experimentStats.js';

export function runSparsityClaim(ctx: ClaimContext<SparsityDomain>): ClaimOutcome {
  const dom = ctx.domain;
  const tail = ctx.record.thresholds.tailFraction!.value;
  const keepDec = ctx.record.thresholds.keepDecisive!.value;
  const progress = experimentProgress(ctx.record.id, 2 * (dom.seeds * dom.steps + dom.sparseTheta.seeds * dom.sparseTheta.steps), progressEnabled(ctx.tier));
  const runs: PairedRun[] = [];
  for (let s = 0; s < dom.seeds; s++) runs.push(pairedRun(dom.setup, dom.sigma, dom.steps, dom.logEvery, ctx.runSeed('run', s), s, tail, progress));
  const sparse: PairedRun[] = [];
  for (let s = 0; s < dom.sparseTheta.seeds; s++) sparse.push(pairedRun(dom.sparseTheta.setup, dom.sigma, dom.sparseTheta.steps, dom.logEvery, ctx.runSeed('sparse', s), s, tail, progress));
  progress.stop();
  const from = dom.steps * (1 - tail);
  const per = runs.map((r) => {
    const lastPlain = r.plain.rows[r.plain.rows.length - 1]!;
    return {
      seed: r.seed,
      prNoise: tailMean(r.noise, from, 'participation'),
      prPlain: lastPlain.participation,
      srNoise: tailMean(r.noise, from, 'stableRank'),
      srPlain: lastPlain.stableRank,
      pruneNoise: dom.keep.map((k) => prunedRelativeLoss(r.noise.state, r.noise.data, k)),
      prunePlain: dom.keep.map((k) => prunedRelativeLoss(r.plain.state, r.plain.data, k)),
    };
  });
  const kIdx = dom.keep.indexOf(keepDec);
  if (kIdx < 0) throw new Error(`keepDecisive ${keepDec} is not among the domain's keep fractions`);
  const prT = oneSidedT(
    per.map((p) => Math.log(p.prNoise / p.prPlain)),
    0,
    ctx.alpha,
    'less',
  );
  const prunedT = oneSidedT(
    per.map((p) => Math.log((p.pruneNoise[kIdx] as number) / (p.prunePlain[kIdx] as number))),
    0,
    ctx.alpha,
    'less',
  );
  const prHigherAll = per.every((p) => p.prNoise > p.prPlain);
  const prunedHigherAll = per.every((p) => (p.pruneNoise[kIdx] as number) > (p.prunePlain[kIdx] as number));
  let verdict: Verdict;
  if (prT.rejected && prunedT.rejected) verdict = 'holds';
  else if (prHigherAll || prunedHigherAll) verdict = 'fails';
  else verdict = 'inconclusive';
  const m = dom.setup.m;
  const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
  const nums =
    `${per.length} paired seeds (${describeSetup(dom.setup)}, sigma = ${dom.sigma}, ${dom.steps} steps): effective active neurons m PR = ${f(m * mean(per.map((p) => p.prNoise)))} with label noise vs ${f(m * mean(per.map((p) => p.prPlain)))} without (t = ${f(prT.t)}, p = ${f(prT.p)}); ` +
    `pruned to ${100 * keepDec}% of the neurons, test loss / zero predictor's = ${f(mean(per.map((p) => p.pruneNoise[kIdx] as number)))} with label noise vs ${f(mean(per.map((p) => p.prunePlain[kIdx] as number)))} without (t = ${f(prunedT.t)}, p = ${f(prunedT.p)}); alpha ${f(ctx.alpha)}`;
  const summary =
    verdict === 'holds'
      ? `${nums}: label noise gives the sparser (in neurons) and better-pruning solution`
      : verdict === 'fails'
        ? `${nums}: label noise is not sparser in every seed`
        : `${nums}: not significant`;
  const sparseRows = sparse.map((r) => ({
    seed: r.seed,
    'effective support of theta, label noise': effectiveSupport(r.noise.last.theta),
    'effective support of theta, plain SGD': effectiveSupport(r.plain.last.theta),
    'effective support of theta*': effectiveSupport(r.noise.data.thetaStar),
    'test loss, label noise': r.testNoise,
    'test loss, plain SGD': r.testPlain,
  }));
  const curve: Datum[] = [];
  for (const p of per)
    dom.keep.forEach((k, j) => {
      curve.push({ keep: 100 * k, loss: Math.max(p.pruneNoise[j] as number, 1e-4), method: 'label noise SGD', seed: `s${p.seed}` });
      curve.push({ keep: 100 * k, loss: Math.max(p.prunePlain[j] as number, 1e-4), method: 'plain SGD', seed: `s${p.seed}` });
    });
  const figures = [
    lineFigure({
      id: 'sparsity.pruning',
      title: `Sparsity (Figure 1 (right) analogue): test loss of the model pruned to its top neurons by |a_i| ||w_i||, relative to the zero predictor, floored at 1e-4 (${describeSetup(dom.setup)})`,
      values: curve,
      x: { field: 'keep', title: '% of neurons kept' },
      y: { field: 'loss', title: 'pruned test loss / zero predictor (log)', log: true },
      color: { field: 'method', title: 'method' },
      detail: 'seed',
    }),
  ];
  return {
    verdict,
    summary,
    evidence: {
      setup: describeSetup(dom.setup),
      sigma: dom.sigma,
      steps: dom.steps,
      participationNoise: per.map((p) => p.prNoise),
      participationPlain: per.map((p) => p.prPlain),
      effectiveNeuronsNoise: per.map((p) => m * p.prNoise),
      effectiveNeuronsPlain: per.map((p) => m * p.prPlain),
      participationTest: describeT(prT, 'log(PR noise / PR plain) < 0'),
      keepDecisive: keepDec,
      prunedRelativeLossNoise: per.map((p) => p.pruneNoise[kIdx] as number),
      prunedRelativeLossPlain: per.map((p) => p.prunePlain[kIdx] as number),
      prunedTest: describeT(prunedT, `log(pruned loss noise / plain) < 0 at keep = ${keepDec}`),
      stableRankNoise: per.map((p) => p.srNoise),
      stableRankPlain: per.map((p) => p.srPlain),
      sparseThetaSetup: describeSetup(dom.sparseTheta.setup),
      sparseThetaSupportNoise: sparseRows.map((r) => r['effective support of theta, label noise']),
      sparseThetaSupportPlain: sparseRows.map((r) => r['effective support of theta, plain SGD']),
      sparseThetaNote:
        'coordinate sparsity of theta (evidence only): with theta* 2-sparse and n < d, the interpolator a method reaches is not forced to be theta*; the effective support ||theta||_1^2/||theta||_2^2 of the learned theta is reported for both methods beside that of theta* (2). The two-layer linear network\'s implicit bias acts on the neurons (their norms and directions), not on the coordinates of theta',
    },
    hypotheses: [{ id: 'sigma>0', status: 'met', detail: `sigma = ${dom.sigma}` }],
    cases: per.length + sparse.length,
    tables: {
      'paired seeds': per.map((p) => ({
        seed: p.seed,
        'PR, label noise': p.prNoise,
        'PR, plain SGD': p.prPlain,
        'stable rank W, label noise': p.srNoise,
        'stable rank W, plain SGD': p.srPlain,
        ...Object.fromEntries(dom.keep.flatMap((k, j) => [[`pruned ${100 * k}%: noise`, p.pruneNoise[j] as number], [`pruned ${100 * k}%: plain`, p.prunePlain[j] as number]])),
      })),
      'sparse theta* variant (evidence only)': sparseRows,
    },
    figures,
  };
}
