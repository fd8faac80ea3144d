/**
 * Paragraph lines as a save writes them: runs of about a megabyte of JSON lines, each line
 * followed by a newline, with where each line lies in its run and its CRC-32.
 */
import { crc32 } from 'node:zlib';

/** Bytes of lines in a run (and read at once when lines are copied in order). */
export const RUN_BYTES = 1 << 20;
export const NEWLINE = Buffer.from('\n');

/** A paragraph of a table as a JSON line, ready to be saved. */
export interface ParagraphLine {
  id: number;
  article: number;
  sentences: number;
  line: Buffer;
}

/** Where a saved paragraph's line lies in a run of lines (`LineRun`), and its CRC-32. */
export interface RunLine {
  id: number;
  article: number;
  sentences: number;
  length: number;
  crc: number;
}

/** Lines of a table, in id order, as a save writes them: the bytes (each line followed by a newline), and the lines they hold. */
export interface LineRun {
  bytes: Buffer;
  lines: RunLine[];
}

/** Encoded lines gathered into a run. */
export class EncodedRun {
  private pieces: Buffer[] = [];
  private lines: RunLine[] = [];
  private bytes = 0;

  /** Adds a line; true when the run has reached a megabyte and should be taken. */
  add({ id, article, sentences, line }: ParagraphLine): boolean {
    this.pieces.push(line, NEWLINE);
    this.lines.push({ id, article, sentences, length: line.length, crc: crc32(line) });
    this.bytes += line.length + 1;
    return this.bytes >= RUN_BYTES;
  }

  empty(): boolean {
    return this.lines.length === 0;
  }

  take(): LineRun {
    const run = { bytes: Buffer.concat(this.pieces), lines: this.lines };
    this.pieces = [];
    this.lines = [];
    this.bytes = 0;
    return run;
  }
}
