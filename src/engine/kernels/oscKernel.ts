import { rowUpdate } from './rowUpdate.js';
import { HI, LO, Locals, T, op, type Bytes, type FunctionSpec, type ValType } from './wasm.js';

/**
 * The oscillation process of Eqs. (6)-(7) (long version Eqs. (5)-(6)) as WebAssembly SIMD functions, for one d
 * (unrolled), operation for operation the Stepper's JavaScript step (rules/stepper.ts oscillationStep):
 *
 *   oscResidual: g = (1/n) sum_j r_j x_j over all n points, r_j = (<th, x_j> - y_j - 0) / n      (Stepper.residualGradient
 *                on the full batch, label noise 0: grad L_D(theta) in output space)
 *   oscPass:     th = 0; for i in 0..m-1: an = (a_i > 0 || a_i < 0) ? 0 : flips_i q;               (Eq. (7); q = eta^0.25)
 *                w_i <- w_i - (eta a_i) g; th += an w_i; a_i = an                                     (Eq. (6); rules/oscillationPass.ts)
 *   oscSteps:    whole steps, each oscResidual then oscPass with that step's m coins, stopping after the first step
 *                that leaves some |theta_k| <= bound false (as batchSteps.ts does for SGD).
 *
 * Why the bits are the JavaScript loops': every lane of a f64x2 operation is the scalar IEEE float64 operation on the
 * same operands in the same order, and no sum is reassociated (no fused multiply-add):
 *  - <th, x_j> of two points j, j + 1 runs in the two lanes of one f64x2, each lane summing th_k x_j[k] from 0 in
 *    increasing k (the products of a column pair are regrouped by a shuffle, as in sgdKernel.ts's dot products);
 *    then (f - y_j) - 0, divided by n (a point left over goes alone, in scalar float64);
 *  - g_k = ((0 + r_0 x_0[k]) + r_1 x_1[k]) + ...: each g_k is its own sum over j in increasing j, so the loop may take
 *    the columns in any grouping (here a few column pairs per pass over the points, their sums side by side);
 *  - the chain: `ai > 0 || ai < 0` is false for +-0 and NaN, as (a > 0) | (a < 0) is; the coin is the Int8 value
 *    converted exactly to float64 and multiplied by q (q = Math.pow(eta, 0.25), computed once in JavaScript);
 *    c = eta a_i; the row update is rowUpdate.ts (the loop's moveRow).
 */

/** rows per block of the oscillation pass (a tuning knob; every value gives the same bits) */
export const OSC_ROWS = 4;

/** column pairs summed side by side per pass over the points in oscResidual (a tuning knob; every value gives the same bits) */
export const OSC_COLUMN_PAIRS = 5;

