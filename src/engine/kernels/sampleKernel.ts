import { HI, LO, Locals, T, op, type Bytes, type FunctionSpec, type ValType } from './wasm.js';

/**
 * The single-sample (batch 1) step of the SGD rule as WebAssembly SIMD functions, for one d (unrolled): the two
 * passes of rules/singleSamplePass.ts, operation for operation (see there), so bit for bit equal to them:
 *
 *   dots1:   z_i = <w_i, x>, f = sum_i a_i z_i                       (pass 1; returns f)
 *   update1: a_i <- a_i - eta (r z_i); w_i <- w_i - (eta a_i) g       (pass 2)
 *   fused1:  pass 2 of this step followed, row by row, by pass 1 of the next step with its sample x'
 *            (z_i <- <w_i', x'>, returns f' = sum_i a_i' z_i): each row of W is loaded and stored once a step
 *   steps1:  whole steps (residual r = f - y_j - eps, g = r x_j, the passes) with the chunk's draws.
 *
 * A dot product runs in the two lanes of one f64x2: lane 0 sums the even k, lane 1 the odd k, each from 0 in
 * increasing k (a last odd element goes to lane 0's sum), then z = e + o. W's rows go in blocks of R (their
 * independent chains overlap), and a block's columns in a loop of U pairs of k an iteration (VECTORS_PER_ITERATION;
 * unrolled whole, V8's TurboFan moved every addition to the end of the block and kept the updated rows on the stack
 * until then: 1.25-1.3x slower); f sums the rows in increasing i. A block of an even number of rows takes its per-row
 * scalars (a_i, z_i, an_i, c_i, a_i z_i) two rows a f64x2, lane by lane the same operations, and its z two rows a
 * vector ((e_0, e_1) + (o_0, o_1)). R = 4, U = 1 measured fastest at m = 1000 for d = 2, 7 and 20 (d = 20: 1.12x the
 * steps a second of the scalar form in blocks of 3 rows, U = 2; d = 50: equal); the loop's work is near the core's
 * issue width, so what counts is the instructions a row (the block's scalars, the loop's counters), not latency.
 *
 * steps1 does not compute theta. Its divergence check is exact by a certificate: it keeps an upper bound U_t on
 * every |theta_k| computed from the state (network.ts `theta`): |theta_k| <= ||a|| ||W||_F (Cauchy-Schwarz), with
 * ||a||^2 summed in each pass and ||W||_F bounded by the triangle inequality, ||W_t+1||_F <= ||W_t||_F +
 * eta ||a_t|| ||g_t||, from its value at the call's start; SLACK_STEP and SLACK_THETA cover the rounding of the
 * stored W, of theta's sum and of the bound itself (gamma_n = n u < 3e-8 for the largest m d the kernel
 * addresses). While U_t <= bound, no theta of the chunk is non-finite or above the bound. The first step where
 * U_t <= bound fails is returned flagged, and the caller computes theta there and decides (Stepper.stepMany).
 */

const SLACK_STEP = 1 + 1e-12;
const SLACK_THETA = 1 + 1e-6;


type Kind = 'dots' | 'update' | 'fused';

/**
 * One pass over the rows (W at address 0). Parameters by kind:
 *   dots:   m, pa, pz, px -> f
 *   update: eta, r, m, pa, pz, pg, pscal            (||a'||^2 stored at pscal)
 *   fused:  eta, r, m, pa, pz, pg, pscal, pxn -> f'
 */
