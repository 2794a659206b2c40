import type { RequestHandler } from 'express';
import type { ReadinessCheck } from '../readiness.js';

/** Readiness: 200 when Redis and the queues answer, 503 otherwise, so load balancers and CRMs back off. */
export function getReadyz(check: ReadinessCheck): RequestHandler {
  return async (_req, res) => {
    const report = await check();
    res.status(report.ready ? 200 : 503).json({
      status: report.ready ? 'ready' : 'unavailable',
      checks: report.checks,
      ...(report.changeStreams === undefined ? {} : { changeStreams: report.changeStreams }),
    });
  };
}
