import record from '../theorems/lemma-3.bounded.js';
import { claimTest } from '../src/verdict/claimTest.js';
import { boundedOutcome } from './support/lemma3Bounded.js';

// Delta W_i(j) <= O(1): the maximum over neurons and premise steps of label-noise SGD runs, its exponent in m (log-log OLS, t interval).
claimTest(record, (ctx) => boundedOutcome(ctx, record.thresholds.exponent!.value, record.thresholds.proofConstant!.value));
