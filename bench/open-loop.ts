/**
 * Open-loop load at a constant rate: request i is due at start + i / rate whether or not earlier ones have
 * been answered, and its latency counts from when it was due, so a stall in the server (or in this
 * generator) is charged in full: no coordinated omission. This is what "p99 at a steady N req/s" means.
 *
 * autocannon's `overallRate` is not that: each connection sends back to back until it has used its
 * per-second quota, then waits for the next second (full-speed bursts, then silence), and it records
 * each latency with an "expected interval" of Math.ceil(1 / rate) = 1 ms, which adds a synthetic sample
 * per millisecond of every response. It stays the tool for the closed-loop maximum-throughput runs.
 */
import { Agent, request } from 'node:http';
import { percentile } from './percentile.js';

export interface OpenLoopOptions {
  readonly url: string;
  readonly path: string;
  readonly rate: number;
  readonly seconds: number;
  /** Keep-alive connections the generator may open; requests beyond them wait (and that wait counts). */
  readonly maxSockets: number;
  /** Built when the request is sent: body and headers (a signature over a fresh timestamp, say). */
  readonly next: () => { readonly body: string; readonly headers: Readonly<Record<string, string>> };
}

export interface OpenLoopResult {
  readonly sent: number;
  readonly ok: number;
  readonly non2xx: number;
  readonly errors: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
}

/** Milliseconds to one decimal. */
const ms = (value: number): number => Math.round(value * 10) / 10;

export async function openLoop(options: OpenLoopOptions): Promise<OpenLoopResult> {
  const { hostname, port } = new URL(options.url);
  const agent = new Agent({ keepAlive: true, maxSockets: options.maxSockets });
  const total = Math.round(options.rate * options.seconds);
  const latencies = new Float64Array(total);
  let sent = 0;
  let done = 0;
  let ok = 0;
  let non2xx = 0;
  let errors = 0;
  const start = performance.now();
  const intervalMs = 1000 / options.rate;

  await new Promise<void>((resolve) => {
    const finish = (index: number, due: number, success: boolean, status: number): void => {
      latencies[index] = performance.now() - due;
      if (!success) errors += 1;
      else if (status >= 200 && status < 300) ok += 1;
      else non2xx += 1;
      done += 1;
      if (done === total) resolve();
    };
    const send = (index: number): void => {
      const due = start + index * intervalMs;
      const { body, headers } = options.next();
      const req = request(
        {
          agent,
          hostname,
          port,
          method: 'POST',
          path: options.path,
          headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
        },
        (res) => {
          res.resume();
          res.once('end', () => finish(index, due, true, res.statusCode ?? 0));
        },
      );
      req.once('error', () => finish(index, due, false, 0));
      req.end(body);
    };
    const tick = (): void => {
      const dueCount = Math.min(total, Math.floor((performance.now() - start) / intervalMs) + 1);
      while (sent < dueCount) send(sent++);
      if (sent < total) setTimeout(tick, Math.max(0, start + sent * intervalMs - performance.now()));
    };
    tick();
  });
  agent.destroy();
  latencies.sort();
  return {
    sent,
    ok,
    non2xx,
    errors,
    p50Ms: ms(percentile(latencies, 50)),
    p99Ms: ms(percentile(latencies, 99)),
    maxMs: ms(percentile(latencies, 100)),
  };
}
