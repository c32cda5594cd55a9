import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { InputError } from '../errors.js';

/**
 * Which TensorFlow.js backend runs the CIFAR-10 checks, chosen by one option: the environment
 * variable AUDIT_BACKEND, parsed here (the same parser everywhere).
 *
 * | value | backend | where it comes from |
 * | --- | --- | --- |
 * | wasm (default) | tfjs-backend-wasm (XNNPACK, float32, single-threaded in Node) | a dependency of the project |
 * | cpu | tfjs-backend-cpu (plain JavaScript, float32) | bundled with @tensorflow/tfjs |
 * | node | tfjs-node (libtensorflow on the CPU) | install it yourself: npm i @tensorflow/tfjs-node@4.22.0 |
 * | node-gpu | tfjs-node-gpu (libtensorflow with CUDA) | install it yourself: npm i @tensorflow/tfjs-node-gpu@4.22.0 |
 * | webgpu | tfjs-backend-webgpu | install it yourself: npm i @tensorflow/tfjs-backend-webgpu@4.22.0 (needs navigator.gpu) |
 *
 * The optional backends are loaded by dynamic import only when asked for; when the package is
 * missing or the backend cannot start, the error is one line naming the backend. When the default
 * wasm backend cannot start, the cpu backend is used and the fallback is recorded. The same model
 * code runs on every backend (it uses only tf ops, in float32).
 */
export const BACKENDS = ['wasm', 'cpu', 'node', 'node-gpu', 'webgpu'] as const;
export type BackendChoice = (typeof BACKENDS)[number];
export const ENV_BACKEND = 'AUDIT_BACKEND';

export function parseBackend(v: string): BackendChoice {
  const s = v.trim().toLowerCase();
  if (!(BACKENDS as readonly string[]).includes(s)) throw new InputError(ENV_BACKEND, `unknown backend ${JSON.stringify(v)}: expected one of ${BACKENDS.join(', ')}`);
  return s as BackendChoice;
}

export function backendFromEnv(env: NodeJS.ProcessEnv = process.env): BackendChoice {
  const v = env[ENV_BACKEND];
  return v === undefined || v.trim() === '' ? 'wasm' : parseBackend(v);
}

/** What ran: for the claim's evidence and the report's provenance. */
export interface BackendInfo {
  /** the choice asked for */
  requested: BackendChoice;
  /** tf.getBackend() after initialization: wasm, cpu, tensorflow, webgpu */
  active: string;
  /** one line: backend, package versions, threads, SIMD, fallback if any */
  description: string;
  fallback?: string;
}

const OPTIONAL: Record<Exclude<BackendChoice, 'wasm' | 'cpu'>, { pkg: string; tfName: string }> = {
  node: { pkg: '@tensorflow/tfjs-node', tfName: 'tensorflow' },
  'node-gpu': { pkg: '@tensorflow/tfjs-node-gpu', tfName: 'tensorflow' },
  webgpu: { pkg: '@tensorflow/tfjs-backend-webgpu', tfName: 'webgpu' },
};

function firstLine(e: unknown): string {
  return String((e as Error)?.message ?? e).split('\n')[0] ?? '';
}

/** A one-line error naming the backend that could not start. */
export class BackendError extends InputError {
  constructor(backend: string, problem: string) {
    super(`${ENV_BACKEND}=${backend}`, problem);
    this.name = 'BackendError';
  }
}

async function start(choice: BackendChoice): Promise<BackendInfo> {
  const version = tf.version.tfjs;
  if (choice === 'wasm' || choice === 'cpu') {
    let ok = false;
    let why = '';
    // PROD: tfjs's own warnings off (the cpu backend greets Node users with a multi-line hint to install tfjs-node)
    tf.env().set('PROD', true);
    try {
      ok = await tf.setBackend(choice);
    } catch (e) {
      why = firstLine(e);
    }
    if (ok) {
      await tf.ready();
      if (choice === 'wasm') {
        const simd = await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT');
        return { requested: choice, active: 'wasm', description: `tfjs ${version}, backend wasm (@tensorflow/tfjs-backend-wasm ${version}, XNNPACK, ${simd ? 'SIMD' : 'no SIMD'}, single-threaded in Node), float32` };
      }
      return { requested: choice, active: 'cpu', description: `tfjs ${version}, backend cpu (plain JavaScript), float32` };
    }
    if (choice === 'cpu') throw new BackendError('cpu', `the cpu backend did not start${why ? `: ${why}` : ''}`);
    // the default wasm backend could not start: fall back to cpu and say so
    if (!(await tf.setBackend('cpu'))) throw new BackendError('wasm', `neither wasm nor the cpu fallback started${why ? `: ${why}` : ''}`);
    await tf.ready();
    const fallback = `wasm did not start${why ? ` (${why})` : ''}; fell back to cpu`;
    return { requested: choice, active: 'cpu', description: `tfjs ${version}, backend cpu (fallback: ${fallback}), float32`, fallback };
  }
  const { pkg, tfName } = OPTIONAL[choice];
  try {
    const spec: string = pkg; // a variable specifier: the package is optional and not a dependency
    await import(spec);
  } catch (e) {
    throw new BackendError(choice, `cannot load ${pkg} (install it with npm i ${pkg}@${version}): ${firstLine(e)}`);
  }
  let ok = false;
  let why = '';
  try {
    ok = await tf.setBackend(tfName);
    if (ok) await tf.ready();
  } catch (e) {
    why = firstLine(e);
  }
  if (!ok) throw new BackendError(choice, `${pkg} loaded but the ${tfName} backend did not start${why ? `: ${why}` : choice === 'webgpu' ? ' (no navigator.gpu in this runtime?)' : ''}`);
  return { requested: choice, active: tf.getBackend(), description: `tfjs ${version}, backend ${tf.getBackend()} (${pkg}), float32` };
}

let current: { choice: BackendChoice; info: Promise<BackendInfo> } | undefined;

/**
 * Starts the chosen backend once per process (AUDIT_BACKEND unless given) and returns what runs.
 * Asking for another backend later switches to it (the tests compare wasm and cpu this way).
 */
export function initBackend(choice: BackendChoice = backendFromEnv()): Promise<BackendInfo> {
  if (current && current.choice === choice) {
    return current.info.then(async (info) => {
      if (tf.getBackend() !== info.active) await tf.setBackend(info.active);
      return info;
    });
  }
  const info = start(choice);
  current = { choice, info };
  info.catch(() => {
    if (current?.info === info) current = undefined;
  });
  return info;
}

export { tf };
