import record from '../theorems/experiment.sparsity.js';
import { claimTest } from '../src/verdict/claimTest.js';
import { finiteOutcome } from './support/experiment.js';
import { runSparsityClaim } from './support/experimentSparsity.js';

claimTest(record, (ctx) => finiteOutcome(runSparsityClaim(ctx)));
