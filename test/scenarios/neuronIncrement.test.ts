import { describe, expect, it } from 'vitest';
import { stream } from '../../src/engine/rng.js';
import { lazyIncrements, replacementTerm } from '../../src/scenarios/neuronIncrement.js';

const c = (m: number) => ({ m, d: 5, n: 12, eta: 1 / m, sigma: 2, thetaStarNorm: m ** -0.25 });

describe('one step of a_i from a state of the premise of Lemma C.2 (neuronIncrement)', () => {
  it('tracks K neurons over every input (the n training inputs and one along each tracked w_i) and both noise signs', () => {
    const st = lazyIncrements(c(40), 4, 's');
    expect(st.neurons).toHaveLength(4);
    for (const n of st.neurons) {
      expect(n.cases).toHaveLength(2 * (12 + 4));
      expect(Math.abs(n.a)).toBeLessThanOrEqual(40 ** -0.25);
      // outward neurons sit at ||w_i(0)|| + 1/sqrt(m) (1e-9 inside), random ones inside it
      if (n.move === 'outward') expect(n.wNorm).toBeCloseTo(n.w0Norm + 1 / Math.sqrt(40), 8);
      expect(n.wNorm).toBeLessThanOrEqual(n.w0Norm + 1 / Math.sqrt(40));
      // the engine's increment is -eta r x^T w_i(t) (Eq. (16))
      for (const q of n.cases) expect(q.da).toBeCloseTo(-st.eta * q.r * q.xw, 14);
    }
    // the input along w_k(t) has norm C_data and makes Cauchy-Schwarz tight
    const last = st.neurons[3]!.cases.find((q) => q.xi === 12 + 3)!;
    expect(last.xNorm).toBeCloseTo(st.cData, 12);
    expect(Math.abs(last.xw)).toBeCloseTo(last.xNorm * st.neurons[3]!.wNorm, 12);
    st.thetaProduct.forEach((v, k) => expect(v).toBeCloseTo(st.thetaSum[k] as number, 13));
    expect(lazyIncrements(c(40), 4, 's')).toEqual(st);
  });

  it("the replaced terms of the display before (27): ~m^(1/4) at the premise's worst case, small at a random lazy state", () => {
    const aligned = [100, 10_000].map((m) => replacementTerm(c(m), 'aligned', `a${m}`, stream('a', m)));
    expect(aligned[1]! / aligned[0]!).toBeGreaterThan(2); // (1e4/1e2)^(1/4) = 3.2
    const random = [100, 10_000].map((m) => replacementTerm(c(m), 'random', `r${m}`, stream('r', m)));
    expect(random[1]! / random[0]!).toBeLessThan(0.5); // ~ m^(-1/2): 0.1
  });
});
