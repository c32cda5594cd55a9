import betaCdf from '@stdlib/stats-base-dists-beta-cdf';
import betaQuantile from '@stdlib/stats-base-dists-beta-quantile';
import chisquareCdf from '@stdlib/stats-base-dists-chisquare-cdf';

/**
 * The exact law, over the initialization of Eq. (5), of the event that some neuron breaks a bound b on its population
 * P(Delta W_i(0) > 0 | state) (Lemma 3 / C.3 at step 0, where the premise holds).
 * P(Delta W_i > 0 | state) = sphereBand(R_i, d) is increasing in R_i = |a_i|/||w_i||, and m R_i^2 = Z^2 / (chi2_d / d)
 * ~ F(1, d) exactly, so neuron i breaks b iff F > m s*^2 with sphereBand(s*, d) = b; P(F(1, d) > t) = I_{d/(d+t)}(d/2, 1/2).
 * The m neurons are independent: P(some neuron breaks b) = 1 - (1 - q)^m. Conditioning on C_0 (all |a_i| <= m^(-1/4))
 * moves q to q_C with q - p_a <= q_C <= q / (1 - p_a), p_a = P(|a_i| > m^(-1/4)) <= sqrt(2/pi) exp(-sqrt(m)/2) / m^(1/4).
 */
export interface InitBreakLaw {
  bound: number;
  /** the ratio |a_i|/||w_i|| above which a neuron breaks the bound */
  sStar: number;
  /** P(one neuron breaks it), unconditioned */
  qNeuron: number;
  /** P(some neuron of the m breaks it | C_0): lower and upper ends */
  pLo: number;
  pHi: number;
}

/** Mills' ratio bound on P(|Z| > m^(1/4)): the chance that one a_i(0) ~ N(0, 1/m) leaves C_0. */
export function aLeavesC0Bound(m: number): number {
  const z = Math.pow(m, 0.25);
  return Math.min(1, (Math.sqrt(2 / Math.PI) * Math.exp(-(z * z) / 2)) / z);
}

/** 1 - (1 - q)^m without cancellation, q clipped to [0, 1]. */
export function anyOf(m: number, q: number): number {
  return -Math.expm1(m * Math.log1p(-Math.min(1, Math.max(0, q))));
}

export function initBreakLaw(m: number, d: number, bound: number): InitBreakLaw {
  if (bound >= 1) return { bound, sStar: 1, qNeuron: 0, pLo: 0, pHi: 0 };
  // d = 1: x/||x|| = +-1, the band probability is 0 below s = 1 and 1 above
  const s2 = d === 1 ? 1 : betaQuantile(Math.max(bound, 0), 0.5, (d - 1) / 2);
  const q = betaCdf(d / (d + m * s2), d / 2, 0.5);
  const pa = aLeavesC0Bound(m);
  return { bound, sStar: Math.sqrt(s2), qNeuron: q, pLo: anyOf(m, q - pa), pHi: pa < 1 ? anyOf(m, q / (1 - pa)) : 1 };
}

/**
 * The same event with every |a_i| at the edge m^(-1/4) of C_j (still inside the literal premise) and W at Eq. (5):
 * neuron i breaks the bound iff ||w_i|| < m^(-1/4) / s*, exact through the chi-square CDF (||w_i||^2 d ~ chi2_d).
 * Also P(some ||w_i|| < m^(-1/8)), the proof's step rho |a_i|/||w_i|| <= rho/m^(1/8).
 */
export function edgeBreakLaw(m: number, d: number, bound: number): { p: number; wStar: number; pProofStep: number } {
  const f = initBreakLaw(m, d, bound);
  const wStar = Math.pow(m, -0.25) / f.sStar;
  return { p: anyOf(m, chisquareCdf(d * wStar * wStar, d)), wStar, pProofStep: anyOf(m, chisquareCdf(d * Math.pow(m, -0.25), d)) };
}
