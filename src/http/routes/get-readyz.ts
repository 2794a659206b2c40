import type { RequestHandler } from 'express';
import type { JournalReporter } from '../journal-report.js';
import type { ReadinessCheck } from '../readiness.js';

/**
 * Readiness: 200 when Redis and the queues answer, 503 otherwise, so load balancers and CRMs back off.
 * HubSpot journal readers are listed (state, lag) but do not decide readiness: HTTP intake works
 * without them.
 */
export function getReadyz(check: ReadinessCheck, journals?: JournalReporter): RequestHandler {
  return async (_req, res) => {
    const report = await check();
    const journalLines =
      journals === undefined ? {} : { journals: await journals.report().catch(() => ({})) };
    res.status(report.ready ? 200 : 503).json({
      status: report.ready ? 'ready' : 'unavailable',
      checks: report.checks,
      ...(report.changeStreams === undefined ? {} : { changeStreams: report.changeStreams }),
      ...journalLines,
    });
  };
}
