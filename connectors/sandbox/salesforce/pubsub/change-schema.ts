import { createHash } from 'node:crypto';
import avro from 'avro-js';
import type { SfFieldType, SfObject } from '../schema.js';
import { fieldBitmap } from './field-bitmap.js';

/** An object's change event schema as the Pub/Sub API serves it, and its Avro encoder. */
export interface ChangeSchema {
  readonly id: string;
  readonly json: string;
  encode(payload: Readonly<Record<string, unknown>>): Buffer;
}

const strings = { type: 'array', items: 'string' };
// https://developer.salesforce.com/docs/platform/change-data-capture/guide/cdc-event-fields-header.html
const HEADER = {
  type: 'record',
  name: 'ChangeEventHeader',
  fields: [
    { name: 'entityName', type: 'string' },
    { name: 'recordIds', type: strings },
    { name: 'changeType', type: 'string' },
    { name: 'changeOrigin', type: 'string' },
    { name: 'transactionKey', type: 'string' },
    { name: 'sequenceNumber', type: 'int' },
    { name: 'commitTimestamp', type: 'long' },
    { name: 'commitNumber', type: 'long' },
    { name: 'commitUser', type: 'string' },
    { name: 'nulledFields', type: strings },
    { name: 'diffFields', type: strings },
    { name: 'changedFields', type: strings },
  ],
};

function avroType(type: SfFieldType): 'boolean' | 'int' | 'double' | 'long' | 'string' {
  if (type === 'boolean') return 'boolean';
  if (type === 'int') return 'int';
  if (type === 'double' || type === 'currency' || type === 'percent') return 'double';
  // Pub/Sub delivers date-times as epoch milliseconds (api-notes §4.4).
  return type === 'datetime' ? 'long' : 'string';
}

function wrap(kind: string, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (kind === 'long') return { long: typeof value === 'string' ? Date.parse(value) : Number(value) };
  if (kind === 'int') return { int: Math.trunc(Number(value)) };
  if (kind === 'double') return { double: Number(value) };
  if (kind === 'boolean') return { boolean: Boolean(value) };
  return { string: typeof value === 'string' ? value : JSON.stringify(value) };
}

/** Header first, then every field as a nullable union (null = unchanged), as Salesforce's schemas do. */
export function changeEventSchema(obj: SfObject): ChangeSchema {
  const fields = obj.fields.map((f) => ({ name: f.name, kind: avroType(f.type) }));
  const schema = {
    type: 'record',
    name: `${obj.name.replace(/__c$/, '__')}ChangeEvent`,
    namespace: 'com.sforce.eventbus',
    fields: [
      { name: 'ChangeEventHeader', type: HEADER },
      ...fields.map((f) => ({ name: f.name, type: ['null', f.kind], default: null })),
    ],
  };
  const json = JSON.stringify(schema);
  const type = avro.parse(schema);
  const names = ['ChangeEventHeader', ...fields.map((f) => f.name)];
  const id = createHash('sha256').update(json).digest('base64url').slice(0, 22);
  return {
    id,
    json,
    encode(payload) {
      const header = payload['ChangeEventHeader'] as Record<string, unknown>;
      const bitmap = (key: string): string[] =>
        fieldBitmap(names, (header[key] as string[] | undefined) ?? []);
      const record: Record<string, unknown> = {
        ChangeEventHeader: {
          ...header,
          commitUser: header['commitUser'] ?? '',
          changedFields: bitmap('changedFields'),
          nulledFields: bitmap('nulledFields'),
          diffFields: bitmap('diffFields'),
        },
      };
      for (const f of fields) record[f.name] = wrap(f.kind, payload[f.name]);
      return type.toBuffer(record);
    },
  };
}
