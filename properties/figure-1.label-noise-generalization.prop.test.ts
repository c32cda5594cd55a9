import fc from 'fast-check';
import tQuantile from '@stdlib/stats-base-dists-t-quantile';
import record, { type Figure1Scale } from '../theorems/figure-1.label-noise-generalization.js';
import { claimTest } from '../src/verdict/claimTest.js';
import type { HypothesisReport, Verdict } from '../src/verdict/types.js';
import { stream } from '../src/engine/rng.js';
import { initBackend } from '../src/cifar/backend.js';
import { chwToHwc, loadCifar } from '../src/cifar/data.js';
import { cifarDirFromEnv, readCifarFolder } from '../src/cifar/reader.js';
import { downsampleHwc, initCnn, trainCnn, type CnnRunResult } from '../src/cifar/cnn.js';
import { meanBandFigure } from './support/cifarFigures.js';
import { fmt, meanSd } from './support/cifarStats.js';

const SGD = 'SGD';
const lnName = (tau: number): string => `label-noise SGD (tau = ${tau})`;

interface Comparison {
  name: string;
  diffs: number[];
  mean: number;
  sd: number;
  lo: number;
  hi: number;
  status: 'met' | 'consistent' | 'contradicted' | 'undecided';
}

/**
 * Two-sided t interval at alpha on the mean paired difference: met when it lies above 0,
 * contradicted below 0, consistent when every seed's difference is positive but the interval holds 0,
 * undecided otherwise (as the parts of figure-3, properties/support/cifarStats.ts).
 */
function compare(name: string, diffs: number[], alpha: number): Comparison {
  const { mean, sd } = meanSd(diffs);
  const n = diffs.length;
  const half = n >= 2 ? tQuantile(1 - alpha / 2, n - 1) * (sd / Math.sqrt(n)) : Infinity;
  // identical runs (sd = 0) give a degenerate interval at the mean
  const lo = Number.isFinite(half) ? mean - half : -1;
  const hi = Number.isFinite(half) ? mean + half : 1;
  const allPositive = diffs.every((x) => x > 0);
  return { name, diffs, mean, sd, lo, hi, status: lo > 0 && allPositive ? 'met' : hi < 0 ? 'contradicted' : allPositive ? 'consistent' : 'undecided' };
}

