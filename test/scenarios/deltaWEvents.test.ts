import { describe, expect, it } from 'vitest';
import { rows } from '../../src/engine/matrix.js';
import { byNeuron, eventStates, lemmaC3EventCases, probability, stepEventCases, type EventStateSetting } from '../../src/scenarios/deltaWEvents.js';

const SETTINGS: EventStateSetting[] = [
  { kind: 'constructed', m: 50, d: 5, n: 12, thetaStarNorm: 0.3, neurons: 6, move: 'shrink' },
  { kind: 'extreme', m: 1e6, d: 7, n: 12, thetaStarNorm: 0.03, neurons: 3 },
];

describe('the events of one step of Lemma C.3 (deltaWEvents)', () => {
  it('puts every |a_i| at the edge of C_j and keeps the smallest-norm neurons of a constructed state', () => {
    const [c, e] = eventStates(SETTINGS, 's');
    for (const es of [c!, e!]) for (const a of es.state.a) expect(Math.abs(a)).toBeCloseTo(Math.pow(es.state.m, -0.25), 15);
    expect(c!.state.w).toHaveLength(6);
    expect(e!.state.w).toHaveLength(3);
  });

  it('reads r = theta^T x - y - eps, x^T w and ||x||^2 of every (neuron, example, sign) case', () => {
    const [es] = eventStates(SETTINGS, 's');
    const cs = stepEventCases(es!, 2);
    expect(cs).toHaveLength(6 * 12 * 2);
    const X = rows(es!.data.X);
    for (const c of cs.slice(0, 30)) {
      const x = X[c.example] as Float64Array;
      const w = es!.state.w[c.neuron] as Float64Array;
      const f = x.reduce((s, v, q) => s + v * (es!.state.theta[q] as number), 0);
      expect(c.r).toBeCloseTo(f - (es!.data.y[c.example] as number) - c.eps, 12);
      expect(c.xw).toBeCloseTo(x.reduce((s, v, q) => s + v * (w[q] as number), 0), 12);
      expect(c.x2).toBeCloseTo(x.reduce((s, v) => s + v * v, 0), 12);
      expect(Math.abs(c.eps)).toBe(2);
    }
  });

  it('groups the cases by neuron (2n each) and counts probabilities exactly', () => {
    const gs = byNeuron(stepEventCases(eventStates(SETTINGS, 's')[1]!, 1));
    expect(gs).toHaveLength(3);
    for (const g of gs) expect(g).toHaveLength(24);
    expect(probability(gs[0]!, (c) => c.eps > 0)).toBe(0.5);
  });

  it('is the same for the same seed and differs for another', () => {
    const a = lemmaC3EventCases('x').slice(0, 50);
    expect(lemmaC3EventCases('x').slice(0, 50)).toEqual(a);
    expect(lemmaC3EventCases('y').slice(0, 50)).not.toEqual(a);
  });
});

describe('a neuron group in a report', () => {
  it('serializes as its key and size, not its cases', () => {
    const [g] = byNeuron(stepEventCases(eventStates(SETTINGS, 's')[1]!, 1));
    expect(JSON.parse(JSON.stringify({ g }))).toEqual({ g: expect.objectContaining({ neuron: 0, sigma: 1, cases: 24 }) });
  });
});
