import { PartnersyncError } from '../../src/core/errors/index.js';
import { missingOptions } from '../missing-options.js';
import type { CallContext, FieldSpec, ProvisionItem, ProvisionReport, SchemaSpec } from '../port.js';
import type { SalesforceClient } from './client.js';
import { fieldMetadata, objectMetadata } from './field-metadata.js';
import { DescribeResult, ToolingCreateResult, ToolingQueryResult } from './schemas.js';
import { soqlString } from './soql.js';

/**
 * Idempotent provisioning through the Tooling API: query what exists first, create only what is
 * missing, report every item. https://developer.salesforce.com/docs/atlas.en-us.api_tooling.meta/api_tooling/
 */

const devName = (apiName: string): string => apiName.replace(/__c$/, '');

async function existingFields(
  client: SalesforceClient,
  table: string,
  ctx: CallContext,
): Promise<Map<string, string>> {
  // https://developer.salesforce.com/docs/atlas.en-us.api_tooling.meta/api_tooling/tooling_api_objects_customfield.htm
  const q = `SELECT Id, DeveloperName FROM CustomField WHERE TableEnumOrId = ${soqlString(table)}`;
  const res = await client.call(
    ToolingQueryResult,
    { method: 'GET', path: `/tooling/query?q=${encodeURIComponent(q)}` },
    ctx,
  );
  return new Map(res.records.map((r) => [r.DeveloperName ?? '', r.Id]));
}

async function existingObject(
  client: SalesforceClient,
  name: string,
  ctx: CallContext,
): Promise<string | null> {
  // https://developer.salesforce.com/docs/atlas.en-us.api_tooling.meta/api_tooling/tooling_api_objects_customobject.htm
  const q = `SELECT Id, DeveloperName FROM CustomObject WHERE DeveloperName = ${soqlString(devName(name))}`;
  const res = await client.call(
    ToolingQueryResult,
    { method: 'GET', path: `/tooling/query?q=${encodeURIComponent(q)}` },
    ctx,
  );
  return res.records[0]?.Id ?? null;
}

function failure(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** The values each picklist field of an object offers today (describe). */
async function picklistValues(
  client: SalesforceClient,
  objectName: string,
  ctx: CallContext,
): Promise<Map<string, string[]>> {
  // https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_sobject_describe.htm
  const res = await client.call(
    DescribeResult,
    { method: 'GET', path: `/sobjects/${encodeURIComponent(objectName)}/describe` },
    ctx,
  );
  return new Map(res.fields.map((f) => [f.name, (f.picklistValues ?? []).map((v) => v.value)]));
}

/**
 * An existing picklist gains the values it lacks (an org provisioned by an older version has no
 * "Not a duplicate"). The Tooling API replaces the whole value set, so the update sends the values the
 * field has plus the missing ones: nothing an admin added is lost.
 * https://developer.salesforce.com/docs/atlas.en-us.api_tooling.meta/api_tooling/tooling_api_objects_customfield.htm
 */
async function reconcilePicklist(
  client: SalesforceClient,
  objectName: string,
  field: FieldSpec,
  toolingId: string,
  current: readonly string[],
  spec: SchemaSpec,
  ctx: CallContext,
): Promise<ProvisionItem> {
  const name = `${objectName}.${field.name}`;
  const missing = missingOptions(field.options ?? [], current);
  if (missing.length === 0) return { kind: 'field', name, status: 'existed' };
  const detail = `adds picklist values: ${missing.join(', ')}`;
  if (spec.dryRun) return { kind: 'field', name, status: 'would_update', detail };
  try {
    const Metadata = fieldMetadata(objectName, { ...field, options: [...current, ...missing] });
    // 204 No Content on success; failures are thrown, classified.
    await client.send(
      {
        method: 'PATCH',
        path: `/tooling/sobjects/CustomField/${toolingId}`,
        body: { FullName: name, Metadata },
      },
      ctx,
    );
    return { kind: 'field', name, status: 'updated', detail };
  } catch (err) {
    if (!(err instanceof PartnersyncError) || err.retryable) throw err;
    return { kind: 'field', name, status: 'failed', detail: failure(err) };
  }
}

async function ensureFields(
  client: SalesforceClient,
  objectName: string,
  table: string | null,
  fields: readonly FieldSpec[],
  spec: SchemaSpec,
  ctx: CallContext,
): Promise<ProvisionItem[]> {
  const items: ProvisionItem[] = [];
  const existing = table === null ? new Map<string, string>() : await existingFields(client, table, ctx);
  let described: Map<string, string[]> | null = null;
  for (const f of fields) {
    const name = `${objectName}.${f.name}`;
    const toolingId = existing.get(devName(f.name));
    if (toolingId !== undefined && f.kind === 'picklist' && (f.options ?? []).length > 0) {
      described ??= await picklistValues(client, objectName, ctx);
      const current = described.get(f.name) ?? [];
      items.push(await reconcilePicklist(client, objectName, f, toolingId, current, spec, ctx));
    } else if (toolingId !== undefined) items.push({ kind: 'field', name, status: 'existed' });
    else if (spec.dryRun) items.push({ kind: 'field', name, status: 'would_create' });
    else {
      try {
        await client.call(
          ToolingCreateResult,
          {
            method: 'POST',
            path: '/tooling/sobjects/CustomField',
            body: { FullName: name, Metadata: fieldMetadata(objectName, f) },
          },
          ctx,
        );
        items.push({ kind: 'field', name, status: 'created' });
      } catch (err) {
        if (!(err instanceof PartnersyncError) || err.retryable) throw err;
        items.push({ kind: 'field', name, status: 'failed', detail: failure(err) });
      }
    }
  }
  return items;
}

export async function ensureSalesforceSchema(
  client: SalesforceClient,
  spec: SchemaSpec,
  ctx: CallContext,
): Promise<ProvisionReport> {
  const items: ProvisionItem[] = [];
  for (const obj of spec.customObjects) {
    let id = await existingObject(client, obj.name, ctx);
    if (id !== null) items.push({ kind: 'object', name: obj.name, status: 'existed' });
    else if (spec.dryRun) items.push({ kind: 'object', name: obj.name, status: 'would_create' });
    else {
      try {
        const created = await client.call(
          ToolingCreateResult,
          {
            method: 'POST',
            path: '/tooling/sobjects/CustomObject',
            body: { FullName: obj.name, Metadata: objectMetadata(obj) },
          },
          ctx,
        );
        id = created.id;
        items.push({ kind: 'object', name: obj.name, status: 'created' });
      } catch (err) {
        if (!(err instanceof PartnersyncError) || err.retryable) throw err;
        items.push({ kind: 'object', name: obj.name, status: 'failed', detail: failure(err) });
        continue;
      }
    }
    items.push(...(await ensureFields(client, obj.name, id, obj.fields, spec, ctx)));
  }
  for (const [objectName, fields] of Object.entries(spec.fields)) {
    items.push(...(await ensureFields(client, objectName, objectName, fields, spec, ctx)));
  }
  return { provider: 'salesforce', dryRun: spec.dryRun, items };
}
