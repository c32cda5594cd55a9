import { ERF_COEFFICIENTS, TWO_OVER_SQRT_PI, erfAndPrimeRange } from './erf.js';
import { T, encodeModule, op, wasmApi, wasmSimdAvailable, type Bytes, type WasmMemory, type WasmModule } from '../engine/kernels/wasm.js';

/**
 * erf(h) and erf'(h) = 2/sqrt(pi) exp(-h^2) over an array, as a WebAssembly SIMD function: two h a f64x2, each lane the
 * same IEEE float64 operations in the same order as the JavaScript loop of erf.ts (`erfAndPrime`: Cephes' rational erf
 * from e = exp(-h^2)), so the same bits (test/cifar/erfKernel.test.ts). The Gram path evaluates n m of them a forward
 * pass, about half of a GD step in JavaScript (bench/cifar-gram-profile.ts).
 *
 * exp is the function V8's Math.exp computes, fdlibm's e_exp.c (FreeBSD msun, V8's src/base/ieee754.cc): a port of it
 * equalled Math.exp bit for bit on 7 million arguments, and the test holds this kernel to Math.exp. For v = -h^2 <= 0:
 *   |v| < 2^-28:               exp = 1 + v
 *   |v| <= 0.5 ln 2:           k = 0, exp = 1 - ((v c)/(c - 2) - v)
 *   |v| < 1.5 ln 2:            k = -1, hi = v + ln2hi, lo = -ln2lo
 *   beyond:                    k = trunc(v / ln 2 - 1/2), hi = v - k ln2hi, lo = k ln2lo
 *   r = hi - lo (v when k = 0), c = r - r^2 (P1 + r^2 (P2 + ...)), exp = (1 - ((lo - (r c)/(2 - c)) - hi)) 2^k
 * fdlibm tests the high 32 bits of |v| against its thresholds; for a non-negative double that is a comparison of |v|
 * with the double whose high word is the threshold (+ 1 for "above") and whose low word is 0, as done here. 2^k is
 * made from its bits: k + 1.5 2^52 holds k in its low bits, and (k + 1023) << 52 are the bits of 2^k.
 *
 * A pair is done here only when both |h| < FAST_LIMIT (then -h^2 > -676: no overflow, underflow or subnormal 2^k, no
 * NaN); the function returns the index of the first pair it leaves, which the caller computes in JavaScript before it
 * resumes. Each branch of erf (|h| <= 1, 1 < |h| < 8, beyond) runs only where a lane of the pair needs it.
 */

const LN2_HI = 6.9314718036912381649e-1;
const LN2_LO = 1.90821492927058770002e-10;
const INV_LN2 = 1.442695040888963387;
const P = [1.66666666666666019037e-1, -2.77777777770155933842e-3, 6.61375632143793436117e-5, -1.65339022054652515390e-6, 4.13813679705723846039e-8] as const;
/** pairs with both |h| below this are computed in WebAssembly */
export const FAST_LIMIT = 26;
/** the double whose bits are (hi << 32) */
const fromHighWord = (hi: number): number => new Float64Array(new BigUint64Array([BigInt(hi) << 32n]).buffer)[0] as number;
/** 1.5 2^52: k + MAGIC holds the integer k in its low mantissa bits */
const MAGIC = 6755399441055744;

let cached: WasmModule | undefined;

/** pairs of h an iteration of the kernel's loop: their chains are independent, so they overlap (every value gives the same bits) */
export const PAIRS_PER_ITERATION = 2;

