import type { RequestHandler } from 'express';
import { refreshQueueDepths, type Metrics, type QueueDepthReader } from '../../core/metrics.js';

export function getMetrics(metrics: Metrics, readQueueDepths?: QueueDepthReader): RequestHandler {
  return async (_req, res) => {
    if (readQueueDepths !== undefined) await refreshQueueDepths(metrics, readQueueDepths);
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  };
}
