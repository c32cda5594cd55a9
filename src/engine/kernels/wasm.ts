/**
 * A few bytes of WebAssembly, written here without an assembler: the binary encoding of one module
 * (a memory import and one exported function). Only what the kernels need is encoded. Reference: the
 * WebAssembly core specification, "Binary Format" (sections, LEB128 integers, instructions), and the
 * fixed-width SIMD proposal merged into it (opcodes 0xfd ...).
 */

export type Bytes = number[];

/** unsigned LEB128 */
export function u32(n: number): Bytes {
  if (!Number.isInteger(n) || n < 0 || n > 0xffffffff) throw new RangeError(`u32: ${n}`);
  const out: Bytes = [];
  let v = n;
  do {
    let b = v & 0x7f;
    v = Math.floor(v / 128);
    if (v !== 0) b |= 0x80;
    out.push(b);
  } while (v !== 0);
  return out;
}

/** signed LEB128 of a 32-bit integer */
export function s32(n: number): Bytes {
  if (!Number.isInteger(n) || n < -0x80000000 || n > 0x7fffffff) throw new RangeError(`s32: ${n}`);
  const out: Bytes = [];
  let v = n | 0;
  for (;;) {
    const b = v & 0x7f;
    v >>= 7;
    if ((v === 0 && (b & 0x40) === 0) || (v === -1 && (b & 0x40) !== 0)) {
      out.push(b);
      return out;
    }
    out.push(b | 0x80);
  }
}

const utf8 = (s: string): Bytes => [...u32(Buffer.byteLength(s)), ...Buffer.from(s, 'utf8')];
const vector = (items: Bytes[]): Bytes => [...u32(items.length), ...items.flat()];
const section = (id: number, body: Bytes): Bytes => [id, ...u32(body.length), ...body];

export const T = { i32: 0x7f, f64: 0x7c, v128: 0x7b } as const;
export type ValType = (typeof T)[keyof typeof T];

const memarg = (alignLog2: number, offset: number): Bytes => [...u32(alignLog2), ...u32(offset)];
const simd = (op: number, ...imm: Bytes): Bytes => [0xfd, ...u32(op), ...imm];

