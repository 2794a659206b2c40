import { CrmAuthError, CrmRejectedError, PartnersyncError } from '../../src/core/errors/index.js';
import { missingOptions } from '../missing-options.js';
import type { CallContext, FieldSpec, ProvisionItem, ProvisionReport, SchemaSpec } from '../port.js';
import { propertiesPath, SCHEMAS_PATH } from './api-paths.js';
import type { HubspotClient } from './client.js';
import { HUBSPOT_DEAL_FALLBACK_FIELDS } from './default-schema.js';
import { GROUP, hubspotProperty, keyProperty, schemaBody } from './property-definition.js';
import { HsAnything, HsProperties, HsSchema, HsSchemas } from './schemas.js';

/**
 * Idempotent provisioning: property group `partnersync`, properties, custom object schemas (and
 * their properties, so an upgrade adds new ones). Reads what exists first; a 403 listing or creating
 * schemas (no custom objects on this portal) falls back to deal properties and says so in the report.
 * https://developers.hubspot.com/docs/api/crm/properties · https://developers.hubspot.com/docs/api/crm/crm-custom-objects
 */

async function attempt(
  item: Omit<ProvisionItem, 'status'>,
  run: () => Promise<unknown>,
): Promise<ProvisionItem> {
  try {
    await run();
    return { ...item, status: 'created' };
  } catch (err) {
    // A create retried after a hung connection whose first try went through.
    if (alreadyExists(err)) return { ...item, status: 'created' };
    if (!(err instanceof PartnersyncError) || err.retryable) throw err;
    return { ...item, status: 'failed', detail: err.message };
  }
}

const alreadyExists = (err: unknown): boolean =>
  err instanceof CrmRejectedError && /^HubSpot 409 |OBJECT_ALREADY_EXISTS/.test(err.message);

const notFound = (err: unknown): boolean =>
  err instanceof CrmRejectedError && /404|OBJECT_NOT_FOUND/.test(err.message);

/**
 * An existing enumeration gains the options it lacks (a portal provisioned by an older version has no
 * "Not a duplicate"). A PATCH with `options` replaces the whole list, so it sends the options the
 * property has (labels and order kept) followed by the missing ones.
 * https://developers.hubspot.com/docs/api-reference/crm-properties-v3/core/patch-crm-v3-properties-objectType-propertyName
 * (the 2026-03 properties API takes the same body at `propertiesPath`)
 */
async function addOptions(
  client: HubspotClient,
  props: string,
  name: string,
  f: FieldSpec,
  have: readonly { label: string; value: string }[],
  dryRun: boolean,
  ctx: CallContext,
): Promise<ProvisionItem> {
  const missing = missingOptions(
    f.options ?? [],
    have.map((o) => o.value),
  );
  if (missing.length === 0) return { kind: 'field', name, status: 'existed' };
  const detail = `adds options: ${missing.join(', ')}`;
  if (dryRun) return { kind: 'field', name, status: 'would_update', detail };
  const options = [...have, ...missing.map((v) => ({ label: v, value: v }))].map((o, i) => ({
    label: o.label,
    value: o.value,
    displayOrder: i,
  }));
  const req = {
    method: 'PATCH' as const,
    path: `${props}/${encodeURIComponent(f.name)}`,
    body: { options },
  };
  const item = await attempt({ kind: 'field', name }, () => client.call(HsAnything, req, ctx));
  return item.status === 'created' ? { ...item, status: 'updated', detail } : item;
}

/** `type` is what the API takes (`contacts`, `2-123`); `label` names the items (`ps_deal_registration`). */
async function ensureProperties(
  client: HubspotClient,
  type: string,
  label: string,
  fields: readonly FieldSpec[],
  dryRun: boolean,
  ctx: CallContext,
): Promise<ProvisionItem[]> {
  const items: ProvisionItem[] = [];
  const props = propertiesPath(type);
  // https://developers.hubspot.com/docs/api-reference/2026-03/crm/properties/property-groups/get-property
  const group = await client.call(HsAnything, { method: 'GET', path: `${props}/groups/${GROUP}` }, ctx).then(
    () => true,
    (err: unknown) => {
      if (notFound(err)) return false;
      throw err;
    },
  );
  const { body } = await client.call(HsProperties, { method: 'GET', path: props }, ctx);
  const existing = new Map(body.results.map((p) => [p.name, p]));
  const groupName = `${label}.${GROUP}`;
  if (group) items.push({ kind: 'group', name: groupName, status: 'existed' });
  else if (dryRun) items.push({ kind: 'group', name: groupName, status: 'would_create' });
  else {
    const body = { name: GROUP, label: 'partnersync', displayOrder: -1 };
    items.push(
      await attempt({ kind: 'group', name: groupName }, () =>
        client.call(HsAnything, { method: 'POST', path: `${props}/groups`, body }, ctx),
      ),
    );
  }
  for (const f of fields) {
    const name = `${label}.${f.name}`;
    const found = existing.get(f.name);
    if (found !== undefined && f.kind === 'picklist' && found.type === 'enumeration') {
      const have = found.options ?? [];
      items.push(await addOptions(client, props, name, f, have, dryRun, ctx));
    } else if (found !== undefined) items.push({ kind: 'field', name, status: 'existed' });
    else if (dryRun) items.push({ kind: 'field', name, status: 'would_create' });
    else {
      const req = { method: 'POST' as const, path: props, body: hubspotProperty(f) };
      items.push(await attempt({ kind: 'field', name }, () => client.call(HsAnything, req, ctx)));
    }
  }
  return items;
}

