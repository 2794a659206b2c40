/**
 * Values per chunk. Small, so the values waiting for their chunk die young: with 4,096 a chunk's
 * values outlived two scavenges, were promoted, and a 1M-record run carried ~500 MB of them as old
 * garbage until the next full collection.
 */
const CHUNK = 256;

/** Marks a null value's end in {@link StringColumn}. */
const NULL_BIT = 0x8000_0000;

/**
 * A column of nullable strings held as their characters only: every {@link CHUNK} values are joined
 * into one flat string, and a value is where it ends in it (4 bytes instead of a string object of its
 * own, and never a rope of the pieces it was built from; it starts where the one before it ends).
 * `get` slices the value out again, so a read allocates; meant for values read once per candidate
 * pair at most.
 */
export class StringColumn {
  private readonly chunks: string[] = [];
  private pending: string[] = [];
  private pendingLength = 0;
  /** The pending values joined, while no value is added. */
  private pendingText: string | null = null;
  /** Each value's end in its chunk's text, with {@link NULL_BIT} set for null. */
  private ends = new Uint32Array(CHUNK);
  private count = 0;

  get length(): number {
    return this.count;
  }

  push(value: string | null): void {
    const i = this.count++;
    if (i === this.ends.length) {
      const ends = new Uint32Array(i * 2);
      ends.set(this.ends);
      this.ends = ends;
    }
    this.pendingText = null;
    if (value !== null && value !== '') {
      this.pending.push(value);
      this.pendingLength += value.length;
    }
    this.ends[i] = value === null ? (this.pendingLength | NULL_BIT) >>> 0 : this.pendingLength;
    if (this.count % CHUNK === 0) this.seal();
  }

  get(index: number): string | null {
    if (index < 0 || index >= this.count) return null;
    const end = this.ends[index] ?? NULL_BIT;
    if (end >= NULL_BIT) return null;
    const start = index % CHUNK === 0 ? 0 : (this.ends[index - 1] ?? 0) & ~NULL_BIT;
    if (start === end) return '';
    const chunk = Math.floor(index / CHUNK);
    const text = chunk < this.chunks.length ? (this.chunks[chunk] ?? '') : this.pendingJoined();
    return text.slice(start, end);
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
