/**
 * Values per chunk. Small, so the values waiting for their chunk die young: with 4,096 a chunk's
 * values outlived two scavenges, were promoted, and a 1M-record run carried ~500 MB of them as old
 * garbage until the next full collection.
 */
const CHUNK = 256;

/**
 * A column of nullable strings held as their characters only: every {@link CHUNK} values are joined
 * into one flat string, and a value is an offset and a length into it (8 bytes instead of a string
 * object of its own, and never a rope of the pieces it was built from). `get` slices the value out
 * again, so a read allocates; meant for values read once per candidate pair at most.
 */
export class StringColumn {
  private readonly chunks: string[] = [];
  private pending: string[] = [];
  private pendingLength = 0;
  /** The pending values joined, while no value is added. */
  private pendingText: string | null = null;
  private starts = new Uint32Array(CHUNK);
  /** -1 for null. */
  private lengths = new Int32Array(CHUNK);
  private count = 0;

  get length(): number {
    return this.count;
  }

  push(value: string | null): void {
    const i = this.count++;
    if (i === this.starts.length) {
      const starts = new Uint32Array(i * 2);
      starts.set(this.starts);
      this.starts = starts;
      const lengths = new Int32Array(i * 2);
      lengths.set(this.lengths);
      this.lengths = lengths;
    }
    this.pendingText = null;
    this.starts[i] = this.pendingLength;
    this.lengths[i] = value === null ? -1 : value.length;
    if (value !== null && value !== '') {
      this.pending.push(value);
      this.pendingLength += value.length;
    }
    if (this.count % CHUNK === 0) this.seal();
  }

  get(index: number): string | null {
    if (index < 0 || index >= this.count) return null;
    const length = this.lengths[index] ?? -1;
    if (length < 0) return null;
    if (length === 0) return '';
    const start = this.starts[index] ?? 0;
    const chunk = Math.floor(index / CHUNK);
    const text = chunk < this.chunks.length ? (this.chunks[chunk] ?? '') : this.pendingJoined();
    return text.slice(start, start + length);
  }

  private pendingJoined(): string {
    this.pendingText ??= this.pending.join('');
    return this.pendingText;
  }

  private seal(): void {
    this.chunks.push(this.pending.join(''));
    this.pending = [];
    this.pendingLength = 0;
  }
}
