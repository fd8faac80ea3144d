/** An append-only list of unsigned 32-bit integers in one typed array that doubles as it fills. */
export class GrowableUint32 {
  private data: Uint32Array;
  private size = 0;

  constructor(capacity = 1024) {
    this.data = new Uint32Array(Math.max(1, capacity));
  }

  /** Number of values held. */
  get length(): number {
    return this.size;
  }

  /** Appends a value. */
  push(value: number): void {
    if (this.size === this.data.length) {
      const larger = new Uint32Array(this.data.length * 2);
      larger.set(this.data);
      this.data = larger;
    }
    this.data[this.size++] = value;
  }

  /** The values held, as a view (valid until the next `push`). */
  view(): Uint32Array {
    return this.data.subarray(0, this.size);
  }
}
