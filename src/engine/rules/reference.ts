import { Matrix } from 'ml-matrix';
import type { Dataset } from '../data.js';
import { rows, vec } from '../matrix.js';
import type { State } from '../network.js';
import type { Draw, Rule } from './types.js';

/**
 * Plain ml-matrix versions of every update rule: allocating, written as the paper writes them
 * (long version Eqs. (15)-(16) for SGD, (49)-(50) for GD, Eqs. (6)-(7) for the oscillation process).
 * They are slow on purpose and exist to be compared with the fast Stepper (to 1e-12).
 */

function batchRows(data: Dataset, idx: Int32Array): Matrix {
  const X = rows(data.X);
  return new Matrix(Array.from(idx, (j) => Array.from(X[j] as Float64Array)));
}

/** g = (1/B) (X_b theta - y_b - eps)^T X_b as a 1 x d matrix. */
function outputGradient(th: Matrix, data: Dataset, idx: Int32Array, eps: Float64Array): Matrix {
  const Xb = batchRows(data, idx);
  const pred = Xb.mmul(th.transpose()); // B x 1
  const target = Matrix.columnVector(Array.from(idx, (j, b) => (data.y[j] as number) + (eps[b] as number)));
  const r = pred.sub(target); // B x 1
  return r.transpose().mmul(Xb).div(idx.length); // 1 x d
}

/** (dL/dW, dL/da) = (a^T g, (W g^T)^T) for the loss whose theta-gradient is g (Eqs. (13)-(14)). */
function parameterGradient(s: State, g: Matrix): { gW: Matrix; ga: Matrix } {
  return { gW: s.a.transpose().mmul(g), ga: s.W.mmul(g.transpose()).transpose() };
}

export function referenceStep(s: State, data: Dataset, rule: Rule, draw: Draw): State {
  const th = s.a.mmul(s.W); // theta = a^T W, 1 x d
  switch (rule.kind) {
    case 'sgd': {
      const g = outputGradient(th, data, draw.idx, draw.eps);
      const { gW, ga } = parameterGradient(s, g);
      return { W: Matrix.sub(s.W, gW.mul(rule.eta)), a: Matrix.sub(s.a, ga.mul(rule.eta)) };
    }
    case 'sam': {
      const g = outputGradient(th, data, draw.idx, draw.eps);
      const { gW, ga } = parameterGradient(s, g);
      const gradNorm = Math.sqrt(gW.norm() ** 2 + ga.norm() ** 2);
      const sc = gradNorm > 0 ? rule.rho / gradNorm : 0;
      const P: State = { W: Matrix.add(s.W, gW.mul(sc)), a: Matrix.add(s.a, ga.mul(sc)) };
      const gP = outputGradient(P.a.mmul(P.W), data, draw.idx, draw.eps);
      const grad = parameterGradient(P, gP);
      return { W: Matrix.sub(s.W, grad.gW.mul(rule.eta)), a: Matrix.sub(s.a, grad.ga.mul(rule.eta)) };
    }
    case 'oscillation': {
      const n = data.y.length;
      const g = outputGradient(th, data, Int32Array.from({ length: n }, (_, j) => j), new Float64Array(n));
      const W = Matrix.sub(s.W, s.a.transpose().mmul(g).mul(rule.eta));
      const q = Math.pow(rule.eta, 0.25);
      const flips = draw.flips as Int8Array;
      const a = s.a.clone();
      const av = vec(a);
      for (let i = 0; i < av.length; i++) {
        const ai = av[i] as number;
        if (ai !== q && ai !== -q && ai !== 0) throw new Error(`a_${i} = ${ai} is not a state of the chain {-q, 0, q}`);
        av[i] = ai === 0 ? (flips[i] as number) * q : 0; // delta_i(t) of Eq. (7)
      }
      return { W, a };
    }
  }
}
