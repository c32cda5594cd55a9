import record from '../theorems/lemma-3.quarter.js';
import { claimTest } from '../src/verdict/claimTest.js';
import { quarterOutcome } from './support/lemma3Quarter.js';

// P(Delta W_i(j) <= -(sigma/4)^2 | state) >= 1/4 for every neuron: exact over the training set, Monte Carlo (exact CP) over the population.
claimTest(record, (ctx) => quarterOutcome(ctx, record.thresholds.quarter!.value, record.thresholds.allowancePerD!.value));
