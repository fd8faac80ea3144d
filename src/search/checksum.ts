/**
 * Checksums that let saved data prove itself: CRC-32 (zlib's, ~5 GB/s, so a 200 MB index
 * is checked in a few tens of milliseconds at load). CRC-32 catches every burst of damage
 * up to 32 bits and any other damage but one time in four billion; it guards against
 * damage, not against someone forging a file.
 */
import { open } from 'node:fs/promises';
import { crc32 } from 'node:zlib';

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

/** Whether `bytes` are exactly the file `expected` describes; otherwise why not (one phrase). */
export function checksumProblem(bytes: Uint8Array, expected: FileChecksum): string | null {
  if (bytes.length !== expected.bytes) return `${expected.name} has ${bytes.length} bytes, its manifest says ${expected.bytes}`;
  if (checksumOf(bytes) !== expected.crc32) return `${expected.name} does not match its checksum (damaged)`;
  return null;
}

/** Bytes read at a time by `fileChecksumProblem`, into one buffer. */
const CHUNK = 1 << 20;

/**
 * Whether the file at `file` is exactly the one `expected` describes; otherwise why not
 * (one phrase). Reads it a chunk at a time into one buffer, so a large file is checked
 * without being held in memory.
 */
export async function fileChecksumProblem(file: string, expected: FileChecksum): Promise<string | null> {
  const handle = await open(file, 'r');
  try {
    const size = (await handle.stat()).size;
    if (size !== expected.bytes) return `${expected.name} has ${size} bytes, its manifest says ${expected.bytes}`;
    const chunk = Buffer.allocUnsafe(CHUNK);
    let value = 0;
    for (let position = 0; position < size; ) {
      const { bytesRead } = await handle.read(chunk, 0, CHUNK, position);
      if (bytesRead === 0) break;
      value = crc32(chunk.subarray(0, bytesRead), value);
      position += bytesRead;
    }
    return hex(value) === expected.crc32 ? null : `${expected.name} does not match its checksum (damaged)`;
  } finally {
    await handle.close();
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
