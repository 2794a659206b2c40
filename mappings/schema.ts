import { z } from 'zod';
import { EntityKind, Provider } from '../src/domain/entities.js';
import { Condition, Scalar } from './condition.js';
import { TransformSpec } from './transform-spec.js';
import { WriteBackTarget } from './write-back-spec.js';

/**
 * The mapping language (docs/mappings.md). One file per connection provider maps CRM objects to the
 * canonical entities of src/domain/entities.ts and names the CRM fields our results are written to.
 */

const Value = z.union([Scalar, z.array(z.string())]);
export type Value = z.infer<typeof Value>;

/** A reference from this field to a record mapped by another object of this mapping. */
export const RefSpec = z.strictObject({
  object: z.string().min(1).meta({ description: 'Key of the referenced object under `objects`.' }),
  by: z
    .enum(['id', 'externalId'])
    .optional()
    .meta({ description: 'The source value is a CRM id (default) or an external id.' }),
  field: z
    .string()
    .min(1)
    .optional()
    .meta({ description: 'With by: externalId, the external-id field of the referenced object.' }),
});
export type RefSpec = z.infer<typeof RefSpec>;

export const FieldSpecObject = z.strictObject({
  from: z
    .union([z.string().min(1), z.array(z.string().min(1)).min(1)])
    .optional()
    .meta({
      description: 'Source field path(s). Several: the first non-empty, or all of them for concat/join.',
    }),
  const: Value.optional().meta({ description: 'A constant value; no source field is read.' }),
  default: Value.optional().meta({
    description: 'Used when the source is empty (after transforms and value map).',
  }),
  transform: z.union([TransformSpec, z.array(TransformSpec).min(1)]).optional(),
  map: z
    .record(z.string(), Scalar)
    .optional()
    .meta({ description: 'Value map: source value (picklist, stage) → canonical enum or boolean.' }),
  otherwise: Scalar.optional().meta({
    description: 'Value for source values missing from `map` (else an error).',
  }),
  when: Condition.optional().meta({
    description: 'Only map this field when the condition holds; else null.',
  }),
  ref: RefSpec.optional(),
  onInvalid: z
    .union([z.enum(['fail', 'null', 'keep']), z.null()])
    .optional()
    .meta({
      description:
        'When a transform cannot read the value: fail the record (default), use null (YAML null also works), or keep the raw value.',
    }),
});
export type FieldSpecObject = z.infer<typeof FieldSpecObject>;

/** The string form `email: Email` is short for `{ from: Email }`. */
export const FieldSpec = z.union([z.string().min(1), FieldSpecObject]);
export type FieldSpec = z.infer<typeof FieldSpec>;

export const ObjectMapping = z.strictObject({
  entity: EntityKind.meta({
    description: 'Canonical entity produced: partner, person, account, opportunity, registration, touch.',
  }),
  source: z
    .string()
    .min(1)
    .meta({ description: 'CRM object type, e.g. Lead, Account, contacts, PS_Deal_Registration__c.' }),
  description: z.string().optional(),
  where: Condition.optional().meta({
    description: 'Only records matching this condition are mapped by this object.',
  }),
  each: z
    .string()
    .min(1)
    .optional()
    .meta({ description: 'Path to a list in the record; one entity per element, read with $item.<path>.' }),
  idField: z
    .string()
    .min(1)
    .optional()
    .meta({ description: 'Record id field (default Id for Salesforce, id for HubSpot).' }),
  fields: z.record(z.string(), FieldSpec),
});
export type ObjectMapping = z.infer<typeof ObjectMapping>;

const Key = z
  .string()
  .regex(/^[a-z][A-Za-z0-9_]*$/, 'keys start with a lower-case letter: letters, digits, _');

export const MappingDefaults = z.strictObject({
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/, 'ISO-4217 code, e.g. USD')
    .optional(),
  timeZone: z.string().min(1).optional().meta({ description: 'IANA zone for dates without an offset.' }),
  phoneCountry: z
    .string()
    .length(2)
    .optional()
    .meta({ description: 'Region for phone numbers without +country.' }),
});
export type MappingDefaults = z.infer<typeof MappingDefaults>;

export const Mapping = z.strictObject({
  $schema: z.string().optional(),
  version: z.literal(1),
  provider: Provider,
  description: z.string().optional(),
  defaults: MappingDefaults.optional(),
  objects: z.record(Key, ObjectMapping),
  writeBack: z.record(Key, WriteBackTarget).optional(),
});
export type Mapping = z.infer<typeof Mapping>;

/** Normalises the string form of a field spec. */
export function fieldSpecObject(spec: FieldSpec): FieldSpecObject {
  return typeof spec === 'string' ? { from: spec } : spec;
}
