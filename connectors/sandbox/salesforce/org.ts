import { RecordStore, type Actor, type FieldValue, type StoredRecord } from '../store.js';
import { SfIdFactory, toBase62 } from './ids.js';
import { currencyIsoCode, featureFields, type SfOrgFeatures } from './org-features.js';
import { permissionObjects, SfAccess } from './permissions.js';
import { customObject, findField, standardObjects, type SfField, type SfObject } from './schema.js';

export const SF_ORG_ID = '00D5g000004SbxAEAS';
export const SF_ADMIN_USER_ID = '0055g00000A1dmNAAR';
export const SF_INTEGRATION_USER_ID = '0055g00000B2intAAB';

/** `2024-05-01T10:00:00.000+0000`, the REST API's datetime format. */
export function sfDateTime(ms: number): string {
  return new Date(ms).toISOString().replace('Z', '+0000');
}

export interface SfOrgOptions {
  readonly now?: (() => number) | undefined;
  /** Extra required fields per object, e.g. `{ Lead: ['Email'] }`. */
  readonly requiredFields?: Readonly<Record<string, readonly string[]>> | undefined;
  /** Org settings that add standard fields (multi-currency, state/country picklists, partner accounts). */
  readonly features?: SfOrgFeatures | undefined;
}

/**
 * A validation rule: when `violated` holds for the record as it would be saved, the save fails with
 * FIELD_CUSTOM_VALIDATION_EXCEPTION and the rule's message, per record.
 * https://help.salesforce.com/s/articleView?id=platform.fields_about_field_validation.htm
 */
export interface SfValidationRule {
  readonly object: string;
  readonly name: string;
  readonly message: string;
  /** The field the error is shown on (empty: the top of the page). */
  readonly field?: string;
  readonly violated: (record: Readonly<Record<string, FieldValue>>) => boolean;
}

const MERGEABLE = new Set(['Lead', 'Contact', 'Account']);

/** One sandbox org: metadata, records and the clock. */
export class SfOrg {
  readonly ids = new SfIdFactory();
  readonly store: RecordStore;
  readonly requiredFields: Map<string, Set<string>>;
  private readonly objects = new Map<string, SfObject>();
  private customCounter = 0;
  private readonly features: SfOrgFeatures;
  readonly access: SfAccess;
  readonly validationRules: SfValidationRule[] = [];

  constructor(options: SfOrgOptions = {}) {
    this.store = new RecordStore({
      newId: (type) => this.ids.next(this.objectOrThrow(type).keyPrefix),
      now: options.now,
    });
    this.features = options.features ?? {};
    for (const o of standardObjects()) {
      o.fields.push(...featureFields(o.name, this.features));
      this.objects.set(o.name.toLowerCase(), o);
    }
    for (const o of permissionObjects()) this.objects.set(o.name.toLowerCase(), o);
    this.access = new SfAccess(this.store);
    this.requiredFields = new Map(
      Object.entries(options.requiredFields ?? {}).map(([k, v]) => [
        k.toLowerCase(),
        new Set(v.map((f) => f.toLowerCase())),
      ]),
    );
  }

  get now(): () => number {
    return this.store.now;
  }

  object(name: string): SfObject | undefined {
    return this.objects.get(name.toLowerCase());
  }

  objectOrThrow(name: string): SfObject {
    const o = this.object(name);
    if (!o) throw new Error(`unknown sObject ${name}`);
    return o;
  }

  allObjects(): SfObject[] {
    return [...this.objects.values()];
  }

  objectByPrefix(prefix: string): SfObject | undefined {
    return this.allObjects().find((o) => o.keyPrefix === prefix);
  }

  /** The object as an API user sees it (permission sets applied), or undefined when unknown or not granted. */
  apiObject(name: string, userId: string): SfObject | undefined {
    const obj = this.object(name);
    return obj === undefined ? undefined : this.access.view(obj, userId);
  }

  /**
   * Adds a custom object with the next free `a0X`-style key prefix. `grantRequired`: created through
   * the Tooling API, so API users see it only once a permission set grants it.
   */
  addCustomObject(
    name: string,
    label: string,
    plural: string,
    autoNumber = false,
    grantRequired = false,
  ): SfObject {
    this.customCounter += 1;
    const keyPrefix = `a${toBase62(this.customCounter + 32, 2)}`;
    const made = customObject(name, label, plural, keyPrefix, this.ids.next('01I'), autoNumber);
    const obj = grantRequired ? { ...made, grantRequired } : made;
    if (this.features.multiCurrency === true) obj.fields.push(currencyIsoCode());
    this.objects.set(name.toLowerCase(), obj);
    return obj;
  }

  addField(objectName: string, f: SfField): void {
    const obj = this.objectOrThrow(objectName);
    if (findField(obj, f.name)) throw new Error(`field exists: ${objectName}.${f.name}`);
    obj.fields.push(f);
  }

  /** Replaces a field's definition (a Tooling API update of its metadata). */
  replaceField(objectName: string, f: SfField): void {
    const obj = this.objectOrThrow(objectName);
    const i = obj.fields.findIndex((x) => x.name.toLowerCase() === f.name.toLowerCase());
    if (i < 0) throw new Error(`no field ${objectName}.${f.name}`);
    obj.fields[i] = f;
  }

