import { stream } from '../engine/rng.js';
import { initBackend, type BackendInfo } from '../cifar/backend.js';
import { downsampleHwc, initCnn, trainCnn, type CnnRunResult } from '../cifar/cnn.js';
import { chwToHwc, loadCifar } from '../cifar/data.js';
import { cifarDirFromEnv, readCifarFolder } from '../cifar/reader.js';

/**
 * Figure 1's experiment, scaled: minibatch SGD and label-noise SGD (Algorithm 1: each label of the batch flipped to one
 * of the other 9 classes with probability tau, redrawn every step) on a small CNN (src/cifar/cnn.ts), paired per seed
 * (one initialization from stream `${seed}/init`, one batch order `${seed}/order`, noise `${seed}/noise/${method}`), then
 * global magnitude pruning without fine-tuning. Every random draw comes from the engine's streams.
 */
export interface CnnScale {
  /** training / test images (first records of the folder); 0 = every record of the folder */
  nTrain: number;
  nTest: number;
  /** image side fed to the CNN: 32, or 16 (2x2 average pooling) */
  side: 16 | 32;
  c1: number;
  c2: number;
  lr: number;
  batch: number;
  epochs: number;
  /** Algorithm 1's flip probabilities */
  taus: number[];
  /** fractions of the weights kept by global magnitude pruning */
  keep: number[];
  /** a run's test accuracy and loss: the mean over its last `lastEpochs` epochs (the paper smooths with an EMA) */
  lastEpochs: number;
}

export const SGD = 'SGD';
export const labelNoiseName = (tau: number): string => `label-noise SGD (tau = ${tau})`;

export interface CnnExperiment {
  info: BackendInfo;
  /** the images used, in words */
  data: string;
  nTrain: number;
  nTest: number;
  methods: string[];
  /** per seed, per method */
  runs: Record<string, CnnRunResult>[];
  seconds: number;
}

/** Runs `seeds` seeds of SGD and label-noise SGD at each tau on the scale's images. */
export async function runCnnExperiment(scale: CnnScale, seeds: number, seedName: (i: number) => string): Promise<CnnExperiment> {
  const info = await initBackend();
  const folder = readCifarFolder(cifarDirFromEnv().dir);
  const nTrain = scale.nTrain === 0 ? folder.train.count : scale.nTrain;
  const nTest = scale.nTest === 0 ? folder.test.count : scale.nTest;
  const data = loadCifar(nTrain, nTest);
  const prep = (X: Float32Array, n: number): Float32Array => (scale.side === 16 ? downsampleHwc(chwToHwc(X, n), n, 32) : chwToHwc(X, n));
  const train = { X: prep(data.train.X, nTrain), labels: data.train.labels };
  const test = { X: prep(data.test.X, nTest), labels: data.test.labels };
  const cfg = { c1: scale.c1, c2: scale.c2, side: scale.side, k: 10 };
  const tc = { lr: scale.lr, batch: scale.batch, epochs: scale.epochs };
  const methods = [{ name: SGD, noise: { kind: 'none' as const } }, ...scale.taus.map((tau) => ({ name: labelNoiseName(tau), noise: { kind: 'flip' as const, tau } }))];
  const t0 = performance.now();
  const runs: Record<string, CnnRunResult>[] = [];
  for (let s = 0; s < seeds; s++) {
    const seed = seedName(s);
    const init = initCnn(cfg, stream(seed, 'init'));
    const row: Record<string, CnnRunResult> = {};
    for (const m of methods) row[m.name] = await trainCnn(cfg, tc, init, train, test, m.noise, seed, m.name, scale.keep);
    runs.push(row);
  }
  const source = `${data.train.source}; ${data.test.source}${data.userDir ? ' (AUDIT_CIFAR_DIR)' : ' (shipped data/cifar10-mini)'}`;
  return { info, data: source, nTrain, nTest, methods: methods.map((m) => m.name), runs, seconds: (performance.now() - t0) / 1000 };
}

function mean(xs: readonly number[]): number {
  return xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : Number.NaN;
}

/** A run's summaries: test accuracy and cross-entropy over its last epochs, and the pruned accuracy averaged over the kept fractions below 1 (NaN when it diverged). */
export function runSummary(r: CnnRunResult, scale: Pick<CnnScale, 'lastEpochs' | 'keep'>): { acc: number; loss: number; pruned: number } {
  if (r.diverged) return { acc: Number.NaN, loss: Number.NaN, pruned: Number.NaN };
  return {
    acc: mean(r.testAcc.slice(-scale.lastEpochs)),
    loss: mean(r.testLoss.slice(-scale.lastEpochs)),
    pruned: mean(r.pruned.filter((_, i) => (scale.keep[i] as number) < 1)),
  };
}

/** Per seed, label-noise SGD at tau against SGD (positive: label noise better): accuracy, SGD's loss minus label noise's, pruned accuracy. */
export function pairedGains(e: CnnExperiment, scale: Pick<CnnScale, 'lastEpochs' | 'keep'>, tau: number): { acc: number[]; loss: number[]; pruned: number[] } {
  const pairs = e.runs.map((row) => [runSummary(row[labelNoiseName(tau)]!, scale), runSummary(row[SGD]!, scale)] as const);
  return { acc: pairs.map(([ln, sgd]) => ln.acc - sgd.acc), loss: pairs.map(([ln, sgd]) => sgd.loss - ln.loss), pruned: pairs.map(([ln, sgd]) => ln.pruned - sgd.pruned) };
}

export function divergedCnnRuns(e: CnnExperiment): string[] {
  return e.runs.flatMap((row, s) => Object.entries(row).flatMap(([m, r]) => (r.diverged ? [`seed ${s} ${m}: ${r.diverged}`] : [])));
}

/** Whether AUDIT_CIFAR_DIR names a user's CIFAR-10 folder (the paper tier then runs its full scale). */
export function userCifarDir(): string | undefined {
  const { dir, user } = cifarDirFromEnv();
  return user ? dir : undefined;
}
