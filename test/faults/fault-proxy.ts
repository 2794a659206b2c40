import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRng } from '../../connectors/sandbox/rng.js';

/**
 * A seeded loopback proxy in front of one CRM sandbox: a share of API calls get a vendor-shaped 429
 * (with Retry-After: 1, so one injected limit pauses the connection 1 s instead of a whole rolling
 * window), a 5xx, or a socket held then destroyed (the client's deadline fires). Everything else is
 * forwarded unchanged. It records what the sandbox answered, so the suite can tell injected 429s
 * from limits the pipeline really hit, and the bodies of successful writes (double-write check).
 */
export interface FaultRates {
  readonly rateLimit: number;
  readonly serverError: number;
  readonly timeout: number;
}

export interface FaultProxyOptions {
  readonly target: string;
  readonly provider: 'hubspot' | 'salesforce';
  readonly seed: number;
  readonly rates: FaultRates;
  /** How long a "timeout" holds the socket; longer than the connection's call deadline. */
  readonly holdMs: number;
}

export interface ForwardedCall {
  readonly method: string;
  readonly path: string;
  readonly status: number;
  readonly at: number;
  readonly body: string;
}

export interface FaultProxy {
  readonly url: string;
  readonly injected: { rateLimit: number; serverError: number; timeout: number };
  /** API calls the sandbox answered (not injected), in order. */
  readonly forwarded: ForwardedCall[];
  /** Sandbox answers that were rate limits (429, or Salesforce REQUEST_LIMIT_EXCEEDED). */
  limitHits(): number;
  setEnabled(on: boolean): void;
  close(): Promise<void>;
}

const isApi = (provider: FaultProxyOptions['provider'], path: string): boolean =>
  provider === 'hubspot' ? path.startsWith('/crm') : path.startsWith('/services/data/');

function injectedRateLimit(provider: FaultProxyOptions['provider'], res: ServerResponse): void {
  if (provider === 'hubspot') {
    res.writeHead(429, { 'content-type': 'application/json', 'retry-after': '1' });
    res.end(
      JSON.stringify({
        status: 'error',
        message: 'You have reached your ten-secondly rolling limit.',
        errorType: 'RATE_LIMIT',
        policyName: 'TEN_SECONDLY_ROLLING',
        correlationId: 'fault-proxy',
      }),
    );
    return;
  }
  res.writeHead(403, { 'content-type': 'application/json' });
  res.end(
    JSON.stringify([
      { errorCode: 'REQUEST_LIMIT_EXCEEDED', message: 'ConcurrentPerOrgLongTxn Limit exceeded.' },
    ]),
  );
}

function injectedServerError(provider: FaultProxyOptions['provider'], res: ServerResponse): void {
  if (provider === 'hubspot') {
    res.writeHead(502, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ status: 'error', message: 'Bad Gateway', category: 'INTERNAL_ERROR' }));
    return;
  }
  res.writeHead(503, { 'content-type': 'application/json' });
  res.end(JSON.stringify([{ errorCode: 'SERVER_UNAVAILABLE', message: 'Server temporarily unavailable' }]));
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

export async function startFaultProxy(options: FaultProxyOptions): Promise<FaultProxy> {
  const target = new URL(options.target);
  const rng = createRng(options.seed);
  const injected = { rateLimit: 0, serverError: 0, timeout: 0 };
  const forwarded: ForwardedCall[] = [];
  const held = new Set<NodeJS.Timeout>();
  let enabled = true;

  const roll = (): keyof FaultRates | null => {
    const r = rng();
    const { rateLimit, serverError, timeout } = options.rates;
    if (r < rateLimit) return 'rateLimit';
    if (r < rateLimit + serverError) return 'serverError';
    if (r < rateLimit + serverError + timeout) return 'timeout';
    return null;
  };

  const server = createServer((req, res) => {
    void (async () => {
      const body = await readBody(req);
      const path = (req.url ?? '/').split('?')[0] ?? '/';
      const api = isApi(options.provider, path);
      const fault = api && enabled ? roll() : null;
      if (fault !== null) injected[fault] += 1;
      if (fault === 'rateLimit') return injectedRateLimit(options.provider, res);
      if (fault === 'serverError') return injectedServerError(options.provider, res);
      if (fault === 'timeout') {
        const t = setTimeout(() => {
          held.delete(t);
          req.socket.destroy();
        }, options.holdMs);
        held.add(t);
        return;
      }
      const headers = { ...req.headers, host: target.host };
      const upstream = request(
        { host: target.hostname, port: target.port, method: req.method, path: req.url, headers },
        (up) => {
          void readBody(up).then((answer) => {
            const status = up.statusCode ?? 502;
            if (api)
              forwarded.push({
                method: req.method ?? 'GET',
                path,
                status,
                at: Date.now(),
                body: req.method === 'GET' ? '' : body.toString('utf8'),
              });
            const out = { ...up.headers };
            delete out['transfer-encoding'];
            out['content-length'] = String(answer.length);
            res.writeHead(status, out);
            res.end(answer);
          });
        },
      );
      upstream.on('error', () => res.destroy());
      upstream.end(body);
    })().catch(() => res.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    injected,
    forwarded,
    limitHits: () =>
      forwarded.filter((c) => c.status === 429 || (c.status === 403 && c.path.includes('/services/data/')))
        .length,
    setEnabled: (on) => {
      enabled = on;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const t of held) clearTimeout(t);
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
