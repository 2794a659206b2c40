import { connectionOrThrow } from './admin-deps.js';
import { defineAdminRoute } from './admin-route.js';
import { AuditQuery, AuditResponse, ConnectionParams } from './admin-schemas.js';

/** GET /admin/connections/:id/mapping/audit — who stored, activated or rolled back what, newest first. */
export const getMappingAudit = defineAdminRoute({
  method: 'get',
  path: '/connections/:id/mapping/audit',
  summary: 'Read the mapping audit log (newest first)',
  scope: 'any',
  params: ConnectionParams,
  query: AuditQuery,
  response: AuditResponse,
  errors: [404],
  async handle({ params, query }, deps) {
    connectionOrThrow(deps, params.id);
    return { entries: await deps.mappings.audit(params.id, query.limit) };
  },
});
