/**
 * Every numbered statement of both versions of the paper (the AAAI main text and the long version
 * with Appendices B-E), as printed. The coverage table maps each to the claims whose `sources` name it.
 * Figures are listed under the numbering of each version (AAAI Figure 2 = long Figure 1, AAAI Figure 3 = long Figure 2).
 */
export interface Statement {
  version: 'aaai' | 'long';
  label: string;
  kind: 'condition' | 'definition' | 'theorem' | 'lemma' | 'corollary' | 'algorithm' | 'figure';
  what: string;
}

export const STATEMENTS: readonly Statement[] = [
  { version: 'aaai', label: 'Algorithm 1', kind: 'algorithm', what: 'label noise SGD (label flipping with probability tau)' },
  { version: 'aaai', label: 'Condition 1', kind: 'condition', what: 'A1-A6 and the constant C of footnote 3' },
  { version: 'aaai', label: 'Definition 1', kind: 'definition', what: 'the lazy regime: ||w_i(t) - w_i(0)|| <= 1/sqrt(m)' },
  { version: 'aaai', label: 'Theorem 2', kind: 'theorem', what: 'all neurons escape the lazy regime by T1' },
  { version: 'aaai', label: 'Lemma 3', kind: 'lemma', what: 'progressive diminishing at each step (Delta W_i(j))' },
  { version: 'aaai', label: 'Lemma 4', kind: 'lemma', what: 'progressive diminishing under the oscillation process' },
  { version: 'aaai', label: 'Lemma 5', kind: 'lemma', what: 'alignment within T2 of the start of Phase II' },
  { version: 'aaai', label: 'Lemma 6', kind: 'lemma', what: 'convergence by t3' },
  { version: 'aaai', label: 'Figure 1', kind: 'figure', what: 'label noise SGD generalizes better and prunes better (ResNet-18, CIFAR-10)' },
  { version: 'aaai', label: 'Figure 2', kind: 'figure', what: 'two-phase dynamics of label noise SGD (synthetic)' },
  { version: 'aaai', label: 'Figure 3', kind: 'figure', what: 'label noise SGD induces the rich regime (CIFAR-10 subset, NTK)' },
  { version: 'aaai', label: 'Figure 4', kind: 'figure', what: 'two-phase dynamics of SAM (synthetic)' },
  { version: 'aaai', label: 'Figure 5', kind: 'figure', what: 'SAM induces the rich regime (CIFAR-10 subset, NTK)' },
  { version: 'long', label: 'Condition 3.1', kind: 'condition', what: 'A1-A6 (A1 with the factor C and (ln 1/n)^6)' },
  { version: 'long', label: 'Definition 3.1', kind: 'definition', what: 'the lazy regime' },
  { version: 'long', label: 'Theorem 3.2', kind: 'theorem', what: 'escaping the lazy regime by T1' },
  { version: 'long', label: 'Lemma 3.3', kind: 'lemma', what: 'progressive diminishing under the oscillation process' },
  { version: 'long', label: 'Lemma 3.4', kind: 'lemma', what: 'alignment' },
  { version: 'long', label: 'Lemma 3.5', kind: 'lemma', what: 'convergence' },
  { version: 'long', label: 'Definition B.1', kind: 'definition', what: 'sub-exponential random variables SE(nu, b)' },
  { version: 'long', label: 'Lemma B.2', kind: 'lemma', what: 'chi-square is SE(2 sqrt n, 4)' },
  { version: 'long', label: 'Corollary B.3', kind: 'corollary', what: 'sum of products of Gaussians is SE(2 sqrt n, 4)' },
  { version: 'long', label: 'Lemma B.4', kind: 'lemma', what: 'sub-exponential tail bound' },
  { version: 'long', label: 'Lemma B.5', kind: 'lemma', what: 'concentration of the norm' },
  { version: 'long', label: 'Lemma B.6', kind: 'lemma', what: "Chernoff's inequality" },
  { version: 'long', label: 'Lemma C.1', kind: 'lemma', what: 'the event B0 on initial norms' },
  { version: 'long', label: 'Lemma C.2', kind: 'lemma', what: 'gradient bound and |a_i(t)| <= m^(-1/4) while lazy' },
  { version: 'long', label: 'Lemma C.3', kind: 'lemma', what: 'progressive diminishing at each step' },
  { version: 'long', label: 'Theorem C.4', kind: 'theorem', what: 'escaping the lazy regime' },
  { version: 'long', label: 'Lemma D.1', kind: 'lemma', what: 'alignment' },
  { version: 'long', label: 'Lemma D.2', kind: 'lemma', what: 'convergence' },
  { version: 'long', label: 'Figure 1', kind: 'figure', what: 'two-phase dynamics of label noise SGD (synthetic)' },
  { version: 'long', label: 'Figure 2', kind: 'figure', what: 'label noise SGD induces the rich regime (CIFAR-10 subset)' },
];
