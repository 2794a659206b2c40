import { z } from 'zod';

/** A stored mapping version's metadata; versions are immutable once written. */
export const MappingVersionInfo = z.object({
  version: z.number().int().positive(),
  format: z.enum(['yaml', 'json']),
  /** Token identity of whoever stored it: `admin` or `connection:<id>`. */
  author: z.string(),
  createdAt: z.string(),
  note: z.string().nullable(),
});
export type MappingVersionInfo = z.infer<typeof MappingVersionInfo>;

export const MappingVersion = MappingVersionInfo.extend({ text: z.string() });
export type MappingVersion = z.infer<typeof MappingVersion>;

export const MappingDiff = z.object({
  added: z.array(z.string()),
  removed: z.array(z.string()),
  changed: z.array(z.string()),
});

export const MappingAuditEntry = z.object({
  at: z.string(),
  actor: z.string(),
  action: z.enum(['put', 'activate', 'rollback']),
  /** Active version before (`null` = the mapping file); for `put`, the version active when it was stored. */
  from: z.number().int().nullable(),
  /** Active version after; for `put`, the new version (not necessarily active). */
  to: z.number().int().nullable(),
  summary: z.string(),
  diff: MappingDiff,
});
export type MappingAuditEntry = z.infer<typeof MappingAuditEntry>;

export function parseVersion(version: number, raw: string): MappingVersion {
  return MappingVersion.parse({ ...(JSON.parse(raw) as Record<string, unknown>), version });
}

export function parseAudit(raw: string): MappingAuditEntry {
  return MappingAuditEntry.parse(JSON.parse(raw));
}
