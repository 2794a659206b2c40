import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Prometheus metrics of one process. Queue depths are read from Redis when /metrics is scraped. */
export interface Metrics {
  readonly registry: Registry;
  readonly httpRequests: Counter<'method' | 'route' | 'status'>;
  readonly httpDuration: Histogram<'method' | 'route' | 'status'>;
  readonly jobDuration: Histogram<'queue' | 'job' | 'outcome'>;
  readonly jobsTotal: Counter<'queue' | 'job' | 'outcome'>;
  readonly crmCalls: Counter<'connection' | 'provider' | 'operation' | 'status'>;
  readonly queueDepth: Gauge<'queue' | 'state'>;
  readonly webhookEvents: Counter<'provider' | 'outcome'>;
  /** Salesforce Pub/Sub subscribers, read from their stored status at scrape time. */
  readonly changeStreamLag: Gauge<'connection' | 'channel'>;
  readonly changeStreamStreaming: Gauge<'connection' | 'channel'>;
  readonly changeStreamReconnects: Gauge<'connection' | 'channel'>;
}

export type QueueDepthReader = () => Promise<{ queue: string; counts: Record<string, number> }[]>;

export function createMetrics(options: { defaultMetrics?: boolean } = {}): Metrics {
  const registry = new Registry();
  if (options.defaultMetrics ?? true) collectDefaultMetrics({ register: registry, prefix: 'partnersync_' });
  return {
    registry,
    httpRequests: new Counter({
      name: 'partnersync_http_requests_total',
      help: 'HTTP requests by route and status.',
      labelNames: ['method', 'route', 'status'],
      registers: [registry],
    }),
    httpDuration: new Histogram({
      name: 'partnersync_http_request_duration_seconds',
      help: 'HTTP request duration.',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry],
    }),
    jobDuration: new Histogram({
      name: 'partnersync_job_duration_seconds',
      help: 'Job run time by queue, job and outcome.',
      labelNames: ['queue', 'job', 'outcome'],
      buckets: [0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers: [registry],
    }),
    jobsTotal: new Counter({
      name: 'partnersync_jobs_total',
      help: 'Jobs finished by queue, job and outcome (completed, failed, retry, rate_limited).',
      labelNames: ['queue', 'job', 'outcome'],
      registers: [registry],
    }),
    crmCalls: new Counter({
      name: 'partnersync_crm_calls_total',
      help: 'HTTP calls made to a CRM by connection and response status.',
      labelNames: ['connection', 'provider', 'operation', 'status'],
      registers: [registry],
    }),
    queueDepth: new Gauge({
      name: 'partnersync_queue_jobs',
      help: 'Jobs in each queue by state, read at scrape time.',
      labelNames: ['queue', 'state'],
      registers: [registry],
    }),
    webhookEvents: new Counter({
      name: 'partnersync_webhook_events_total',
      help: 'Webhook events received by provider and outcome (enqueued, duplicate, echo, rejected).',
      labelNames: ['provider', 'outcome'],
      registers: [registry],
    }),
    changeStreamLag: new Gauge({
      name: 'partnersync_change_stream_lag_seconds',
      help: 'Salesforce Pub/Sub: commit time of the newest change spooled to when it was spooled.',
      labelNames: ['connection', 'channel'],
      registers: [registry],
    }),
    changeStreamStreaming: new Gauge({
      name: 'partnersync_change_stream_streaming',
      help: 'Salesforce Pub/Sub: 1 while the channel subscriber streams, else 0.',
      labelNames: ['connection', 'channel'],
      registers: [registry],
    }),
    changeStreamReconnects: new Gauge({
      name: 'partnersync_change_stream_reconnects',
      help: 'Salesforce Pub/Sub: reconnects of the channel subscriber since its holder started.',
      labelNames: ['connection', 'channel'],
      registers: [registry],
    }),
  };
}

/** Refreshes queue-depth gauges; a Redis failure leaves the previous values and is reported by /readyz. */
export async function refreshQueueDepths(metrics: Metrics, read: QueueDepthReader): Promise<void> {
  try {
    const rows = await read();
    for (const row of rows) {
      for (const [state, count] of Object.entries(row.counts))
        metrics.queueDepth.set({ queue: row.queue, state }, count);
    }
  } catch {
    // keep last values
  }
}
