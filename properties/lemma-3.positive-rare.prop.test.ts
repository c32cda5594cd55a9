import record from '../theorems/lemma-3.positive-rare.js';
import { claimTest } from '../src/verdict/claimTest.js';
import { part1Outcome } from './support/lemma3Part1.js';

// P(Delta W_i(j) > 0 | state) <= rho/m^(1/8) for every neuron, exactly per state (the complement of lemma-3.nonpositive).
claimTest(record, (ctx) => part1Outcome(ctx, record.thresholds.allowancePerD!.value, 'positive'));
