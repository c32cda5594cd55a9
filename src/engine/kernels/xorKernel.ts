import { T, encodeModule, op, wasmApi, wasmSimdAvailable, type Bytes, type FunctionSpec, type WasmMemory, type WasmModule } from './wasm.js';

/**
 * xor4096's bulk Rademacher draws (../xor4096.ts `rademachers`) in WebAssembly, with the same values and the same
 * outputs consumed as seedrandom's `double() < 0.5 ? -1 : 1` one at a time:
 *
 *   rademachers1  one try after another, operation for operation the JavaScript loop: each try is two generator steps
 *                 (seedrandom's `next`: the Weyl value w += 0x61c88647, the xorshifts of X[i + 34] and X[i + 1] into
 *                 X[i + 1], the output v + (w ^ (w >>> 16))), in wrapping 32-bit integer arithmetic, which is what
 *                 JavaScript's `| 0`, `^`, `<<` and `>>>` compute; a try is drawn again iff (u1 >>> 11) = 0 and u2 = 0
 *                 (double()'s zero result), and the coin is +1 iff u1 < 0 as a signed int32 (double() >= 1/2; the proof
 *                 is at xor4096.ts).
 *   rademachers4  the 2 count outputs that `count` tries take when none is drawn again, four generator steps per i32x4,
 *                 then the coins from their signs, eight per vector; if any output is 0 (which any draw-again needs), the
 *                 state is restored and rademachers1 draws instead. Four steps side by side are the sequential ones: the
 *                 step writing X[J] reads X[J + 33] and X[J] (mod 128); for J = I..I+3 (I a multiple of 4) the words
 *                 X[I + 33 .. I + 36] were last written 95 or more steps earlier and none of X[I .. I + 3] is read by
 *                 another of the four, so the vector reads what each step reads in turn; the Weyl values of the four
 *                 steps are w + C, w + 2C, w + 3C, w + 4C (wrapping), as four successive additions give. X[128] mirrors
 *                 X[0] for the one group whose read wraps (I = 92: X[125 .. 128]). Steps before the first aligned I and
 *                 after the last group run one at a time.
 *
 * Memory (one 64 KiB page): X (128 int32) at 0, X[0]'s mirror at 512 | i, w at 528, 532 after a call | a copy of X at
 * 1024 (restored for rademachers1) | the outputs (int32) from OUTPUTS | the coins (int8) from COINS.
 */

const C = 0x61c88647;
const XOR_I = 528;
const XOR_W = 532;
const SNAP = 1024;
const OUTPUTS = 2048;
/** coins one call writes at most */
export const XOR_CAPACITY = 7000;
const COINS = OUTPUTS + 8 * XOR_CAPACITY;

/** One generator step on locals i, w (v, t scratch), its output left on the stack (seedrandom's `next`). */
function step(b: Bytes[], i: number, w: number, v: number, t: number): void {
  b.push(op.get(w), op.i32(C), op.i32Add, op.set(w));
  b.push(op.get(i), op.i32(34), op.i32Add, op.i32(127), op.i32And, op.i32(2), op.i32Shl, op.i32Load(0), op.set(v));
  b.push(op.get(i), op.i32(1), op.i32Add, op.i32(127), op.i32And, op.set(i));
  b.push(op.get(i), op.i32(2), op.i32Shl, op.i32Load(0), op.set(t));
  b.push(op.get(v), op.get(v), op.i32(13), op.i32Shl, op.i32Xor, op.set(v));
  b.push(op.get(t), op.get(t), op.i32(17), op.i32Shl, op.i32Xor, op.set(t));
  b.push(op.get(v), op.get(v), op.i32(15), op.i32ShrU, op.i32Xor, op.set(v));
  b.push(op.get(t), op.get(t), op.i32(12), op.i32ShrU, op.i32Xor, op.set(t));
  b.push(op.get(i), op.i32(2), op.i32Shl, op.get(v), op.get(t), op.i32Xor, op.tee(v), op.i32Store(0));
  b.push(op.get(v), op.get(w), op.get(w), op.i32(16), op.i32ShrU, op.i32Xor, op.i32Add);
}

