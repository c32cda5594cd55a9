import { describe } from 'vitest';
import proofC3 from '../../theorems/proofs/proof-c3.js';
import proofC4 from '../../theorems/proofs/proof-c4.js';
import proofSketch from '../../theorems/proofs/proof-sketch-thm2.js';
import { residualBound, runPreset, TO_T1_PRESET, type ToT1Run } from '../../src/scenarios/lazyEventsToT1.js';
import type { ProofStepSpec } from '../../src/verdict/proofTest.js';
import { coverage, inequalityOver, oneMinusOOneOverM, shared, step, type Ctx } from './support.js';
import { aSquaredAtT, boundedAndCounted, normChangeBound, omegaQuarter, onlyX, positiveReplaced, splitSum, thetaIndependent } from './proof-c4-toT1.js';
import { dominantTerm, firstSteps, noiseAccelerates, noisePairs, perStepChange } from './proof-c4-sketch.js';

/**
 * (Longer than ~80 lines because one worker must hold the runs to T1 that all these steps share; the step declarations
 * of the proof of Theorem C.4 and of the AAAI sketch live in proof-c4-toT1.ts and proof-c4-sketch.ts.)
 *
 * What the proofs of Lemma C.3 and Theorem C.4 take from Lemma C.2 for every step t <= T1 (Lemma C.2 proves it only
 * for t <= T0 and under the lazy premise), and the AAAI text's "|a_i(t)| remains small throughout training": read on
 * label-noise SGD runs to floor(T1) (src/scenarios/lazyEventsToT1.ts, TO_T1_PRESET: eta m = 1, d = 20, sigma = 4,
 * K tracked neurons), one set of runs shared by the steps of this file.
 */
const runs = (ctx: Ctx): ToT1Run[] => shared(ctx, 'to-t1', (seedOf) => runPreset(TO_T1_PRESET[ctx.tier], seedOf));
const widths = (rs: ToT1Run[]) => [...new Set(rs.map((r) => r.config.m))];

/** "with probability 1 - O(1/m), |a_i(t)| <= m^{-1/4} for all i and t <= T1": the failure event seen on the tracked neurons. */
const smallAToT1 = (where: string): ProofStepSpec<{ q: number }, ToT1Run[]> => ({
  checks: `${where}: rule high-probability on the runs to floor(T1), failure event "some tracked |a_i(t)| > m^{-q} for t <= T1", q = 1/4, f = 1/m, over the preset's range of widths (quick: 64 and 128).`,
  statement: { q: 0.25 },
  twins: [{ id: 'q=1/2', change: 'the threshold m^{-1/2} (the scale of a_i(0))', statement: { q: 0.5 } }],
  expected: { verdict: 'fails', reason: 'every run passes m^{-1/4} before T1 (max_i |a_i(t)| m^{1/4} ~ 1.3-3 at T1 on a subset of the neurons): p(m) ~ 1 at each width, so c*(m) = m p(m) grows like m; Lemma C.2 (ii) is proved for t <= T0 under the lazy premise, which ends at tau << T0' },
  measure: runs,
  decide: (rs, s, ctx) =>
    oneMinusOOneOverM(
      ctx,
      `some |a_i(t)| > m^-${s.q} for t <= T1`,
      widths(rs).map((m) => {
        const at = rs.filter((r) => r.config.m === m);
        return { m, failures: at.filter((r) => r.toT1.maxAbsAScaled > Math.pow(m, 0.25 - s.q)).length, runs: at.length };
      }),
      TO_T1_PRESET[ctx.tier].range,
    ),
  evidence: (rs) => ({
    runs: rs.length,
    diverged: rs.filter((r) => r.diverged).length,
    trackedNeurons: TO_T1_PRESET.quick.K,
    maxAbsAScaledAtLazyExit: Math.max(...rs.map((r) => r.lazy.maxAbsAScaled)),
    maxAbsAScaledToT0: Math.max(...rs.map((r) => r.toT0.maxAbsAScaled)),
    minOverRunsMaxAbsAScaledToT1: Math.min(...rs.map((r) => r.toT1.maxAbsAScaled)),
  }),
  cases: (rs) => rs.length,
});

describe('Lemma C.2 used up to T1 (proof-c3, proof-c4, the AAAI sketch and text)', () => {
  step(proofC3, 'proof-c3.step-1', smallAToT1('Lemma C.3, first sentence'));
  step(proofC4, 'proof-c4.step-1', smallAToT1('Theorem C.4, first paragraph (event C_{T1})'));
  coverage('aaai.a-small-throughout', smallAToT1('"|a_i(t)| remains small throughout training", to T1'));
  step(proofSketch, 'proof-sketch-thm2.step-8', smallAToT1('The AAAI sketch\'s "we can prove ... |a_i(t)| remains small throughout training", to T1'));

  step(proofC3, 'proof-c3.step-13', {
    checks: 'Lemma C.2 (i) used up to T1, in its explicit form: on every run, max_{t <= T1} |r_t| <= k (2 (||theta(0)|| + m^{1/4}) C_data + sigma), k = 1, C_data the largest input norm drawn up to T1 (the runs are the cases).',
    statement: { k: 1 },
    twins: [{ id: 'k=1/20', change: 'a twentieth of the right side', statement: { k: 0.05 } }],
    expected: { verdict: 'holds', reason: 'the explicit bound is loose past the lazy window too (max |r_t| at most ~0.37 of it): the residual stays of the order of sigma + ||theta - theta*|| C_data while the bound carries 2 m^{1/4} C_data' },
    measure: runs,
    decide: (rs, s, ctx) => inequalityOver(ctx, rs.map((r, i) => ({ r, i })), ({ r, i }) => ({ lhs: r.toT1.maxAbsR, rhs: s.k * residualBound(r, r.toT1), message: `run ${i}, m = ${r.config.m}: max |r_t| over ${r.toT1.steps} steps (${r.outcome})` }), '|grad l| <= O(m^{1/4}) up to T1', 'everywhere', { abs: 0, rel: 1e-12 }),
    cases: (rs) => rs.length,
  });
});

describe('Delta W_i(j) at the steps j < T1 (proof-c4 steps 7-27, the AAAI sketch\'s order steps)', () => {
  step(proofC4, 'proof-c4.step-7', omegaQuarter(runs, (ctx) => TO_T1_PRESET[ctx.tier].range));
  step(proofC4, 'proof-c4.step-8', onlyX(runs));
  step(proofC4, 'proof-c4.step-10', thetaIndependent(runs));
  step(proofC4, 'proof-c4.step-14', splitSum(runs));
  step(proofC4, 'proof-c4.step-15', positiveReplaced(runs));
  step(proofC4, 'proof-c4.step-16', boundedAndCounted(runs));
  step(proofC4, 'proof-c4.step-25', aSquaredAtT(runs));
  step(proofC4, 'proof-c4.step-27', normChangeBound(runs));
  const both = (ctx: Ctx) => ({ first: shared(ctx, 'first-steps', (seedOf) => firstSteps(ctx, seedOf)), toT1: runs(ctx) });
  step(proofSketch, 'proof-sketch-thm2.step-2', dominantTerm(both));
  step(proofSketch, 'proof-sketch-thm2.step-5', noiseAccelerates((ctx) => shared(ctx, 'noise-pairs', (seedOf) => noisePairs(ctx, seedOf))));
  step(proofSketch, 'proof-sketch-thm2.step-9', perStepChange(both));
});
