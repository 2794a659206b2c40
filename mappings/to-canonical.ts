import type { z } from 'zod';
import type { CanonicalEntity, EntityKind } from '../src/domain/entities.js';
import { ENTITY_SCHEMAS } from './entity-fields.js';

export type CanonicalOutcome =
  | { readonly ok: true; readonly value: CanonicalEntity }
  | { readonly ok: false; readonly issues: readonly z.core.$ZodIssue[] };

/** Validates assembled data with the entity's own zod schema. */
export function toCanonical(kind: EntityKind, data: Readonly<Record<string, unknown>>): CanonicalOutcome {
  switch (kind) {
    case 'partner': {
      const r = ENTITY_SCHEMAS.partner.safeParse(data);
      return r.success
        ? { ok: true, value: { kind, entity: r.data } }
        : { ok: false, issues: r.error.issues };
    }
    case 'person': {
      const r = ENTITY_SCHEMAS.person.safeParse(data);
      return r.success
        ? { ok: true, value: { kind, entity: r.data } }
        : { ok: false, issues: r.error.issues };
    }
    case 'account': {
      const r = ENTITY_SCHEMAS.account.safeParse(data);
      return r.success
        ? { ok: true, value: { kind, entity: r.data } }
        : { ok: false, issues: r.error.issues };
    }
    case 'opportunity': {
      const r = ENTITY_SCHEMAS.opportunity.safeParse(data);
      return r.success
        ? { ok: true, value: { kind, entity: r.data } }
        : { ok: false, issues: r.error.issues };
    }
    case 'registration': {
      const r = ENTITY_SCHEMAS.registration.safeParse(data);
      return r.success
        ? { ok: true, value: { kind, entity: r.data } }
        : { ok: false, issues: r.error.issues };
    }
    case 'touch': {
      const r = ENTITY_SCHEMAS.touch.safeParse(data);
      return r.success
        ? { ok: true, value: { kind, entity: r.data } }
        : { ok: false, issues: r.error.issues };
    }
  }
}