/** `while (cond) { body }` with cond pushed by `test` (an i32). */
function whileLoop(b: Bytes[], test: () => void, body: () => void): void {
  b.push(op.block, op.loop);
  test();
  b.push(op.i32Eqz, op.brIf(1));
  body();
  b.push(op.br(0), op.end, op.end);
}

/** rademachers1(i, w, count): coins into COINS .. + count - 1; the final i and w stored at XOR_I, XOR_W. */
function scalarFunction(): FunctionSpec {
  const [i, w, count] = [0, 1, 2];
  const [j, v, t, u1, u2] = [3, 4, 5, 6, 7];
  const b: Bytes[] = [];
  b.push(op.i32(0), op.set(j));
  whileLoop(
    b,
    () => b.push(op.get(j), op.get(count), op.i32LtS),
    () => {
      // a try, again while (u1 >>> 11) | u2 is 0
      b.push(op.loop);
      step(b, i, w, v, t);
      b.push(op.set(u1));
      step(b, i, w, v, t);
      b.push(op.set(u2));
      b.push(op.get(u1), op.i32(11), op.i32ShrU, op.get(u2), op.i32Or, op.i32Eqz, op.brIf(0), op.end);
      // the coin: +1 where u1 < 0, else -1
      b.push(op.get(j), op.i32(1), op.i32(-1), op.get(u1), op.i32(0), op.i32LtS, op.select, op.i32Store8(COINS));
      b.push(op.get(j), op.i32(1), op.i32Add, op.set(j));
    },
  );
  b.push(op.i32(0), op.get(i), op.i32Store(XOR_I), op.i32(0), op.get(w), op.i32Store(XOR_W));
  return { name: 'rademachers1', params: [T.i32, T.i32, T.i32], locals: [[5, T.i32]], body: b };
}

