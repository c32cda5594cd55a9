import fc from 'fast-check';
import record from '../theorems/lemma-3.bounded.js';
import { fmt } from '../src/stats/format.js';
import { combineAll, rateRule } from '../src/verdict/checks/index.js';
import { exploration } from '../src/verdict/explorations.js';
import { runSweep, sweepConfig } from '../src/scenarios/deltaWAlongSgd.js';
import { sampledInputNorm, stepZeroDeltaW } from '../src/scenarios/initStepCases.js';
import { conditionReports } from '../src/scenarios/premiseConditions.js';
import { claim } from './claim.js';

claim(record, {
  measure: (ctx) => {
    const sweeps = ctx.domain.sweeps.map((s) => ({ sweep: s, runs: runSweep(s, ctx.runSeed()) }));
    const cj = ctx.search({ name: 'C_j', arbitrary: fc.record({ m: fc.integer({ min: 16, max: 256 }), d: fc.integer({ min: 3, max: 10 }), k: fc.integer({ min: 1, max: 64 }), seed: fc.nat(1_000_000) }), check: ({ m, d, k, seed }) => stepZeroDeltaW(m, d, ctx.runSeed('C_j', seed), { scale: k }), numRuns: ctx.domain.searchRuns });
    const edge = ctx.search({ name: 'premise-edge', arbitrary: fc.record({ d: fc.integer({ min: 3, max: 10 }), k: fc.integer({ min: 2, max: 12 }), seed: fc.nat(1_000_000) }), check: ({ d, k, seed }) => stepZeroDeltaW(2 ** k, d, ctx.runSeed('premise-edge', seed), 'edge'), numRuns: ctx.domain.searchRuns });
    return {
      sweeps,
      explorations: [
        exploration('C_j', 'a(0) ~ N(0, K^2/m), K = 1..64, m = 16..256, d = 3..10, sigma = 4, n = 100: exact max of Delta W at step 0', cj, 'without C_j the factor a_i^2 <= m^(-1/2) of the proof is lost'),
        exploration('premise-edge', 'every |a_i| = m^(-1/4) aligned with <w_i, e_1>, W = W(0), m = 2^2..2^12: inside the literal premise', edge, 'inside the premise ||theta|| can reach m^(3/4); Lemma C.2 (i) counts only the change of W'),
      ],
    };
  },
  decide: ({ sweeps }, s, ctx) =>
    combineAll(
      sweeps.map(({ sweep, runs }) => {
        const pts = runs.filter((r) => r.maxDeltaW > 0 && Number.isFinite(r.maxDeltaW)).map((r) => ({ x: r.m, y: r.maxDeltaW }));
        const res = rateRule({ quantity: `max_{i, j in premise} Delta W_i(j) (${sweep.label}, ${sweep.eta !== undefined ? `eta = ${sweep.eta}` : `eta m = ${sweep.etaTimesM}`})`, variable: 'm', points: pts, claimed: { exponent: s.exponent, text: s.exponent === 0 ? 'O(1)' : `O(m^${s.exponent})`, kind: 'upper' }, limit: 'infinity', delta: s.delta, alpha: ctx.alpha });
        return { setting: sweep.label, decision: res.decision };
      }),
    ),
  describe: ({ sweeps, explorations }, _d, ctx) => {
    const runs = sweeps.flatMap((x) => x.runs.map((r) => ({ sweep: x.sweep.label, ...r })));
    const worst = runs.filter((r) => Number.isFinite(r.maxDeltaW)).reduce((b, r) => (r.maxDeltaW / r.dwBound > b.maxDeltaW / b.dwBound ? r : b));
    return {
      evidence: {
        maxDeltaWOverProofBound: worst.maxDeltaW / worst.dwBound,
        proofConstant: `reported, not deciding: ${runs.filter((r) => r.maxDeltaW > r.dwBound).length} of ${runs.length} runs exceed the proof's explicit bound; largest ratio ${fmt(worst.maxDeltaW / worst.dwBound)} at ${worst.sweep}, m = ${worst.m} (|r| up to ${fmt(worst.maxAbsR)} vs Lemma C.2 (i)'s ${fmt(worst.rBound)})`,
        diverged: runs.filter((r) => r.diverged).map((r) => `${r.sweep} m = ${r.m}: ${r.diverged}`),
      },
      hypotheses: [
        ...conditionReports(sweeps.flatMap(({ sweep }) => [sweep.widths[0] as number, sweep.widths[sweep.widths.length - 1] as number].map((m) => ({ label: `${sweep.label}@m=${m}`, config: sweepConfig(sweep, m), maxXNorm: sampledInputNorm(sweepConfig(sweep, m), `${ctx.runSeed()}/${sweep.label}/${m}/0`) }))), ['A1', 'A1-long', 'A2', 'A4', 'A5', 'A6']),
        { id: 'lazy', status: 'met', detail: `Definition 1 and C_j checked before every step; each run stops at the first step outside them: ${runs.map((r) => `${r.sweep} m=${r.m}: ${r.premiseSteps} steps${r.premiseEnd ? ` (${r.premiseEnd})` : ''}`).join(', ')}` },
      ],
      cases: runs.length,
      explorations,
      tables: { runs: runs.map((r) => ({ sweep: r.sweep, m: r.m, eta: r.eta, etaTimesM: r.eta * r.m, premiseSteps: r.premiseSteps, premiseEnd: r.premiseEnd || 'held', maxDeltaW: Number.isFinite(r.maxDeltaW) ? r.maxDeltaW : 'no premise step', atStep: r.atStep, maxAbsR: r.maxAbsR, lemmaC2RBound: r.rBound, proofDeltaWBound: r.dwBound })) },
    };
  },
});
