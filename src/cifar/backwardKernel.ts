import { T, encodeModule, op, wasmApi, wasmSimdAvailable, type Bytes, type WasmMemory, type WasmModule } from '../engine/kernels/wasm.js';

/**
 * The FC head's backward pass (fc64.ts `FcHead64.backward`) over pairs of rows as a WebAssembly SIMD function, for one
 * width m and output count k (unrolled in k), with the JavaScript loop's bits. For the rows i, i + 1 of a pair and each
 * unit l, with r the scaled residuals (rows x k), A = erf(H), G = erf'(H):
 *
 *   a = s2 A_il, b = s2 A_(i+1)l
 *   da = ((0 + r_i0 W2_l0) + r_i1 W2_l1) + ...,  db likewise       (two rows in the lanes of one f64x2)
 *   DH_il = (s2 da) G_il, DH_(i+1)l = (s2 db) G_(i+1)l               (the same two lanes)
 *   gb1_l = (gb1_l + beta DH_il) + beta DH_(i+1)l                    (scalar)
 *   gW2_lc = (gW2_lc + a r_ic) + b r_(i+1)c                          (two c in the lanes of one f64x2)
 *
 * Each lane is the JavaScript loop's operation on the same operands in the same order (no fused multiply-add, no
 * reassociation), so the same bits (test/cifar/fc64.test.ts: the head on the kernels against the JavaScript loops).
 * The residuals of the pair stay in locals for the whole pass over l: along c (for gW2) and interleaved
 * (r_ic, r_(i+1)c) (for da, db). gb2 and an odd last row are fc64.ts's JavaScript.
 */

const cached = new Map<string, WasmModule>();

/** back(pA, pG, pr, pW2, pgW2, pDH, pgb1, pairs, s2, beta): pairs of rows from row 0, arrays as in FcHead64 */
function backwardModule(m: number, k: number): WasmModule {
  const key = `${m}x${k}`;
  const hit = cached.get(key);
  if (hit) return hit;
  if (!wasmApi || !wasmSimdAvailable()) throw new Error('WebAssembly SIMD is not available in this JavaScript engine');
  const [pA, pG, pr, pW2, pgW2, pDH, pgb1, pairs, s2, beta] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
  const nv = k >> 1;
  const odd = (k & 1) === 1;
  // i32 locals: the pair, l, the row pair's byte offsets into A/G/DH (rows x m) and r (rows x k), l's into W2/gW2 and gb1
  const [p, l, rowM, rowK, lk, l8] = [10, 11, 12, 13, 14, 15];
  // f64 locals
  const [ra, rb, g] = [16, 17, 18];
  // v128 locals: splats of s2 and beta, a and b, the lanes (a, b), da/db, DH's pair, then the residuals
  const [vs2, vbeta, as, bs, ab, acc, dd] = [19, 20, 21, 22, 23, 24, 25];
  const ri = (v: number): number => 26 + v;
  const rj = (v: number): number => 26 + nv + v;
  const rij = (c: number): number => 26 + 2 * nv + c;
  const nV128 = 7 + 2 * nv + k;
  const row8m = 8 * m;
  const row8k = 8 * k;
  const b: Bytes[] = [];
  const addr = (base: number, ...offs: number[]): Bytes[] => [op.get(base), ...offs.flatMap((o) => [op.get(o), op.i32Add])];

  b.push(op.get(s2), op.f64x2Splat, op.set(vs2), op.get(beta), op.f64x2Splat, op.set(vbeta));
  b.push(op.i32(0), op.set(p));
  b.push(op.block, op.loop, op.get(p), op.get(pairs), op.i32GeS, op.brIf(1));
  // the pair's rows start at 2p: byte offsets 2p m 8 and 2p k 8
  b.push(op.get(p), op.i32(2 * row8m), op.i32Mul, op.set(rowM), op.get(p), op.i32(2 * row8k), op.i32Mul, op.set(rowK));
  for (let v = 0; v < nv; v++) {
    b.push(...addr(pr, rowK), op.v128Load(16 * v), op.set(ri(v)));
    b.push(...addr(pr, rowK), op.v128Load(row8k + 16 * v), op.set(rj(v)));
  }
  for (let c = 0; c < k; c++) b.push(...addr(pr, rowK), ...addr(pr, rowK), op.v128Load64Zero(8 * c), op.v128Load64Lane(row8k + 8 * c, 1), op.set(rij(c)));
  if (odd) b.push(...addr(pr, rowK), op.f64Load(8 * (k - 1)), op.set(ra), ...addr(pr, rowK), op.f64Load(row8k + 8 * (k - 1)), op.set(rb));
  b.push(op.i32(0), op.set(l), op.i32(0), op.set(lk), op.i32(0), op.set(l8));
  b.push(op.block, op.loop, op.get(l), op.i32(m), op.i32GeS, op.brIf(1));
  // (a, b) = s2 (A_il, A_(i+1)l)
  b.push(op.get(vs2), ...addr(pA, rowM, l8), ...addr(pA, rowM, l8), op.v128Load64Zero(0), op.v128Load64Lane(row8m, 1), op.f64x2Mul, op.set(ab));
  // (da, db) = sum over c in order of (r_ic, r_(i+1)c) W2_lc
  b.push(op.v128Zero, op.set(acc));
  for (let c = 0; c < k; c++) b.push(op.get(acc), op.get(rij(c)), ...addr(pW2, lk), op.v128Load64Splat(8 * c), op.f64x2Mul, op.f64x2Add, op.set(acc));
  // DH's pair = (s2 (da, db)) (G_il, G_(i+1)l), stored in both rows
  b.push(op.get(vs2), op.get(acc), op.f64x2Mul, ...addr(pG, rowM, l8), ...addr(pG, rowM, l8), op.v128Load64Zero(0), op.v128Load64Lane(row8m, 1), op.f64x2Mul, op.set(dd));
  b.push(...addr(pDH, rowM, l8), op.get(dd), op.f64x2Lane(0), op.f64Store(0));
  b.push(...addr(pDH, rowM, l8), op.get(dd), op.f64x2Lane(1), op.f64Store(row8m));
  // gb1_l = (gb1_l + beta DH_il) + beta DH_(i+1)l
  b.push(op.get(vbeta), op.get(dd), op.f64x2Mul, op.set(dd));
  b.push(...addr(pgb1, l8), ...addr(pgb1, l8), op.f64Load(0), op.get(dd), op.f64x2Lane(0), op.f64Add, op.get(dd), op.f64x2Lane(1), op.f64Add, op.f64Store(0));
  // gW2_l = (gW2_l + a r_i) + b r_(i+1), two c a vector
  b.push(op.get(ab), op.f64x2Lane(0), op.f64x2Splat, op.set(as), op.get(ab), op.f64x2Lane(1), op.f64x2Splat, op.set(bs));
  for (let v = 0; v < nv; v++) {
    b.push(...addr(pgW2, lk), ...addr(pgW2, lk), op.v128Load(16 * v), op.get(as), op.get(ri(v)), op.f64x2Mul, op.f64x2Add, op.get(bs), op.get(rj(v)), op.f64x2Mul, op.f64x2Add, op.v128Store(16 * v));
  }
  if (odd) {
    b.push(...addr(pgW2, lk), ...addr(pgW2, lk), op.f64Load(8 * (k - 1)), op.get(ab), op.f64x2Lane(0), op.get(ra), op.f64Mul, op.f64Add, op.get(ab), op.f64x2Lane(1), op.get(rb), op.f64Mul, op.f64Add, op.set(g));
    b.push(op.get(g), op.f64Store(8 * (k - 1)));
  }
  b.push(op.get(l), op.i32(1), op.i32Add, op.set(l), op.get(lk), op.i32(row8k), op.i32Add, op.set(lk), op.get(l8), op.i32(8), op.i32Add, op.set(l8));
  b.push(op.br(0), op.end, op.end);
  b.push(op.get(p), op.i32(1), op.i32Add, op.set(p), op.br(0), op.end, op.end);
  const bytes = encodeModule([
    {
      name: 'back',
      params: [T.i32, T.i32, T.i32, T.i32, T.i32, T.i32, T.i32, T.i32, T.f64, T.f64],
      locals: [
        [6, T.i32],
        [3, T.f64],
        [nV128, T.v128],
      ],
      body: b,
    },
  ]);
  const mod = new wasmApi.Module(bytes);
  cached.set(key, mod);
  return mod;
}

