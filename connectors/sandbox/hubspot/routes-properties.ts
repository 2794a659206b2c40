import { PROPERTY_PREFIXES } from './api-versions.js';
import type { Express } from 'express';
import { z } from 'zod';
import { parseBody } from '../http-app.js';
import { invalidInput, typeOf, type HsContext } from './context.js';
import { hsError } from './errors.js';
import { prop, type HsObjectType, type HsProperty } from './schema.js';

// https://developers.hubspot.com/docs/api/crm/properties
const Option = z.object({
  label: z.string(),
  value: z.string(),
  displayOrder: z.number().int().optional(),
  hidden: z.boolean().optional(),
  description: z.string().optional(),
});
export const PropertyCreate = z.object({
  name: z
    .string()
    .regex(/^[a-z][a-z0-9_]*$/, 'Property names must be lowercase letters, numbers and underscores'),
  label: z.string(),
  type: z.enum(['bool', 'date', 'datetime', 'enumeration', 'number', 'phone_number', 'string']),
  fieldType: z.enum([
    'booleancheckbox',
    'calculation_equation',
    'checkbox',
    'date',
    'file',
    'html',
    'number',
    'phonenumber',
    'radio',
    'select',
    'text',
    'textarea',
  ]),
  groupName: z.string(),
  description: z.string().optional(),
  options: z.array(Option).optional(),
  displayOrder: z.number().int().optional(),
  hasUniqueValue: z.boolean().optional(),
  hidden: z.boolean().optional(),
  formField: z.boolean().optional(),
});
const GroupCreate = z.object({
  name: z.string(),
  label: z.string(),
  displayOrder: z.number().int().optional(),
});

export function propertyJson(p: HsProperty): Record<string, unknown> {
  const at = new Date(p.createdAt).toISOString();
  return {
    name: p.name,
    label: p.label,
    type: p.type,
    fieldType: p.fieldType,
    description: p.description,
    groupName: p.groupName,
    options: p.options.map((o) => ({ ...o, description: o.description ?? '' })),
    displayOrder: p.displayOrder,
    calculated: false,
    externalOptions: false,
    hasUniqueValue: p.hasUniqueValue,
    hidden: p.hidden,
    hubspotDefined: p.hubspotDefined,
    formField: p.formField,
    createdAt: at,
    updatedAt: at,
    archived: false,
    modificationMetadata: {
      archivable: !p.hubspotDefined,
      readOnlyDefinition: p.hubspotDefined,
      readOnlyValue: p.readOnlyValue,
    },
  };
}

/** Validates and adds one property; returns an error body instead of throwing so batch/create can report 207. */
export function addProperty(
  t: HsObjectType,
  input: z.infer<typeof PropertyCreate>,
  now: number,
): { ok: true; p: HsProperty } | { ok: false; status: number; category: string; message: string } {
  if (t.properties.has(input.name))
    return {
      ok: false,
      status: 409,
      category: 'OBJECT_ALREADY_EXISTS',
      message: `Property named '${input.name}' already exists.`,
    };
  if (!t.groups.has(input.groupName))
    return {
      ok: false,
      status: 400,
      category: 'VALIDATION_ERROR',
      message: `group '${input.groupName}' does not exist.`,
    };
  if (input.type === 'enumeration' && (input.options ?? []).length === 0)
    return {
      ok: false,
      status: 400,
      category: 'VALIDATION_ERROR',
      message: 'Enumeration properties require options.',
    };
  const p = prop(input.name, input.type, input.groupName, {
    label: input.label,
    fieldType: input.fieldType,
    description: input.description ?? '',
    hubspotDefined: false,
    createdAt: now,
    options: (input.options ?? []).map((o, i) => ({
      label: o.label,
      value: o.value,
      displayOrder: o.displayOrder ?? i,
      hidden: o.hidden ?? false,
      description: o.description,
    })),
    displayOrder: input.displayOrder ?? -1,
    hasUniqueValue: input.hasUniqueValue ?? false,
    hidden: input.hidden ?? false,
    formField: input.formField ?? false,
  });
  t.properties.set(p.name, p);
  return { ok: true, p };
}

export function registerPropertyRoutes(app: Express, ctx: HsContext): void {
  for (const prefix of PROPERTY_PREFIXES) registerPropertyRoutesAt(app, ctx, `${prefix}/:objectType`);
}