const forbidden = (err: unknown): boolean =>
  (err instanceof CrmRejectedError || err instanceof CrmAuthError) &&
  /403|MISSING_SCOPES|FORBIDDEN|PORTAL_NOT_ENTERPRISE/i.test(err.message);

/**
 * Existing custom object schemas by name → objectTypeId, or the error when the portal refuses to list
 * them (403). A portal without custom objects (non-Enterprise) usually lists them as 200 with no
 * results and refuses only the create (https://github.com/PipedreamHQ/pipedream/issues/2995).
 */
async function existingSchemas(
  client: HubspotClient,
  ctx: CallContext,
): Promise<Map<string, string> | Error> {
  try {
    const { body } = await client.call(HsSchemas, { method: 'GET', path: SCHEMAS_PATH }, ctx);
    return new Map(body.results.map((s) => [s.name, s.objectTypeId ?? s.name]));
  } catch (err) {
    if (!forbidden(err) || !(err instanceof Error)) throw err;
    return err;
  }
}

async function ensureCustomObjects(
  client: HubspotClient,
  spec: SchemaSpec,
  schemas: Map<string, string>,
  ctx: CallContext,
): Promise<ProvisionItem[] | Error> {
  const items: ProvisionItem[] = [];
  for (const obj of spec.customObjects) {
    let typeId = schemas.get(obj.name);
    if (typeId !== undefined) items.push({ kind: 'object', name: obj.name, status: 'existed' });
    else if (spec.dryRun) {
      items.push({ kind: 'object', name: obj.name, status: 'would_create' });
      items.push({ kind: 'group', name: `${obj.name}.${GROUP}`, status: 'would_create' });
      for (const f of obj.fields)
        items.push({ kind: 'field', name: `${obj.name}.${f.name}`, status: 'would_create' });
      continue;
    } else {
      try {
        const req = {
          method: 'POST' as const,
          path: SCHEMAS_PATH,
          body: schemaBody(obj),
        };
        const { body } = await client.call(HsSchema, req, ctx);
        typeId = body.objectTypeId ?? obj.name;
        items.push({ kind: 'object', name: obj.name, status: 'created' });
      } catch (err) {
        if (alreadyExists(err)) {
          // Created by a try whose answer was lost: read its objectTypeId back.
          const now = await existingSchemas(client, ctx);
          const id = now instanceof Error ? undefined : now.get(obj.name);
          if (id !== undefined) {
            typeId = id;
            items.push({ kind: 'object', name: obj.name, status: 'created' });
            const props = await ensureProperties(client, typeId, obj.name, obj.fields, spec.dryRun, ctx);
            items.push(...props);
            continue;
          }
        }
        if (!(err instanceof PartnersyncError) || err.retryable) throw err;
        // The portal has no custom objects: every registration lives on the deal instead.
        if (forbidden(err)) return err;
        items.push({ kind: 'object', name: obj.name, status: 'failed', detail: err.message });
        continue;
      }
    }
    const justCreated = items.at(-1)?.status === 'created' ? keyProperty(obj)?.name : undefined;
    const props = await ensureProperties(client, typeId, obj.name, obj.fields, spec.dryRun, ctx);
    items.push(
      ...props.map((p) =>
        p.name === `${obj.name}.${justCreated}` ? { ...p, status: 'created' as const } : p,
      ),
    );
  }
  return items;
}

export async function ensureHubspotSchema(
  client: HubspotClient,
  spec: SchemaSpec,
  ctx: CallContext,
): Promise<ProvisionReport> {
  const items: ProvisionItem[] = [];
  let fallback = false;
  if (spec.customObjects.length > 0) {
    const existing = await existingSchemas(client, ctx);
    const schemas =
      existing instanceof Error ? existing : await ensureCustomObjects(client, spec, existing, ctx);
    if (schemas instanceof Error) {
      fallback = true;
      for (const obj of spec.customObjects) {
        items.push({
          kind: 'object',
          name: obj.name,
          status: 'fallback',
          detail: `custom objects unavailable on this portal (${schemas.message}); stored as deal properties and association labels instead`,
        });
      }
    } else items.push(...schemas);
  }
  const fieldsByType: Record<string, readonly FieldSpec[]> = { ...spec.fields };
  if (fallback) fieldsByType.deals = [...(fieldsByType.deals ?? []), ...HUBSPOT_DEAL_FALLBACK_FIELDS];
  for (const [type, fields] of Object.entries(fieldsByType))
    items.push(...(await ensureProperties(client, type, type, fields, spec.dryRun, ctx)));
  return { provider: 'hubspot', dryRun: spec.dryRun, items };
}
