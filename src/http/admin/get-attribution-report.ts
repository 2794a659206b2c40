import { z } from 'zod';
import { AdminRequestError } from '../../core/errors/index.js';
import { attributionReport } from '../../report/attribution-report.js';
import { describeAttributionModel } from '../../report/describe-model.js';
import type { AttributionRecord } from '../../store/decision-store.js';
import { connectionOrThrow } from './admin-deps.js';
import { defineAdminRoute } from './admin-route.js';
import type { AdminRouteIo } from './admin-route-io.js';
import { ConnectionParams } from './admin-schemas.js';
import { AttributionReportResponse, Day } from './attribution-report-schema.js';

/**
 * GET /admin/connections/:id/reports/attribution?from=&to=&basis= — sourced vs influenced revenue per
 * partner over the stored decisions: the same computation as `partnersync report attribution`.
 */
export function attributionReportRoute(io: Pick<AdminRouteIo, 'stores'>) {
  const { decisions, rules } = io.stores;
  return defineAdminRoute({
    method: 'get',
    path: '/connections/:id/reports/attribution',
    summary: 'Sourced vs influenced revenue per partner for a period (UTC days, inclusive)',
    scope: 'any',
    params: ConnectionParams,
    query: z.object({ from: Day, to: Day, basis: z.enum(['won', 'created']).default('won') }),
    response: AttributionReportResponse,
    errors: [404],
    async handle({ params, query }, deps) {
      connectionOrThrow(deps, params.id);
      if (query.from > query.to)
        throw new AdminRequestError('from must not be after to', {
          issues: [{ path: 'query.from', message: 'after to' }],
        });
      const records: AttributionRecord[] = [];
      for await (const r of decisions.scan(params.id, 'opportunity')) records.push(r);
      const config = (await rules.get(params.id)).attribution;
      return {
        connection: params.id,
        model: config.model,
        modelInWords: describeAttributionModel(config),
        report: attributionReport(records, query),
      };
    },
  });
}
