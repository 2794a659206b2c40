import type { Fields, RecordStore } from '../store.js';
import type { SfRecordError } from './errors.js';
import { field, setupObject, type SfField, type SfObject } from './schema.js';

/**
 * Permission sets, as sObjects the REST API creates and queries like any other, and what they grant.
 *
 * Fields and objects created through the Tooling or Metadata API get no field-level security and no
 * object permissions: until a profile or permission set grants them they are missing from describe,
 * SOQL answers "No such column", and writes fail (simple-salesforce/simple-salesforce#621 and #681,
 * restforce/restforce#353, forcedotcom/cli#1876). Granting them through REST:
 * https://salesforce.stackexchange.com/questions/208307 and the object reference pages below.
 */

const bool = (name: string): SfField => field(name, { type: 'boolean' });
const ref = (name: string, target: string, nillable = false): SfField =>
  field(name, { type: 'reference', referenceTo: [target], nillable });

export function permissionObjects(): SfObject[] {
  return [
    // https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_permissionset.htm
    setupObject('PermissionSet', '0PS', 'Permission Sets', [
      field('Name', { type: 'string', length: 80, unique: true, nillable: false }),
      field('Label', { type: 'string', length: 80, nillable: false }),
      field('Description', { type: 'textarea' }),
      field('IsOwnedByProfile', { type: 'boolean', createable: false, updateable: false }),
    ]),
    // https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_fieldpermissions.htm
    setupObject('FieldPermissions', '01k', 'Field Permissions', [
      ref('ParentId', 'PermissionSet'),
      field('SobjectType', { type: 'string', length: 40, nillable: false }),
      field('Field', { type: 'string', length: 120, nillable: false }),
      bool('PermissionsRead'),
      bool('PermissionsEdit'),
    ]),
    // https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_objectpermissions.htm
    setupObject('ObjectPermissions', '110', 'Object Permissions', [
      ref('ParentId', 'PermissionSet'),
      field('SobjectType', { type: 'string', length: 40, nillable: false }),
      bool('PermissionsRead'),
      bool('PermissionsCreate'),
      bool('PermissionsEdit'),
      bool('PermissionsDelete'),
      bool('PermissionsViewAllRecords'),
      bool('PermissionsModifyAllRecords'),
    ]),
    // https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_permissionsetassignment.htm
    setupObject('PermissionSetAssignment', '0Pa', 'Permission Set Assignments', [
      ref('AssigneeId', 'User'),
      ref('PermissionSetId', 'PermissionSet'),
    ]),
  ];
}

interface Grants {
  readonly readFields: ReadonlySet<string>;
  readonly editFields: ReadonlySet<string>;
  readonly readObjects: ReadonlySet<string>;
  readonly editObjects: ReadonlySet<string>;
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/** What one user may see and change, from the permission sets assigned to them (cached per store change). */
export class SfAccess {
  private cache = new Map<string, Grants>();

  constructor(private readonly store: RecordStore) {
    store.onChange(() => {
      this.cache = new Map();
    });
  }

  private grants(userId: string): Grants {
    const cached = this.cache.get(userId);
    if (cached !== undefined) return cached;
    const sets = new Set(
      this.store
        .list('PermissionSetAssignment')
        .filter((a) => str(a.fields['AssigneeId']) === userId)
        .map((a) => str(a.fields['PermissionSetId'])),
    );
    const readFields = new Set<string>();
    const editFields = new Set<string>();
    for (const p of this.store.list('FieldPermissions')) {
      if (!sets.has(str(p.fields['ParentId']))) continue;
      const key = str(p.fields['Field']).toLowerCase();
      if (p.fields['PermissionsRead'] === true) readFields.add(key);
      if (p.fields['PermissionsEdit'] === true) editFields.add(key);
    }
    const readObjects = new Set<string>();
    const editObjects = new Set<string>();
    for (const p of this.store.list('ObjectPermissions')) {
      if (!sets.has(str(p.fields['ParentId']))) continue;
      const key = str(p.fields['SobjectType']).toLowerCase();
      if (p.fields['PermissionsRead'] === true) readObjects.add(key);
      if (p.fields['PermissionsEdit'] === true) editObjects.add(key);
    }
    const g = { readFields, editFields, readObjects, editObjects };
    this.cache.set(userId, g);
    return g;
  }

