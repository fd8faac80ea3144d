/**
 * Files a loaded index keeps open to read from by position (its store's paragraphs, its
 * postings), each closed when what reads it is collected or done.
 */
import { closeSync, readSync } from 'node:fs';

/** An open file's descriptor, closed once. */
export interface OpenFile {
  fd: number;
  /** The file's name, for warnings. */
  name: string;
  closed: boolean;
}

const owners = new FinalizationRegistry<OpenFile>((file) => closeFile(file));

/** A file opened read-only for `owner`: closed when `owner` is collected, if not before. */
export function keepOpen(owner: object, fd: number, name: string): OpenFile {
  const file: OpenFile = { fd, name, closed: false };
  owners.register(owner, file, file);
  return file;
}

/** Closes a kept file now; reading it afterwards throws. */
export function closeFile(file: OpenFile): void {
  if (file.closed) return;
  file.closed = true;
  owners.unregister(file);
  try {
    closeSync(file.fd);
  } catch {
    // Already closed: nothing is left to release.
  }
}

/** Up to `length` bytes of an open file from `position` (fewer at its end), in a new buffer. */
export function readAt(fd: number, position: number, length: number): Buffer {
  const buffer = Buffer.allocUnsafe(length);
  return buffer.subarray(0, readInto(fd, buffer, position));
}

/** Fills `target` from an open file at `position` (less at its end); returns the bytes read. */
export function readInto(fd: number, target: Uint8Array, position: number): number {
  let read = 0;
  while (read < target.length) {
    const count = readSync(fd, target, read, target.length - read, position + read);
    if (count === 0) break;
    read += count;
  }
  return read;
}

/** Reads from a kept file by position. @throws Error when it was closed. */
export function readKept(file: OpenFile, position: number, length: number): Buffer {
  if (file.closed) throw new Error(`${file.name} was closed`);
  return readAt(file.fd, position, length);
}

/** Fills `target` from a kept file by position (less at its end); returns the bytes read. @throws Error when it was closed. */
export function readKeptInto(file: OpenFile, target: Uint8Array, position: number): number {
  if (file.closed) throw new Error(`${file.name} was closed`);
  return readInto(file.fd, target, position);
}
