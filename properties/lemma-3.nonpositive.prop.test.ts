import record from '../theorems/lemma-3.nonpositive.js';
import { claimTest } from '../src/verdict/claimTest.js';
import { part1Outcome } from './support/lemma3Part1.js';

// P(Delta W_i(j) <= 0 | state) >= 1 - rho/m^(1/8) for every neuron, exactly per state (counted directly as Delta W <= 0).
claimTest(record, (ctx) => part1Outcome(ctx, record.thresholds.allowancePerD!.value, 'nonpositive'));
