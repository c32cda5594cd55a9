import { T, encodeModule, op, wasmApi, wasmSimdAvailable, type Bytes, type WasmApi, type WasmMemory, type WasmModule } from './wasm.js';

/**
 * The fused pass of the Stepper as a WebAssembly SIMD function, for one input dimension d (unrolled):
 *
 *   th = 0
 *   for i in 0..m-1:
 *     p  = 0; p += w_i[0] g[0]; p += w_i[1] g[1]; ...      (in this order, as the JS loop does)
 *     an = a_i - eta p;  c = eta a_i
 *     w_i[k] = w_i[k] - c g[k];  th[k] = th[k] + an w_i[k]  (k = 0..d-1; two k per f64x2 lane pair)
 *     a_i = an
 *
 * Every product and sum is the same IEEE float64 operation, on the same operands and in the same order,
 * as the Stepper's JavaScript loop: the lanes of a f64x2 multiply are the scalar products, and the dot
 * product is summed lane by lane from 0 (no reassociation, no fused multiply-add). So the kernel is bit
 * for bit equal to the JavaScript loop, on every platform (test/engine/kernels.test.ts checks it).
 *
 * Memory layout, in float64 slots: W (m x d, row-major) | a (m) | g (d) | th (d).
 */

/** the largest d unrolled into one function (the code grows as d) */
export const MAX_KERNEL_D = 1024;
/** the largest memory the kernel addresses (i32 offsets) */
const MAX_BYTES = 2 ** 31 - 2 ** 16;

function sgdFunction(d: number): { params: (typeof T)[keyof typeof T][]; locals: [number, (typeof T)[keyof typeof T]][]; body: Bytes[] } {
  const nv = d >> 1;
  const odd = d & 1;
  // params: eta f64 (0), m i32 (1), pa i32 (2), pg i32 (3), pth i32 (4)
  const [eta, m, pa, pg, pth] = [0, 1, 2, 3, 4];
  // i32 locals
  const [i, pw, pai] = [5, 6, 7];
  // f64 locals
  const [ai, p, an, c, wt, tt] = [8, 9, 10, 11, 12, 13];
  // v128 locals
  const [vc, van, prod, wn] = [14, 15, 16, 17];
  const t = (v: number): number => 18 + v;
  const b: Bytes[] = [];
  for (let v = 0; v < nv; v++) b.push(op.v128Zero, op.set(t(v)));
  if (odd) b.push(op.f64(0), op.set(tt));
  b.push(op.i32(0), op.set(pw), op.get(pa), op.set(pai), op.i32(0), op.set(i));
  b.push(op.block, op.loop);
  b.push(op.get(i), op.get(m), op.i32GeS, op.brIf(1));
  b.push(op.get(pai), op.f64Load(0), op.set(ai));
  // p = ((0 + w0 g0) + w1 g1) + ...
  b.push(op.f64(0));
  for (let v = 0; v < nv; v++) {
    b.push(op.get(pw), op.v128Load(16 * v), op.get(pg), op.v128Load(16 * v), op.f64x2Mul, op.tee(prod));
    b.push(op.f64x2Lane(0), op.f64Add, op.get(prod), op.f64x2Lane(1), op.f64Add);
  }
  if (odd) b.push(op.get(pw), op.f64Load(16 * nv), op.get(pg), op.f64Load(16 * nv), op.f64Mul, op.f64Add);
  b.push(op.set(p));
  // an = ai - eta p ; c = eta ai
  b.push(op.get(ai), op.get(eta), op.get(p), op.f64Mul, op.f64Sub, op.tee(an), op.f64x2Splat, op.set(van));
  b.push(op.get(eta), op.get(ai), op.f64Mul, op.tee(c), op.f64x2Splat, op.set(vc));
  for (let v = 0; v < nv; v++) {
    // w = w - c g ; th = th + an w
    b.push(op.get(pw), op.get(pw), op.v128Load(16 * v), op.get(vc), op.get(pg), op.v128Load(16 * v), op.f64x2Mul, op.f64x2Sub);
    b.push(op.tee(wn), op.v128Store(16 * v));
    b.push(op.get(t(v)), op.get(van), op.get(wn), op.f64x2Mul, op.f64x2Add, op.set(t(v)));
  }
  if (odd) {
    b.push(op.get(pw), op.get(pw), op.f64Load(16 * nv), op.get(c), op.get(pg), op.f64Load(16 * nv), op.f64Mul, op.f64Sub);
    b.push(op.tee(wt), op.f64Store(16 * nv));
    b.push(op.get(tt), op.get(an), op.get(wt), op.f64Mul, op.f64Add, op.set(tt));
  }
  b.push(op.get(pai), op.get(an), op.f64Store(0));
  b.push(op.get(pw), op.i32(8 * d), op.i32Add, op.set(pw));
  b.push(op.get(pai), op.i32(8), op.i32Add, op.set(pai));
  b.push(op.get(i), op.i32(1), op.i32Add, op.set(i));
  b.push(op.br(0), op.end, op.end);
  for (let v = 0; v < nv; v++) b.push(op.get(pth), op.get(t(v)), op.v128Store(16 * v));
  if (odd) b.push(op.get(pth), op.get(tt), op.f64Store(16 * nv));
  return {
    params: [T.f64, T.i32, T.i32, T.i32, T.i32],
    locals: [
      [3, T.i32],
      [6, T.f64],
      [4 + nv, T.v128],
    ],
    body: b,
  };
}