/** The instructions the kernels use (each returns its bytes). */
export const op = {
  get: (i: number): Bytes => [0x20, ...u32(i)],
  set: (i: number): Bytes => [0x21, ...u32(i)],
  tee: (i: number): Bytes => [0x22, ...u32(i)],
  i32: (n: number): Bytes => [0x41, ...s32(n)],
  f64: (x: number): Bytes => [0x44, ...new Uint8Array(new Float64Array([x]).buffer)],
  i32Add: [0x6a] as Bytes,
  i32GeS: [0x4e] as Bytes,
  i32GtS: [0x4a] as Bytes,
  i32Mul: [0x6c] as Bytes,
  i32Eqz: [0x45] as Bytes,
  i32Load: (offset: number): Bytes => [0x28, ...memarg(2, offset)],
  /** i32.load8_s: one signed byte, sign-extended */
  i32Load8S: (offset: number): Bytes => [0x2c, ...memarg(0, offset)],
  i32LtS: [0x48] as Bytes,
  i32Shl: [0x74] as Bytes,
  i32Or: [0x72] as Bytes,
  i32And: [0x71] as Bytes,
  i32Sub: [0x6b] as Bytes,
  i32Eq: [0x46] as Bytes,
  i32Xor: [0x73] as Bytes,
  i32ShrU: [0x76] as Bytes,
  i32Store: (offset: number): Bytes => [0x36, ...memarg(2, offset)],
  /** i32.store8: the low byte */
  i32Store8: (offset: number): Bytes => [0x3a, ...memarg(0, offset)],
  f64Sqrt: [0x9f] as Bytes,
  f64Div: [0xa3] as Bytes,
  f64Abs: [0x99] as Bytes,
  f64Le: [0x65] as Bytes,
  f64Lt: [0x63] as Bytes,
  f64Gt: [0x64] as Bytes,
  /** f64.convert_i32_s: a signed int32 as a float64 (exact) */
  f64ConvertI32S: [0xb7] as Bytes,
  /** select: the first operand if the i32 on top is nonzero, else the second */
  select: [0x1b] as Bytes,
  call: (fn: number): Bytes => [0x10, ...u32(fn)],
  return: [0x0f] as Bytes,
  f64Load: (offset: number): Bytes => [0x2b, ...memarg(3, offset)],
  f64Store: (offset: number): Bytes => [0x39, ...memarg(3, offset)],
  f64Add: [0xa0] as Bytes,
  f64Sub: [0xa1] as Bytes,
  f64Mul: [0xa2] as Bytes,
  v128Load: (offset: number): Bytes => simd(0x00, ...memarg(3, offset)),
  v128Store: (offset: number): Bytes => simd(0x0b, ...memarg(3, offset)),
  /** v128.load64_splat: one float64 into both lanes */
  v128Load64Splat: (offset: number): Bytes => simd(0x0a, ...memarg(3, offset)),
  /** v128.load64_zero: one float64 into lane 0, lane 1 zero */
  v128Load64Zero: (offset: number): Bytes => simd(0x5d, ...memarg(3, offset)),
  /** v128.load64_lane: one float64 into the given lane of the vector on the stack */
  v128Load64Lane: (offset: number, lane: 0 | 1): Bytes => simd(0x57, ...memarg(3, offset), lane),
  v128Zero: simd(0x0c, ...new Array<number>(16).fill(0)),
  f64x2Splat: simd(0x14),
  /** i8x16.shuffle with 16 lane indices (0-15 the first operand's bytes, 16-31 the second's) */
  shuffle: (lanes: number[]): Bytes => simd(0x0d, ...lanes),
  f64x2ReplaceLane: (lane: 0 | 1): Bytes => simd(0x22, lane),
  f64x2Lane: (lane: 0 | 1): Bytes => simd(0x21, lane),
  f64x2Add: simd(0xf0),
  f64x2Sub: simd(0xf1),
  f64x2Mul: simd(0xf2),
  f64x2Div: simd(0xf3),
  f64x2Neg: simd(0xed),
  f64x2Abs: simd(0xec),
  f64x2Trunc: simd(0x7a),
  /** comparisons: all ones in the lanes where it holds (false for NaN) */
  f64x2Lt: simd(0x49),
  f64x2Le: simd(0x4b),
  f64x2Ge: simd(0x4c),
  v128Not: simd(0x4d),
  v128And: simd(0x4e),
  /** v128.bitselect(a, b, mask): a's bits where mask is 1, b's elsewhere */
  bitselect: simd(0x52),
  /** v128.any_true: 1 if any bit is set */
  anyTrue: simd(0x53),
  v128Or: simd(0x50),
  v128Xor: simd(0x51),
  /** v128.store64_lane: the given 64-bit lane of the vector on the stack */
  v128Store64Lane: (offset: number, lane: 0 | 1): Bytes => simd(0x5b, ...memarg(3, offset), lane),
  i32x4Splat: simd(0x11),
  i32x4Eq: simd(0x37),
  /** i32x4 shifts by an i32 count: left, arithmetic right, logical right */
  i32x4Shl: simd(0xab),
  i32x4ShrS: simd(0xac),
  i32x4ShrU: simd(0xad),
  /** i32x4.add: lane-wise, wrapping */
  i32x4Add: simd(0xae),
  /** i8x16.add: lane-wise, wrapping */
  i8x16Add: simd(0x6e),
  /** saturating narrowing of two vectors into one: i32x4 -> i16x8, i16x8 -> i8x16 (signed) */
  i16x8NarrowI32x4S: simd(0x85),
  i8x16NarrowI16x8S: simd(0x65),
  /** v128.const of four int32 lanes */
  i32x4Const: (l: [number, number, number, number]): Bytes => simd(0x0c, ...new Uint8Array(new Int32Array(l).buffer)),
  i64x2AllTrue: simd(0xc3),
  /** i64x2.shl by an i32 count */
  i64x2Shl: simd(0xcb),
  i64x2Add: simd(0xce),
  i64x2Sub: simd(0xd1),
  /** v128.const of two int64 lanes */
  i64x2Const: (lo: bigint, hi: bigint): Bytes => simd(0x0c, ...new Uint8Array(new BigInt64Array([lo, hi]).buffer)),
  block: [0x02, 0x40] as Bytes,
  if: [0x04, 0x40] as Bytes,
  else: [0x05] as Bytes,
  loop: [0x03, 0x40] as Bytes,
  br: (depth: number): Bytes => [0x0c, ...u32(depth)],
  brIf: (depth: number): Bytes => [0x0d, ...u32(depth)],
  end: [0x0b] as Bytes,
};

