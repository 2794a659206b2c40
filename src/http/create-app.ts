import express, { type Express, type Router } from 'express';
import { pinoHttp } from 'pino-http';
import type { Logger } from '../core/logger.js';
import type { Metrics, QueueDepthReader } from '../core/metrics.js';
import { errorHandler, notFound } from './error-handler.js';
import { httpMetrics } from './http-metrics.js';
import type { JournalReporter } from './journal-report.js';
import type { ReadinessCheck } from './readiness.js';
import { redactUrl } from './redact-url.js';
import { requestId } from './request-id.js';
import { getHealthz } from './routes/get-healthz.js';
import { getMetrics } from './routes/get-metrics.js';
import { getReadyz } from './routes/get-readyz.js';

/** Query values that are credentials (the Salesforce outbound-message `?token=`) never reach the log. */
const loggedUrl = (url: unknown): unknown => (typeof url === 'string' ? redactUrl(url) : url);

export interface AppDeps {
  readonly log: Logger;
  readonly metrics: Metrics;
  readonly readiness: ReadinessCheck;
  readonly bodyLimitBytes: number;
  readonly queueDepths?: QueueDepthReader;
  /** HubSpot journal readers' state and lag, shown by /readyz and /metrics. */
  readonly journals?: JournalReporter | undefined;
  /** Mounted under /webhooks; they receive the raw body as a Buffer (`req.body`), for signatures. */
  readonly webhookRouter?: Router;
  /** True once shutdown began: every response then carries `Connection: close`. */
  readonly draining?: () => boolean;
  /** Mounted under /admin. It parses its own bodies, after authentication (see `jsonBody`). */
  readonly adminRouter?: Router;
  /** The admin console, mounted under /admin/console (it parses its own form bodies). */
  readonly consoleRouter?: Router;
  /** The reps' signed "Why?" pages, mounted under /why; no login (the link is the credential). */
  readonly whyRouter?: Router;
}

export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', true);
  const draining = deps.draining;
  if (draining !== undefined) {
    // Keep-alive clients learn with their next response that this connection ends, and reconnect elsewhere.
    app.use((_req, res, next) => {
      if (draining()) res.setHeader('Connection', 'close');
      next();
    });
  }
  app.use(requestId());
  app.use(httpMetrics(deps.metrics));
  // The access log is written at info; below that level the middleware would only cost time per request.
  if (deps.log.isLevelEnabled('info')) {
    app.use(
      pinoHttp({
        logger: deps.log.child({ component: 'http' }),
        genReqId: (_req, res) => String(res.getHeader('x-request-id')),
        autoLogging: { ignore: (req) => req.url === '/healthz' || req.url === '/metrics' },
        // Ids and status only: headers carry signatures and tokens, bodies carry customer data.
        serializers: {
          req: (req: { id: unknown; method: unknown; url: unknown }) => ({
            id: req.id,
            method: req.method,
            url: loggedUrl(req.url),
          }),
          res: (res: { statusCode: unknown }) => ({ statusCode: res.statusCode }),
        },
      }),
    );
  }

  const startedAt = Date.now();
  app.get('/healthz', getHealthz(startedAt));
  app.get('/readyz', getReadyz(deps.readiness, deps.journals));
  app.get('/metrics', getMetrics(deps.metrics, deps.queueDepths, deps.journals));

  // Webhook signatures cover the exact bytes, so these routes never see a parsed body.
  app.use('/webhooks', express.raw({ type: () => true, limit: deps.bodyLimitBytes }));
  if (deps.webhookRouter !== undefined) app.use('/webhooks', deps.webhookRouter);

  if (deps.whyRouter !== undefined) app.use('/why', deps.whyRouter);
  if (deps.consoleRouter !== undefined) app.use('/admin/console', deps.consoleRouter);
  if (deps.adminRouter !== undefined) app.use('/admin', deps.adminRouter);

  app.use(notFound());
  app.use(errorHandler(deps.log));
  return app;
}
