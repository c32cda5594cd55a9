import record from '../theorems/experiment.generalization.js';
import { claimTest } from '../src/verdict/claimTest.js';
import { finiteOutcome } from './support/experiment.js';
import { runGeneralizationClaim } from './support/experimentGeneralization.js';

claimTest(record, (ctx) => finiteOutcome(runGeneralizationClaim(ctx)));