/** oscResidual(pth, px, py, n, nf, prs, pg): the residuals r_j into prs (n float64), then g into pg. */
function residualFunction(d: number, V = OSC_COLUMN_PAIRS): FunctionSpec {
  const nv = d >> 1;
  const odd = (d & 1) === 1;
  const row = 8 * d;
  const params: ValType[] = [T.i32, T.i32, T.i32, T.i32, T.f64, T.i32, T.i32];
  const [pth, px, py, n, nf, prs, pg] = [0, 1, 2, 3, 4, 5, 6];
  const L = new Locals(params);
  const [j, pxj, pyj, prj] = [L.add(T.i32), L.add(T.i32), L.add(T.i32), L.add(T.i32)];
  const [f, gl] = [L.add(T.f64), L.add(T.f64)];
  const [acc, P0, P1, rv, nfv] = [L.add(T.v128), L.add(T.v128), L.add(T.v128), L.add(T.v128), L.add(T.v128)];
  const gacc = Array.from({ length: Math.max(1, Math.min(V, nv)) }, () => L.add(T.v128));
  const b: Bytes[] = [];
  const pointers = (): void => void b.push(op.i32(0), op.set(j), op.get(px), op.set(pxj), op.get(py), op.set(pyj), op.get(prs), op.set(prj));
  /** `while (j + step <= n) { body; j += step; pxj += step rows; pyj, prj += step }` */
  const loop = (step: number, body: () => void): void => {
    b.push(op.block, op.loop, op.get(j), op.i32(step), op.i32Add, op.get(n), op.i32GtS, op.brIf(1));
    body();
    b.push(op.get(j), op.i32(step), op.i32Add, op.set(j));
    b.push(op.get(pxj), op.i32(row * step), op.i32Add, op.set(pxj));
    b.push(op.get(pyj), op.i32(8 * step), op.i32Add, op.set(pyj));
    b.push(op.get(prj), op.i32(8 * step), op.i32Add, op.set(prj));
    b.push(op.br(0), op.end, op.end);
  };

  // r_j, r_j+1 in the lanes of one vector: f = ((0 + th_0 x[0]) + th_1 x[1]) + ... per lane
  b.push(op.get(nf), op.f64x2Splat, op.set(nfv));
  pointers();
  loop(2, () => {
    b.push(op.v128Zero, op.set(acc));
    for (let v = 0; v < nv; v++) {
      b.push(op.get(pth), op.v128Load(16 * v), op.tee(P1), op.get(pxj), op.v128Load(16 * v), op.f64x2Mul, op.set(P0));
      b.push(op.get(P1), op.get(pxj), op.v128Load(row + 16 * v), op.f64x2Mul, op.set(P1));
      b.push(op.get(acc), op.get(P0), op.get(P1), op.shuffle(LO), op.f64x2Add);
      b.push(op.get(P0), op.get(P1), op.shuffle(HI), op.f64x2Add, op.set(acc));
    }
    if (odd) {
      b.push(op.get(acc), op.get(pth), op.v128Load64Splat(16 * nv), op.get(pxj), op.get(pxj), op.v128Load64Zero(16 * nv), op.v128Load64Lane(row + 16 * nv, 1));
      b.push(op.f64x2Mul, op.f64x2Add, op.set(acc));
    }
    // r = ((f - y) - 0) / n  (the label noise of the full-batch gradient is 0)
    b.push(op.get(prj), op.get(acc), op.get(pyj), op.v128Load(0), op.f64x2Sub, op.v128Zero, op.f64x2Sub, op.get(nfv), op.f64x2Div, op.v128Store(0));
  });
  // a point left over, in scalar float64
  loop(1, () => {
    b.push(op.f64(0));
    for (let k = 0; k < d; k++) b.push(op.get(pth), op.f64Load(8 * k), op.get(pxj), op.f64Load(8 * k), op.f64Mul, op.f64Add);
    b.push(op.set(f), op.get(prj), op.get(f), op.get(pyj), op.f64Load(0), op.f64Sub, op.f64(0), op.f64Sub, op.get(nf), op.f64Div, op.f64Store(0));
  });

  // g: blocks of up to V column pairs, each a pass over the points summing g_k = g_k + r_j x_j[k] in increasing j;
  // an odd d's last column joins the last block as a scalar sum
  const blocks: [number, number][] = [];
  const nb = Math.ceil(nv / V);
  for (let q = 0; q < nb; q++) blocks.push([Math.floor((q * nv) / nb), Math.floor(((q + 1) * nv) / nb)]);
  if (nb === 0) blocks.push([0, 0]);
  blocks.forEach(([v0, v1], q) => {
    const last = odd && q === blocks.length - 1;
    for (let v = v0; v < v1; v++) b.push(op.v128Zero, op.set(gacc[v - v0]!));
    if (last) b.push(op.f64(0), op.set(gl));
    pointers();
    loop(1, () => {
      b.push(op.get(prj), op.v128Load64Splat(0), op.set(rv));
      for (let v = v0; v < v1; v++) b.push(op.get(gacc[v - v0]!), op.get(rv), op.get(pxj), op.v128Load(16 * v), op.f64x2Mul, op.f64x2Add, op.set(gacc[v - v0]!));
      if (last) b.push(op.get(gl), op.get(prj), op.f64Load(0), op.get(pxj), op.f64Load(16 * nv), op.f64Mul, op.f64Add, op.set(gl));
    });
    for (let v = v0; v < v1; v++) b.push(op.get(pg), op.get(gacc[v - v0]!), op.v128Store(16 * v));
    if (last) b.push(op.get(pg), op.get(gl), op.f64Store(16 * nv));
  });
  return { name: 'oscResidual', params, locals: L.list(), body: b };
}

