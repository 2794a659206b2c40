/** Vendor-like request limits: a rolling window (HubSpot ten-secondly, search secondly) and a daily cap. */
export class RollingWindowLimiter {
  private readonly hits: number[] = [];

  constructor(
    readonly max: number,
    readonly windowMs: number,
    private readonly now: () => number,
  ) {}

  private prune(t: number): void {
    while (this.hits.length > 0 && (this.hits[0] ?? 0) <= t - this.windowMs) this.hits.shift();
  }

  /** Records a hit if under the limit; returns false (nothing recorded) when the window is full. */
  tryTake(): boolean {
    const t = this.now();
    this.prune(t);
    if (this.hits.length >= this.max) return false;
    this.hits.push(t);
    return true;
  }

  remaining(): number {
    this.prune(this.now());
    return Math.max(0, this.max - this.hits.length);
  }

  /** Milliseconds until the oldest hit leaves the window. */
  msUntilFree(): number {
    const oldest = this.hits[0];
    return oldest === undefined ? 0 : Math.max(0, oldest + this.windowMs - this.now());
  }
}

/** A daily counter that resets at UTC midnight of the injected clock. */
export class DailyQuota {
  private day = -1;
  private usedCount = 0;

  constructor(
    readonly limit: number,
    private readonly now: () => number,
  ) {}

  private roll(): void {
    const d = Math.floor(this.now() / 86_400_000);
    if (d !== this.day) {
      this.day = d;
      this.usedCount = 0;
    }
  }

  tryTake(): boolean {
    this.roll();
    if (this.usedCount >= this.limit) return false;
    this.usedCount += 1;
    return true;
  }

  get used(): number {
    this.roll();
    return this.usedCount;
  }

  /** Test hook: pretend `n` calls were already made today. */
  setUsed(n: number): void {
    this.roll();
    this.usedCount = n;
  }

  remaining(): number {
    return Math.max(0, this.limit - this.used);
  }
}
