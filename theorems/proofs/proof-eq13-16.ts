import type { ProofRecord } from '../../src/verdict/types.js';

/** The derivation opening Appendix C.1 (long version): the gradients and the two-layer SGD step. 4 steps. */
const proof: ProofRecord = {
  id: 'proof-eq13-16',
  proves: ['eq-15-16.sgd-step'],
  sources: { long: ['Appendix C.1, Eqs. (13)-(16)'] },
  cites: [],
  steps: [
    {
      id: 'proof-eq13-16.step-1',
      equations: ['(13)'],
      quote: String.raw`\frac{\partial \hat{\ell}_{\xi_t}(\boldsymbol{\theta}(t))}{\partial \boldsymbol{w}_i^{\top}(t)} = a_i(t)(f(\boldsymbol{\theta}(t); \boldsymbol{x}_{\xi_t}) - y_{\xi_t} - \epsilon_t) \cdot \boldsymbol{x}_{\xi_t}^{\top}`,
      kind: 'equality',
      asserts: 'The gradient of the noisy loss (Eq. (4)) with respect to the i-th neuron is a_i r x^T, r = f - y - eps.',
      evaluable: { rule: 'identity' },
      uses: [],
    },
    {
      id: 'proof-eq13-16.step-2',
      equations: ['(14)'],
      quote: String.raw`\frac{\partial \hat{\ell}_{\xi_t}(\boldsymbol{\theta}(t))}{\partial a_i(t)} = (f(\boldsymbol{\theta}(t); \boldsymbol{x}_{\xi_t}) - y_{\xi_t} - \epsilon_t) \cdot \boldsymbol{x}_{\xi_t}^\top \cdot \boldsymbol{w}_i(t)`,
      kind: 'equality',
      asserts: 'The gradient with respect to a_i is r x^T w_i.',
      evaluable: { rule: 'identity' },
      uses: [],
    },
    {
      id: 'proof-eq13-16.step-3',
      equations: ['(15)'],
      quote: String.raw`\boldsymbol{W}(t+1) = \boldsymbol{W}(t) - \eta \cdot \boldsymbol{a}(t) \cdot (f(\boldsymbol{\theta}(t); \boldsymbol{x}_{\xi_t}) - y_{\xi_t} - \epsilon_t) \cdot \boldsymbol{x}_{\xi_t}^{\top}`,
      kind: 'equality',
      asserts: 'One SGD step on W is W - eta r a x^T.',
      evaluable: { rule: 'identity' },
      uses: ['proof-eq13-16.step-1'],
    },
    {
      id: 'proof-eq13-16.step-4',
      equations: ['(16)'],
      quote: String.raw`\boldsymbol{a}(t+1) = \boldsymbol{a}(t) - \eta \cdot \left(f(\boldsymbol{\theta}(t); \boldsymbol{x}_{\xi_t}) - y_{\xi_t} - \epsilon_t\right) \cdot \boldsymbol{W}(t) \cdot \boldsymbol{x}_{\xi_t}`,
      kind: 'equality',
      asserts: 'One SGD step on a is a - eta r W x (with the old W).',
      evaluable: { rule: 'identity' },
      uses: ['proof-eq13-16.step-2'],
    },
  ],
};
export default Object.freeze(proof);
