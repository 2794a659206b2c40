import { RecordStore, type Actor, type Fields, type StoredRecord } from '../store.js';
import type { PropertyProblem } from './errors.js';
import { HsMergedIds } from './merged-ids.js';
import { standardTypes, type HsObjectType } from './schema.js';
import { text } from '../text.js';

export const HS_PORTAL_ID = 24_681_357;
export const HS_APP_ID = 3_141_592;

const ALIASES: Readonly<Record<string, string>> = {
  contact: 'contacts',
  company: 'companies',
  deal: 'deals',
};

/** One sandbox portal: object types, properties, records and associations. */
export class HsPortal {
  readonly store: RecordStore;
  readonly mergedIds = new HsMergedIds();
  private readonly types = new Map<string, HsObjectType>();
  private nextId = 10_000;
  private customCount = 0;
  customObjectsEnabled: boolean;

  constructor(now: (() => number) | undefined, customObjectsEnabled: boolean) {
    this.store = new RecordStore({ newId: () => this.newId(), now });
    for (const t of standardTypes()) this.types.set(t.name, t);
    this.customObjectsEnabled = customObjectsEnabled;
  }

  get now(): () => number {
    return this.store.now;
  }

  newId(): string {
    this.nextId += 1 + (this.nextId % 7);
    return String(this.nextId);
  }

  /** Resolves `contacts`, `contact`, `0-1`, a custom name, `2-123` or `p<portal>_<name>`. */
  type(ref: string): HsObjectType | undefined {
    const key = ref.toLowerCase();
    const direct = this.types.get(ALIASES[key] ?? key);
    if (direct) return direct;
    return [...this.types.values()].find(
      (t) => t.objectTypeId === ref || t.fullyQualifiedName?.toLowerCase() === key || t.singular === key,
    );
  }

  /**
   * A type as an API path or `associations` parameter names it. Since 2025-06-24 HubSpot refuses a
   * custom object's base name there (400 "Unable to infer object type from: <name>"): only its
   * objectTypeId, fully qualified name (`p<portalId>_<name>`) or short form (`p_<name>`) work.
   * https://developers.hubspot.com/changelog/breaking-change-removed-support-for-referencing-custom-object-types-by-base-name
   */
  apiType(ref: string): HsObjectType | undefined {
    const short = /^p_(.+)$/i.exec(ref)?.[1];
    const t = this.type(ref) ?? (short === undefined ? undefined : this.types.get(short.toLowerCase()));
    if (t?.custom !== true) return t;
    const key = ref.toLowerCase();
    const qualified =
      t.objectTypeId === ref || t.fullyQualifiedName?.toLowerCase() === key || `p_${t.name}` === key;
    return qualified ? t : undefined;
  }

  allTypes(): HsObjectType[] {
    return [...this.types.values()];
  }

  addCustomType(make: (objectTypeId: string, fullyQualifiedName: string) => HsObjectType): HsObjectType {
    this.customCount += 1;
    const t = make(`2-${1_000_000 + this.customCount * 37}`, '');
    this.types.set(t.name, t);
    return t;
  }

  /** The properties one record exposes, computed system values included. */
  propertiesOf(
    t: HsObjectType,
    rec: StoredRecord,
    wanted: readonly string[] | null,
  ): Record<string, string | null> {
    const names = wanted ?? t.defaultProperties;
    const out: Record<string, string | null> = {};
    for (const name of names) {
      if (name === 'hs_object_id') out[name] = rec.id;
      else if (name === 'createdate') out[name] = new Date(rec.createdAt).toISOString();
      else if (name === t.lastModifiedProperty) out[name] = new Date(rec.updatedAt).toISOString();
      else if (name === 'hs_updated_by_user_id') out[name] = rec.updatedBy === '' ? null : rec.updatedBy;
      else if (t.properties.has(name)) out[name] = toStr(rec.fields[name]);
    }
    return out;
  }

  /** SimplePublicObject JSON. */
  toJson(t: HsObjectType, rec: StoredRecord, wanted: readonly string[] | null): Record<string, unknown> {
    return {
      id: rec.id,
      properties: this.propertiesOf(t, rec, wanted),
      createdAt: new Date(rec.createdAt).toISOString(),
      updatedAt: new Date(rec.updatedAt).toISOString(),
      archived: rec.deletedAt !== null,
      ...(rec.deletedAt !== null ? { archivedAt: new Date(rec.deletedAt).toISOString() } : {}),
    };
  }

  /** Checks property names and values; returns the stored form or the problems HubSpot lists. */
  validate(
    t: HsObjectType,
    input: Readonly<Record<string, unknown>>,
  ): { fields: Fields; problems: PropertyProblem[] } {
    const fields: Fields = {};
    const problems: PropertyProblem[] = [];
    const problem = (name: string, error: PropertyProblem['error'], message: string): void => {
      problems.push({ isValid: false, message, error, name, localizedErrorMessage: message });
    };
    for (const [name, raw] of Object.entries(input)) {
      const p = t.properties.get(name);
      const value = text(raw);
      if (!p) problem(name, 'PROPERTY_DOESNT_EXIST', `Property "${name}" does not exist`);
      else if (p.readOnlyValue)
        problem(name, 'READ_ONLY_VALUE', `${name} is a read only property; its value cannot be set.`);
      else if (value !== '' && p.type === 'number' && !Number.isFinite(Number(value)))
        problem(name, 'INVALID_INTEGER', `${value} was not a valid number.`);
      else if (value !== '' && p.type === 'bool' && !['true', 'false'].includes(value.toLowerCase()))
        problem(name, 'INVALID_BOOLEAN', `${value} was not a valid boolean.`);
      else if (
        value !== '' &&
        (p.type === 'date' || p.type === 'datetime') &&
        Number.isNaN(/^\d+$/.test(value) ? Number(value) : Date.parse(value))
      )
        problem(name, 'INVALID_DATE', `${value} was not a valid date.`);
      else if (
        value !== '' &&
        p.type === 'enumeration' &&
        p.options.length > 0 &&
        !value.split(';').every((v) => p.options.some((o) => o.value === v))
      ) {
        problem(
          name,
          'INVALID_OPTION',
          `${value} was not one of the allowed options: ${p.options.map((o) => `[label: "${o.label}"\nvalue: "${o.value}"\ndisplay_order: ${o.displayOrder}\ndouble_data: 0.0\nhidden: false\ndescription: ""\nread_only: false\n]`).join(', ')}`,
        );
      } else fields[name] = value === '' ? null : value;
    }
    return { fields, problems };
  }

  /** Live records whose unique property equals `value` (case-insensitive). */
  findByProperty(t: HsObjectType, property: string, value: string): StoredRecord | undefined {
    if (property === 'hs_object_id') return this.store.get(t.name, value);
    const v = value.toLowerCase();
    return this.store.list(t.name).find((r) => String(r.fields[property] ?? '').toLowerCase() === v);
  }
}

function toStr(v: unknown): string | null {
  return v === null || v === undefined ? null : text(v);
}

export const adminActor: Actor = { userId: '9000001' };
