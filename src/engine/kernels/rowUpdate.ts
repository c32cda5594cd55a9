import { op, type Bytes } from './wasm.js';

/** The locals a row update reads and writes (indices into the function's locals). */
export interface RowUpdateLocals {
  /** i32: W's block (row 0 of the block at this byte address), theta, g */
  pw: number;
  pth: number;
  pg: number;
  /** v128 scratch: theta's pair, g's pair, a new w pair */
  tv: number;
  gv: number;
  wn: number;
  /** f64 scratch of an odd d's last column: theta_k, g_k, the new w_k */
  tt: number;
  gk: number;
  wt: number;
  /** v128 of row r of the block: c_r and an_r in both lanes */
  cs: (r: number) => number;
  ans: (r: number) => number;
}

/**
 * Rows r = 0..n-1 of the block at pw: w_r <- w_r - c_r g ; th <- th + an_r w_r (the new w_r), for one d (unrolled):
 * the JavaScript loop's `moveRow` (rules/outputGradientPass.ts) on each row in order, two k per f64x2 (a last odd k
 * in scalar float64). Column pair by column pair: theta's pair is loaded once, takes the block's rows in order
 * (th + an_0 w_0, then + an_1 w_1, ...) and is stored, so each theta_k sums the rows in increasing i, as there.
 * Every lane operation is the scalar one on the same operands in the same order (c g, then w - c g; an w, then
 * th + an w; no fused multiply-add), so the bits are the loop's. Shared by the SGD/GD pass (sgdKernel.ts) and the
 * oscillation pass (oscKernel.ts).
 */
export function rowUpdate(b: Bytes[], d: number, n: number, L: RowUpdateLocals): void {
  const nv = d >> 1;
  const odd = d & 1;
  const row = 8 * d;
  const { pw, pth, pg, tv, gv, wn, tt, gk, wt, cs, ans } = L;
  for (let v = 0; v < nv; v++) {
    b.push(op.get(pth), op.v128Load(16 * v), op.set(tv), op.get(pg), op.v128Load(16 * v), op.set(gv));
    for (let r = 0; r < n; r++) {
      b.push(op.get(pw), op.get(pw), op.v128Load(row * r + 16 * v), op.get(cs(r)), op.get(gv), op.f64x2Mul, op.f64x2Sub);
      b.push(op.tee(wn), op.v128Store(row * r + 16 * v));
      b.push(op.get(tv), op.get(ans(r)), op.get(wn), op.f64x2Mul, op.f64x2Add, op.set(tv));
    }
    b.push(op.get(pth), op.get(tv), op.v128Store(16 * v));
  }
  if (odd) {
    b.push(op.get(pth), op.f64Load(16 * nv), op.set(tt), op.get(pg), op.f64Load(16 * nv), op.set(gk));
    for (let r = 0; r < n; r++) {
      b.push(op.get(pw), op.get(pw), op.f64Load(row * r + 16 * nv), op.get(cs(r)), op.f64x2Lane(0), op.get(gk), op.f64Mul, op.f64Sub);
      b.push(op.tee(wt), op.f64Store(row * r + 16 * nv));
      b.push(op.get(tt), op.get(ans(r)), op.f64x2Lane(0), op.get(wt), op.f64Mul, op.f64Add, op.set(tt));
    }
    b.push(op.get(pth), op.get(tt), op.f64Store(16 * nv));
  }
}
