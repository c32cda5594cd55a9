import { T, op, type Bytes, type ValType } from './wasm.js';

type Local = [number, ValType];

/**
 * `steps(..., count, bound) -> done`: up to `count` whole steps of the SGD rule inside WebAssembly, each
 *   g = 0; for b in 0..B-1: j = idx[s B + b]; f = 0; f += th[k] x_j[k] (k in order);
 *          r = ((f - y_j) - eps[s B + b]) / B; g[k] = g[k] + r x_j[k]
 *   then the fused pass (function 0), then a check of theta: the loop stops after the first step that
 *   leaves some |theta_k| <= bound false (NaN and infinities included), and returns the steps done.
 * The residual gradient is the Stepper's `residualGradient`, operation for operation (scalar float64).
 */
export function stepsFunction(d: number): { params: ValType[]; results: ValType[]; locals: Local[]; body: Bytes[] } {
  const [eta, m, pa, pg, pth, pgs, px, py, pidx, peps, B, Bf, count, bound] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13];
  const [s, bb, j, pxj, e] = [14, 15, 16, 17, 18];
  const [f, r] = [19, 20];
  const b: Bytes[] = [];
  b.push(op.i32(0), op.set(s));
  b.push(op.block, op.loop);
  b.push(op.get(s), op.get(count), op.i32GeS, op.brIf(1));
  for (let k = 0; k < d; k++) b.push(op.get(pg), op.f64(0), op.f64Store(8 * k));
  b.push(op.i32(0), op.set(bb));
  b.push(op.block, op.loop);
  b.push(op.get(bb), op.get(B), op.i32GeS, op.brIf(1));
  b.push(op.get(s), op.get(B), op.i32Mul, op.get(bb), op.i32Add, op.set(e));
  b.push(op.get(pidx), op.get(e), op.i32(4), op.i32Mul, op.i32Add, op.i32Load(0), op.set(j));
  b.push(op.get(px), op.get(j), op.i32(8 * d), op.i32Mul, op.i32Add, op.set(pxj));
  b.push(op.f64(0));
  for (let k = 0; k < d; k++) b.push(op.get(pth), op.f64Load(8 * k), op.get(pxj), op.f64Load(8 * k), op.f64Mul, op.f64Add);
  b.push(op.set(f));
  b.push(op.get(f), op.get(py), op.get(j), op.i32(8), op.i32Mul, op.i32Add, op.f64Load(0), op.f64Sub);
  b.push(op.get(peps), op.get(e), op.i32(8), op.i32Mul, op.i32Add, op.f64Load(0), op.f64Sub, op.get(Bf), op.f64Div, op.set(r));
  for (let k = 0; k < d; k++) b.push(op.get(pg), op.get(pg), op.f64Load(8 * k), op.get(r), op.get(pxj), op.f64Load(8 * k), op.f64Mul, op.f64Add, op.f64Store(8 * k));
  b.push(op.get(bb), op.i32(1), op.i32Add, op.set(bb), op.br(0), op.end, op.end);
  b.push(op.get(eta), op.get(m), op.get(pa), op.get(pg), op.get(pth), op.get(pgs), op.call(0));
  b.push(op.get(s), op.i32(1), op.i32Add, op.set(s));
  for (let k = 0; k < d; k++) b.push(op.get(pth), op.f64Load(8 * k), op.f64Abs, op.get(bound), op.f64Le, op.i32Eqz, op.if, op.get(s), op.return, op.end);
  b.push(op.br(0), op.end, op.end);
  b.push(op.get(s));
  return {
    params: [T.f64, T.i32, T.i32, T.i32, T.i32, T.i32, T.i32, T.i32, T.i32, T.i32, T.i32, T.f64, T.i32, T.f64],
    results: [T.i32],
    locals: [
      [5, T.i32],
      [2, T.f64],
    ],
    body: b,
  };
}
