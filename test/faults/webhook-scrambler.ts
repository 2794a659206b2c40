import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRng } from '../../connectors/sandbox/rng.js';

/**
 * Sits between the sandboxes' webhook emitters and our intake (the service's PUBLIC_BASE_URL points
 * here, so HubSpot v3 signatures still verify). Every delivery is acknowledged at once, then POSTed
 * to the intake `copies` times, shuffled with later deliveries (seeded), some held back a round, so
 * they arrive duplicated and out of order. A copy the intake refuses with 5xx or a network error
 * (Redis restarting) is retried like a CRM would, a bounded number of times.
 */
export interface WebhookScramblerOptions {
  /** Base URL of the intake (read per request: the service starts after the scrambler). */
  readonly target: () => string;
  readonly copies: number;
  readonly seed: number;
  readonly roundMs?: number;
  readonly maxAttempts?: number;
}

interface Copy {
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly body: Buffer;
  attempts: number;
}

export interface ScramblerStats {
  received: number;
  posted: number;
  accepted: number;
  /** 4xx answers: a verified delivery refused (must stay 0). */
  refused: number;
  retried: number;
  /** Copies given up after maxAttempts (the incremental sync must repair these). */
  dropped: number;
}

export interface WebhookScrambler {
  readonly url: string;
  readonly stats: ScramblerStats;
  /** Resolves when every copy is delivered or dropped (bounded by `timeoutMs`). */
  drain(timeoutMs: number): Promise<void>;
  close(): Promise<void>;
}

const FORWARDED = /^(content-type|x-hubspot-|x-sfdc-|soapaction|x-partnersync-)/i;

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

export async function startWebhookScrambler(options: WebhookScramblerOptions): Promise<WebhookScrambler> {
  const rng = createRng(options.seed);
  const stats: ScramblerStats = { received: 0, posted: 0, accepted: 0, refused: 0, retried: 0, dropped: 0 };
  let pool: Copy[] = [];
  let inFlight = 0;
  let closed = false;

  const server = createServer((req, res) => {
    void readBody(req).then((body) => {
      stats.received += 1;
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers))
        if (typeof v === 'string' && FORWARDED.test(k)) headers[k] = v;
      for (let i = 0; i < options.copies; i += 1)
        pool.push({ path: req.url ?? '/', headers, body, attempts: 0 });
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  const send = async (copy: Copy): Promise<void> => {
    copy.attempts += 1;
    stats.posted += 1;
    let status: number;
    try {
      const res = await fetch(`${options.target()}${copy.path}`, {
        method: 'POST',
        headers: copy.headers,
        body: copy.body,
        signal: AbortSignal.timeout(5_000),
      });
      await res.arrayBuffer();
      status = res.status;
    } catch {
      status = 0;
    }
    if (status >= 200 && status < 300) stats.accepted += 1;
    else if (status >= 400 && status < 500) stats.refused += 1;
    else if (copy.attempts >= (options.maxAttempts ?? 40)) stats.dropped += 1;
    else {
      stats.retried += 1;
      pool.push(copy);
    }
  };

  const round = (): void => {
    if (closed) return;
    // Fisher–Yates with the seeded RNG, then send a random share; the rest waits for a later round.
    for (let i = pool.length - 1; i > 0; i -= 1) {
      const j = Math.floor(rng() * (i + 1));
      const a = pool[i];
      const b = pool[j];
      if (a !== undefined && b !== undefined) [pool[i], pool[j]] = [b, a];
    }
    const cut = pool.length <= 3 ? pool.length : Math.ceil(pool.length * (0.4 + rng() * 0.4));
    const now = pool.slice(0, cut);
    pool = pool.slice(cut);
    inFlight += now.length;
    for (const copy of now) void send(copy).finally(() => (inFlight -= 1));
  };
  const timer = setInterval(round, options.roundMs ?? 150);

  return {
    url: `http://127.0.0.1:${port}`,
    stats,
    drain: async (timeoutMs) => {
      const deadline = Date.now() + timeoutMs;
      while ((pool.length > 0 || inFlight > 0) && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 50));
    },
    close: () =>
      new Promise<void>((resolve) => {
        closed = true;
        clearInterval(timer);
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
