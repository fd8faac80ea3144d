/**
 * Checksums that let saved data prove itself: CRC-32 (zlib's, ~5 GB/s, so a 200 MB index
 * is checked in a few tens of milliseconds at load). CRC-32 catches every burst of damage
 * up to 32 bits and any other damage but one time in four billion; it guards against
 * damage, not against someone forging a file.
 */
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
