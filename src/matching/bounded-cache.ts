/**
 * Answers remembered per key for a run over many records (a file's names and phones repeat on many
 * rows), up to `limit` keys: past that, new keys are computed and not remembered, so a column of
 * unique values costs no more memory than the limit.
 */
export class BoundedCache<T> {
  private readonly held = new Map<string, T>();

  constructor(private readonly limit: number) {}

  get(key: string, compute: () => T): T {
    const held = this.held.get(key);
    if (held !== undefined || this.held.has(key)) return held as T;
    const value = compute();
    if (this.held.size < this.limit) this.held.set(key, value);
    return value;
  }
}
