import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InputError } from '../errors.js';

/**
 * CIFAR-10's official binary format (`cifar-10-batches-bin`): a file is a sequence of 3073-byte
 * records, each one label byte (0-9) followed by 3072 pixel bytes: the 1024 red values, then the
 * 1024 green, then the 1024 blue, each channel a row-major 32 x 32 image.
 *
 * The reader takes any record count (the official files hold 10,000; the subset the project ships
 * holds fewer) and rejects, with one line naming the file: a missing or unreadable file, an empty
 * file, a size that is not a whole number of records (a truncated file or not this format), a label
 * byte above 9 (with the record it is in), and a request for more records than the file holds.
 */
export const CIFAR_RECORD_BYTES = 3073;
export const CIFAR_PIXELS = 3072;
export const CIFAR_SIDE = 32;
export const CIFAR_CLASSES = 10;
export const CIFAR_CLASS_NAMES = ['airplane', 'automobile', 'bird', 'cat', 'deer', 'dog', 'frog', 'horse', 'ship', 'truck'] as const;
export const CIFAR_TRAIN_FILES = ['data_batch_1.bin', 'data_batch_2.bin', 'data_batch_3.bin', 'data_batch_4.bin', 'data_batch_5.bin'] as const;
export const CIFAR_TEST_FILE = 'test_batch.bin';

/** Records of one file (or several concatenated): pixels in the file's CHW byte order. */
export interface CifarRecords {
  /** count x 3072 bytes, record r at [r * 3072, (r + 1) * 3072): R plane, G plane, B plane */
  readonly pixels: Uint8Array;
  readonly labels: Uint8Array;
  readonly count: number;
  /** where the records came from (file names with record ranges) */
  readonly source: string;
}

/** The error every malformed CIFAR-10 input raises: an InputError whose input is the file. */
export class CifarFormatError extends InputError {
  constructor(
    readonly file: string,
    problem: string,
  ) {
    super(`CIFAR-10 file ${file}`, problem);
    this.name = 'CifarFormatError';
  }
}

/**
 * Parses the bytes of a CIFAR-10 binary file. `file` names it in errors. Every record's label is
 * checked (not only the ones returned); `limit` returns the first `limit` records.
 */
export function parseCifarBinary(bytes: Uint8Array, file: string, limit?: number): CifarRecords {
  if (bytes.length === 0) throw new CifarFormatError(file, 'the file is empty (expected 3073-byte records)');
  if (bytes.length % CIFAR_RECORD_BYTES !== 0) {
    const whole = Math.floor(bytes.length / CIFAR_RECORD_BYTES);
    const rest = bytes.length - whole * CIFAR_RECORD_BYTES;
    throw new CifarFormatError(
      file,
      `size ${bytes.length} bytes is not a multiple of 3073 (${whole} whole records and ${rest} bytes of a truncated record): a truncated file, or not the CIFAR-10 binary format`,
    );
  }
  const total = bytes.length / CIFAR_RECORD_BYTES;
  for (let r = 0; r < total; r++) {
    const label = bytes[r * CIFAR_RECORD_BYTES] as number;
    if (label > 9) throw new CifarFormatError(file, `record ${r} (byte offset ${r * CIFAR_RECORD_BYTES}) has label byte ${label}, expected 0-9`);
  }
  const count = limit === undefined ? total : limit;
  if (!Number.isInteger(count) || count < 1) throw new CifarFormatError(file, `asked for ${count} records, expected a positive integer`);
  if (count > total) throw new CifarFormatError(file, `holds ${total} records, fewer than the ${count} asked for (truncated?)`);
  const pixels = new Uint8Array(count * CIFAR_PIXELS);
  const labels = new Uint8Array(count);
  for (let r = 0; r < count; r++) {
    const o = r * CIFAR_RECORD_BYTES;
    labels[r] = bytes[o] as number;
    pixels.set(bytes.subarray(o + 1, o + CIFAR_RECORD_BYTES), r * CIFAR_PIXELS);
  }
  return { pixels, labels, count, source: `${file}[0:${count}]` };
}