function rowPass(d: number, kind: Kind, R: number, U = VECTORS_PER_ITERATION): FunctionSpec {
  const nv = d >> 1;
  const odd = (d & 1) === 1;
  const row = 8 * d;
  const params: ValType[] =
    kind === 'dots' ? [T.i32, T.i32, T.i32, T.i32] : [T.f64, T.f64, T.i32, T.i32, T.i32, T.i32, T.i32, ...(kind === 'fused' ? [T.i32] : [])];
  const P = kind === 'dots' ? { m: 0, pa: 1, pz: 2, px: 3, eta: -1, r: -1, pg: -1, pscal: -1 } : { eta: 0, r: 1, m: 2, pa: 3, pz: 4, pg: 5, pscal: 6, px: 7 };
  const L = new Locals(params);
  const [paEnd, pw, pai, pzi, o] = [L.add(T.i32), L.add(T.i32), L.add(T.i32), L.add(T.i32), L.add(T.i32)];
  const [f, A2, e] = [L.add(T.f64), L.add(T.f64), L.add(T.f64)];
  const an = Array.from({ length: R }, () => L.add(T.f64));
  const c = Array.from({ length: R }, () => L.add(T.f64));
  const [gv, xv, wn] = [L.add(T.v128), L.add(T.v128), L.add(T.v128)];
  const acc = Array.from({ length: R }, () => L.add(T.v128));
  const cs = Array.from({ length: R }, () => L.add(T.v128));
  // a block of an even number of rows takes its per-row scalars two rows a f64x2 (rows 2q and 2q + 1 in lanes 0 and 1)
  const [veta, vr, av, cv, zv, A2v] = [L.add(T.v128), L.add(T.v128), L.add(T.v128), L.add(T.v128), L.add(T.v128), L.add(T.v128)];
  const b: Bytes[] = [];
  const dot = kind !== 'update';
  const upd = kind !== 'dots';

  const block = (n: number): void => {
    const paired = n % 2 === 0;
    /** c_r of the block's row r as a float64 (in the paired block, lane 0 of its splatted c) */
    const cOf = (r: number): Bytes[] => (paired ? [op.get(cs[r]!), op.f64x2Lane(0)] : [op.get(c[r]!)]);
    if (upd && paired) {
      for (let q = 0; q < n / 2; q++) {
        // (an_2q, an_2q+1) = a - eta (r z) ; a <- an ; A2v += an an ; c = eta a, then each row's c splatted
        b.push(op.get(pai), op.v128Load(16 * q), op.set(av));
        b.push(op.get(pai), op.get(av), op.get(veta), op.get(vr), op.get(pzi), op.v128Load(16 * q), op.f64x2Mul, op.f64x2Mul, op.f64x2Sub);
        b.push(op.tee(cv), op.v128Store(16 * q), op.get(A2v), op.get(cv), op.get(cv), op.f64x2Mul, op.f64x2Add, op.set(A2v));
        b.push(op.get(veta), op.get(av), op.f64x2Mul, op.set(cv));
        b.push(op.get(cv), op.get(cv), op.shuffle(LO), op.set(cs[2 * q]!), op.get(cv), op.get(cv), op.shuffle(HI), op.set(cs[2 * q + 1]!));
      }
    } else if (upd) {
      for (let r = 0; r < n; r++) {
        // an = a_i - eta (r z_i) ; c = eta a_i ; a_i <- an ; ||a'||^2 += an^2
        b.push(op.get(pai), op.f64Load(8 * r), op.get(P.eta), op.get(P.r), op.get(pzi), op.f64Load(8 * r), op.f64Mul, op.f64Mul, op.f64Sub, op.set(an[r]!));
        b.push(op.get(P.eta), op.get(pai), op.f64Load(8 * r), op.f64Mul, op.tee(c[r]!), op.f64x2Splat, op.set(cs[r]!));
        b.push(op.get(pai), op.get(an[r]!), op.f64Store(8 * r));
        b.push(op.get(A2), op.get(an[r]!), op.get(an[r]!), op.f64Mul, op.f64Add, op.set(A2));
      }
    }
    if (dot) for (let r = 0; r < n; r++) b.push(op.v128Zero, op.set(acc[r]!));
    // the vectors of the rows: a loop of U vectors an iteration (then the rest unrolled), not one straight block, so
    // that each vector's products are added where they are made (unrolled, the compiler moved the additions to the
    // end of the block and kept the updated rows on the stack until then)
    const vec = (gAt: Bytes[], xAt: Bytes[], wAt: Bytes[], off: number): void => {
      if (upd) b.push(...gAt, op.v128Load(off), op.set(gv));
      if (dot) b.push(...xAt, op.v128Load(off), op.set(xv));
      for (let r = 0; r < n; r++) {
        if (upd) {
          // w <- w - c g (two k a vector)
          b.push(...wAt, ...wAt, op.v128Load(row * r + off), op.get(cs[r]!), op.get(gv), op.f64x2Mul, op.f64x2Sub, op.tee(wn), op.v128Store(row * r + off));
        } else b.push(...wAt, op.v128Load(row * r + off), op.set(wn));
        // (e, o) += (w_2v x_2v, w_2v+1 x_2v+1)
        if (dot) b.push(op.get(acc[r]!), op.get(wn), op.get(xv), op.f64x2Mul, op.f64x2Add, op.set(acc[r]!));
      }
    };
    const looped = Math.floor(nv / U) * U;
    if (looped > 0) {
      b.push(op.i32(0), op.set(o), op.loop);
      const at = (base: number): Bytes[] => [op.get(base), op.get(o), op.i32Add];
      for (let u = 0; u < U; u++) vec(upd ? at(P.pg) : [], dot ? at(P.px) : [], at(pw), 16 * u);
      b.push(op.get(o), op.i32(16 * U), op.i32Add, op.tee(o), op.i32(16 * looped), op.i32LtS, op.brIf(0), op.end);
    }
    for (let v = looped; v < nv; v++) vec(upd ? [op.get(P.pg)] : [], dot ? [op.get(P.px)] : [], [op.get(pw)], 16 * v);
    if (paired) {
      for (let r = 0; r < n; r++) {
        // an odd d's last element: w <- w - c g (scalar)
        if (odd && upd) b.push(op.get(pw), op.get(pw), op.f64Load(row * r + 16 * nv), ...cOf(r), op.get(P.pg), op.f64Load(16 * nv), op.f64Mul, op.f64Sub, op.f64Store(row * r + 16 * nv));
      }
      if (dot) {
        for (let q = 0; q < n / 2; q++) {
          const [r0, r1] = [2 * q, 2 * q + 1];
          // (e_0, e_1) (+ (w_0 x, w_1 x) of an odd d's last element), + (o_0, o_1): the rows' z, stored
          b.push(op.get(pzi), op.get(acc[r0]!), op.get(acc[r1]!), op.shuffle(LO));
          if (odd) {
            b.push(op.get(pw), op.get(pw), op.v128Load64Zero(row * r0 + 16 * nv), op.v128Load64Lane(row * r1 + 16 * nv, 1));
            b.push(op.get(P.px), op.v128Load64Splat(16 * nv), op.f64x2Mul, op.f64x2Add);
          }
          b.push(op.get(acc[r0]!), op.get(acc[r1]!), op.shuffle(HI), op.f64x2Add, op.tee(zv), op.v128Store(8 * r0));
          // f += a_2q z_2q, then f += a_2q+1 z_2q+1 (a the new one, as stored)
          b.push(op.get(pai), op.v128Load(8 * r0), op.get(zv), op.f64x2Mul, op.set(cv));
          b.push(op.get(f), op.get(cv), op.f64x2Lane(0), op.f64Add, op.get(cv), op.f64x2Lane(1), op.f64Add, op.set(f));
        }
      }
    } else for (let r = 0; r < n; r++) {
      if (dot) b.push(op.get(acc[r]!), op.f64x2Lane(0));
      if (odd) {
        // the last element: w <- w - c g (scalar), then e += w x
        if (upd) {
          b.push(op.get(pw), op.get(pw), op.f64Load(row * r + 16 * nv), op.get(c[r]!), op.get(P.pg), op.f64Load(16 * nv), op.f64Mul, op.f64Sub);
          b.push(...(dot ? [op.tee(e)] : []), op.f64Store(row * r + 16 * nv));
          if (dot) b.push(op.get(e));
        } else b.push(op.get(pw), op.f64Load(row * r + 16 * nv));
        if (dot) b.push(op.get(P.px), op.f64Load(16 * nv), op.f64Mul, op.f64Add);
      }
      if (dot) {
        // z = e + o ; f += a_i z (a_i the new one after an update)
        b.push(op.get(acc[r]!), op.f64x2Lane(1), op.f64Add, op.set(e));
        b.push(op.get(pzi), op.get(e), op.f64Store(8 * r));
        b.push(op.get(f), ...(upd ? [op.get(an[r]!)] : [op.get(pai), op.f64Load(8 * r)]), op.get(e), op.f64Mul, op.f64Add, op.set(f));
      }
    }
  };
  /** `while (the block's last row < m) { block; next block }`, counted by a's address (pai <= pa + 8 (m - step)) */
  const loop = (step: number): void => {
    b.push(op.get(P.pa), op.get(P.m), op.i32(step), op.i32Sub, op.i32(8), op.i32Mul, op.i32Add, op.set(paEnd));
    b.push(op.block, op.loop);
    b.push(op.get(pai), op.get(paEnd), op.i32GtS, op.brIf(1));
    block(step);
    b.push(op.get(pw), op.i32(row * step), op.i32Add, op.set(pw));
    b.push(op.get(pai), op.i32(8 * step), op.i32Add, op.set(pai));
    b.push(op.get(pzi), op.i32(8 * step), op.i32Add, op.set(pzi));
    b.push(op.br(0), op.end, op.end);
  };
  b.push(op.get(P.pa), op.set(pai), op.get(P.pz), op.set(pzi));
  if (upd) b.push(op.get(P.eta), op.f64x2Splat, op.set(veta), op.get(P.r), op.f64x2Splat, op.set(vr));
  loop(R);
  if (R > 1) loop(1);
  // ||a'||^2 (any order: it only feeds the certificate's bound)
  if (upd) b.push(op.get(P.pscal), op.get(A2), op.get(A2v), op.f64x2Lane(0), op.f64Add, op.get(A2v), op.f64x2Lane(1), op.f64Add, op.f64Store(0));
  if (dot) b.push(op.get(f));
  return { name: `${kind}1`, params, ...(dot ? { results: [T.f64] } : {}), locals: L.list(), body: b };
}