  /**
   * Merges records as the UI and the SOAP `merge()` call do (Lead, Contact, Account; up to three):
   * the master is kept and modified, each loser goes to the recycle bin with `MasterRecordId` set to
   * the master, visible to `queryAll` as `IsDeleted = true` until purged.
   * https://developer.salesforce.com/docs/platform/api/guide/sforce-api-calls-merge.html
   */
  merge(objectName: string, masterId: string, loserIds: readonly string[], actor: Actor): void {
    const obj = this.objectOrThrow(objectName);
    if (!MERGEABLE.has(obj.name)) throw new Error(`merge is not available for ${obj.name}`);
    if (loserIds.length < 1 || loserIds.length > 2) throw new Error('merge takes one master and 1-2 others');
    if (!this.store.get(obj.name, masterId)) throw new Error(`no live ${obj.name} ${masterId}`);
    for (const id of loserIds) {
      const loser = this.store.get(obj.name, id);
      if (!loser) throw new Error(`no live ${obj.name} ${id}`);
      loser.fields = { ...loser.fields, MasterRecordId: masterId };
      this.store.softDelete(obj.name, id, actor, 'merge', masterId, ['MasterRecordId']);
    }
    // The master is saved by the merge (its SystemModstamp moves), even with no field copied over.
    this.store.update(obj.name, masterId, {}, actor);
  }

  /**
   * Converts a lead as the UI or `convertLead()` does: a new Account and Contact (or the given ones),
   * the lead becomes `IsConverted` and can no longer be edited (CANNOT_UPDATE_CONVERTED_LEAD).
   * https://developer.salesforce.com/docs/atlas.en-us.api.meta/api/sforce_api_calls_convertlead.htm
   */
  convertLead(
    leadId: string,
    actor: Actor,
    into: { readonly accountId?: string; readonly contactId?: string } = {},
  ): { accountId: string; contactId: string } {
    const lead = this.store.get('Lead', leadId);
    if (!lead) throw new Error(`no live Lead ${leadId}`);
    if (lead.fields['IsConverted'] === true) throw new Error(`Lead ${leadId} is already converted`);
    const f = lead.fields;
    const accountId =
      into.accountId ?? this.store.create('Account', { Name: f['Company'] ?? f['LastName'] ?? '' }, actor).id;
    const contactId =
      into.contactId ??
      this.store.create(
        'Contact',
        {
          FirstName: f['FirstName'] ?? null,
          LastName: f['LastName'] ?? '',
          Email: f['Email'] ?? null,
          Phone: f['Phone'] ?? null,
          AccountId: accountId,
        },
        actor,
      ).id;
    this.store.update(
      'Lead',
      leadId,
      {
        IsConverted: true,
        Status: 'Closed - Converted',
        ConvertedAccountId: accountId,
        ConvertedContactId: contactId,
        ConvertedDate: new Date(this.now()).toISOString().slice(0, 10),
      },
      actor,
    );
    return { accountId, contactId };
  }

  /** Field value as the REST API shows it, including system and compound fields. */
  value(obj: SfObject, rec: StoredRecord, f: SfField): FieldValue {
    switch (f.name) {
      case 'Id':
        return rec.id;
      case 'IsDeleted':
        return rec.deletedAt !== null;
      case 'CreatedDate':
        return sfDateTime(rec.createdAt);
      case 'LastModifiedDate':
      case 'SystemModstamp':
        return sfDateTime(rec.updatedAt);
      case 'CreatedById':
        return rec.createdBy;
      case 'LastModifiedById':
        return rec.updatedBy;
      case 'Name':
        if (!obj.custom && (obj.name === 'Lead' || obj.name === 'Contact')) {
          return [rec.fields['FirstName'], rec.fields['LastName']]
            .filter((v) => typeof v === 'string' && v !== '')
            .join(' ');
        }
        return rec.fields['Name'] ?? null;
      default:
        return rec.fields[f.name] ?? (f.type === 'boolean' ? false : null);
    }
  }

  /** `{attributes, ...fields}`; all fields when `fields` is omitted. */
  toSObject(
    obj: SfObject,
    rec: StoredRecord,
    version: string,
    fields?: readonly SfField[],
  ): Record<string, unknown> {
    const out: Record<string, unknown> = {
      attributes: { type: obj.name, url: `/services/data/${version}/sobjects/${obj.name}/${rec.id}` },
    };
    for (const f of fields ?? obj.fields) out[f.name] = this.value(obj, rec, f);
    return out;
  }

  find(obj: SfObject, id: string, includeDeleted = false): StoredRecord | undefined {
    const rec = includeDeleted ? this.store.getAny(obj.name, id) : this.store.get(obj.name, id);
    if (rec) return rec;
    if (id.length === 15) return this.store.list(obj.name, includeDeleted).find((r) => r.id.startsWith(id));
    return undefined;
  }

  /** Finds the object a record id belongs to, by key prefix. */
  findAnywhere(id: string): { obj: SfObject; rec: StoredRecord } | undefined {
    const obj = this.objectByPrefix(id.slice(0, 3));
    const rec = obj ? this.find(obj, id) : undefined;
    return obj && rec ? { obj, rec } : undefined;
  }
}

export const adminActor: Actor = { userId: SF_ADMIN_USER_ID };
