import { z } from 'zod';
import { AdminRequestError } from '../../core/errors/index.js';
import { previewDuplicateThresholds } from '../../../jobs/detect-duplicates/preview-duplicate-thresholds.js';
import { DecisionRules } from '../../store/rules-store.js';
import { connectionOrThrow } from './admin-deps.js';
import { defineAdminRoute } from './admin-route.js';
import type { AdminRouteIo } from './admin-route-io.js';
import { ConnectionParams } from './admin-schemas.js';

const Score = z.number().min(0).max(1);
export const DuplicatesRecomputeBody = z
  .strictObject({ duplicate: Score.optional(), possible: Score.optional() })
  .refine((b) => b.duplicate === undefined || b.possible === undefined || b.possible <= b.duplicate, {
    message: 'possible must not exceed duplicate',
    path: ['possible'],
  });

const DuplicateFields = z.object({
  status: z.enum(['unique', 'possible', 'duplicate', 'dismissed']),
  of: z.string().nullable(),
  ofId: z.string().nullable(),
  score: z.number().nullable(),
});

export const DuplicatesRecomputeResponse = z.object({
  dryRun: z.boolean(),
  thresholds: z.object({ duplicate: z.number(), possible: z.number() }),
  people: z.number().int(),
  changed: z.number().int(),
  changes: z.array(
    z.object({
      personId: z.string(),
      kind: z.enum(['lead', 'contact']),
      label: z.string(),
      before: DuplicateFields,
      after: DuplicateFields,
    }),
  ),
});

/** Most changes listed in one answer (all are counted, and all are re-checked on apply). */
const TOP = 1000;

/**
 * POST /admin/connections/:id/duplicates/recompute?dryRun= — what-if for the duplicate thresholds:
 * lists every Lead and Contact whose duplicate fields would change, before → after (dry run, the
 * default, writes nothing). Otherwise stores the thresholds with the connection's rules and re-checks
 * the changed records with the detect-duplicates job, which writes through the normal write-back.
 */
export function duplicatesRecomputeRoute(io: Pick<AdminRouteIo, 'stores' | 'scheduler'>) {
  const { stores } = io;
  const { mirror, duplicates, pairReviews } = stores;
  const rulesStore = stores.rules;
  return defineAdminRoute({
    method: 'post',
    path: '/connections/:id/duplicates/recompute',
    summary: 'What-if / apply: duplicate fields of every Lead and Contact with changed match thresholds',
    scope: 'any',
    params: ConnectionParams,
    query: z.object({ dryRun: z.stringbool().default(true) }),
    body: DuplicatesRecomputeBody,
    response: DuplicatesRecomputeResponse,
    errors: [404],
    async handle({ params, query, body, actor }, deps) {
      const runtime = connectionOrThrow(deps, params.id);
      const stored = await rulesStore.get(params.id);
      const thresholds = {
        duplicate: body.duplicate ?? stored.duplicates.duplicate,
        possible: body.possible ?? stored.duplicates.possible,
      };
      // Checked again merged with the stored value (e.g. only `possible` given, above the stored duplicate).
      const parsed = DecisionRules.safeParse({ ...stored, duplicates: thresholds });
      if (!parsed.success)
        throw new AdminRequestError('invalid request body', {
          issues: parsed.error.issues.map((i) => ({
            path: ['body', ...i.path.slice(1).map(String)].join('.'),
            message: `${i.message} (stored thresholds: duplicate ${stored.duplicates.duplicate}, possible ${stored.duplicates.possible})`,
          })),
        });
      const rules = parsed.data;
      const preview = await previewDuplicateThresholds(
        { mirror, index: stores.matchIndex(params.id), duplicates, pairReviews },
        params.id,
        { thresholds: rules.duplicates, phoneRegion: runtime.config.defaultCountry ?? null },
      );
      if (!query.dryRun) {
        await rulesStore.set(params.id, rules);
        await io.scheduler.detectDuplicates(
          params.id,
          preview.changes.map((c) => c.personId),
        );
        deps.log.info(
          { connection: params.id, actor: actor.identity, thresholds, changed: preview.changes.length },
          'duplicate thresholds changed and applied',
        );
      }
      const fields = (s: (typeof preview.changes)[number]['before'], of: string | null) => ({
        status: s.duplicateStatus,
        of,
        ofId: s.duplicateOf,
        score: s.duplicateScore,
      });
      return {
        dryRun: query.dryRun,
        thresholds: rules.duplicates,
        people: preview.people,
        changed: preview.changes.length,
        changes: preview.changes.slice(0, TOP).map((c) => ({
          personId: c.personId,
          kind: c.kind,
          label: c.label,
          before: fields(c.before, c.beforeOf),
          after: fields(c.after, c.afterOf),
        })),
      };
    },
  });
}
