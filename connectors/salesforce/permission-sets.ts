import { z } from 'zod';
import type { CallContext, ProvisionItem, SchemaSpec, WriteResult } from '../port.js';
import { chunk } from '../with-deadline.js';
import type { SalesforceClient } from './client.js';
import {
  permissionSetPlans,
  type FieldGrant,
  type ObjectGrant,
  type PermissionSetPlan,
} from './permission-plan.js';
import { SfRecord } from './schemas.js';
import { sendCollection } from './send-collection.js';
import { soqlId, soqlString } from './soql.js';

/**
 * Creates (idempotently) the permission sets of `permissionSetPlans` through the REST API, tops up
 * missing field and object permissions, and assigns the integration set to our own user. Permission
 * sets, FieldPermissions, ObjectPermissions and PermissionSetAssignment are ordinary sObjects:
 * https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_permissionsetassignment.htm
 */

const Rows = z.object({
  totalSize: z.number(),
  done: z.boolean(),
  nextRecordsUrl: z.string().optional(),
  records: z.array(SfRecord),
});

async function query(client: SalesforceClient, soql: string, ctx: CallContext): Promise<SfRecord[]> {
  const out: SfRecord[] = [];
  let path: string | undefined = `/query?q=${encodeURIComponent(soql)}`;
  while (path !== undefined) {
    const page: z.infer<typeof Rows> = await client.call(Rows, { method: 'GET', path }, ctx);
    out.push(...page.records);
    path = page.done ? undefined : page.nextRecordsUrl;
  }
  return out;
}

const yes = (v: unknown): boolean => v === true;
const text = (v: unknown): string => (typeof v === 'string' ? v : '');

function objectFields(g: ObjectGrant): Record<string, boolean> {
  return {
    PermissionsRead: g.read,
    PermissionsCreate: g.create,
    PermissionsEdit: g.edit,
    PermissionsDelete: g.delete,
    PermissionsViewAllRecords: g.viewAll,
  };
}

/** True when `have` grants at least what `want` asks for. */
function covers(have: SfRecord, want: Readonly<Record<string, boolean>>): boolean {
  return Object.entries(want).every(([k, v]) => !v || yes(have[k]));
}

interface Pending {
  readonly creates: Record<string, unknown>[];
  readonly updates: Record<string, unknown>[];
}

function diff<G>(
  grants: readonly G[],
  existing: readonly SfRecord[],
  keyOf: (g: G) => string,
  rowKey: (r: SfRecord) => string,
  fieldsOf: (g: G) => Record<string, unknown>,
  wanted: (g: G) => Record<string, boolean>,
  type: string,
): Pending {
  const byKey = new Map(existing.map((r) => [rowKey(r).toLowerCase(), r]));
  const creates: Record<string, unknown>[] = [];
  const updates: Record<string, unknown>[] = [];
  for (const g of grants) {
    const have = byKey.get(keyOf(g).toLowerCase());
    const want = wanted(g);
    if (have === undefined) creates.push({ attributes: { type }, ...fieldsOf(g), ...want });
    else if (!covers(have, want)) {
      // Only ever adds permissions: a grant an admin widened by hand stays.
      const merged = Object.fromEntries(Object.entries(want).map(([k, v]) => [k, v || yes(have[k])]));
      updates.push({ attributes: { type }, Id: have.Id, ...merged });
    }
  }
  return { creates, updates };
}

async function save(
  client: SalesforceClient,
  rows: readonly Record<string, unknown>[],
  method: 'POST' | 'PATCH',
  ctx: CallContext,
): Promise<WriteResult[]> {
  const out: WriteResult[] = [];
  for (const part of chunk(rows, 200)) {
    // https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_composite_sobjects_collections.htm
    const ids = part.map((r) => (typeof r['Id'] === 'string' ? r['Id'] : null));
    out.push(
      ...(await sendCollection(
        client,
        method,
        '/composite/sobjects',
        { allOrNone: false, records: part },
        ids,
        ctx,
      )),
    );
  }
  return out;
}

function failures(results: readonly WriteResult[], rows: readonly Record<string, unknown>[]): string[] {
  return results.flatMap((r, i) => {
    if (r.status === 'ok') return [];
    const row = rows[i] ?? {};
    const what = row['Field'] ?? row['SobjectType'] ?? row['AssigneeId'] ?? row['Id'];
    const why = r.status === 'rejected' ? `${r.crmCode}: ${r.message}` : r.reason;
    return [`${typeof what === 'string' ? what : '?'}: ${why}`];
  });
}

/** The set's id, creating it unless this is a dry run; a refused create is the item's failure. */
async function findOrCreateSet(
  client: SalesforceClient,
  plan: PermissionSetPlan,
  dryRun: boolean,
  ctx: CallContext,
): Promise<{ id: string; created: boolean } | ProvisionItem> {
  const name = `PermissionSet ${plan.name}`;
  const found = await query(
    client,
    `SELECT Id, Name FROM PermissionSet WHERE Name = ${soqlString(plan.name)}`,
    ctx,
  );
  const existing = found[0]?.Id;
  if (existing !== undefined) return { id: existing, created: false };
  if (dryRun) return { kind: 'object', name, status: 'would_create' };
  const body = {
    attributes: { type: 'PermissionSet' },
    Name: plan.name,
    Label: plan.label,
    Description: plan.description,
  };
  const [r] = await save(client, [body], 'POST', ctx);
  if (r?.status !== 'ok')
    return { kind: 'object', name, status: 'failed', detail: failures(r ? [r] : [], [body]).join('') };
  return { id: r.id, created: true };
}

