/**
 * Checksums that let saved data prove itself: CRC-32 (zlib's, ~5 GB/s, so a 200 MB index
 * is checked in a few tens of milliseconds at load). CRC-32 catches every burst of damage
 * up to 32 bits and any other damage but one time in four billion; it guards against
 * damage, not against someone forging a file.
 */
import { closeSync, fstatSync, openSync } from 'node:fs';
import { crc32 } from 'node:zlib';
import { readInto } from './openFiles.js';

/** What the manifest says about one saved data file. */
export interface FileChecksum {
  /** File name, relative to the manifest. */
  name: string;
  bytes: number;
  /** CRC-32 of the whole file, 8 hex digits. */
  crc32: string;
}

/** CRC-32 of some bytes, as 8 hex digits. */
export function checksumOf(data: string | Uint8Array): string {
  return hex(crc32(data));
}

/** Bytes read at a time by `openFileChecksumProblem`, into one buffer. */
const CHUNK = 1 << 20;

/**
 * Whether an open file is exactly the one `expected` describes; otherwise why not (one
 * phrase). Reads it a chunk at a time into one buffer, so a large file is checked without
 * being held in memory.
 */
export function openFileChecksumProblem(fd: number, expected: FileChecksum): string | null {
  const size = fstatSync(fd).size;
  if (size !== expected.bytes) return `${expected.name} has ${size} bytes, its manifest says ${expected.bytes}`;
  const chunk = Buffer.allocUnsafe(CHUNK);
  let value = 0;
  for (let position = 0, read = 1; position < size && read > 0; position += read) {
    read = readInto(fd, chunk, position);
    value = crc32(chunk.subarray(0, read), value);
  }
  return hex(value) === expected.crc32 ? null : `${expected.name} does not match its checksum (damaged)`;
}

/** `openFileChecksumProblem` of the file at `file`. */
export function fileChecksumProblem(file: string, expected: FileChecksum): string | null {
  const fd = openSync(file, 'r');
  try {
    return openFileChecksumProblem(fd, expected);
  } finally {
    closeSync(fd);
  }
}

/**
 * Saved data found damaged when it was read, after its index was loaded (a paragraph whose
 * line no longer matches its checksum): nothing of it may be used, and the index is rebuilt.
 */
export class DamagedDataError extends Error {
  /** @param problem what is damaged, as one phrase ("paragraph 12 of store-….jsonl does not match its checksum (damaged)") */
  constructor(readonly problem: string) {
    super(problem);
    this.name = 'DamagedDataError';
  }
}

/** Where bytes are written in order (a `FileHandle`, for one). */
export interface ByteSink {
  write(data: Uint8Array): Promise<unknown>;
}

/** A sink that passes writes on and keeps the size and CRC-32 of everything written. */
export class ChecksummingSink implements ByteSink {
  bytes = 0;
  private value = 0;

  constructor(private readonly sink: ByteSink) {}

  async write(data: Uint8Array): Promise<void> {
    this.value = crc32(data, this.value);
    this.bytes += data.length;
    await this.sink.write(data);
  }

  /** The checksum of what was written, for a file of this name. */
  describe(name: string): FileChecksum {
    return { name, bytes: this.bytes, crc32: hex(this.value) };
  }
}

function hex(value: number): string {
  return (value >>> 0).toString(16).padStart(8, '0');
}
