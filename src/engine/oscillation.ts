import { vec } from './matrix.js';
import type { State } from './network.js';
import { stream } from './rng.js';

/**
 * The second layer's start for the oscillation process (text after Eq. (7)): a_i = +q or -q with
 * probability 1/4 each and 0 with probability 1/2, q = eta^0.25. W keeps its NTK initialization (Eq. (5)).
 */
export function initOscillation(s: State, eta: number, seed: string | number): State {
  const rng = stream(seed, 'init', 'oscillation');
  const q = Math.pow(eta, 0.25);
  const a = vec(s.a);
  for (let i = 0; i < a.length; i++) {
    const u = rng.double();
    a[i] = u < 0.25 ? q : u < 0.5 ? -q : 0;
  }
  return s;
}
