import { CIFAR_CLASSES, CIFAR_PIXELS, CIFAR_SIDE, cifarDirFromEnv, readCifarFolder, type CifarRecords } from './reader.js';

/** One split ready for the models: inputs in float32, labels and their one-hot targets. */
export interface CifarSplit {
  /** n x 3072, row-major; pixel order as the file (CHW) unless converted */
  readonly X: Float32Array;
  readonly labels: Uint8Array;
  /** n x 10 one-hot */
  readonly Y: Float32Array;
  readonly n: number;
  readonly d: number;
  /** the statistics used to standardize it */
  readonly mean: number;
  readonly std: number;
  readonly source: string;
}

export function oneHot(labels: ArrayLike<number>, k = CIFAR_CLASSES): Float32Array {
  const Y = new Float32Array(labels.length * k);
  for (let i = 0; i < labels.length; i++) Y[i * k + (labels[i] as number)] = 1;
  return Y;
}

/**
 * The authors' preprocessing: each image flattened to 3072 values and each split standardized by
 * its own global mean and standard deviation (over all pixels of all its images; population
 * standard deviation, numpy's default). Computed in float64, stored in float32.
 */
export function standardizeSplit(r: CifarRecords): CifarSplit {
  const N = r.count * CIFAR_PIXELS;
  let s = 0;
  for (let i = 0; i < N; i++) s += r.pixels[i] as number;
  const mean = s / N;
  let v = 0;
  for (let i = 0; i < N; i++) {
    const d = (r.pixels[i] as number) - mean;
    v += d * d;
  }
  const std = Math.sqrt(v / N);
  const X = new Float32Array(N);
  for (let i = 0; i < N; i++) X[i] = ((r.pixels[i] as number) - mean) / std;
  return { X, labels: r.labels.slice(), Y: oneHot(r.labels), n: r.count, d: CIFAR_PIXELS, mean, std, source: r.source };
}

/** CHW (the file's order: R plane, G plane, B plane) to HWC (what conv2d takes), per image. */
export function chwToHwc(X: Float32Array, n: number): Float32Array {
  const P = CIFAR_SIDE * CIFAR_SIDE;
  const out = new Float32Array(X.length);
  for (let i = 0; i < n; i++) {
    const o = i * CIFAR_PIXELS;
    for (let p = 0; p < P; p++) for (let c = 0; c < 3; c++) out[o + p * 3 + c] = X[o + c * P + p] as number;
  }
  return out;
}

export interface CifarData {
  readonly train: CifarSplit;
  readonly test: CifarSplit;
  /** the folder read and whether a user named it (AUDIT_CIFAR_DIR) */
  readonly dir: string;
  readonly userDir: boolean;
}

/**
 * The first `nTrain` training records (data_batch_1, then the following batches) and the first
 * `nTest` test records of the folder AUDIT_CIFAR_DIR names, or of the shipped data/cifar10-mini.
 * Every call reads the folder afresh (a few milliseconds for the shipped one).
 */
export function loadCifar(nTrain: number, nTest: number, env: NodeJS.ProcessEnv = process.env): CifarData {
  const { dir, user } = cifarDirFromEnv(env);
  const f = readCifarFolder(dir, { trainLimit: nTrain, testLimit: nTest });
  return { train: standardizeSplit(f.train), test: standardizeSplit(f.test), dir: f.dir, userDir: user };
}
