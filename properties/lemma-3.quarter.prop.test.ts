import fc from 'fast-check';
import record from '../theorems/lemma-3.quarter.js';
import { clopperPearsonLower, clopperPearsonUpper } from '../src/stats/binomial.js';
import { fmt } from '../src/stats/format.js';
import { combineAll, highProbabilityRule } from '../src/verdict/checks/index.js';
import { exploration } from '../src/verdict/explorations.js';
import { lemma3BindingWidth } from '../src/theory/constants.js';
import { worstQuarterAtInit } from '../src/scenarios/initStepCases.js';
import { premiseDetail, sampleSetting } from '../src/scenarios/premiseStateSample.js';
import { conditionReports } from '../src/scenarios/premiseConditions.js';
import { claim } from './claim.js';

claim(record, {
  measure: (ctx) => {
    const samples = ctx.domain.settings.map((x) => sampleSetting(x, ctx.runSeed(), ctx.domain.mcDraws));
    const sig = ctx.search({ name: 'sigma>0', arbitrary: fc.record({ d: fc.integer({ min: 6, max: 8 }), e: fc.integer({ min: 0, max: 1 }), seed: fc.nat(1_000_000) }), check: ({ d, e, seed }) => worstQuarterAtInit(d, Math.ceil(lemma3BindingWidth(d) * 2 ** (e + 1)), 100, 0, ctx.runSeed('sigma>0', seed)), numRuns: Math.max(4, Math.round(ctx.domain.searchRuns / 5)) });
    const a6 = ctx.search({ name: 'A6', arbitrary: fc.record({ d: fc.integer({ min: 1, max: 4 }), k: fc.integer({ min: 4, max: 9 }), seed: fc.nat(1_000_000) }), check: ({ d, k, seed }) => worstQuarterAtInit(d, 2 ** k, 200, 4, ctx.runSeed('A6', seed)), numRuns: ctx.domain.searchRuns });
    const explorations = [
      exploration('sigma>0', 'sigma = 0 (the threshold -(sigma/4)^2 is 0), d = 6..8, m = 2^(e+1) rho^8 where part 1 binds, n = 100; exact at Eq. (5)', sig, 'with sigma = 0 the statement asks only P(Delta W_i <= 0) >= 1/4'),
      exploration('A6', 'd = 1..4, m = 2^4..2^9, sigma = 4, n = 200; exact at Eq. (5)', a6, 'small d makes small norms common'),
    ];
    return { samples, explorations };
  },
  decide: ({ samples }, s, ctx) =>
    combineAll(
      ctx.domain.widthRanges.map(({ d, range }) => {
        const at = samples.filter((x) => x.setting.config.d === d);
        const widths = at.map((x) => ({ m: x.setting.config.m, runs: x.units.length, failures: x.units.filter((u) => u.minQuarterFin < s.probability).length }));
        const worst = at.map((x) => `${x.setting.label}: worst ${fmt(Math.min(...x.units.map((u) => u.minQuarterFin)))}`).join(', ');
        const res = highProbabilityRule({ event: `a premise state at d = ${d} has a neuron with P(Delta W_i <= -(sigma/4)^2) < ${s.probability} (${worst})`, rate: { text: `m^${s.failureExponent}`, f: (m) => Math.pow(m, s.failureExponent), exponent: s.failureExponent }, widths, range, alpha: ctx.alpha, fixedConstant: 4 * d });
        return { setting: `d = ${d}`, decision: res.decision };
      }),
    ),
  describe: ({ samples, explorations }, _d, ctx) => ({
    evidence: { settings: samples.length, states: samples.reduce((t, x) => t + x.units.reduce((a, u) => a + u.states, 0), 0) },
    hypotheses: [
      ...conditionReports(samples.map((x) => ({ label: x.setting.label, config: x.setting.config, maxXNorm: Math.max(...x.units.map((u) => u.maxXNorm)) })), ['A1', 'A1-long', 'A2', 'A4', 'A5', 'A6', 'rho-width']),
      { id: 'lazy', status: 'met', detail: samples.map((x) => `${x.setting.label}: ${premiseDetail(x)}`).join('; ') },
    ],
    cases: samples.reduce((t, x) => t + x.units.reduce((a, u) => a + u.states, 0), 0),
    explorations,
    tables: {
      settings: samples.map(({ setting: st, units, quarterWorst: q }) => ({
        setting: st.label, source: st.source, d: st.config.d, m: st.config.m, n: st.config.n, units: units.length,
        unitsBelowQuarter: units.filter((u) => u.minQuarterFin < 0.25).length, worstFiniteP: Math.min(...units.map((u) => u.minQuarterFin)), worstNeuronNorm: q?.norm ?? 0,
        populationMcP: q ? q.mcHits / q.mcDraws : '-', populationCpLow: q ? clopperPearsonLower(q.mcHits, q.mcDraws, ctx.alpha) : '-', populationCpHigh: q ? clopperPearsonUpper(q.mcHits, q.mcDraws, ctx.alpha) : '-',
      })),
    },
  }),
});
