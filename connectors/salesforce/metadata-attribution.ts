import type { FieldSpec, SchemaSpec } from '../port.js';
import { relationshipName, type MetadataObject } from './field-metadata.js';

/**
 * Pure: what an admin deploys so reps see partner credit where they work: the attribution rows as a
 * related list on an Opportunity layout, and a report type over opportunities with those rows.
 */

const ATTRIBUTION = 'PS_Partner_Attribution__c';
const LOOKUP = 'Opportunity__c';
const ROW_COLUMNS = ['Partner__c', 'Role__c', 'Credit_Percent__c', 'Credited_Amount__c', 'Model__c'];
const OPPORTUNITY_COLUMNS = ['Name', 'Account', 'StageName', 'CloseDate', 'Amount'];

function attributionFields(spec: SchemaSpec): readonly FieldSpec[] {
  const obj = spec.customObjects.find((o) => o.name === ATTRIBUTION);
  if (obj === undefined) throw new Error(`the schema has no ${ATTRIBUTION} object`);
  return obj.fields;
}

/**
 * A layout of its own (deploying a layout replaces it whole, so the org's layouts are left alone): the
 * standard Opportunity fields, our fields read-only, and the attribution rows' related list, named
 * `<child object>.<lookup field>`. The admin assigns it, or copies the related list into theirs.
 * https://developer.salesforce.com/docs/atlas.en-us.api_meta.meta/api_meta/meta_layouts.htm
 */
export function attributionLayout(spec: SchemaSpec): { name: string; body: MetadataObject } {
  const item = (field: string, behavior: string): MetadataObject => ({ behavior, field });
  const section = (label: string, items: readonly MetadataObject[]): MetadataObject => ({
    customLabel: true,
    detailHeading: true,
    editHeading: true,
    label,
    layoutColumns: { layoutItems: [...items] },
    style: 'OneColumn',
  });
  const ours = (spec.fields['Opportunity'] ?? []).map((f) => item(f.name, 'Readonly'));
  return {
    name: 'Opportunity-PartnerSync Opportunity Layout',
    body: {
      layoutSections: [
        section('Opportunity Information', [
          item('Name', 'Required'),
          item('AccountId', 'Edit'),
          item('StageName', 'Required'),
          item('CloseDate', 'Required'),
          item('Amount', 'Edit'),
        ]),
        section('Partner Program', ours),
      ],
      relatedLists: [
        {
          fields: ['NAME', ...ROW_COLUMNS.filter((c) => attributionFields(spec).some((f) => f.name === c))],
          relatedList: `${ATTRIBUTION}.${LOOKUP}`,
          sortField: 'Credit_Percent__c',
          sortOrder: 'Desc',
        },
      ],
    },
  };
}

/**
 * "Opportunities with Partner Attributions": Opportunity joined to its attribution rows through the
 * lookup's child relationship (`<relationshipName>__r`).
 * https://developer.salesforce.com/docs/atlas.en-us.api_meta.meta/api_meta/meta_reporttype.htm
 */
export function attributionReportType(spec: SchemaSpec): { name: string; body: MetadataObject } {
  const lookup = attributionFields(spec).find((f) => f.name === LOOKUP);
  if (lookup === undefined) throw new Error(`${ATTRIBUTION} has no ${LOOKUP} lookup`);
  const relationship = `${relationshipName(ATTRIBUTION, lookup.name)}__r`;
  const column =
    (table: string) =>
    (field: string): MetadataObject => ({
      checkedByDefault: true,
      field,
      table,
    });
  const rowTable = `Opportunity.${relationship}`;
  return {
    name: 'PS_Opportunities_with_Partner_Attributions',
    body: {
      baseObject: 'Opportunity',
      category: 'opportunities',
      deployed: true,
      description: 'Each opportunity with the partners credited on it: role, credit % and credited amount.',
      join: { outerJoin: false, relationship },
      label: 'Opportunities with Partner Attributions',
      sections: [
        {
          columns: OPPORTUNITY_COLUMNS.map(column('Opportunity')),
          masterLabel: 'Opportunities',
        },
        {
          columns: ['Name', ...ROW_COLUMNS, 'Evidence__c'].map(column(rowTable)),
          masterLabel: 'Partner Attributions',
        },
      ],
    },
  };
}
