import type { Express } from 'express';
import { versionOf, type SfContext } from './context.js';

const VERSIONS = ['58.0', '59.0', '60.0', '61.0', '62.0', '63.0', '64.0', '65.0', '66.0'];

// https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_limits.htm
export function registerLimitsRoutes(app: Express, ctx: SfContext): void {
  app.get('/services/data/:version/limits', (req, res) => {
    versionOf(req);
    const q = ctx.quota;
    res.json({
      DailyApiRequests: { Max: q.limit, Remaining: q.remaining() },
      DailyBulkV2QueryJobs: { Max: 10000, Remaining: 10000 },
      DailyBulkV2QueryFileStorageMB: { Max: 976562, Remaining: 976562 },
      DataStorageMB: { Max: 1024, Remaining: 1024 },
      SingleEmail: { Max: 5000, Remaining: 5000 },
    });
  });
}

export function registerVersionsRoute(app: Express): void {
  app.get('/services/data', (_req, res) => {
    res.json(VERSIONS.map((v) => ({ label: `API ${v}`, url: `/services/data/v${v}`, version: v })));
  });
}
