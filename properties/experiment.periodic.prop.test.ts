import record from '../theorems/experiment.periodic.js';
import { claimTest } from '../src/verdict/claimTest.js';
import { finiteOutcome } from './support/experiment.js';
import { runPeriodicClaim } from './support/experimentPeriodic.js';

claimTest(record, (ctx) => finiteOutcome(runPeriodicClaim(ctx)));