/** sumsq(p, count) -> the sum of the squares of count float64 at p (any order: it only feeds the bound). */
function sumsq(): FunctionSpec {
  const L = new Locals([T.i32, T.i32]);
  const [i, s] = [L.add(T.i32), L.add(T.f64)];
  const b: Bytes[] = [];
  b.push(op.block, op.loop, op.get(i), op.get(1), op.i32GeS, op.brIf(1));
  b.push(op.get(s), op.get(0), op.f64Load(0), op.get(0), op.f64Load(0), op.f64Mul, op.f64Add, op.set(s));
  b.push(op.get(0), op.i32(8), op.i32Add, op.set(0), op.get(i), op.i32(1), op.i32Add, op.set(i), op.br(0), op.end, op.end, op.get(s));
  return { name: 'sumsq', params: [T.i32, T.i32], results: [T.f64], locals: L.list(), body: b };
}

/**
 * steps1(eta, m, pa, pz, pg, pscal, px, py, pidx, peps, count, bound) -> 2 done + flag: up to count whole
 * single-sample steps, step s with the sample j = idx[s] and the noise eps[s]:
 *   r = (f - y_j) - eps_s ; g_k = r x_jk ; the passes (fused with the next step's pass 1 but for the last)
 * flag 1: the step `done` left the certificate U <= bound unproved (the caller decides there).
 */
