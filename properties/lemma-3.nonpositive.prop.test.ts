import record from '../theorems/lemma-3.nonpositive.js';
import { claim } from './claim.js';
import { part1Spec } from './lemma-3.part1.js';

// P(Delta W_i(j) <= 0 | state) >= 1 - rho/m^(1/8) for every neuron, with probability 1 - O(1/m): shared with lemma-3.positive-rare (lemma-3.part1.ts).
claim(record, part1Spec('nonpositive'));
