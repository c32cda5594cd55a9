import { stepsFunction } from './batchSteps.js';
import { rowUpdate } from './rowUpdate.js';
import { OSC_ROWS, oscFunctions } from './oscKernel.js';
import { SAMPLE_ROWS, sampleFunctions } from './sampleKernel.js';
import { HI, LO, T, encodeModule, op, wasmApi, wasmSimdAvailable, type Bytes, type ValType, type WasmApi, type WasmMemory, type WasmModule } from './wasm.js';

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
 * Memory layout, in float64 slots: W (m x d, row-major) | a (m) | g (d) | th (d) | gs (2 d: g's elements, each twice)
 * | z (m) | xs (d) | scal (1) | then, with a StepsRoom, X (n x d) | y (n) | eps (draws) | rs (n, with flips) | idx (draws, int32)
 * | fl (flips, int8). The single-sample functions (batch 1: sampleKernel.ts) use z, xs and scal; the oscillation process
 * (oscKernel.ts) uses X, y, the residuals rs and the chain's coins fl.
 */

/** the largest d unrolled into one function (the code grows as d) */
export const MAX_KERNEL_D = 1024;
/** the largest memory the kernel addresses (i32 offsets) */
const MAX_BYTES = 2 ** 31 - 2 ** 16;


/** rows per block of the main loop: PAIRS pairs of rows, each pair's two dot products in the lanes of one f64x2 */
export const PAIRS = 2;

type Local = [number, ValType];

/**
 * The function, for one d. The main loop takes the rows in blocks of 2 PAIRS:
 *  - the dot products of a block run side by side, two rows to a f64x2 (lane 0: row 2q, lane 1: row 2q + 1,
 *    loaded element by element), each lane summing its row's products from 0 in order k = 0, 1, ... as
 *    the JavaScript loop does; PAIRS independent chains hide the latency of the additions;
 *  - a_i, an_i and c_i of two rows a vector;
 *  - the update goes over W's block column pair by column pair: theta's pair is loaded once, takes the
 *    block's rows in order (th + an_0 w_0, then + an_1 w_1, ...) and is stored, so few registers are live.
 * The rows left over (m mod 2 PAIRS) go one at a time, with the same update.
 */
function sgdFunction(d: number, pairs = PAIRS): { params: ValType[]; locals: Local[]; body: Bytes[] } {
  const nv = d >> 1;
  const odd = d & 1;
  const R = 2 * pairs;
  const row = 8 * d;
  // params: eta f64 (0), m i32 (1), pa i32 (2), pg i32 (3), pth i32 (4), pgs i32 (5: d splatted copies of g)
  const [eta, m, pa, pg, pth, pgs] = [0, 1, 2, 3, 4, 5];
  // i32 locals
  const [i, pw, pai] = [6, 7, 8];
  // f64 locals
  const [ai, p, an, c, wt, tt, gk] = [9, 10, 11, 12, 13, 14, 15];
  // v128 locals
  const [veta, x, tv, gv, wn] = [16, 17, 18, 19, 20];
  const acc = (q: number): number => 21 + q;
  const anq = (q: number): number => 21 + pairs + q;
  const cq = (q: number): number => 21 + 2 * pairs + q;
  const cs = (r: number): number => 21 + 3 * pairs + r;
  const ans = (r: number): number => 21 + 3 * pairs + R + r;
  const nV128 = 5 + 3 * pairs + 2 * R;
  const b: Bytes[] = [];

  /** rows r = 0..n-1 of the block at pw: w_r <- w_r - c_r g ; th <- th + an_r w_r (c_r, an_r splatted in cs, ans; rowUpdate.ts) */
  const update = (n: number): void => rowUpdate(b, d, n, { pw, pth, pg, tv, gv, wn, tt, gk, wt, cs, ans });
  /** a loop `while (i + step <= m) { ...body; pw += step rows; pai += step; i += step }` */
  const loop = (step: number, body: () => void): void => {
    b.push(op.block, op.loop);
    b.push(op.get(i), op.i32(step), op.i32Add, op.get(m), op.i32GtS, op.brIf(1));
    body();
    b.push(op.get(pw), op.i32(row * step), op.i32Add, op.set(pw));
    b.push(op.get(pai), op.i32(8 * step), op.i32Add, op.set(pai));
    b.push(op.get(i), op.i32(step), op.i32Add, op.set(i));
    b.push(op.br(0), op.end, op.end);
  };

  // th = 0 ; gs[k] = (g_k, g_k) ; pointers
  for (let v = 0; v < nv; v++) b.push(op.get(pth), op.v128Zero, op.v128Store(16 * v));
  if (odd) b.push(op.get(pth), op.f64(0), op.f64Store(16 * nv));
  if (odd) b.push(op.get(pgs), op.get(pg), op.f64Load(8 * (d - 1)), op.f64x2Splat, op.v128Store(16 * (d - 1)));
  b.push(op.get(eta), op.f64x2Splat, op.set(veta));
  b.push(op.i32(0), op.set(pw), op.get(pa), op.set(pai), op.i32(0), op.set(i));

  loop(R, () => {
    // p = ((0 + w_0 g_0) + w_1 g_1) + ... for the block's rows, two rows to a vector
    for (let q = 0; q < pairs; q++) b.push(op.v128Zero, op.set(acc(q)));
    for (let v = 0; v < nv; v++) {
      b.push(op.get(pg), op.v128Load(16 * v), op.set(gv));
      for (let q = 0; q < pairs; q++) {
        // (w_r[2v] g_2v, w_r[2v+1] g_2v+1) for the pair's two rows, then lanes 0 of both, then lanes 1 of both
        b.push(op.get(pw), op.v128Load(row * 2 * q + 16 * v), op.get(gv), op.f64x2Mul, op.set(x));
        b.push(op.get(pw), op.v128Load(row * (2 * q + 1) + 16 * v), op.get(gv), op.f64x2Mul, op.set(wn));
        b.push(op.get(acc(q)), op.get(x), op.get(wn), op.shuffle(LO), op.f64x2Add);
        b.push(op.get(x), op.get(wn), op.shuffle(HI), op.f64x2Add, op.set(acc(q)));
      }
    }
    if (odd) {
      for (let q = 0; q < pairs; q++) {
        b.push(op.get(acc(q)), op.get(pw), op.get(pw), op.v128Load64Zero(row * 2 * q + 16 * nv), op.v128Load64Lane(row * (2 * q + 1) + 16 * nv, 1));
        b.push(op.get(pgs), op.v128Load(16 * (d - 1)), op.f64x2Mul, op.f64x2Add, op.set(acc(q)));
      }
    }
    // an = a - eta p ; c = eta a ; a <- an (two rows a vector), then each row's c and an splatted
    for (let q = 0; q < pairs; q++) {
      b.push(op.get(pai), op.v128Load(16 * q), op.set(x));
      b.push(op.get(x), op.get(veta), op.get(acc(q)), op.f64x2Mul, op.f64x2Sub, op.set(anq(q)));
      b.push(op.get(veta), op.get(x), op.f64x2Mul, op.set(cq(q)));
      b.push(op.get(pai), op.get(anq(q)), op.v128Store(16 * q));
    }
    for (let r = 0; r < R; r++) {
      const lane = (r & 1) as 0 | 1;
      b.push(op.get(cq(r >> 1)), op.f64x2Lane(lane), op.f64x2Splat, op.set(cs(r)));
      b.push(op.get(anq(r >> 1)), op.f64x2Lane(lane), op.f64x2Splat, op.set(ans(r)));
    }
    update(R);
  });

  // the rows left over, one at a time
  loop(1, () => {
    b.push(op.get(pai), op.f64Load(0), op.set(ai));
    // p = ((0 + w0 g0) + w1 g1) + ...
    b.push(op.f64(0));
    for (let v = 0; v < nv; v++) {
      b.push(op.get(pw), op.v128Load(16 * v), op.get(pg), op.v128Load(16 * v), op.f64x2Mul, op.tee(x));
      b.push(op.f64x2Lane(0), op.f64Add, op.get(x), op.f64x2Lane(1), op.f64Add);
    }
    if (odd) b.push(op.get(pw), op.f64Load(16 * nv), op.get(pg), op.f64Load(16 * nv), op.f64Mul, op.f64Add);
    b.push(op.set(p));
    // an = ai - eta p ; c = eta ai
    b.push(op.get(ai), op.get(eta), op.get(p), op.f64Mul, op.f64Sub, op.tee(an), op.f64x2Splat, op.set(ans(0)));
    b.push(op.get(eta), op.get(ai), op.f64Mul, op.tee(c), op.f64x2Splat, op.set(cs(0)));
    update(1);
    b.push(op.get(pai), op.get(an), op.f64Store(0));
  });
  return {
    params: [T.f64, T.i32, T.i32, T.i32, T.i32, T.i32],
    locals: [
      [3, T.i32],
      [7, T.f64],
      [nV128, T.v128],
    ],
    body: b,
  };
}

const modules = new Map<number, WasmModule>();

function api(): WasmApi {
  if (!wasmApi) throw new RangeError('this engine has no WebAssembly');
  return wasmApi;
}

function sgdModule(d: number, pairs: number, sampleRows: number, oscRows: number): WasmModule {
  const key = ((d * 64 + pairs) * 64 + sampleRows) * 64 + oscRows;
  let mod = modules.get(key);
  if (!mod) {
    mod = new (api().Module)(kernelModule(d, pairs, sampleRows, oscRows));
    modules.set(key, mod);
  }
  return mod;
}

function kernelModule(d: number, pairs = PAIRS, sampleRows = SAMPLE_ROWS, oscRows = OSC_ROWS): Uint8Array {
  const fns = [{ name: 'sgd', ...sgdFunction(d, pairs) }, { name: 'steps', ...stepsFunction(d) }, ...sampleFunctions(d, 2, sampleRows)];
  return encodeModule([...fns, ...oscFunctions(d, fns.length, oscRows)]);
}

/** The bytes of the kernel module for d (for inspection and tests). */
export function sgdKernelBytes(d: number): Uint8Array {
  return kernelModule(d);
}

/** Whether a kernel can be made for an m x d network here (SIMD available, d unrolled, memory addressable). */
export function sgdKernelFits(m: number, d: number): boolean {
  return wasmSimdAvailable() && Number.isInteger(m) && Number.isInteger(d) && m >= 1 && d >= 1 && d <= MAX_KERNEL_D && 8 * fixedSlots(m, d) <= MAX_BYTES;
}

/** float64 slots before the StepsRoom: W, a, g, th, gs, z, xs, scal */
function fixedSlots(m: number, d: number): number {
  return m * d + 2 * m + 5 * d + 1;
}

/** The room for whole steps run inside WebAssembly (`SgdKernel.steps`, `oscSteps`): the data and a chunk of draws. */
export interface StepsRoom {
  /** training points (rows of X) */
  n: number;
  /** draws (indices and label noises) a chunk holds: steps per chunk times the batch size */
  draws: number;
  /** the oscillation process's coins a chunk holds (steps per chunk times m; 0 or absent: none, and no residuals) */
  flips?: number;
}

/** The bytes after the fixed slots that `room` takes for X's rows of length d: X, y, eps, rs, idx, fl. */
function roomBytes(d: number, room: StepsRoom): number {
  const flips = room.flips ?? 0;
  return 8 * room.n * (d + 1) + 12 * room.draws + (flips > 0 ? 8 * room.n + flips : 0);
}

/** Whether the kernel's memory can also hold `room` (see sgdKernelFits). */
export function sgdStepsFit(m: number, d: number, room: StepsRoom): boolean {
  const flips = room.flips ?? 0;
  return (
    sgdKernelFits(m, d) &&
    Number.isInteger(room.n) &&
    Number.isInteger(room.draws) &&
    Number.isInteger(flips) &&
    room.n >= 0 &&
    room.draws >= 0 &&
    flips >= 0 &&
    8 * fixedSlots(m, d) + roomBytes(d, room) <= MAX_BYTES
  );
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
  /** with a StepsRoom: X's rows (n x d), y, and the chunk's draws (filled by the caller before `steps`) */
  readonly X: Float64Array;
  readonly y: Float64Array;
  readonly idx: Int32Array;
  readonly eps: Float64Array;
  private readonly fn: (eta: number, m: number, pa: number, pg: number, pth: number, pgs: number) => void;
  private readonly stepsFn: (...args: number[]) => number;
  private readonly pa: number;
  private readonly pg: number;
  private readonly pth: number;
  private readonly pgs: number;
  private readonly px: number;
  private readonly py: number;
  private readonly peps: number;
  private readonly pidx: number;
  /** batch 1 (sampleKernel.ts): z_i = <w_i, x> of pass 1, the sample x of a single step, ||a||^2 */
  readonly z: Float64Array;
  readonly xs: Float64Array;
  private readonly pz: number;
  private readonly pxs: number;
  private readonly pscal: number;
  private readonly dotsFn: (m: number, pa: number, pz: number, px: number) => number;
  private readonly updateFn: (eta: number, r: number, m: number, pa: number, pz: number, pg: number, pscal: number) => void;
  private readonly steps1Fn: (...args: number[]) => number;
  private readonly thetaFn: (m: number, pa: number, pth: number) => void;
  /** the oscillation process (oscKernel.ts): the residuals r_j of the full-batch gradient and the chain's coins (Int8, m a step) */
  readonly fl: Int8Array;
  private readonly prs: number;
  private readonly pfl: number;
  private readonly oscPassFn: (eta: number, q: number, m: number, pa: number, pg: number, pth: number, pfl: number) => void;
  private readonly oscStepsFn: (...args: number[]) => number;

  constructor(
    readonly m: number,
    readonly d: number,
    /** rows per block / 2 (a tuning knob for bench/; every value gives the same bits) */
    pairs = PAIRS,
    room: StepsRoom = { n: 0, draws: 0 },
    /** rows per block of the single-sample passes (a tuning knob; every value gives the same bits) */
    sampleRows = SAMPLE_ROWS,
    /** rows per block of the oscillation pass (a tuning knob; every value gives the same bits) */
    oscRows = OSC_ROWS,
  ) {
    if (!Number.isInteger(pairs) || pairs < 1 || pairs > 8) throw new RangeError(`pairs = ${pairs}: expected 1 to 8`);
    if (!Number.isInteger(sampleRows) || sampleRows < 1 || sampleRows > 8) throw new RangeError(`sampleRows = ${sampleRows}: expected 1 to 8`);
    if (!Number.isInteger(oscRows) || oscRows < 1 || oscRows > 16) throw new RangeError(`oscRows = ${oscRows}: expected 1 to 16`);
    if (!sgdStepsFit(m, d, room)) throw new RangeError(`no WebAssembly kernel for m = ${m}, d = ${d} (n = ${room.n}, ${room.draws} draws, ${room.flips ?? 0} coins)`);
    const bytes = 8 * fixedSlots(m, d) + roomBytes(d, room);
    const pages = Math.max(1, Math.ceil(bytes / 65536));
    this.memory = new (api().Memory)({ initial: pages, maximum: pages });
    const instance = new (api().Instance)(sgdModule(d, pairs, sampleRows, oscRows), { env: { memory: this.memory } });
    this.fn = instance.exports['sgd'] as SgdKernel['fn'];
    this.stepsFn = instance.exports['steps'] as SgdKernel['stepsFn'];
    this.dotsFn = instance.exports['dots1'] as SgdKernel['dotsFn'];
    this.updateFn = instance.exports['update1'] as SgdKernel['updateFn'];
    this.steps1Fn = instance.exports['steps1'] as SgdKernel['steps1Fn'];
    this.thetaFn = instance.exports['theta'] as SgdKernel['thetaFn'];
    this.oscPassFn = instance.exports['oscPass'] as SgdKernel['oscPassFn'];
    this.oscStepsFn = instance.exports['oscSteps'] as SgdKernel['oscStepsFn'];
    const buf = this.memory.buffer;
    this.rows = Array.from({ length: m }, (_, i) => new Float64Array(buf, 8 * i * d, d));
    this.pa = 8 * m * d;
    this.pg = this.pa + 8 * m;
    this.pth = this.pg + 8 * d;
    this.a = new Float64Array(buf, this.pa, m);
    this.g = new Float64Array(buf, this.pg, d);
    this.th = new Float64Array(buf, this.pth, d);
    this.pgs = this.pth + 8 * d;
    this.pz = this.pgs + 16 * d;
    this.pxs = this.pz + 8 * m;
    this.pscal = this.pxs + 8 * d;
    this.z = new Float64Array(buf, this.pz, m);
    this.xs = new Float64Array(buf, this.pxs, d);
    this.px = this.pscal + 8;
    this.py = this.px + 8 * room.n * d;
    this.peps = this.py + 8 * room.n;
    const flips = room.flips ?? 0;
    this.prs = this.peps + 8 * room.draws;
    this.pidx = this.prs + (flips > 0 ? 8 * room.n : 0);
    this.pfl = this.pidx + 4 * room.draws;
    this.X = new Float64Array(buf, this.px, room.n * d);
    this.y = new Float64Array(buf, this.py, room.n);
    this.eps = new Float64Array(buf, this.peps, room.draws);
    this.idx = new Int32Array(buf, this.pidx, room.draws);
    this.fl = new Int8Array(buf, this.pfl, flips);
  }

  /**
   * One step of the oscillation process's pass (Eqs. (6)-(7); oscKernel.ts oscPass) from the memory's W, a and g, with the
   * m coins at the start of fl; theta of the new state into th. q = Math.pow(eta, 0.25), from the caller.
   */
  oscPass(eta: number, q: number): void {
    if (this.fl.length < this.m) throw new RangeError(`the kernel holds ${this.fl.length} coins, a step needs m = ${this.m}`);
    this.oscPassFn(eta, q, this.m, this.pa, this.pg, this.pth, this.pfl);
  }

  /**
   * Up to `count` whole steps of the oscillation process (oscKernel.ts oscSteps): each the full-batch gradient from the
   * memory's theta, X and y (all n points, label noise 0), then the pass with coins fl[s m .. s m + m - 1]; stops after
   * the first step that leaves some |theta_k| <= bound false. Returns the steps done.
   */
  oscSteps(eta: number, q: number, count: number, bound: number): number {
    const n = this.y.length;
    if (!(count * this.m <= this.fl.length) || count < 0) throw new RangeError(`${count} steps do not fit ${this.fl.length} coins of m = ${this.m}`);
    if (n < 1) throw new RangeError('the oscillation steps need the training points (a StepsRoom with n >= 1)');
    return this.oscStepsFn(eta, q, this.m, this.pa, this.pg, this.pth, this.pfl, this.px, this.py, n, n, this.prs, count, bound);
  }

  /**
   * Up to `count` whole steps of the SGD rule with batch size B, drawing step s's indices and label noises
   * from idx and eps at s B .. s B + B - 1 (indices into X's n rows: the caller checks them); stops after
   * the first step that leaves some |theta_k| <= bound false. Returns the steps done.
   */
  steps(eta: number, B: number, count: number, bound: number): number {
    if (!(count * B <= this.idx.length) || B < 1) throw new RangeError(`${count} steps of batch ${B} do not fit ${this.idx.length} draws`);
    return this.stepsFn(eta, this.m, this.pa, this.pg, this.pth, this.pgs, this.px, this.py, this.pidx, this.peps, B, B, count, bound);
  }

  /** Batch 1, pass 1 (rules/singleSamplePass.ts neuronOutputs): z_i = <w_i, xs> into z; returns f = sum_i a_i z_i. */
  sampleOutputs(): number {
    return this.dotsFn(this.m, this.pa, this.pz, this.pxs);
  }

  /** Batch 1, pass 2 (sampleUpdate): a_i -= eta (r z_i), w_i -= (eta a_i) g, from the memory's z and g = r x. */
  sampleUpdate(eta: number, r: number): void {
    this.updateFn(eta, r, this.m, this.pa, this.pz, this.pg, this.pscal);
  }

  /**
   * Up to `count` whole single-sample steps with the draws idx[from ..], eps[from ..]: returns 2 done + flag,
   * flag 1 where the certificate |theta_k| <= bound failed after step `done` (sampleKernel.ts steps1).
   */
  sampleSteps(eta: number, from: number, count: number, bound: number): number {
    if (!(from >= 0 && from + count <= this.idx.length)) throw new RangeError(`${count} steps from ${from} do not fit ${this.idx.length} draws`);
    return this.steps1Fn(eta, this.m, this.pa, this.pz, this.pg, this.pscal, this.px, this.py, this.pidx + 4 * from, this.peps + 8 * from, count, bound);
  }

  /** th = a^T W of the memory's W and a (network.ts `theta`'s bits; sampleKernel.ts thetaFunction). */
  theta(): void {
    this.thetaFn(this.m, this.pa, this.pth);
  }

  /** The fused pass with step size eta, from the memory's W, a and g; theta into th. */
  apply(eta: number): void {
    this.fn(eta, this.m, this.pa, this.pg, this.pth, this.pgs);
  }
}