/** rademachers4(i, w, count) -> 1 where it fell back to rademachers1, else 0 (see the header). */
function vectorFunction(): FunctionSpec {
  const [i, w, count] = [0, 1, 2];
  const [n, po, pc, k, I, i0, w0, v, t, u1, fs] = [3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13];
  const [vv, tt, wv, A, B, Cv, D, flag] = [14, 15, 16, 17, 18, 19, 20, 21];
  const b: Bytes[] = [];
  b.push(op.get(i), op.set(i0), op.get(w), op.set(w0));
  for (let q = 0; q < 32; q++) b.push(op.i32(0), op.i32(0), op.v128Load(16 * q), op.v128Store(SNAP + 16 * q));
  b.push(op.get(count), op.get(count), op.i32Add, op.set(n), op.i32(OUTPUTS), op.set(po));
  const scalarOutput = (): void => {
    b.push(op.get(po));
    step(b, i, w, v, t);
    b.push(op.i32Store(0), op.get(po), op.i32(4), op.i32Add, op.set(po), op.get(n), op.i32(-1), op.i32Add, op.set(n));
  };
  // single steps until the next write index (i + 1) & 127 is a multiple of 4 (at most n of them)
  b.push(op.i32(3), op.get(i), op.i32Sub, op.i32(3), op.i32And, op.set(k));
  b.push(op.get(k), op.get(n), op.get(k), op.get(n), op.i32LtS, op.select, op.set(k));
  whileLoop(
    b,
    () => b.push(op.get(k), op.i32(0), op.i32GtS),
    () => {
      scalarOutput();
      b.push(op.get(k), op.i32(-1), op.i32Add, op.set(k));
    },
  );
  // groups of four steps
  b.push(op.get(w), op.i32x4Splat, op.i32x4Const([C, 2 * C, 3 * C, 4 * C]), op.i32x4Add, op.set(wv));
  whileLoop(
    b,
    () => b.push(op.get(n), op.i32(4), op.i32GeS),
    () => {
      b.push(op.get(i), op.i32(1), op.i32Add, op.i32(127), op.i32And, op.set(I));
      b.push(op.get(I), op.i32(92), op.i32Eq, op.if, op.i32(0), op.i32(0), op.i32Load(0), op.i32Store(512), op.end);
      b.push(op.get(i), op.i32(34), op.i32Add, op.i32(127), op.i32And, op.i32(2), op.i32Shl, op.v128Load(0), op.set(vv));
      b.push(op.get(I), op.i32(2), op.i32Shl, op.v128Load(0), op.set(tt));
      b.push(op.get(vv), op.get(vv), op.i32(13), op.i32x4Shl, op.v128Xor, op.set(vv));
      b.push(op.get(tt), op.get(tt), op.i32(17), op.i32x4Shl, op.v128Xor, op.set(tt));
      b.push(op.get(vv), op.get(vv), op.i32(15), op.i32x4ShrU, op.v128Xor, op.set(vv));
      b.push(op.get(tt), op.get(tt), op.i32(12), op.i32x4ShrU, op.v128Xor, op.set(tt));
      b.push(op.get(I), op.i32(2), op.i32Shl, op.get(vv), op.get(tt), op.v128Xor, op.tee(vv), op.v128Store(0));
      b.push(op.get(po), op.get(vv), op.get(wv), op.get(wv), op.i32(16), op.i32x4ShrU, op.v128Xor, op.i32x4Add, op.v128Store(0));
      b.push(op.get(wv), op.i32((4 * C) | 0), op.i32x4Splat, op.i32x4Add, op.set(wv), op.get(w), op.i32((4 * C) | 0), op.i32Add, op.set(w));
      b.push(op.get(i), op.i32(4), op.i32Add, op.i32(127), op.i32And, op.set(i));
      b.push(op.get(po), op.i32(16), op.i32Add, op.set(po), op.get(n), op.i32(-4), op.i32Add, op.set(n));
    },
  );
  whileLoop(b, () => b.push(op.get(n), op.i32(0), op.i32GtS), scalarOutput);

  // the coins: eight a vector from sixteen outputs (the signs of the even ones), any zero output flagged
  b.push(op.i32(OUTPUTS), op.set(po), op.i32(COINS), op.set(pc), op.get(count), op.set(k), op.v128Zero, op.set(flag), op.i32(0), op.set(fs));
  const even = [0, 2, 4, 6, 8, 10, 12, 14, 0, 2, 4, 6, 8, 10, 12, 14];
  whileLoop(
    b,
    () => b.push(op.get(k), op.i32(8), op.i32GeS),
    () => {
      [A, B, Cv, D].forEach((x, q) => b.push(op.get(po), op.v128Load(16 * q), op.set(x)));
      b.push(op.get(flag));
      for (const x of [A, B, Cv, D]) b.push(op.get(x), op.v128Zero, op.i32x4Eq, op.v128Or);
      b.push(op.set(flag));
      // bytes s_k = -1 where output k < 0, else 0; the coin of pair j is -(2 s_2j + 1) = ~(s_2j + s_2j)
      b.push(op.get(pc));
      b.push(op.get(A), op.i32(31), op.i32x4ShrS, op.get(B), op.i32(31), op.i32x4ShrS, op.i16x8NarrowI32x4S);
      b.push(op.get(Cv), op.i32(31), op.i32x4ShrS, op.get(D), op.i32(31), op.i32x4ShrS, op.i16x8NarrowI32x4S);
      b.push(op.i8x16NarrowI16x8S, op.tee(vv), op.get(vv), op.shuffle(even), op.tee(vv), op.get(vv), op.i8x16Add, op.v128Not, op.v128Store64Lane(0, 0));
      b.push(op.get(po), op.i32(64), op.i32Add, op.set(po), op.get(pc), op.i32(8), op.i32Add, op.set(pc), op.get(k), op.i32(-8), op.i32Add, op.set(k));
    },
  );
  whileLoop(
    b,
    () => b.push(op.get(k), op.i32(0), op.i32GtS),
    () => {
      b.push(op.get(po), op.i32Load(0), op.set(u1));
      b.push(op.get(fs), op.get(u1), op.i32(11), op.i32ShrU, op.get(po), op.i32Load(4), op.i32Or, op.i32Eqz, op.i32Or, op.set(fs));
      b.push(op.get(pc), op.i32(1), op.i32(-1), op.get(u1), op.i32(0), op.i32LtS, op.select, op.i32Store8(0));
      b.push(op.get(po), op.i32(8), op.i32Add, op.set(po), op.get(pc), op.i32(1), op.i32Add, op.set(pc), op.get(k), op.i32(-1), op.i32Add, op.set(k));
    },
  );
  // a zero output: the state as it was, and the tries one at a time
  b.push(op.get(flag), op.anyTrue, op.get(fs), op.i32Or, op.if);
  for (let q = 0; q < 32; q++) b.push(op.i32(0), op.i32(0), op.v128Load(SNAP + 16 * q), op.v128Store(16 * q));
  b.push(op.get(i0), op.get(w0), op.get(count), op.call(0), op.i32(1), op.return, op.end);
  b.push(op.i32(0), op.get(i), op.i32Store(XOR_I), op.i32(0), op.get(w), op.i32Store(XOR_W), op.i32(0));
  return {
    name: 'rademachers4',
    params: [T.i32, T.i32, T.i32],
    results: [T.i32],
    locals: [
      [11, T.i32],
      [8, T.v128],
    ],
    body: b,
  };
}

