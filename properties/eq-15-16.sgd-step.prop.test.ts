import record from '../theorems/eq-15-16.sgd-step.js';
import { CaseMemo, describeCase, smallCase } from '../src/scenarios/smallNetworkTrajectory.js';
import { stepGradientGap, stepVsGradient } from '../src/scenarios/stepIdentities.js';
import { fmt } from '../src/stats/format.js';
import { identityRule } from '../src/verdict/checks/identity.js';
import type { CaseResult } from '../src/verdict/search.js';
import { claim } from './claim.js';

const relTol = record.thresholds.relTol!.value;

claim(record, {
  // one literal ml-matrix step and its finite-difference gradient per case, shared by the statement and its twins
  measure: () => ({ memo: new CaseMemo(stepVsGradient) }),
  decide: (m, s, ctx, variant) =>
    identityRule({
      what: `the printed step (W, a) - eta (a r x^T, r W x) = (W, a) - ${s.stepScale} eta grad of Eq. (1)`,
      printed: ctx.search({
        name: 'main',
        arbitrary: smallCase(ctx.domain, 'any', variant === 'statement'),
        check: (c): CaseResult => {
          const g = stepGradientGap(m.memo.get(c), s.stepScale);
          return { violated: !(g.gap <= relTol), margin: (relTol - g.gap) / relTol, message: `${describeCase(c)}: max relative gap between the printed step / eta and ${s.stepScale} x the finite-difference gradient: ${fmt(g.gap)} at ${g.at} (tolerance ${fmt(relTol)})` };
        },
        numRuns: ctx.domain.numRuns,
      }),
    }),
  describe: (m) => {
    const gaps = [...m.memo.all()].map((v) => stepGradientGap(v, 1).gap);
    return {
      evidence: { cases: gaps.length, worstRelativeGap: Math.max(0, ...gaps), tolerance: relTol },
      hypotheses: [{ id: 'none', status: 'met', detail: 'an algebraic identity: no part of Condition 1 is assumed' }],
      cases: gaps.length,
    };
  },
});
