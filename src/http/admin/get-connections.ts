import { defineAdminRoute } from './admin-route.js';
import { ConnectionList, NoParams, NoQuery } from './admin-schemas.js';
import { mayAccess } from './require-admin.js';

/** GET /admin/connections — the connections this token may see, with their active mapping version. */
export const getConnections = defineAdminRoute({
  method: 'get',
  path: '/connections',
  summary: 'List connections with provider and active mapping version',
  scope: 'any',
  params: NoParams,
  query: NoQuery,
  response: ConnectionList,
  errors: [],
  async handle({ actor }, deps) {
    const visible = deps.connections.list().filter((c) => mayAccess(actor, c.config.id));
    const connections = await Promise.all(
      visible.map(async (c) => ({
        id: c.config.id,
        provider: c.config.provider,
        activeMappingVersion: await deps.mappings.activeVersion(c.config.id),
      })),
    );
    return { connections };
  },
});