const modules = new Map<number, WasmModule>();

function api(): WasmApi {
  if (!wasmApi) throw new RangeError('this engine has no WebAssembly');
  return wasmApi;
}

function sgdModule(d: number): WasmModule {
  let mod = modules.get(d);
  if (!mod) {
    mod = new (api().Module)(encodeModule([{ name: 'sgd', ...sgdFunction(d) }]));
    modules.set(d, mod);
  }
  return mod;
}

/** The bytes of the kernel module for d (for inspection and tests). */
export function sgdKernelBytes(d: number): Uint8Array {
  return encodeModule([{ name: 'sgd', ...sgdFunction(d) }]);
}

/** Whether a kernel can be made for an m x d network here (SIMD available, d unrolled, memory addressable). */
export function sgdKernelFits(m: number, d: number): boolean {
  return wasmSimdAvailable() && Number.isInteger(m) && Number.isInteger(d) && m >= 1 && d >= 1 && d <= MAX_KERNEL_D && 8 * (m * d + m + 2 * d) <= MAX_BYTES;
}

/**
 * One network's parameters in WebAssembly memory: views of W's rows, a, g and theta, and the fused pass.
 * W's rows are contiguous, so the pass runs over one block of memory.
 */
export class SgdKernel {
  readonly memory: WasmMemory;
  /** row i of W: a view of the memory (length d) */
  readonly rows: Float64Array[];
  readonly a: Float64Array;
  readonly g: Float64Array;
  readonly th: Float64Array;
  private readonly fn: (eta: number, m: number, pa: number, pg: number, pth: number) => void;
  private readonly pa: number;
  private readonly pg: number;
  private readonly pth: number;

  constructor(
    readonly m: number,
    readonly d: number,
  ) {
    if (!sgdKernelFits(m, d)) throw new RangeError(`no WebAssembly kernel for m = ${m}, d = ${d}`);
    const slots = m * d + m + 2 * d;
    const pages = Math.max(1, Math.ceil((8 * slots) / 65536));
    this.memory = new (api().Memory)({ initial: pages, maximum: pages });
    const instance = new (api().Instance)(sgdModule(d), { env: { memory: this.memory } });
    this.fn = instance.exports['sgd'] as SgdKernel['fn'];
    const buf = this.memory.buffer;
    this.rows = Array.from({ length: m }, (_, i) => new Float64Array(buf, 8 * i * d, d));
    this.pa = 8 * m * d;
    this.pg = this.pa + 8 * m;
    this.pth = this.pg + 8 * d;
    this.a = new Float64Array(buf, this.pa, m);
    this.g = new Float64Array(buf, this.pg, d);
    this.th = new Float64Array(buf, this.pth, d);
  }

  /** The fused pass with step size eta, from the memory's W, a and g; theta into th. */
  apply(eta: number): void {
    this.fn(eta, this.m, this.pa, this.pg, this.pth);
  }
}
