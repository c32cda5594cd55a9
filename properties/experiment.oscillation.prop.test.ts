import record from '../theorems/experiment.oscillation.js';
import { claimTest } from '../src/verdict/claimTest.js';
import { finiteOutcome } from './support/experiment.js';
import { runOscillationClaim } from './support/experimentOscillation.js';

claimTest(record, (ctx) => finiteOutcome(runOscillationClaim(ctx)));
