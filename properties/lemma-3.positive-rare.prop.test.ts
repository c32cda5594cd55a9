import record from '../theorems/lemma-3.positive-rare.js';
import { claim } from './claim.js';
import { part1Spec } from './lemma-3.part1.js';

// P(Delta W_i(j) > 0 | state) <= rho/m^(1/8) for every neuron, with probability 1 - O(1/m): the complement of lemma-3.nonpositive (lemma-3.part1.ts).
claim(record, part1Spec('positive'));