/** Reads a whole file, or throws a one-line CifarFormatError naming it (missing, a directory, unreadable, short read). */
export function readFileBytes(path: string): Uint8Array {
  let fd: number | undefined;
  try {
    const st = statSync(path);
    if (!st.isFile()) throw new CifarFormatError(path, 'is not a regular file');
    const bytes = new Uint8Array(st.size);
    fd = openSync(path, 'r');
    let off = 0;
    while (off < st.size) {
      const got = readSync(fd, bytes, off, st.size - off, off);
      if (got === 0) throw new CifarFormatError(path, `read ended after ${off} of ${st.size} bytes (the file shrank or is truncated)`);
      off += got;
    }
    return bytes;
  } catch (e) {
    if (e instanceof CifarFormatError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'does not exist' : code === 'EACCES' || code === 'EPERM' ? 'is not readable (permission denied)' : `cannot be read (${code ?? (e as Error).message})`;
    throw new CifarFormatError(path, why);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

export function readCifarFile(path: string, limit?: number): CifarRecords {
  return parseCifarBinary(readFileBytes(path), path, limit);
}

/** Concatenates record sets (e.g. the five training batches). */
export function concatRecords(parts: readonly CifarRecords[]): CifarRecords {
  const count = parts.reduce((s, p) => s + p.count, 0);
  const pixels = new Uint8Array(count * CIFAR_PIXELS);
  const labels = new Uint8Array(count);
  let r = 0;
  for (const p of parts) {
    pixels.set(p.pixels, r * CIFAR_PIXELS);
    labels.set(p.labels, r);
    r += p.count;
  }
  return { pixels, labels, count, source: parts.map((p) => p.source).join(' + ') };
}

/** A CIFAR-10 folder: the training batches present (in order) and the test batch. */
export interface CifarFolder {
  readonly dir: string;
  readonly train: CifarRecords;
  readonly test: CifarRecords;
  /** records per training file, in order */
  readonly trainCounts: readonly number[];
}

/**
 * Reads a CIFAR-10 folder: `test_batch.bin` and `data_batch_1.bin`, plus `data_batch_2..5.bin`
 * where present (a full CIFAR-10 folder has all five; the shipped mini folder has only the first).
 * With `requireAll`, a missing training batch is an error. Limits cut the concatenated sets.
 */
export function readCifarFolder(dir: string, opts: { trainLimit?: number; testLimit?: number; requireAll?: boolean } = {}): CifarFolder {
  const abs = resolve(dir);
  let st;
  try {
    st = statSync(abs);
  } catch {
    throw new CifarFormatError(abs, 'does not exist (expected a folder holding data_batch_1.bin ... data_batch_5.bin and test_batch.bin)');
  }
  if (!st.isDirectory()) throw new CifarFormatError(abs, 'is not a folder (expected a folder holding data_batch_1.bin ... data_batch_5.bin and test_batch.bin)');
  const parts: CifarRecords[] = [];
  for (const [i, name] of CIFAR_TRAIN_FILES.entries()) {
    const p = join(abs, name);
    let exists = true;
    try {
      statSync(p);
    } catch {
      exists = false;
    }
    if (!exists) {
      if (i === 0 || opts.requireAll) throw new CifarFormatError(p, 'does not exist');
      continue;
    }
    parts.push(readCifarFile(p));
  }
  const train = concatRecords(parts);
  const test = readCifarFile(join(abs, CIFAR_TEST_FILE));
  const cut = (r: CifarRecords, limit: number | undefined, what: string): CifarRecords => {
    if (limit === undefined) return r;
    if (!Number.isInteger(limit) || limit < 1) throw new CifarFormatError(abs, `asked for ${limit} ${what} records, expected a positive integer`);
    if (limit > r.count) throw new CifarFormatError(abs, `holds ${r.count} ${what} records, fewer than the ${limit} asked for`);
    return {
      pixels: r.pixels.subarray(0, limit * CIFAR_PIXELS),
      labels: r.labels.subarray(0, limit),
      count: limit,
      source: `${r.source} (first ${limit})`,
    };
  };
  return { dir: abs, train: cut(train, opts.trainLimit, 'training'), test: cut(test, opts.testLimit, 'test'), trainCounts: parts.map((p) => p.count) };
}

/** The folder the project ships: data/cifar10-mini (prefixes of the official data_batch_1.bin and test_batch.bin). */
export function shippedCifarDir(): string {
  return resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'data', 'cifar10-mini');
}

export const ENV_CIFAR_DIR = 'AUDIT_CIFAR_DIR';

/**
 * The CIFAR-10 folder to use: AUDIT_CIFAR_DIR when set (validated now: every file it holds must
 * read as CIFAR-10, else a one-line error naming the file), otherwise the shipped mini folder.
 */
export function cifarDirFromEnv(env: NodeJS.ProcessEnv = process.env): { dir: string; user: boolean } {
  const v = env[ENV_CIFAR_DIR];
  if (v === undefined || v.trim() === '') return { dir: shippedCifarDir(), user: false };
  validateCifarDir(v);
  return { dir: resolve(v), user: true };
}

/** Checks a user's full CIFAR-10 folder: all six files present, readable and well formed. Returns their record counts. */
export function validateCifarDir(dir: string): { train: number[]; test: number } {
  const f = readCifarFolder(dir, { requireAll: true });
  return { train: [...f.trainCounts], test: f.test.count };
}
