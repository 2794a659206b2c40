/** Per-endpoint API-call counters, readable by tests and benches. Keys look like `PATCH /crm/v3/objects/:objectType/batch/update`. */
export interface CallCounterSnapshot {
  readonly total: number;
  readonly faulted: number;
  /** Calls the vendor's rate limit refused (429). */
  readonly rateLimited: number;
  readonly byEndpoint: Readonly<Record<string, number>>;
  /** Records carried by batch calls (`inputs` / `records` in the body), by endpoint. */
  readonly itemsByEndpoint: Readonly<Record<string, number>>;
}

export class CallCounter {
  private readonly counts = new Map<string, number>();
  private readonly items = new Map<string, number>();
  private totalCalls = 0;
  private faultedCalls = 0;
  private rateLimitedCalls = 0;

  record(endpoint: string, faulted = false, outcome: { status?: number; items?: number } = {}): void {
    this.counts.set(endpoint, (this.counts.get(endpoint) ?? 0) + 1);
    this.totalCalls += 1;
    if (faulted) this.faultedCalls += 1;
    if (outcome.status === 429) this.rateLimitedCalls += 1;
    if (outcome.items !== undefined)
      this.items.set(endpoint, (this.items.get(endpoint) ?? 0) + outcome.items);
  }

  /** Calls to one endpoint key, or the sum over keys matching a predicate/regex. */
  get(endpoint: string | RegExp): number {
    if (typeof endpoint === 'string') return this.counts.get(endpoint) ?? 0;
    let sum = 0;
    for (const [key, n] of this.counts) if (endpoint.test(key)) sum += n;
    return sum;
  }

  total(): number {
    return this.totalCalls;
  }

  snapshot(): CallCounterSnapshot {
    return {
      total: this.totalCalls,
      faulted: this.faultedCalls,
      rateLimited: this.rateLimitedCalls,
      byEndpoint: Object.fromEntries(this.counts),
      itemsByEndpoint: Object.fromEntries(this.items),
    };
  }

  reset(): void {
    this.counts.clear();
    this.items.clear();
    this.totalCalls = 0;
    this.faultedCalls = 0;
    this.rateLimitedCalls = 0;
  }
}
