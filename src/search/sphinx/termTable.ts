/**
 * Corpus-wide term statistics of a corpus held on a cluster, kept compactly in this
 * process: the terms sorted in one byte buffer with typed arrays of offsets and paragraph
 * counts (about 12 bytes plus the term's own bytes per term: the vocabulary, not the
 * paragraphs, sets its size). Changes since the last compaction sit in a small map.
 * Saved beside the index as one file that carries a SHA-256 of its contents.
 */
import { createHash } from 'node:crypto';
import type { TermStatistics } from '../paragraphSource.js';

const MAGIC = Buffer.from('ARTS');
const VERSION = 1;
/** Magic, version, SHA-256 of the body. */
const HEADER_BYTES = 4 + 4 + 32;
/** Changed terms kept beside the sorted table before they are merged into it. */
const COMPACT_AFTER = 50_000;

/** Paragraph counts per term, as one change: positive for paragraphs added, negative for removed. */
export type TermCounts = Map<string, number>;

/** Term statistics that can change as paragraphs come and go, and be saved. */
export class TermTable implements TermStatistics {
  /** Counts set since the table was last compacted (0: the term is gone). */
  private readonly changed = new Map<string, number>();

  private constructor(
    private terms: Buffer,
    private offsets: Uint32Array,
    private frequencies: Uint32Array,
    private paragraphs: number,
    /** Sum over paragraphs of their number of distinct terms (equally: sum of the frequencies). */
    private lengthSum: number,
  ) {}

  /** A table of no terms and no paragraphs. */
  static empty(): TermTable {
    return new TermTable(Buffer.alloc(0), new Uint32Array(1), new Uint32Array(0), 0, 0);
  }

  get paragraphCount(): number {
    return this.paragraphs;
  }

  documentFrequency(term: string): number {
    const changed = this.changed.get(term);
    if (changed !== undefined) return changed;
    const index = this.lowerBound(term);
    return index < this.frequencies.length && this.termAt(index) === term ? (this.frequencies[index] ?? 0) : 0;
  }

  averageLength(): number {
    return this.paragraphs === 0 ? 0 : this.lengthSum / this.paragraphs;
  }

  *termsStartingWith(prefix: string): Generator<string> {
    const extra = [...this.changed].filter(([term, count]) => count > 0 && term.startsWith(prefix)).map(([term]) => term).sort();
    let next = 0;
    for (let index = this.lowerBound(prefix); index < this.frequencies.length; index++) {
      const term = this.termAt(index);
      if (!term.startsWith(prefix)) break;
      while (next < extra.length && (extra[next] ?? '') < term) yield extra[next++] ?? '';
      if (!this.changed.has(term)) yield term;
    }
    while (next < extra.length) yield extra[next++] ?? '';
  }

  /**
   * Applies one change: `counts` per term (paragraphs added that hold it, minus those
   * removed) and the number of paragraphs added minus removed.
   * @throws Error when a count would fall below zero (the change does not fit the table).
   */
  apply(counts: TermCounts, paragraphs: number): void {
    const updates: Array<[string, number]> = [];
    let lengthChange = 0;
    for (const [term, difference] of counts) {
      if (difference === 0) continue;
      const count = this.documentFrequency(term) + difference;
      if (count < 0) throw new Error(`term statistics out of step: "${term}" would occur in ${count} paragraphs`);
      updates.push([term, count]);
      lengthChange += difference;
    }
    if (this.paragraphs + paragraphs < 0) throw new Error('term statistics out of step: fewer than no paragraphs');
    for (const [term, count] of updates) this.changed.set(term, count);
    this.lengthSum += lengthChange;
    this.paragraphs += paragraphs;
    if (this.changed.size >= COMPACT_AFTER) this.compact();
  }