/** byte lanes of i8x16.shuffle taking the 64-bit lanes 0 (LO) or 1 (HI) of both operands (two rows' or points' products regrouped) */
const range8 = (from: number): number[] => Array.from({ length: 8 }, (_, j) => from + j);
export const LO = [...range8(0), ...range8(16)];
export const HI = [...range8(8), ...range8(24)];

/** Local indices of one function, allocated after its parameters. */
export class Locals {
  private readonly groups: [number, ValType][] = [];
  private next: number;
  constructor(readonly params: ValType[]) {
    this.next = params.length;
  }
  add(t: ValType): number {
    const last = this.groups[this.groups.length - 1];
    if (last && last[1] === t) last[0]++;
    else this.groups.push([1, t]);
    return this.next++;
  }
  list(): [number, ValType][] {
    return this.groups;
  }
}

export interface FunctionSpec {
  name: string;
  params: ValType[];
  /** its results (none when absent) */
  results?: ValType[];
  /** the function's own locals, grouped as [count, type] */
  locals: [number, ValType][];
  /** its body, without the final `end` */
  body: Bytes[];
}

/** A module importing one memory as env.memory and exporting the given functions (function i is index i, for `call`). */
export function encodeModule(fns: FunctionSpec[]): Uint8Array {
  const types = fns.map((f) => [0x60, ...vector(f.params.map((p) => [p])), ...vector((f.results ?? []).map((r) => [r]))]);
  const imports = [[...utf8('env'), ...utf8('memory'), 0x02, 0x00, ...u32(1)]];
  const funcs = fns.map((_, i) => u32(i));
  const exports = fns.map((f, i) => [...utf8(f.name), 0x00, ...u32(i)]);
  const codes = fns.map((f) => {
    const body = [...vector(f.locals.map(([n, t]) => [...u32(n), t])), ...f.body.flat(), ...op.end];
    return [...u32(body.length), ...body];
  });
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, vector(types)),
    ...section(2, vector(imports)),
    ...section(3, vector(funcs)),
    ...section(7, vector(exports)),
    ...section(10, vector(codes)),
  ]);
}

/** The part of the WebAssembly JavaScript API the kernels use (the project's lib settings do not declare it). */
export interface WasmMemory {
  readonly buffer: ArrayBuffer;
}
export interface WasmModule {
  readonly __wasmModule?: never;
}
export interface WasmApi {
  Module: new (bytes: Uint8Array) => WasmModule;
  Instance: new (module: WasmModule, imports: Record<string, Record<string, unknown>>) => { readonly exports: Record<string, unknown> };
  Memory: new (descriptor: { initial: number; maximum?: number }) => WasmMemory;
  validate(bytes: Uint8Array): boolean;
}

/** The engine's WebAssembly object, if it has one. */
export const wasmApi: WasmApi | undefined = (globalThis as unknown as { WebAssembly?: WasmApi }).WebAssembly;

let simdSupported: boolean | undefined;

/** Whether this engine validates fixed-width SIMD (Node >= 16.4 does). */
export function wasmSimdAvailable(): boolean {
  if (simdSupported === undefined) {
    try {
      const probe = encodeModule([{ name: 'f', params: [], locals: [[1, T.v128]], body: [op.v128Zero, op.set(0)] }]);
      simdSupported = wasmApi !== undefined && wasmApi.validate(probe);
    } catch {
      simdSupported = false;
    }
  }
  return simdSupported;
}
