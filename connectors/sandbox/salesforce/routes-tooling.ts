import type { Express } from 'express';
import { z } from 'zod';
import { parseBody } from '../http-app.js';
import { badRequest, versionOf, type SfContext } from './context.js';
import { sfError } from './errors.js';
import { answerMore, answerQuery, type QueryCursors } from './routes-query.js';
import { field, findField, type SfFieldType } from './schema.js';
import type { QueryRow, QueryTable } from './soql-eval.js';

// https://developer.salesforce.com/docs/atlas.en-us.api_tooling.meta/api_tooling/tooling_api_objects_customfield.htm
const TYPES: Readonly<Record<string, SfFieldType>> = {
  Text: 'string',
  TextArea: 'textarea',
  LongTextArea: 'textarea',
  Email: 'email',
  Phone: 'phone',
  Url: 'url',
  Picklist: 'picklist',
  Checkbox: 'boolean',
  Number: 'double',
  Currency: 'currency',
  Percent: 'percent',
  Date: 'date',
  DateTime: 'datetime',
  Lookup: 'reference',
  MasterDetail: 'reference',
};

const CustomFieldBody = z.object({
  FullName: z.string(),
  Metadata: z.looseObject({
    label: z.string(),
    type: z.string(),
    inlineHelpText: z.string().optional(),
    length: z.number().int().optional(),
    precision: z.number().int().optional(),
    scale: z.number().int().optional(),
    externalId: z.boolean().optional(),
    unique: z.boolean().optional(),
    required: z.boolean().optional(),
    referenceTo: z.string().optional(),
    relationshipName: z.string().optional(),
    valueSet: z
      .looseObject({
        restricted: z.boolean().optional(),
        valueSetDefinition: z
          .looseObject({ value: z.array(z.looseObject({ fullName: z.string() })) })
          .optional(),
      })
      .optional(),
  }),
});
const CustomObjectBody = z.object({
  FullName: z.string().regex(/^[A-Za-z][A-Za-z0-9_]*__c$/, 'FullName must end with __c'),
  Metadata: z.looseObject({
    label: z.string(),
    pluralLabel: z.string(),
    nameField: z.looseObject({ label: z.string(), type: z.enum(['Text', 'AutoNumber']) }),
  }),
});

const created = (id: string): Record<string, unknown> => ({
  id,
  success: true,
  errors: [],
  warnings: [],
  infos: [],
});

