import gammaln from '@stdlib/math-base-special-gammaln';

/**
 * The paper's named constants and times, each a pure function of the configuration.
 * "log" in the paper is read as the natural logarithm (its proofs exponentiate it: exp(-c log m) = m^-c).
 */

/** Theorem 2 / 3.2 / C.4: T1 = 384 sqrt(log m) / (sigma^2 eta^2 sqrt(m)). */
export function T1(m: number, eta: number, sigma: number): number {
  return (384 * Math.sqrt(Math.log(m))) / (sigma * sigma * eta * eta * Math.sqrt(m));
}

/** Lemma 3 / C.3: rho = 2 sqrt(d) / sqrt(pi). */
export function rho(d: number): number {
  return (2 * Math.sqrt(d)) / Math.sqrt(Math.PI);
}

/** The density bound the proof of Lemma C.3 actually uses: 2 Gamma(d/2) / (sqrt(pi) Gamma((d-1)/2)) <= rho. */
export function rhoExact(d: number): number {
  return (2 * Math.exp(gammaln(d / 2) - gammaln((d - 1) / 2))) / Math.sqrt(Math.PI);
}

/** Lemma 3 part 1: the bound rho / m^(1/8) on P(Delta W_i(j) > 0). Vacuous while >= 1. */
export function lemma3PositiveBound(m: number, d: number): number {
  return rho(d) / Math.pow(m, 1 / 8);
}

/** The smallest m at which rho/m^(1/8) < 1, i.e. Lemma 3 part 1 stops being vacuous: m > rho^8. */
export function lemma3BindingWidth(d: number): number {
  return Math.pow(rho(d), 8);
}

const K34 = 3 / (4 * Math.sqrt(Math.PI));

/** Proof of Lemma C.3 (last display): m >= ((1 - 3/(4 sqrt pi)) rho / (1/2 - 3/(4 sqrt pi)))^8, needed for the 1/4 bound. */
export function lemma3QuarterWidth(d: number): number {
  return Math.pow(((1 - K34) * rho(d)) / (0.5 - K34), 8);
}

/**
 * Footnote 3: C >= max( e^{-(sigma C_data)^2 / 3}, ((1 - 3/(4 sqrt pi)) 2 sqrt(d) / (1/2 - 3/(4 sqrt pi)) sqrt(pi))^8, e C_data^2 ).
 * Returned as log10 of each term and of C, since the middle term overflows nothing but is astronomically large.
 */
export function footnote3C(d: number, sigma: number, cData: number): { terms: number[]; log10C: number } {
  const t1 = -((sigma * cData) ** 2) / 3 / Math.LN10;
  const t2 = 8 * Math.log10((((1 - K34) * 2 * Math.sqrt(d)) / (0.5 - K34)) * Math.sqrt(Math.PI));
  const t3 = Math.log10(Math.E * cData * cData);
  return { terms: [t1, t2, t3], log10C: Math.max(t1, t2, t3) };
}

/** Definition 1: the lazy-regime radius 1/sqrt(m). */
export function lazyRadius(m: number): number {
  return 1 / Math.sqrt(m);
}

/** Lemma 5: T2 = ln(1/eta) / ||theta*||. */
export function T2(eta: number, thetaStarNorm: number): number {
  return Math.log(1 / eta) / thetaStarNorm;
}

/** Lemma 6: T3 = ln(1/eta) / (eta ||theta*||^2). */
export function T3(eta: number, thetaStarNorm: number): number {
  return Math.log(1 / eta) / (eta * thetaStarNorm * thetaStarNorm);
}
