import record from '../theorems/experiment.figure-2.js';
import { claimTest } from '../src/verdict/claimTest.js';
import { finiteOutcome } from './support/experiment.js';
import { runPhaseClaim } from './support/experimentPhaseClaim.js';

claimTest(record, (ctx) => {
  const { setup, sigma } = ctx.domain;
  return finiteOutcome(runPhaseClaim(ctx, {
    rule: { kind: 'sgd', eta: setup.eta, batch: 1, sigma },
    quiet: { kind: 'sgd', eta: setup.eta, batch: 1, sigma: 0 },
    noiseText: `label noise SGD, batch 1, sigma = ${sigma}`,
    hypothesis: 'sigma>0',
    quietText: 'sigma = 0 (plain SGD)',
    figurePrefix: 'figure-2',
    figureLabel: 'Figure 2 (label noise SGD)',
  }));
});