/** The backward pass over pairs of rows for one head (m units, k outputs) on views of one WebAssembly memory. */
export class BackwardKernel {
  private readonly fn: (pA: number, pG: number, pr: number, pW2: number, pgW2: number, pDH: number, pgb1: number, pairs: number, s2: number, beta: number) => void;
  constructor(
    readonly memory: WasmMemory,
    readonly m: number,
    readonly k: number,
  ) {
    const api = wasmApi;
    if (!api) throw new Error('WebAssembly is not available in this JavaScript engine');
    this.fn = new api.Instance(backwardModule(m, k), { env: { memory } }).exports['back'] as BackwardKernel['fn'];
  }

  /** gW2, DH (rows 0 .. 2 pairs - 1) and gb1 from A, G, r and W2 (gW2 and gb1 accumulate: zero them first), as FcHead64.backward's pairs. */
  pairs(arrays: { A: Float64Array; G: Float64Array; r: Float64Array; W2: Float64Array; gW2: Float64Array; DH: Float64Array; gb1: Float64Array }, pairs: number, s2: number, beta: number): void {
    const { m, k } = this;
    const need: Record<string, number> = { A: 2 * pairs * m, G: 2 * pairs * m, r: 2 * pairs * k, W2: m * k, gW2: m * k, DH: 2 * pairs * m, gb1: m };
    for (const [name, w] of Object.entries(arrays)) {
      if (w.buffer !== this.memory.buffer) throw new RangeError(`BackwardKernel: ${name} is not a view of the kernel's memory`);
      if (w.length < (need[name] as number)) throw new RangeError(`BackwardKernel: ${name} has ${w.length} elements, fewer than ${need[name]}`);
    }
    const { A, G, r, W2, gW2, DH, gb1 } = arrays;
    this.fn(A.byteOffset, G.byteOffset, r.byteOffset, W2.byteOffset, gW2.byteOffset, DH.byteOffset, gb1.byteOffset, pairs, s2, beta);
  }
}
