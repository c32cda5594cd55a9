import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { existsSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { loadCifar, standardizeSplit } from '../../src/cifar/data.js';
import {
  CIFAR_CLASS_NAMES,
  CIFAR_RECORD_BYTES,
  CIFAR_TEST_FILE,
  CIFAR_TRAIN_FILES,
  CifarFormatError,
  cifarDirFromEnv,
  parseCifarBinary,
  readCifarFile,
  readCifarFolder,
  shippedCifarDir,
  validateCifarDir,
} from '../../src/cifar/reader.js';

const tmp = mkdtempSync(join(tmpdir(), 'cifar-reader-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** A well-formed file's bytes: the given labels, pixels from a simple function of (record, byte). */
function makeFile(labels: number[], pixel = (r: number, b: number) => (r * 31 + b * 7) % 256): Uint8Array {
  const bytes = new Uint8Array(labels.length * CIFAR_RECORD_BYTES);
  labels.forEach((l, r) => {
    bytes[r * CIFAR_RECORD_BYTES] = l;
    for (let b = 0; b < 3072; b++) bytes[r * CIFAR_RECORD_BYTES + 1 + b] = pixel(r, b);
  });
  return bytes;
}

function expectOneLineError(f: () => unknown, ...parts: string[]): string {
  let msg = '';
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    msg = (e as Error).message;
  }
  expect(msg, 'an error was expected').not.toBe('');
  expect(msg).not.toContain('\n');
  for (const p of parts) expect(msg).toContain(p);
  return msg;
}

describe('the shipped data/cifar10-mini', () => {
  const dir = shippedCifarDir();
  it('matches its SHA256SUMS', () => {
    const sums = readFileSync(join(dir, 'SHA256SUMS'), 'utf8').trim().split('\n');
    expect(sums.length).toBe(3);
    for (const line of sums) {
      const [hash, name] = line.split(/\s+/) as [string, string];
      expect(createHash('sha256').update(readFileSync(join(dir, name))).digest('hex'), name).toBe(hash);
    }
  });
  it('test batch labels start 3 8 8 0 6 6 1 6 3 1 (the official test set); training batch 6 9 9 4 1 1 2 7 8 3', () => {
    const test = readCifarFile(join(dir, CIFAR_TEST_FILE));
    expect(Array.from(test.labels.subarray(0, 10))).toEqual([3, 8, 8, 0, 6, 6, 1, 6, 3, 1]);
    const train = readCifarFile(join(dir, 'data_batch_1.bin'));
    expect(Array.from(train.labels.subarray(0, 10))).toEqual([6, 9, 9, 4, 1, 1, 2, 7, 8, 3]);
    expect(test.count).toBe(256);
    expect(train.count).toBe(256);
  });
  it('class names in batches.meta.txt', () => {
    expect(readFileSync(join(dir, 'batches.meta.txt'), 'utf8').trim().split('\n')).toEqual([...CIFAR_CLASS_NAMES]);
  });
  it('the folder reads with only data_batch_1 present; the first 64 of each split standardize to mean 0, std 1', () => {
    const f = readCifarFolder(dir, { trainLimit: 64, testLimit: 64 });
    expect(f.trainCounts).toEqual([256]);
    const s = standardizeSplit(f.train);
    let m = 0;
    let v = 0;
    for (const x of s.X) m += x;
    m /= s.X.length;
    for (const x of s.X) v += (x - m) ** 2;
    expect(Math.abs(m)).toBeLessThan(1e-5);
    expect(Math.abs(Math.sqrt(v / s.X.length) - 1)).toBeLessThan(1e-5);
    expect(s.Y.reduce((a, b) => a + b, 0)).toBe(64);
  });
  it('loadCifar without AUDIT_CIFAR_DIR reads the shipped folder', () => {
    const d = loadCifar(64, 64, {});
    expect(d.userDir).toBe(false);
    expect(d.train.n).toBe(64);
    expect(Array.from(d.test.labels.subarray(0, 3))).toEqual([3, 8, 8]);
  });
});

describe('parseCifarBinary on generated files (fast-check)', () => {
  it('round-trips any record count, labels and pixels', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 1, maxLength: 12 }), fc.integer({ min: 0, max: 255 }), (labels, salt) => {
        const bytes = makeFile(labels, (r, b) => (r * 13 + b + salt) % 256);
        const r = parseCifarBinary(bytes, 'gen.bin');
        expect(r.count).toBe(labels.length);
        expect(Array.from(r.labels)).toEqual(labels);
        const rr = labels.length - 1;
        expect(r.pixels[rr * 3072 + 1000]).toBe((rr * 13 + 1000 + salt) % 256);
        const lim = parseCifarBinary(bytes, 'gen.bin', 1);
        expect(lim.count).toBe(1);
      }),
      { seed: 11, numRuns: 40 },
    );
  });

  it('a size that is not a multiple of 3073 (truncated record) is rejected naming the file', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: CIFAR_RECORD_BYTES - 1 }), (records, cut) => {
        const bytes = makeFile(Array.from({ length: records }, (_, i) => i % 10)).subarray(0, records * CIFAR_RECORD_BYTES - cut);
        expectOneLineError(() => parseCifarBinary(bytes, '/x/data_batch_9.bin'), '/x/data_batch_9.bin', 'not a multiple of 3073', 'truncated');
      }),
      { seed: 12, numRuns: 60 },
    );
  });

  it('a label byte above 9 is rejected naming the file, the record and the byte', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 8 }), fc.nat(), fc.integer({ min: 10, max: 255 }), (records, at, bad) => {
        const bytes = makeFile(Array.from({ length: records }, (_, i) => (i * 3) % 10));
        const r = at % records;
        bytes[r * CIFAR_RECORD_BYTES] = bad;
        expectOneLineError(() => parseCifarBinary(bytes, 'bad.bin'), 'bad.bin', `record ${r} `, `label byte ${bad}`);
      }),
      { seed: 13, numRuns: 60 },
    );
  });

  it('an empty file and a request beyond the records are rejected', () => {
    expectOneLineError(() => parseCifarBinary(new Uint8Array(0), 'empty.bin'), 'empty.bin', 'empty');
    expectOneLineError(() => parseCifarBinary(makeFile([1, 2]), 'two.bin', 3), 'two.bin', 'holds 2 records', '3');
  });
});

