import { z } from 'zod';
import { Scalar } from './condition.js';

export const WRITE_BACK_ENTITIES = ['person', 'opportunity', 'registration', 'attribution'] as const;
export const WriteBackEntity = z.enum(WRITE_BACK_ENTITIES);
export type WriteBackEntity = z.infer<typeof WriteBackEntity>;

/** Where one of our result fields goes in the CRM. The string form is just the CRM field name. */
export const WriteFieldSpec = z.union([
  z.string().min(1),
  z.strictObject({
    field: z.string().min(1).meta({ description: 'CRM field (Salesforce API name or HubSpot property).' }),
    values: z
      .record(z.string(), Scalar)
      .optional()
      .meta({ description: 'Our enum value → CRM picklist value, e.g. possible: Possible Duplicate.' }),
    join: z.string().optional().meta({ description: 'Separator for list values (default "; ").' }),
    maxLength: z.number().int().positive().optional().meta({ description: 'Truncate longer text.' }),
    associate: z.string().min(1).optional().meta({
      description:
        'HubSpot: also associate the written record with the record of this object type whose id the value is (e.g. deals, companies).',
    }),
  }),
]);
export type WriteFieldSpec = z.infer<typeof WriteFieldSpec>;

export const WriteBackTarget = z.strictObject({
  entity: WriteBackEntity.meta({ description: 'Which of our results this target receives.' }),
  object: z
    .string()
    .min(1)
    .meta({ description: 'CRM object type, e.g. Lead, deals, PS_Deal_Registration__c.' }),
  upsertBy: z
    .string()
    .min(1)
    .optional()
    .meta({ description: 'External-id field used to upsert records we create (custom objects).' }),
  fields: z.record(z.string(), WriteFieldSpec),
});
export type WriteBackTarget = z.infer<typeof WriteBackTarget>;

/**
 * Prefix of the pseudo-fields that carry an association in a write request (`@assoc:deals` → deal id).
 * HubSpot property names never contain `@` or `:`, so these never collide with real properties.
 */
export const ASSOCIATION_FIELD_PREFIX = '@assoc:';
