import type { DecisionFieldsByEntity } from '../../../mappings/index.js';
import { previewRecord, readOneRecord } from '../../admin/preview-record.js';
import { previewTargetIssues } from '../../admin/preview-target.js';
import { AdminNotFoundError, AdminRequestError } from '../../core/errors/index.js';
import { connectionOrThrow } from './admin-deps.js';
import { defineAdminRoute } from './admin-route.js';
import { ConnectionParams, PreviewBody, PreviewQuery, PreviewResponse } from './admin-schemas.js';
import { resolveMapping } from './resolve-mapping.js';

/**
 * POST /admin/connections/:id/preview — reads one record from the CRM, maps it with the active (or
 * `?version=`) mapping and plans its write-back for a sample decision. Writes nothing.
 */
export const postPreview = defineAdminRoute({
  method: 'post',
  path: '/connections/:id/preview',
  summary: 'Preview how a CRM record maps and what would be written back (writes nothing)',
  scope: 'any',
  params: ConnectionParams,
  query: PreviewQuery,
  body: PreviewBody,
  response: PreviewResponse,
  errors: [404, 502, 503],
  description:
    'The object must be one the mapping reads or writes back to, and the id a record id of the CRM ' +
    '(400 otherwise, before the CRM is called).',
  async handle({ params, query, body }, deps) {
    const runtime = connectionOrThrow(deps, params.id);
    const resolved = await resolveMapping(deps, params.id, query.version);
    const issues = previewTargetIssues(resolved.mapping, body.object, body.id);
    if (issues.length > 0) throw new AdminRequestError('invalid request body', { issues });
    const signal = AbortSignal.timeout(runtime.config.limits.timeoutMs);
    const record = await readOneRecord(runtime.connector, body.object, body.id, signal);
    if (record === null) throw new AdminNotFoundError(`no ${body.object} ${body.id} in ${params.id}`);
    // planWriteBack checks each decision strictly; wrong fields come back as issues, not as a 500.
    const decisions = body.decisions as Partial<DecisionFieldsByEntity> | undefined;
    const preview = previewRecord(resolved.mapping, params.id, record, decisions);
    return { connection: params.id, version: resolved.version, ...preview };
  },
});