  /** The table as bytes: header, counts, offsets, terms; the header holds a SHA-256 of the rest. */
  serialize(): Buffer {
    this.compact();
    const count = this.frequencies.length;
    const body = Buffer.alloc(8 + 8 + 4 + 4 * count + 4 * (count + 1) + this.terms.length);
    body.writeDoubleLE(this.paragraphs, 0);
    body.writeDoubleLE(this.lengthSum, 8);
    body.writeUInt32LE(count, 16);
    let at = 20;
    for (const frequency of this.frequencies) at = body.writeUInt32LE(frequency, at);
    for (const offset of this.offsets) at = body.writeUInt32LE(offset, at);
    this.terms.copy(body, at);
    const header = Buffer.alloc(HEADER_BYTES);
    MAGIC.copy(header, 0);
    header.writeUInt32LE(VERSION, 4);
    createHash('sha256').update(body).digest().copy(header, 8);
    return Buffer.concat([header, body]);
  }

  /**
   * Reads a table written by `serialize`, after checking its SHA-256.
   * @throws Error when the bytes are not such a table, or are damaged.
   */
  static deserialize(bytes: Buffer): TermTable {
    if (bytes.length < HEADER_BYTES + 20 || !bytes.subarray(0, 4).equals(MAGIC)) throw new Error('not a term statistics file');
    if (bytes.readUInt32LE(4) !== VERSION) throw new Error(`term statistics version ${bytes.readUInt32LE(4)}, this version reads ${VERSION}`);
    const body = bytes.subarray(HEADER_BYTES);
    if (!createHash('sha256').update(body).digest().equals(bytes.subarray(8, HEADER_BYTES))) throw new Error('term statistics checksum mismatch');
    const count = body.readUInt32LE(16);
    const termsAt = 20 + 8 * count + 4;
    if (body.length < termsAt) throw new Error('term statistics cut short');
    const frequencies = new Uint32Array(count);
    const offsets = new Uint32Array(count + 1);
    for (let index = 0; index < count; index++) frequencies[index] = body.readUInt32LE(20 + 4 * index);
    for (let index = 0; index <= count; index++) offsets[index] = body.readUInt32LE(20 + 4 * count + 4 * index);
    const terms = Buffer.from(body.subarray(termsAt));
    if (offsets[count] !== terms.length) throw new Error('term statistics cut short');
    return new TermTable(terms, offsets, frequencies, body.readDoubleLE(0), body.readDoubleLE(8));
  }

  /** Merges the changed terms into the sorted table. */
  private compact(): void {
    if (this.changed.size === 0) return;
    const changed = [...this.changed].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    const pieces: Buffer[] = [];
    const offsets: number[] = [0];
    const frequencies: number[] = [];
    let length = 0;
    const keep = (term: string, frequency: number) => {
      if (frequency <= 0) return;
      const bytes = Buffer.from(term, 'utf8');
      pieces.push(bytes);
      length += bytes.length;
      offsets.push(length);
      frequencies.push(frequency);
    };
    let next = 0;
    for (let index = 0; index < this.frequencies.length; index++) {
      const term = this.termAt(index);
      while (next < changed.length && (changed[next]?.[0] ?? '') < term) {
        const [newTerm, frequency] = changed[next++] ?? ['', 0];
        keep(newTerm, frequency);
      }
      if (changed[next]?.[0] === term) keep(term, changed[next++]?.[1] ?? 0);
      else keep(term, this.frequencies[index] ?? 0);
    }
    for (; next < changed.length; next++) keep(changed[next]?.[0] ?? '', changed[next]?.[1] ?? 0);
    this.terms = Buffer.concat(pieces, length);
    this.offsets = Uint32Array.from(offsets);
    this.frequencies = Uint32Array.from(frequencies);
    this.changed.clear();
  }

  private termAt(index: number): string {
    return this.terms.toString('utf8', this.offsets[index], this.offsets[index + 1]);
  }

  /** The index of the first sorted term not below `term` (JavaScript's string order). */
  private lowerBound(term: string): number {
    let low = 0;
    let high = this.frequencies.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.termAt(middle) < term) low = middle + 1;
      else high = middle;
    }
    return low;
  }
}
