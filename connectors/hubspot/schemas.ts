import { z } from 'zod';

/** HubSpot CRM v3/v4 response shapes we rely on, parsed at the edge. */

// https://developers.hubspot.com/docs/api/crm/understanding-the-crm
export const HsObject = z.looseObject({
  id: z.string(),
  properties: z.record(z.string(), z.string().nullable()).default({}),
  createdAt: z.string().optional(),
  updatedAt: z.string().optional(),
  archived: z.boolean().optional(),
  archivedAt: z.string().optional(),
  new: z.boolean().optional(),
  objectWriteTraceId: z.string().optional(),
});
export type HsObject = z.infer<typeof HsObject>;

export const HsStandardError = z.looseObject({
  status: z.string().optional(),
  category: z.string().optional(),
  message: z.string().default(''),
  context: z.record(z.string(), z.array(z.string())).optional(),
  errors: z
    .array(
      z.looseObject({
        message: z.string().optional(),
        context: z.record(z.string(), z.unknown()).optional(),
      }),
    )
    .optional(),
});
export type HsStandardError = z.infer<typeof HsStandardError>;

export const HsBatchResponse = z.looseObject({
  status: z.string().optional(),
  results: z.array(HsObject).default([]),
  numErrors: z.number().optional(),
  errors: z.array(HsStandardError).default([]),
});
export type HsBatchResponse = z.infer<typeof HsBatchResponse>;

// https://developers.hubspot.com/docs/api-reference/2026-03/crm/associations/associate-records/batch/create-associations-labeled
export const HsAssociationBatch = z.looseObject({
  results: z
    .array(
      z.looseObject({
        fromObjectId: z.union([z.number(), z.string()]),
        toObjectId: z.union([z.number(), z.string()]),
      }),
    )
    .default([]),
  errors: z.array(HsStandardError).default([]),
});
export type HsAssociationBatch = z.infer<typeof HsAssociationBatch>;

const Paging = z.object({ next: z.object({ after: z.string() }).optional() }).optional();

// https://developers.hubspot.com/docs/api-reference/search/guide
export const HsSearchResponse = z.object({ total: z.number(), results: z.array(HsObject), paging: Paging });
export type HsSearchResponse = z.infer<typeof HsSearchResponse>;

export const HsListResponse = z.object({ results: z.array(HsObject), paging: Paging });

export const HsProperties = z.object({
  results: z.array(
    z.looseObject({
      name: z.string(),
      type: z.string(),
      groupName: z.string().optional(),
      options: z.array(z.looseObject({ label: z.string(), value: z.string() })).optional(),
    }),
  ),
});

// https://developers.hubspot.com/docs/api/crm/crm-custom-objects
export const HsSchema = z.looseObject({
  name: z.string(),
  objectTypeId: z.string().optional(),
  fullyQualifiedName: z.string().optional(),
});
export const HsSchemas = z.object({ results: z.array(HsSchema) });

export const HsAnything = z.unknown();

// https://developers.hubspot.com/docs/api/oauth/tokens
export const HsToken = z.object({
  access_token: z.string().min(1),
  refresh_token: z.string().optional(),
  expires_in: z.number().optional(),
});
