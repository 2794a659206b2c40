import type { WriteResult } from '../../connectors/port.js';
import { splitAssociations } from './association-writes.js';
import { linkWritten, type FailedLink } from './link-written.js';
import type { WriteGroup } from './plan-writes.js';
import { upsertKeyOf, type WriteRun } from './write-run.js';

/**
 * Sends one vendor batch: updates by id, upserts by external key, deletes by the CRM id their upsert
 * returned; then links the records written to those their `@assoc:` fields name. A write that only
 * adds associations needs no record write when the record's id is known.
 */
export async function sendGroup(
  run: WriteRun,
  group: WriteGroup,
): Promise<{ results: WriteResult[]; links: Map<number, FailedLink[]> }> {
  if (group.operation === 'delete') return { results: await sendDeletes(run, group), links: new Map() };
  const { deps, connection, signal } = run;
  const { connector } = run.runtime;
  const split = group.writes.map((w) => splitAssociations(w.changed));
  const knownIds =
    group.operation === 'update'
      ? group.writes.map((w) => w.pending.request.id)
      : await deps.writeBack.crmIds(
          connection,
          group.writes.map((w) => w.pending.key),
        );
  const linkOnly = (i: number): string | null => {
    const id = knownIds[i];
    return Object.keys(split[i]?.properties ?? {}).length === 0 &&
      id !== null &&
      id !== undefined &&
      id !== ''
      ? id
      : null;
  };
  const toSend = group.writes.flatMap((w, index) => (linkOnly(index) === null ? [{ w, index }] : []));
  const sent =
    toSend.length === 0
      ? []
      : group.operation === 'update'
        ? await connector.writeBatch(
            group.objectType,
            toSend.map(({ w, index }) => ({
              id: w.pending.request.id,
              fields: split[index]?.properties ?? {},
            })),
            { signal },
          )
        : await connector.upsertByExternalKey(
            group.objectType,
            group.idField,
            toSend.map(({ w, index }) => {
              const properties = split[index]?.properties ?? {};
              // A first write that only adds an association still names its row.
              const fields =
                Object.keys(properties).length > 0 ? properties : { [group.idField]: w.pending.request.id };
              return { key: w.pending.request.id, fields };
            }),
            { signal },
          );
  const results: WriteResult[] = [
    ...sent.map((r) => ({ ...r, index: toSend[r.index]?.index ?? -1 })),
    ...group.writes.flatMap((_w, index): WriteResult[] => {
      const id = linkOnly(index);
      return id === null ? [] : [{ status: 'ok', index, id, created: false }];
    }),
  ].sort((a, b) => a.index - b.index);
  const links = await linkWritten(connector, group.objectType, results, split, signal);
  return { results, links };
}

async function sendDeletes(run: WriteRun, group: WriteGroup): Promise<WriteResult[]> {
  const { deps, connection, signal } = run;
  const { connector } = run.runtime;
  // Deletes name the row by the CRM id its upsert returned; a row we never wrote needs no call.
  const ids = await deps.writeBack.crmIds(connection, group.writes.map(upsertKeyOf));
  const known = ids.flatMap((id, index) => (id === null ? [] : [{ id, index }]));
  const unknown = ids.flatMap((id, index): WriteResult[] =>
    id === null ? [{ status: 'ok', index, id: '', created: false }] : [],
  );
  if (known.length === 0) return unknown;
  const results = await connector.deleteBatch(
    group.objectType,
    known.map((k) => k.id),
    { signal },
  );
  return [...unknown, ...results.map((r) => ({ ...r, index: known[r.index]?.index ?? -1 }))];
}
