import { connectionOrThrow } from './admin-deps.js';
import { defineAdminRoute } from './admin-route.js';
import { ConnectionParams, NoQuery, RejectionList } from './admin-schemas.js';

/** GET /admin/connections/:id/rejections — write-backs the CRM refused for good, with its message. */
export const getRejections = defineAdminRoute({
  method: 'get',
  path: '/connections/:id/rejections',
  summary: 'List permanent write-back rejections (newest first)',
  scope: 'any',
  params: ConnectionParams,
  query: NoQuery,
  response: RejectionList,
  errors: [404],
  async handle({ params }, deps) {
    connectionOrThrow(deps, params.id);
    const rejections = await deps.writeBack.rejections(params.id);
    return { rejections: rejections.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0)) };
  },
});
