import { T, encodeModule, op, wasmApi, wasmSimdAvailable, type Bytes, type WasmApi, type WasmMemory, type WasmModule } from './wasm.js';

/**
 * A float64 matrix product as a WebAssembly SIMD function, for operands that live in its own memory:
 *
 *   C (ra x cb) = alpha A B (+ C when accumulating),  A ra x inner, B inner x cb, row-major,
 *   each element c_ij = c0 + (alpha a_i0) b_0j + (alpha a_i1) b_1j + ... in the order l = 0, 1, ..., inner - 1
 *   (c0 = 0, or C's element when accumulating),
 *
 * which is the order of src/cifar/gemm.ts's JavaScript loops (mulAB, mulABRowwise: `C + p0 x0 + p1 x1 + ...`
 * adds left to right). Two columns go in the lanes of one f64x2; a lane's multiply and add are the scalar ones
 * (no fused multiply-add, no reassociation), so the result is the JavaScript product's bit for bit, on every
 * platform (test/cifar/gemm.test.ts). A tile of `rows` rows x 2 `vecs` columns stays in registers over the whole
 * inner loop; the rows and columns left over (ra mod rows, cb mod 2 vecs) are done in JavaScript, in the same order.
 * Tiles: 4 x 4 (ROWS x 2 VECS), or for a narrow even C (cb <= 12 not a multiple of 4: the FC head's n x m by m x 10
 * product, fc64.ts) 2 rows x all cb columns, so that no column is left to JavaScript.
 */

/** rows of C per tile and f64x2 vectors (column pairs) per tile: ROWS * VECS accumulators */
export const ROWS = 4;
export const VECS = 2;

/** the tile for a C with cb columns: [rows, vecs] */
export function tileFor(cb: number): [number, number] {
  return cb <= 12 && cb % 2 === 0 && cb % (2 * VECS) !== 0 ? [2, cb / 2] : [ROWS, VECS];
}

const cached = new Map<string, WasmModule>();

function api(): WasmApi {
  if (!wasmApi || !wasmSimdAvailable()) throw new Error('WebAssembly SIMD is not available in this JavaScript engine');
  return wasmApi;
}

/** The module for one tile: one function `mul(pA, raT, inner, pB, cb, cbT, pC, alpha, accumulate)` over the tiles (raT, cbT: the rows and columns the tiles cover). */
function gemmModule(ROWS: number, VECS: number): WasmModule {
  const key = `${ROWS}x${VECS}`;
  const hit = cached.get(key);
  if (hit) return hit;
  const [pA, raT, inner, pB, cb, cbT, pC, alpha, accum] = [0, 1, 2, 3, 4, 5, 6, 7, 8];
  // i32 locals
  const [i, j, l, rowA, rowC, pb, pc] = [9, 10, 11, 12, 13, 14, 15];
  const par = (r: number): number => 16 + r; // pointer to A[i + r][l]
  const pcr = (r: number): number => 16 + ROWS + r; // pointer to C[i + r][j]
  const nI32 = 7 + 2 * ROWS;
  // v128 locals
  const v0 = 9 + nI32;
  const [valpha, a] = [v0, v0 + 1];
  const bv = (v: number): number => v0 + 2 + v;
  const acc = (r: number, v: number): number => v0 + 2 + VECS + r * VECS + v;
  const nV128 = 2 + VECS + ROWS * VECS;
  const b: Bytes[] = [];
  b.push(op.get(alpha), op.f64x2Splat, op.set(valpha));
  b.push(op.get(inner), op.i32(3), op.i32Shl, op.set(rowA));
  b.push(op.get(cb), op.i32(3), op.i32Shl, op.set(rowC));
  b.push(op.i32(0), op.set(i));
  b.push(op.block, op.loop);
  b.push(op.get(i), op.get(raT), op.i32GeS, op.brIf(1));
  {
    b.push(op.i32(0), op.set(j));
    b.push(op.block, op.loop);
    b.push(op.get(j), op.get(cbT), op.i32GeS, op.brIf(1));
    // pc = pC + (i cb + j) 8; pcr[r] = pc + r rowC; par[r] = pA + (i + r) rowA; pb = pB + 8 j
    b.push(op.get(pC), op.get(i), op.get(rowC), op.i32Mul, op.i32Add, op.get(j), op.i32(3), op.i32Shl, op.i32Add, op.set(pc));
    for (let r = 0; r < ROWS; r++) {
      b.push(op.get(pc), op.i32(r), op.get(rowC), op.i32Mul, op.i32Add, op.set(pcr(r)));
      b.push(op.get(pA), op.get(i), op.i32(r), op.i32Add, op.get(rowA), op.i32Mul, op.i32Add, op.set(par(r)));
    }
    b.push(op.get(pB), op.get(j), op.i32(3), op.i32Shl, op.i32Add, op.set(pb));
    // the accumulators: C's tile, or zero
    b.push(op.get(accum), op.if);
    for (let r = 0; r < ROWS; r++) for (let v = 0; v < VECS; v++) b.push(op.get(pcr(r)), op.v128Load(16 * v), op.set(acc(r, v)));
    b.push(op.else);
    for (let r = 0; r < ROWS; r++) for (let v = 0; v < VECS; v++) b.push(op.v128Zero, op.set(acc(r, v)));
    b.push(op.end);
    // for l in 0..inner-1: acc[r][v] = acc[r][v] + (alpha a_{i+r,l}) b_{l, j+2v..}
    b.push(op.i32(0), op.set(l));
    b.push(op.block, op.loop);
    b.push(op.get(l), op.get(inner), op.i32GeS, op.brIf(1));
    for (let v = 0; v < VECS; v++) b.push(op.get(pb), op.v128Load(16 * v), op.set(bv(v)));
    for (let r = 0; r < ROWS; r++) {
      b.push(op.get(par(r)), op.v128Load64Splat(0), op.get(valpha), op.f64x2Mul, op.set(a));
      for (let v = 0; v < VECS; v++) b.push(op.get(acc(r, v)), op.get(a), op.get(bv(v)), op.f64x2Mul, op.f64x2Add, op.set(acc(r, v)));
      b.push(op.get(par(r)), op.i32(8), op.i32Add, op.set(par(r)));
    }
    b.push(op.get(pb), op.get(rowC), op.i32Add, op.set(pb));
    b.push(op.get(l), op.i32(1), op.i32Add, op.set(l), op.br(0), op.end, op.end);
    for (let r = 0; r < ROWS; r++) for (let v = 0; v < VECS; v++) b.push(op.get(pcr(r)), op.get(acc(r, v)), op.v128Store(16 * v));
    b.push(op.get(j), op.i32(2 * VECS), op.i32Add, op.set(j), op.br(0), op.end, op.end);
  }
  b.push(op.get(i), op.i32(ROWS), op.i32Add, op.set(i), op.br(0), op.end, op.end);
  const bytes = encodeModule([
    { name: 'mul', params: [T.i32, T.i32, T.i32, T.i32, T.i32, T.i32, T.i32, T.f64, T.i32], locals: [[nI32, T.i32], [nV128, T.v128]], body: b },
  ]);
  const module = new (api().Module)(bytes);
  cached.set(key, module);
  return module;
}