function steps1(d: number, fn: { dots: number; update: number; fused: number; sumsq: number }): FunctionSpec {
  const params: ValType[] = [T.f64, T.i32, T.i32, T.i32, T.i32, T.i32, T.i32, T.i32, T.i32, T.i32, T.i32, T.f64];
  const [eta, m, pa, pz, pg, pscal, px, py, pidx, peps, count, bound] = params.map((_, k) => k) as number[] as [number, number, number, number, number, number, number, number, number, number, number, number];
  const L = new Locals(params);
  const [s, j] = [L.add(T.i32), L.add(T.i32)];
  const [f, r, A2, WF, g2, gk, grow] = [L.add(T.f64), L.add(T.f64), L.add(T.f64), L.add(T.f64), L.add(T.f64), L.add(T.f64), L.add(T.f64)];
  const b: Bytes[] = [];
  const xOf = (idxAt: Bytes[]): Bytes[] => [op.get(px), ...idxAt, op.i32Load(0), op.i32(8 * d), op.i32Mul, op.i32Add];
  const idxAtS: Bytes[] = [op.get(pidx), op.get(s), op.i32(4), op.i32Mul, op.i32Add];
  b.push(op.get(count), op.i32(1), op.i32LtS, op.if, op.i32(0), op.return, op.end);
  b.push(op.get(m), op.get(pa), op.get(pz), ...xOf([op.get(pidx)]), op.call(fn.dots), op.set(f));
  b.push(op.get(pa), op.get(m), op.call(fn.sumsq), op.set(A2));
  b.push(op.i32(0), op.get(m), op.i32(d), op.i32Mul, op.call(fn.sumsq), op.f64Sqrt, op.set(WF));
  b.push(op.block, op.loop);
  b.push(op.get(s), op.get(count), op.i32GeS, op.brIf(1));
  b.push(...idxAtS, op.i32Load(0), op.set(j));
  b.push(op.get(f), op.get(py), op.get(j), op.i32(8), op.i32Mul, op.i32Add, op.f64Load(0), op.f64Sub);
  b.push(op.get(peps), op.get(s), op.i32(8), op.i32Mul, op.i32Add, op.f64Load(0), op.f64Sub, op.set(r));
  b.push(op.f64(0), op.set(g2));
  for (let k = 0; k < d; k++) {
    b.push(op.get(r), ...xOf(idxAtS), op.f64Load(8 * k), op.f64Mul, op.set(gk), op.get(pg), op.get(gk), op.f64Store(8 * k));
    b.push(op.get(g2), op.get(gk), op.get(gk), op.f64Mul, op.f64Add, op.set(g2));
  }
  b.push(op.get(eta), op.get(A2), op.f64Sqrt, op.f64Mul, op.get(g2), op.f64Sqrt, op.f64Mul, op.set(grow));
  b.push(op.get(s), op.i32(1), op.i32Add, op.set(s));
  const upd: Bytes[] = [op.get(eta), op.get(r), op.get(m), op.get(pa), op.get(pz), op.get(pg), op.get(pscal)];
  b.push(op.get(s), op.get(count), op.i32LtS, op.if, ...upd, ...xOf(idxAtS), op.call(fn.fused), op.set(f), op.else, ...upd, op.call(fn.update), op.end);
  b.push(op.get(pscal), op.f64Load(0), op.set(A2));
  b.push(op.get(WF), op.get(grow), op.f64Add, op.f64(SLACK_STEP), op.f64Mul, op.set(WF));
  b.push(op.get(A2), op.f64Sqrt, op.get(WF), op.f64Mul, op.f64(SLACK_THETA), op.f64Mul, op.get(bound), op.f64Le, op.i32Eqz);
  b.push(op.if, op.get(s), op.i32(1), op.i32Shl, op.i32(1), op.i32Or, op.return, op.end);
  b.push(op.br(0), op.end, op.end);
  b.push(op.get(s), op.i32(1), op.i32Shl);
  return { name: 'steps1', params, results: [T.i32], locals: L.list(), body: b };
}