describe('files and folders on disk', () => {
  it('a missing file and a folder given as a file are named', () => {
    expectOneLineError(() => readCifarFile(join(tmp, 'nope.bin')), 'nope.bin', 'does not exist');
    expectOneLineError(() => readCifarFile(tmp), tmp, 'not a regular file');
  });

  it('a truncated file on disk (fast-check: cut anywhere inside the last record) names the file', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: CIFAR_RECORD_BYTES - 1 }), (records, cut) => {
        const p = join(tmp, 'cut.bin');
        writeFileSync(p, makeFile(Array.from({ length: records }, () => 4)).subarray(0, records * CIFAR_RECORD_BYTES - cut));
        expectOneLineError(() => readCifarFile(p), p, 'not a multiple of 3073');
      }),
      { seed: 14, numRuns: 15 },
    );
  });

  it('a full folder (all six files, any record count) validates; a missing or corrupt file is named; AUDIT_CIFAR_DIR goes through the same check', () => {
    const dir = join(tmp, 'full');
    mkdirSync(dir, { recursive: true });
    CIFAR_TRAIN_FILES.forEach((f, i) => writeFileSync(join(dir, f), makeFile(Array.from({ length: 3 + i }, (_, r) => (r + i) % 10))));
    writeFileSync(join(dir, CIFAR_TEST_FILE), makeFile([3, 8, 8, 0]));
    expect(validateCifarDir(dir)).toEqual({ train: [3, 4, 5, 6, 7], test: 4 });
    const f = readCifarFolder(dir, { trainLimit: 10 });
    expect(f.train.count).toBe(10);
    expect(Array.from(f.train.labels.subarray(2, 5))).toEqual([2, 1, 2]); // file 1's last, then file 2's first
    expect(cifarDirFromEnv({ AUDIT_CIFAR_DIR: dir })).toEqual({ dir, user: true });
    expect(cifarDirFromEnv({}).user).toBe(false);
    const d = loadCifar(20, 4, { AUDIT_CIFAR_DIR: dir });
    expect(d.userDir).toBe(true);
    expect(d.train.n).toBe(20);

    const bad = join(tmp, 'bad');
    mkdirSync(bad, { recursive: true });
    CIFAR_TRAIN_FILES.forEach((f) => writeFileSync(join(bad, f), makeFile([1])));
    expectOneLineError(() => cifarDirFromEnv({ AUDIT_CIFAR_DIR: bad }), join(bad, CIFAR_TEST_FILE), 'does not exist');
    writeFileSync(join(bad, CIFAR_TEST_FILE), makeFile([1]));
    const corrupt = makeFile([1, 2]);
    corrupt[CIFAR_RECORD_BYTES] = 200;
    writeFileSync(join(bad, 'data_batch_3.bin'), corrupt);
    expectOneLineError(() => cifarDirFromEnv({ AUDIT_CIFAR_DIR: bad }), join(bad, 'data_batch_3.bin'), 'record 1', 'label byte 200');
    rmSync(join(bad, 'data_batch_4.bin'));
    writeFileSync(join(bad, 'data_batch_3.bin'), makeFile([1]));
    expectOneLineError(() => cifarDirFromEnv({ AUDIT_CIFAR_DIR: bad }), join(bad, 'data_batch_4.bin'), 'does not exist');
    expectOneLineError(() => cifarDirFromEnv({ AUDIT_CIFAR_DIR: join(tmp, 'absent') }), join(tmp, 'absent'), 'does not exist');
    expectOneLineError(() => cifarDirFromEnv({ AUDIT_CIFAR_DIR: join(dir, CIFAR_TEST_FILE) }), 'is not a folder');
    expectOneLineError(() => readCifarFolder(dir, { trainLimit: 26 }), 'holds 25 training records');
  });

  it('errors are CifarFormatErrors whose input is the file', () => {
    try {
      parseCifarBinary(new Uint8Array(5), 'five.bin');
    } catch (e) {
      expect(e).toBeInstanceOf(CifarFormatError);
      expect((e as CifarFormatError).file).toBe('five.bin');
      expect((e as Error).message.startsWith('invalid CIFAR-10 file five.bin: ')).toBe(true);
    }
  });
});

/** The project's shared subset (932 records per official file), where this checkout has it beside it: a real "user folder". */
const SHARED = [join(shippedCifarDir(), '..', '..', '..', 'shared', 'data', 'cifar-10-subset'), '/work/shared/data/cifar-10-subset'].find((p) => existsSync(join(p, 'test_batch.bin')));

describe.skipIf(SHARED === undefined)('the shared CIFAR-10 subset as AUDIT_CIFAR_DIR', () => {
  it('validates (six files of 932 records) and its first 256 records of each split are the shipped files, byte for byte', () => {
    const dir = SHARED as string;
    expect(validateCifarDir(dir)).toEqual({ train: [932, 932, 932, 932, 932], test: 932 });
    const user = readCifarFolder(dir, { trainLimit: 256, testLimit: 256 });
    const mine = readCifarFolder(shippedCifarDir());
    expect(Buffer.from(user.train.pixels).equals(Buffer.from(mine.train.pixels))).toBe(true);
    expect(Buffer.from(user.test.labels).equals(Buffer.from(mine.test.labels))).toBe(true);
    const d = loadCifar(4660, 932, { AUDIT_CIFAR_DIR: dir });
    expect(d.train.n).toBe(4660);
    expect(d.userDir).toBe(true);
  });
});
