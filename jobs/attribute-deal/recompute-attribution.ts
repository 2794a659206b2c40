import type { Mapping } from '../../mappings/schema.js';
import type { DecisionRules } from '../../src/store/rules-store.js';
import type { DecisionDeps } from '../shared/decision-deps.js';
import { attributeOpportunities } from './attribute-opportunities.js';
import { summariseChanges, type ChangeSummary } from './attribution-changes.js';

/**
 * Re-attributes every opportunity of a connection under `rules` (what-if, or applied): the CLI's
 * `attribution recompute` and the admin API's recompute route both run this, so a console what-if and
 * the CLI can never disagree. Applied writes are handed to the write-back queue.
 */
export async function recomputeAttribution(
  deps: DecisionDeps & { readonly scheduleWriteBack: (connectionId: string) => Promise<void> },
  connectionId: string,
  options: {
    readonly mapping: Mapping;
    readonly rules: DecisionRules;
    readonly apply: boolean;
    readonly top: number;
  },
): Promise<{ readonly summary: ChangeSummary; readonly issues: readonly string[] }> {
  const ids: string[] = [];
  for await (const o of deps.mirror.scan(connectionId, 'opportunity')) ids.push(o.entity.id);
  ids.sort();
  const run = await attributeOpportunities(deps, connectionId, ids, {
    mapping: options.mapping,
    rules: options.rules,
    now: new Date().toISOString(),
    apply: options.apply,
  });
  if (options.apply && run.requests.length > 0) await deps.scheduleWriteBack(connectionId);
  const summary = summariseChanges(
    run.plans.map(({ plan, previous }) => ({
      previous,
      decision: plan.decision,
      upserted: plan.upserted,
      deleted: plan.deleted,
      converted: plan.converted.length,
    })),
    options.top,
  );
  return { summary, issues: run.issues };
}
