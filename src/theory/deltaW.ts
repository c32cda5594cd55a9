/**
 * Delta W_i(j) as the long version defines it after Eq. (40) and in Eq. (41):
 *   Delta W_i(j) = - r^2 ( (x^T w_i)^2 - a_i^2 ||x||^2 ),  r = f(theta; x) - y - eps  (the residual "grad l").
 * Arguments: r, the projection x^T w_i, a_i and ||x||^2.
 */
export function deltaWLong(r: number, xw: number, ai: number, xNorm2: number): number {
  return -r * r * (xw * xw - ai * ai * xNorm2);
}

/**
 * Delta W_i(j) as the AAAI text prints it ("Insights from Theorem 2"):
 *   Delta W_i(j) = - r^2 (x^T w_i)^2 - a_i^2 ||x||^2
 * (the bracket of the long version is missing, so the second term is not multiplied by r^2).
 */
export function deltaWAaai(r: number, xw: number, ai: number, xNorm2: number): number {
  return -r * r * xw * xw - ai * ai * xNorm2;
}
