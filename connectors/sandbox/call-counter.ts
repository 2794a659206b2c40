/** Per-endpoint API-call counters, readable by tests and benches. Keys look like `PATCH /crm/v3/objects/:objectType/batch/update`. */
export interface CallCounterSnapshot {
  readonly total: number;
  readonly faulted: number;
  readonly byEndpoint: Readonly<Record<string, number>>;
}

export class CallCounter {
  private readonly counts = new Map<string, number>();
  private totalCalls = 0;
  private faultedCalls = 0;

  record(endpoint: string, faulted = false): void {
    this.counts.set(endpoint, (this.counts.get(endpoint) ?? 0) + 1);
    this.totalCalls += 1;
    if (faulted) this.faultedCalls += 1;
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
      byEndpoint: Object.fromEntries(this.counts),
    };
  }

  reset(): void {
    this.counts.clear();
    this.totalCalls = 0;
    this.faultedCalls = 0;
  }
}