/** erfPairs(pH, pA, pG, pairs) -> the first pair not done (pairs when all were) */
function erfModule(U = PAIRS_PER_ITERATION): WasmModule {
  if (cached) return cached;
  if (!wasmApi || !wasmSimdAvailable()) throw new Error('WebAssembly SIMD is not available in this JavaScript engine');
  const [pH, pA, pG, pairs, q, off] = [0, 1, 2, 3, 4, 5];
  const PER = 18;
  /** the v128 locals of the u-th pair of an iteration */
  const localsOf = (u: number) => {
    const [x, ax, v, av, kt, hi, lo, r, t2, c, e, y0, out, erfc, mask, mask2, s, s2] = Array.from({ length: PER }, (_, j) => 6 + u * PER + j) as [number, number, number, number, number, number, number, number, number, number, number, number, number, number, number, number, number, number];
    return { x, ax, v, av, kt, hi, lo, r, t2, c, e, y0, out, erfc, mask, mask2, s, s2 };
  };
  const firstConstant = 6 + U * PER;
  let b: Bytes[] = [];
  // every constant splatted once, before the loop, into a local of its own (a splat in the loop costs three instructions)
  const constants = new Map<number, number>();
  const splat = (value: number): Bytes[] => {
    let local = constants.get(value);
    if (local === undefined) {
      local = firstConstant + constants.size;
      constants.set(value, local);
    }
    return [op.get(local)];
  };
  const at = (base: number): Bytes[] => [op.get(base), op.get(off), op.i32Add];

  /** one pair at byte offset 16 u of the iteration: exp, G, then erf (the branches where `needs` says a lane needs them) */
  const pair = (u: number): void => {
    const { x, ax, v, av, kt, hi, lo, r, t2, c, e, y0, out, erfc, mask, mask2, s, s2 } = localsOf(u);
    const o = 16 * u;
    /** Horner c[0] y^deg + ... + c[deg] of the vector y in local `of` (erf.ts poly), into s */
    const poly = (of: number, cs: readonly number[]): void => {
      b.push(...splat(cs[0] as number), op.set(s));
      for (let j = 1; j < cs.length; j++) b.push(op.get(s), op.get(of), op.f64x2Mul, ...splat(cs[j] as number), op.f64x2Add, op.set(s));
    };
    /** monic: y^deg + c[0] y^(deg-1) + ... (erf.ts poly1), into s2 */
    const poly1 = (of: number, cs: readonly number[]): void => {
      b.push(op.get(of), ...splat(cs[0] as number), op.f64x2Add, op.set(s2));
      for (let j = 1; j < cs.length; j++) b.push(op.get(s2), op.get(of), op.f64x2Mul, ...splat(cs[j] as number), op.f64x2Add, op.set(s2));
    };
    // v = (-h) h (JavaScript's -x * x), |v|
    b.push(op.get(x), op.f64x2Neg, op.get(x), op.f64x2Mul, op.tee(v), op.f64x2Abs, op.set(av));
    // k = -1 where |v| < 1.5 ln 2 (high word < 0x3ff0a2b2), else trunc(invln2 v - 1/2); hi, lo likewise
    b.push(op.get(av), ...splat(fromHighWord(0x3ff0a2b2)), op.f64x2Lt, op.set(mask));
    b.push(...splat(-1), op.get(v), ...splat(INV_LN2), op.f64x2Mul, ...splat(-0.5), op.f64x2Add, op.f64x2Trunc, op.get(mask), op.bitselect, op.set(kt));
    b.push(op.get(v), ...splat(LN2_HI), op.f64x2Add, op.get(v), op.get(kt), ...splat(LN2_HI), op.f64x2Mul, op.f64x2Sub, op.get(mask), op.bitselect, op.set(hi));
    b.push(...splat(-LN2_LO), op.get(kt), ...splat(LN2_LO), op.f64x2Mul, op.get(mask), op.bitselect, op.set(lo));
    // reduced where |v| > 0.5 ln 2 (high word > 0x3fd62e42): r = hi - lo; else r = v (k = 0)
    b.push(op.get(av), ...splat(fromHighWord(0x3fd62e43)), op.f64x2Ge, op.set(mask2));
    b.push(op.get(hi), op.get(lo), op.f64x2Sub, op.get(v), op.get(mask2), op.bitselect, op.set(r));
    // c = r - t (P1 + t (P2 + t (P3 + t (P4 + t P5)))), t = r^2
    b.push(op.get(r), op.get(r), op.f64x2Mul, op.set(t2));
    b.push(op.get(r), op.get(t2), ...splat(P[0]), op.get(t2), ...splat(P[1]), op.get(t2), ...splat(P[2]), op.get(t2), ...splat(P[3]), op.get(t2), ...splat(P[4]));
    b.push(op.f64x2Mul, op.f64x2Add, op.f64x2Mul, op.f64x2Add, op.f64x2Mul, op.f64x2Add, op.f64x2Mul, op.f64x2Add, op.f64x2Mul, op.f64x2Sub, op.set(c));
    // k != 0: (1 - ((lo - (r c)/(2 - c)) - hi)) 2^k
    b.push(...splat(1), op.get(lo), op.get(r), op.get(c), op.f64x2Mul, ...splat(2), op.get(c), op.f64x2Sub, op.f64x2Div, op.f64x2Sub, op.get(hi), op.f64x2Sub, op.f64x2Sub);
    b.push(op.get(kt), ...splat(MAGIC), op.f64x2Add, ...splat(MAGIC), op.i64x2Sub, op.i64x2Const(1023n, 1023n), op.i64x2Add, op.i32(52), op.i64x2Shl);
    b.push(op.f64x2Mul, op.set(e));
    // k = 0: 1 - ((v c)/(c - 2) - v)
    b.push(...splat(1), op.get(r), op.get(c), op.f64x2Mul, op.get(c), ...splat(2), op.f64x2Sub, op.f64x2Div, op.get(r), op.f64x2Sub, op.f64x2Sub, op.set(y0));
    b.push(op.get(e), op.get(y0), op.get(mask2), op.bitselect, op.set(e));
    // |v| < 2^-28 (high word < 0x3e300000): 1 + v
    b.push(...splat(1), op.get(v), op.f64x2Add, op.get(e), op.get(av), ...splat(fromHighWord(0x3e300000)), op.f64x2Lt, op.bitselect, op.set(e));
    // G = 2/sqrt(pi) e
    b.push(...at(pG), ...splat(TWO_OVER_SQRT_PI), op.get(e), op.f64x2Mul, op.v128Store(o));
    // erf, |h| <= 1: (h T(h^2)) / U(h^2)
    b.push(op.get(ax), ...splat(1), op.f64x2Le, op.tee(mask), op.anyTrue, op.if);
    b.push(op.get(x), op.get(x), op.f64x2Mul, op.set(t2));
    poly(t2, ERF_COEFFICIENTS.T);
    poly1(t2, ERF_COEFFICIENTS.U);
    b.push(op.get(x), op.get(s), op.f64x2Mul, op.get(s2), op.f64x2Div, op.set(out), op.end);
    // erfc(|h|), 1 < |h| < 8: (e P(|h|)) / Q(|h|)
    b.push(op.get(mask), op.v128Not, op.get(ax), ...splat(8), op.f64x2Lt, op.v128And, op.anyTrue, op.if);
    poly(ax, ERF_COEFFICIENTS.P);
    poly1(ax, ERF_COEFFICIENTS.Q);
    b.push(op.get(e), op.get(s), op.f64x2Mul, op.get(s2), op.f64x2Div, op.set(erfc), op.end);
    // |h| >= 8: (e R(|h|)) / S(|h|)
    b.push(op.get(ax), ...splat(8), op.f64x2Ge, op.tee(mask2), op.anyTrue, op.if);
    poly(ax, ERF_COEFFICIENTS.R);
    poly1(ax, ERF_COEFFICIENTS.S);
    b.push(op.get(e), op.get(s), op.f64x2Mul, op.get(s2), op.f64x2Div, op.get(erfc), op.get(mask2), op.bitselect, op.set(erfc), op.end);
    // A = the |h| <= 1 value, else (h < 0 ? erfc - 1 : 1 - erfc)
    b.push(...at(pA), op.get(out), op.get(erfc), ...splat(1), op.f64x2Sub, ...splat(1), op.get(erfc), op.f64x2Sub, op.get(x), ...splat(0), op.f64x2Lt, op.bitselect);
    b.push(op.get(mask), op.bitselect, op.v128Store(o));
  };

  /** a loop over units of `n` pairs while q + n <= pairs: load and range-check every pair of the unit, then compute each */
  const loop = (n: number): void => {
    b.push(op.block, op.loop, op.get(q), op.i32(n), op.i32Add, op.get(pairs), op.i32GtS, op.brIf(1));
    b.push(op.get(q), op.i32(16), op.i32Mul, op.set(off));
    for (let u = 0; u < n; u++) {
      const { x, ax } = localsOf(u);
      // both lanes of every pair in the fast range, else stop at this unit (a NaN fails the comparison)
      b.push(...at(pH), op.v128Load(16 * u), op.tee(x), op.f64x2Abs, op.tee(ax), ...splat(FAST_LIMIT), op.f64x2Lt, op.i64x2AllTrue, op.i32Eqz, op.brIf(1));
    }
    for (let u = 0; u < n; u++) pair(u);
    b.push(op.get(q), op.i32(n), op.i32Add, op.set(q), op.br(0), op.end, op.end);
  };
  loop(U);
  if (U > 1) loop(1);
  b.push(op.get(q));
  const body = b;
  b = [op.i32(0), op.set(q)];
  for (const [value, local] of constants) b.push(op.f64(value), op.f64x2Splat, op.set(local));
  const bytes = encodeModule([{ name: 'erfPairs', params: [T.i32, T.i32, T.i32, T.i32], results: [T.i32], locals: [[2, T.i32], [U * PER + constants.size, T.v128]], body: [...b, ...body] }]);
  cached = new wasmApi.Module(bytes);
  return cached;
}

