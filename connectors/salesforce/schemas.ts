import { z } from 'zod';

/** Salesforce REST response shapes we rely on, parsed at the edge. */

// https://developer.salesforce.com/docs/platform/api-rest/guide/resources-query.html
export const SfRecord = z.looseObject({
  attributes: z.object({ type: z.string(), url: z.string().optional() }).optional(),
  Id: z.string(),
  SystemModstamp: z.string().optional(),
  IsDeleted: z.boolean().optional(),
  MasterRecordId: z.string().nullable().optional(),
});
export type SfRecord = z.infer<typeof SfRecord>;

export const QueryResult = z.object({
  totalSize: z.number(),
  done: z.boolean(),
  nextRecordsUrl: z.string().optional(),
  records: z.array(SfRecord),
});
export type QueryResult = z.infer<typeof QueryResult>;

// https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_composite_sobjects_collections.htm
export const SaveError = z.looseObject({
  statusCode: z.string(),
  message: z.string(),
  fields: z.array(z.string()).default([]),
});
export const SaveResult = z.looseObject({
  id: z.string().nullable().optional(),
  success: z.boolean(),
  created: z.boolean().optional(),
  errors: z.array(SaveError).default([]),
});
export type SaveResult = z.infer<typeof SaveResult>;
export const SaveResults = z.array(SaveResult);

/** Collections retrieve returns null for ids that do not exist. */
export const RetrieveResults = z.array(SfRecord.nullable());

// https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_sobject_describe.htm
export const DescribeResult = z.looseObject({
  name: z.string(),
  fields: z.array(
    z.looseObject({
      name: z.string(),
      type: z.string(),
      externalId: z.boolean().optional(),
      unique: z.boolean().optional(),
      updateable: z.boolean().optional(),
      picklistValues: z.array(z.looseObject({ value: z.string() })).optional(),
    }),
  ),
});
export type DescribeResult = z.infer<typeof DescribeResult>;

// https://developer.salesforce.com/docs/atlas.en-us.api_tooling.meta/api_tooling/intro_rest_resources.htm
export const ToolingQueryResult = z.object({
  totalSize: z.number(),
  done: z.boolean(),
  records: z.array(z.looseObject({ Id: z.string(), DeveloperName: z.string().optional() })),
});
export const ToolingCreateResult = z.looseObject({ id: z.string(), success: z.boolean() });

// https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_composite_composite.htm
export const CompositeResult = z.object({
  compositeResponse: z.array(
    z.looseObject({ body: z.unknown(), httpStatusCode: z.number(), referenceId: z.string() }),
  ),
});
