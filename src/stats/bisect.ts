/** Bisection for the sign change of a continuous f on [lo, hi] (f(lo), f(hi) of opposite signs), to width tol. */
export function bisect(f: (x: number) => number, lo: number, hi: number, tol = 1e-13): number {
  let flo = f(lo);
  if (flo === 0) return lo;
  if (Math.sign(flo) === Math.sign(f(hi))) throw new RangeError(`bisect: no sign change on [${lo}, ${hi}]`);
  for (let i = 0; i < 400 && hi - lo > tol; i++) {
    const mid = (lo + hi) / 2;
    const fm = f(mid);
    if (Math.sign(fm) === Math.sign(flo)) {
      lo = mid;
      flo = fm;
    } else hi = mid;
  }
  return (lo + hi) / 2;
}