const modules = new Map<boolean, WasmModule>();
let failed = false;

/** The generator's memory and its bulk draw, or undefined where this engine has no WebAssembly. */
export class XorKernel {
  readonly memory: WasmMemory;
  /** X, a view of the memory */
  readonly X: Int32Array;
  /** calls that found a zero output and drew one try at a time (rademachers4's fallback) */
  fallbacks = 0;
  private readonly state: Int32Array;
  private readonly out: Int8Array;
  private readonly fn: (i: number, w: number, count: number) => number | undefined;

  private constructor(
    mod: WasmModule,
    /** whether the draws run four generator steps per vector (rademachers4) */
    readonly vector: boolean,
  ) {
    const api = wasmApi as NonNullable<typeof wasmApi>;
    this.memory = new api.Memory({ initial: 1, maximum: 1 });
    this.fn = new api.Instance(mod, { env: { memory: this.memory } }).exports[vector ? 'rademachers4' : 'rademachers1'] as XorKernel['fn'];
    this.X = new Int32Array(this.memory.buffer, 0, 128);
    this.state = new Int32Array(this.memory.buffer, XOR_I, 2);
    this.out = new Int8Array(this.memory.buffer, COINS, XOR_CAPACITY);
  }

  /** A kernel (four steps per vector where SIMD is available, else one at a time; `vector` false forces the latter), or undefined where WebAssembly is missing. */
  static make(vector = true): XorKernel | undefined {
    if (failed || !wasmApi) return undefined;
    const simd = vector && wasmSimdAvailable();
    try {
      let mod = modules.get(simd);
      if (!mod) {
        mod = new wasmApi.Module(encodeModule(simd ? [scalarFunction(), vectorFunction()] : [scalarFunction()]));
        modules.set(simd, mod);
      }
      return new XorKernel(mod, simd);
    } catch {
      failed = true;
      return undefined;
    }
  }

  /** `count` coins (count <= XOR_CAPACITY) from the state (X in the memory, i, w) into out at `at`; returns the new [i, w]. */
  draw(i: number, w: number, count: number, out: Int8Array, at: number): [number, number] {
    if (this.fn(i, w, count) === 1) this.fallbacks++;
    out.set(this.out.subarray(0, count), at);
    return [this.state[0] as number, this.state[1] as number];
  }
}
