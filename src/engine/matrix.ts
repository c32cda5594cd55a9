import { Matrix } from 'ml-matrix';

/**
 * ml-matrix keeps a matrix as an array of Float64Array rows (`data`), which its type
 * definitions omit. This is the one place that reaches into it; hot loops work on the rows.
 */
export function rows(M: Matrix): Float64Array[] {
  return (M as unknown as { data: Float64Array[] }).data;
}

/** Row 0 of a 1 x k matrix (how vectors such as `a` are held). */
export function vec(M: Matrix): Float64Array {
  const r = rows(M)[0];
  if (r === undefined) throw new Error('empty matrix');
  return r;
}

export function rowVector(values: ArrayLike<number>): Matrix {
  const M = new Matrix(1, values.length);
  vec(M).set(values);
  return M;
}

export function dot(x: ArrayLike<number>, y: ArrayLike<number>): number {
  let s = 0;
  for (let k = 0; k < x.length; k++) s += (x[k] as number) * (y[k] as number);
  return s;
}

export function norm(x: ArrayLike<number>): number {
  return Math.sqrt(dot(x, x));
}

export function allFinite(x: ArrayLike<number>): boolean {
  for (let k = 0; k < x.length; k++) if (!Number.isFinite(x[k] as number)) return false;
  return true;
}