  /**
   * The object as `userId` sees it through the API: undefined when the object itself is not granted;
   * otherwise only the fields they may read, read-only where they may not edit.
   */
  view(obj: SfObject, userId: string): SfObject | undefined {
    const g = this.grants(userId);
    const objectKey = obj.name.toLowerCase();
    if (obj.grantRequired === true && !g.readObjects.has(objectKey)) return undefined;
    const objectEditable = obj.grantRequired !== true || g.editObjects.has(objectKey);
    if (objectEditable && !obj.fields.some((f) => f.grantRequired === true)) return obj;
    const fields: SfField[] = [];
    for (const f of obj.fields) {
      if (!objectEditable) {
        if (f.grantRequired !== true || g.readFields.has(`${objectKey}.${f.name.toLowerCase()}`))
          fields.push({ ...f, createable: false, updateable: false });
        continue;
      }
      if (f.grantRequired !== true) {
        fields.push(f);
        continue;
      }
      const key = `${objectKey}.${f.name.toLowerCase()}`;
      if (!g.readFields.has(key)) continue;
      fields.push(g.editFields.has(key) ? f : { ...f, createable: false, updateable: false });
    }
    return { ...obj, fields };
  }
}

const rowError = (statusCode: string, message: string, fields: readonly string[]): SfRecordError => ({
  statusCode,
  message,
  fields,
});

/**
 * Save rules of the permission objects: `Field` must name an existing field (it is a restricted
 * picklist of `Object.Field` names), Edit needs Read, and one row per set and field / object / user.
 */
export function setupRowErrors(
  objectNamed: (name: string) => SfObject | undefined,
  store: RecordStore,
  obj: SfObject,
  fields: Fields,
  selfId: string | undefined,
): SfRecordError[] {
  const unique = (keys: readonly string[]): SfRecordError[] => {
    const clash = store
      .list(obj.name)
      .find(
        (r) =>
          r.id !== selfId &&
          keys.every((k) => str(r.fields[k]).toLowerCase() === str(fields[k]).toLowerCase()),
      );
    return clash === undefined
      ? []
      : [
          rowError(
            'DUPLICATE_VALUE',
            `duplicate value found: ${keys.join(', ')} duplicates value on record with id: ${clash.id}`,
            [],
          ),
        ];
  };
  switch (obj.name) {
    case 'FieldPermissions': {
      const [objectName = '', fieldName = ''] = str(fields['Field']).split('.');
      const target = objectNamed(objectName);
      const f = target?.fields.find((x) => x.name.toLowerCase() === fieldName.toLowerCase());
      if (f === undefined || f.name !== fieldName || target?.name !== objectName)
        return [
          rowError(
            'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
            `Field Name: bad value for restricted picklist field: ${str(fields['Field'])}`,
            ['Field'],
          ),
        ];
      if (fields['PermissionsEdit'] === true && fields['PermissionsRead'] !== true)
        return [
          rowError('FIELD_INTEGRITY_EXCEPTION', 'Permission Edit depends on permission(s): Read', [
            'PermissionsEdit',
          ]),
        ];
      return unique(['ParentId', 'Field']);
    }
    case 'ObjectPermissions':
      if (objectNamed(str(fields['SobjectType'])) === undefined)
        return [
          rowError(
            'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
            `SObject Type Name: bad value for restricted picklist field: ${str(fields['SobjectType'])}`,
            ['SobjectType'],
          ),
        ];
      return unique(['ParentId', 'SobjectType']);
    case 'PermissionSetAssignment':
      return unique(['AssigneeId', 'PermissionSetId']);
    default:
      return [];
  }
}
