/**
 * Serialises spooling: events are buffered as they arrive and written one batch at a time, in order.
 * `drained()` resolves once everything received so far is spooled; a failed write fails the pipe
 * (the stream is then dropped and resumed from the last committed replay id).
 */
export class SpoolPipe {
  private buffer: unknown[] = [];
  private running: Promise<void> = Promise.resolve();
  private busy = false;
  private failure: Error | undefined = undefined;

  constructor(private readonly write: (batch: readonly unknown[]) => Promise<void>) {}

  add(event: unknown): void {
    this.buffer.push(event);
    if (!this.busy) this.kick();
  }

  get idle(): boolean {
    return !this.busy && this.buffer.length === 0;
  }

  get failed(): Error | undefined {
    return this.failure;
  }

  async drained(): Promise<void> {
    while (!this.idle && this.failure === undefined) await this.running;
    if (this.failure !== undefined) throw this.failure;
  }

  private kick(): void {
    this.busy = true;
    this.running = new Promise<void>((resolve) => setImmediate(resolve)).then(async () => {
      try {
        while (this.buffer.length > 0 && this.failure === undefined) {
          const batch = this.buffer;
          this.buffer = [];
          await this.write(batch);
        }
      } catch (err) {
        this.failure = err instanceof Error ? err : new Error(String(err));
      } finally {
        this.busy = false;
      }
    });
  }
}
