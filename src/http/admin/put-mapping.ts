import { z } from 'zod';
import {
  Mapping,
  type ValidationIssue,
  type ValidationResult,
  validateMappingObject,
} from '../../../mappings/index.js';
import { checkMappingAgainstCrm } from '../../admin/describe-for-mapping.js';
import { validateMappingUpload } from '../../admin/validate-mapping-upload.js';
import { mappingTooLarge } from '../../../mappings/validate.js';
import { MappingError } from '../../core/errors/index.js';
import type { MappingAuditEntry } from '../../store/mapping-store.js';
import { connectionOrThrow } from './admin-deps.js';
import { defineAdminRoute } from './admin-route.js';
import { ConnectionParams, PutMappingQuery, PutMappingResponse, PutMappingText } from './admin-schemas.js';

const Body = z.union([PutMappingText, z.record(z.string(), z.unknown())]);

function issueBody(i: Pick<ValidationIssue, 'path' | 'message' | 'suggestion' | 'line'>) {
  return { path: i.path, message: i.message, suggestion: i.suggestion, line: i.line };
}

/**
 * PUT /admin/connections/:id/mapping — stores a new immutable version after validating it. Any issue:
 * 422 listing every one, nothing stored, nothing activated. `?activate=true` activates it at once;
 * `?check=crm` also checks every object and field against the connection's live CRM.
 */
export const putMapping = defineAdminRoute({
  method: 'put',
  path: '/connections/:id/mapping',
  summary: 'Store a new mapping version (validated; optionally activated)',
  description:
    'Body: the mapping as a JSON object, or `{ "text": "<YAML>" }`. On any issue: 422 with every issue ' +
    '`{ path, message, suggestion, line }`; nothing is stored or activated. `?check=crm` also checks ' +
    'the fields against the live CRM (502/503 when it cannot be reached).',
  scope: 'any',
  params: ConnectionParams,
  query: PutMappingQuery,
  body: Body,
  bodyDoc: z.union([Mapping, PutMappingText]),
  response: PutMappingResponse,
  successStatus: 201,
  errors: [404, 422, 502, 503],
  async handle({ params, query, body, actor }, deps) {
    const runtime = connectionOrThrow(deps, params.id);
    const asText = 'text' in body && typeof body['text'] === 'string' && !('objects' in body);
    const text = asText ? String(body['text']) : `${JSON.stringify(body, null, 2)}\n`;
    const result: ValidationResult = asText
      ? await validateMappingUpload(text, 'mapping')
      : (mappingTooLarge(text, 'mapping') ?? validateMappingObject(body));
    const issues = result.ok ? [] : result.issues.map(issueBody);
    if (result.ok && result.mapping.provider !== runtime.config.provider) {
      issues.push({
        path: 'provider',
        message: `connection ${params.id} is ${runtime.config.provider}; this mapping is for ${result.mapping.provider}`,
        suggestion: runtime.config.provider,
        line: null,
      });
    }
    let notes: ReturnType<typeof issueBody>[] | undefined;
    if (issues.length === 0 && result.ok && query.check === 'crm') {
      const signal = AbortSignal.timeout(Math.max(30_000, runtime.config.limits.timeoutMs));
      const live = await checkMappingAgainstCrm(runtime.connector, result.mapping, signal);
      issues.push(...live.issues.map((i) => issueBody({ ...i, line: null })));
      notes = live.notes.map((i) => issueBody({ ...i, line: null }));
    }
    if (issues.length > 0) {
      const first = issues[0];
      throw new MappingError(
        `mapping has ${issues.length} issue(s)${first === undefined ? '' : `; first: ${first.path}: ${first.message}`}`,
        first?.path ?? '',
        { issues },
      );
    }
    const note = (asText && typeof body['note'] === 'string' ? body['note'] : query.note) ?? null;
    const { version, entry } = await deps.mappings.put(params.id, {
      text,
      format: asText ? 'yaml' : 'json',
      author: actor.identity,
      note,
    });
    const audit: MappingAuditEntry[] = [entry];
    if (query.activate) {
      const activated = await deps.mappings.activate(params.id, version.version, actor.identity);
      if (activated.ok && activated.entry !== null) audit.push(activated.entry);
    }
    deps.log.info(
      { connection: params.id, version: version.version, actor: actor.identity, activated: query.activate },
      'mapping version stored',
    );
    const active = await deps.mappings.activeVersion(params.id);
    return { version, active, audit, ...(notes === undefined ? {} : { notes }) };
  },
});
