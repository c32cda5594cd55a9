import { InputError } from '../errors.js';
import { backendFromEnv } from './backend.js';
import { FcNet, type FcConfig, type FcParams, type FcSnapshot, type Update } from './fc.js';
import { GramFcNet, gramSetup, type GramSetup } from './gram.js';
import { gemm64Available } from '../engine/kernels/gemm64.js';

/**
 * Which code trains the FC network of Figures 3 and 5, chosen by one option (RealWorldConfig.engine,
 * or the environment variable AUDIT_CIFAR_ENGINE, parsed here):
 * - `gram` (the default for the checks): the exact row-space reformulation in float64 (gram.ts),
 *   O(n^2 m) a step, on one core, its products, erf and the head's backward pass on WebAssembly SIMD kernels
 *   (gemm64.ts, erfKernel.ts, backwardKernel.ts) where there is SIMD;
 * - `tfjs`: the TensorFlow.js network (fc.ts) in float32 on the AUDIT_BACKEND backend: the reference
 *   the Gram path is checked against, and the way to a GPU. It is the default when AUDIT_BACKEND
 *   names a GPU backend (node-gpu, webgpu).
 */
export const FC_ENGINES = ['gram', 'tfjs'] as const;
export type FcEngine = (typeof FC_ENGINES)[number];
export const ENV_ENGINE = 'AUDIT_CIFAR_ENGINE';

export function parseFcEngine(v: string, input = ENV_ENGINE): FcEngine {
  const s = v.trim().toLowerCase();
  if (!(FC_ENGINES as readonly string[]).includes(s)) throw new InputError(input, `unknown engine ${JSON.stringify(v)}: expected one of ${FC_ENGINES.join(', ')}`);
  return s as FcEngine;
}

export function fcEngineFromEnv(env: NodeJS.ProcessEnv = process.env): FcEngine {
  const v = env[ENV_ENGINE];
  if (v !== undefined && v.trim() !== '') return parseFcEngine(v);
  const backend = backendFromEnv(env);
  return backend === 'node-gpu' || backend === 'webgpu' ? 'tfjs' : 'gram';
}

/** One line for the evidence: which engine, in which precision. */
export function describeFcEngine(e: FcEngine, tfBackend = '?'): string {
  return e === 'gram' ? `gram (exact row-space reformulation, float64; ${gemm64Available() ? 'products, erf and the backward pass on WebAssembly SIMD kernels' : 'plain JavaScript'})` : `tfjs (TensorFlow.js ${tfBackend} backend, float32)`;
}

/** What realworld.ts needs of a trained network, whichever engine. */
export interface FcRunner {
  step(eta: number, T: Float32Array | null, update?: Update): void;
  outputs(): Promise<{ train: ArrayLike<number>; test: ArrayLike<number> }> | { train: ArrayLike<number>; test: ArrayLike<number> };
  snapshot(step: number): Promise<FcSnapshot> | FcSnapshot;
  /** ||w_j|| per hidden unit (columns of the raw W1) */
  neuronNorms(): Promise<ArrayLike<number>> | ArrayLike<number>;
  dispose(): void;
}

type Split = { X: Float32Array; Y: Float32Array; labels: Uint8Array; n: number };

/**
 * Networks from one initialization on one engine: the Gram setup (K, X W1(0), ...) is formed once,
 * on the first network asked for, and shared by the runs from the same parameters.
 */
export class FcRunnerFactory {
  private setup: GramSetup | undefined;
  constructor(
    readonly engine: FcEngine,
    private readonly cfg: FcConfig,
    private readonly params: FcParams,
    private readonly train: Split,
    private readonly test: Split,
  ) {}

  make(): FcRunner {
    if (this.engine === 'tfjs') return new FcNet(this.cfg, this.params, this.train, this.test);
    this.setup ??= gramSetup(this.cfg, this.params, this.train.X, this.train.n, this.test.X, this.test.n);
    return new GramFcNet(this.cfg, this.params, this.train, this.test, this.setup);
  }
}
