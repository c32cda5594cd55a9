import { describe, expect, it } from 'vitest';
import { divergedCnnRuns, labelNoiseName, pairedGains, runCnnExperiment, runSummary, SGD, type CnnExperiment, type CnnScale } from '../../src/scenarios/cnnLabelNoisePruning.js';
import type { CnnRunResult } from '../../src/cifar/cnn.js';

const TINY: CnnScale = { nTrain: 32, nTest: 32, side: 16, c1: 2, c2: 4, lr: 0.05, batch: 16, epochs: 2, taus: [0.2], keep: [1, 0.5], lastEpochs: 1 };
const run = (acc: number[], loss: number[], pruned: number[], diverged?: string): CnnRunResult => ({ testAcc: acc, testLoss: loss, trainAcc: 0.5, pruned, ...(diverged ? { diverged } : {}) });

describe('Figure 1 scaled: SGD and label-noise SGD on a small CNN, paired per seed', () => {
  it('summaries: the mean over the last epochs, pruned accuracy over the kept fractions below 1; a diverged run gives NaN', () => {
    const scale = { lastEpochs: 2, keep: [1, 0.5, 0.2] };
    expect(runSummary(run([0.1, 0.2, 0.4], [3, 2, 1], [0.4, 0.3, 0.1]), scale)).toEqual({ acc: (0.2 + 0.4) / 2, loss: 1.5, pruned: 0.2 });
    expect(Number.isNaN(runSummary(run([0.1], [1], [0.1, 0.1, 0.1], 'diverged at epoch 1'), scale).acc)).toBe(true);
  });

  it('paired gains are positive when label noise is better (accuracy up, loss down)', () => {
    const e = { runs: [{ [SGD]: run([0.3], [2], [0.2, 0.1]), [labelNoiseName(0.1)]: run([0.35], [1.8], [0.2, 0.15]) }] } as unknown as CnnExperiment;
    const g = pairedGains(e, { lastEpochs: 1, keep: [1, 0.5] }, 0.1);
    expect(g.acc[0]).toBeCloseTo(0.05, 12);
    expect(g.loss[0]).toBeCloseTo(0.2, 12);
    expect(g.pruned[0]).toBeCloseTo(0.05, 12);
    expect(divergedCnnRuns(e)).toEqual([]);
  });

  it('the same seed gives the same runs bit for bit; another seed other runs; methods share the initialization', { timeout: 120_000 }, async () => {
    const a = await runCnnExperiment(TINY, 1, () => 'test/cnn/0');
    const b = await runCnnExperiment(TINY, 1, () => 'test/cnn/0');
    const c = await runCnnExperiment(TINY, 1, () => 'test/cnn/1');
    expect(a.methods).toEqual([SGD, labelNoiseName(0.2)]);
    expect(a.runs).toEqual(b.runs);
    expect(c.runs[0]![SGD]!.testLoss).not.toEqual(a.runs[0]![SGD]!.testLoss);
    // tau = 0.2 changes the labels the run sees: its trajectory differs from SGD's from the same start
    expect(a.runs[0]![labelNoiseName(0.2)]!.testLoss).not.toEqual(a.runs[0]![SGD]!.testLoss);
    for (const r of Object.values(a.runs[0]!)) for (const v of [...r.testAcc, ...r.testLoss, ...r.pruned]) expect(Number.isFinite(v)).toBe(true);
  });
});
