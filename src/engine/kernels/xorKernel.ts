import { T, encodeModule, op, wasmApi, type Bytes, type WasmMemory, type WasmModule } from './wasm.js';

/**
 * xor4096's bulk Rademacher draws (../xor4096.ts `rademachers`) as one WebAssembly function, operation for operation:
 * each try is two generator steps (seedrandom's `next`: the Weyl value w += 0x61c88647, the xorshifts of X[i + 34] and
 * X[i + 1] into X[i + 1], the output v + (w ^ (w >>> 16))), all in wrapping 32-bit integer arithmetic, which is what
 * JavaScript's `| 0`, `^`, `<<` and `>>>` compute; a try is drawn again iff (u1 >>> 11) = 0 and u2 = 0 (double()'s
 * zero result), and the coin is +1 iff u1 < 0 as a signed int32 (double() >= 1/2; the proof is at xor4096.ts).
 *
 * Memory (one 64 KiB page): X (128 int32) at 0 | i, w (int32) at 512, 516 after a call | the coins (int8) from 1024.
 */

export const XOR_X = 0;
const XOR_I = 512;
const XOR_W = 516;
export const XOR_OUT = 1024;
/** coins one call writes at most */
export const XOR_CAPACITY = 65536 - XOR_OUT;

/** rademachers(i, w, count): coins into XOR_OUT .. + count - 1; the final i and w stored at XOR_I, XOR_W. */
function rademachersFunction(): { name: string; params: (typeof T)[keyof typeof T][]; locals: [number, (typeof T)[keyof typeof T]][]; body: Bytes[] } {
  const [i, w, count] = [0, 1, 2];
  const [j, v, t, u1, u2] = [3, 4, 5, 6, 7];
  const b: Bytes[] = [];
  /** one generator step; its output into `u` */
  const next = (u: number): void => {
    b.push(op.get(w), op.i32(0x61c88647), op.i32Add, op.set(w));
    b.push(op.get(i), op.i32(34), op.i32Add, op.i32(127), op.i32And, op.i32(2), op.i32Shl, op.i32Load(XOR_X), op.set(v));
    b.push(op.get(i), op.i32(1), op.i32Add, op.i32(127), op.i32And, op.set(i));
    b.push(op.get(i), op.i32(2), op.i32Shl, op.i32Load(XOR_X), op.set(t));
    b.push(op.get(v), op.get(v), op.i32(13), op.i32Shl, op.i32Xor, op.set(v));
    b.push(op.get(t), op.get(t), op.i32(17), op.i32Shl, op.i32Xor, op.set(t));
    b.push(op.get(v), op.get(v), op.i32(15), op.i32ShrU, op.i32Xor, op.set(v));
    b.push(op.get(t), op.get(t), op.i32(12), op.i32ShrU, op.i32Xor, op.set(t));
    b.push(op.get(i), op.i32(2), op.i32Shl, op.get(v), op.get(t), op.i32Xor, op.tee(v), op.i32Store(XOR_X));
    b.push(op.get(v), op.get(w), op.get(w), op.i32(16), op.i32ShrU, op.i32Xor, op.i32Add, op.set(u));
  };
  b.push(op.i32(0), op.set(j));
  b.push(op.block, op.loop, op.get(j), op.get(count), op.i32GeS, op.brIf(1));
  // a try, again while (u1 >>> 11) | u2 is 0
  b.push(op.loop);
  next(u1);
  next(u2);
  b.push(op.get(u1), op.i32(11), op.i32ShrU, op.get(u2), op.i32Or, op.i32Eqz, op.brIf(0), op.end);
  // the coin: +1 where u1 < 0, else -1
  b.push(op.get(j), op.i32(1), op.i32(-1), op.get(u1), op.i32(0), op.i32LtS, op.select, op.i32Store8(XOR_OUT));
  b.push(op.get(j), op.i32(1), op.i32Add, op.set(j), op.br(0), op.end, op.end);
  b.push(op.i32(0), op.get(i), op.i32Store(XOR_I), op.i32(0), op.get(w), op.i32Store(XOR_W));
  return { name: 'rademachers', params: [T.i32, T.i32, T.i32], locals: [[5, T.i32]], body: b };
}

let module: WasmModule | undefined;
let failed = false;

/** The generator's memory and its bulk draw, or undefined where this engine has no WebAssembly. */
export class XorKernel {
  readonly memory: WasmMemory;
  /** X, a view of the memory */
  readonly X: Int32Array;
  private readonly state: Int32Array;
  private readonly out: Int8Array;
  private readonly fn: (i: number, w: number, count: number) => void;

  private constructor(mod: WasmModule) {
    const api = wasmApi as NonNullable<typeof wasmApi>;
    this.memory = new api.Memory({ initial: 1, maximum: 1 });
    this.fn = new api.Instance(mod, { env: { memory: this.memory } }).exports['rademachers'] as XorKernel['fn'];
    this.X = new Int32Array(this.memory.buffer, XOR_X, 128);
    this.state = new Int32Array(this.memory.buffer, XOR_I, 2);
    this.out = new Int8Array(this.memory.buffer, XOR_OUT, XOR_CAPACITY);
  }

  /** A kernel, or undefined where WebAssembly is missing or the module does not compile here. */
  static make(): XorKernel | undefined {
    if (failed || !wasmApi) return undefined;
    try {
      module ??= new wasmApi.Module(encodeModule([rademachersFunction()]));
      return new XorKernel(module);
    } catch {
      failed = true;
      return undefined;
    }
  }

  /** `count` coins (count <= XOR_CAPACITY) from the state (X in the memory, i, w) into out at `at`; returns the new [i, w]. */
  draw(i: number, w: number, count: number, out: Int8Array, at: number): [number, number] {
    this.fn(i, w, count);
    out.set(this.out.subarray(0, count), at);
    return [this.state[0] as number, this.state[1] as number];
  }
}
