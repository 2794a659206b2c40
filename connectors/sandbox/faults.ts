import { createRng, type Rng } from './rng.js';

/** What a request suffers: a vendor-shaped rate-limit answer, a 5xx, extra latency, or a hung socket. */
export type FaultKind = 'rateLimit' | 'serverError' | 'latency' | 'timeout';

export interface FaultConfig {
  /** Seed of the RNG deciding which requests fail, so runs are reproducible. */
  readonly seed: number;
  /** Per-request probabilities, each in [0, 1]; checked in this order. */
  readonly rateLimitRate: number;
  readonly serverErrorRate: number;
  readonly timeoutRate: number;
  readonly latencyRate: number;
  readonly latencyMs: number;
  /** How long a "timeout" holds the socket before destroying it. */
  readonly timeoutMs: number;
  /** Only requests whose path matches are eligible (default: all API paths). */
  readonly pathPattern?: RegExp | undefined;
}

export const noFaults: FaultConfig = {
  seed: 1,
  rateLimitRate: 0,
  serverErrorRate: 0,
  timeoutRate: 0,
  latencyRate: 0,
  latencyMs: 250,
  timeoutMs: 30_000,
};

export interface FaultDecision {
  readonly kind: FaultKind;
  readonly ms: number;
}

export class FaultInjector {
  private config: FaultConfig;
  private rng: Rng;
  private readonly forced: FaultKind[] = [];
  private injectedCount = 0;

  constructor(config: Partial<FaultConfig> = {}) {
    this.config = { ...noFaults, ...config };
    this.rng = createRng(this.config.seed);
  }

  /** Changes the rates at runtime; a new seed restarts the random sequence. */
  configure(config: Partial<FaultConfig>): void {
    this.config = { ...this.config, ...config };
    if (config.seed !== undefined) this.rng = createRng(config.seed);
  }

  /** Forces the next `count` eligible requests to suffer `kind`, regardless of rates. */
  failNext(kind: FaultKind, count = 1): void {
    for (let i = 0; i < count; i += 1) this.forced.push(kind);
  }

  clear(): void {
    this.forced.length = 0;
    this.configure({ ...noFaults, seed: this.config.seed });
  }

  get injected(): number {
    return this.injectedCount;
  }

  decide(path: string): FaultDecision | null {
    const c = this.config;
    if (c.pathPattern && !c.pathPattern.test(path)) return null;
    const kind = this.forced.shift() ?? this.roll();
    if (!kind) return null;
    this.injectedCount += 1;
    return { kind, ms: kind === 'timeout' ? c.timeoutMs : kind === 'latency' ? c.latencyMs : 0 };
  }

  private roll(): FaultKind | null {
    const c = this.config;
    const steps: readonly [FaultKind, number][] = [
      ['rateLimit', c.rateLimitRate],
      ['serverError', c.serverErrorRate],
      ['timeout', c.timeoutRate],
      ['latency', c.latencyRate],
    ];
    for (const [kind, rate] of steps) if (rate > 0 && this.rng() < rate) return kind;
    return null;
  }
}