/**
 * theta(m, pa, pth): th = sum_i a_i w_i (network.ts `theta`): for each k, th_k = ((0 + a_0 w_0k) + a_1 w_1k) + ... in
 * increasing i, so the same bits. The d sums run side by side, two k a f64x2 held in locals for the whole pass (the
 * JavaScript loop loads and stores th_k for every element), then stored.
 */
function thetaFunction(d: number): FunctionSpec {
  const nv = d >> 1;
  const odd = (d & 1) === 1;
  const row = 8 * d;
  const [m, pa, pth] = [0, 1, 2];
  const L = new Locals([T.i32, T.i32, T.i32]);
  const [i, pw, pai] = [L.add(T.i32), L.add(T.i32), L.add(T.i32)];
  const [ai, tl] = [L.add(T.f64), L.add(T.f64)];
  const as = L.add(T.v128);
  const tv = Array.from({ length: nv }, () => L.add(T.v128));
  const b: Bytes[] = [];
  for (let v = 0; v < nv; v++) b.push(op.v128Zero, op.set(tv[v]!));
  b.push(op.f64(0), op.set(tl), op.i32(0), op.set(pw), op.get(pa), op.set(pai), op.i32(0), op.set(i));
  b.push(op.block, op.loop, op.get(i), op.get(m), op.i32GeS, op.brIf(1));
  b.push(op.get(pai), op.f64Load(0), op.tee(ai), op.f64x2Splat, op.set(as));
  for (let v = 0; v < nv; v++) b.push(op.get(tv[v]!), op.get(as), op.get(pw), op.v128Load(16 * v), op.f64x2Mul, op.f64x2Add, op.set(tv[v]!));
  if (odd) b.push(op.get(tl), op.get(ai), op.get(pw), op.f64Load(16 * nv), op.f64Mul, op.f64Add, op.set(tl));
  b.push(op.get(pw), op.i32(row), op.i32Add, op.set(pw), op.get(pai), op.i32(8), op.i32Add, op.set(pai));
  b.push(op.get(i), op.i32(1), op.i32Add, op.set(i), op.br(0), op.end, op.end);
  for (let v = 0; v < nv; v++) b.push(op.get(pth), op.get(tv[v]!), op.v128Store(16 * v));
  if (odd) b.push(op.get(pth), op.get(tl), op.f64Store(16 * nv));
  return { name: 'theta', params: [T.i32, T.i32, T.i32], locals: L.list(), body: b };
}

/** vectors (pairs of k) per iteration of the loop over a block's columns (every value gives the same bits; V8 unrolls the loop twice) */
export const VECTORS_PER_ITERATION = 1;

/** rows per block of the single-sample passes (every value gives the same bits) */
export const SAMPLE_ROWS = 4;

/** The single-sample functions for d, to be placed from function index `base` on (dots1, update1, fused1, sumsq, steps1, theta). */
export function sampleFunctions(d: number, base: number, R = SAMPLE_ROWS): FunctionSpec[] {
  const fn = { dots: base, update: base + 1, fused: base + 2, sumsq: base + 3 };
  return [rowPass(d, 'dots', R), rowPass(d, 'update', R), rowPass(d, 'fused', R), sumsq(), steps1(d, fn), thetaFunction(d)];
}
