import record from '../theorems/experiment.figure-4-sam.js';
import { claimTest } from '../src/verdict/claimTest.js';
import { finiteOutcome } from './support/experiment.js';
import { runPhaseClaim } from './support/experimentPhaseClaim.js';

claimTest(record, (ctx) => {
  const { setup, rho } = ctx.domain;
  return finiteOutcome(runPhaseClaim(ctx, {
    rule: { kind: 'sam', eta: setup.eta, rho, batch: 1, sigma: 0 },
    quiet: { kind: 'sgd', eta: setup.eta, batch: 1, sigma: 0 },
    noiseText: `per-sample SAM, rho = ${rho}, no label noise`,
    hypothesis: 'rho>0',
    quietText: 'rho = 0 (plain SGD)',
    figurePrefix: 'figure-4',
    figureLabel: 'Figure 4 (SAM)',
  }));
});
