import { lemma3QuarterWidth } from '../../src/theory/constants.js';
import type { ClaimContext } from '../../src/verdict/context.js';
import type { ClaimOutcome } from '../../src/verdict/types.js';
import { combine, evaluateQuarter, fmt, hypothesisReports, quarterRow, type Lemma3Domain, type QuarterConfigResult } from './lemma3Configs.js';
import { exploreA6Quarter, exploreSigmaZero } from './lemma3Explore.js';

/** Item 2 of Lemma C.3 (AAAI Lemma 3 part 1, second sentence): P(Delta W_i(j) <= -(sigma/4)^2 | state) >= 1/4 for every i. */
export function quarterOutcome(ctx: ClaimContext<Lemma3Domain>, quarter: number, cPerD: number): ClaimOutcome {
  const results: QuarterConfigResult[] = ctx.domain.configs.map((c) => evaluateQuarter(ctx, c, cPerD, quarter));
  const verdict = combine(results.map((r) => r.status));
  const atProofWidth = results.filter((r) => r.config.m >= lemma3QuarterWidth(r.config.d));
  const failing = results.filter((r) => r.status === 'fails');
  const worst = results.reduce((b, r) => (r.worstFin < b.worstFin ? r : b));
  const proofWorst = atProofWidth.length ? atProofWidth.reduce((b, r) => (r.worstFin < b.worstFin ? r : b)) : undefined;
  const d20Proof = atProofWidth.find((r) => r.config.d === 20);
  const sig = exploreSigmaZero(ctx);
  const a6 = exploreA6Quarter(ctx);
  const statesEvaluated = results.reduce((s, r) => s + r.statesEvaluated, 0);
  const line = (r: QuarterConfigResult): string =>
    `${r.config.label} (d=${r.config.d}, m=${fmt(r.config.m)}): ${r.unitsViolating}/${r.units.length} units below 1/4, worst neuron (||w_i|| = ${fmt(r.worstNorm)}) exact finite-set P = ${fmt(r.worstFin)}, population MC ${fmt(r.mcHits / r.mcDraws)} (CP upper ${fmt(r.mcHi)})`;
  const summary =
    verdict === 'fails'
      ? `fails: ${failing.map(line).join('; ')}. Holds where every neuron keeps a norm of order 1: ${results
          .filter((r) => r.status === 'holds')
          .map((r) => `${r.config.label} (worst ${fmt(r.worstFin)})`)
          .join(', ')}. At the proof's own width the small-norm neurons break it${d20Proof ? ` (d = 20, m = ${fmt(d20Proof.config.m)}: worst P = ${fmt(d20Proof.worstFin)})` : ''}: the proof drops 1/||w_i|| from P(|<x/||x||, w_i>| <= t) <= rho t.`
      : verdict === 'holds'
        ? `every neuron of ${statesEvaluated} states in ${results.length} configurations has exact P(Delta W_i <= -(sigma/4)^2) >= 1/4 (worst ${fmt(worst.worstFin)} at ${worst.config.label}, population MC CP [${fmt(worst.mcLo)}, ${fmt(worst.mcHi)}])`
        : `inconclusive: ${results
            .filter((r) => r.status !== 'holds')
            .map((r) => `${r.config.label}: ${r.why}`)
            .join('; ')}`;
  return {
    verdict,
    summary,
    evidence: {
      configurations: results.length,
      failingConfigurations: failing.length,
      holdingConfigurations: results.filter((r) => r.status === 'holds').length,
      inconclusiveConfigurations: results.filter((r) => r.status === 'inconclusive').length,
      statesEvaluated,
      worstConfiguration: worst.config.label,
      worstFiniteSetP: worst.worstFin,
      worstNeuronNorm: worst.worstNorm,
      worstNeuronAbsA: worst.worstAbsA,
      worstPopulationMcP: worst.mcHits / worst.mcDraws,
      worstPopulationCpUpper: worst.mcHi,
      bound: quarter,
      proofWidthConfigurations: atProofWidth.length,
      proofWidthWorstConfiguration: proofWorst?.config.label ?? '-',
      proofWidthWorstFiniteSetP: proofWorst?.worstFin ?? 1,
      proofWidthWorstPopulationCpUpper: proofWorst?.mcHi ?? 1,
      proofWidths: [...new Set(results.map((r) => r.config.d))].map((d) => `d=${d}: m >= ${fmt(lemma3QuarterWidth(d))}`),
      perConfiguration: results.map((r) => `${r.config.label}: ${r.status} (${r.why})`),
    },
    hypotheses: hypothesisReports(results),
    cases: statesEvaluated,
    explorations: [sig, a6],
    tables: { configurations: results.map((r) => quarterRow(r, quarter)) },
  };
}
