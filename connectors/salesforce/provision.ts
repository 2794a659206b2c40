import { PartnersyncError } from '../../src/core/errors/index.js';
import type { CallContext, FieldSpec, ProvisionItem, ProvisionReport, SchemaSpec } from '../port.js';
import type { SalesforceClient } from './client.js';
import { fieldMetadata, objectMetadata } from './field-metadata.js';
import { ToolingCreateResult, ToolingQueryResult } from './schemas.js';
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
): Promise<Set<string>> {
  // https://developer.salesforce.com/docs/atlas.en-us.api_tooling.meta/api_tooling/tooling_api_objects_customfield.htm
  const q = `SELECT Id, DeveloperName FROM CustomField WHERE TableEnumOrId = ${soqlString(table)}`;
  const res = await client.call(
    ToolingQueryResult,
    { method: 'GET', path: `/tooling/query?q=${encodeURIComponent(q)}` },
    ctx,
  );
  return new Set(res.records.map((r) => r.DeveloperName ?? ''));
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

async function ensureFields(
  client: SalesforceClient,
  objectName: string,
  table: string | null,
  fields: readonly FieldSpec[],
  spec: SchemaSpec,
  ctx: CallContext,
): Promise<ProvisionItem[]> {
  const items: ProvisionItem[] = [];
  const existing = table === null ? new Set<string>() : await existingFields(client, table, ctx);
  for (const f of fields) {
    const name = `${objectName}.${f.name}`;
    if (existing.has(devName(f.name))) items.push({ kind: 'field', name, status: 'existed' });
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