function registerPropertyRoutesAt(app: Express, ctx: HsContext, base: string): void {
  const now = ctx.portal.now;
  app.get(`${base}/groups`, (req, res) => {
    const t = typeOf(ctx, req);
    res.json({ results: [...t.groups.values()].map((g) => ({ ...g, archived: false })) });
  });
  // https://developers.hubspot.com/docs/api-reference/crm-properties-v3/groups/get-crm-v3-properties-objectType-groups-groupName
  app.get(`${base}/groups/:groupName`, (req, res) => {
    const t = typeOf(ctx, req);
    const name = req.params['groupName'] ?? '';
    const g = t.groups.get(name);
    if (!g) throw hsError(404, 'OBJECT_NOT_FOUND', `Unable to find property group ${name}`);
    res.json({ ...g, archived: false });
  });
  app.post(`${base}/groups`, (req, res) => {
    const t = typeOf(ctx, req);
    const b = parseBody(req, GroupCreate, invalidInput);
    if (t.groups.has(b.name))
      throw hsError(409, 'OBJECT_ALREADY_EXISTS', `Property group named '${b.name}' already exists.`);
    const g = { name: b.name, label: b.label, displayOrder: b.displayOrder ?? -1 };
    t.groups.set(g.name, g);
    res.status(201).json({ ...g, archived: false });
  });
  app.get(base, (req, res) => {
    const t = typeOf(ctx, req);
    res.json({ results: [...t.properties.values()].map(propertyJson) });
  });
  app.get(`${base}/:propertyName`, (req, res) => {
    const t = typeOf(ctx, req);
    const p = t.properties.get(req.params['propertyName']);
    if (!p) throw hsError(404, 'OBJECT_NOT_FOUND', `Unable to find property ${req.params['propertyName']}`);
    res.json(propertyJson(p));
  });
  // Only the option list may change here (how an upgrade adds a value to an existing enumeration).
  // https://developers.hubspot.com/docs/api-reference/crm-properties-v3/core/patch-crm-v3-properties-objectType-propertyName
  app.patch(`${base}/:propertyName`, (req, res) => {
    const t = typeOf(ctx, req);
    const p = t.properties.get(req.params['propertyName']);
    if (!p) throw hsError(404, 'OBJECT_NOT_FOUND', `Unable to find property ${req.params['propertyName']}`);
    const b = parseBody(
      req,
      z.object({ label: z.string().optional(), options: z.array(Option).optional() }),
      invalidInput,
    );
    if (b.options !== undefined && p.type !== 'enumeration')
      throw hsError(400, 'VALIDATION_ERROR', `${p.name} is not an enumeration`);
    const next: HsProperty = {
      ...p,
      ...(b.label !== undefined ? { label: b.label } : {}),
      ...(b.options !== undefined
        ? {
            options: b.options.map((o, i) => ({
              label: o.label,
              value: o.value,
              displayOrder: o.displayOrder ?? i,
              hidden: o.hidden ?? false,
              description: o.description,
            })),
          }
        : {}),
    };
    t.properties.set(p.name, next);
    res.json(propertyJson(next));
  });
  app.post(base, (req, res) => {
    const t = typeOf(ctx, req);
    const out = addProperty(t, parseBody(req, PropertyCreate, invalidInput), now());
    if (!out.ok) throw hsError(out.status, out.category, out.message);
    res.status(201).json(propertyJson(out.p));
  });
  app.post(`${base}/batch/create`, (req, res) => {
    const started = new Date().toISOString();
    const t = typeOf(ctx, req);
    const b = parseBody(req, z.object({ inputs: z.array(PropertyCreate) }), invalidInput);
    const outcomes = b.inputs.map((i) => addProperty(t, i, now()));
    const errors = outcomes.flatMap((o) =>
      o.ok ? [] : [{ status: 'error', category: o.category, message: o.message, context: {} }],
    );
    res.status(errors.length > 0 ? 207 : 201).json({
      status: 'COMPLETE',
      results: outcomes.flatMap((o) => (o.ok ? [propertyJson(o.p)] : [])),
      ...(errors.length > 0 ? { numErrors: errors.length, errors } : {}),
      startedAt: started,
      completedAt: new Date().toISOString(),
    });
  });
}
