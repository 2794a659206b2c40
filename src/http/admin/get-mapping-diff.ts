import { z } from 'zod';
import { diffMappings, summarizeDiff } from '../../admin/diff-mappings.js';
import { AdminNotFoundError } from '../../core/errors/index.js';
import { defineAdminRoute } from './admin-route.js';
import { ConnectionParams } from './admin-schemas.js';
import { resolveMapping } from './resolve-mapping.js';

const VersionRef = z.union([z.literal('file'), z.coerce.number().int().positive()]);

export const MappingDiffResponse = z.object({
  from: z.union([z.literal('file'), z.number()]),
  to: z.union([z.literal('file'), z.number()]),
  summary: z.string(),
  added: z.array(z.string()),
  removed: z.array(z.string()),
  changed: z.array(z.string()),
});

/** GET /admin/connections/:id/mapping/diff?from=&to= — what changed between two versions (or the file). */
export const getMappingDiff = defineAdminRoute({
  method: 'get',
  path: '/connections/:id/mapping/diff',
  summary: 'Diff two mapping versions (`file` = the mapping file)',
  scope: 'any',
  params: ConnectionParams,
  query: z.object({ from: VersionRef, to: VersionRef }),
  response: MappingDiffResponse,
  errors: [404],
  async handle({ params, query }, deps) {
    const load = async (ref: 'file' | number) => {
      if (ref !== 'file') return (await resolveMapping(deps, params.id, ref)).mapping;
      const file = deps.fileMapping(params.id);
      if (file === undefined) throw new AdminNotFoundError(`connection ${params.id} has no mapping file`);
      return file;
    };
    const diff = diffMappings(await load(query.from), await load(query.to));
    return { from: query.from, to: query.to, summary: summarizeDiff(diff), ...diff };
  },
});
