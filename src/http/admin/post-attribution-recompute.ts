import { z } from 'zod';
import { AttributionModel, WindowEnd } from '../../attribution/attribution-config.js';
import { recomputeAttribution } from '../../../jobs/attribute-deal/recompute-attribution.js';
import { DecisionRules } from '../../store/rules-store.js';
import { connectionOrThrow } from './admin-deps.js';
import { defineAdminRoute } from './admin-route.js';
import type { AdminRouteIo } from './admin-route-io.js';
import { ConnectionParams } from './admin-schemas.js';

export const RecomputeBody = z.strictObject({
  model: AttributionModel.optional(),
  lookbackDays: z.number().int().min(0).max(3650).optional(),
  windowEnd: WindowEnd.optional(),
  halfLifeDays: z.number().positive().max(3650).optional(),
});

const Change = z.object({
  opportunityId: z.string(),
  partnerId: z.string(),
  partnerName: z.string(),
  role: z.string(),
  currency: z.string(),
  before: z.number(),
  after: z.number(),
  delta: z.number(),
});

export const RecomputeResponse = z.object({
  dryRun: z.boolean(),
  attribution: z.object({
    model: AttributionModel,
    lookbackDays: z.number(),
    windowEnd: WindowEnd,
    halfLifeDays: z.number(),
  }),
  opportunities: z.number().int(),
  changedOpportunities: z.number().int(),
  sourcingChanged: z.number().int(),
  changes: z.array(Change),
  issues: z.array(z.string()),
});

/**
 * POST /admin/connections/:id/attribution/recompute?dryRun= — the logic of `partnersync attribution
 * recompute`: re-attributes every mirrored opportunity with changed rules. Dry run (default): lists each
 * credit that would change, before → after, writing nothing. Otherwise stores the rules and applies
 * through the normal write-back.
 */
export function attributionRecomputeRoute(io: Pick<AdminRouteIo, 'stores' | 'scheduler'>) {
  const { stores } = io;
  const rulesStore = stores.rules;
  return defineAdminRoute({
    method: 'post',
    path: '/connections/:id/attribution/recompute',
    summary: 'What-if / apply: re-attribute every opportunity with changed attribution rules',
    scope: 'any',
    params: ConnectionParams,
    query: z.object({ dryRun: z.stringbool().default(true) }),
    body: RecomputeBody,
    response: RecomputeResponse,
    errors: [404],
    async handle({ params, query, body, actor }, deps) {
      const runtime = connectionOrThrow(deps, params.id);
      const stored = await rulesStore.get(params.id);
      const a = stored.attribution;
      const rules = DecisionRules.parse({
        ...stored,
        attribution: {
          ...a,
          model: body.model ?? a.model,
          halfLifeDays: body.halfLifeDays ?? a.halfLifeDays,
          window: {
            lookbackDays: body.lookbackDays ?? a.window.lookbackDays,
            end: body.windowEnd ?? a.window.end,
          },
        },
      });
      if (!query.dryRun) await rulesStore.set(params.id, rules);
      const { summary, issues } = await recomputeAttribution(
        {
          mirror: stores.mirror,
          relations: stores.relations,
          decisions: stores.decisions,
          writeBack: deps.writeBack,
          scheduleWriteBack: (id) => io.scheduler.writeBack(id),
        },
        params.id,
        { mapping: await runtime.mapping(), rules, apply: !query.dryRun, top: 1000 },
      );
      if (!query.dryRun)
        deps.log.info(
          { connection: params.id, actor: actor.identity, model: rules.attribution.model },
          'attribution rules changed and applied',
        );
      const r = rules.attribution;
      return {
        dryRun: query.dryRun,
        attribution: {
          model: r.model,
          lookbackDays: r.window.lookbackDays,
          windowEnd: r.window.end,
          halfLifeDays: r.halfLifeDays,
        },
        opportunities: summary.opportunities,
        changedOpportunities: summary.changedOpportunities,
        sourcingChanged: summary.sourcingChanged,
        changes: [...summary.largest],
        issues: [...issues],
      };
    },
  });
}
