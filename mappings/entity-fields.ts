import { z } from 'zod';
import {
  Account,
  DealRegistration,
  type EntityKind,
  Opportunity,
  Partner,
  PartnerTouch,
  Person,
} from '../src/domain/entities.js';
import { DECISION_SCHEMAS } from './decision-fields.js';
import type { WriteBackEntity } from './write-back-spec.js';

/** What the mapping checker needs to know about one canonical (or decision) field. */
export interface FieldInfo {
  readonly type: 'string' | 'number' | 'boolean' | 'date' | 'datetime' | 'enum' | 'list' | 'object';
  readonly nullable: boolean;
  /** Must be mapped: not nullable, no default, and not filled in by the engine. */
  readonly required: boolean;
  readonly enumValues: readonly string[];
}

export const ENTITY_SCHEMAS = {
  partner: Partner,
  person: Person,
  account: Account,
  opportunity: Opportunity,
  registration: DealRegistration,
  touch: PartnerTouch,
} as const satisfies Record<EntityKind, z.ZodObject>;

/** Fields the engine fills from the record itself: `refs`/`source` always, `id` unless mapped. */
export const AUTO_FIELDS: readonly string[] = ['id', 'refs', 'source'];

/** Canonical id fields and the entity their reference must point to. */
export const REF_TARGETS: Readonly<Record<string, EntityKind>> = {
  partnerId: 'partner',
  accountId: 'account',
  opportunityId: 'opportunity',
  convertedOpportunityId: 'opportunity',
  sourceLeadId: 'person',
  conflictWith: 'registration',
};

const JsonProp = z.looseObject({
  type: z.union([z.string(), z.array(z.string())]).optional(),
  format: z.string().optional(),
  enum: z.array(z.unknown()).optional(),
  anyOf: z.array(z.looseObject({ type: z.string().optional(), format: z.string().optional() })).optional(),
});
const JsonObject = z.looseObject({
  properties: z.record(z.string(), JsonProp),
  required: z.array(z.string()).optional(),
});

function infoOf(prop: z.infer<typeof JsonProp>, required: boolean): FieldInfo {
  const types = [prop.type ?? [], ...(prop.anyOf ?? []).map((p) => p.type ?? [])].flat();
  const format = prop.format ?? prop.anyOf?.find((p) => p.format !== undefined)?.format;
  const nullable = types.includes('null');
  const enumValues = (prop.enum ?? []).filter((v): v is string => typeof v === 'string');
  const base = types.find((t) => t !== 'null');
  const type: FieldInfo['type'] =
    enumValues.length > 0
      ? 'enum'
      : format === 'date-time'
        ? 'datetime'
        : format === 'date'
          ? 'date'
          : base === 'number' || base === 'integer'
            ? 'number'
            : base === 'boolean'
              ? 'boolean'
              : base === 'array'
                ? 'list'
                : base === 'object'
                  ? 'object'
                  : 'string';
  return { type, nullable, required: required && !nullable, enumValues };
}

function describe(schema: z.ZodObject): Readonly<Record<string, FieldInfo>> {
  const json = JsonObject.parse(z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }));
  const required = new Set(json.required ?? []);
  return Object.fromEntries(
    Object.entries(json.properties).map(([name, prop]) => [name, infoOf(prop, required.has(name))]),
  );
}

const entityCache = new Map<string, Readonly<Record<string, FieldInfo>>>();

/** The fields of a canonical entity, derived from its zod schema so the two never drift. */
export function entityFields(kind: EntityKind): Readonly<Record<string, FieldInfo>> {
  const cached = entityCache.get(kind);
  if (cached !== undefined) return cached;
  const fields = describe(ENTITY_SCHEMAS[kind]);
  entityCache.set(kind, fields);
  return fields;
}

/** The decision fields a write-back target of this entity can map. */
export function decisionFields(entity: WriteBackEntity): Readonly<Record<string, FieldInfo>> {
  const key = `decision:${entity}`;
  const cached = entityCache.get(key);
  if (cached !== undefined) return cached;
  const fields = describe(DECISION_SCHEMAS[entity]);
  entityCache.set(key, fields);
  return fields;
}
