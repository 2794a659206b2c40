/** The pure pieces of the mapping module, for the CLI, the admin API, preview and the jobs. */
export { Mapping, FieldSpec, ObjectMapping } from './schema.js';
export type { MappingDefaults, RefSpec } from './schema.js';
export { validateMapping, validateMappingObject, formatIssue } from './validate.js';
export type { ValidationIssue, ValidationResult } from './validate.js';
export { checkAgainstSchema } from './check-against-schema.js';
export type { DescribeField, DescribeData } from './check-against-schema.js';
export { mapRecord, mapObject, planWriteBack, mappingErrorOf } from './engine.js';
export type {
  MapContext,
  MapResult,
  MappedEntity,
  MappingIssue,
  PendingReference,
  WriteBackPlan,
  WriteBackPlanResult,
  WriteBackRecord,
} from './engine.js';
export type { DecisionFieldsByEntity, PersonDecision } from './decision-fields.js';
export { mappingJsonSchema, mappingJsonSchemaText } from './json-schema.js';
