import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  HUBSPOT_DEAL_FALLBACK_FIELDS,
  hubspotDefaultSchema,
} from '../../connectors/hubspot/default-schema.js';
import type { SchemaSpec } from '../../connectors/port.js';
import { salesforceDefaultSchema } from '../../connectors/salesforce/default-schema.js';

// Table cells with their padding collapsed (prettier may align the columns).
const doc = readFileSync(new URL('../../docs/crm-contract.md', import.meta.url), 'utf8').replace(
  / +\|/g,
  ' |',
);

function rows(spec: SchemaSpec): string[] {
  return [
    ...Object.values(spec.fields).flatMap((fields) => fields.map((f) => `| \`${f.name}\` | ${f.label} |`)),
    ...spec.customObjects.flatMap((o) => [
      `### ${o.name} `,
      ...o.fields.map((f) => `| \`${f.name}\` | ${f.label} |`),
    ]),
  ];
}

describe('docs/crm-contract.md', () => {
  it('lists every object and field the default schemas provision', () => {
    const wanted = [
      ...rows(salesforceDefaultSchema(false)),
      ...rows(hubspotDefaultSchema(false)),
      ...HUBSPOT_DEAL_FALLBACK_FIELDS.map((f) => `| \`${f.name}\` | ${f.label} |`),
    ];
    expect(wanted.filter((w) => !doc.includes(w))).toEqual([]);
  });
});
