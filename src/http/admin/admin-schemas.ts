import { z } from 'zod';
import { Mapping } from '../../../mappings/index.js';
import { MappingAuditEntry, MappingVersionInfo } from '../../store/mapping-version.js';

/** Request and response shapes of the admin API; the same schemas build /admin/openapi.json. */

export const NoParams = z.object({});
export const NoQuery = z.object({});
export const ConnectionParams = z.object({ id: z.string().min(1) });
export const VersionParams = ConnectionParams.extend({ v: z.coerce.number().int().positive() });

/** A stored version, or `null` for the connection's mapping file. */
export const ActiveVersion = z.number().int().positive().nullable();

export const ConnectionSummary = z.object({
  id: z.string(),
  provider: z.enum(['salesforce', 'hubspot']),
  activeMappingVersion: ActiveVersion,
});
export const ConnectionList = z.object({ connections: z.array(ConnectionSummary) });

export const ActiveMappingResponse = z.object({
  connection: z.string(),
  version: ActiveVersion,
  source: z.enum(['store', 'file']),
  mapping: Mapping,
  text: z.string().nullable(),
});

export const VersionList = z.object({
  active: ActiveVersion,
  versions: z.array(MappingVersionInfo.extend({ active: z.boolean() })),
});

export const ValidationIssueBody = z.object({
  path: z.string(),
  message: z.string(),
  suggestion: z.string().nullable(),
  line: z.number().int().nullable(),
});

export const PutMappingText = z.strictObject({
  text: z.string().min(1).meta({ description: 'The mapping as YAML (or JSON) text.' }),
  note: z.string().max(500).optional(),
});
export const PutMappingQuery = z.object({
  activate: z.stringbool().default(false).meta({ description: 'Activate the new version at once.' }),
  note: z.string().max(500).optional(),
  check: z
    .enum(['crm'])
    .optional()
    .meta({
      description:
        'crm: also check the mapping against the live CRM (describe / properties API): every object and ' +
        'field it uses must exist with a fitting type, else 422 with the issues and nothing stored.',
    }),
});
export const PutMappingResponse = z.object({
  version: MappingVersionInfo,
  active: ActiveVersion,
  audit: z.array(MappingAuditEntry),
  /** With `?check=crm`: fields the CRM lacks only because an org setting is off (they read as empty). */
  notes: z.array(ValidationIssueBody).optional(),
});

export const SwitchResponse = z.object({ active: ActiveVersion, audit: MappingAuditEntry.nullable() });

export const AuditQuery = z.object({ limit: z.coerce.number().int().min(1).max(1000).default(100) });
export const AuditResponse = z.object({ entries: z.array(MappingAuditEntry) });

export const PreviewBody = z.strictObject({
  object: z.string().min(1).meta({ description: 'CRM object type: Lead, Account, contacts, deals, …' }),
  id: z.string().min(1).meta({ description: 'CRM record id.' }),
  decisions: z
    .record(z.string(), z.record(z.string(), z.unknown()))
    .optional()
    .meta({ description: 'Decision per write-back entity (person, opportunity, …); default: samples.' }),
});
export const PreviewQuery = z.object({
  version: z.coerce.number().int().positive().optional().meta({ description: 'Default: the active one.' }),
});
const Issue = z.object({ path: z.string(), message: z.string() });
export const PreviewResponse = z.object({
  connection: z.string(),
  version: ActiveVersion,
  record: z.record(z.string(), z.unknown()),
  entities: z.array(
    z.object({
      object: z.string(),
      entity: z.object({ kind: z.string(), entity: z.record(z.string(), z.unknown()) }),
      references: z.array(
        z.object({
          field: z.string(),
          object: z.string(),
          by: z.enum(['id', 'externalId']),
          externalIdField: z.string().nullable(),
          value: z.string(),
        }),
      ),
    }),
  ),
  issues: z.array(Issue),
  writeBack: z.array(
    z.object({
      target: z.string(),
      entity: z.string(),
      decision: z.record(z.string(), z.unknown()),
      plan: z
        .object({
          target: z.string(),
          objectType: z.string(),
          operation: z.enum(['update', 'upsert']),
          id: z.string(),
          idField: z.string(),
          fields: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
          skipped: z.array(z.string()),
        })
        .nullable(),
      issues: z.array(Issue),
    }),
  ),
});

export const RejectionList = z.object({
  rejections: z.array(
    z.object({
      key: z.string(),
      objectType: z.string(),
      id: z.string(),
      crmCode: z.string(),
      message: z.string(),
      fields: z.array(z.string()),
      at: z.string(),
    }),
  ),
});

export const OpenApiDocument = z.record(z.string(), z.unknown());
