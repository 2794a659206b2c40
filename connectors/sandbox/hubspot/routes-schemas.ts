import { SCHEMA_PREFIXES } from './api-versions.js';
import type { Express } from 'express';
import { z } from 'zod';
import { parseBody } from '../http-app.js';
import { invalidInput, type HsContext } from './context.js';
import { hsError } from './errors.js';
import { HS_PORTAL_ID } from './portal.js';
import { prop, type HsObjectType } from './schema.js';
import { propertyJson } from './routes-properties.js';

// https://developers.hubspot.com/docs/api/crm/crm-custom-objects
const SchemaProperty = z.object({
  name: z.string(),
  label: z.string(),
  type: z.enum(['bool', 'date', 'datetime', 'enumeration', 'number', 'phone_number', 'string']).optional(),
  fieldType: z.string().optional(),
  hasUniqueValue: z.boolean().optional(),
  options: z.array(z.object({ label: z.string(), value: z.string() })).optional(),
});
const SchemaCreate = z.object({
  name: z.string().regex(/^[a-z][a-z0-9_]*$/),
  labels: z.object({ singular: z.string(), plural: z.string() }),
  properties: z.array(SchemaProperty),
  requiredProperties: z.array(z.string()),
  associatedObjects: z.array(z.string()),
  primaryDisplayProperty: z.string().optional(),
  secondaryDisplayProperties: z.array(z.string()).optional(),
  searchableProperties: z.array(z.string()).optional(),
  description: z.string().optional(),
});

function schemaJson(ctx: HsContext, t: HsObjectType): Record<string, unknown> {
  const at = new Date(t.createdAt ?? 0).toISOString();
  return {
    id: t.objectTypeId.slice(2),
    name: t.name,
    objectTypeId: t.objectTypeId,
    fullyQualifiedName: t.fullyQualifiedName,
    labels: t.labels,
    requiredProperties: t.requiredProperties ?? [],
    searchableProperties: [],
    secondaryDisplayProperties: [],
    ...(t.primaryDisplayProperty ? { primaryDisplayProperty: t.primaryDisplayProperty } : {}),
    properties: [...t.properties.values()].map(propertyJson),
    // associations[].id is the USER_DEFINED association type id of the pair.
    associations: (t.associatedObjects ?? []).flatMap((o) => {
      const other = ctx.portal.type(o);
      if (!other) return [];
      const def = ctx.associations.definitions(t.name, other.name).find((d) => d.label === null);
      return def
        ? [
            {
              id: String(def.typeId),
              fromObjectTypeId: t.objectTypeId,
              toObjectTypeId: other.objectTypeId,
              name: `${t.name}_to_${other.singular}`,
            },
          ]
        : [];
    }),
    createdAt: at,
    updatedAt: at,
    archived: false,
  };
}

export function registerSchemaRoutes(app: Express, ctx: HsContext): void {
  const { portal } = ctx;
  // Custom objects need Enterprise (https://developers.hubspot.com/crm-custom-objects). Elsewhere the
  // schemas list reads as 200 with no results and only creating one is refused
  // (https://github.com/PipedreamHQ/pipedream/issues/2995).
  const gate = (): void => {
    if (!portal.customObjectsEnabled) {
      throw hsError(
        403,
        'MISSING_SCOPES',
        'This portal does not have access to custom objects. Custom objects require an Enterprise subscription.',
        { subCategory: 'CustomObjectsError.PORTAL_NOT_ENTERPRISE' },
      );
    }
  };
  for (const base of SCHEMA_PREFIXES) {
    app.get(base, (_req, res) => {
      res.json({
        results: portal
          .allTypes()
          .filter((t) => t.custom)
          .map((t) => schemaJson(ctx, t)),
      });
    });
    app.get(`${base}/:objectType`, (req, res) => {
      const t = portal.apiType(req.params['objectType']);
      if (!t?.custom)
        throw hsError(404, 'OBJECT_NOT_FOUND', `Unable to find object type ${req.params['objectType']}`);
      res.json(schemaJson(ctx, t));
    });
    app.post(base, (req, res) => {
      gate();
      const b = parseBody(req, SchemaCreate, invalidInput);
      if (portal.type(b.name))
        throw hsError(409, 'OBJECT_ALREADY_EXISTS', `Object type with name ${b.name} already exists.`);
      const missing = b.requiredProperties.filter((r) => !b.properties.some((p) => p.name === r));
      if (missing.length > 0)
        throw hsError(400, 'VALIDATION_ERROR', `Required properties are not defined: ${missing.join(', ')}`);
      const group = `${b.name}_information`;
      const t = portal.addCustomType((objectTypeId) => ({
        name: b.name,
        singular: b.name,
        objectTypeId,
        custom: true,
        properties: new Map(
          [
            prop('hs_object_id', 'number', group, { readOnlyValue: true }),
            prop('hs_createdate', 'datetime', group, { readOnlyValue: true }),
            prop('createdate', 'datetime', group, { readOnlyValue: true }),
            prop('hs_lastmodifieddate', 'datetime', group, { readOnlyValue: true }),
            ...b.properties.map((p) =>
              prop(p.name, p.type ?? 'string', group, {
                label: p.label,
                hubspotDefined: false,
                hasUniqueValue: p.hasUniqueValue ?? false,
                ...(p.fieldType ? { fieldType: p.fieldType } : {}),
                options: (p.options ?? []).map((o, i) => ({ ...o, displayOrder: i, hidden: false })),
              }),
            ),
          ].map((p) => [p.name, p]),
        ),
        groups: new Map([
          [group, { name: group, label: `${b.labels.singular} information`, displayOrder: 0 }],
        ]),
        defaultProperties: [
          ...(b.primaryDisplayProperty ? [b.primaryDisplayProperty] : []),
          'hs_createdate',
          'hs_lastmodifieddate',
          'hs_object_id',
        ],
        lastModifiedProperty: 'hs_lastmodifieddate',
        labels: b.labels,
        fullyQualifiedName: `p${HS_PORTAL_ID}_${b.name}`,
        requiredProperties: b.requiredProperties,
        primaryDisplayProperty: b.primaryDisplayProperty,
        associatedObjects: b.associatedObjects,
        createdAt: portal.now(),
      }));
      for (const other of b.associatedObjects) {
        const o = portal.type(other);
        if (o) ctx.associations.defineSchemaPair(t.name, o.name);
      }
      res.status(201).json(schemaJson(ctx, t));
    });
  }
}
