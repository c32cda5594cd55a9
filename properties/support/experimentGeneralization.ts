import type { ClaimContext } from '../../src/verdict/context.js';
import type { ClaimOutcome, Verdict } from '../../src/verdict/types.js';
import type { GeneralizationDomain } from '../../theorems/experiment.generalization.js';
import { describeSetup, thin } from './experiment.js';
import { pairedRun, type PairedRun } from './experimentCompare.js';
import { lineFigure, type Datum } from './experimentFigures.js';
import { f } from './experimentPhases.js';
import { experimentProgress, progressEnabled } from './experimentProgress.js';
import { describeT, oneSidedT } from './experimentStats.js';

export function runGeneralizationClaim(ctx: ClaimContext<GeneralizationDomain>): ClaimOutcome {
  const dom = ctx.domain;
  const tail = ctx.record.thresholds.tailFraction!.value;
  const progress = experimentProgress(ctx.record.id, 2 * (dom.paper.seeds * dom.paper.steps + dom.under.seeds * dom.under.steps), progressEnabled(ctx.tier));
  const paper: PairedRun[] = [];
  for (let s = 0; s < dom.paper.seeds; s++) paper.push(pairedRun(dom.paper.setup, dom.paper.sigma, dom.paper.steps, dom.logEvery, ctx.runSeed('paper', s), s, tail, progress));
  const under: PairedRun[] = [];
  for (let s = 0; s < dom.under.seeds; s++) under.push(pairedRun(dom.under.setup, dom.under.sigma, dom.under.steps, dom.logEvery, ctx.runSeed('under', s), s, tail, progress));
  progress.stop();
  const logRatio = (r: PairedRun) => Math.log(r.testNoise) - Math.log(r.testPlain);
  const better = oneSidedT(under.map(logRatio), 0, ctx.alpha, 'less');
  const worse = oneSidedT(under.map(logRatio), 0, ctx.alpha, 'greater');
  const paperNoiseLower = paper.filter((r) => r.testNoise < r.testPlain).length;
  const gm = (xs: number[]) => Math.exp(xs.reduce((s, x) => s + Math.log(x), 0) / xs.length);
  const paperText = `paper setup (${describeSetup(dom.paper.setup)}, n >= d: theta* is the only interpolator): test loss with label noise ${f(gm(paper.map((r) => r.testNoise)))} vs plain SGD ${f(gm(paper.map((r) => r.testPlain)))} (geometric means; label noise lower in ${paperNoiseLower} of ${paper.length}): plain SGD reaches theta*, label noise stays at its fluctuation floor, so this setup cannot show an implicit-bias benefit`;
  const underText = `underdetermined variant (${describeSetup(dom.under.setup)}): test loss with label noise ${f(gm(under.map((r) => r.testNoise)))} vs plain SGD ${f(gm(under.map((r) => r.testPlain)))} (geometric means; lower in ${under.filter((r) => r.testNoise < r.testPlain).length} of ${under.length}; mean log ratio ${f(better.mean)}, t = ${f(better.t)}, p = ${f(better.p)} vs alpha ${f(ctx.alpha)})`;
  let verdict: Verdict;
  if (better.rejected) verdict = 'holds';
  else if (worse.rejected) verdict = 'fails';
  else verdict = 'inconclusive';
  const summary =
    verdict === 'holds'
      ? `${underText}: label noise generalizes better where the setup can show it; ${paperText}`
      : verdict === 'fails'
        ? `${underText}: label noise generalizes worse (p = ${f(worse.p)}); ${paperText}`
        : `neither direction is significant in the ${underText}; ${paperText}`;
  const rowsOf = (label: string, rs: PairedRun[]) =>
    rs.map((r) => ({
      setup: label,
      seed: r.seed,
      'test loss, label noise (final 10%)': r.testNoise,
      'test loss, plain SGD (end)': r.testPlain,
      'label noise / plain': r.testNoise / r.testPlain,
      'train loss, label noise': r.trainNoise,
      'train loss, plain SGD': r.trainPlain,
      'plain SGD stopped': r.plain.outcome.kind === 'stopped' ? `step ${r.plain.outcome.step}` : 'ran all steps',
      'Avg||w|| end, label noise': r.noise.rows[r.noise.rows.length - 1]!.meanNorm,
      'Avg||w|| end, plain': r.plain.rows[r.plain.rows.length - 1]!.meanNorm,
    }));
  const fig: Datum[] = [];
  const add = (label: string, rs: PairedRun[]) => {
    for (const r of rs.slice(0, 3)) {
      for (const row of thin(r.noise.rows, 100)) fig.push({ setup: label, step: Math.max(1, row.step), loss: Math.max(row.testLoss, 1e-12), method: 'label noise SGD', seed: `s${r.seed}` });
      const plainRows = [...r.plain.rows];
      const last = plainRows[plainRows.length - 1]!;
      if (last.step < r.noise.rows[r.noise.rows.length - 1]!.step) plainRows.push({ ...last, step: r.noise.rows[r.noise.rows.length - 1]!.step });
      for (const row of thin(plainRows, 100)) fig.push({ setup: label, step: Math.max(1, row.step), loss: Math.max(row.testLoss, 1e-12), method: 'plain SGD', seed: `s${r.seed}` });
    }
  };
  add(`n=${dom.paper.setup.n} >= d=${dom.paper.setup.d} (as in the paper)`, paper);
  add(`n=${dom.under.setup.n} < d=${dom.under.setup.d} (variant)`, under);
  const figures = [
    lineFigure({
      id: 'generalization.test-loss',
      title: 'Generalization: test loss of label noise SGD and plain SGD at equal steps (floored at 1e-12; plain SGD held at its fixed point once it interpolates)',
      values: fig,
      x: { field: 'step', title: 'step t' },
      y: { field: 'loss', title: 'test loss (log scale)', log: true },
      color: { field: 'method', title: 'method' },
      detail: 'seed',
      row: { field: 'setup' },
      height: 170,
    }),
  ];
  return {
    verdict,
    summary,
    evidence: {
      paperSetup: describeSetup(dom.paper.setup),
      paperSigma: dom.paper.sigma,
      paperSteps: dom.paper.steps,
      paperTestNoise: paper.map((r) => r.testNoise),
      paperTestPlain: paper.map((r) => r.testPlain),
      paperNote: 'n >= d and x ~ N(0, I): X has full column rank, theta* is the unique interpolator, plain SGD converges to it (test loss at machine precision), and label noise SGD can only add its fluctuation floor: the comparison there is about optimization noise, not about which solution is found, so it cannot test the statement',
      underSetup: describeSetup(dom.under.setup),
      underSigma: dom.under.sigma,
      underSteps: dom.under.steps,
      underTestNoise: under.map((r) => r.testNoise),
      underTestPlain: under.map((r) => r.testPlain),
      underLogRatio: under.map(logRatio),
      testLabelNoiseLower: describeT(better, 'log(test noise / test plain) < 0'),
      testLabelNoiseHigher: describeT(worse, 'log(test noise / test plain) > 0'),
      underNote: 'n < d: plain SGD from the NTK init stays lazy and keeps the component of theta(0) outside the span of the data (its test loss is set by it); label noise shrinks W and a and with them that component',
    },
    hypotheses: [
      { id: 'sigma>0', status: 'met', detail: `sigma = ${dom.under.sigma} (variant), ${dom.paper.sigma} (paper setup)` },
      { id: 'n < d (more than one interpolator)', status: 'relaxed', detail: `the paper's setup has n = ${dom.paper.setup.n} >= d = ${dom.paper.setup.d} (unique interpolator); the verdict rests on the variant n = ${dom.under.setup.n} < d = ${dom.under.setup.d}` },
    ],
    cases: paper.length + under.length,
    tables: { 'paired runs': [...rowsOf('paper setup', paper), ...rowsOf('n < d variant', under)] },
    figures,
  };
}
