/**
 * Remembers a pure function of two strings (the agreement level of two given names). Given names repeat
 * a lot in a CRM — a few thousand distinct values over a million records — so most candidate pairs ask
 * a question already answered. Bounded: cleared when `limit` answers are held, so memory stays flat.
 */
export class PairMemo {
  private readonly byLeft = new Map<string, Map<string, number>>();
  private size = 0;

  constructor(
    private readonly compute: (a: string, b: string) => number,
    private readonly limit = 200_000,
  ) {}

  get(a: string, b: string): number {
    let inner = this.byLeft.get(a);
    const hit = inner?.get(b);
    if (hit !== undefined) return hit;
    const value = this.compute(a, b);
    if (this.size >= this.limit) {
      this.byLeft.clear();
      this.size = 0;
      inner = undefined;
    }
    if (inner === undefined) {
      inner = new Map();
      this.byLeft.set(a, inner);
    }
    inner.set(b, value);
    this.size++;
    return value;
  }
}