/** Whether the kernel can run here (WebAssembly SIMD). */
export function erfKernelAvailable(): boolean {
  return wasmSimdAvailable();
}

/**
 * A[t] = erf(H[t]), G[t] = erf'(H[t]) for t < len, on views of one WebAssembly memory (erf.ts erfAndPrime's bits): the
 * pairs in the fast range in WebAssembly, the others (|h| >= FAST_LIMIT, NaN) and an odd last element in JavaScript.
 */
export class ErfKernel {
  private readonly fn: (pH: number, pA: number, pG: number, pairs: number) => number;
  constructor(readonly memory: WasmMemory) {
    const api = wasmApi;
    if (!api) throw new Error('WebAssembly is not available in this JavaScript engine');
    this.fn = new api.Instance(erfModule(), { env: { memory } }).exports['erfPairs'] as ErfKernel['fn'];
  }

  erfAndPrime(H: Float64Array, A: Float64Array, G: Float64Array, len = H.length): void {
    for (const [name, w] of [['H', H], ['A', A], ['G', G]] as const) {
      if (w.buffer !== this.memory.buffer) throw new RangeError(`ErfKernel: ${name} is not a view of the kernel's memory`);
      if (w.length < len) throw new RangeError(`ErfKernel: ${name} has ${w.length} elements, fewer than ${len}`);
    }
    const pairs = len >> 1;
    let p = 0;
    while (p < pairs) {
      const stop = p + this.fn(H.byteOffset + 16 * p, A.byteOffset + 16 * p, G.byteOffset + 16 * p, pairs - p);
      if (stop >= pairs) break;
      erfAndPrimeRange(H, A, G, 2 * stop, 2 * stop + 2);
      p = stop + 1;
    }
    if (len & 1) erfAndPrimeRange(H, A, G, len - 1, len);
  }
}
