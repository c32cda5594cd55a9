import { stream, type Rng } from '../../../src/engine/rng.js';
import type { SearchOutcome } from '../../../src/verdict/search.js';
import type { Counterexample } from '../../../src/verdict/types.js';

/** A Binomial(n, p) draw from n Bernoulli trials of the engine's stream. */
export function binomial(rng: Rng, n: number, p: number): number {
  let k = 0;
  for (let i = 0; i < n; i++) if (rng.double() < p) k++;
  return k;
}

export function rngFor(...names: (string | number)[]): Rng {
  return stream(20260312, 'test', 'checks', ...names);
}

/** The Monte Carlo allowance for a rate measured in `trials` trials whose truth is at most alpha: alpha + 3 standard errors. */
export function allowance(alpha: number, trials: number): number {
  return alpha + 3 * Math.sqrt((alpha * (1 - alpha)) / trials);
}

export const fakeCounterexample = (message: string): Counterexample => ({ search: 'main', fcSeed: 1, path: '0', numShrinks: 0, case: {}, message, replay: 'npm run audit -- --claim x --search main --path 0' });

export function passing(cases: number, margin: number): SearchOutcome<unknown> {
  return { cases, closest: { case: {}, margin, message: `closest margin ${margin}` } };
}

export function failing(cases: number, message: string): SearchOutcome<unknown> {
  return { cases, counterexample: fakeCounterexample(message) };
}
