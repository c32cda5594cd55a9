import type { ClaimRecord } from '../src/verdict/types.js';

/** One scale of the experiment: data, the small CNN, its training, seeds, noise levels and pruning fractions. */
export interface Figure1Scale {
  /** training / test images (first records of the folder); 0 = every record of the folder */
  nTrain: number;
  nTest: number;
  /** image side fed to the CNN: 32, or 16 (2x2 average pooling) */
  side: 16 | 32;
  c1: number;
  c2: number;
  lr: number;
  batch: number;
  epochs: number;
  seeds: number;
  /** Algorithm 1's flip probabilities */
  taus: number[];
  /** fractions of the weights kept by global magnitude pruning */
  keep: number[];
  /** test accuracy of a run: the mean over its last `lastEpochs` epochs (the paper smooths its curves with an EMA) */
  lastEpochs: number;
}

export interface Figure1Domain extends Figure1Scale {
  /** used instead when AUDIT_CIFAR_DIR names a full CIFAR-10 folder (all its records), e.g. on a GPU backend */
  fullScale?: Figure1Scale;
}

const TAUS = [0.05, 0.1, 0.2];
const KEEP = [1, 0.5, 0.3, 0.2, 0.1, 0.05];

export const record: ClaimRecord<Figure1Domain> = {
  id: 'figure-1.label-noise-generalization',
  title: 'Figure 1 (scaled): label-noise SGD (Algorithm 1) reaches a higher test accuracy than SGD, and keeps it higher after magnitude pruning',
  quote: String.raw`\textbf{Figure 1}: (Left). Label noise SGD (Algorithm 1) leads to better generalization. Test loss $\mathcal{L}_{\mathcal{D}_{\text{test}}}(\theta(t))$ and accuracy $\text{Acc}(\theta(t))$ vs. training epochs $t$. (Right). Label noise SGD leads to sparser solutions. Testing accuracy of pruned model $\text{Acc}(\theta(T; \alpha))$ vs. the percentage of remaining parameters $\alpha$. \ldots We use both vanilla SGD and label noise SGD to train the models, with no weight decay or momentum. The learning rate is set to 0.1, and the total number of epochs is 160. \ldots Results are presented for ResNet-18 (He et al. 2016) trained on CIFAR-10 \ldots across different label noise probabilities, ($\tau \in \{0.05, 0.1, 0.2\}$). As shown in figure (a) and figure (b), label noise SGD consistently outperforms vanilla SGD in both test loss and accuracy across different values of the label flipping probability $\tau$, providing an around 1.5\% improvement in test accuracy. As shown in figure (c), models trained with label noise SGD maintain higher performance at the same sparsity level.`,
  sources: { aaai: ['Figure 1 (caption)', 'Introduction', 'Algorithm 1'] },
  kind: 'empirical',
  hypotheses: ['ResNet-18 on all of CIFAR-10, 160 epochs, lr 0.1 (scaled: a small CNN on the shipped images)', 'Algorithm 1 label noise, tau in {0.05, 0.1, 0.2}', 'the pruning algorithm of the long version\'s appendix (not in the texts available: global magnitude pruning without fine-tuning is used)'],
  uses: [],
  checks:
    'SCALED. A small CNN (conv3x3(c1)-relu-maxpool-conv3x3(c2)-relu-maxpool-dense 10, He init) in TensorFlow.js trained with cross-entropy by plain minibatch SGD (no momentum, no weight decay) on the first nTrain shipped training images (each split standardized), evaluated on the first nTest shipped test images; per seed, SGD and label-noise SGD for each tau (Algorithm 1: each label of the batch flipped to one of the 9 other classes with probability tau, redrawn every step) start from the same initialization and see the same batch order (paired). ' +
    'A run\'s test accuracy is the mean over its last lastEpochs epochs; after training, global magnitude pruning (the smallest |w| over all conv and dense weights set to 0, biases kept, no fine-tuning) keeps each fraction in `keep`, and the pruned test accuracy is averaged over the fractions below 1. ' +
    'Per tau, three paired comparisons over the seeds, each by a two-sided Student t interval at the per-test alpha on the mean difference (oriented so that positive favours label noise): test accuracy, test cross-entropy (SGD minus label noise; both mean over the last lastEpochs epochs), and pruned accuracy. Met: the interval lies above 0 (and every seed gains); contradicted: it lies below 0; consistent: every seed gains but the interval holds 0; undecided otherwise. Verdict: fails when one is contradicted, holds when all nine are met or consistent, inconclusive otherwise. ' +
    'With AUDIT_CIFAR_DIR naming a full CIFAR-10 folder the paper tier uses `fullScale` (every record of the folder; meant for AUDIT_BACKEND=node-gpu). Tests: 3 per tau (3 values): 9.',
  domain: {
    quick: { nTrain: 256, nTest: 256, side: 16, c1: 8, c2: 16, lr: 0.05, batch: 32, epochs: 10, seeds: 5, taus: TAUS, keep: KEEP, lastEpochs: 3 },
    paper: {
      nTrain: 256,
      nTest: 256,
      side: 32,
      c1: 8,
      c2: 16,
      lr: 0.05,
      batch: 32,
      epochs: 20,
      seeds: 6,
      taus: TAUS,
      keep: KEEP,
      lastEpochs: 3,
      fullScale: { nTrain: 0, nTest: 0, side: 32, c1: 32, c2: 64, lr: 0.1, batch: 128, epochs: 160, seeds: 5, taus: TAUS, keep: [1, 0.5, 0.3, 0.2, 0.1, 0.05, 0.02], lastEpochs: 5 },
    },
  },
  thresholds: {
    improvement: { value: 0, why: 'the paper claims label-noise SGD outperforms SGD (about +1.5% at full scale): the mean paired difference in test accuracy must be above 0, shown by the lower end of the t interval at the per-test alpha' },
    lossImprovement: { value: 0, why: '"outperforms vanilla SGD in both test loss and accuracy": the mean paired difference of the test cross-entropy (SGD minus label noise) must be above 0' },
    prunedImprovement: { value: 0, why: '"maintain higher performance at the same sparsity level": the mean paired difference of the pruned accuracy (averaged over the kept fractions below 1) must be above 0' },
    lastEpochs: { value: 3, why: 'a run\'s accuracy is the mean over its last 3 epochs (quick and paper tiers; 5 at full scale), in place of the paper\'s exponential moving average' },
  },
  tests: 9,
  expected: {
    verdict: 'inconclusive',
    reason: 'Reviewed: at the quick tier\'s scale (256 images at 16x16, a small CNN, 5 seeds) label noise lowers the test accuracy a little (25.8% for SGD; 25.1, 24.2, 22.5% for tau = 0.05, 0.1, 0.2; at tau = 0.2 on every seed) and the cross-entropy a little, and changes the pruned accuracy by about a point either way; a t interval at the per-test alpha over 5 seeds excludes neither sign for any of the nine comparisons.',
  },
};

export default record;
