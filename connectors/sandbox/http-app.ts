import express from 'express';
import type { Express, NextFunction, Request, Response } from 'express';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { z } from 'zod';
import type { CallCounter } from './call-counter.js';
import type { FaultInjector } from './faults.js';
import { SandboxHttpError } from './http-error.js';

/** An express app whose routes see the raw request bytes (`req.body` is a Buffer, possibly empty). */
export function createSandboxApp(): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.set('query parser', 'extended');
  app.use(express.raw({ type: () => true, limit: '200mb' }));
  return app;
}

export function rawBody(req: Request): string {
  const body: unknown = req.body;
  return Buffer.isBuffer(body) ? body.toString('utf8') : '';
}

/** Parses the JSON body with a zod schema; `reject` builds the vendor error for bad input. */
export function parseBody<S extends z.ZodType>(
  req: Request,
  schema: S,
  reject: (message: string) => SandboxHttpError,
): z.infer<S> {
  const text = rawBody(req);
  let json: unknown;
  try {
    json = text === '' ? undefined : JSON.parse(text);
  } catch {
    throw reject(`Unexpected character in JSON body`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw reject(issue ? `${issue.path.join('.') || 'body'}: ${issue.message}` : 'invalid body');
  }
  return parsed.data;
}

/** Records a batch call carries: HubSpot's `inputs`, Salesforce sObject collections' `records` or `ids`. */
function batchItems(req: Request): number | undefined {
  if (req.method !== 'POST' && req.method !== 'PATCH') return undefined;
  const text = rawBody(req);
  if (!text.startsWith('{')) return undefined;
  try {
    const body: unknown = JSON.parse(text);
    if (typeof body !== 'object' || body === null) return undefined;
    const list =
      'inputs' in body
        ? body.inputs
        : 'records' in body
          ? body.records
          : 'ids' in body
            ? body.ids
            : undefined;
    return Array.isArray(list) ? list.length : undefined;
  } catch {
    return undefined;
  }
}

/** Counts every request by matched route pattern (or raw path when nothing matched). */
export function countCalls(counter: CallCounter, include: (path: string) => boolean) {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (include(req.path)) {
      res.on('finish', () => {
        const route: unknown = req.route;
        const pattern = route && typeof route === 'object' && 'path' in route ? String(route.path) : req.path;
        const items = batchItems(req);
        counter.record(`${req.method} ${pattern}`, res.locals['faulted'] === true, {
          status: res.statusCode,
          ...(items === undefined ? {} : { items }),
        });
      });
    }
    next();
  };
}

export type FaultResponder = (kind: 'rateLimit' | 'serverError', res: Response) => void;

/** Applies the injector's decision: vendor-shaped 429/5xx, added latency, or a socket held then destroyed. */
export function injectFaults(
  faults: FaultInjector,
  include: (path: string) => boolean,
  respond: FaultResponder,
  timers: Set<NodeJS.Timeout>,
) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const path = req.originalUrl.split('?')[0] ?? '';
    const decision = include(path) ? faults.decide(path) : null;
    if (!decision) {
      next();
      return;
    }
    res.locals['faulted'] = decision.kind !== 'latency';
    const later = (fn: () => void): void => {
      const t = setTimeout(() => {
        timers.delete(t);
        fn();
      }, decision.ms);
      timers.add(t);
    };
    if (decision.kind === 'latency') later(next);
    else if (decision.kind === 'timeout') later(() => req.socket.destroy());
    else respond(decision.kind, res);
  };
}

export function sendError(
  err: unknown,
  res: Response,
  fallback: (message: string) => SandboxHttpError,
): void {
  const e =
    err instanceof SandboxHttpError ? err : fallback(err instanceof Error ? err.message : String(err));
  if (res.headersSent) return;
  res.status(e.status).set(e.headers);
  if (typeof e.body === 'string') res.type('text/plain').send(e.body);
  else res.json(e.body);
}

export interface ListeningServer {
  readonly url: string;
  close(): Promise<void>;
}

export async function listen(
  app: Express,
  port: number,
  timers: Set<NodeJS.Timeout>,
  /** Node's own request-head cap (default 16 KiB), raised where the vendor's own limit is checked in a route. */
  maxHeaderSize?: number,
): Promise<ListeningServer> {
  const server = maxHeaderSize === undefined ? createServer(app) : createServer({ maxHeaderSize }, app);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const { port: actual } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${actual}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const t of timers) clearTimeout(t);
        timers.clear();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