/** oscPass(eta, q, m, pa, pg, pth, pfl): Eqs. (6)-(7) on W (at address 0) and a, with the m coins at pfl (Int8). */
function passFunction(d: number, R = OSC_ROWS): FunctionSpec {
  const row = 8 * d;
  const params: ValType[] = [T.f64, T.f64, T.i32, T.i32, T.i32, T.i32, T.i32];
  const [eta, q, m, pa, pg, pth, pfl] = [0, 1, 2, 3, 4, 5, 6];
  const L = new Locals(params);
  const [i, pw, pai, pfi] = [L.add(T.i32), L.add(T.i32), L.add(T.i32), L.add(T.i32)];
  const [ai, an, wt, tt, gk] = [L.add(T.f64), L.add(T.f64), L.add(T.f64), L.add(T.f64), L.add(T.f64)];
  const [tv, gv, wn] = [L.add(T.v128), L.add(T.v128), L.add(T.v128)];
  const cs = Array.from({ length: R }, () => L.add(T.v128));
  const ans = Array.from({ length: R }, () => L.add(T.v128));
  const b: Bytes[] = [];
  const nv = d >> 1;

  /** row r of the block: an = (a > 0 || a < 0) ? 0 : coin q ; c = eta a ; a <- an ; both splatted */
  const chain = (r: number): void => {
    b.push(op.get(pai), op.f64Load(8 * r), op.set(ai));
    b.push(op.f64(0), op.get(pfi), op.i32Load8S(r), op.f64ConvertI32S, op.get(q), op.f64Mul);
    b.push(op.get(ai), op.f64(0), op.f64Gt, op.get(ai), op.f64(0), op.f64Lt, op.i32Or, op.select, op.set(an));
    b.push(op.get(pai), op.get(an), op.f64Store(8 * r));
    b.push(op.get(an), op.f64x2Splat, op.set(ans[r]!), op.get(eta), op.get(ai), op.f64Mul, op.f64x2Splat, op.set(cs[r]!));
  };
  const update = (n: number): void => rowUpdate(b, d, n, { pw, pth, pg, tv, gv, wn, tt, gk, wt, cs: (r) => cs[r]!, ans: (r) => ans[r]! });
  /** `while (i + step <= m) { body; pw += step rows; pai += step; pfi += step; i += step }` */
  const loop = (step: number, body: () => void): void => {
    b.push(op.block, op.loop, op.get(i), op.i32(step), op.i32Add, op.get(m), op.i32GtS, op.brIf(1));
    body();
    b.push(op.get(pw), op.i32(row * step), op.i32Add, op.set(pw));
    b.push(op.get(pai), op.i32(8 * step), op.i32Add, op.set(pai));
    b.push(op.get(pfi), op.i32(step), op.i32Add, op.set(pfi));
    b.push(op.get(i), op.i32(step), op.i32Add, op.set(i));
    b.push(op.br(0), op.end, op.end);
  };

  // th = 0 (theta of the new state is summed in the pass)
  for (let v = 0; v < nv; v++) b.push(op.get(pth), op.v128Zero, op.v128Store(16 * v));
  if (d & 1) b.push(op.get(pth), op.f64(0), op.f64Store(16 * nv));
  b.push(op.i32(0), op.set(pw), op.get(pa), op.set(pai), op.get(pfl), op.set(pfi), op.i32(0), op.set(i));
  loop(R, () => {
    for (let r = 0; r < R; r++) chain(r);
    update(R);
  });
  // the rows left over, one at a time
  loop(1, () => {
    chain(0);
    update(1);
  });
  return { name: 'oscPass', params, locals: L.list(), body: b };
}

/**
 * oscSteps(eta, q, m, pa, pg, pth, pfl, px, py, n, nf, prs, count, bound) -> done: up to `count` steps, step s with the
 * coins at pfl + s m; stops after the first step that leaves some |theta_k| <= bound false (NaN and infinities included).
 */
function stepsFunction(d: number, fn: { residual: number; pass: number }): FunctionSpec {
  const params: ValType[] = [T.f64, T.f64, T.i32, T.i32, T.i32, T.i32, T.i32, T.i32, T.i32, T.i32, T.f64, T.i32, T.i32, T.f64];
  const [eta, q, m, pa, pg, pth, pfl, px, py, n, nf, prs, count, bound] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13];
  const L = new Locals(params);
  const s = L.add(T.i32);
  const b: Bytes[] = [];
  b.push(op.i32(0), op.set(s));
  b.push(op.block, op.loop, op.get(s), op.get(count), op.i32GeS, op.brIf(1));
  b.push(op.get(pth), op.get(px), op.get(py), op.get(n), op.get(nf), op.get(prs), op.get(pg), op.call(fn.residual));
  b.push(op.get(eta), op.get(q), op.get(m), op.get(pa), op.get(pg), op.get(pth), op.get(pfl), op.get(s), op.get(m), op.i32Mul, op.i32Add, op.call(fn.pass));
  b.push(op.get(s), op.i32(1), op.i32Add, op.set(s));
  for (let k = 0; k < d; k++) b.push(op.get(pth), op.f64Load(8 * k), op.f64Abs, op.get(bound), op.f64Le, op.i32Eqz, op.if, op.get(s), op.return, op.end);
  b.push(op.br(0), op.end, op.end);
  b.push(op.get(s));
  return { name: 'oscSteps', params, results: [T.i32], locals: L.list(), body: b };
}

/** The oscillation functions for d, to be placed from function index `base` on (oscResidual, oscPass, oscSteps). */
export function oscFunctions(d: number, base: number, R = OSC_ROWS, V = OSC_COLUMN_PAIRS): FunctionSpec[] {
  return [residualFunction(d, V), passFunction(d, R), stepsFunction(d, { residual: base, pass: base + 1 })];
}
