import type { ClaimRecord } from '../src/verdict/types.js';
import eq1516 from './eq-15-16.sgd-step.js';
import eq3 from './eq-3.theta-step.js';
import eq41 from './eq-41.norm-identity.js';
import aIncrement from './insights-thm2.a-increment.js';
import normAaai from './insights-thm2.norm-identity-aaai.js';
import theorem2 from './theorem-2.escape-lazy.js';
import lemma3nonpositive from './lemma-3.nonpositive.js';
import lemma3quarter from './lemma-3.quarter.js';
import lemma3positiveRare from './lemma-3.positive-rare.js';
import lemma3bounded from './lemma-3.bounded.js';
import lemma4 from './lemma-4.oscillation-diminishing.js';
import phase2Start from './phase-2.start.js';
import lemma5 from './lemma-5.alignment.js';
import lemma5t2 from './lemma-5.t2.js';
import lemma5long from './lemma-5.alignment-long.js';
import lemma6 from './lemma-6.convergence.js';
import lemma6long from './lemma-6.alignment-long.js';
import lemmaB2 from './lemma-b2.chi-square-se.js';
import corollaryB3 from './corollary-b3.product-se.js';
import lemmaB4 from './lemma-b4.se-tail.js';
import lemmaB5 from './lemma-b5.norm-concentration.js';
import lemmaB6 from './lemma-b6.chernoff.js';
import lemmaC1eq18 from './lemma-c1.eq18-19.js';
import lemmaC1 from './lemma-c1.init-norms.js';
import lemmaC2i from './lemma-c2.gradient-bound.js';
import lemmaC2ii from './lemma-c2.a-bound.js';
import expFigure2 from './experiment.figure-2.js';
import expOscillation from './experiment.oscillation.js';
import expPeriodic from './experiment.periodic.js';
import expSam from './experiment.figure-4-sam.js';
import expSparsity from './experiment.sparsity.js';
import expGeneralization from './experiment.generalization.js';
import figure3 from './figure-3.label-noise-rich.js';
import figure5 from './figure-5.sam-rich.js';
import figure1 from './figure-1.label-noise-generalization.js';

/** Every claim record, in the report's order. Adding a claim: its file here and its property in properties/. */
export const ALL_CLAIMS: readonly ClaimRecord<any>[] = [eq1516, eq3, eq41, normAaai, aIncrement, theorem2, lemma3nonpositive, lemma3quarter, lemma3positiveRare, lemma3bounded, lemma4, phase2Start, lemma5, lemma5t2, lemma5long, lemma6, lemma6long, lemmaB2, corollaryB3, lemmaB4, lemmaB5, lemmaB6, lemmaC1, lemmaC1eq18, lemmaC2i, lemmaC2ii, expFigure2, expOscillation, expPeriodic, expSam, expSparsity, expGeneralization, figure3, figure5, figure1];

export function claimById(id: string): ClaimRecord<any> | undefined {
  return ALL_CLAIMS.find((c) => c.id === id);
}
