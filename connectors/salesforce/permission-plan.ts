import type { SchemaSpec } from '../port.js';

/**
 * Pure: the two permission sets that make what `provision` creates usable. Fields and objects created
 * through the Tooling or Metadata API get no field-level security and no object permissions, so without
 * a grant they are missing from describe, SOQL answers "No such column" and writes fail
 * (simple-salesforce/simple-salesforce#621, restforce/restforce#353, forcedotcom/cli#1876).
 *
 * - `PartnerSync_Integration`, assigned to the user our connection signs in as: read and edit every
 *   provisioned field, full access to the provisioned objects, read/edit/view-all on the standard
 *   objects it syncs (the sync must see every record, not only those shared with it).
 * - `PartnerSync_Read_Only`, for admins to assign to reps: read every provisioned field and object.
 *
 * Object shapes: https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_permissionset.htm,
 * …/sforce_api_objects_objectpermissions.htm, …/sforce_api_objects_fieldpermissions.htm.
 */

export const INTEGRATION_PERMISSION_SET = 'PartnerSync_Integration';
export const READ_ONLY_PERMISSION_SET = 'PartnerSync_Read_Only';

export interface ObjectGrant {
  readonly sobjectType: string;
  readonly read: boolean;
  readonly create: boolean;
  readonly edit: boolean;
  readonly delete: boolean;
  readonly viewAll: boolean;
}

export interface FieldGrant {
  readonly sobjectType: string;
  /** `Lead.PS_Duplicate_Of__c` */
  readonly field: string;
  readonly read: boolean;
  readonly edit: boolean;
}

export interface PermissionSetPlan {
  readonly name: string;
  readonly label: string;
  readonly description: string;
  readonly objects: readonly ObjectGrant[];
  readonly fields: readonly FieldGrant[];
  /** Assigned by `provision` to the connection's own user. */
  readonly assignToIntegrationUser: boolean;
}

function fieldsOf(spec: SchemaSpec): { sobjectType: string; name: string }[] {
  return [
    ...spec.customObjects.flatMap((o) => o.fields.map((f) => ({ sobjectType: o.name, name: f.name }))),
    ...Object.entries(spec.fields).flatMap(([o, fields]) =>
      fields.map((f) => ({ sobjectType: o, name: f.name })),
    ),
  ];
}

const fieldGrant = (f: { sobjectType: string; name: string }, edit: boolean): FieldGrant => ({
  sobjectType: f.sobjectType,
  field: `${f.sobjectType}.${f.name}`,
  read: true,
  edit,
});

export function permissionSetPlans(spec: SchemaSpec): readonly PermissionSetPlan[] {
  const fields = fieldsOf(spec);
  const custom = spec.customObjects.map((o) => o.name);
  const standard = Object.keys(spec.fields).filter((o) => !custom.includes(o));
  const grant = (sobjectType: string, all: boolean, viewAll: boolean): ObjectGrant => ({
    sobjectType,
    read: true,
    create: all,
    edit: all || viewAll,
    delete: all,
    viewAll,
  });
  return [
    {
      name: INTEGRATION_PERMISSION_SET,
      label: 'PartnerSync Integration',
      description:
        'Read and edit the partnersync fields and objects; assigned by partnersync provision to its integration user.',
      objects: [...custom.map((o) => grant(o, true, true)), ...standard.map((o) => grant(o, false, true))],
      fields: fields.map((f) => fieldGrant(f, true)),
      assignToIntegrationUser: true,
    },
    {
      name: READ_ONLY_PERMISSION_SET,
      label: 'PartnerSync Read Only',
      description: 'See the partnersync fields and objects (duplicate flags, registrations, attribution).',
      objects: custom.map((o) => ({
        sobjectType: o,
        read: true,
        create: false,
        edit: false,
        delete: false,
        viewAll: false,
      })),
      fields: fields.map((f) => fieldGrant(f, false)),
      assignToIntegrationUser: false,
    },
  ];
}
