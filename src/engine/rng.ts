import { Xor4096 } from './xor4096.js';

/**
 * Seeded randomness. Every random quantity of a run comes from a named stream derived
 * from one run seed and a stable name (`data`, `init`, `sampling`, `noise`, ...), so
 * that changing how one part draws never shifts another part's draws.
 * Never Math.random.
 */
export interface Rng {
  /** Uniform on [0, 1), 53 bits. */
  double(): number;
  /** Standard normal N(0, 1) (polar Box-Muller, spare cached). */
  gaussian(): number;
  /** Uniform on {-1, +1}. */
  rademacher(): number;
  /** out[0 .. count - 1] = `count` successive rademacher() draws (the same values, the same stream consumed), in one loop. */
  rademachers(out: Int8Array, count?: number): void;
  /** Uniform integer in [0, n). */
  int(n: number): number;
}

/**
 * seedrandom's xor4096, seeded by seedrandom and run by xor4096.ts (its operations, in one class whose bulk draws
 * run in a loop): every draw is the one seedrandom's `prng.double()` gives (test/engine/xor4096.test.ts).
 */
class XorRng implements Rng {
  private readonly prng: Xor4096;
  private spare: number | undefined;
  constructor(seed: string) {
    this.prng = Xor4096.fromSeed(seed);
  }
  double(): number {
    return this.prng.double();
  }
  gaussian(): number {
    if (this.spare !== undefined) {
      const s = this.spare;
      this.spare = undefined;
      return s;
    }
    let u = 0;
    let v = 0;
    let s = 0;
    do {
      u = 2 * this.prng.double() - 1;
      v = 2 * this.prng.double() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const f = Math.sqrt((-2 * Math.log(s)) / s);
    this.spare = v * f;
    return u * f;
  }
  rademacher(): number {
    return this.prng.double() < 0.5 ? -1 : 1;
  }
  rademachers(out: Int8Array, count = out.length): void {
    this.prng.rademachers(out, count);
  }
  int(n: number): number {
    return Math.floor(this.prng.double() * n);
  }
}

/** The stream named `names` under `seed`: `stream(7, 'init')`, `stream(7, 'case', 3, 'noise')`. */
export function stream(seed: string | number, ...names: (string | number)[]): Rng {
  return new XorRng([String(seed), ...names.map(String)].join('/'));
}

/** A 32-bit integer derived from a string (FNV-1a), e.g. a fast-check seed from run seed and claim id. */
export function hashSeed(...parts: (string | number)[]): number {
  let h = 0x811c9dc5;
  const s = parts.map(String).join('/');
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h | 0;
}