interface PendingGrants {
  readonly fields: Pending;
  readonly objects: Pending;
  readonly assign: boolean;
  readonly grants: number;
}

/** What the set lacks: field and object grants to create or widen, and the assignment to our user. */
async function pendingGrants(
  client: SalesforceClient,
  plan: PermissionSetPlan,
  id: string,
  userId: string,
  ctx: CallContext,
): Promise<PendingGrants> {
  const parent = soqlId(id);
  const fieldRows = await query(
    client,
    `SELECT Id, Field, PermissionsRead, PermissionsEdit FROM FieldPermissions WHERE ParentId = ${parent}`,
    ctx,
  );
  const objectRows = await query(
    client,
    'SELECT Id, SobjectType, PermissionsRead, PermissionsCreate, PermissionsEdit, PermissionsDelete, ' +
      `PermissionsViewAllRecords FROM ObjectPermissions WHERE ParentId = ${parent}`,
    ctx,
  );
  const fields = diff<FieldGrant>(
    plan.fields,
    fieldRows,
    (g) => g.field,
    (r) => text(r['Field']),
    (g) => ({ ParentId: id, SobjectType: g.sobjectType, Field: g.field }),
    (g) => ({ PermissionsRead: g.read, PermissionsEdit: g.edit }),
    'FieldPermissions',
  );
  const objects = diff<ObjectGrant>(
    plan.objects,
    objectRows,
    (g) => g.sobjectType,
    (r) => text(r['SobjectType']),
    (g) => ({ ParentId: id, SobjectType: g.sobjectType }),
    objectFields,
    'ObjectPermissions',
  );
  let assign = false;
  if (plan.assignToIntegrationUser) {
    const assigned = await query(
      client,
      `SELECT Id FROM PermissionSetAssignment WHERE PermissionSetId = ${parent} AND AssigneeId = ${soqlId(userId)}`,
      ctx,
    );
    assign = assigned.length === 0;
  }
  const grants =
    fields.creates.length + fields.updates.length + objects.creates.length + objects.updates.length;
  return { fields, objects, assign, grants };
}

/** Sends the pending grants; returns one line per refused row. */
async function applyGrants(
  client: SalesforceClient,
  id: string,
  userId: string,
  pending: PendingGrants,
  ctx: CallContext,
): Promise<string[]> {
  const { fields, objects } = pending;
  // Object permissions first: a field grant on an object the set cannot read is refused.
  const errors = [
    ...failures(await save(client, objects.creates, 'POST', ctx), objects.creates),
    ...failures(await save(client, objects.updates, 'PATCH', ctx), objects.updates),
    ...failures(await save(client, fields.creates, 'POST', ctx), fields.creates),
    ...failures(await save(client, fields.updates, 'PATCH', ctx), fields.updates),
  ];
  if (pending.assign) {
    const row = { attributes: { type: 'PermissionSetAssignment' }, PermissionSetId: id, AssigneeId: userId };
    errors.push(...failures(await save(client, [row], 'POST', ctx), [row]));
  }
  return errors;
}

async function ensureOne(
  client: SalesforceClient,
  plan: PermissionSetPlan,
  userId: string,
  dryRun: boolean,
  ctx: CallContext,
): Promise<ProvisionItem> {
  const name = `PermissionSet ${plan.name}`;
  const set = await findOrCreateSet(client, plan, dryRun, ctx);
  if ('kind' in set) return set;
  const pending = await pendingGrants(client, plan, set.id, userId, ctx);
  const { grants, assign } = pending;
  const summary = `${grants} permission${grants === 1 ? '' : 's'} to grant${assign ? `, assign to ${userId}` : ''}`;
  if (grants === 0 && !assign) return { kind: 'object', name, status: set.created ? 'created' : 'existed' };
  if (dryRun) return { kind: 'object', name, status: 'would_create', detail: summary };
  const errors = await applyGrants(client, set.id, userId, pending, ctx);
  if (errors.length > 0)
    return {
      kind: 'object',
      name,
      status: 'failed',
      detail: `${errors.length} grant(s) refused: ${errors.slice(0, 5).join('; ')}`,
    };
  return {
    kind: 'object',
    name,
    status: 'created',
    detail: summary.replace('to grant', 'granted').replace(', assign', ', assigned'),
  };
}

export async function ensurePermissionSets(
  client: SalesforceClient,
  spec: SchemaSpec,
  ctx: CallContext,
): Promise<ProvisionItem[]> {
  const { userId } = await client.identity(ctx);
  const items: ProvisionItem[] = [];
  for (const plan of permissionSetPlans(spec))
    items.push(await ensureOne(client, plan, userId, spec.dryRun, ctx));
  return items;
}
