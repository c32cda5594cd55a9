import seedrandom from 'seedrandom';
import { XOR_CAPACITY, XorKernel } from './kernels/xorKernel.js';

/** bulk draws from this many on run in WebAssembly (fewer: the JavaScript loop; both give the same values) */
export const KERNEL_MIN = 64;

/** xor4096's state as seedrandom's `prng.state()` returns it: the 128-word xorshift array X, its index i, the Weyl value w. */
export interface Xor4096State {
  X: number[];
  i: number;
  w: number;
}

/**
 * Richard Brent's xor4096 generator, operation for operation as seedrandom implements it
 * (node_modules/seedrandom/lib/xor4096.js: `next`, `double`), with the state in an Int32Array and plain fields
 * instead of the closure's object, so that many draws can run in one loop (`rademachers`). Seeding stays
 * seedrandom's own code: a generator starts from the state of `seedrandom.xor4096(seed, { state: true })`, so
 * both produce the same outputs from there on (test/engine/xor4096.test.ts compares them over long runs).
 *
 * Every value is a 32-bit integer: the xorshifts (`^`, `<<`, `>>>`) and `| 0` are JavaScript's int32 operations,
 * the same as seedrandom's on the same values.
 */
export class Xor4096 {
  /** the xorshift array; after the first bulk draw of KERNEL_MIN or more, a view of the WebAssembly kernel's memory */
  private X: Int32Array = new Int32Array(128);
  private i: number;
  private w: number;
  /** the WebAssembly bulk draw (kernels/xorKernel.ts), made at the first bulk draw of KERNEL_MIN or more; null where none can be */
  private kernel: XorKernel | null | undefined;

  constructor(state: Xor4096State) {
    if (!Array.isArray(state.X) || state.X.length !== 128) throw new RangeError('xor4096 state: X must hold 128 words');
    this.X.set(state.X);
    this.i = state.i | 0;
    this.w = state.w | 0;
  }

  /** The generator of a seed: seedrandom's own initialization, then this implementation. */
  static fromSeed(seed: string): Xor4096 {
    return new Xor4096(seedrandom.xor4096(seed, { state: true }).state() as unknown as Xor4096State);
  }

  /** The state in seedrandom's form (restorable by `seedrandom.xor4096('', { state })`). */
  state(): Xor4096State {
    return { X: Array.from(this.X), i: this.i, w: this.w };
  }

  /** seedrandom's `next` (prng.int32): one signed 32-bit output. */
  next(): number {
    const X = this.X;
    // Weyl generator
    const w = (this.w = (this.w + 0x61c88647) | 0);
    // xorshift generator
    let v = X[(this.i + 34) & 127] as number;
    const i = (this.i = (this.i + 1) & 127);
    let t = X[i] as number;
    v ^= v << 13;
    t ^= t << 17;
    v ^= v >>> 15;
    t ^= t >>> 12;
    v = X[i] = v ^ t;
    return (v + (w ^ (w >>> 16))) | 0;
  }

  /** seedrandom's `double`: 53 bits in (0, 1) from two outputs, drawn again while the result is 0. */
  double(): number {
    let result: number;
    do {
      const top = this.next() >>> 11;
      const bot = (this.next() >>> 0) / 0x100000000;
      result = (top + bot) / (1 << 21);
    } while (result === 0);
    return result;
  }

  /**
   * out[0 .. count - 1] = `double() < 0.5 ? -1 : 1` for `count` successive doubles, the same values with the same
   * outputs consumed. Why the sign needs no double: with u1, u2 the two outputs of one try, top = u1 >>> 11 (an
   * integer below 2^21) and bot = (u2 >>> 0) / 2^32 in [0, 1), top + bot is exact (21 + 32 bits) and dividing it by
   * 2^21 is exact, so double() < 0.5 iff top + bot < 2^20 iff top < 2^20 iff u1 >>> 0 < 2^31, i.e. u1 >= 0 as a signed
   * int32 (its top bit clear). double() draws again iff the result is 0, iff top = 0 and u2 = 0; the loop below does the same.
   * Below KERNEL_MIN draws, `next` in a loop; from KERNEL_MIN draws on, WebAssembly (kernels/xorKernel.ts:
   * four generator steps per SIMD vector, with the tries one at a time where an output is 0), on the same state (X is
   * then a view of its memory).
   */
  rademachers(out: Int8Array, count = out.length): void {
    if (!Number.isInteger(count) || count < 0 || count > out.length) throw new RangeError(`count = ${count}: expected an integer from 0 to ${out.length}`);
    if (count >= KERNEL_MIN && this.kernel !== null) {
      const k = (this.kernel ??= this.adoptKernel());
      if (k) {
        for (let at = 0; at < count; at += XOR_CAPACITY) [this.i, this.w] = k.draw(this.i, this.w, Math.min(XOR_CAPACITY, count - at), out, at);
        return;
      }
    }
    this.loop(out, count);
  }

  /** Whether the bulk draws run in WebAssembly (after the first of KERNEL_MIN or more, where the engine has it). */
  get usesKernel(): boolean {
    return this.kernel instanceof XorKernel;
  }

  /** The kernel, with X moved into its memory (the same words), or null where none can be made. */
  private adoptKernel(): XorKernel | null {
    const k = XorKernel.make();
    if (!k) return null;
    k.X.set(this.X);
    this.X = k.X;
    return k;
  }

  /** rademachers in JavaScript: each try is two `next` outputs, drawn again as double() would (see rademachers). */
  private loop(out: Int8Array, count: number): void {
    for (let j = 0; j < count; j++) {
      let u1: number;
      let u2: number;
      do {
        u1 = this.next();
        u2 = this.next();
      } while (u1 >>> 11 === 0 && u2 === 0);
      out[j] = u1 < 0 ? 1 : -1;
    }
  }
}