claimTest(record, async (ctx) => {
  const info = await initBackend();
  const { dir, user } = cifarDirFromEnv();
  const full = user && ctx.tier === 'paper' && ctx.domain.fullScale !== undefined;
  const d: Figure1Scale = full ? (ctx.domain.fullScale as Figure1Scale) : ctx.domain;
  const folder = readCifarFolder(dir);
  const nTrain = d.nTrain === 0 ? folder.train.count : d.nTrain;
  const nTest = d.nTest === 0 ? folder.test.count : d.nTest;
  const data = loadCifar(nTrain, nTest);
  const prep = (X: Float32Array, n: number): Float32Array => {
    const hwc = chwToHwc(X, n);
    return d.side === 16 ? downsampleHwc(hwc, n, 32) : hwc;
  };
  const train = { X: prep(data.train.X, nTrain), labels: data.train.labels };
  const test = { X: prep(data.test.X, nTest), labels: data.test.labels };
  const cfg = { c1: d.c1, c2: d.c2, side: d.side, k: 10 };
  const tc = { lr: d.lr, batch: d.batch, epochs: d.epochs };

  const t0 = performance.now();
  const methods = [{ name: SGD, noise: { kind: 'none' as const } }, ...d.taus.map((tau) => ({ name: lnName(tau), noise: { kind: 'flip' as const, tau } }))];
  const results: Record<string, CnnRunResult>[] = [];
  for (let s = 0; s < d.seeds; s++) {
    const seed = ctx.runSeed('seed', s);
    const init = initCnn(cfg, stream(seed, 'init'));
    const row: Record<string, CnnRunResult> = {};
    for (const m of methods) row[m.name] = await trainCnn(cfg, tc, init, train, test, m.noise, seed, m.name, d.keep);
    results.push(row);
  }
  const seconds = (performance.now() - t0) / 1000;

  const diverged = results.flatMap((row, s) => Object.entries(row).filter(([, r]) => r.diverged).map(([m, r]) => `seed ${s} ${m}: ${r.diverged}`));
  const acc = (r: CnnRunResult): number => {
    const tail = r.testAcc.slice(-d.lastEpochs);
    return tail.reduce((a, b) => a + b, 0) / Math.max(1, tail.length);
  };
  const loss = (r: CnnRunResult): number => {
    const tail = r.testLoss.slice(-d.lastEpochs);
    return tail.reduce((a, b) => a + b, 0) / Math.max(1, tail.length);
  };
  const prunedMean = (r: CnnRunResult): number => {
    const vals = r.pruned.filter((_, i) => (d.keep[i] as number) < 1);
    return vals.reduce((a, b) => a + b, 0) / Math.max(1, vals.length);
  };
  const comparisons: Comparison[] = [];
  if (!diverged.length)
    for (const tau of d.taus) {
      comparisons.push(compare(`test accuracy, tau = ${tau} minus SGD`, results.map((row) => acc(row[lnName(tau)]!) - acc(row[SGD]!)), ctx.alpha));
      comparisons.push(compare(`test loss, SGD minus tau = ${tau}`, results.map((row) => loss(row[SGD]!) - loss(row[lnName(tau)]!)), ctx.alpha));
      comparisons.push(compare(`pruned test accuracy (mean over kept fractions < 1), tau = ${tau} minus SGD`, results.map((row) => prunedMean(row[lnName(tau)]!) - prunedMean(row[SGD]!)), ctx.alpha));
    }
  const contradicted = comparisons.filter((c) => c.status === 'contradicted');
  const undecided = comparisons.filter((c) => c.status === 'undecided');
  const verdict: Verdict = diverged.length ? 'inconclusive' : contradicted.length ? 'fails' : undecided.length ? 'inconclusive' : 'holds';

  const search = ctx.search({
    name: 'main',
    arbitrary: fc.record({ seed: fc.integer({ min: 0, max: d.seeds - 1 }), tau: fc.constantFrom(...d.taus) }),
    numRuns: d.seeds * d.taus.length,
    check: ({ seed, tau }) => {
      const row = results[seed]!;
      const a = acc(row[lnName(tau)]!) - acc(row[SGD]!);
      const p = prunedMean(row[lnName(tau)]!) - prunedMean(row[SGD]!);
      const m = Math.min(a, p);
      return { violated: m <= 0, margin: m, message: `seed ${seed}, tau = ${tau}: test accuracy ${fmt(acc(row[lnName(tau)]!))} vs SGD ${fmt(acc(row[SGD]!))} (difference ${fmt(a)}), pruned accuracy difference ${fmt(p)}` };
    },
  });

  const scaleText = full
    ? `full scale on ${dir} (${nTrain} + ${nTest} images)`
    : `SCALED: ${nTrain} + ${nTest} shipped images at ${d.side}x${d.side}, CNN ${d.c1}/${d.c2} channels, ${d.epochs} epochs at lr ${d.lr}, batch ${d.batch}, ${d.seeds} seeds (the paper: ResNet-18, 50,000 images, 160 epochs, lr 0.1)`;
  const summary = diverged.length
    ? `runs diverged: ${diverged.join('; ')}`
    : `${verdict} (${scaleText}): ` +
      comparisons.map((c) => `${c.name}: ${fmt(c.mean)} [${fmt(c.lo)}, ${fmt(c.hi)}] ${c.status}`).join('; ');

  const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
  const hypotheses: HypothesisReport[] = [
    { id: 'ResNet-18 / full CIFAR-10 / 160 epochs', status: 'relaxed', detail: `${scaleText}; a small CNN in place of ResNet-18 at every scale` },
    { id: 'Algorithm 1', status: 'met', detail: `flip to one of the 9 other classes with probability tau in {${d.taus.join(', ')}}, redrawn at every step for the batch` },
    { id: 'pruning algorithm', status: 'unevaluable', detail: 'the paper points to its appendix for the pruning algorithm, which the available texts lack: global magnitude pruning without fine-tuning is used' },
  ];
  const evidence: Record<string, number | string | boolean | readonly number[] | readonly string[] | null> = {
    scaled: !full,
    scale: scaleText,
    backend: info.description,
    backendRequested: info.requested,
    data: `${data.train.source}; ${data.test.source}${data.userDir ? ' (AUDIT_CIFAR_DIR)' : ' (shipped data/cifar10-mini)'}`,
    fullScaleCommand: 'AUDIT_CIFAR_DIR=/path/to/cifar-10-batches-bin AUDIT_BACKEND=node-gpu npm run audit -- --claim figure-1.label-noise-generalization --tier paper   (after npm i @tensorflow/tfjs-node-gpu@4.22.0; uses the record\'s fullScale: every record of the folder, CNN 32/64 channels, 160 epochs at lr 0.1, batch 128, 5 seeds)',
    seconds,
    seeds: d.seeds,
    taus: d.taus,
    keptFractions: d.keep,
    ...Object.fromEntries(comparisons.map((c) => [`comparison: ${c.name}`, `mean ${fmt(c.mean)}, ${fmt(1 - ctx.alpha)} interval [${fmt(c.lo)}, ${fmt(c.hi)}], per seed ${c.diffs.map((x) => fmt(x)).join(', ')}: ${c.status}`])),
    meanTestAccuracy: methods.map((m) => mean(results.map((row) => acc(row[m.name]!)))),
    meanTestAccuracyMethods: methods.map((m) => m.name),
    meanFinalTestLoss: methods.map((m) => mean(results.map((row) => row[m.name]!.testLoss.at(-1) ?? 0))),
    meanTrainAccuracy: methods.map((m) => mean(results.map((row) => row[m.name]!.trainAcc))),
    searchCases: search.cases,
    firstPairWithoutImprovement: search.counterexample?.message ?? 'none',
  };
  const tables = {
    comparisons: comparisons.map((c) => ({ comparison: c.name, mean: c.mean, sd: c.sd, 'interval low': c.lo, 'interval high': c.hi, status: c.status, 'per seed': c.diffs.map((x) => fmt(x)).join(', ') })),
    runs: results.flatMap((row, s) =>
      methods.map((m) => {
        const r = row[m.name]!;
        return {
          seed: s,
          method: m.name,
          'test acc (last epochs)': acc(r),
          'test loss (last epochs)': loss(r),
          'train acc': r.trainAcc,
          ...Object.fromEntries(d.keep.map((k, i) => [`pruned acc, keep ${k}`, r.pruned[i] ?? '-'])),
        };
      }),
    ),
  };
  const accRows = results.flatMap((row, s) => methods.flatMap((m) => row[m.name]!.testAcc.map((a, e) => ({ x: e + 1, value: a, method: m.name, seed: String(s) }))));
  const lossRows = results.flatMap((row, s) => methods.flatMap((m) => row[m.name]!.testLoss.map((a, e) => ({ x: e + 1, value: a, method: m.name, seed: String(s) }))));
  const pruneRows = results.flatMap((row, s) => methods.flatMap((m) => row[m.name]!.pruned.map((a, i) => ({ x: 100 * (d.keep[i] as number), value: a, method: m.name, seed: String(s) }))));
  const tag = full ? 'full scale' : 'scaled';
  return {
    verdict,
    summary,
    evidence,
    hypotheses,
    cases: results.length * methods.length,
    ...(verdict === 'fails' && search.counterexample ? { counterexample: search.counterexample } : {}),
    tables,
    figures: [
      meanBandFigure('figure-1.test-accuracy', `Figure 1 (b), ${tag}: test accuracy vs epoch (mean over ${d.seeds} seeds, 95% band)`, accRows, 'epoch', 'test accuracy'),
      meanBandFigure('figure-1.test-loss', `Figure 1 (a), ${tag}: test cross-entropy vs epoch`, lossRows, 'epoch', 'test loss'),
      meanBandFigure('figure-1.pruning', `Figure 1 (c), ${tag}: test accuracy after global magnitude pruning vs % of weights kept`, pruneRows, '% of weights kept', 'test accuracy', true),
    ],
  };
});
