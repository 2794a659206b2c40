import type { Mapping } from '../../../mappings/index.js';
import { AdminNotFoundError } from '../../core/errors/index.js';
import { type AdminDeps, connectionOrThrow } from './admin-deps.js';

export interface ResolvedMapping {
  /** Stored version, or `null` for the connection's mapping file. */
  readonly version: number | null;
  readonly mapping: Mapping;
  readonly text: string | null;
}

/** The given stored version, or (without one) the active version read fresh from Redis. */
export async function resolveMapping(
  deps: AdminDeps,
  connectionId: string,
  version?: number,
): Promise<ResolvedMapping> {
  connectionOrThrow(deps, connectionId);
  const v = version ?? (await deps.mappings.activeVersion(connectionId));
  if (v === null) {
    const mapping = deps.fileMapping(connectionId);
    if (mapping === undefined) throw new AdminNotFoundError(`connection ${connectionId} has no mapping`);
    return { version: null, mapping, text: null };
  }
  const [stored, mapping] = await Promise.all([
    deps.mappings.get(connectionId, v),
    deps.mappings.mappingOf(connectionId, v),
  ]);
  if (stored === null || mapping === null)
    throw new AdminNotFoundError(`connection ${connectionId} has no mapping version ${v}`);
  return { version: v, mapping, text: stored.text };
}
