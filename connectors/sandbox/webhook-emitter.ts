/** Batches change events and POSTs them to a configured URL; vendor formats plug in through `encode`. */
export interface EncodedDelivery {
  readonly body: string;
  readonly headers: Readonly<Record<string, string>>;
}

export interface WebhookDelivery {
  readonly url: string;
  readonly attempt: number;
  readonly status: number | null;
  readonly body: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly error?: string;
}

export interface WebhookEmitterOptions<E> {
  readonly url?: string | undefined;
  readonly enabled?: boolean | undefined;
  /** Events are sent at most this long after they happen (default 200 ms). */
  readonly flushIntervalMs?: number | undefined;
  /** Events per request (HubSpot: 100; outbound messages: 100 notifications). */
  readonly maxBatch?: number | undefined;
  /** Total attempts per batch, including the first (bounded; default 3). */
  readonly maxAttempts?: number | undefined;
  readonly retryDelayMs?: number | undefined;
  /** Retry gaps: `linear` (delay × attempt, default) or `exponential` (delay × 2^attempt). */
  readonly backoff?: 'linear' | 'exponential' | undefined;
  /** Per-attempt timeout (default 5 s). */
  readonly timeoutMs?: number | undefined;
  /** Whether the receiver accepted the delivery (default: any 2xx). */
  readonly accepted?: ((status: number, body: string) => boolean) | undefined;
  /** Events with different keys never share a request (outbound messages: one object type each). */
  readonly groupKey?: ((event: E) => string) | undefined;
  readonly encode: (batch: readonly E[], attempt: number, url: string) => EncodedDelivery;
}

export class WebhookEmitter<E> {
  private queue: E[] = [];
  private timer: NodeJS.Timeout | null = null;
  private inFlight = new Set<Promise<void>>();
  private url: string | undefined;
  private enabled: boolean;
  readonly deliveries: WebhookDelivery[] = [];

  constructor(private readonly options: WebhookEmitterOptions<E>) {
    this.url = options.url;
    this.enabled = options.enabled ?? true;
  }

  configure(opts: { url?: string | undefined; enabled?: boolean }): void {
    if ('url' in opts) this.url = opts.url;
    if (opts.enabled !== undefined) this.enabled = opts.enabled;
  }

  get active(): boolean {
    return this.enabled && this.url !== undefined;
  }

  enqueue(event: E): void {
    if (!this.active) return;
    this.queue.push(event);
    if (this.queue.length >= (this.options.maxBatch ?? 100)) {
      this.startFlush();
      return;
    }
    if (!this.timer) {
      this.timer = setTimeout(() => this.startFlush(), this.options.flushIntervalMs ?? 200);
      this.timer.unref();
    }
  }

  /** Sends everything queued and waits for every delivery in flight. */
  async flush(): Promise<void> {
    this.startFlush();
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
  }

  async close(): Promise<void> {
    await this.flush();
    this.enabled = false;
  }

  private startFlush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const url = this.url;
    const events = this.queue;
    this.queue = [];
    if (!url || events.length === 0) return;
    const max = this.options.maxBatch ?? 100;
    const groups = new Map<string, E[]>();
    for (const e of events) {
      const key = this.options.groupKey?.(e) ?? '';
      groups.set(key, [...(groups.get(key) ?? []), e]);
    }
    for (const group of groups.values()) {
      for (let i = 0; i < group.length; i += max) {
        const p = this.deliver(url, group.slice(i, i + max)).finally(() => this.inFlight.delete(p));
        this.inFlight.add(p);
      }
    }
  }

  private async deliver(url: string, batch: readonly E[]): Promise<void> {
    const attempts = Math.min(Math.max(this.options.maxAttempts ?? 3, 1), 10);
    for (let attempt = 0; attempt < attempts; attempt += 1) {
      const { body, headers } = this.options.encode(batch, attempt, url);
      try {
        const res = await fetch(url, {
          method: 'POST',
          body,
          headers,
          signal: AbortSignal.timeout(this.options.timeoutMs ?? 5000),
        });
        const answer = await res.text();
        this.deliveries.push({ url, attempt, status: res.status, body, headers });
        if (this.options.accepted ? this.options.accepted(res.status, answer) : res.ok) return;
      } catch (err) {
        this.deliveries.push({
          url,
          attempt,
          status: null,
          body,
          headers,
          error: err instanceof Error ? err.message : String(err),
        });
      }
      const delay = this.options.retryDelayMs ?? 100;
      const wait = this.options.backoff === 'exponential' ? delay * 2 ** attempt : delay * (attempt + 1);
      await new Promise((r) => setTimeout(r, wait));
    }
  }
}
