import { planWriteBack, type DecisionFieldsByEntity, type WriteBackRecord } from '../../mappings/index.js';
import type { Mapping } from '../../mappings/schema.js';
import type { WriteBackEntity } from '../../mappings/write-back-spec.js';
import type { JunctionRow } from '../../src/attribution/index.js';
import type { WriteBackRequest } from '../../src/store/write-back-store.js';

/** Write-back requests for one decision, and the mapping problems that kept some from being planned. */
export interface PlannedRequests {
  readonly requests: WriteBackRequest[];
  readonly issues: string[];
}

export function emptyRequests(): PlannedRequests {
  return { requests: [], issues: [] };
}

/** Plans one record's write through the connection's mapping; a mapping without that target is an issue. */
export function addWrite<K extends WriteBackEntity>(
  out: PlannedRequests,
  mapping: Mapping,
  entity: K,
  fields: DecisionFieldsByEntity[K],
  record: WriteBackRecord,
): void {
  const result = planWriteBack(mapping, entity, fields, record);
  if (!result.ok) {
    for (const issue of result.issues) out.issues.push(`${entity}: ${issue.path}: ${issue.message}`);
    return;
  }
  const { objectType, operation, idField, id } = result.plan;
  out.requests.push({ objectType, operation, idField, id, fields: result.plan.fields });
}

export function junctionFields(row: JunctionRow): DecisionFieldsByEntity['attribution'] {
  return {
    opportunityId: row.opportunityId,
    partnerId: row.partnerId,
    role: row.role,
    creditPercent: row.creditPercent,
    creditedAmount: row.creditedAmount,
    currency: row.currency,
    model: row.modelText ?? row.model,
    evidence: row.evidence,
  };
}

/** Removes a junction row we upserted earlier: same object and external key, operation `delete`. */
export function addJunctionDelete(out: PlannedRequests, mapping: Mapping, row: JunctionRow): void {
  const result = planWriteBack(mapping, 'attribution', junctionFields(row), { externalKey: row.externalKey });
  if (!result.ok) {
    for (const issue of result.issues) out.issues.push(`attribution: ${issue.path}: ${issue.message}`);
    return;
  }
  const { objectType, idField, id } = result.plan;
  out.requests.push({ objectType, operation: 'delete', idField, id, fields: {} });
}
