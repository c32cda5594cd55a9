import { describe, expect, it } from 'vitest';
import { alignedCoordinates, runAlignedDescent, thetaStepRemainder } from '../../src/scenarios/alignedDescent.js';
import { Phase2GD } from '../../src/scenarios/phase2Descent.js';
import { sweepConfig } from '../../src/scenarios/phase2Sweep.js';
import { gdStepRemainders, linearMapPower, runLinearization, startRemainders } from '../../src/scenarios/phase2Linearization.js';

const cfg = (eta: number, s: number) => sweepConfig({ d: 6, widthFactor: 1 }, eta, s);
const eye = (d: number) => Float64Array.from({ length: d * d }, (_, k) => (k % (d + 1) === 0 ? 1 : 0));

describe('the linearization of Phase II GD (Eqs. (53)-(54), (61))', () => {
  it('has no Sigma_hat remainder when Sigma_hat = I, and the dropped-theta remainder is eta |a_i| ||theta||', () => {
    const W = [Float64Array.from([0.1, -0.2, 0.05]), Float64Array.from([0.03, 0.04, -0.1])];
    const a = Float64Array.from([0.2, -0.1]);
    const ts = Float64Array.from([0.5, 0.1, -0.3]);
    const theta = [0, 1, 2].map((k) => 0.2 * (W[0] as Float64Array)[k]! - 0.1 * (W[1] as Float64Array)[k]!);
    const r = gdStepRemainders(new Phase2GD(W.map((w) => Float64Array.from(w)), Float64Array.from(a), eye(3), ts, 0.01));
    expect(r.sigmaHatW).toBeLessThan(1e-16);
    expect(r.sigmaHatA).toBeLessThan(1e-16);
    expect(r.dropW).toBeCloseTo(0.01 * 0.2 * Math.hypot(...theta), 15);
  });

  it('raises I + eta M to the power T exactly (against T explicit products)', () => {
    const ts = [0.3, -0.4, 1.2];
    const z = [0.1, 0.2, -0.3, 0.05];
    const eta = 0.05;
    let cur = z.slice();
    for (let t = 0; t < 7; t++) {
      const w = cur.slice(0, 3);
      const a = cur[3] as number;
      cur = [...w.map((v, k) => v + eta * a * (ts[k] as number)), a + eta * w.reduce((acc, v, k) => acc + v * (ts[k] as number), 0)];
    }
    const out = linearMapPower(ts, eta, 7, z.slice(0, 3), z[3] as number);
    [...out.w, out.a].forEach((v, k) => expect(v).toBeCloseTo(cur[k] as number, 14));
  });

  it("starts the 'extreme' case at the premise's edge: ||theta|| = m eta, and the dropped-theta remainder is eta sqrt(eta) m eta", () => {
    const eta = 1e-2;
    const r = runLinearization({ config: { ...cfg(eta, 1), m: 50, n: 1e12 }, start: 'extreme', seed: 'x', steps: 1 });
    expect(r.end.a0.every((v) => v === Math.sqrt(eta))).toBe(true);
    expect(r.worst.dropW / (eta * Math.sqrt(eta) * 50 * eta)).toBeCloseTo(1, 4);
  });

  it('is deterministic, and (61) at an aligned start falls like 1/sqrt(n)', () => {
    const a = runLinearization({ config: cfg(1e-2, 1), start: 'phase2', seed: 's', steps: 5 });
    const b = runLinearization({ config: cfg(1e-2, 1), start: 'phase2', seed: 's', steps: 5 });
    expect(a.worst).toEqual(b.worst);
    expect(a.mapDeviation).toBe(b.mapDeviation);
    const small = startRemainders({ ...cfg(1e-3, 1), n: 100 }, 'aligned', 'n').aligned61;
    const big = startRemainders({ ...cfg(1e-3, 1), n: 1e6 }, 'aligned', 'n').aligned61;
    expect(small / big).toBeGreaterThan(30);
    expect(small / big).toBeLessThan(300);
  });
});

describe('the aligned descent of Lemma D.2 (Sigma_hat = I)', () => {
  it('keeps every neuron aligned with theta* and converges', () => {
    const r = runAlignedDescent(cfg(1e-2, 1), 'al', 600);
    const ts = r.thetaStar;
    const last = r.states[r.states.length - 1]!;
    for (const w of last.W) {
      const cos = Math.abs(w.reduce((acc, v, k) => acc + v * ts[k]!, 0)) / (Math.hypot(...w) * Math.hypot(...ts));
      expect(1 - cos).toBeLessThan(1e-12);
    }
    expect(r.endDistance).toBeLessThan(r.startDistance / 10);
    expect(r.states.map((s) => s.t)).toEqual([0, 300, 600]);
  });

  it('leaves exactly eta^2 |<theta, g>| ||g|| beside the first-order theta step', () => {
    const r = runAlignedDescent(cfg(1e-2, 1), 'al', 300);
    const st = r.states[1]!;
    const theta = r.thetaStar.map((_, k) => st.W.reduce((acc, w, i) => acc + st.a[i]! * w[k]!, 0));
    const g = theta.map((v, k) => v - r.thetaStar[k]!);
    const want = 0.01 ** 2 * Math.abs(theta.reduce((acc, v, k) => acc + v * g[k]!, 0)) * Math.hypot(...g);
    expect(thetaStepRemainder(st.W, st.a, r.thetaStar, 0.01)).toBeCloseTo(want, 13);
  });

  it('reads gamma_i, s and alpha of an aligned state, with theta = s theta* (Eq. (62))', () => {
    const r = runAlignedDescent(cfg(1e-2, 0.5), 'co', 200);
    const st = r.states[1]!;
    const c = alignedCoordinates(st.W, st.a, r.thetaStar);
    c.theta.forEach((v, k) => expect(v).toBeCloseTo(c.s * r.thetaStar[k]!, 14));
    expect(c.ss).toBeCloseTo(0.25, 14);
    expect(c.alpha).toBeCloseTo(st.a.reduce((acc, v) => acc + v * v, 0), 15);
    st.W.forEach((w, i) => expect(Math.abs(c.gamma[i]!) * 0.5).toBeCloseTo(Math.hypot(...w), 14));
  });
});