export function registerToolingRoutes(app: Express, ctx: SfContext, cursors: QueryCursors): void {
  const { org } = ctx;
  const toolingIds = new Map<string, string>();
  const idFor = (key: string, prefix: string): string => {
    const existing = toolingIds.get(key);
    if (existing) return existing;
    const id = org.ids.next(prefix);
    toolingIds.set(key, id);
    return id;
  };
  const text = (name: string): ReturnType<typeof field> => field(name, { type: 'string', custom: false });
  const tables: Record<string, QueryTable> = {
    customfield: {
      name: 'CustomField',
      fields: [
        field('Id', { type: 'id' }),
        text('DeveloperName'),
        text('TableEnumOrId'),
        text('FullName'),
        text('NamespacePrefix'),
      ],
      rows: () =>
        org.allObjects().flatMap((o) =>
          o.fields
            .filter((f) => f.custom)
            .map((f): QueryRow => {
              const values: Record<string, string | null> = {
                Id: f.toolingId ?? idFor(`${o.name}.${f.name}`, '00N'),
                DeveloperName: f.name.replace(/__c$/, ''),
                TableEnumOrId: o.custom ? (o.toolingId ?? o.name) : o.name,
                FullName: `${o.name}.${f.name}`,
                NamespacePrefix: null,
              };
              return { id: values['Id'] ?? '', value: (x) => values[x.name] ?? null };
            }),
        ),
    },
    customobject: {
      name: 'CustomObject',
      fields: [field('Id', { type: 'id' }), text('DeveloperName'), text('FullName'), text('NamespacePrefix')],
      rows: () =>
        org
          .allObjects()
          .filter((o) => o.custom)
          .map((o): QueryRow => {
            const values: Record<string, string | null> = {
              Id: o.toolingId ?? idFor(o.name, '01I'),
              DeveloperName: o.name.replace(/__c$/, ''),
              FullName: o.name,
              NamespacePrefix: null,
            };
            return { id: values['Id'] ?? '', value: (x) => values[x.name] ?? null };
          }),
    },
  };
  const resolve = (name: string): QueryTable | undefined => tables[name.toLowerCase()];
  app.get('/services/data/:version/tooling/query', (req, res) =>
    answerQuery(req, res, cursors, resolve, {
      scanAll: false,
      resource: 'tooling/query',
      urlBase: 'tooling/sobjects',
    }),
  );
  app.get('/services/data/:version/tooling/query/:locator', (req, res) =>
    answerMore(req, res, cursors, 'tooling/query'),
  );

  app.post('/services/data/:version/tooling/sobjects/CustomField', (req, res) => {
    versionOf(req);
    const b = parseBody(req, CustomFieldBody, badRequest);
    const [objName, fieldName] = b.FullName.split('.');
    const obj = objName ? org.object(objName) : undefined;
    if (!obj || !fieldName || !/^[A-Za-z][A-Za-z0-9_]*__c$/.test(fieldName))
      throw sfError(400, 'INVALID_FIELD', `Invalid FullName: ${b.FullName}`, ['FullName']);
    const type = TYPES[b.Metadata.type];
    if (!type)
      throw sfError(400, 'FIELD_INTEGRITY_EXCEPTION', `Field type not supported: ${b.Metadata.type}`, [
        'Metadata',
      ]);
    if (findField(obj, fieldName))
      throw sfError(
        400,
        'DUPLICATE_DEVELOPER_NAME',
        `There is already a field named ${fieldName.replace(/__c$/, '')} on ${obj.name}.`,
        [],
      );
    if (type === 'reference' && !(b.Metadata.referenceTo && org.object(b.Metadata.referenceTo)))
      throw sfError(400, 'FIELD_INTEGRITY_EXCEPTION', 'referenceTo: must be a valid sObject', [
        'referenceTo',
      ]);
    const m = b.Metadata;
    // Field labels hold 40 characters, field-level help 510.
    // https://developer.salesforce.com/docs/atlas.en-us.api_meta.meta/api_meta/customfield.htm
    if (m.label.length > 40)
      throw sfError(400, 'STRING_TOO_LONG', `Field Label: data value too large: ${m.label} (max length=40)`, [
        'label',
      ]);
    if ((m.inlineHelpText ?? '').length > 510)
      throw sfError(400, 'STRING_TOO_LONG', 'Help Text: data value too large (max length=510)', [
        'inlineHelpText',
      ]);
    const toolingId = org.ids.next('00N');
    org.addField(
      obj.name,
      field(fieldName, {
        type,
        label: m.label,
        inlineHelpText: m.inlineHelpText ?? null,
        custom: true,
        toolingId,
        grantRequired: true,
        ...(m.length !== undefined ? { length: m.length } : {}),
        ...(m.precision !== undefined ? { precision: m.precision } : {}),
        ...(m.scale !== undefined ? { scale: m.scale } : {}),
        externalId: m.externalId ?? false,
        unique: m.unique ?? false,
        nillable: !(m.required ?? false) && m.type !== 'Checkbox' && m.type !== 'MasterDetail',
        defaultedOnCreate: m.type === 'Checkbox',
        referenceTo: m.referenceTo ? [m.referenceTo] : [],
        relationshipName: m.relationshipName ?? null,
        picklistValues: m.valueSet?.valueSetDefinition?.value.map((v) => v.fullName) ?? [],
        restricted: m.valueSet?.restricted === true,
      }),
    );
    res.status(201).json(created(toolingId));
  });
  // Updating a field sends its whole metadata; here only a picklist's value set may change (adding a
  // value to an existing picklist is how an upgrade reaches orgs provisioned before it).
  // https://developer.salesforce.com/docs/atlas.en-us.api_tooling.meta/api_tooling/tooling_api_objects_customfield.htm
  app.patch('/services/data/:version/tooling/sobjects/CustomField/:id', (req, res) => {
    versionOf(req);
    const b = parseBody(req, CustomFieldBody.partial({ FullName: true }), badRequest);
    const id = req.params['id'] ?? '';
    const found = org
      .allObjects()
      .flatMap((o) => o.fields.filter((f) => f.custom && f.toolingId === id).map((f) => ({ o, f })))[0];
    if (found === undefined)
      throw sfError(404, 'NOT_FOUND', `The requested resource does not exist: CustomField ${id}`, []);
    const values = b.Metadata.valueSet?.valueSetDefinition?.value.map((v) => v.fullName);
    if (values !== undefined && found.f.type !== 'picklist')
      throw sfError(400, 'FIELD_INTEGRITY_EXCEPTION', `${found.f.name} is not a picklist`, ['valueSet']);
    const kept = values ?? found.f.picklistValues;
    const lost = found.f.picklistValues.filter((v) => !kept.includes(v));
    if (lost.length > 0)
      throw sfError(
        400,
        'FIELD_INTEGRITY_EXCEPTION',
        `values in use cannot be dropped here: ${lost.join(', ')}`,
        ['valueSet'],
      );
    org.replaceField(found.o.name, { ...found.f, label: b.Metadata.label, picklistValues: kept });
    res.status(204).end();
  });
  app.post('/services/data/:version/tooling/sobjects/CustomObject', (req, res) => {
    versionOf(req);
    const b = parseBody(req, CustomObjectBody, badRequest);
    if (org.object(b.FullName))
      throw sfError(
        400,
        'DUPLICATE_DEVELOPER_NAME',
        `There is already an object named ${b.FullName.replace(/__c$/, '')}.`,
        [],
      );
    const obj = org.addCustomObject(
      b.FullName,
      b.Metadata.label,
      b.Metadata.pluralLabel,
      b.Metadata.nameField.type === 'AutoNumber',
      true,
    );
    res.status(201).json(created(obj.toolingId ?? ''));
  });
}
