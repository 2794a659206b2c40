import type { RequestHandler } from 'express';
import { refreshQueueDepths, type Metrics, type QueueDepthReader } from '../../core/metrics.js';
import type { JournalReporter } from '../journal-report.js';

export function getMetrics(
  metrics: Metrics,
  readQueueDepths?: QueueDepthReader,
  journals?: JournalReporter,
): RequestHandler {
  return async (_req, res) => {
    if (readQueueDepths !== undefined) await refreshQueueDepths(metrics, readQueueDepths);
    // A Redis failure leaves the previous values; /readyz reports the outage.
    await journals?.refreshMetrics().catch(() => undefined);
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  };
}
