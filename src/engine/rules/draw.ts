import type { Dataset } from '../data.js';
import type { Rng } from '../rng.js';
import { stream } from '../rng.js';
import { batchSize, sigmaAt, type Draw, type Rule } from './types.js';

/**
 * Draws each step's randomness from the run's `sampling` and `noise` streams. The same
 * Draw drives the fast step and the ml-matrix reference step, so the two can be compared.
 */
export class Drawer {
  private readonly sampling: Rng;
  private readonly noise: Rng;
  /** reused every step: no allocation per step; copy it to keep it */
  private readonly buf: Draw;
  constructor(
    private readonly rule: Rule,
    private readonly data: Dataset,
    private readonly m: number,
    seed: string | number,
  ) {
    this.sampling = stream(seed, 'sampling');
    this.noise = stream(seed, 'noise');
    const B = rule.kind === 'oscillation' ? 0 : batchSize(rule, data);
    this.buf = { idx: new Int32Array(B), eps: new Float64Array(B) };
    if (rule.kind === 'oscillation') this.buf.flips = new Int8Array(m);
  }

  next(t: number): Draw {
    const rule = this.rule;
    if (rule.kind === 'oscillation') {
      // the chain's m coins of Eq. (7): m successive rademacher() draws of the noise stream, in one loop (rng.ts rademachers)
      this.noise.rademachers(this.buf.flips as Int8Array, this.m);
      return this.buf;
    }
    const n = this.data.y.length;
    const { idx, eps } = this.buf;
    const B = idx.length;
    if (rule.batch === 'full') for (let b = 0; b < B; b++) idx[b] = b;
    else for (let b = 0; b < B; b++) idx[b] = this.sampling.int(n);
    eps.fill(0);
    const sigma = sigmaAt(rule, t);
    if (sigma > 0) {
      const gaussian = rule.kind === 'sgd' && rule.noise === 'gaussian';
      for (let b = 0; b < B; b++) eps[b] = sigma * (gaussian ? this.noise.gaussian() : this.noise.rademacher());
    }
    return this.buf;
  }
}

export function copyDraw(d: Draw): Draw {
  const c: Draw = { idx: d.idx.slice(), eps: d.eps.slice() };
  if (d.flips) c.flips = d.flips.slice();
  return c;
}
