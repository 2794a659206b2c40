import { CrmAuthError, CrmRejectedError, PartnersyncError } from '../../src/core/errors/index.js';
import type {
  CallContext,
  FieldSpec,
  ObjectSpec,
  ProvisionItem,
  ProvisionReport,
  SchemaSpec,
} from '../port.js';
import type { HubspotClient } from './client.js';
import { HUBSPOT_DEAL_FALLBACK_FIELDS } from './default-schema.js';
import { HsAnything, HsProperties, HsSchemas } from './schemas.js';

/**
 * Idempotent provisioning: property group `partnersync`, properties, custom object schemas. Reads
 * what exists first; a 403 on schemas (no custom objects on this portal) falls back to deal
 * properties and says so in the report.
 * https://developers.hubspot.com/docs/api/crm/properties · https://developers.hubspot.com/docs/api/crm/crm-custom-objects
 */

export const GROUP = 'partnersync';

// https://developers.hubspot.com/docs/api/crm/properties — type/fieldType pairs
export function hubspotProperty(f: FieldSpec): Record<string, unknown> {
  const base = {
    name: f.name,
    label: f.label,
    groupName: GROUP,
    ...(f.unique === true ? { hasUniqueValue: true } : {}),
  };
  switch (f.kind) {
    case 'number':
      return { ...base, type: 'number', fieldType: 'number' };
    case 'checkbox':
      return {
        ...base,
        type: 'bool',
        fieldType: 'booleancheckbox',
        options: [
          { label: 'Yes', value: 'true' },
          { label: 'No', value: 'false' },
        ],
      };
    case 'picklist':
      return {
        ...base,
        type: 'enumeration',
        fieldType: 'select',
        options: (f.options ?? []).map((v, i) => ({ label: v, value: v, displayOrder: i })),
      };
    case 'date':
      return { ...base, type: 'date', fieldType: 'date' };
    case 'datetime':
      return { ...base, type: 'datetime', fieldType: 'date' };
    case 'textarea':
      return { ...base, type: 'string', fieldType: 'textarea' };
    default:
      return { ...base, type: 'string', fieldType: 'text' };
  }
}

async function attempt(
  item: Omit<ProvisionItem, 'status'>,
  run: () => Promise<unknown>,
): Promise<ProvisionItem> {
  try {
    await run();
    return { ...item, status: 'created' };
  } catch (err) {
    if (!(err instanceof PartnersyncError) || err.retryable) throw err;
    return { ...item, status: 'failed', detail: err.message };
  }
}

async function ensureProperties(
  client: HubspotClient,
  type: string,
  fields: readonly FieldSpec[],
  dryRun: boolean,
  ctx: CallContext,
): Promise<ProvisionItem[]> {
  const items: ProvisionItem[] = [];
  const enc = encodeURIComponent(type);
  const groups = await client
    .call(HsAnything, { method: 'GET', path: `/crm/v3/properties/${enc}/groups/${GROUP}` }, ctx)
    .then(
      () => true,
      (err: unknown) => {
        if (err instanceof CrmRejectedError && /404|OBJECT_NOT_FOUND/.test(err.message)) return false;
        throw err;
      },
    );
  const groupName = `${type}.${GROUP}`;
  if (groups) items.push({ kind: 'group', name: groupName, status: 'existed' });
  else if (dryRun) items.push({ kind: 'group', name: groupName, status: 'would_create' });
  else {
    items.push(
      await attempt({ kind: 'group', name: groupName }, () =>
        client.call(
          HsAnything,
          {
            method: 'POST',
            path: `/crm/v3/properties/${enc}/groups`,
            body: { name: GROUP, label: 'partnersync', displayOrder: -1 },
          },
          ctx,
        ),
      ),
    );
  }
  const existing = new Set(
    (
      await client.call(HsProperties, { method: 'GET', path: `/crm/v3/properties/${enc}` }, ctx)
    ).body.results.map((p) => p.name),
  );
  for (const f of fields) {
    const name = `${type}.${f.name}`;
    if (existing.has(f.name)) items.push({ kind: 'field', name, status: 'existed' });
    else if (dryRun) items.push({ kind: 'field', name, status: 'would_create' });
    else
      items.push(
        await attempt({ kind: 'field', name }, () =>
          client.call(
            HsAnything,
            { method: 'POST', path: `/crm/v3/properties/${enc}`, body: hubspotProperty(f) },
            ctx,
          ),
        ),
      );
  }
  return items;
}

function schemaBody(obj: ObjectSpec): Record<string, unknown> {
  const key = obj.fields.find((f) => f.unique === true)?.name ?? obj.fields[0]?.name ?? 'ps_external_key';
  return {
    name: obj.name,
    labels: { singular: obj.label, plural: obj.pluralLabel },
    primaryDisplayProperty: key,
    requiredProperties: [key],
    searchableProperties: [key],
    properties: obj.fields.map((f) =>
      Object.fromEntries(Object.entries(hubspotProperty(f)).filter(([k]) => k !== 'groupName')),
    ),
    associatedObjects: obj.associatedObjects ?? [],
  };
}

export async function ensureHubspotSchema(
  client: HubspotClient,
  spec: SchemaSpec,
  ctx: CallContext,
): Promise<ProvisionReport> {
  const items: ProvisionItem[] = [];
  let fallback = false;
  if (spec.customObjects.length > 0) {
    let names: Set<string> | null = null;
    try {
      const { body } = await client.call(
        HsSchemas,
        { method: 'GET', path: '/crm-object-schemas/v3/schemas' },
        ctx,
      );
      names = new Set(body.results.map((s) => s.name));
    } catch (err) {
      if (
        !(err instanceof CrmRejectedError || err instanceof CrmAuthError) ||
        !/403|MISSING_SCOPES|FORBIDDEN/i.test(err.message)
      )
        throw err;
      fallback = true;
      for (const obj of spec.customObjects) {
        items.push({
          kind: 'object',
          name: obj.name,
          status: 'fallback',
          detail: `custom objects unavailable on this portal (${err.message}); stored as deal properties instead`,
        });
      }
    }
    for (const obj of names === null ? [] : spec.customObjects) {
      if (names?.has(obj.name) === true) items.push({ kind: 'object', name: obj.name, status: 'existed' });
      else if (spec.dryRun) items.push({ kind: 'object', name: obj.name, status: 'would_create' });
      else
        items.push(
          await attempt({ kind: 'object', name: obj.name }, () =>
            client.call(
              HsAnything,
              { method: 'POST', path: '/crm-object-schemas/v3/schemas', body: schemaBody(obj) },
              ctx,
            ),
          ),
        );
    }
  }
  const fieldsByType: Record<string, readonly FieldSpec[]> = { ...spec.fields };
  if (fallback) fieldsByType.deals = [...(fieldsByType.deals ?? []), ...HUBSPOT_DEAL_FALLBACK_FIELDS];
  for (const [type, fields] of Object.entries(fieldsByType))
    items.push(...(await ensureProperties(client, type, fields, spec.dryRun, ctx)));
  return { provider: 'hubspot', dryRun: spec.dryRun, items };
}
