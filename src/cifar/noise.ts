import { InputError, requireNumber } from '../errors.js';
import type { Rng } from '../engine/rng.js';
import { CIFAR_CLASSES } from './reader.js';

/**
 * Label noise for classification, redrawn at every step for the labels of the batch.
 * - `resample` (the authors' released code): with probability p the label is replaced by a class
 *   drawn uniformly from all c classes, so it may stay the same (it changes with probability p (c-1)/c).
 * - `flip` (Algorithm 1 of the paper): with probability tau the label is replaced by a class drawn
 *   uniformly from the c - 1 other classes.
 * The two coincide when tau = p (c - 1) / c: p = 0.5 over 10 classes is tau = 0.45.
 */
export type LabelNoise = { kind: 'none' } | { kind: 'resample'; p: number } | { kind: 'flip'; tau: number };

export function validateNoise(n: LabelNoise): LabelNoise {
  if (n.kind === 'none') return n;
  if (n.kind === 'resample') requireNumber('noise.p', n.p, { min: 0, max: 1 });
  else if (n.kind === 'flip') requireNumber('noise.tau', n.tau, { min: 0, max: 1 });
  else throw new InputError('noise.kind', `expected none, resample or flip, got ${JSON.stringify((n as { kind: unknown }).kind)}`);
  return n;
}

/** Probability that a label actually changes. */
export function changeProbability(n: LabelNoise, c = CIFAR_CLASSES): number {
  return n.kind === 'none' ? 0 : n.kind === 'resample' ? (n.p * (c - 1)) / c : n.tau;
}

export function describeNoise(n: LabelNoise): string {
  return n.kind === 'none' ? 'no label noise' : n.kind === 'resample' ? `resample p = ${n.p} (authors' code)` : `flip tau = ${n.tau} (Algorithm 1)`;
}

/** One draw of noisy labels for `labels` (a fresh array). Draws exactly one double per label, plus one int per replaced label. */
export function noisyLabels(labels: ArrayLike<number>, noise: LabelNoise, rng: Rng, c = CIFAR_CLASSES): Uint8Array {
  const out = Uint8Array.from(labels as ArrayLike<number>);
  if (noise.kind === 'none') return out;
  for (let i = 0; i < out.length; i++) {
    const u = rng.double();
    if (noise.kind === 'resample') {
      if (u < noise.p) out[i] = rng.int(c);
    } else if (u < noise.tau) {
      const y = out[i] as number;
      const z = rng.int(c - 1);
      out[i] = z >= y ? z + 1 : z;
    }
  }
  return out;
}

/** Writes the one-hot targets of `labels` into `Y` (n x c). */
export function fillOneHot(Y: Float32Array, labels: ArrayLike<number>, c = CIFAR_CLASSES): Float32Array {
  Y.fill(0);
  for (let i = 0; i < labels.length; i++) Y[i * c + (labels[i] as number)] = 1;
  return Y;
}