/** Whether this JavaScript engine runs the kernel (WebAssembly with fixed-width SIMD). */
export function gemm64Available(): boolean {
  return wasmSimdAvailable();
}

/**
 * A memory of `doubles` float64 slots, handed out as Float64Array views (`alloc`), and the product over views of it.
 * The memory never grows, so the views stay valid.
 */
export class Gemm64 {
  readonly memory: WasmMemory;
  /** the function of each tile used so far (instantiated on first use, on the same memory) */
  private readonly fns = new Map<string, (pA: number, raT: number, inner: number, pB: number, cb: number, cbT: number, pC: number, alpha: number, accumulate: number) => void>();
  private next = 0;

  constructor(readonly doubles: number) {
    if (!Number.isInteger(doubles) || doubles < 1 || doubles * 8 > 2 ** 31 - 2 ** 16) throw new RangeError(`Gemm64: ${doubles} float64 slots (expected 1 to ${(2 ** 31 - 2 ** 16) / 8})`);
    const pages = Math.ceil((8 * doubles) / 65536);
    this.memory = new (api().Memory)({ initial: pages, maximum: pages });
  }

  private fn(rows: number, vecs: number): NonNullable<ReturnType<Gemm64['fns']['get']>> {
    const key = `${rows}x${vecs}`;
    let f = this.fns.get(key);
    if (!f) {
      f = new (api().Instance)(gemmModule(rows, vecs), { env: { memory: this.memory } }).exports['mul'] as NonNullable<ReturnType<Gemm64['fns']['get']>>;
      this.fns.set(key, f);
    }
    return f;
  }

  /** The next `len` slots as a view (zeros). */
  alloc(len: number): Float64Array {
    if (!Number.isInteger(len) || len < 0 || this.next + len > this.doubles) throw new RangeError(`Gemm64.alloc(${len}): ${this.doubles - this.next} of ${this.doubles} slots left`);
    const v = new Float64Array(this.memory.buffer, 8 * this.next, len);
    this.next += len;
    return v;
  }

  /** C (ra x cb) = alpha A B (+ C when `accumulate`), A ra x inner, B inner x cb: views from `alloc` (bit for bit gemm.ts's mulAB). */
  mul(A: Float64Array, ra: number, inner: number, B: Float64Array, cb: number, C: Float64Array, alpha = 1, accumulate = false): Float64Array {
    for (const [name, v, len] of [['A', A, ra * inner], ['B', B, inner * cb], ['C', C, ra * cb]] as const) {
      if (v.buffer !== this.memory.buffer) throw new RangeError(`Gemm64.mul: ${name} is not a view of the kernel's memory`);
      if (v.length < len) throw new RangeError(`Gemm64.mul: ${name} has ${v.length} elements, fewer than ${len}`);
    }
    const [rows, vecs] = tileFor(cb);
    const raT = ra - (ra % rows);
    const cbT = cb - (cb % (2 * vecs));
    this.fn(rows, vecs)(A.byteOffset, raT, inner, B.byteOffset, cb, cbT, C.byteOffset, alpha, accumulate ? 1 : 0);
    // the edges, in JavaScript, in the same order: the columns right of the tiles (rows of the tiles), then the rows below them
    edge(A, 0, raT, inner, B, cb, cbT, cb, C, alpha, accumulate);
    edge(A, raT, ra, inner, B, cb, 0, cb, C, alpha, accumulate);
    return C;
  }
}

/** c_ij = c0 + (alpha a_i0) b_0j + ... for rows from <= i < to and columns j0 <= j < j1 */
function edge(A: Float64Array, from: number, to: number, inner: number, B: Float64Array, cb: number, j0: number, j1: number, C: Float64Array, alpha: number, accumulate: boolean): void {
  for (let i = from; i < to; i++)
    for (let j = j0; j < j1; j++) {
      let c = accumulate ? (C[i * cb + j] as number) : 0;
      for (let l = 0; l < inner; l++) c = c + alpha * (A[i * inner + l] as number) * (B[l * cb + j] as number);
      C[i * cb + j] = c;
    }
}
